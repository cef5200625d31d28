"""summitdata.generate: the committed generated files are current, and drift is caught."""

from __future__ import annotations

import json
from pathlib import Path

from summitdata.generate import generated_files, stale_files, write_files
from tests.conftest import ROOT, edit_file


def test_committed_generated_files_are_current() -> None:
    assert stale_files(ROOT) == []


def test_a_hand_edited_schema_is_reported_stale(package_copy: Path) -> None:
    edit_file(package_copy / "schemas/people.schema.json", lambda s: s.replace('"People"', '"Persons"'))
    assert stale_files(package_copy) == ["schemas/people.schema.json"]


def test_a_data_edit_makes_the_nested_json_and_dictionary_stale(package_copy: Path) -> None:
    edit_file(
        package_copy / "data/people.csv",
        lambda s: s.replace("yoon-suk-yeol,Yoon Suk-yeol,", "yoon-suk-yeol,Yoon Suk Yeol,"),
    )
    assert stale_files(package_copy) == ["data/summit.json", "docs/data-dictionary.md"]
    assert set(write_files(package_copy)) == {"data/summit.json", "docs/data-dictionary.md"}
    assert stale_files(package_copy) == []


def test_a_stray_schema_file_is_reported(package_copy: Path) -> None:
    (package_copy / "schemas/old.schema.json").write_text("{}", encoding="utf-8")
    assert stale_files(package_copy) == ["schemas/old.schema.json"]


def test_generation_is_deterministic() -> None:
    assert generated_files(ROOT) == generated_files(ROOT)


def test_the_descriptor_declares_every_key_and_the_article_hash() -> None:
    descriptor = json.loads(generated_files(ROOT)["datapackage.json"])
    tables = [r for r in descriptor["resources"] if r["type"] == "table"]
    assert all(r["schema"]["primaryKey"] == ["id"] for r in tables)
    declared = {(r["name"], k["fields"][0]) for r in tables for k in r["schema"].get("foreignKeys", [])}
    id_columns = {(r["name"], f["name"]) for r in tables for f in r["schema"]["fields"] if f["name"].endswith("_id")}
    # record_id and counterpart_id point into the table a row names, so the gate checks them instead.
    assert id_columns - declared == {
        ("fact_checks", "record_id"),
        ("fact_checks", "counterpart_id"),
    }
    article = next(r for r in descriptor["resources"] if r["name"] == "article")
    assert article["hash"] == "sha256:e46e04fcc9883466ef432f71acfafa6deb724777a69678ccfbf33c39f9afe922"
