"""Layers 4, 7 and 8 over column arrays, reported by the row engine's own functions.

Each layer screens the columns for the few rows that can produce a problem, then hands
exactly those rows (and the ids they need) to integrity.check_keys, provenance.check_provenance
and coverage.check_coverage, so every message comes from the standard path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from summitdata.coverage import REQUIRED
from summitdata.resources import BY_NAME, RESOURCES
from summitdata.validation.coverage import check_coverage
from summitdata.validation.fast._tables import TableState
from summitdata.validation.integrity import check_keys
from summitdata.validation.problems import Problem
from summitdata.validation.provenance import VERBATIM_COLUMNS, check_provenance
from summitdata.validation.tables import LoadedRow

States = dict[str, TableState]


def _positions(mask: Any) -> list[int]:
    import pyarrow.compute as pc

    return list(pc.indices_nonzero(pc.fill_null(mask, False)).to_pylist())


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

    id_sets = {name: pc.unique(state.ids) for name, state in states.items()}
    dangling = _dangling(states, id_sets)
    # Rows that break a reference, or a fact-check target.
    candidates: dict[str, list[int]] = {}
    for resource in RESOURCES:
        rows = states[resource.name].rows
        flags = pa.array([False] * rows.num_rows, pa.bool_())
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
        repeated = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
        mask = pc.is_in(normalized, value_set=repeated)
        if needed[name]:
            mask = pc.or_(mask, pc.is_in(state.ids, value_set=pa.array(sorted(needed[name]), pa.string())))
        raw_ids[name] = _raw_ids(state, mask)
    check_keys(rows_in, raw_ids, unreadable, problems)


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
    import pyarrow as pa
    import pyarrow.compute as pc

    flags = pa.array([False] * rows.num_rows, pa.bool_())
    targets = rows.column("resource")
    for target in pc.unique(targets).to_pylist():
        if target in unreadable or target not in id_sets:
            continue
        here = pc.equal(targets, target)
        bad = pc.invert(pc.is_in(rows.column("field"), pa.array(BY_NAME[target].fields, pa.string())))
        bad = pc.and_(pc.is_valid(rows.column("field")), bad)
        for column in ("record_id", "counterpart_id"):
            values = rows.column(column)
            bad = pc.or_(bad, pc.and_(pc.is_valid(values), pc.invert(pc.is_in(values, id_sets[target]))))
        flags = pc.or_(flags, pc.and_(here, bad))
    return flags


def _article_texts(root: Path, stored: list[LoadedRow]) -> list[str]:
    """Texts the provenance layer may take as the article: stored article sources whose hash holds."""
    texts = []
    for row in stored:
        values = row.record.__dict__
        path = root / values["path"]
        if values["kind"] == "article" and path.is_file():
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() == values["sha256"]:
                texts.append(data.decode("utf-8", errors="replace"))
    return texts


def _classes(values: Any, article: Any, known: Any) -> Any:
    """What the basis check can tell about a source reference: article, another source, or none."""
    import pyarrow.compute as pc

    return pc.if_else(
        pc.is_in(values, value_set=article), "article", pc.if_else(pc.is_in(values, value_set=known), "known", "none")
    )


def provenance(root: Path, states: States, problems: list[Problem], declared: Sequence[str] = ()) -> None:
    """Quotes verbatim in the article (on distinct values) and basis against source kind.

    Rows go to provenance.check_provenance when a quote is not in the article, and one row
    per combination of basis and what its sources are (the only inputs of the basis check);
    when that row breaks the basis rules, every row of its combination is checked.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    sources = states["sources"]
    source_ids = sources.rows.column("id").to_pylist()
    kinds = sources.rows.column("kind").to_pylist()
    last_kind = dict(zip(source_ids, kinds, strict=True))
    article_ids = pa.array(sorted({i for i, k in zip(source_ids, kinds, strict=True) if k == "article"}), pa.string())
    last_article = pa.array(sorted(i for i, k in last_kind.items() if k == "article"), pa.string())
    known = pa.array(sorted(last_kind), pa.string())
    stored = _positions(pc.is_valid(sources.rows.column("path")))
    texts = _article_texts(root, sources.loaded_rows(stored))
    first: dict[str, set[int]] = {}
    groups: dict[tuple[str, int], list[int]] = {}
    for resource in RESOURCES:
        state = states[resource.name]
        rows = state.rows
        if resource.name == "sources" or not rows.num_rows:
            continue
        flags = pa.array([False] * rows.num_rows, pa.bool_())
        for column in VERBATIM_COLUMNS:
            if column in resource.fields and texts:
                distinct = pc.unique(rows.column(column)).drop_null().to_pylist()
                missing = [text for text in distinct if not all(text in article for article in texts)]
                if missing:
                    flags = pc.or_(flags, pc.is_in(rows.column(column), value_set=pa.array(missing, pa.string())))
        positions = set(_positions(flags))
        keys = {"_basis": rows.column("basis") if "basis" in resource.fields else pa.nulls(rows.num_rows, pa.string())}
        if "source_id" in resource.fields:
            keys["_source"] = _classes(rows.column("source_id"), article_ids, known)
        if "date_source_id" in resource.fields:
            keys["_date"] = _classes(rows.column("date_source_id"), last_article, known)
        indexed = pa.table({**keys, "_row": pa.array(range(rows.num_rows), pa.int64())})
        grouped = indexed.group_by(list(keys), use_threads=False).aggregate([("_row", "list")])
        for members in grouped.column("_row_list").to_pylist():
            positions.add(members[0])
            groups[(resource.name, members[0])] = members
        first[resource.name] = positions
    found = _check(root, states, first, stored, declared)
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
        problems.extend(_check(root, states, second, stored, declared))


def _check(
    root: Path, states: States, positions: dict[str, set[int]], stored: list[int], declared: Sequence[str] = ()
) -> list[Problem]:
    """check_provenance over some rows, with the sources rows it needs for them (in file order)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = {r.name: states[r.name].loaded_rows(sorted(positions.get(r.name, ()))) for r in RESOURCES}
    cited = {
        value
        for loaded in rows.values()
        for row in loaded
        for column in ("source_id", "date_source_id")
        if (value := row.record.__dict__.get(column)) is not None
    }
    sources = states["sources"]
    needed = set(stored) | set(
        _positions(pc.is_in(sources.rows.column("id"), value_set=pa.array(sorted(cited), pa.string())))
    )
    rows["sources"] = sources.loaded_rows(sorted(needed))
    found: list[Problem] = []
    check_provenance(root, rows, found, declared=declared)
    return found


def coverage(states: States, unreadable: set[str], problems: list[Problem]) -> None:
    """The required ids, through coverage.check_coverage (workstreams in full: it counts them)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    raw_ids: dict[str, list[tuple[int, str]]] = {}
    for name, state in states.items():
        if name == "workstreams":
            raw_ids[name] = _raw_ids(state, pa.array([True] * len(state.ids), pa.bool_()))
        else:
            required = pa.array(list(REQUIRED.get(name, ())), pa.string())
            raw_ids[name] = _raw_ids(state, pc.is_in(state.ids, value_set=required))
    workstreams = states["workstreams"]
    rows = {"workstreams": workstreams.loaded_rows(list(range(workstreams.rows.num_rows)))}
    check_coverage(raw_ids, rows, unreadable, problems)
