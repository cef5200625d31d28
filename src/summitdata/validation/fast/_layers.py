"""Layers 4, 7 and 8 over column arrays, reported by the row engine's own functions.

Each layer screens the columns for the few rows that can produce a problem, then hands
exactly those rows (and the ids they need) to integrity.check_keys, provenance.check_provenance
and coverage.check_coverage, so every message comes from the standard path.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from summitdata._arrow import constant, group_codes, pylist, scalar, strings
from summitdata.coverage import REQUIRED
from summitdata.fields import visible_id
from summitdata.models._base import DISPUTING_STATUSES
from summitdata.resources import BY_NAME, RESOURCES
from summitdata.validation.coverage import check_coverage
from summitdata.validation.fast._tables import TableState
from summitdata.validation.files import MAX_FILE_BYTES
from summitdata.validation.integrity import (
    AS_REPORTED_SUFFIX,
    Links,
    check_as_reported,
    check_keys,
    check_parents,
    parent_edges,
)
from summitdata.validation.problems import Problem
from summitdata.validation.provenance import (
    VERBATIM_COLUMNS,
    check_provenance,
    is_quotable,
    source_table,
    stored_texts,
)
from summitdata.validation.tables import LoadedRow

States = dict[str, TableState]


def _positions(mask: Any) -> list[int]:
    import pyarrow.compute as pc

    return list(pc.indices_nonzero(pc.fill_null(mask, scalar(False))).to_pylist())


def _normalized(ids: Any) -> Any:
    import pyarrow.compute as pc

    non_ascii = pc.invert(pc.string_is_ascii(ids))
    if not pc.any(non_ascii).as_py():
        return ids  # ASCII is its own NFKC form
    return pc.if_else(non_ascii, pc.utf8_normalize(ids, "NFKC"), ids)


def _raw_ids(state: TableState, mask: Any) -> list[tuple[int, str]]:
    lines = state.id_lines.filter(mask).to_pylist()
    return list(zip(lines, state.ids.filter(mask).to_pylist(), strict=True))


def keys(states: States, unreadable: set[str], problems: list[Problem]) -> None:
    """Primary keys (NFKC), foreign keys and fact-check targets, through integrity.check_keys."""
    import pyarrow as pa
    import pyarrow.compute as pc

    odd = {name: _hidden(state.ids) for name, state in states.items()}
    # References to an id broken by a hidden character resolve to it (as in integrity.check_keys).
    id_sets = {
        name: pc.unique(pa.concat_arrays([state.ids, strings(visible_id(i) for i in odd[name])]))
        for name, state in states.items()
    }
    dangling = _dangling(states, id_sets)
    # Rows that break a reference, or a fact-check target.
    candidates: dict[str, list[int]] = {}
    for resource in RESOURCES:
        rows = states[resource.name].rows
        flags = constant(False, rows.num_rows)
        for column, target in resource.foreign_keys.items():
            if target not in unreadable and len(dangling[target]):
                flags = pc.or_(flags, pc.is_in(rows.column(column), value_set=dangling[target]))
        if resource.name == "fact_checks":
            flags = pc.or_(flags, _target_flags(rows, id_sets, unreadable))
        candidates[resource.name] = _positions(flags)
    rows_in = {name: states[name].loaded_rows(positions) for name, positions in candidates.items()}
    needed = _needed(rows_in)
    raw_ids: dict[str, list[tuple[int, str]]] = {}
    for name, state in states.items():
        normalized = _normalized(state.ids)
        counts = pc.value_counts(normalized)
        repeated = counts.field("values").filter(pc.greater(counts.field("counts"), scalar(1)))
        mask = pc.or_(pc.is_in(normalized, value_set=repeated), pc.is_in(state.ids, strings(odd[name])))
        if needed[name]:
            mask = pc.or_(mask, pc.is_in(state.ids, value_set=strings(sorted(needed[name]))))
        raw_ids[name] = _raw_ids(state, mask)
    check_keys(rows_in, raw_ids, unreadable, problems)


def graph(states: States, unreadable: set[str], problems: list[Problem]) -> None:
    """Parent cycles and undisputed -as-reported records, from the columns, through integrity's checks."""
    import pyarrow.compute as pc

    links: Links = {}
    for resource in RESOURCES:
        column = parent_edges(resource)
        if column is not None:
            rows = states[resource.name].rows
            lines = states[resource.name].row_lines.to_pylist()
            ids, parents = pylist(rows.column("id")), pylist(rows.column(column))
            links[resource.name] = list(zip(lines, ids, parents, strict=True))
    check_parents(links, unreadable, problems)
    records: list[tuple[str, int, str]] = []
    for resource in RESOURCES:
        state = states[resource.name]
        mask = pc.fill_null(pc.ends_with(state.rows.column("id").cast("string"), AS_REPORTED_SUFFIX), scalar(False))
        lines = state.row_lines.filter(mask).to_pylist()
        ids = state.rows.column("id").filter(mask).to_pylist()
        records += [(resource.name, line, str(i)) for line, i in zip(lines, ids, strict=True)]
    checks = states["fact_checks"].rows
    columns = (pylist(checks.column(name)) for name in ("resource", "record_id", "status"))
    disputed = {
        (resource, record_id)
        for resource, record_id, status in zip(*columns, strict=True)
        if status in DISPUTING_STATUSES
    }
    check_as_reported(records, disputed, unreadable, problems)


