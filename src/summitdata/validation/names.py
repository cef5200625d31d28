"""References that hold a record's name instead of its id: say which id was meant.

A journalist writes ``Kim Tae-hyo`` where ``kim-tae-hyo`` belongs. The cell's own problem (a
constraint or foreign-key error) is then reworded to name the record. Both gate engines call
:func:`name_the_ids` on their finished list, so they say the same thing; the referenced tables
are read again only when such a problem exists.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from summitdata.csvio import CsvSyntaxError, iter_rows
from summitdata.fields import REF_ADVICE
from summitdata.resources import BY_NAME, Resource
from summitdata.validation.explain import ref_hint
from summitdata.validation.problems import Problem, show

#: Columns that hold a record's names; the list columns separate names with "; ".
NAME_COLUMNS = ("name", "short_name", "title", "other_names", "other_titles")
_REFERENCE_CODES = frozenset({"constraint-error", "foreign-key-error"})


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _names(root: Path, resource: Resource) -> dict[str, str]:
    """Each name (normalized) of the resource's records → the record's id; empty when unreadable."""
    try:
        rows = iter_rows((root / resource.path).read_text(encoding="utf-8"))
        header = next(rows).cells
        columns = [header.index(c) for c in NAME_COLUMNS if c in header]
        names: dict[str, str] = {}
        for row in rows:
            if len(row.cells) != len(header) or not row.cells[0]:
                continue
            for index in columns:
                for name in row.cells[index].split(";"):
                    if name.strip():
                        names.setdefault(_key(name), row.cells[0])
    except (OSError, UnicodeDecodeError, CsvSyntaxError, StopIteration, ValueError):
        return {}
    return names


def _target(problem: Problem) -> str | None:
    if problem.code not in _REFERENCE_CODES or not problem.value or problem.resource not in BY_NAME:
        return None
    column = (problem.field or "").rpartition(".")[2]
    return BY_NAME[problem.resource].foreign_keys.get(column)


def name_the_ids(root: Path, problems: list[Problem], safe: set[str]) -> list[Problem]:
    """``problems`` with each reference that names a record reworded to give that record's id."""
    targets = {target for problem in problems if (target := _target(problem)) is not None}
    names = {t: _names(root, BY_NAME[t]) for t in sorted(targets) if BY_NAME[t].path in safe}
    return [_reworded(problem, names) for problem in problems]


def _reworded(problem: Problem, names: dict[str, dict[str, str]]) -> Problem:
    target = _target(problem)
    meant = names.get(target or "", {}).get(_key(problem.value or ""))
    if target is None or meant is None or meant == problem.value:
        return problem
    noun = REF_ADVICE[target].noun if target in REF_ADVICE else "record"
    return dataclasses.replace(
        problem,
        message=f"{show(problem.value or '')} is the name of the {noun} {meant}, not an id",
        hint=ref_hint(target, exact=meant),
    )
