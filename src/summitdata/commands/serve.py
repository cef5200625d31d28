"""``summitdata serve``: build the SQLite export and browse it in Datasette on this machine."""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from summitdata.commands._common import EXIT_OK, EXIT_USAGE, Subparsers

#: Only this machine can connect: the server is for the person running it.
HOST = "127.0.0.1"
DEFAULT_PORT = 8001
DATABASE = "summitdata.db"


def register(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "serve",
        help="build the SQLite database and browse it in Datasette on localhost",
        description="Build the SQLite export with its Datasette metadata (titles, descriptions, licence, "
        f"sources, facets) in a temporary directory, then run Datasette on {HOST} until you press Ctrl-C. "
        "Needs the export extra: pip install 'summitdata[export]'.",
        epilog="Example: summitdata serve --open   # then browse http://127.0.0.1:8001/summitdata",
    )
    parser.add_argument(
        "--package", type=Path, metavar="DIR", help="the package directory to serve (default: the bundled data)"
    )
    parser.add_argument(
        "-p", "--port", type=int, default=DEFAULT_PORT, help=f"the port to listen on (default: {DEFAULT_PORT})"
    )
    parser.add_argument("-o", "--open", action="store_true", help="open the browser once Datasette is running")
    parser.add_argument(
        "--dir",
        type=Path,
        metavar="DIR",
        help="build the database in DIR and keep it (default: a temporary directory, removed on exit)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="build the database, print the Datasette command, and exit without starting a server",
    )


def datasette_command(database: Path, metadata: Path, port: int, open_browser: bool) -> list[str]:
    """The command that serves ``database``: this interpreter's Datasette, bound to localhost."""
    command = [sys.executable, "-m", "datasette", "serve", str(database), "--metadata", str(metadata)]
    command += ["--host", HOST, "--port", str(port)]
    return [*command, "--open"] if open_browser else command


def launch(command: Sequence[str]) -> int:
    """Run Datasette in the foreground until it stops; its output goes straight to the terminal."""
    return subprocess.run(list(command), check=False).returncode


def _usage_problem(args: argparse.Namespace) -> str | None:
    if not 0 <= args.port <= 65535:
        return f"--port {args.port} is not a port number (0-65535)"
    if importlib.util.find_spec("datasette") is None:
        return "Datasette is not installed — run: python -m pip install 'summitdata[export]'"
    return None


def _build(args: argparse.Namespace, directory: Path, stderr: TextIO) -> list[str]:
    """Build the database and its metadata in ``directory``; return the command serving them."""
    from summitdata.export import FORMATS
    from summitdata.export.datasette import metadata_path
    from summitdata.loader import load

    def progress(message: str) -> None:
        stderr.write(f"  {message}\n")

    stderr.write("summitdata serve: building the database…\n")
    ds = load(args.package or args.default_package)
    database = directory / DATABASE
    FORMATS["sqlite"].write(ds, database, progress)
    return datasette_command(database, metadata_path(database), args.port, args.open)


def _serve(command: list[str], port: int, stderr: TextIO) -> int:
    stderr.write(f"summitdata serve: http://{HOST}:{port}/{Path(DATABASE).stem} — press Ctrl-C to stop\n")
    stderr.flush()
    try:
        code = launch(command)
    except KeyboardInterrupt:
        code = 0
    if code <= 0 or code == 130:  # stopped normally, by Ctrl-C or by a signal
        stderr.write("summitdata serve: stopped\n")
        return EXIT_OK
    stderr.write(f"summitdata serve: Datasette stopped with exit code {code} (is port {port} in use?)\n")
    return EXIT_USAGE


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from summitdata.export import MissingDependencyError
    from summitdata.loader import LoadError

    problem = _usage_problem(args)
    if problem is not None:
        stderr.write(f"summitdata serve: {problem}\n")
        return EXIT_USAGE
    keep = args.dir is not None or args.dry_run  # a printed command needs its database
    directory: Path = args.dir if args.dir is not None else Path(tempfile.mkdtemp(prefix="summitdata-serve-"))
    try:
        command = _build(args, directory, stderr)
        if args.dry_run:
            stdout.write(" ".join(command) + "\n")
            return EXIT_OK
        return _serve(command, args.port, stderr)
    except OSError as exc:
        reason = str(exc) if exc.filename is None else f"cannot build the database in {directory}: {exc.strerror}"
        stderr.write(f"summitdata serve: {reason}\n")
        return EXIT_USAGE
    except (LoadError, MissingDependencyError, ValueError) as exc:
        stderr.write(f"summitdata serve: {exc}\n")
        return EXIT_USAGE
    finally:
        if not keep:
            shutil.rmtree(directory, ignore_errors=True)