def _hidden(ids: Any) -> list[str]:
    """The ids that are not plain printable ASCII (where a hidden character may be)."""
    import pyarrow.compute as pc

    plain = pc.and_(pc.string_is_ascii(ids), pc.match_substring_regex(ids, r"^[!-~]*$"))
    return [str(i) for i in ids.filter(pc.invert(plain)).to_pylist()]


def _dangling(states: States, id_sets: dict[str, Any]) -> dict[str, Any]:
    """References that resolve nowhere, per target, found on distinct values with one lookup per target."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cited: dict[str, list[Any]] = {name: [] for name in states}
    for resource in RESOURCES:
        for column, target in resource.foreign_keys.items():
            values = pc.unique(states[resource.name].rows.column(column))
            cited[target].append(values.cast(pa.string()).drop_null())
    dangling = {}
    for name, values in cited.items():
        distinct = pc.unique(pa.chunked_array(values, pa.string()))
        dangling[name] = distinct.filter(pc.invert(pc.is_in(distinct, value_set=id_sets[name])))
    return dangling


def _needed(rows_in: dict[str, list[LoadedRow]]) -> dict[str, set[str]]:
    """The ids the candidate rows point at: given those that exist, check_keys decides as with all ids."""
    needed: dict[str, set[str]] = {resource.name: set() for resource in RESOURCES}
    for name, loaded in rows_in.items():
        resource = BY_NAME[name]
        for row in loaded:
            values = row.record.__dict__
            for column, target in resource.foreign_keys.items():
                if values[column] is not None:
                    needed[target].add(values[column])
            if name == "fact_checks" and values["resource"] in needed:
                needed[values["resource"]].update(v for v in (values["record_id"], values["counterpart_id"]) if v)
    return needed


def _target_flags(rows: Any, id_sets: dict[str, Any], unreadable: set[str]) -> Any:
    import pyarrow.compute as pc

    flags = constant(False, rows.num_rows)
    targets = rows.column("resource")
    for target in pc.unique(targets).to_pylist():
        if target in unreadable or target not in id_sets:
            continue
        here = pc.equal(targets, scalar(target))
        bad = pc.invert(pc.is_in(rows.column("field"), strings(BY_NAME[target].fields)))
        bad = pc.and_(pc.is_valid(rows.column("field")), bad)
        for column in ("record_id", "counterpart_id"):
            values = rows.column(column)
            bad = pc.or_(bad, pc.and_(pc.is_valid(values), pc.invert(pc.is_in(values, id_sets[target]))))
        flags = pc.or_(flags, pc.and_(here, bad))
    return flags


def _classes(values: Any, article: Any, known: Any) -> Any:
    """What the basis check can tell about a source reference: article, another source, or none."""
    import pyarrow.compute as pc

    return pc.if_else(
        pc.is_in(values, value_set=article),
        scalar("article"),
        pc.if_else(pc.is_in(values, value_set=known), scalar("known"), scalar("none")),
    )


def provenance(
    root: Path, states: States, problems: list[Problem], declared: Sequence[str] = (), max_bytes: int = MAX_FILE_BYTES
) -> None:
    """Quotes verbatim in the article (on distinct values) and basis against source kind.

    Rows go to provenance.check_provenance when a quote is not in the article, and one row
    per combination of basis and what its sources are (the only inputs of the basis check);
    when that row breaks the basis rules, every row of its combination is checked.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    sources = states["sources"]
    every_source = sources.loaded_rows(list(range(sources.rows.num_rows)))
    # The same definitions as the row engine: the first row of an id counts; quotable by kind.
    table = source_table(every_source)
    quotable = strings(sorted(i for i, row in table.items() if is_quotable(row.record.__dict__)))
    known = strings(sorted(table))
    texts = list(stored_texts(root, table, [], declared, max_bytes).values())
    first: dict[str, set[int]] = {}
    groups: dict[tuple[str, int], list[int]] = {}
    for resource in RESOURCES:
        state = states[resource.name]
        rows = state.rows
        if resource.name == "sources" or not rows.num_rows:
            continue
        flags = constant(False, rows.num_rows)
        for column in VERBATIM_COLUMNS:
            if column in resource.fields and texts:
                distinct = pc.unique(rows.column(column)).drop_null().to_pylist()
                # Conservative: a value missing from any quotable text goes to the row engine's check,
                # which compares it with its own source's text.
                missing = [text for text in distinct if not all(text in stored for stored in texts)]
                if missing:
                    flags = pc.or_(flags, pc.is_in(rows.column(column), value_set=strings(missing)))
        positions = set(_positions(flags))
        keys = {"_basis": rows.column("basis") if "basis" in resource.fields else pa.nulls(rows.num_rows, pa.string())}
        if "source_id" in resource.fields:
            keys["_source"] = _classes(rows.column("source_id"), quotable, known)
        if "date_source_id" in resource.fields:
            keys["_date"] = _classes(rows.column("date_source_id"), quotable, known)
        members_of: dict[int, list[int]] = {}
        for position, code in enumerate(group_codes(keys.values()).to_pylist()):
            members_of.setdefault(code, []).append(position)
        for members in members_of.values():
            positions.add(members[0])
            groups[(resource.name, members[0])] = members
        first[resource.name] = positions
    found = _check(root, states, first, declared, max_bytes)
    second: dict[str, set[int]] = {}
    line_to_position = {
        name: dict(zip(states[name].row_lines.to_pylist(), range(states[name].rows.num_rows), strict=True))
        for name in first
    }
    for problem in found:
        if problem.code == "basis-source-mismatch" and problem.resource in first and problem.line is not None:
            position = line_to_position[problem.resource][problem.line]
            members = groups.get((problem.resource, position), [])
            second.setdefault(problem.resource, set()).update(set(members) - first[problem.resource])
    problems.extend(found)
    if second:
        problems.extend(_check(root, states, second, declared, max_bytes))


