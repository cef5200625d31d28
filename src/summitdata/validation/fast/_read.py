"""Reading one CSV with pyarrow, and the vectorized screen of its cells.

A file is read here only when a cheap scan proves it plain: no BOM, CR or NUL, every line
strictly quoted (so Python's strict csv and pyarrow split it alike), no blank or multi-line
rows. Anything else goes back to :func:`summitdata.validation.tables.check_table`.

The screen flags every row the pydantic model *might* reject; flagged rows are then
validated by the model itself, so messages are the row-by-row engine's, word for word.
The screen is derived from the models: the Table Schema (types, required, enum, pattern,
lengths, minimum), the validators attached to each field (text rules, NFC, calendar
dates, country codes, URLs) and each model's ``row_rules``.
"""

from __future__ import annotations

import dataclasses
import time
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, get_args

from pydantic import AfterValidator
from pydantic.fields import FieldInfo

from summitdata._arrow import blob, constant, first_rows, group_codes, int64s, scalar, strings
from summitdata.csvio import CsvSyntaxError, iter_rows
from summitdata.resources import Resource
from summitdata.rules import Predicate, Rule
from summitdata.tableschema import table_schema

CHUNK_BYTES = 1 << 24
_BOM = b"\xef\xbb\xbf"
# One field as the row engine accepts it (RFC 4180): quoted (quotes doubled inside),
# or unquoted without any quote, or empty.
_FIELD = r'(?:"(?:[^"\n]|"")*"|[^",\n]+)?'
#: A chunk of whole lines, each of which both parsers split the same way.
STRICT_LINES = rf"\A(?:{_FIELD}(?:,{_FIELD})*\n)*(?:{_FIELD}(?:,{_FIELD})*)?\z"

Screen = Callable[[Any], Any]  # pyarrow array → boolean array ("needs the model's verdict")


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as file:
        while chunk := file.read(CHUNK_BYTES):
            yield chunk + file.readline()


def header(path: Path) -> list[str] | None:
    with path.open("rb") as file:
        first = file.readline()
    try:
        rows = iter_rows(first.decode("utf-8"))
        row = next(rows, None)
    except (UnicodeDecodeError, CsvSyntaxError):
        return None
    return None if row is None else row.cells


def scan(path: Path) -> bool:
    """Whether the file is plain enough to read vectorized: each physical line is one row."""
    import pyarrow.compute as pc

    for number, chunk in enumerate(_chunks(path)):
        if (number == 0 and chunk.startswith(_BOM)) or b"\r" in chunk or b"\0" in chunk:
            return False
        if b"\n\n" in chunk or chunk.startswith(b"\n"):
            return False  # a blank row
        # Without quotes no cell spans lines, so lines are rows; with quotes the regex proves it.
        strict = pc.match_substring_regex(blob(chunk), STRICT_LINES) if b'"' in chunk else None
        if strict is not None and not strict[0].as_py():
            return False
    return True


