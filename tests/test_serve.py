"""summitdata serve: builds the database, runs Datasette on 127.0.0.1 only, and leaves no server or files behind.

The real Datasette is run with ``--get`` (one request in-process, then exit), the serving path
with ``launch`` replaced, and once for real (slow) to prove a stop signal leaves nothing behind.
"""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

import pytest

from summitdata.cli import run
from summitdata.commands import serve
from tests.conftest import ROOT

#: (arguments after "serve", what the one error line says).
USAGE_ERRORS = [
    (["--port", "70000"], "--port 70000 is not a port number"),
    (["--package", "{tmp}/missing", "--dir", "{tmp}/db"], "missing does not exist"),
]


def call(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def test_dry_run_builds_the_database_and_prints_a_localhost_datasette_command(tmp_path: Path) -> None:
    code, out, err = call("serve", "--dir", str(tmp_path), "--dry-run", "--port", "8123", "--package", str(ROOT))
    assert code == 0, err
    assert (tmp_path / "summitdata.db").is_file()
    assert (tmp_path / "summitdata.metadata.json").is_file()
    command = out.split()
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert command[command.index("--port") + 1] == "8123"
    assert str(tmp_path / "summitdata.db") in command
    assert "building the database" in err  # progress on stderr


@pytest.mark.slow
def test_the_printed_command_serves_the_database_and_its_metadata(tmp_path: Path) -> None:
    _, out, _ = call("serve", "--dir", str(tmp_path), "--dry-run")
    # --get answers one request in-process and exits: no server is left running.
    result = subprocess.run(
        [*out.split(), "--get", "/-/metadata.json"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    metadata = json.loads(result.stdout)
    assert metadata["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "statements" in metadata["databases"]["summitdata"]["tables"]


def test_serve_runs_datasette_in_the_foreground_then_removes_its_temporary_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    launched: list[list[str]] = []

    def fake_launch(command: Sequence[str]) -> int:
        launched.append(list(command))
        database = Path(command[command.index("serve") + 1])
        assert database.is_file()  # built before Datasette starts
        return 0

    monkeypatch.setattr(serve, "launch", fake_launch)
    code, out, err = call("serve", "--open")
    assert code == 0, err
    assert out == ""
    [command] = launched
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert "--open" in command
    assert not Path(command[command.index("serve") + 1]).parent.exists()
    assert "http://127.0.0.1:8001/summitdata" in err


def test_a_datasette_failure_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(serve, "launch", lambda command: 1)
    code, _, err = call("serve", "--dir", str(tmp_path))
    assert code == 2
    assert err.strip().splitlines()[-1] == "summitdata serve: Datasette stopped with exit code 1 (is port 8001 in use?)"


def test_ctrl_c_stops_the_server_quietly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def interrupted(command: Sequence[str]) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(serve, "launch", interrupted)
    code, _, _ = call("serve", "--dir", str(tmp_path))
    assert code == 0


def test_without_datasette_installed_serve_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    code, _, err = call("serve", "--dry-run")
    assert code == 2
    assert err.strip().splitlines() == [
        "summitdata serve: Datasette is not installed — run: python -m pip install 'summitdata[export]'"
    ]


@pytest.mark.parametrize(("arguments", "message"), USAGE_ERRORS, ids=[e[1] for e in USAGE_ERRORS])
def test_a_usage_error_is_one_line_and_exit_2(tmp_path: Path, arguments: list[str], message: str) -> None:
    code, _, err = call("serve", *(a.format(tmp=tmp_path) for a in arguments), "--dry-run")
    assert code == 2
    errors = [line for line in err.splitlines() if line.startswith("summitdata serve:") and "building" not in line]
    assert len(errors) == 1
    assert message in errors[0]
    assert "Traceback" not in err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_stop_signal_stops_datasette_frees_the_port_and_removes_the_files(tmp_path: Path, stop: int) -> None:
    """SIGTERM or SIGHUP to `summitdata serve` cleans up exactly as Ctrl-C does."""
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # the temporary folder lands where the test can see it
    with subprocess.Popen(
        [sys.executable, "-m", "summitdata", "serve", "--port", str(port), "--package", str(ROOT)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        deadline = time.monotonic() + 120
        while not _answers(port):
            assert process.poll() is None, "serve exited before Datasette answered"
            assert time.monotonic() < deadline, "Datasette did not answer"
            time.sleep(0.5)
        [folder] = tmp_path.iterdir()
        assert folder.name.startswith("summitdata-serve-")
        process.send_signal(stop)
        assert process.wait(timeout=60) == 0
        assert process.stderr is not None
        assert process.stderr.read().splitlines()[-1] == "summitdata serve: stopped"
    assert not _answers(port)
    assert list(tmp_path.iterdir()) == []
    with socket.socket() as again:
        # Free for a new server: nothing listens (SO_REUSEADDR, as servers set it, skips closed connections' TIME_WAIT).
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))
        again.listen()


def test_dry_run_says_where_it_left_its_files(tmp_path: Path) -> None:
    """The kept folder is named, so the user can find and delete it."""
    code, _, err = call("serve", "--dir", str(tmp_path), "--dry-run", "--package", str(ROOT))
    assert code == 0
    assert err.splitlines()[-1] == (
        f"summitdata serve: the database and its metadata are in {tmp_path}; delete it when done"
    )


def test_the_site_is_built_beside_the_database_with_links_to_its_rows(tmp_path: Path) -> None:
    """serve builds the static site too, mounts it at /site/, and its records link to their Datasette rows."""
    code, out, err = call("serve", "--dir", str(tmp_path), "--dry-run", "--package", str(ROOT))
    assert code == 0, err
    command = out.split()
    assert command[command.index("--static") + 1] == f"site:{tmp_path / 'site'}"
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="datasette" href="/summitdata/statements/' in index


@pytest.mark.slow
def test_the_printed_command_serves_the_site_at_slash_site(tmp_path: Path) -> None:
    """Datasette, run with the printed command, answers /site/index.html with the annotated article."""
    _, out, _ = call("serve", "--dir", str(tmp_path), "--dry-run")
    result = subprocess.run(
        [*out.split(), "--get", "/site/index.html"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "The article, annotated" in result.stdout
