"""The gate's shortcuts are exact: each gives what the long way gives (reports, depths, documents, records)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitdata import nested
from summitdata.resources import JSON_PATH
from summitdata.validation import documents, files, generated, strictjson, validate_package, window
from summitdata.validation.files import read_limited, read_opened
from summitdata.validation.strictjson import MAX_DEPTH, JsonProblemError, _depth, _lexed_depth, strict_json
from tests.conftest import JSON_VALUES, ROOT, edit_file


def reference_depth(text: str) -> int:
    """The depth scan as first written, character by character: the definition the fast one must match."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


@given(st.text(alphabet='[]{}"\\ a,:\n\u201c', max_size=60))
@settings(max_examples=3000)
def test_the_depth_scan_matches_the_character_by_character_definition(text: str) -> None:
    """Strings, escapes, unclosed strings and stray brackets give the same depth as the reference scan."""
    assert _depth(text) == reference_depth(text)


def test_the_depth_scan_measures_the_real_document() -> None:
    """On data/summit.json the fast scan agrees with the reference."""
    text = (ROOT / "data" / "summit.json").read_text(encoding="utf-8")
    assert _depth(text) == reference_depth(text) > 2


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


@given(JSON_VALUES, st.booleans(), st.booleans())
@settings(max_examples=1000)
def test_the_lexed_depth_equals_the_depth_on_every_json_text(value: Any, ascii_only: bool, indent: bool) -> None:
    """On any text json.loads accepts (escaped quotes and backslashes included) the fast scan gives the exact depth."""
    text = json.dumps(value, ensure_ascii=ascii_only, indent=2 if indent else None)
    assert _lexed_depth(_utf8(text)) == _depth(text) == reference_depth(text)


def reference_strict_json(text: str) -> Any:
    """strict_json as it was before the fast scan: the exact depth first, then the parse."""
    if _depth(text) > MAX_DEPTH:
        raise JsonProblemError("json-too-deep", "too deep")
    try:
        return json.loads(
            text,
            object_pairs_hook=strictjson._pairs,
            parse_constant=strictjson._constant,
            parse_int=strictjson._int,
            parse_float=strictjson._float,
        )
    except json.JSONDecodeError as exc:
        raise JsonProblemError("json-syntax-error", exc.msg) from None


def _outcome(parse: Any, text: str) -> tuple[str, Any]:
    try:
        return "value", parse(text)
    except JsonProblemError as exc:
        return exc.code, None


# Texts that are not JSON, with backslashes outside strings, deep brackets behind them, and the
# hooks' problems (a duplicate key, NaN, a long number) before them.
_NEAR_JSON = st.lists(
    st.sampled_from(
        ['"', "\\", "[", "]", "{", "}", '"a"', ":", ",", "1", '{"a":1,"a":2}', "NaN", "9" * 20, " ", "\u201c"]
    ),
    max_size=40,
).map("".join)


_DEEP = "[" * (MAX_DEPTH + 1)


@given(st.one_of(_NEAR_JSON, _NEAR_JSON.map(lambda t: t + _DEEP), _NEAR_JSON.map(lambda t: _DEEP + t)))
@settings(max_examples=3000)
def test_strict_json_reports_what_the_exact_depth_scan_reported(text: str) -> None:
    """Any text, JSON or not, gets the same value or the same problem code as with the exact scan alone."""
    assert _outcome(strict_json, text) == _outcome(reference_strict_json, text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('\\""' + "[" * (MAX_DEPTH + 1), "json-too-deep"),
        ('{"a": 1, "a": 2} \\""' + "[" * (MAX_DEPTH + 1), "json-too-deep"),
        ('[1, \\"' + "[" * (MAX_DEPTH + 1), "json-syntax-error"),
    ],
    ids=["undercounted-deep", "undercounted-deep-after-a-duplicate-key", "overcounted-shallow"],
)
def test_a_stray_backslash_leaves_the_verdict_to_the_exact_scan(text: str, code: str) -> None:
    """Where a backslash outside a string misleads the fast scan, either way, the exact scan gives the old report."""
    assert (_lexed_depth(_utf8(text)) > MAX_DEPTH) != (_depth(text) > MAX_DEPTH)
    with pytest.raises(JsonProblemError) as raised:
        strict_json(text)
    assert raised.value.code == code


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("[" * 100_000 + "]" * 100_000, 100_000),
        ('["' + "\\\\" * 500_000 + '"]', 1),
        ('"' + "\\" + '"' * 10, 0),
        ('"' + "[" * 1_000_000, 0),
        ('[{"a": "' + "x" * 10_000_000 + '"}]', 2),
    ],
    ids=["100k-deep", "long-escapes", "escaped-quotes-unclosed", "unclosed-string", "10MB-string"],
)
def test_pathological_json_gets_its_depth_without_recursion(text: str, depth: int) -> None:
    """Deep nesting, huge strings and unclosed strings are measured in one pass, by both scans."""
    assert _depth(text) == _lexed_depth(_utf8(text)) == depth


