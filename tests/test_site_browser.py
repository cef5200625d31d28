"""The static site in a real browser: Debian's Chromium, headless, driven by Playwright from file://.

Every distinct quote of the CSVs is highlighted where the article has it and opens its records;
disputed passages carry their marks; the panel shows the CSV's values; nothing leaves the page;
axe-core finds no serious or critical problem; screenshots at 375 and 1400 px are kept in
build/site-screenshots for a person to look at.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summitdata import load
from summitdata.export.site import build_site
from summitdata.export.site.layout import PAGES
from tests.conftest import ROOT
from tests.site_helpers import ARTICLE, CHROMIUM, CHROMIUM_ARGS, INJECTED, csv_records, inject, missing_tool, quoted

try:
    from playwright.sync_api import Browser, Dialog, Page, Request, Route, sync_playwright

    HAVE_PLAYWRIGHT = True
except ImportError:  # a dev machine without the dev extra: the browser fixture skips (fails in CI)
    HAVE_PLAYWRIGHT = False

pytestmark = pytest.mark.slow

SCREENSHOTS = ROOT / "build" / "site-screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (375, 1400)
DISPUTING = ("contradicted", "unsupported")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not HAVE_PLAYWRIGHT:
        missing_tool("the Python playwright package is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.is_file():
        missing_tool(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "summitdata-site"
    build_site(load(ROOT), out)
    return out


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def url(site: Path, name: str = "index.html") -> str:
    return (site / name).as_uri()


# The article as the browser shows it: each paragraph's offset, then its runs of text, each with the
# spans covering it (none for plain text); status marks are left out, being no part of the article.
READ_ARTICLE = """() => Array.from(document.querySelectorAll('#article p')).map(p => [
    Number(p.dataset.offset),
    Array.from(p.childNodes).filter(n => !(n.classList && n.classList.contains('flag')))
        .map(n => [n.textContent, n.dataset ? (n.dataset.spans || '') : ''])
])"""


def browser_spans(page: Page) -> tuple[str, dict[str, tuple[int, str]]]:
    """The article text the page shows, and each span id → (start offset, the words highlighted for it)."""
    paragraphs: list[list[Any]] = page.evaluate(READ_ARTICLE)
    spans: dict[str, tuple[int, str]] = {}
    lines = []
    for offset, runs in paragraphs:
        position = offset
        line = ""
        for text, ids in runs:
            for span_id in str(ids).split():
                start, words = spans.get(span_id, (position, ""))
                spans[span_id] = (start, words + text)
            position += len(text)
            line += text
        lines.append((offset, line))
    article = (ROOT / ARTICLE).read_text(encoding="utf-8")
    for offset, line in lines:
        assert article[offset : offset + len(line)] == line
    return article, spans


def test_every_distinct_quote_is_highlighted_exactly_where_the_article_has_it(site: Path, page: Page) -> None:
    """Each quote of the CSVs is highlighted over exactly its words, at its offset in the stored article."""
    page.goto(url(site))
    article, spans = browser_spans(page)
    expected = {}
    for quote in quoted():
        start = article.find(quote)
        expected[f"q{start}-{start + len(quote)}"] = (start, quote)
    assert spans == expected


def _visible_records(page: Page) -> dict[tuple[str, str], dict[str, str]]:
    return {
        (r["table"], r["id"]): r["fields"]
        for r in page.evaluate(
            """() => Array.from(document.querySelectorAll('#panel .span-entry.shown .record')).map(r => ({
                table: r.dataset.table, id: r.dataset.id,
                fields: Object.fromEntries(Array.from(r.querySelectorAll('.field')).map(
                    f => [f.dataset.field, f.querySelector('.v').textContent]))
            }))"""
        )
    }


def test_opening_each_quote_shows_its_records_with_the_csv_values(site: Path, page: Page) -> None:
    """Clicking each passage opens the panel on every record quoting it, each field equal to its CSV cell."""
    page.goto(url(site))
    rows = csv_records()
    article = (ROOT / ARTICLE).read_text(encoding="utf-8")
    for quote, keys in quoted().items():
        start = article.find(quote)
        span_id = f"q{start}-{start + len(quote)}"
        # Its shortest segment: the one whose innermost span is this one, when there is one.
        page.locator(f'mark.seg[data-spans~="{span_id}"]').first.click()
        assert page.locator("#panel").is_visible()
        shown = _visible_records(page)
        for key in keys:
            assert shown[key] == {field: value for field, value in rows[key].items() if value != ""}, key
        assert page.locator(f"#{span_id}.shown .words").inner_text() == quote


def test_the_keyboard_alone_opens_and_closes_the_panel(site: Path, page: Page) -> None:
    """Tab reaches the highlighted words, Enter opens their panel, Escape closes it and returns the focus."""
    page.goto(url(site))
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('mark.seg')"):
            break
    else:
        pytest.fail("Tab never reached a highlighted passage")
    spans = page.evaluate("() => document.activeElement.dataset.spans").split()
    page.keyboard.press("Enter")
    assert page.locator(f"#{spans[0]}.shown").is_visible()
    assert page.evaluate("() => document.activeElement.id") == "panel-title"
    page.keyboard.press("Escape")
    assert page.locator(".span-entry.shown").count() == 0
    assert page.evaluate("() => document.activeElement.dataset.spans").split() == spans


def test_contradicted_and_unsupported_passages_carry_their_marks_in_words(site: Path, page: Page) -> None:
    """A passage whose records a fact check contradicts or finds unsupported is followed by the status in words."""
    page.goto(url(site))
    checks = [row for (table, _), row in csv_records().items() if table == "fact_checks"]
    article = (ROOT / ARTICLE).read_text(encoding="utf-8")
    marked = 0
    for quote, keys in quoted().items():
        statuses = {c["status"] for c in checks if (c["resource"], c["record_id"]) in keys} & set(DISPUTING)
        start = article.find(quote)
        span_id = f"q{start}-{start + len(quote)}"
        after = page.evaluate(
            """(id) => { const segs = document.querySelectorAll(`mark.seg[data-spans~="${id}"]`);
                let node = segs[segs.length - 1].nextSibling, words = [];
                while (node && node.classList && node.classList.contains('flag')) {
                    words.push(node.textContent); node = node.nextSibling; }
                return [words, Array.from(segs).every(s => s.classList.contains('disputed'))]; }""",
            span_id,
        )
        words, underlined = after
        for status in statuses:
            assert any(status in word for word in words), (quote, status, words)
            assert underlined
            marked += 1
    assert marked >= 2  # the data does have contested passages: the signing in Seoul, the leaders' signatures
    legend = page.locator(".legend").inner_text()
    assert "contradicted" in legend
    assert "unsupported" in legend


def test_no_request_leaves_the_page(site: Path, browser: Browser) -> None:
    """Every page, opened from file:// and used, requests nothing but its own files."""
    context = browser.new_context()
    outside: list[str] = []

    def refuse(route: Route, request: Request) -> None:
        if request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    context.route("**/*", refuse)
    context.on("request", lambda request: None if request.url.startswith("file://") else outside.append(request.url))
    page = context.new_page()
    for name, _, _ in PAGES:
        page.goto(url(site, name))
        page.wait_for_load_state("load")
    page.goto(url(site))
    page.locator("mark.seg").first.click()
    page.goto(url(site, "tables.html"))
    page.locator(".filter").first.fill("nuclear")
    context.close()
    assert outside == []


