"""Time the gate against ``frictionless validate``, loading against csv.DictReader, import against pydantic.

Usage: ``python bench/run.py --sizes 1000 10000 100000 1000000``. The gate is the full gate,
as a contributor runs it: ``python validate.py PACKAGE --engine fast|rows`` on a package
made current by bench/generate.py (tables grown, then every generated file written as
``summitdata generate`` does), every layer included. ``--tables-only`` times the narrower
gate of earlier runs instead (no generated files; the JSON and generated-files layers
skipped), and labels it so. Up to ``--rows-max`` rows it also times the gate on the same package
with one table cell edited and ``summitdata generate`` not run, as a contributor may submit it
(every generated file stale; the verdict must be exactly ``generated-stale``). Every
measurement runs in a fresh child process and is its wall
time, start-up and imports included (``inner_seconds`` in results.json excludes them where
the child reports it); peak memory is that child's ``ru_maxrss``; every ratio is to a
baseline measured in the same run. Writes bench/results.json and bench/RESULTS.md.
Numbers depend on the machine and its load (recorded as the load average).
"""

from __future__ import annotations

import argparse
import compileall
import csv
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
FRICTIONLESS = str(Path(PYTHON).with_name("frictionless"))

VALIDATE = str(HERE.parent / "validate.py")

# Child programs print {"seconds": ..., "ok": ...}; the parent adds the child's peak memory.
# The narrower gate (--tables-only): both engines without the generated-files layer.
FAST_TABLES_ONLY = """
import json, sys, time
from pathlib import Path
from summitdata.validation.fast import validate_fast
started = time.perf_counter()
report = validate_fast(Path(sys.argv[1]), generated=False)
print(json.dumps({"seconds": time.perf_counter() - started, "ok": report.valid, "problems": len(report.problems)}))
"""
ROWS_TABLES_ONLY = """
import json, sys, time
from pathlib import Path
from summitdata.validation import package
started = time.perf_counter()
report = package.validate_package(Path(sys.argv[1]), generated=False)
print(json.dumps({"seconds": time.perf_counter() - started, "ok": report.valid, "problems": len(report.problems)}))
"""
LOAD = """
import json, sys, time
import summitdata
started = time.perf_counter()
ds = summitdata.load(sys.argv[1], engine=sys.argv[2])
rows = sum(len(t) for t in ds.tables.values())
print(json.dumps({"seconds": time.perf_counter() - started, "ok": True, "rows": rows}))
"""
DICTREADER = """
import csv, json, sys, time
from pathlib import Path
from summitdata.resources import RESOURCES
started = time.perf_counter()
rows = 0
for resource in RESOURCES:
    with (Path(sys.argv[1]) / resource.path).open(encoding="utf-8", newline="") as file:
        rows += sum(1 for _ in csv.DictReader(file))
print(json.dumps({"seconds": time.perf_counter() - started, "ok": True, "rows": rows}))
"""
IMPORT_LOAD = "import summitdata; summitdata.load()"
IMPORT_PYDANTIC = "import pydantic"