def _check(
    root: Path, states: States, positions: dict[str, set[int]], declared: Sequence[str], max_bytes: int
) -> list[Problem]:
    """check_provenance over some rows, with every sources row (in file order), as the row engine has them."""
    rows = {r.name: states[r.name].loaded_rows(sorted(positions.get(r.name, ()))) for r in RESOURCES}
    sources = states["sources"]
    rows["sources"] = sources.loaded_rows(list(range(sources.rows.num_rows)))
    found: list[Problem] = []
    check_provenance(root, rows, found, declared, max_bytes)
    return found


def coverage(states: States, unreadable: set[str], problems: list[Problem]) -> None:
    """The required ids, through coverage.check_coverage (workstreams in full: it counts them)."""
    import pyarrow.compute as pc

    raw_ids: dict[str, list[tuple[int, str]]] = {}
    for name, state in states.items():
        if name == "workstreams":
            raw_ids[name] = _raw_ids(state, constant(True, len(state.ids)))
        else:
            required = strings(REQUIRED.get(name, ()))
            wanted = pc.or_(pc.is_in(state.ids, value_set=required), pc.is_in(state.ids, strings(_hidden(state.ids))))
            raw_ids[name] = _raw_ids(state, wanted)
    workstreams = states["workstreams"]
    rows = {"workstreams": workstreams.loaded_rows(list(range(workstreams.rows.num_rows)))}
    check_coverage(raw_ids, rows, unreadable, problems)
