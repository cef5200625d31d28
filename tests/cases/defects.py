"""Gate defects the invalid-case corpus exposes, for the lead to fix in src/summitdata/validation/.

Each listed case's expected.json holds what a careful reviewer expects; the gate's output differs
today for the reason given. The tests mark these cases as strict xfails: fixing the gate makes
them pass, and the now-failing xfail says to delete the entry.
"""

from __future__ import annotations

_JSON_NO_POSITION = (
    "documents.strict_json: the object_pairs_hook/parse_constant/parse_int/parse_float hooks and _depth raise "
    "JsonProblemError without a position, so the problem has line None instead of the offending line"
)
_PROFILE_REPEATS_UNSAFE_PATH = (
    "documents._profile_problems re-reports Frictionless's 'path ... is not safe' as descriptor-error on top of "
    "files.check_files' unsafe-path for the same path"
)
_STALE_JSON_REFERENCES = (
    "documents.check_json_resources checks summit.json's references against the CSV ids, so removing CSV rows "
    "makes the (now stale) summit.json report foreign-key-error cascades, each at the first line the value "
    "occurs (json_foreign_keys uses _line_of on the value); generated-stale covers staleness"
)
_ROW_LENGTH_DROPS_ID = (
    "tables.check_table records raw ids only through _check_row, so a row with a wrong cell count loses its id: "
    "integrity.check_keys reports foreign-key-error in every table referencing it, coverage reports it missing, "
    "and summit.json's references to it all fail, every one at line 288 (the value's first occurrence)"
)

#: Case → diagnosis of the gate defect that makes its (correct) expectation fail today.
KNOWN_GATE_DEFECTS: dict[str, str] = {}

#: Defects that make the gate raise instead of returning a report.
GATE_CRASHES: frozenset[str] = frozenset()
