"""summitdata export sqlite: the database reads back equal to the CSVs, and the real Datasette browses it."""

from __future__ import annotations

import html
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import summitdata
from summitdata.cli import run
from summitdata.descriptor import build_descriptor
from summitdata.export import export
from tests.conftest import ROOT, as_text, csv_rows

DATASETTE = Path(sys.executable).parent / "datasette"
TABLES = [r for r in build_descriptor()["resources"] if r["type"] == "table"]
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}
#: (table, word): a full-text search for the word finds every row whose free text holds it.
SEARCHES = [
    ("statements", "deterrence"),
    ("statements", "Washington"),
    ("events", "signing"),
    ("fact_checks", "Pentagon"),
]
#: (table, coded column): facets Datasette computes from the metadata.
FACETS = [("events", "kind"), ("fact_checks", "status"), ("statements", "kind")]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sqlite") / "summitdata.db"
    export("sqlite", summitdata.load(ROOT), out)
    return out


@pytest.fixture
def db(database: Path) -> Any:
    connection = sqlite3.connect(database)
    yield connection
    connection.close()


@pytest.mark.parametrize("resource", TABLES, ids=[r["name"] for r in TABLES])
def test_every_table_reads_back_equal_to_its_csv(db: sqlite3.Connection, resource: dict[str, Any]) -> None:
    header, *rows = csv_rows(resource)
    cursor = db.execute(f'SELECT * FROM "{resource["name"]}" ORDER BY rowid')
    assert [d[0] for d in cursor.description] == header
    assert [[as_text(v) for v in row] for row in cursor.fetchall()] == rows


@pytest.mark.parametrize("resource", TABLES, ids=[r["name"] for r in TABLES])
def test_columns_have_the_declared_types_keys_and_not_null(db: sqlite3.Connection, resource: dict[str, Any]) -> None:
    name, schema = resource["name"], resource["schema"]
    info = {row[1]: row for row in db.execute(f'PRAGMA table_info("{name}")')}
    for field in schema["fields"]:
        _, _, sql_type, not_null, _, pk = info[field["name"]]
        assert sql_type == SQL_TYPES[field["type"]]
        assert bool(not_null) == bool(field.get("constraints", {}).get("required"))
        assert bool(pk) == (field["name"] in schema["primaryKey"])
    declared = {(k["fields"][0], k["reference"].get("resource") or name) for k in schema.get("foreignKeys", [])}
    assert {(row[3], row[2]) for row in db.execute(f'PRAGMA foreign_key_list("{name}")')} == declared
    assert db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0].endswith("STRICT")


@pytest.mark.parametrize("resource", TABLES, ids=[r["name"] for r in TABLES])
def test_foreign_keys_and_coded_columns_are_indexed(db: sqlite3.Connection, resource: dict[str, Any]) -> None:
    name, schema = resource["name"], resource["schema"]
    indexed = {
        db.execute(f'PRAGMA index_info("{index[1]}")').fetchone()[2]
        for index in db.execute(f'PRAGMA index_list("{name}")')
    }
    wanted = {k["fields"][0] for k in schema.get("foreignKeys", [])}
    wanted |= {f["name"] for f in schema["fields"] if "enum" in f.get("constraints", {})}
    assert wanted <= indexed