def read(path: Path, fields: list[str]) -> Any:
    """Every cell as a string, empty cells as null; None if pyarrow cannot parse it."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    try:
        return pcsv.read_csv(
            path,
            read_options=pcsv.ReadOptions(skip_rows=1, column_names=fields, block_size=1 << 22),
            parse_options=pcsv.ParseOptions(newlines_in_values=False),
            convert_options=pcsv.ConvertOptions(
                column_types={name: pa.string() for name in fields},
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None


# --- screens derived from the models ---------------------------------------------------------


def _validators(info: FieldInfo) -> list[Callable[..., Any]]:
    """The AfterValidator functions of a field, however deeply its Annotated aliases nest them."""
    found: list[Callable[..., Any]] = []

    def walk(items: Any) -> None:
        for item in items:
            if isinstance(item, AfterValidator):
                found.append(item.func)
            elif isinstance(item, FieldInfo):
                walk(item.metadata)

    def walk_type(annotation: Any) -> None:
        walk(getattr(annotation, "__metadata__", ()))
        for arg in get_args(annotation):
            walk_type(arg)

    walk(info.metadata)
    walk_type(info.annotation)
    return found


def _text_screen(column: Any) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    from summitdata.fields import TEXT_RULES

    # One pass for every rule: a flagged cell goes to the model, which names the rule it breaks.
    flag = pc.match_substring_regex(column, "|".join(f"(?:{rule.pattern})" for rule in TEXT_RULES))
    non_ascii = pc.invert(pc.string_is_ascii(column))
    if pc.any(non_ascii).as_py():
        # ASCII is always NFC. The rest is checked joined by "\n", a code point that never
        # composes, so the whole is NFC exactly when every cell is; if not, cell by cell.
        others = column.filter(non_ascii)
        joined = pc.binary_join(pa.LargeListArray.from_arrays(int64s([0, len(others)]), others), scalar("\n"))
        if not unicodedata.is_normalized("NFC", joined[0].as_py()):
            flag = pc.or_(flag, pc.not_equal(pc.utf8_normalize(column, "NFC"), column))
    return flag


def _country_screen(column: Any) -> Any:
    import pyarrow.compute as pc

    from summitdata.countries import COUNTRY_CODES

    return pc.invert(pc.is_in(column, value_set=strings(COUNTRY_CODES)))


def _url_screen(column: Any) -> Any:
    import pyarrow.compute as pc

    from summitdata.fields import URL_SCREEN

    # Only plain ASCII URLs of the simplest shape pass here; every other one goes to the model.
    return pc.invert(pc.and_(pc.string_is_ascii(column), pc.match_substring_regex(column, URL_SCREEN)))


def _calendar_screen(column: Any) -> Any:
    import pyarrow.compute as pc

    # Arrow's strptime rolls 2023-02-30 over to March: a real date survives the round trip.
    parsed = pc.strptime(column, format="%Y-%m-%d", unit="s", error_is_null=True)
    same = pc.fill_null(pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), column), scalar(False))
    year_zero = pc.starts_with(column, "0000")  # no year 0 in the calendar, at any precision
    return pc.or_(pc.and_(pc.equal(pc.utf8_length(column), scalar(10)), pc.invert(same)), year_zero)


@cache
def _known_validators() -> dict[Callable[..., Any], Screen]:
    from summitdata import dates, fields

    return {
        fields.check_text: _text_screen,
        fields.check_country: _country_screen,
        fields.check_url: _url_screen,
        dates.check_partial_date: _calendar_screen,
    }


def _any(flags: list[Any]) -> Any:
    import pyarrow.compute as pc

    result = flags[0]
    for flag in flags[1:]:
        result = pc.or_(result, flag)
    return result


_DISTINCT_FROM = 1000
_SAMPLE_ROWS = 10_000
_GROUP_ABOVE_SECONDS = 0.15
_HANDLED_CONSTRAINTS = {"required", "unique", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum"}


def _column_flags(resource: Resource, name: str, field: dict[str, Any], column: Any) -> list[Any]:
    import pyarrow as pa
    import pyarrow.compute as pc

    constraints = field.get("constraints", {})
    everything = pc.is_valid(column)
    flags: list[Any] = []
    value = column
    if field["type"] == "integer":
        # cells_to_values parses ASCII digits with an optional sign; anything else is a type error.
        from summitdata.loader import INTEGER_PATTERN

        plain = pc.match_substring_regex(column, INTEGER_PATTERN)
        flags.append(pc.invert(plain))
        value = pc.cast(pc.if_else(plain, column, scalar("0")), pa.int64())
    elif field["type"] == "date":
        from summitdata.dates import ISO_DAY_PATTERN

        # A typed date cell: the calendar-exact pattern is the whole of what the model accepts.
        flags.append(pc.invert(pc.match_substring_regex(column, ISO_DAY_PATTERN)))
    elif field["type"] != "string" or set(constraints) - _HANDLED_CONSTRAINTS:
        return [everything]  # nothing to derive a screen from: the model decides every cell
    if (enum := constraints.get("enum")) is not None:
        allowed = int64s(enum) if field["type"] == "integer" else strings(enum)
        flags.append(pc.invert(pc.is_in(value, value_set=allowed)))
    if "pattern" in constraints:
        flags.append(pc.invert(pc.match_substring_regex(column, constraints["pattern"])))
    if "minLength" in constraints:
        flags.append(pc.less(pc.utf8_length(column), scalar(constraints["minLength"])))
    if "maxLength" in constraints:
        flags.append(pc.greater(pc.utf8_length(column), scalar(constraints["maxLength"])))
    if "minimum" in constraints:
        flags.append(pc.less(value, scalar(constraints["minimum"])))
    if "maximum" in constraints:
        flags.append(pc.greater(value, scalar(constraints["maximum"])))
    known = _known_validators()
    for validator in _validators(resource.model.model_fields[name]):
        screen = known.get(validator)
        flags.append(everything if screen is None else screen(column))
    if not flags:
        return []
    return [pc.and_(everything, pc.fill_null(_any(flags), scalar(True)))]


@cache
def _schema(resource: Resource) -> tuple[list[dict[str, Any]], frozenset[str]]:
    required = frozenset(resource.model.model_json_schema().get("required", []))
    return table_schema(resource)["fields"], required


def screen(resource: Resource, table: Any) -> tuple[Any, Any]:
    """A boolean array, True where the row may break its model (cells or row rules), and the table
    with its repetitive columns dictionary-encoded (the same values, in less memory)."""
    import pyarrow.compute as pc

    fields, required = _schema(resource)
    flags: list[Any] = [constant(False, table.num_rows)]
    for field in fields:
        name = field["name"]
        column = table.column(name).combine_chunks()
        if name in required:
            flags.append(pc.is_null(column))
        sample = column.slice(0, _DISTINCT_FROM)
        repeats = len(column) > _DISTINCT_FROM and len(pc.unique(sample)) * 2 < len(sample)
        encoded = pc.dictionary_encode(column) if repeats else None
        if encoded is not None:
            table = table.set_column(table.schema.get_field_index(name), name, encoded)
            # A cell's checks depend on its value only: check each distinct value once.
            for flag in _column_flags(resource, name, field, encoded.dictionary):
                flags.append(pc.fill_null(pc.take(flag, encoded.indices), scalar(False)))
        else:
            flags.extend(_column_flags(resource, name, field, column))
    for rule in resource.model.row_rules:
        flags.append(_rule_flags(rule, table))
    return pc.fill_null(_any(flags), scalar(True)), table


def _columns_of(predicate: Any, names: set[str]) -> set[str] | None:
    """The columns a predicate reads (its dataclass fields naming columns), or None if unknown."""
    if not dataclasses.is_dataclass(predicate):
        return set() if not vars(predicate) else None
    found: set[str] = set()
    for item in dataclasses.fields(predicate):
        values = getattr(predicate, item.name)
        for value in values if isinstance(values, tuple) else (values,):
            if isinstance(value, str):
                found |= {value} & names
            elif isinstance(value, Predicate):
                inner = _columns_of(value, names)
                if inner is None:
                    return None
                found |= inner
    return found


def _rule_flags(rule: Rule, table: Any) -> Any:
    """A row rule's violations, evaluated once per distinct combination of the columns it reads."""
    import pyarrow as pa
    import pyarrow.compute as pc

    names = set(table.column_names)
    when, then = _columns_of(rule.when, names), _columns_of(rule.then, names)
    if when is None or then is None or not when | then or table.num_rows < _SAMPLE_ROWS * 4:
        return pc.fill_null(rule.violations(table), scalar(True))
    # Most rules are column operations; a few (substrings, date bounds) go value by value in Python.
    # Time the rule on a sample: only those worth it are evaluated on distinct combinations.
    started = time.perf_counter()
    rule.violations(table.slice(0, _SAMPLE_ROWS))
    if (time.perf_counter() - started) * table.num_rows / _SAMPLE_ROWS < _GROUP_ABOVE_SECONDS:
        return pc.fill_null(rule.violations(table), scalar(True))
    columns = sorted(when | then)
    keys = pa.table({name: table.column(name).cast(pa.string()) for name in columns})
    distinct = keys.take(first_rows(group_codes(keys.column(name) for name in columns)))
    if distinct.num_rows * 2 > table.num_rows:
        return pc.fill_null(rule.violations(table), scalar(True))
    if not pc.any(pc.fill_null(rule.violations(distinct), scalar(True))).as_py():
        return constant(False, table.num_rows)
    return pc.fill_null(rule.violations(table), scalar(True))  # some rows break it: find them all
