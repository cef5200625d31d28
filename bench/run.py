"""Time the gate against ``frictionless validate``, loading against csv.DictReader, import against pydantic.

Usage: ``python bench/run.py --sizes 1000 10000 100000 1000000``. Every measurement runs in
a fresh child process and is its wall time, start-up and imports included, as a user sees
a command (``inner_seconds`` in results.json excludes them); peak memory is that child's
``ru_maxrss``. Packages are made by
bench/generate.py, and every ratio is to a baseline measured in the same run. Writes
bench/results.json and bench/RESULTS.md. Numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
FRICTIONLESS = str(Path(PYTHON).with_name("frictionless"))

# Child programs: each prints {"seconds": ..., "ok": ...}; the parent adds the child's peak memory.
FAST = """
import json, sys, time
from pathlib import Path
from summitdata.validation.fast import validate_fast
started = time.perf_counter()
report = validate_fast(Path(sys.argv[1]), generated=False)
print(json.dumps({"seconds": time.perf_counter() - started, "ok": report.valid, "problems": len(report.problems)}))
"""
# The row engine, with the same layer left out: bench packages ship no generated files
# (validate_fast(generated=False) and generated=False skip exactly the same check).
ROWS = """
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
ds = summitdata.load(sys.argv[1])
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


def child(code: list[str], cwd: Path | None = None) -> dict[str, float]:
    """Run a child process; its wall time, peak memory (MiB, ru_maxrss from wait4) and the JSON it printed."""
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(code, cwd=cwd, stdout=stdout, stderr=stderr, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read(), stderr.read()
    result: dict[str, float] = {
        "wall": wall,
        "peak_mib": usage.ru_maxrss / 1024,
        "status": os.waitstatus_to_exitcode(status),
    }
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if lines:
        inner = json.loads(lines[-1])
        result["inner_seconds"] = inner.pop("seconds")  # inside the process, imports excluded
        result.update(inner)
    elif result["status"] not in (0, 1):
        raise RuntimeError(f"{code[:3]} failed: {err[-2000:]}")
    return result


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    """The run with the median wall time (each run's own figures kept together), plus every wall time."""
    ordered = sorted(runs, key=lambda run: run["wall"])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["walls"] = [round(run["wall"], 3) for run in runs]  # type: ignore[assignment]
    return chosen


def measure(root: Path, rows_max: int, repeat: int, gate_repeat: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    # The two gates alternate, so a burst of load on this shared machine hits both alike.
    fast_runs, frictionless_runs = [], []
    for _ in range(gate_repeat):
        fast_runs.append(child([PYTHON, "-c", FAST, str(root)]))
        frictionless_runs.append(child([FRICTIONLESS, "validate", "datapackage.json"], cwd=root))
    out["fast"], out["frictionless"] = median_of(fast_runs), median_of(frictionless_runs)
    size = int(json.loads((root / "bench-size.json").read_text())["rows"])
    if size <= rows_max:
        out["rows"] = child([PYTHON, "-c", ROWS, str(root)])
        out["load"] = child([PYTHON, "-c", LOAD, str(root)])
        out["dictreader"] = child([PYTHON, "-c", DICTREADER, str(root)])
    return out


def import_times(repeat: int) -> dict[str, float]:
    def median(code: str) -> float:
        return statistics.median(child([PYTHON, "-c", code])["wall"] for _ in range(repeat))

    return {"import_load": median(IMPORT_LOAD), "import_pydantic": median(IMPORT_PYDANTIC)}


def markdown(results: dict[str, object]) -> str:
    sizes = results["sizes"]
    assert isinstance(sizes, dict)
    lines = [
        "| rows | fast gate s | row gate s | frictionless s | frictionless ÷ fast | frictionless ÷ rows "
        "| fast peak MiB | frictionless peak MiB | load() s | DictReader s | load ÷ DictReader |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, m in sizes.items():
        fast, fl = m["fast"], m["frictionless"]
        rows, load, reader = m.get("rows"), m.get("load"), m.get("dictreader")

        def cell(value: float | None, digits: int = 2) -> str:
            return "—" if value is None else f"{value:.{digits}f}"

        lines.append(
            f"| {int(size):,} | {cell(fast['wall'])} | {cell(rows and rows['wall'])} | {cell(fl['wall'])} "
            f"| {cell(fl['wall'] / fast['wall'], 1)}× | {cell(rows and fl['wall'] / rows['wall'], 1)}"
            f"{'×' if rows else ''} | {cell(fast['peak_mib'], 0)} | {cell(fl['peak_mib'], 0)} "
            f"| {cell(load and load['inner_seconds'])} "
            f"| {cell(reader and reader['inner_seconds'])} "
            f"| {cell(load and reader and load['inner_seconds'] / reader['inner_seconds'], 1)}"
            f"{'×' if load else ''} |"
        )
    imports = results["imports"]
    assert isinstance(imports, dict)
    lines += [
        "",
        f"`import summitdata; summitdata.load()` (bundled package, fresh process, median): "
        f"{imports['import_load']:.2f} s; `import pydantic`: {imports['import_pydantic']:.2f} s "
        f"(ratio {imports['import_load'] / imports['import_pydantic']:.1f}×).",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument(
        "--rows-max", type=int, default=100_000, help="largest size to time the row engine and load() at"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of each import timing (median)")
    parser.add_argument("--gate-repeat", type=int, default=3, help="runs of each gate, alternating (median)")
    parser.add_argument("--workdir", type=Path, default=None, help="where to write the packages (default: a temp dir)")
    args = parser.parse_args()

    results: dict[str, object] = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "sizes": {}}
    with tempfile.TemporaryDirectory() as scratch:
        base = args.workdir or Path(scratch)
        for size in args.sizes:
            root = base / f"package-{size}"
            # Generated in a child process: Linux keeps a process's peak RSS across exec, so a
            # parent grown by generating would inflate every child's measured peak memory.
            child([PYTHON, str(HERE / "generate.py"), str(root), "--rows", str(size)])
            rows = sum(sum(1 for _ in path.open(encoding="utf-8")) - 1 for path in (root / "data").glob("*.csv"))
            (root / "bench-size.json").write_text(json.dumps({"rows": rows}))
            measured = measure(root, args.rows_max, args.repeat, args.gate_repeat)
            results["sizes"][str(size)] = measured  # type: ignore[index]
            print(size, json.dumps(measured), flush=True)
    results["imports"] = import_times(args.repeat)
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    table = markdown(results)
    (HERE / "RESULTS.md").write_text(
        "# Benchmark results\n\nFrom `python bench/run.py`; machine-dependent. Gate times are the median wall\n"
        f"clock of {args.gate_repeat} alternating runs of each gate (start-up included); results.json has\n"
        "every run.\n\n" + table
    )
    print(table)


if __name__ == "__main__":
    main()
