"""Layer 8 of the gate: the package still holds every fact it declares it must."""

from __future__ import annotations

from summitdata.coverage import REQUIRED, WORKSTREAM_POSITIONS
from summitdata.fields import visible_id
from summitdata.resources import BY_NAME
from summitdata.validation.problems import Problem
from summitdata.validation.tables import LoadedRow


def check_coverage(
    raw_ids: dict[str, list[tuple[int, str]]],
    rows: dict[str, list[LoadedRow]],
    unreadable: set[str],
    problems: list[Problem],
) -> None:
    for resource, required in REQUIRED.items():
        if resource in unreadable:
            continue
        # An id broken by a hidden character is reported once by its row, not again as missing.
        present = {i if i.isascii() and i.isprintable() else visible_id(i) for _, i in raw_ids.get(resource, [])}
        missing = [record_id for record_id in required if record_id not in present]
        if missing:
            problems.append(
                Problem(
                    BY_NAME[resource].path,
                    None,
                    f"{resource}.id",
                    "coverage-missing",
                    f"{len(missing)} required record(s) missing: {', '.join(missing)}",
                    "restore them: the package must keep every fact of the article (see src/summitdata/coverage.py)",
                    resource,
                )
            )
    complete = all(w in {i for _, i in raw_ids["workstreams"]} for w in REQUIRED["workstreams"])
    # Positions are checked only when every workstream is there: a missing one is its own problem.
    if "workstreams" not in unreadable and complete and len(rows["workstreams"]) == len(raw_ids["workstreams"]):
        positions = tuple(sorted(row.record.__dict__["position"] for row in rows["workstreams"]))
        if positions != WORKSTREAM_POSITIONS:
            problems.append(
                Problem(
                    BY_NAME["workstreams"].path,
                    None,
                    "workstreams.position",
                    "coverage-missing",
                    f"positions are {list(positions)}, not 1 to 7",
                    "number the seven workstreams 1 to 7 in the joint statement's order",
                    "workstreams",
                )
            )
