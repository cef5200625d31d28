"""summitdata export site: the pages, generated from the models and data, escaped, static and small."""

from __future__ import annotations

import io
import re
import zipfile
from html import escape
from pathlib import Path
from typing import get_args

import pytest
import yaml

from summitdata import load, metadata
from summitdata.cli import run
from summitdata.export._tables import LICENCE_NOTE, citation
from summitdata.export.site import ASSETS, build_site
from summitdata.export.site.layout import PAGES
from summitdata.models import FactCheck
from summitdata.models.fact_checks import FactCheckStatus
from summitdata.resources import RESOURCES
from summitdata.timeline import render_timeline
from tests.conftest import ROOT
from tests.site_helpers import ARTICLE, INJECTED, inject, missing_tool, quoted

#: The site's own files, exports excluded, stay under this many bytes.
MAX_SITE_BYTES = 1_000_000


def call(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "summitdata-site"
    build_site(load(ROOT), out, formats=())
    return out


def pages(site: Path) -> dict[str, str]:
    return {name: (site / name).read_text(encoding="utf-8") for name, _, _ in PAGES}


def test_the_export_command_writes_every_page_and_every_download(tmp_path: Path) -> None:
    """`summitdata export site DIR` writes the five pages, their assets and every other export to download."""
    out = tmp_path / "site"
    code, stdout, err = call("export", "site", str(out), "--package", str(ROOT))
    assert code == 0, err
    for name in [*(page for page, _, _ in PAGES), *ASSETS]:
        assert (out / name).is_file(), name
    downloads = out / "downloads"
    for name in ("summitdata.db", "summitdata.xlsx", "summitdata.jsonld", "CITATION.cff", "package/datapackage.json"):
        assert (downloads / name).is_file(), name
    with zipfile.ZipFile(downloads / "package.zip") as archive:
        assert {f"package/{r.path}" for r in RESOURCES} <= set(archive.namelist())
    assert len(list((downloads / "summitdata-parquet").glob("*.parquet"))) == len(RESOURCES)
    assert len(list((downloads / "package/data").glob("*.csv"))) == len(RESOURCES)
    tables = (out / "tables.html").read_text(encoding="utf-8")
    for path in [p.relative_to(out).as_posix() for p in downloads.rglob("*.*") if "sources" not in p.parts]:
        if not path.endswith((".metadata.json", "summit.json")):
            assert f'href="{path}"' in tables or f'href="{path}"' in (out / "about.html").read_text(), path
    assert f"wrote {out / 'index.html'}" in stdout


def test_a_file_in_place_of_the_directory_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """A file where the site's directory should go is a usage error, not a traceback."""
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    code, _, err = call("export", "site", str(target), "--package", str(ROOT))
    assert code == 2
    assert "is a file; site writes a directory" in err
    assert "Traceback" not in err


def test_the_site_without_its_exports_weighs_under_one_megabyte(site: Path) -> None:
    """Pages, stylesheet and script together stay under 1 MB (the downloads are the exports, not the site)."""
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and "downloads" not in p.parts)
    assert 0 < size < MAX_SITE_BYTES


def test_nothing_is_loaded_from_another_host(site: Path) -> None:
    """Every script, stylesheet and image a page loads is a file of the site: no CDN, web font or analytics."""
    for name, html in pages(site).items():
        loaded = re.findall(r'<(?:script|img|iframe|source)[^>]*\ssrc="([^"]*)"', html)
        loaded += re.findall(r'<link[^>]*\shref="([^"]*)"', html)
        assert loaded, name
        for url in loaded:
            assert not re.match(r"^[a-z]+:|^//", url), f"{name} loads {url}"
    css = (site / "site.css").read_text(encoding="utf-8")
    assert "@import" not in css
    assert "url(" not in css
    js = (site / "site.js").read_text(encoding="utf-8")
    for call_name in ("fetch(", "XMLHttpRequest", "WebSocket", "sendBeacon", "import("):
        assert call_name not in js


def test_every_distinct_quote_has_one_panel_entry_at_its_offsets_in_the_article(site: Path) -> None:
    """Each distinct quote of the CSVs gets a panel entry at the character offsets where the article has it."""
    article = (ROOT / ARTICLE).read_text(encoding="utf-8")
    html = (site / "index.html").read_text(encoding="utf-8")
    entries = {
        (int(a), int(b))
        for a, b in re.findall(r'class="span-entry" id="q\d+-\d+" data-start="(\d+)" data-end="(\d+)"', html)
    }
    expected = {(article.find(q), article.find(q) + len(q)) for q in quoted()}
    assert entries == expected
    assert len(expected) == len(quoted())


def test_every_status_of_the_model_has_its_group_and_meaning_on_the_checks_page(site: Path) -> None:
    """The checks page groups by every status the model defines, with the meaning its field description gives."""
    html = (site / "checks.html").read_text(encoding="utf-8")
    description = str(FactCheck.model_fields["status"].description)
    for status in get_args(FactCheckStatus):
        assert f'<section class="status-group" id="{status}"' in html
        meaning = re.search(rf"`{status}` \(([^)]*)\)", description)
        assert meaning is not None
        assert f'<p class="meaning">{meaning.group(1)}</p>' in html
    assert html.count('<div class="check ') == len(load(ROOT).fact_checks)
    assert html.index('id="contradicted"') < html.index('id="corroborated"')  # the disputes come first


def test_a_script_in_the_data_or_the_article_is_escaped_on_every_page(package_copy: Path, tmp_path: Path) -> None:
    """A <script> planted in notes, names, quotes and the article's text shows as text, never as markup."""
    inject(package_copy)
    out = tmp_path / "site"
    build_site(load(package_copy), out, formats=())
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for name, html in pages(out).items():
        assert INJECTED not in html, name
        assert "<script>" not in html, name
    assert escaped in (out / "index.html").read_text(encoding="utf-8")
    assert escaped in (out / "tables.html").read_text(encoding="utf-8")


