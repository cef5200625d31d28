"""The gate under attack: whatever a contribution holds, a report — never a traceback, a fetch, a write,
a read past the limit, or two engines that disagree.

A Python audit hook watches every file the gate opens and every socket it touches. Hypothesis draws
hostile contributions from any Unicode (cells, file names, JSON values, YAML documents), and both
engines run on each. Derandomized, so CI runs the same examples every time.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summitdata.cli import run
from summitdata.csvio import to_csv
from summitdata.fields import URL_SCREEN, character_ranges, check_text, check_url
from summitdata.resources import BY_NAME
from summitdata.validation import CODES, FORMATS, Report, format_report, validate_package
from summitdata.validation.fast import validate_fast
from summitdata.validation.package import LAYER_FAILED
from summitdata.validation.report import printable
from tests.cases.edits import ROOT, copy_package

HOSTILE = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


@dataclass
class Watch:
    """What the gate did while watched: files opened (path, flags), sockets touched."""

    root: Path | None = None
    opened: list[tuple[str, Any]] = field(default_factory=list)
    network: list[tuple[str, Any]] = field(default_factory=list)


_WATCH: list[Watch] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _WATCH:
        return
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        _WATCH[-1].opened.append((os.fsdecode(args[0]), args[1] if len(args) > 1 else None))
    elif event.startswith("socket.") and event not in ("socket.__new__", "socket.gethostname"):
        _WATCH[-1].network.append((event, args))


sys.addaudithook(_audit)  # hooks cannot be removed; this one records only inside `watched()`


@contextmanager
def watched(root: Path) -> Iterator[Watch]:
    watch = Watch(root.resolve())
    _WATCH.append(watch)
    try:
        yield watch
    finally:
        _WATCH.pop()


def _writes(watch: Watch) -> list[str]:
    written = []
    for path, mode in watch.opened:
        text_mode = isinstance(mode, str) and any(flag in mode for flag in "wax+")
        flag_mode = isinstance(mode, int) and mode & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND)
        if text_mode or flag_mode:
            written.append(path)
    return written


def _package_reads(watch: Watch) -> list[Path]:
    assert watch.root is not None
    return [Path(p) for p, _ in watch.opened if Path(p).is_absolute() and watch.root in Path(p).parents]


def gate(package: Path, max_bytes: int = 2 * 1024**3) -> Report:
    """Both engines; they must agree, touch no network, write nothing and open no unsafe or oversized file."""
    with watched(package) as watch:
        report = validate_package(package, max_bytes)
        fast = validate_fast(package, max_bytes)
    assert fast.problems == report.problems, "the engines disagree"
    assert watch.network == []
    assert _writes(watch) == []
    for path in _package_reads(watch):
        info = path.lstat()
        assert not stat.S_ISLNK(info.st_mode), f"opened the link {path}"
        assert stat.S_ISREG(info.st_mode), f"opened {path}, not a regular file"
        assert info.st_size <= max_bytes, f"opened {path} ({info.st_size} bytes) over the limit {max_bytes}"
    assert all(p.code in CODES and p.hint.strip() and p.message.strip() for p in report.problems)
    assert not [p for p in report.problems if p.message.startswith(LAYER_FAILED)], "a layer raised"
    for fmt in FORMATS:
        for encoding in ("utf-8", "cp1252", "ascii"):
            out = format_report(report, fmt, encoding)
            out.encode(encoding)  # printable on any stdout
            if fmt == "json":
                assert len(json.loads(out)["problems"]) == len(report.problems)
            else:
                # One line per problem, the note that `summitdata generate` will be needed, the verdict:
                # nothing forges a line.
                assert len(out.splitlines()) == len(report.problems) + 1 + report.generate_pending
    return report


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_package(tmp_path_factory.mktemp("hostile") / "package")


@contextmanager
def edited(package: Path, relative: str, data: bytes | None) -> Iterator[Path]:
    """``package`` with one file replaced (or removed, for None), restored afterwards."""
    path = package / relative
    before = path.read_bytes() if path.is_file() else None
    try:
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        yield package
    finally:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(before)


# ------------------------------------------------------------------------------------------- any Unicode

ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
PEOPLE = BY_NAME["people"]
PEOPLE_TEXT = (ROOT / PEOPLE.path).read_text(encoding="utf-8")


@HOSTILE
@given(column=st.sampled_from(PEOPLE.fields), value=ANY_TEXT, row=st.integers(0, 3))
def test_any_unicode_in_any_cell_gets_the_same_report_from_both_engines(
    pristine: Path, column: str, value: str, row: int
) -> None:
    import csv

    rows = list(csv.reader(io.StringIO(PEOPLE_TEXT, newline="")))
    rows[1 + row][PEOPLE.fields.index(column)] = value
    text = to_csv(rows[0], rows[1:])
    with edited(pristine, PEOPLE.path, text.encode("utf-8")):
        report = gate(pristine)
    assert report.valid == (text == PEOPLE_TEXT)


FILE_NAMES = st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=10).filter(
    lambda name: name not in (".", "..")
)


@HOSTILE
@given(name=FILE_NAMES)
def test_any_file_name_in_data_is_reported_printably(pristine: Path, name: str) -> None:
    try:
        with edited(pristine, f"data/{name}", b"x\n"):
            report = gate(pristine)
    except OSError:  # a name the file system refuses (too long once encoded): nothing to check
        return
    assert ("undeclared-file", f"data/{name}") in {(p.code, p.file) for p in report.problems}


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | ANY_TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(ANY_TEXT, children, max_size=3),
    max_leaves=8,
)


@HOSTILE
@given(value=JSON_VALUES, where=st.sampled_from(["datapackage.json", "data/summit.json"]), key=ANY_TEXT)
def test_any_json_value_in_the_descriptor_or_the_document_gets_a_report(
    pristine: Path, value: Any, where: str, key: str
) -> None:
    document = json.loads((ROOT / where).read_text(encoding="utf-8"))
    document[key] = value
    data = json.dumps(document, ensure_ascii=True, indent=2).encode("utf-8")
    with edited(pristine, where, data):
        report = gate(pristine)
    assert not report.valid or data == (ROOT / where).read_bytes()


YAML_DOCUMENTS = st.one_of(
    ANY_TEXT,
    st.lists(st.tuples(ANY_TEXT, ANY_TEXT), max_size=4).map(lambda items: "".join(f"{k}: {v}\n" for k, v in items)),
    st.sampled_from(["a: &x [1]\nb: *x\n", "!!python/object:os.system x\n", "version: 1\nversion: 2\n", "[" * 500]),
)


@HOSTILE
@given(document=YAML_DOCUMENTS)
def test_any_yaml_document_as_the_citation_gets_a_report(pristine: Path, document: str) -> None:
    with edited(pristine, "CITATION.cff", document.encode("utf-8")):
        report = gate(pristine)
    assert not report.valid


# ------------------------------------------------------------------------------------------- limits


#: Over every file of the real package (data/summit.json is the largest).
LIMIT = 300_000


@pytest.mark.parametrize("relative", ["datapackage.json", "CITATION.cff", "schemas/summit.schema.json", PEOPLE.path])
def test_a_file_over_the_limit_is_refused_unread(pristine: Path, relative: str) -> None:
    padded = (ROOT / relative).read_bytes() + b" " * LIMIT
    with edited(pristine, relative, padded), watched(pristine) as watch:
        report = validate_package(pristine, LIMIT)
        fast = validate_fast(pristine, LIMIT)
    assert fast.problems == report.problems
    located = {(p.code, p.file) for p in report.problems} | {(p.code, p.value) for p in report.problems}
    assert ("file-too-large", relative) in located
    assert pristine.resolve() / relative not in _package_reads(watch)


ARTICLE = "data/sources/hankyoreh-yoon-biden-nuclear-guidelines.txt"


@pytest.mark.parametrize("max_bytes", [2 * 1024**2, 8 * 1024**2])
def test_a_stored_text_over_its_limit_is_refused_once(pristine: Path, max_bytes: int) -> None:
    """Over the gate's limit too (2 MiB), the files layer names it; under it (8 MiB), the provenance layer does."""
    padded = (ROOT / ARTICLE).read_bytes() + b" " * 3 * 1024**2
    with edited(pristine, ARTICLE, padded):
        report = validate_package(pristine, max_bytes)
        fast = validate_fast(pristine, max_bytes)
    assert fast.problems == report.problems
    refusals = [p for p in report.problems if p.code == "file-too-large"]
    assert len(refusals) == 1
    assert refusals[0].file == ("datapackage.json" if max_bytes < 3 * 1024**2 else "data/sources.csv")


