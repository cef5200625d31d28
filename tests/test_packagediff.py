"""summitdata.packagediff: real edits of a copy of the package → the right records, schema changes and bump."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summitdata.cli import run
from summitdata.commands.diff import render
from summitdata.csvio import iter_rows, read_text, to_csv
from summitdata.packagediff import PackageDiff, diff, diff_dirs
from summitdata.paths import bundled_root
from summitdata.versions import RULES
from tests.conftest import ROOT

Rows = list[list[str]]
JANE = ["jane-doe", "Jane Doe", "", "USA", "hankyoreh-article", "", "external", ""]


def edit_rows(package: Path, resource: str, change: Callable[[Rows], Rows]) -> None:
    """Rewrite data/<resource>.csv through ``change`` on its rows (header first), in the package's dialect."""
    path = package / "data" / f"{resource}.csv"
    rows = [row.cells for row in iter_rows(read_text(path))]
    after = change([list(row) for row in rows])
    assert after != rows, f"the edit did not change {path.name}"
    path.write_text(to_csv(after[0], after[1:]), encoding="utf-8", newline="")


def edit_descriptor(package: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def schema_of(descriptor: dict[str, Any], resource: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in descriptor["resources"] if r["name"] == resource)["schema"]
    return found


def field_of(descriptor: dict[str, Any], resource: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(f for f in schema_of(descriptor, resource)["fields"] if f["name"] == name)
    return found


def set_cell(record_id: str, column: str, value: str) -> Callable[[Rows], Rows]:
    def change(rows: Rows) -> Rows:
        index = rows[0].index(column)
        for row in rows[1:]:
            if row[0] == record_id:
                row[index] = value
        return rows

    return change


def drop_record(record_id: str) -> Callable[[Rows], Rows]:
    return lambda rows: [row for row in rows if row[0] != record_id]


def add_record(row: list[str]) -> Callable[[Rows], Rows]:
    return lambda rows: [*rows, row]


def add_column(name: str) -> Callable[[Rows], Rows]:
    return lambda rows: [[*rows[0], name]] + [[*row, ""] for row in rows[1:]]


def drop_column(name: str) -> Callable[[Rows], Rows]:
    def change(rows: Rows) -> Rows:
        index = rows[0].index(name)
        return [row[:index] + row[index + 1 :] for row in rows]

    return change


def rename_column(old: str, new: str) -> Callable[[Rows], Rows]:
    return lambda rows: [[new if cell == old else cell for cell in rows[0]], *rows[1:]]


def records_of(result: PackageDiff) -> set[tuple[str, str, str]]:
    return {(r.name, c.kind, c.id) for r in result.resources for c in r.records}


WORKSTREAM = "security-protocols-information-sharing"
DataEdit = Callable[[Path], None]


def correct_a_value(package: Path) -> None:
    edit_rows(package, "people", set_cell("vipin-narang", "country", "IND"))


def add_a_person(package: Path) -> None:
    edit_rows(package, "people", add_record(JANE))


def delete_a_record(package: Path) -> None:
    edit_rows(package, "people", drop_record("kim-tae-hyo"))


def change_an_id(package: Path) -> None:
    edit_rows(package, "people", set_cell("kim-tae-hyo", "id", "kim-taehyo"))


def add_and_correct(package: Path) -> None:
    add_a_person(package)
    edit_rows(package, "workstreams", set_cell(WORKSTREAM, "note", "corrected"))


def add_a_field(package: Path) -> None:
    edit_descriptor(package, lambda d: schema_of(d, "people")["fields"].append({"name": "website", "type": "string"}))
    edit_rows(package, "people", add_column("website"))


def add_a_field_with_a_foreign_key(package: Path) -> None:
    def change(descriptor: dict[str, Any]) -> None:
        schema = schema_of(descriptor, "people")
        schema["fields"].append({"name": "website_source_id", "type": "string"})
        key = {"fields": ["website_source_id"], "reference": {"resource": "sources", "fields": ["id"]}}
        schema.setdefault("foreignKeys", []).append(key)

    edit_descriptor(package, change)
    edit_rows(package, "people", add_column("website_source_id"))


def remove_a_field(package: Path) -> None:
    def change(descriptor: dict[str, Any]) -> None:
        schema = schema_of(descriptor, "people")
        schema["fields"] = [f for f in schema["fields"] if f["name"] != "other_names"]

    edit_descriptor(package, change)
    edit_rows(package, "people", drop_column("other_names"))


def rename_a_field(package: Path) -> None:
    edit_descriptor(package, lambda d: field_of(d, "people", "other_names").update(name="aliases"))
    edit_rows(package, "people", rename_column("other_names", "aliases"))


def constrain(field: str, **constraints: Any) -> DataEdit:
    return lambda p: edit_descriptor(p, lambda d: field_of(d, "people", field)["constraints"].update(constraints))


#: Data edits → (bump, the exact (resource, kind, id) records listed).
DATA_CASES: dict[str, tuple[DataEdit, str, set[tuple[str, str, str]]]] = {
    "correcting a value is a patch": (correct_a_value, "patch", {("people", "changed", "vipin-narang")}),
    "adding a person is minor": (add_a_person, "minor", {("people", "added", "jane-doe")}),
    "deleting a record is major": (delete_a_record, "major", {("people", "removed", "kim-tae-hyo")}),
    "changing an id is major": (change_an_id, "major", {("people", "id-changed", "kim-tae-hyo")}),
    "adding and correcting together is minor": (
        add_and_correct,
        "minor",
        {("people", "added", "jane-doe"), ("workstreams", "changed", WORKSTREAM)},
    ),
}

#: Schema edits of the copy's datapackage.json (and CSV where columns change) → (bump, kind, field).
SCHEMA_CASES: dict[str, tuple[DataEdit, str, str, str]] = {
    "adding a field is minor": (add_a_field, "minor", "field-added", "website"),
    # The new column's key constrains no released value: still minor, one change.
    "adding a field with its foreign key is minor": (
        add_a_field_with_a_foreign_key,
        "minor",
        "field-added",
        "website_source_id",
    ),
    "removing a field is major": (remove_a_field, "major", "field-removed", "other_names"),
    "renaming a field is major": (rename_a_field, "major", "field-renamed", "aliases"),
    "retyping a field is major": (
        lambda p: edit_descriptor(p, lambda d: field_of(d, "people", "country").update(type="integer")),
        "major",
        "field-retyped",
        "country",
    ),
    "tightening a bound is major": (constrain("name", minLength=5), "major", "constraint-tightened", "name"),
    "a new foreign key on a released field is major": (
        lambda p: edit_descriptor(
            p,
            lambda d: schema_of(d, "people")["foreignKeys"].append(
                {"fields": ["other_names"], "reference": {"resource": "sources", "fields": ["id"]}}
            ),
        ),
        "major",
        "constraint-tightened",
        "other_names",
    ),
    "making a field required is major": (constrain("note", required=True), "major", "constraint-tightened", "note"),
    "dropping enum values is major": (
        constrain("country", enum=["KOR", "USA"]),
        "major",
        "constraint-tightened",
        "country",
    ),
    "loosening a bound is minor": (constrain("id", maxLength=200), "minor", "constraint-loosened", "id"),
    "dropping a constraint is minor": (
        lambda p: edit_descriptor(p, lambda d: field_of(d, "people", "id")["constraints"].pop("pattern")),
        "minor",
        "constraint-loosened",
        "id",
    ),
    "rewording a description is a patch": (
        lambda p: edit_descriptor(p, lambda d: field_of(d, "people", "name").update(description="The name.")),
        "patch",
        "metadata-changed",
        "name",
    ),
}


@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_a_data_edit_demands_its_bump_and_lists_the_exact_records(package_copy: Path, case: str) -> None:
    edit, bump, expected = DATA_CASES[case]
    edit(package_copy)
    result = diff_dirs(ROOT, package_copy)
    assert records_of(result) == expected
    assert result.bump == bump
    assert all(not r.schema for r in result.resources)


def test_a_corrected_value_names_the_field_old_and_new_value(package_copy: Path) -> None:
    correct_a_value(package_copy)
    change = diff_dirs(ROOT, package_copy).resource("people").changed[0]
    assert [(f.field, f.old, f.new) for f in change.fields] == [("country", "USA", "IND")]
    assert change.line == 5


def test_a_changed_id_keeps_both_ids(package_copy: Path) -> None:
    edit_rows(package_copy, "people", set_cell("kim-tae-hyo", "id", "kim-taehyo"))
    change = diff_dirs(ROOT, package_copy).resource("people").id_changed[0]
    assert (change.id, change.new_id) == ("kim-tae-hyo", "kim-taehyo")


@pytest.mark.parametrize("case", sorted(SCHEMA_CASES))
def test_a_schema_edit_demands_its_bump(package_copy: Path, case: str) -> None:
    edit, bump, kind, field = SCHEMA_CASES[case]
    edit(package_copy)
    result = diff_dirs(ROOT, package_copy)
    people = result.resource("people")
    assert [(c.kind, c.field) for c in people.schema] == [(kind, field)]
    assert result.bump == bump
    assert people.records == ()  # a column's cells are the schema change, not per-record changes


def test_a_renamed_column_still_compares_its_values(package_copy: Path) -> None:
    rename_a_field(package_copy)
    edit_rows(package_copy, "people", set_cell("kim-tae-hyo", "aliases", "Kim"))
    change = diff_dirs(ROOT, package_copy).resource("people").changed[0]
    assert (change.id, change.fields[0].field, change.fields[0].new) == ("kim-tae-hyo", "aliases", "Kim")


def test_removing_a_resource_is_major_and_lists_every_released_record(package_copy: Path) -> None:
    edit_descriptor(package_copy, lambda d: d.update(resources=[r for r in d["resources"] if r["name"] != "people"]))
    people = diff_dirs(ROOT, package_copy).resource("people")
    assert [c.kind for c in people.schema] == ["resource-removed"]
    assert {c.id for c in people.removed} == {
        row.cells[0] for row in iter_rows(read_text(ROOT / "data/people.csv"))
    } - {"id"}
    assert people.bump == "major"


def test_adding_a_resource_is_minor(package_copy: Path) -> None:
    (package_copy / "data/notes.csv").write_text("id,text\nfirst,Hello\n", encoding="utf-8")
    resource = {
        "name": "notes",
        "type": "table",
        "path": "data/notes.csv",
        "schema": {"fields": [], "primaryKey": "id"},
    }
    edit_descriptor(package_copy, lambda d: d["resources"].append(resource))
    result = diff_dirs(ROOT, package_copy)
    assert [(c.kind, c.id) for c in result.resource("notes").records] == [("added", "first")]
    assert result.bump == "minor"


def test_an_unchanged_package_needs_no_bump(package_copy: Path) -> None:
    result = diff_dirs(ROOT, package_copy)
    assert (result.resources, result.package, result.bump) == ((), (), "none")
    assert result.required_version == result.old_version


def test_an_old_side_without_a_semantic_version_still_diffs(package_copy: Path) -> None:
    old = package_copy.parent / "old"
    shutil.copytree(package_copy, old)
    edit_descriptor(old, lambda d: d.update(version="draft"))
    add_a_person(package_copy)
    result = diff_dirs(old, package_copy)
    assert (result.bump, result.required_version) == ("minor", "")
    assert "minimum bump: minor" in render(result, "text")


def test_a_version_bump_alone_is_not_a_change(package_copy: Path) -> None:
    edit_descriptor(package_copy, lambda d: d.update(version="9.0.0"))
    assert diff_dirs(ROOT, package_copy).bump == "none"


def test_every_reported_kind_has_a_rule() -> None:
    assert set(RULES.values()) <= {"patch", "minor", "major"}


def test_diff_accepts_directories_and_installed(package_copy: Path) -> None:
    edit_rows(package_copy, "people", add_record(JANE))
    result = diff("installed", package_copy)
    assert result.old == "installed"
    assert bundled_root().is_dir()
    assert records_of(result) == {("people", "added", "jane-doe")}


def test_json_output_carries_records_fields_and_bump(package_copy: Path) -> None:
    edit_rows(package_copy, "people", set_cell("vipin-narang", "country", "IND"))
    data = json.loads(render(diff_dirs(ROOT, package_copy), "json"))
    assert data["bump"] == "patch"
    major, minor, patch = data["old_version"].split(".")
    assert data["required_version"] == f"{major}.{minor}.{int(patch) + 1}"
    record = data["resources"][0]["records"][0]
    assert (record["kind"], record["id"], record["fields"][0]) == (
        "changed",
        "vipin-narang",
        {"field": "country", "old": "USA", "new": "IND"},
    )


def test_markdown_output_lists_records_for_a_pull_request(package_copy: Path) -> None:
    edit_rows(package_copy, "people", add_record(JANE))
    edit_rows(package_copy, "people", drop_record("kim-tae-hyo"))
    edit_rows(package_copy, "people", set_cell("vipin-narang", "country", "IND"))
    text = render(diff_dirs(ROOT, package_copy, "1.0.0", "HEAD"), "markdown")
    assert "minimum bump **major**" in text
    assert "\n### Data\n" in text
    assert "  - Added: `jane-doe`" in text
    assert "  - Removed: `kim-tae-hyo`" in text
    assert "  - Changed `vipin-narang`: `country` `USA` → `IND`" in text


def call(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def test_the_cli_prints_the_diff_and_exits_0(package_copy: Path) -> None:
    edit_rows(package_copy, "people", add_record(JANE))
    code, out, err = call("diff", str(ROOT), str(package_copy))
    assert (code, err) == (0, "")
    assert "  + jane-doe (line 8)" in out
    assert out.splitlines()[-1].startswith("minimum bump: minor")


@pytest.mark.parametrize("spec", ["no-such-revision-or-dir", "9.9.9", "HEAD~100000"])
def test_the_cli_exits_2_with_one_line_for_an_unknown_version(spec: str) -> None:
    code, out, err = call("diff", spec, str(ROOT))
    assert (code, out) == (2, "")
    assert err.startswith("summitdata diff: ")
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_spelling_a_self_reference_differently_is_no_schema_change(package_copy: Path) -> None:
    old = package_copy.parent / "old"
    shutil.copytree(package_copy, old)
    descriptor_path = package_copy / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        for key in resource.get("schema", {}).get("foreignKeys", []):
            if key["reference"].get("resource") == "":
                del key["reference"]["resource"]  # the v2 spelling of the same self-reference
                key["fields"] = key["fields"][0]
    descriptor_path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    assert diff_dirs(old, package_copy).bump == "none"
