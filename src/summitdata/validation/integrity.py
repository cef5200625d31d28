"""Layer 4 of the gate: primary keys, foreign keys and fact-check targets."""

from __future__ import annotations

import unicodedata

from summitdata.resources import BY_NAME, RESOURCES
from summitdata.validation.explain import ref_hint
from summitdata.validation.problems import Problem, show
from summitdata.validation.tables import LoadedRow

Rows = dict[str, list[LoadedRow]]


def check_keys(
    rows: Rows,
    raw_ids: dict[str, list[tuple[int, str]]],
    unreadable: set[str],
    problems: list[Problem],
) -> dict[str, set[str]]:
    """Primary keys, then foreign keys into every table that could be read.

    References into an unreadable table (missing file, wrong header) are not checked:
    that table's own problem is the one to fix.
    """
    ids: dict[str, set[str]] = {}
    for resource in RESOURCES:
        seen: dict[str, int] = {}
        for line, record_id in raw_ids[resource.name]:
            # Compare IDs after Unicode normalization: look-alikes are duplicates too.
            key = unicodedata.normalize("NFKC", record_id)
            if key in seen:
                problems.append(
                    Problem(
                        resource.path,
                        line,
                        f"{resource.name}.id",
                        "primary-key-error",
                        f"id {record_id!r} is already used on line {seen[key]}",
                        "give the record a new, unique id",
                        resource.name,
                        record_id,
                    )
                )
            else:
                seen[key] = line
        ids[resource.name] = {record_id for _, record_id in raw_ids[resource.name]}
    for resource in RESOURCES:
        for row in rows[resource.name]:
            for field, target in resource.foreign_keys.items():
                value = row.record.__dict__[field]
                if value is not None and target not in unreadable and value not in ids[target]:
                    problems.append(
                        Problem(
                            resource.path,
                            row.line,
                            f"{resource.name}.{field}",
                            "foreign-key-error",
                            f"{show(value)} is not an id in {target}",
                            f"{ref_hint(target)}, or add the record there",
                            resource.name,
                            value,
                        )
                    )
    check_fact_check_targets(rows, ids, unreadable, problems)
    return ids


def check_fact_check_targets(
    rows: Rows, ids: dict[str, set[str]], unreadable: set[str], problems: list[Problem]
) -> None:
    path = BY_NAME["fact_checks"].path
    for row in rows["fact_checks"]:
        check = row.record.__dict__
        target = check["resource"]
        if target in unreadable:
            continue
        for column in ("record_id", "counterpart_id"):
            value = check[column]
            if value is not None and value not in ids.get(target, set()):
                problems.append(
                    Problem(
                        path,
                        row.line,
                        f"fact_checks.{column}",
                        "fact-check-target",
                        f"{value!r} is not an id in {target}",
                        f"name a record of {target}, or change the resource column",
                        "fact_checks",
                        value,
                    )
                )
        field = check["field"]
        if field is not None and field not in BY_NAME[target].fields:
            problems.append(
                Problem(
                    path,
                    row.line,
                    "fact_checks.field",
                    "fact-check-target",
                    f"{target} has no column {field!r}",
                    f"use one of: {', '.join(BY_NAME[target].fields)}",
                    "fact_checks",
                    field,
                )
            )