def test_outside_a_git_clone_the_about_page_says_the_changes_are_not_available(
    package_copy: Path, tmp_path: Path
) -> None:
    """A site built from a package copy (no releases, no git) still builds and says why it lists no changes."""
    out = tmp_path / "site"
    build_site(load(package_copy), out, formats=())
    about = (out / "about.html").read_text(encoding="utf-8")
    assert "Not available: the site was built outside a git clone" in about


def test_in_the_clone_the_about_page_lists_the_changes_since_the_previous_release(site: Path) -> None:
    """Built from the repository, the about page compares with the newest older release in releases.json."""
    about = (site / "about.html").read_text(encoding="utf-8")
    assert re.search(r"From \d+\.\d+\.\d+ \([0-9a-f]{7}\) to this version", about), about[-3000:]


def test_rows_link_to_datasette_only_when_served_beside_it(tmp_path: Path, site: Path) -> None:
    """Each record links to its Datasette row when the site is built for serving, and never otherwise."""
    assert 'class="datasette"' not in (site / "index.html").read_text(encoding="utf-8")
    out = tmp_path / "served"
    ds = load(ROOT)
    build_site(ds, out, datasette="/summitdata", formats=())
    html = (out / "index.html").read_text(encoding="utf-8")
    quoting = [(name, r.__dict__["id"]) for name, table in ds.tables.items() for r in table if r.__dict__.get("quote")]
    for name, record_id in quoting:
        assert f'<a class="datasette" href="/summitdata/{name}/{record_id}">' in html


def test_the_pages_workflow_builds_the_site_with_the_export_command_on_each_release() -> None:
    """.github/workflows/pages.yml runs `summitdata export site` on a release and deploys that folder to Pages."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert "release" in workflow[True]  # YAML 1.1 reads the key `on` as true
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    [build] = [s["run"] for s in steps if "summitdata export site" in s.get("run", "")]
    folder = build.split()[3]
    [upload] = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == folder
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in steps)


def test_in_ci_a_missing_browser_fails_the_test_instead_of_skipping_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """With CI set, a missing Chromium or axe-core is a failure; on a developer's machine, a skip."""
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        missing_tool("no chromium")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        missing_tool("no chromium")


def test_a_quote_missing_from_the_article_is_one_line_and_exit_2(package_copy: Path, tmp_path: Path) -> None:
    """Data whose quote the article lacks (it did not pass the gate) stops the export with one clear line."""
    article = package_copy / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("in Seoul in June", "in Busan"), encoding="utf-8")
    code, _, err = call("export", "site", str(tmp_path / "site"), "--package", str(package_copy))
    assert code == 2
    [line] = [line for line in err.splitlines() if line.startswith("summitdata export:")]
    assert "its quote is not in the article — run summitdata validate" in line
    assert "Traceback" not in err
    assert not (tmp_path / "site").exists()  # refused before anything was written


def test_the_about_page_gives_version_licence_the_articles_exclusion_and_citation(site: Path) -> None:
    """About: the version, the data licence, that the article's text is not under it, and how to cite."""
    about = (site / "about.html").read_text(encoding="utf-8")
    ds = load(ROOT)
    assert f"<dt>Version</dt><dd>{ds.version}</dd>" in about
    assert escape(metadata.DATA_LICENSE["title"]) in about
    assert escape(LICENCE_NOTE) in about
    assert escape(citation(ds.version)) in about


def test_the_timeline_page_holds_the_generated_timeline_and_links_every_event(site: Path) -> None:
    """The timeline page embeds docs/timeline.svg as generated, and links each event to its row and its words."""
    page = (site / "timeline.html").read_text(encoding="utf-8")
    ds = load(ROOT)
    assert render_timeline(ds) in page
    article = (ROOT / ARTICLE).read_text(encoding="utf-8")
    for event in ds.events:
        if event.start_date is None:
            continue
        assert f'href="tables.html#events--{event.id}"' in page
        if event.quote is not None:
            start = article.find(event.quote)
            assert f'href="index.html#q{start}-{start + len(event.quote)}"' in page


def test_a_new_row_shows_up_on_every_page_without_touching_the_site(package_copy: Path, tmp_path: Path) -> None:
    """The site iterates the data: a fact check added to the CSV shows on the checks page, in the tables and panel."""
    path = package_copy / "data/fact_checks.csv"
    text = path.read_text(encoding="utf-8")
    last_id, rest = text.splitlines()[-1].split(",", 1)
    new_id = f"{last_id}-again"
    path.write_text(f"{text}{new_id},{rest}\n", encoding="utf-8")
    out = tmp_path / "site"
    build_site(load(package_copy), out, formats=())
    assert f'data-check="{new_id}"' in (out / "checks.html").read_text(encoding="utf-8")
    assert f'data-check="{new_id}"' in (out / "index.html").read_text(encoding="utf-8")
    assert f'id="fact_checks--{new_id}"' in (out / "tables.html").read_text(encoding="utf-8")


def test_every_link_between_pages_lands_on_an_element_that_exists(site: Path) -> None:
    """Each link from one record to another (tables rows, article passages, status groups) finds its target."""
    texts = pages(site)
    ids = {name: set(re.findall(r'\sid="([^"]+)"', html)) for name, html in texts.items()}
    checked = 0
    for name, html in texts.items():
        for page, fragment in re.findall(r'href="([a-z]*\.html)?#([^"]+)"', html):
            assert fragment in ids[page or name], f"{name} links to {page or name}#{fragment}"
            checked += 1
    assert checked > 100