def child(code: list[str], cwd: Path | None = None, *, report: bool = False) -> dict[str, Any]:
    """Run a child process; its wall time, peak memory (MiB, ru_maxrss from wait4) and the JSON it printed.

    ``report``: the child is ``validate.py --format json``; its whole output is the report (kept as ``report``).
    """
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(code, cwd=cwd, stdout=stdout, stderr=stderr, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read(), stderr.read()
    result: dict[str, Any] = {
        "wall": wall,
        "peak_mib": usage.ru_maxrss / 1024,
        # CPU seconds (user + system) tell the work apart from waiting for a core on a busy machine.
        "cpu": usage.ru_utime + usage.ru_stime,
        "status": os.waitstatus_to_exitcode(status),
    }
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if report:
        result["report"] = json.loads(out)
    elif lines:
        inner = json.loads(lines[-1])
        result["inner_seconds"] = inner.pop("seconds")  # inside the process, imports excluded
        result.update(inner)
    elif result["status"] not in (0, 1):
        raise RuntimeError(f"{code[:3]} failed: {err[-2000:]}")
    return result


def median_of(runs: list[dict[str, float]], key: str = "wall") -> dict[str, float]:
    """The run with the median ``key`` (each run's own figures kept together), plus every run's wall time
    (``walls``) and, for another ``key``, every run's ``key`` (``<key>_runs``)."""
    ordered = sorted(runs, key=lambda run: run[key])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["walls"] = [round(run["wall"], 3) for run in runs]  # type: ignore[assignment]
    if key != "wall":
        chosen[f"{key}_runs"] = [round(run[key], 3) for run in runs]  # type: ignore[assignment]
    return chosen


def gate(engine: str, root: Path, tables_only: bool) -> list[str]:
    """The command that runs one engine of the gate on ``root``."""
    if tables_only:
        return [PYTHON, "-c", FAST_TABLES_ONLY if engine == "fast" else ROWS_TABLES_ONLY, str(root)]
    return [PYTHON, VALIDATE, str(root), "--engine", engine]


def checked(result: dict[str, float], what: str) -> dict[str, float]:
    """A gate run that did not find the package valid measured nothing worth reporting."""
    if result["status"] != 0 or result.get("ok") is False:
        raise RuntimeError(f"{what}: the package is not valid (exit {result['status']}): a benchmark needs a valid one")
    return result


STALE_TABLE = "data/events.csv"


def edit_last_note(root: Path) -> str:
    """Append to the note of the last row of events.csv, as a contributor's edit would; return the file's text.

    Only that cell changes (the row is re-written only where writing it back unedited gives its own line), so
    the tables stay valid and data/summit.json, which carries every note, is stale (the timeline and the data
    dictionary carry no notes: they stay current).
    """
    path = root / STALE_TABLE
    text = path.read_text(encoding="utf-8")
    head, last = text.rstrip("\n").rsplit("\n", 1)
    header = next(csv.reader([text.split("\n", 1)[0]]))
    (row,) = list(csv.reader([last]))

    def line(cells: list[str]) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(cells)
        return out.getvalue()

    if line(row) != last:
        raise RuntimeError(f"{STALE_TABLE}: the last row does not write back as it was; choose another edit")
    note = header.index("note")
    row[note] = (row[note] + " Edited after generation.").strip()
    path.write_text(f"{head}\n{line(row)}\n", encoding="utf-8")
    return text


def measure_stale(root: Path, gate_repeat: int) -> dict[str, Any]:
    """The fast gate on the package with one table cell edited and ``summitdata generate`` not run.

    The verdict must be exactly ``generated-stale`` of data/summit.json (exit 1); the package is restored
    afterwards.
    """
    original = edit_last_note(root)
    try:
        runs = [child([*gate("fast", root, False), "--format", "json"], report=True) for _ in range(gate_repeat)]
    finally:
        (root / STALE_TABLE).write_text(original, encoding="utf-8")
    for run in runs:
        found = {(problem["code"], problem["file"]) for problem in run.pop("report")["problems"]}
        if run["status"] != 1 or found != {("generated-stale", "data/summit.json")}:
            raise RuntimeError(f"stale gate: exit {run['status']}, {sorted(found)}; expected summit.json stale")
    return median_of(runs)


def measure(root: Path, rows_max: int, repeat: int, gate_repeat: int, tables_only: bool) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {"load_average_before": {"1min": os.getloadavg()[0]}}
    # The two gates alternate, so a burst of load on this shared machine hits both alike.
    fast_runs, frictionless_runs = [], []
    for _ in range(gate_repeat):
        fast_runs.append(checked(child(gate("fast", root, tables_only)), "fast gate"))
        frictionless_runs.append(child([FRICTIONLESS, "validate", "datapackage.json"], cwd=root))
    out["fast"], out["frictionless"] = median_of(fast_runs), median_of(frictionless_runs)
    size = int(json.loads((root / "bench-size.json").read_text())["rows"])
    if size <= rows_max:
        out["rows"] = checked(child(gate("rows", root, tables_only)), "row gate")
        # auto: the vectorized screens (pyarrow is installed here) above 4 MiB of CSV; rows: without the extra.
        # Alternating like the gates, and the median by the time inside the process (what the ratios use).
        loads: dict[str, list[dict[str, float]]] = {"load": [], "load_rows": [], "dictreader": []}
        for _ in range(gate_repeat):
            loads["load"].append(child([PYTHON, "-c", LOAD, str(root), "auto"]))
            loads["load_rows"].append(child([PYTHON, "-c", LOAD, str(root), "rows"]))
            loads["dictreader"].append(child([PYTHON, "-c", DICTREADER, str(root)]))
        out.update({name: median_of(runs, key="inner_seconds") for name, runs in loads.items()})
        if not tables_only:
            out["stale"] = measure_stale(root, gate_repeat)
    out["load_average_after"] = {"1min": os.getloadavg()[0]}
    return out


def import_times(repeat: int) -> dict[str, float]:
    """``import summitdata; summitdata.load()`` against ``import pydantic``, alternating, medians."""
    load, pydantic = [], []
    for _ in range(repeat):
        load.append(child([PYTHON, "-c", IMPORT_LOAD])["wall"])
        pydantic.append(child([PYTHON, "-c", IMPORT_PYDANTIC])["wall"])
    return {"import_load": statistics.median(load), "import_pydantic": statistics.median(pydantic)}


def import_instructions() -> dict[str, int] | None:
    """The instructions ``import summitdata; summitdata.load()`` and ``import pydantic`` execute, start-up included.

    Counted by callgrind (valgrind): the same count on every run, where wall time moves with the machine's
    load (the median import of pydantic took 0.056 s in one run and 0.071 s in the next, same code). None
    when valgrind is not installed.
    """
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    counts = {}
    for name, code in (("import_load", IMPORT_LOAD), ("import_pydantic", IMPORT_PYDANTIC)):
        with tempfile.TemporaryDirectory() as scratch:
            done = subprocess.run(
                [valgrind, "--tool=callgrind", f"--callgrind-out-file={scratch}/out", PYTHON, "-c", code],
                capture_output=True,
                text=True,
                check=True,
            )
        found = re.search(r"Collected : (\d+)", done.stderr)
        if found is None:
            raise RuntimeError(f"callgrind printed no count for {code!r}: {done.stderr[-500:]}")
        counts[name] = int(found.group(1))
    return counts


def real_package(repeat: int) -> dict[str, float]:
    """The real package end to end: ``python validate.py`` against ``frictionless validate``, alternating."""
    gate_runs, frictionless_runs = [], []
    for _ in range(repeat):
        gate_runs.append(checked(child([PYTHON, VALIDATE]), "validate.py on the real package"))
        frictionless_runs.append(child([FRICTIONLESS, "validate", "datapackage.json"], cwd=HERE.parent))
    return {
        "validate_py": statistics.median(r["wall"] for r in gate_runs),
        "frictionless": statistics.median(r["wall"] for r in frictionless_runs),
    }


def _cell(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "—" if value is None else f"{value:,.{digits}f}{suffix}"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None else f"{a / b:.1f}×"


def markdown(results: dict[str, Any]) -> str:
    sizes = results["sizes"]
    gate = "gate without the generated-files layer" if results["tables_only"] else "gate"
    lines = [
        f"| rows | fast {gate} s | row {gate} s | frictionless s | frictionless ÷ fast | frictionless ÷ rows "
        "| fast peak MiB | rows peak MiB | frictionless peak MiB | load() s | load(engine='rows') s | DictReader s "
        "| load ÷ DictReader | load(engine='rows') ÷ DictReader | frictionless ÷ fast, CPU time | load avg (1 min) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, m in sizes.items():
        fast, fl = m["fast"], m["frictionless"]
        rows, load, reader = m.get("rows"), m.get("load"), m.get("dictreader")
        load_inner = load and load.get("inner_seconds")
        load_rows = m.get("load_rows")
        rows_inner = load_rows and load_rows.get("inner_seconds")
        reader_inner = reader and reader.get("inner_seconds")
        lines.append(
            f"| {int(size):,} | {_cell(fast['wall'])} | {_cell(rows and rows['wall'])} | {_cell(fl['wall'])} "
            f"| {_ratio(fl['wall'], fast['wall'])} | {_ratio(fl['wall'], rows and rows['wall'])} "
            f"| {_cell(fast['peak_mib'], 0)} | {_cell(rows and rows['peak_mib'], 0)} | {_cell(fl['peak_mib'], 0)} "
            f"| {_cell(load_inner)} | {_cell(rows_inner)} | {_cell(reader_inner)} | {_ratio(load_inner, reader_inner)} "
            f"| {_ratio(rows_inner, reader_inner)} "
            f"| {_ratio(fl['cpu'], fast['cpu'])} "
            f"| {m['load_average_before']['1min']:.1f} → {m['load_average_after']['1min']:.1f} |"
        )
    lines += [
        "",
        "Growth of the fast gate (time and peak memory per 100,000 rows; flat columns mean linear growth):",
        "",
        "| rows | fast s per 100k rows | fast peak MiB per 100k rows | frictionless s per 100k rows |",
        "|---:|---:|---:|---:|",
    ]
    for size, m in sizes.items():
        per = 100_000 / int(size)
        lines.append(
            f"| {int(size):,} | {m['fast']['wall'] * per:.2f} | {m['fast']['peak_mib'] * per:,.0f} "
            f"| {m['frictionless']['wall'] * per:.2f} |"
        )
    stale = {size: m for size, m in sizes.items() if "stale" in m}
    if stale:
        lines += [
            "",
            "A package as submitted without `summitdata generate`: the same package with one note in "
            f"`{STALE_TABLE}` edited, so `summit.json` is stale (the gate must report exactly `generated-stale` "
            "of that file, exit 1; the timeline and the dictionary carry no notes). Frictionless's time is the same "
            "package's above (it reads only the tables):",
            "",
            "| rows | fast gate s, stale package | frictionless s | frictionless ÷ fast | fast peak MiB |",
            "|---:|---:|---:|---:|---:|",
        ]
        for size, m in stale.items():
            lines.append(
                f"| {int(size):,} | {_cell(m['stale']['wall'])} | {_cell(m['frictionless']['wall'])} "
                f"| {_ratio(m['frictionless']['wall'], m['stale']['wall'])} | {_cell(m['stale']['peak_mib'], 0)} |"
            )
    imports, real = results["imports"], results["real"]
    lines += [
        "",
        f"The real package end to end (median of {results['repeat']} alternating runs): `python validate.py` "
        f"{real['validate_py']:.2f} s; `frictionless validate datapackage.json` {real['frictionless']:.2f} s.",
        "",
        f"`import summitdata; summitdata.load()` (bundled package, fresh process, median): "
        f"{imports['import_load']:.2f} s; `import pydantic`: {imports['import_pydantic']:.2f} s "
        f"(ratio {imports['import_load'] / imports['import_pydantic']:.1f}×).",
    ]
    counted = results.get("import_instructions")
    if counted:
        lines[-1] += (
            f" In instructions (callgrind; the same on every run): {counted['import_load'] / 1e6:,.0f} million "
            f"against {counted['import_pydantic'] / 1e6:,.0f} million "
            f"(ratio {counted['import_load'] / counted['import_pydantic']:.2f}×)."
        )
    return "\n".join(lines) + "\n"


def machine() -> str:
    """What the figures were measured on: CPU model and count, Python, frictionless, the date."""
    import platform
    from importlib.metadata import version

    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{model}, {os.cpu_count()} CPUs, {platform.system()}; Python {platform.python_version()}, "
        f"frictionless {version('frictionless')}, pyarrow {version('pyarrow')}, pydantic {version('pydantic')}; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument(
        "--rows-max", type=int, default=100_000, help="largest size to time the row engine and load() at"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of each import and real-package timing (median)")
    parser.add_argument("--gate-repeat", type=int, default=3, help="runs of each gate, alternating (median)")
    parser.add_argument("--workdir", type=Path, default=None, help="where to write the packages (default: a temp dir)")
    parser.add_argument(
        "--tables-only",
        action="store_true",
        help="packages without generated files, gates without that layer (a narrower figure, labelled so)",
    )
    args = parser.parse_args()

    results: dict[str, Any] = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "machine": machine(),
        "tables_only": args.tables_only,
        "repeat": args.repeat,
        "sizes": {},
    }
    # Bytecode first, as a pip install or a user's first run leaves it (frictionless's was compiled when it
    # was installed): every timed start-up then reads it. Without it, a machine with PYTHONDONTWRITEBYTECODE
    # set would recompile every module of the checkout in every timed run.
    compileall.compile_dir(HERE.parent / "src", quiet=1)
    with tempfile.TemporaryDirectory() as scratch:
        base = args.workdir or Path(scratch)
        for size in args.sizes:
            root = base / f"package-{size}"
            # Generated in a child process: Linux keeps a process's peak RSS across exec, so a
            # parent grown by generating would inflate every child's measured peak memory.
            options = ["--tables-only"] if args.tables_only else []
            child([PYTHON, str(HERE / "generate.py"), str(root), "--rows", str(size), *options])
            rows = sum(sum(1 for _ in path.open(encoding="utf-8")) - 1 for path in (root / "data").glob("*.csv"))
            (root / "bench-size.json").write_text(json.dumps({"rows": rows}))
            measured = measure(root, args.rows_max, args.repeat, args.gate_repeat, args.tables_only)
            results["sizes"][str(size)] = measured
            print(size, json.dumps(measured), flush=True)
    results["real"] = real_package(args.repeat)
    results["imports"] = import_times(args.repeat)
    results["import_instructions"] = import_instructions()
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    table = markdown(results)
    what = (
        "the gate WITHOUT the generated-files layer, on packages without generated files (`--tables-only`)"
        if args.tables_only
        else "the full gate (`python validate.py PACKAGE --engine fast|rows`, every layer) on valid packages "
        "made current with `summitdata generate`"
    )
    (HERE / "RESULTS.md").write_text(
        "# Benchmark results\n\n"
        f"From `python bench/run.py --sizes {' '.join(map(str, args.sizes))}`"
        f"{' --tables-only' if args.tables_only else ''}: {what}, beside `frictionless validate` on the same "
        f"package. Gate times are the median wall clock of {args.gate_repeat} alternating runs of each gate "
        "(start-up included, with the checkout's bytecode compiled first, as an install or a first run leaves it); "
        "results.json has every run. Measured on: "
        f"{results['machine']}. The machine is shared: the load average before → after each size says how "
        "busy it was (above the CPU count, runs wait for a core and wall times grow).\n\n" + table
    )
    print(table)


if __name__ == "__main__":
    main()
