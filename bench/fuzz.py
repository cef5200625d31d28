"""Fuzz the contribution gate with generated hostile contributions; record what was tried and the result.

    python bench/fuzz.py --count 100000 --out bench/fuzz-results.json

Each contribution changes one thing of a copy of the real package, drawn from the classes of
issue #13: any Unicode in a CSV cell (controls, format and bidi characters, surrogate-free astral
characters, quotes, commas, line breaks, huge or odd numbers, dates), a file name in ``data/``,
a JSON value in the descriptor or ``data/summit.json``, a value of one record of ``data/summit.json``
replaced in place (the generator's layout kept, so the gate reads it record by record), a YAML
document as ``CITATION.cff``, a remote reference in the descriptor. The layer that reads the changed file runs on every
contribution (that is what makes 100,000 affordable); every ``--full-every``-th one also runs both
whole engines, which must agree. A record replaced in place runs the whole gate twice, with its
shortcuts on and off, which must agree. An audit hook records any file opened for writing, any file
opened outside the package and any socket. The run fails (exit 1) on any exception, write,
socket or disagreement; the results file lists the counts, the timings and the first failures.
Run it at low priority on a shared machine: ``nice -n 19 python bench/fuzz.py``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.cases.edits import copy_package  # noqa: E402

from summitdata.csvio import to_csv  # noqa: E402  # after the path set-up above
from summitdata.resources import RESOURCES  # noqa: E402
from summitdata.validation import generated  # noqa: E402
from summitdata.validation.citation import check_citation  # noqa: E402
from summitdata.validation.documents import read_json  # noqa: E402
from summitdata.validation.fast import validate_fast  # noqa: E402
from summitdata.validation.files import check_files  # noqa: E402
from summitdata.validation.package import validate_package  # noqa: E402
from summitdata.validation.problems import CODES, Problem  # noqa: E402
from summitdata.validation.profile import check_descriptor_profile  # noqa: E402
from summitdata.validation.report import FORMATS, format_report  # noqa: E402
from summitdata.validation.tables import check_table  # noqa: E402

LIMIT = 1_000_000
SPECIAL = ',"\n\r\t\x00\x0b\ufeff\u200b\u202e\u2028\u3164\u00a0\u0301\ue000\ufdd0 =+-@\\{}[]:#&*!|>%'
RANGES = [(0x20, 0x7E), (0x00, 0x1F), (0x80, 0x9F), (0x2000, 0x206F), (0xAC00, 0xD7A3), (0xE000, 0xF8FF),
          (0xFE00, 0xFE0F), (0xFFF0, 0xFFFF), (0x10000, 0x10FFFF)]  # fmt: skip


def hostile_text(rng: random.Random, size: int = 12) -> str:
    chars = []
    for _ in range(rng.randint(0, size)):
        if rng.random() < 0.3:
            chars.append(rng.choice(SPECIAL))
        else:
            low, high = rng.choice(RANGES)
            code = rng.randint(low, high)
            chars.append(chr(code) if not 0xD800 <= code <= 0xDFFF else "?")
    return "".join(chars)


def hostile_cell(rng: random.Random, original: str) -> str:
    kind = rng.randrange(8)
    if kind == 0:
        return str(rng.choice([0, -1, 5, 10**18, 10**19])) if rng.random() < 0.5 else "9" * rng.randint(1, 6000)
    if kind == 1:
        return rng.choice(["0000", "0000-01", "2024-02-30", "05", "+5", "5_0", "2024-13", "9999-12-31", "2027-01"])
    if kind == 2:
        return rng.choice(["https://evil", "https://a@b.com", "https://x.com/\n", "https://paypaл.com", "http://1.2"])
    if kind == 3 and original:
        index = rng.randrange(len(original) + 1)
        return original[:index] + hostile_text(rng, 3) + original[index:]
    return hostile_text(rng)


class Watch:
    def __init__(self) -> None:
        self.active = False
        self.root = ""
        self.writes: list[str] = []
        self.network: list[str] = []

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.active:
            return
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            mode = args[1] if len(args) > 1 else None
            writing = (isinstance(mode, str) and any(f in mode for f in "wax+")) or (
                isinstance(mode, int) and mode & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND)
            )
            if writing:
                self.writes.append(os.fsdecode(args[0]))
        elif event.startswith("socket.") and event not in ("socket.__new__", "socket.gethostname"):
            self.network.append(event)


def _check_problems(problems: list[Problem]) -> None:
    for problem in problems:
        if problem.code not in CODES or not problem.hint or not problem.message:
            raise AssertionError(f"a malformed problem: {problem!r}")
    from summitdata.validation.package import Report

    report = Report(Path("."), problems)
    for fmt in FORMATS:
        for encoding in ("utf-8", "cp1252"):
            format_report(report, fmt, encoding).encode(encoding)


def _cell(package: Path, rng: random.Random, originals: dict[str, bytes], problems: list[Problem]) -> list[Path]:
    resource = rng.choice(RESOURCES)
    rows = list(csv.reader(io.StringIO(originals[resource.path].decode("utf-8"), newline="")))
    row = rng.randrange(1, len(rows))
    column = rng.randrange(len(rows[0]))
    rows[row][column] = hostile_cell(rng, rows[row][column])
    text = to_csv(rows[0], rows[1:])
    if rng.random() < 0.1:
        text = text.replace('"', "", 1)  # a raw, possibly unbalanced quote
    (package / resource.path).write_bytes(text.encode("utf-8"))
    check_table(package, resource, problems, [], None, max_bytes=LIMIT)
    return [package / resource.path]


def _file_name(package: Path, rng: random.Random, originals: dict[str, bytes], problems: list[Problem]) -> list[Path]:
    name = hostile_text(rng, 8).replace("/", "_").replace("\x00", "_") or "x"
    path = package / "data" / name
    if name in (".", "..") or path.exists():
        return []
    try:
        path.write_bytes(b"x\n")
    except OSError:  # a name the file system refuses (too long once encoded)
        return []
    check_files(package, LIMIT, problems, json.loads(originals["datapackage.json"]))
    return [path]


def _json(package: Path, rng: random.Random, originals: dict[str, bytes], problems: list[Problem]) -> list[Path]:
    reference = rng.random() < 0.3
    where = "datapackage.json" if reference or rng.random() < 0.5 else "data/summit.json"
    if reference:
        key = rng.choice(["profile", "$schema", "$ref"])  # repeated keys are hostile too
        value: Any = rng.choice(["http://127.0.0.1:9/x.json", "https://example.org/x", "/etc/passwd"])
    else:
        key = hostile_text(rng, 6)
        value = rng.choice([hostile_text(rng), 10**30, [hostile_text(rng)] * 3, {"a": None}, "\ud800"])
    # Spliced in as the first member, so the rest of the document is not parsed and dumped again here.
    member = f"{json.dumps(key)}: {json.dumps(value)},".encode()
    if rng.random() < 0.1:
        member = rng.choice([b'"x": NaN,', b'"x": 1e999,', b'"x": [' * 100 + b"]" * 100 + b",", b'"x": "\\ud800",'])
    (package / where).write_bytes(b"{" + member + originals[where][1:])
    if where == "datapackage.json":
        check_descriptor_profile(package, problems, LIMIT)
    else:
        read_json(package, where, problems, LIMIT)
    return [package / where]


#: Values a hand (or a crafted file) could put in place of a record's value in data/summit.json.
HOSTILE_JSON = [
    b"1" + b"0" * 30, b"1.0", b"1e999", b"NaN", b"true", b"null", b"[]", b"{}", b'"\\ud800"', b'"\\x"', b'"\xff"',
    b'"unterminated', b'"' + b'\\"' * 1000, b"[" * 70 + b"]" * 70, b'"x", "id": "again"', b'"united-states"',
]  # fmt: skip
# A field of a top-level record of the generator's summit.json: six spaces in.
_RECORD_FIELD = re.compile(rb'\n      "[a-z_]+": ')


def _json_record(package: Path, rng: random.Random, originals: dict[str, bytes], problems: list[Problem]) -> list[Path]:
    data = originals["data/summit.json"]
    field = rng.choice(list(_RECORD_FIELD.finditer(data)))
    end = data.index(b"\n", field.end())
    comma = b"," if data[end - 1 : end] == b"," else b""
    original = data[field.end() : end - len(comma)]
    draw = rng.random()
    if draw < 0.3 and original.startswith(b'"'):  # a plain edit, as a hand would make: the records left to screen pass
        value = json.dumps(json.loads(original) + rng.choice([" edited", "s", " (2024)"]), ensure_ascii=False).encode()
    elif draw < 0.65:
        value = json.dumps(hostile_text(rng), ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
    else:
        value = rng.choice(HOSTILE_JSON)
    (package / "data/summit.json").write_bytes(data[: field.end()] + value + comma + data[end:])
    shortcuts = validate_package(package, LIMIT).problems
    generated.TRUST_GENERATED = False
    try:
        whole = validate_package(package, LIMIT).problems
    finally:
        generated.TRUST_GENERATED = True
    if shortcuts != whole:
        raise AssertionError(f"the shortcuts change the report: {shortcuts!r} against {whole!r}")
    problems.extend(shortcuts)
    return [package / "data/summit.json"]


def _yaml(package: Path, rng: random.Random, originals: dict[str, bytes], problems: list[Problem]) -> list[Path]:
    del originals
    lines = [f"{hostile_text(rng, 6)}: {hostile_text(rng)}" for _ in range(rng.randint(0, 5))]
    if rng.random() < 0.3:
        lines += [rng.choice(["version: 1\nversion: 2", "a: &x [1]\nb: *x", "!!python/object:os.system x"])]
    (package / "CITATION.cff").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    check_citation(package, problems, LIMIT)
    return [package / "CITATION.cff"]


KINDS = {"cell": _cell, "file-name": _file_name, "json": _json, "json-record": _json_record, "yaml": _yaml}
WEIGHTS = {"cell": 4, "file-name": 1, "json": 1, "json-record": 1, "yaml": 1}


def one(package: Path, rng: random.Random, originals: dict[str, bytes], full: bool) -> str:
    """Apply one contribution, run the layer that reads it (and, if ``full``, both engines); return its kind."""
    kind = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    problems: list[Problem] = []
    touched: list[Path] = []
    try:
        touched = KINDS[kind](package, rng, originals, problems)
        _check_problems(problems)
        if full:
            rows_report = validate_package(package, LIMIT)
            fast_report = validate_fast(package, LIMIT)
            if rows_report.problems != fast_report.problems:
                raise AssertionError("the engines disagree")
            _check_problems(rows_report.problems)
    finally:
        for path in touched:
            relative = path.relative_to(package).as_posix()
            if relative in originals:
                path.write_bytes(originals[relative])
            else:
                path.unlink(missing_ok=True)
    return kind


def _results(
    args: argparse.Namespace,
    *,
    done: int,
    tried: Counter[str],
    full_runs: int,
    failures: list[dict[str, Any]],
    seconds: float,
    finished: bool,
) -> dict[str, Any]:
    """Write (and return) what was tried so far and the result."""
    results = {
        "requested": args.count,
        "done": done,
        "finished": finished,
        "seed": args.seed,
        "tried": dict(sorted(tried.items())),
        "full_gate_runs_both_engines": full_runs,
        "failures": len(failures),
        "first_failures": failures[:20],
        "seconds": round(seconds, 1),
        "per_contribution_ms": round(1000 * seconds / max(done, 1), 2),
        "python": sys.version.split()[0],
    }
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--full-every", type=int, default=500, help="run both whole engines every N contributions")
    parser.add_argument("--out", type=Path, default=HERE / "fuzz-results.json")
    args = parser.parse_args()
    watch = Watch()
    sys.addaudithook(watch)
    rng = random.Random(args.seed)
    tried: Counter[str] = Counter()
    failures: list[dict[str, Any]] = []
    work = Path(tempfile.mkdtemp(prefix="summitdata-fuzz-"))
    started = time.perf_counter()
    try:
        package = copy_package(work / "package")
        originals = {p.relative_to(package).as_posix(): p.read_bytes() for p in package.rglob("*") if p.is_file()}
        full_runs = 0
        for number in range(args.count):
            full = args.full_every > 0 and number % args.full_every == 0
            watch.active, watch.writes, watch.network = True, [], []
            try:
                kind = one(package, rng, originals, full)
            except Exception as exc:  # a finding: recorded, the run goes on
                kind = "error"
                if len(failures) < 50:
                    failures.append(
                        {"number": number, "error": repr(exc)[:500], "trace": traceback.format_exc()[-2000:]}
                    )
            finally:
                watch.active = False
            writes = [w for w in watch.writes if not w.startswith(str(work))]  # the fuzzer's own edits
            if writes or watch.network:
                failures.append({"number": number, "writes": writes[:5], "network": watch.network[:5]})
            tried[kind] += 1
            full_runs += full
            if (number + 1) % 5000 == 0:  # a partial run still leaves its record
                print(f"{number + 1:,} contributions, {len(failures)} failures", flush=True)
                elapsed = time.perf_counter() - started
                _results(
                    args,
                    done=number + 1,
                    tried=tried,
                    full_runs=full_runs,
                    failures=failures,
                    seconds=elapsed,
                    finished=False,
                )
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results = _results(
        args, done=args.count, tried=tried, full_runs=full_runs, failures=failures, seconds=seconds, finished=True
    )
    print(json.dumps({k: v for k, v in results.items() if k != "first_failures"}, indent=2))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
