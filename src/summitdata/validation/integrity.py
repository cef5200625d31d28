"""Layer 4 of the gate: primary keys, foreign keys and fact-check targets."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from summitdata.fields import visible_id
from summitdata.models._base import DISPUTING_STATUSES
from summitdata.resources import BY_NAME, RESOURCES, Resource
from summitdata.validation.explain import ref_hint
from summitdata.validation.problems import Problem, show
from summitdata.validation.tables import LoadedRow

Rows = dict[str, list[LoadedRow]]


def known_ids(raw: Iterable[str]) -> set[str]:
    """The ids references may resolve to: every id as written, and each without its hidden characters.

    An id with a hidden character is reported once by its row; references to it still resolve.
    """
    ids = set(raw)
    return ids | {visible_id(i) for i in ids if not i.isascii() or not i.isprintable()}


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
        # An id with a hidden character is reported once by its row; references to it still resolve.
        ids[resource.name] = known_ids(i for _, i in raw_ids[resource.name])
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


def parent_edges(resource: Resource) -> str | None:
    """The column through which a resource's records name a parent of the same resource, if any."""
    return next((column for column, target in resource.foreign_keys.items() if target == resource.name), None)


#: resource → (line, id, parent id) of every row that passed its model, for resources with a parent column.
Links = dict[str, list[tuple[int, str, str | None]]]


def parent_links(rows: Rows) -> Links:
    links: Links = {}
    for resource in RESOURCES:
        column = parent_edges(resource)
        if column is not None:
            links[resource.name] = [
                (r.line, r.record.__dict__["id"], r.record.__dict__[column]) for r in rows[resource.name]
            ]
    return links


def check_parents(links: Links, unreadable: set[str], problems: list[Problem]) -> None:
    """No record is its own parent, directly or through a chain; linear in the rows.

    Each id's parent is its first row's (a repeated id is a primary-key error of its own).
    """
    for name, edges in links.items():
        resource = BY_NAME[name]
        column = parent_edges(resource)
        if column is None or name in unreadable:
            continue
        parent: dict[str, str] = {}
        line: dict[str, int] = {}
        for row_line, record_id, parent_id in edges:
            if record_id not in line:
                line[record_id] = row_line
                if parent_id is not None:
                    parent[record_id] = parent_id
        state: dict[str, int] = {}  # 1: on the current chain, 2: done
        for start in parent:
            chain: list[str] = []
            node: str | None = start
            while node is not None and node in parent and node not in state:
                state[node] = 1
                chain.append(node)
                node = parent[node]
            if node is not None and state.get(node) == 1:
                cycle = chain[chain.index(node) :]
                for index, member in enumerate(cycle):
                    path = " → ".join([*cycle[index:], *cycle[: index + 1]])
                    message = (
                        f"{member!r} is its own parent"
                        if len(cycle) == 1
                        else f"{member!r} is its own ancestor: {path}"
                    )
                    problems.append(
                        Problem(
                            resource.path,
                            line[member],
                            f"{resource.name}.{column}",
                            "parent-cycle",
                            message,
                            "point parent_id at a record higher up, or leave it empty",
                            resource.name,
                            parent[member],
                        )
                    )
            for member in chain:
                state[member] = 2


#: Records named ``…-as-reported`` hold what the article says where the public record disagrees.
AS_REPORTED_SUFFIX = "-as-reported"


def as_reported_records(rows: Rows) -> list[tuple[str, int, str]]:
    """(resource, line, id) of every ``-as-reported`` record that passed its model."""
    return [
        (resource.name, row.line, row.record.__dict__["id"])
        for resource in RESOURCES
        for row in rows[resource.name]
        if str(row.record.__dict__.get("id", "")).endswith(AS_REPORTED_SUFFIX)
    ]


def disputed_records(rows: Rows) -> set[tuple[str, str]]:
    """(resource, record id) of every record a fact check finds contradicted or unsupported."""
    return {
        (check.record.__dict__["resource"], check.record.__dict__["record_id"])
        for check in rows["fact_checks"]
        if check.record.__dict__["status"] in DISPUTING_STATUSES
    }


def check_as_reported(
    records: list[tuple[str, int, str]], disputed: set[tuple[str, str]], unreadable: set[str], problems: list[Problem]
) -> None:
    """Every ``-as-reported`` record has a fact check saying it is contradicted or unsupported."""
    if "fact_checks" in unreadable:
        return
    for name, line, record_id in records:
        if (name, record_id) not in disputed:
            problems.append(
                Problem(
                    BY_NAME[name].path,
                    line,
                    f"{name}.id",
                    "row-rule-error",
                    "an -as-reported record has no fact check saying it is contradicted or unsupported",
                    "add the fact_checks row that disputes it, or rename the record",
                    name,
                    record_id,
                )
            )


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