def test_the_tables_filter_facet_and_sort_in_the_browser(site: Path, page: Page) -> None:
    """Typing filters a table's rows, a code list narrows them to one code, a header button sorts them."""
    page.goto(url(site, "tables.html"))
    section = page.locator("#t-fact_checks")
    total = len([1 for (table, _) in csv_records() if table == "fact_checks"])
    section.locator("select.facet").first.select_option("statements")
    visible = section.locator("tbody tr:not([hidden])")
    expected = [k for k, row in csv_records().items() if k[0] == "fact_checks" and row["resource"] == "statements"]
    assert visible.count() == len(expected)
    assert section.locator(".count").inner_text() == f"{len(expected)} of {total} rows"
    section.locator("select.facet").first.select_option("")
    section.locator(".filter").fill("Pentagon")
    assert 0 < visible.count() < total
    section.locator(".filter").fill("")
    section.locator("button.sort", has_text="id").first.click()
    ids = section.locator("tbody tr td:first-child").all_inner_texts()
    assert ids == sorted(ids, key=str)


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_of_every_page_at_phone_and_desktop_width(site: Path, browser: Browser, width: int) -> None:
    """At 375 and 1400 px every page renders without sideways scrolling of the page itself; screenshots are kept."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, _, _ in PAGES:
        page.goto(url(site, name))
        page.screenshot(path=str(SCREENSHOTS / f"{width}-{name.removesuffix('.html')}.png"))
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {width} px is {overflow} px too wide"
    page.goto(url(site))
    page.locator("mark.seg.disputed").first.click()
    page.screenshot(path=str(SCREENSHOTS / f"{width}-index-panel.png"))
    context.close()
    assert len(list(SCREENSHOTS.glob(f"{width}-*.png"))) == len(PAGES) + 1


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_core_finds_no_serious_or_critical_violation(site: Path, browser: Browser, width: int) -> None:
    """axe-core, run in the page on every page (and on the open panel), reports nothing serious or critical."""
    if not AXE.is_file():
        missing_tool(f"axe-core is not installed at {AXE} (npm ci)")
    # The pages' Content-Security-Policy allows only their own script; axe is injected by the test.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    problems = []
    for name, _, _ in PAGES:
        page.goto(url(site, name))
        if name == "index.html":
            page.locator("mark.seg.disputed").first.click()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        problems += [
            f"{name}: {v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
    context.close()
    assert problems == []


def test_a_planted_script_shows_as_text_and_never_runs(package_copy: Path, tmp_path: Path, browser: Browser) -> None:
    """With <script> planted in the article and the CSVs, the page shows it as words and no script of it runs."""
    inject(package_copy)
    out = tmp_path / "site"
    build_site(load(package_copy), out, formats=())
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    for name, _, _ in PAGES:
        page.goto(url(out, name))
    page.goto(url(out))
    page.locator("mark.seg", has_text="<script>").first.click()
    assert INJECTED in page.locator("#panel").inner_text()
    assert INJECTED in page.locator("#article").inner_text()
    assert page.evaluate("() => document.querySelectorAll('script').length") == 1  # site.js alone
    context.close()
    assert dialogs == []
    with (package_copy / "data/statements.csv").open(encoding="utf-8", newline="") as handle:
        assert any(INJECTED in (row["quote"] or "") for row in csv.DictReader(handle))


def test_a_link_to_a_passage_opens_a_contradicted_fact_with_its_evidence(site: Path, page: Page) -> None:
    """index.html#<passage> opens its panel: the article's words, what the public record says, and its source."""
    rows = csv_records()
    article = (ROOT / ARTICLE).read_text(encoding="utf-8")
    # The first contradicted fact the article states (in this data: the guidelines "signed in Seoul in June").
    check = next(
        row
        for (table, _), row in rows.items()
        if table == "fact_checks"
        and row["status"] == "contradicted"
        and rows[(row["resource"], row["record_id"])]["quote"]
    )
    quote = rows[(check["resource"], check["record_id"])]["quote"]
    start = article.find(quote)
    page.goto(f"{url(site)}#q{start}-{start + len(quote)}")
    entry = page.locator(".span-entry.shown")
    assert entry.count() == 1
    assert entry.locator(".words").inner_text() == quote
    record = entry.locator(f'.record[data-table="{check["resource"]}"][data-id="{check["record_id"]}"]')
    assert record.locator("h4 .flag-contradicted").is_visible()
    shown = record.locator(f'.check[data-check="{check["id"]}"]')
    assert shown.locator(".finding").inner_text() == check["finding"]
    source = rows[("sources", check["source_id"])]
    assert shown.locator(f'a[href="{source["url"]}"]').count() == 1