def test_a_fifo_as_the_citation_is_refused_without_blocking(pristine: Path) -> None:
    citation = pristine / "CITATION.cff"
    before = citation.read_bytes()
    citation.unlink()
    os.mkfifo(citation)
    try:
        report = gate(pristine)
    finally:
        citation.unlink()
        citation.write_bytes(before)
    assert ("unsafe-path", "CITATION.cff") in {(p.code, p.file) for p in report.problems}


def test_a_folder_nested_deeper_than_the_recursion_limit_is_walked(pristine: Path) -> None:
    # Created and removed one level at a time: pathlib's mkdir(parents=True) and shutil.rmtree recurse.
    levels = [pristine / "data" / "d"]
    for _ in range(sys.getrecursionlimit() + 200):
        levels.append(levels[-1] / "d")
    for level in levels:
        level.mkdir()
    (levels[-1] / "f.txt").write_bytes(b"x\n")
    try:
        report = gate(pristine)
    finally:
        (levels[-1] / "f.txt").unlink()
        for level in reversed(levels):
            level.rmdir()
    assert [p.code for p in report.problems] == ["undeclared-file"]


def test_a_layer_that_raises_becomes_one_problem_and_the_other_layers_still_run(
    pristine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summitdata.validation import package

    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(package, "check_coverage", broken)
    with edited(pristine, "CITATION.cff", None):
        report = validate_package(pristine)
    assert {(p.code, p.message.startswith(LAYER_FAILED)) for p in report.problems} == {
        ("package-error", True),
        ("file-missing", False),
    }
    monkeypatch.setattr(package, "check_coverage", broken)
    out, err = io.StringIO(), io.StringIO()
    assert run(["validate", str(pristine), "--engine", "rows"], out, err) == 2
    assert "Traceback" not in out.getvalue() + err.getvalue()


def test_a_data_folder_linked_elsewhere_is_refused_not_walked(tmp_path: Path) -> None:
    package = copy_package(tmp_path / "package")
    (package / "data").rename(tmp_path / "elsewhere")
    (package / "data").symlink_to(Path("/"))  # walking it would mean walking the whole file system
    report = gate(package)
    assert ("unsafe-path", "data") in {(p.code, p.file) for p in report.problems}
    assert "undeclared-file" not in {p.code for p in report.problems}


@pytest.mark.parametrize(
    ("table", "old", "new"),
    [
        ("people", "joe-biden,Joe Biden,", 'joe-biden,Joe "Joey" Biden,'),
        (
            "events",
            "nato-summit-2024,2024 NATO summit,summit,2024-07-09,",
            "nato-summit-2024,2024 NATO summit,summit,0000-07,",
        ),
    ],
    ids=["unquoted-quote", "year-zero"],
)
def test_loading_a_hostile_table_raises_load_error_naming_the_line(
    tmp_path: Path, table: str, old: str, new: str
) -> None:
    """summitdata.load() and `summitdata generate` read tables the same way: a LoadError, never another error."""
    import summitdata
    from summitdata.loader import LoadError

    package = copy_package(tmp_path / "package")
    path = package / "data" / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        summitdata.load(package)
    assert raised.value.line is not None


def test_a_negative_size_limit_is_a_usage_error() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run(["validate", str(ROOT), "--max-bytes", "-1"], out, err) == 2
    assert "negative" in err.getvalue()
    assert out.getvalue() == ""


# ------------------------------------------------------------------------------------------- network


class _Counter(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012  # shared by the handler instances of one test server, on purpose

    def do_GET(self) -> None:  # the name http.server calls
        type(self).hits.append(self.path)
        body = b"{}"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # http.server's own signature
        del format, args


@pytest.fixture
def counting_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server on 127.0.0.1 that counts the requests it gets."""
    _Counter.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Counter.hits
    finally:
        server.shutdown()
        server.server_close()


REMOTE_POINTERS = ["profile", "$schema", "resources/1/schema", "resources/1/dialect", "licenses/0/$ref"]


def _with_reference(pointer: str, value: str) -> bytes:
    document = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    *parents, last = pointer.split("/")
    node = document
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[last] = value
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@pytest.mark.parametrize("pointer", REMOTE_POINTERS)
def test_a_remote_reference_is_refused_and_never_fetched(
    pristine: Path, counting_server: tuple[str, list[str]], pointer: str
) -> None:
    base, hits = counting_server
    with edited(pristine, "datapackage.json", _with_reference(pointer, f"{base}/profile.json")):
        report = gate(pristine)
    assert hits == []
    assert ("unsafe-path", "datapackage.json", pointer.replace("/", ".")) in {
        (p.code, p.file, p.field) for p in report.problems
    }


@pytest.mark.parametrize("pointer", REMOTE_POINTERS)
def test_with_the_network_unreachable_a_public_reference_is_refused_without_a_lookup(
    pristine: Path, monkeypatch: pytest.MonkeyPatch, pointer: str
) -> None:
    import socket

    tried: list[object] = []

    def unreachable(*args: object, **kwargs: object) -> Any:
        tried.append(args)
        raise OSError("network unreachable")

    for name in ("getaddrinfo", "gethostbyname", "create_connection"):
        monkeypatch.setattr(socket, name, unreachable)
    monkeypatch.setattr(socket.socket, "connect", unreachable)
    with edited(pristine, "datapackage.json", _with_reference(pointer, "https://example.org/profile.json")):
        report = gate(pristine)
    assert tried == []
    assert "unsafe-path" in {p.code for p in report.problems}


# ------------------------------------------------------------------------------------------- output


def test_every_format_escapes_control_characters_and_surrogates_in_names() -> None:
    from summitdata.validation.problems import Problem

    problem = Problem("data/x\n::error file=a::forged\udcff.csv", None, None, "undeclared-file", "한국 “x”", "hint")
    report = Report(Path("."), [problem])
    for fmt in FORMATS:
        for encoding in ("utf-8", "cp1252"):
            out = format_report(report, fmt, encoding)
            out.encode(encoding)
            assert "\n::error file=a" not in out
    assert format_report(report, "text", "utf-8").startswith("data/x\\x0a::error file=a::forged\\udcff.csv")
    assert "한국 “x”" in format_report(report, "text", "utf-8")
    assert printable("plain “Hangul” 한국 – text") == "plain “Hangul” 한국 – text"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "ascii"])
def test_the_command_prints_hangul_and_undecodable_names_on_any_stdout_encoding(pristine: Path, encoding: str) -> None:
    """End to end, through a real stdout: no UnicodeEncodeError, one line per problem."""
    import subprocess

    people = (ROOT / PEOPLE.path).read_text(encoding="utf-8").replace("조창래", "조창래\u200b", 1)
    name = os.fsdecode(b"data/\xff\n::error file=x::forged.csv")
    with edited(pristine, PEOPLE.path, people.encode("utf-8")), edited(pristine, name, b"x\n"):
        result = subprocess.run(
            [sys.executable, "-m", "summitdata", "validate", os.fsdecode(pristine)],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": encoding},
            check=False,
        )
    out = result.stdout.decode(encoding)
    assert (result.returncode, result.stderr) == (1, b"")
    assert "Traceback" not in out
    # Two problems, the note that `summitdata generate` will be needed, the verdict: the newline forged nothing.
    assert len(out.splitlines()) == 4
    assert "data/\\udcff\\x0a::error" in out


# ------------------------------------------------------------------------------------------- text and URL rules


def test_the_frozen_unicode_classes_are_this_pythons_unicode_database() -> None:
    """The text rules' classes (src/summitdata/_unicode_ranges.py) equal what fields.character_ranges computes."""
    from summitdata import _unicode_ranges

    if unicodedata.unidata_version != _unicode_ranges.UNICODE_VERSION:
        pytest.skip(f"the table is Unicode {_unicode_ranges.UNICODE_VERSION}, this Python has another version")
    computed = character_ranges()
    assert {name: tuple(ranges) for name, ranges in computed.items()} == _unicode_ranges.RANGES


@pytest.mark.parametrize("text", ["김태효", "“quoted” and ’s", "Yoon–Biden — summit", "Café au lait", "1–2 July"])
def test_real_text_passes_the_text_rules(text: str) -> None:
    assert check_text(text) == text


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(url=st.from_regex(URL_SCREEN, fullmatch=True))
def test_every_url_the_fast_screen_passes_the_model_accepts(url: str) -> None:
    assert check_url(url) == url
