"""``summitdata serve``: build the SQLite export and browse it in Datasette on this machine."""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TextIO

from summitdata.commands._common import EXIT_OK, EXIT_USAGE, Subparsers, add_package_argument, package_folder

#: Only this machine can connect: the server is for the person running it.
HOST = "127.0.0.1"
DEFAULT_PORT = 8001
DATABASE = "summitdata.db"
#: The static site (summitdata export site) is served beside the database at /site/.
SITE = "site"


def register(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "serve",
        help="browse the data in Datasette on this machine",
        description="Build the SQLite export with its Datasette metadata (titles, descriptions, licence, "
        f"sources, facets) in a temporary directory, then run Datasette on {HOST} until you press Ctrl-C (or "
        "the process gets SIGTERM or SIGHUP): Datasette is stopped and the temporary directory removed. "
        "Needs the export extra: pip install 'summitdata[export]'.",
        epilog="Example: summitdata serve --open   # then browse http://127.0.0.1:8001/summitdata",
    )
    add_package_argument(parser)
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


def datasette_command(
    database: Path, metadata: Path, port: int, open_browser: bool, site: Path | None = None
) -> list[str]:
    """The command that serves ``database`` (and ``site`` at /site/): this interpreter's Datasette, on localhost."""
    command = [sys.executable, "-m", "datasette", "serve", str(database), "--metadata", str(metadata)]
    if site is not None:
        command += ["--static", f"{SITE}:{site}"]
    command += ["--host", HOST, "--port", str(port)]
    return [*command, "--open"] if open_browser else command


def launch(command: Sequence[str]) -> int:
    """Run Datasette in the foreground until it stops; its output goes straight to the terminal.

    However this process is stopped (Ctrl-C, or SIGTERM/SIGHUP turned into KeyboardInterrupt by
    :func:`stop_signals_interrupt`), Datasette is stopped and waited for before the caller
    removes the folder it serves from, so the port is free when the command returns.
    """
    process = subprocess.Popen(list(command))
    try:
        return process.wait()
    except BaseException:
        process.terminate()
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        raise


#: How long Datasette gets to stop after SIGTERM before it is killed.
STOP_SECONDS = 10

#: Signals that stop ``serve`` the way Ctrl-C does: a service manager's stop, a closed terminal.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


@contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise KeyboardInterrupt, so they clean up as Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread can handle signals (a test calling run() from a worker thread)
        return
    previous = {signum: signal.signal(signum, _interrupt) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


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
    from summitdata.export.site import build_site
    from summitdata.loader import load

    def progress(message: str) -> None:
        stderr.write(f"  {message}\n")

    stderr.write("summitdata serve: building the database…\n")
    ds = load(package_folder(args))
    database = directory / DATABASE
    FORMATS["sqlite"].write(ds, database, progress)
    site = directory / SITE
    # Records on the site link to their rows in this Datasette.
    build_site(ds, site, progress, datasette=f"/{database.stem}")
    return datasette_command(database, metadata_path(database), args.port, args.open, site)


def _serve(command: list[str], port: int, stderr: TextIO) -> int:
    stderr.write(f"summitdata serve: http://{HOST}:{port}/{Path(DATABASE).stem} — press Ctrl-C to stop\n")
    stderr.write(f"summitdata serve: the annotated article: http://{HOST}:{port}/{SITE}/index.html\n")
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
        with stop_signals_interrupt():
            command = _build(args, directory, stderr)
            if args.dry_run:
                stdout.write(" ".join(command) + "\n")
                stderr.write(
                    f"summitdata serve: the database and its metadata are in {directory}; delete it when done\n"
                )
                return EXIT_OK
            return _serve(command, args.port, stderr)
    except KeyboardInterrupt:  # while building: nothing is running yet
        stderr.write("summitdata serve: stopped\n")
        return EXIT_OK
    except OSError as exc:
        reason = str(exc) if exc.filename is None else f"cannot build the database in {directory}: {exc.strerror}"
        stderr.write(f"summitdata serve: {reason}\n")
        return EXIT_USAGE
    except (LoadError, MissingDependencyError, ValueError) as exc:  # NotAPackageError is a ValueError
        stderr.write(f"summitdata serve: {exc}\n")
        return EXIT_USAGE
    finally:
        if not keep:
            shutil.rmtree(directory, ignore_errors=True)