def test_json_nested_100000_deep_is_refused_as_too_deep() -> None:
    """A document nested 100,000 deep is refused with json-too-deep before it is parsed."""
    with pytest.raises(JsonProblemError) as raised:
        strict_json("[" * 100_000 + "]" * 100_000)
    assert raised.value.code == "json-too-deep"
    assert MAX_DEPTH < 100_000


def test_a_current_document_skips_the_json_checks(package_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a current package the JSON layer is proven empty and not run; a hand edit runs it in full."""
    calls: list[Path] = []
    real = documents.check_json_resources

    def counted(root: Path, ids: dict[str, set[str]], problems: list[Any], *args: Any, **kwargs: Any) -> Any:
        calls.append(root)
        return real(root, ids, problems, *args, **kwargs)

    monkeypatch.setattr(generated, "check_json_resources", counted)
    assert validate_package(package_copy).problems == []
    assert calls == []
    edit_file(package_copy / "data" / "summit.json", lambda t: t.replace('"Joe Biden"', '"Joe  Biden"', 1))
    codes = {p.code for p in validate_package(package_copy).problems}
    assert codes == {"generated-stale"}
    assert calls == [package_copy]


@pytest.fixture
def screened(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Each document (or part of one) the models' screen is shown, in order."""
    from summitdata.validation import screen

    seen: list[Any] = []
    real = screen.schema_finds_nothing

    def spy(document: Any, schema: Any) -> bool:
        seen.append(document)
        return real(document, schema)

    monkeypatch.setattr(screen, "schema_finds_nothing", spy)
    return seen


def test_a_stale_document_is_screened_only_where_it_differs(package_copy: Path, screened: list[Any]) -> None:
    """The screen sees only the records unlike the generator's: one edited person, nothing of the other lists."""
    edit_file(package_copy / "data" / "summit.json", lambda t: t.replace('"Joe Biden"', '"Joe  Biden"', 1))
    problems = validate_package(package_copy).problems
    assert [(p.code, p.field) for p in problems] == [("generated-stale", "/people/1/name")]
    (part,) = screened
    assert {key: len(value) for key, value in part.items() if isinstance(value, list)} == {
        key: 1 if key == "people" else 0 for key, value in part.items() if isinstance(value, list)
    }
    assert part["people"][0]["name"] == "Joe  Biden"


def test_a_stale_document_is_parsed_once_and_reported_as_a_fresh_read_reports_it(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stale summit.json's first difference comes from the JSON layer's parse and the records, as from new reads."""
    import summitdata

    edit_file(package_copy / "data" / "summit.json", lambda t: t.replace('"Joe Biden"', '"Joe  Biden"', 1))
    tables = {name: list(table) for name, table in summitdata.load(package_copy).tables.items()}
    expected = generated.expected_files(package_copy, tables)
    document = strict_json((package_copy / "data" / "summit.json").read_text(encoding="utf-8"))
    fresh: list[Any] = []
    generated.report_stale(package_copy, expected, fresh)
    reads: list[str] = []

    def spy(root: Path, path: str, *args: Any) -> bytes:
        reads.append(path)
        return read_limited(root, path, *args)

    monkeypatch.setattr(generated, "read_limited", spy)
    monkeypatch.setattr(generated, "text_of", lambda content: pytest.fail("summit.json's expected text was made whole"))
    reused: list[Any] = []
    generated.report_stale(package_copy, expected, reused, parsed={"data/summit.json": document})
    assert reused == fresh
    assert [(p.file, p.field) for p in fresh if p.file == "data/summit.json"] == [
        ("data/summit.json", "/people/1/name")
    ]
    assert "data/summit.json" not in reads


def test_a_current_document_with_a_hand_edited_schema_runs_the_json_checks(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shortcut needs the schema file current too: a stricter hand-edited schema is applied and reported."""
    path = package_copy / "schemas" / "summit.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["name"]["maxLength"] = 3
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    codes = {(p.code, p.file) for p in validate_package(package_copy).problems}
    assert ("json-schema-error", "data/summit.json") in codes


def test_the_generated_descriptor_passes_frictionlesss_profile() -> None:
    """What lets the gate skip the profile check for a descriptor equal to the generator's."""
    from frictionless import Package

    from summitdata.generate import descriptor_text

    assert [error.message for error in Package.metadata_validate(json.loads(descriptor_text()))] == []


def test_a_hand_edited_descriptor_gets_the_profile_check(package_copy: Path) -> None:
    """A descriptor that differs from the generator's is checked against Frictionless's profile."""
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["keywords"] = "South Korea, United States"  # the profile wants a list
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert "descriptor-error" in {p.code for p in validate_package(package_copy).problems}


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_names_each_layer_on_stderr_only() -> None:
    """Once the display is on, each layer is named on stderr; the report on stdout is unchanged."""
    from summitdata.validation import progress

    stream = _Terminal()
    with progress.shown_on(stream, after=0):
        report = validate_package(ROOT)
    shown = stream.getvalue()
    for name in ("descriptor and files", "tables", "keys, provenance and coverage", "comparing the generated files"):
        assert f"summitdata validate: {name}" in shown
    assert report.problems == []


def test_progress_stays_silent_off_a_terminal_and_in_json(tmp_path: Path) -> None:
    """Without a terminal nothing extra is written; the JSON report is the same with or without a display."""
    from summitdata.cli import run

    outputs = []
    for stderr in (io.StringIO(), _Terminal()):
        stdout = io.StringIO()
        assert run(["validate", str(ROOT), "--format", "json"], stdout, stderr) == 0
        outputs.append(json.loads(stdout.getvalue()))
        if not stderr.isatty():
            assert stderr.getvalue() == ""
    for output in outputs:
        output.pop("seconds", None)
    assert outputs[0] == outputs[1]


def test_a_format_jsonschema_checks_more_strictly_than_the_models_still_reports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where an installed format checker (rfc3987's ``uri``) rejects what the models accept, the shortcut declines."""
    import jsonschema

    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    monkeypatch.setitem(checker.checkers, "uri", (lambda value: "nato.int" not in str(value), ()))
    with_shortcut = validate_package(ROOT).problems
    monkeypatch.setattr(generated, "TRUST_GENERATED", False)
    assert validate_package(ROOT).problems == with_shortcut
    assert ("json-schema-error", "data/summit.json") in {(p.code, p.file) for p in with_shortcut}


def test_a_date_format_is_asked_of_the_text_the_document_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Days are checked as the ISO text summit.json holds (jsonschema passes non-strings): a rejected day declines."""
    import jsonschema

    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    monkeypatch.setitem(
        checker.checkers, "date", (lambda value: not isinstance(value, str) or value != "2024-07-11", ())
    )
    with_shortcut = validate_package(ROOT).problems
    monkeypatch.setattr(generated, "TRUST_GENERATED", False)
    assert validate_package(ROOT).problems == with_shortcut
    assert ("json-schema-error", "data/summit.json") in {(p.code, p.file) for p in with_shortcut}


def _edit_last_note(text: str) -> str:
    """events.csv with its last row's note extended, every other byte kept (a table edited without generating)."""
    head, last = text.rstrip("\n").rsplit("\n", 1)
    (row,) = csv.reader([last])
    row[next(csv.reader([head.split("\n", 1)[0]])).index("note")] += " Edited after generation."
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    return f"{head}\n{out.getvalue()}"


@pytest.fixture
def parsed_whole(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the JSON files the gate parses whole, in the order it parses them."""
    parsed: list[str] = []
    real = documents.parse_json_text

    def spy(path: str, text: str, problems: list[Any]) -> Any:
        parsed.append(path)
        return real(path, text, problems)

    monkeypatch.setattr(documents, "parse_json_text", spy)
    return parsed


@pytest.fixture
def read_whole(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the files the JSON layer reads whole, in the order it reads them; summit.json is otherwise read
    through a window of 4 KiB (the real one, 258 KB, would fit in the default window at once)."""
    read: list[str] = []

    def spy_limited(root: Path, path: str, max_bytes: int) -> bytes:
        read.append(path)
        return read_limited(root, path, max_bytes)

    def spy_opened(file: BinaryIO, path: str, max_bytes: int) -> bytes:
        read.append(path)
        return read_opened(file, path, max_bytes)

    monkeypatch.setattr(documents, "read_limited", spy_limited)
    monkeypatch.setattr(documents, "read_opened", spy_opened)
    monkeypatch.setattr(window, "CHUNK_BYTES", 4096)
    return read


@pytest.mark.parametrize(
    ("path", "edit"),
    [
        ("data/events.csv", _edit_last_note),
        ("data/summit.json", lambda t: t.replace('"Joe Biden"', '"Joe  Biden"', 1)),
    ],
    ids=["table-edited-without-generating", "one-name-edited-by-hand"],
)
def test_a_stale_document_in_the_generators_layout_is_never_parsed_whole(
    package_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    edit: Any,
    *,
    parsed_whole: list[str],
    read_whole: list[str],
) -> None:
    """Only the records unlike the generator's are decoded and parsed, the file is never held whole, and the report is
    the whole check's."""
    edit_file(package_copy / path, edit)
    short = validate_package(package_copy).problems
    assert [p.code for p in short] == ["generated-stale"]
    assert "data/summit.json" not in parsed_whole
    assert "data/summit.json" not in read_whole
    monkeypatch.setattr(generated, "TRUST_GENERATED", False)
    assert validate_package(package_copy).problems == short
    assert "data/summit.json" in parsed_whole


def test_a_stale_document_laid_out_otherwise_is_parsed_whole_and_reported_the_same(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch, parsed_whole: list[str], read_whole: list[str]
) -> None:
    """A stale summit.json written compactly cannot be read record by record: the whole is read and parsed once, as
    before."""
    summit = package_copy / "data" / "summit.json"
    edit_file(summit, lambda t: json.dumps(json.loads(t.replace('"Joe Biden"', '"Joe  Biden"', 1)), ensure_ascii=False))
    problems = validate_package(package_copy).problems
    assert [(p.code, p.field) for p in problems] == [("generated-stale", "/people/1/name")]
    assert parsed_whole.count("data/summit.json") == 1
    assert read_whole.count("data/summit.json") == 1
    monkeypatch.setattr(generated, "TRUST_GENERATED", False)
    assert validate_package(package_copy).problems == problems


def test_a_stale_document_that_outgrows_the_limit_while_read_is_reported_too_large(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch, read_whole: list[str]
) -> None:
    """A stale summit.json that passed the size check, then is longer than the limit when read through the window:
    the walk gives up, and the whole read it falls back to reports file-too-large (no traceback)."""
    edit_file(package_copy / "data" / "events.csv", _edit_last_note)
    real = files.refusal
    # As if the file grew between the size check (lstat) and the read.
    monkeypatch.setattr(
        files, "refusal", lambda root, path, most: None if path == JSON_PATH else real(root, path, most)
    )
    walked: list[bool] = []
    aligned = documents._aligned

    def spy(*args: Any) -> Any:
        walked.append(True)
        return aligned(*args)

    monkeypatch.setattr(documents, "_aligned", spy)
    limit = (package_copy / JSON_PATH).stat().st_size - 1
    problems = validate_package(package_copy, limit).problems
    assert [(p.code, p.file) for p in problems] == [("file-too-large", JSON_PATH)]
    assert walked == [True]
    assert read_whole.count(JSON_PATH) == 1


@pytest.mark.parametrize("stale", [False, True], ids=["current", "table-edited-without-generating"])
def test_the_generators_document_is_made_once(package_copy: Path, monkeypatch: pytest.MonkeyPatch, stale: bool) -> None:
    """The walk that finds summit.json current or stale is the one the JSON layer reads a stale file's records from:
    the generator's document is made once either way, and the report is the one without the shortcuts."""
    if stale:
        edit_file(package_copy / "data" / "events.csv", _edit_last_note)
    made: list[int] = []
    real = nested._Text.__init__

    def counted(self: Any, ds: Any) -> None:
        made.append(1)
        real(self, ds)

    monkeypatch.setattr(nested._Text, "__init__", counted)
    problems = validate_package(package_copy).problems
    assert [p.code for p in problems] == (["generated-stale"] if stale else [])
    assert len(made) == 1
    monkeypatch.setattr(generated, "TRUST_GENERATED", False)
    assert validate_package(package_copy).problems == problems


def test_records_the_screen_declines_are_screened_once_and_left_to_jsonschema(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch, screened: list[Any]
) -> None:
    """An integer written `true` in a record read from the bytes: the screen sees it once, jsonschema reports it."""
    edit_file(package_copy / "data" / "summit.json", lambda t: t.replace('"position": 1,', '"position": true,', 1))
    problems = validate_package(package_copy).problems
    assert [p.code for p in problems] == ["json-schema-error"]
    assert len(screened) == 1
    monkeypatch.setattr(generated, "TRUST_GENERATED", False)
    assert validate_package(package_copy).problems == problems