def test_the_database_passes_sqlites_own_key_check(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize(("table", "word"), SEARCHES)
def test_full_text_search_finds_every_row_holding_the_word(db: sqlite3.Connection, table: str, word: str) -> None:
    columns = [r[1] for r in db.execute(f'PRAGMA table_info("{table}_fts")')]
    assert "quote" in columns or table == "fact_checks"
    found = {
        row[0]
        for row in db.execute(
            f'SELECT t.id FROM "{table}" AS t JOIN "{table}_fts" AS f ON f.rowid = t.rowid WHERE "{table}_fts" MATCH ?',
            (word,),
        )
    }
    holding = {
        row[0]
        for row in db.execute(f'SELECT id, {", ".join(columns)} FROM "{table}"')
        if any(word.lower() in (cell or "").lower() for cell in row[1:])
    }
    assert holding
    assert holding <= found


def test_statements_are_searchable_by_their_text_and_quote(db: sqlite3.Connection) -> None:
    columns = {r[1] for r in db.execute('PRAGMA table_info("statements_fts")')}
    assert {"text", "quote"} <= columns


def test_the_named_views_put_each_records_name_beside_its_id(db: sqlite3.Connection, ds: summitdata.Dataset) -> None:
    db.row_factory = sqlite3.Row
    rows = db.execute("SELECT * FROM agreement_actions_with_names").fetchall()
    assert [r["id"] for r in rows] == list(ds.agreement_actions.ids)
    for row in rows:
        action = ds.agreement_actions[row["id"]]
        assert row["agreement"] == action.agreement.title
        assert row["person"] == (action.person.name if action.person else None)
        assert row["source"] == (action.source.title or action.source.publisher if action.source else None)
    checks = db.execute("SELECT id, record FROM fact_checks_with_names").fetchall()
    for check in checks:
        target = ds.fact_checks[check["id"]].target
        label = next((target.__dict__[k] for k in ("name", "title", "text") if k in target.__dict__), None)
        assert check["record"] == (label or target.__dict__["id"])


def test_the_views_disputed_column_agrees_with_the_models(db: sqlite3.Connection, ds: summitdata.Dataset) -> None:
    views = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")]
    checked = 0
    for view in views:
        table = view.removesuffix("_with_names")
        if "disputed" not in {r[1] for r in db.execute(f'PRAGMA table_info("{view}")')}:
            continue
        for record_id, disputed in db.execute(f'SELECT id, disputed FROM "{view}"'):
            assert bool(disputed) == ds.tables[table][record_id].disputed, (view, record_id)
            checked += 1
    assert checked > 0
    assert db.execute("SELECT count(*) FROM events_with_names WHERE disputed").fetchone()[0] > 0


def test_the_datasette_metadata_repeats_the_descriptor(database: Path) -> None:
    meta = json.loads(database.with_name("summitdata.metadata.json").read_text(encoding="utf-8"))
    descriptor = build_descriptor()
    assert meta["title"] == descriptor["title"]
    assert meta["license_url"] == descriptor["licenses"][0]["path"]
    assert descriptor["licenses"][0]["name"] in meta["license"]
    assert meta["source"] == descriptor["sources"][0]["title"]
    tables = meta["databases"]["summitdata"]["tables"]
    for resource in TABLES:
        entry = tables[resource["name"]]
        assert entry["description"] == resource["description"]
        assert entry["columns"] == {f["name"]: f["description"] for f in resource["schema"]["fields"]}
        coded = [f["name"] for f in resource["schema"]["fields"] if "enum" in f.get("constraints", {})]
        assert entry.get("facets", []) == coded
        assert entry["label_column"] in entry["columns"]


def test_the_export_command_writes_the_database_and_its_metadata(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run(["export", "sqlite", str(tmp_path / "news.db"), "--package", str(ROOT)], out, err)
    assert code == 0
    assert (tmp_path / "news.db").is_file()
    assert (tmp_path / "news.metadata.json").is_file()
    assert "sqlite: statements" in err.getvalue()  # progress, on stderr
    assert "datasette" in out.getvalue()


def datasette_get(database: Path, path: str) -> dict[str, Any]:
    metadata = database.with_name(f"{database.stem}.metadata.json")
    result = subprocess.run(
        [str(DATASETTE), str(database), "--metadata", str(metadata), "--get", path],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.mark.slow
def test_datasette_reads_every_row_of_a_table(database: Path, ds: summitdata.Dataset) -> None:
    document = datasette_get(database, "/summitdata/events.json?_shape=objects&_size=max")
    assert {row["id"] for row in document["rows"]} == set(ds.events.ids)
    guidelines = next(row for row in document["rows"] if row["id"] == "guidelines-signing-as-reported")
    assert guidelines["start_date"] == ds.events["guidelines-signing-as-reported"].start_date
    assert document["license_url"] == "https://creativecommons.org/licenses/by/4.0/"


@pytest.mark.slow
@pytest.mark.parametrize(("table", "column"), FACETS)
def test_datasette_facets_a_coded_column_from_the_metadata(
    database: Path, ds: summitdata.Dataset, table: str, column: str
) -> None:
    document = datasette_get(database, f"/summitdata/{table}.json")
    counts = {r["value"]: r["count"] for r in document["facet_results"][column]["results"]}
    expected: dict[str, int] = {}
    for record in ds.tables[table]:
        expected[record.__dict__[column]] = expected.get(record.__dict__[column], 0) + 1
    assert counts == expected


@pytest.mark.slow
def test_datasette_runs_a_full_text_search(database: Path, ds: summitdata.Dataset) -> None:
    document = datasette_get(database, "/summitdata/statements.json?_search=deterrence&_shape=objects")
    found = {row["id"] for row in document["rows"]}
    assert found
    assert all("deterren" in (ds.statements[i].text + (ds.statements[i].quote or "")).lower() for i in found)


@pytest.mark.slow
def test_datasette_shows_the_descriptions_and_licence_on_a_table_page(database: Path) -> None:
    metadata = database.with_name(f"{database.stem}.metadata.json")
    result = subprocess.run(
        [str(DATASETTE), str(database), "--metadata", str(metadata), "--get", "/summitdata/fact_checks"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    fact_checks = next(r for r in TABLES if r["name"] == "fact_checks")
    finding = next(f for f in fact_checks["schema"]["fields"] if f["name"] == "finding")
    page = result.stdout
    assert "Creative Commons Attribution 4.0 International" in page
    assert html.escape(finding["description"], quote=False) in page
    assert html.escape(fact_checks["title"], quote=False) in page


LINKED = [r for r in TABLES if r["schema"].get("foreignKeys")]


@pytest.mark.slow
@pytest.mark.parametrize("resource", LINKED, ids=[r["name"] for r in LINKED])
def test_every_foreign_key_link_in_datasette_has_a_readable_label(database: Path, resource: dict[str, Any]) -> None:
    """Datasette labels each link with the record's name (a source's publisher when it has no title), never None."""
    document = datasette_get(database, f"/summitdata/{resource['name']}.json?_shape=objects&_size=max&_labels=on")
    columns = [key["fields"][0] for key in resource["schema"]["foreignKeys"]]
    links = [row[column] for row in document["rows"] for column in columns if row[column] is not None]
    assert links
    for link in links:
        assert isinstance(link, dict), link
        assert link["label"] not in (None, "", "None"), link
