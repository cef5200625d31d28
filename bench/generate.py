"""Synthetic packages of summitdata's schema, from 1k to 1M rows, valid by construction.

Every table starts from the real package's rows (so coverage holds and every quote is the
article's own words) and grows by copies with new ids: ``<id>-s<k>``. References point at
the originals or at their copies, a copy's note names it, and nothing else changes, so
every row rule, foreign key and quote check still holds. The seven NCG workstreams are
never copied (the gate requires exactly positions 1 to 7), nor is any stored source.

By default the package is *current*, as a contributor submits it: after the tables are
written, ``summitdata generate`` makes every generated file (datapackage.json, schemas/,
data/summit.json, docs/) from them, and CITATION.cff is copied, so the gate runs every
layer. ``--tables-only`` writes the tables and a descriptor without the nested JSON
resource and nothing else generated (the narrower package of earlier benchmarks: timed with
``generated=False``, it skips the generated-files layer and the JSON layer).
Usage: ``python bench/generate.py OUT_DIR --rows 100000 [--seed 1] [--tables-only]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
from pathlib import Path

from summitdata.csvio import to_csv
from summitdata.descriptor import build_descriptor
from summitdata.generate import write_files
from summitdata.resources import JSON_RESOURCE, RESOURCES

ROOT = Path(__file__).resolve().parent.parent
FIXED = {"workstreams"}  # the coverage layer requires exactly the real seven


def _read(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _copyable(name: str, row: dict[str, str]) -> bool:
    return name not in FIXED and not (name == "sources" and row["path"])  # stored sources stay single


def generate(out: Path, rows: int, seed: int = 1, *, current: bool = True) -> dict[str, int]:
    """Write a package of about ``rows`` rows (at least the real package's) to ``out``.

    ``current``: also write every generated file, as ``summitdata generate`` does.
    """
    rng = random.Random(seed)
    base = {r.name: _read(r.name) for r in RESOURCES}
    total = sum(len(v) for v in base.values())
    fixed = sum(len(v) for name, v in base.items() if name in FIXED)
    copyable = {name: [row for row in v if _copyable(name, row)] for name, v in base.items()}
    growable = sum(len(v) for v in copyable.values())
    extra = max(rows - total, 0)
    # Each table grows in proportion to its copyable rows; full rounds first, then a partial one.
    counts = {name: extra * len(v) // growable if growable else 0 for name, v in copyable.items()}
    counts[max(copyable, key=lambda n: len(copyable[n]))] += extra - sum(counts.values())
    del fixed
    rounds = {name: counts[name] // len(v) if v else 0 for name, v in copyable.items()}
    copied_ids = {name: {row["id"] for row in v} for name, v in copyable.items()}

    def reference(target: str, value: str) -> str:
        if value and value in copied_ids[target] and rounds[target] and rng.random() < 0.9:
            return f"{value}-s{rng.randint(1, rounds[target])}"
        return value

    out.mkdir(parents=True, exist_ok=True)
    (out / "data").mkdir(exist_ok=True)
    sizes: dict[str, int] = {}
    for resource in RESOURCES:
        name = resource.name
        table = [list(row.values()) for row in base[name]]
        originals = copyable[name]
        for index in range(counts[name]):
            k, row = index // len(originals) + 1, dict(originals[index % len(originals)])
            row["id"] = f"{row['id']}-s{k}"
            for column, target in resource.foreign_keys.items():
                row[column] = reference(target, row[column])
            if name == "fact_checks":
                for column in ("record_id", "counterpart_id"):
                    row[column] = reference(row["resource"], row[column])
            if row.get("note"):
                row["note"] = f"{row['note']} (synthetic copy {k} of {originals[index % len(originals)]['id']})"
            table.append(list(row.values()))
        (out / resource.path).write_text(to_csv(resource.fields, table), encoding="utf-8")
        sizes[name] = len(table)
    shutil.copytree(ROOT / "data" / "sources", out / "data" / "sources", dirs_exist_ok=True)
    shutil.copy2(ROOT / "CITATION.cff", out / "CITATION.cff")  # part of the package: the gate requires it
    if current:
        write_files(out)
        return sizes
    descriptor = build_descriptor()
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != JSON_RESOURCE]
    (out / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--tables-only", action="store_true", help="no generated files (the gate then skips that layer)"
    )
    args = parser.parse_args()
    sizes = generate(args.out, args.rows, args.seed, current=not args.tables_only)
    print(f"{sum(sizes.values())} rows in {args.out}: {sizes}")


if __name__ == "__main__":
    main()
