"""Time the static site's first render in Debian's Chromium, against a one-line page in the same run.

Usage: ``python bench/site.py [--repeat 7]``. Builds the site (``summitdata export site``) into a
temporary directory, opens each page from ``file://`` in a fresh headless Chromium page, and reads the
browser's own first-contentful-paint and load timings. The baseline is a blank page holding one
sentence, timed the same way in the same browser, so the ratio shows what the site's weight costs.
Writes bench/site-results.json. Numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from summitdata import load
from summitdata.export.site import build_site
from summitdata.export.site.layout import PAGES

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
TIMINGS = """() => ({
    fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,
    load: performance.getEntriesByType('navigation')[0].loadEventEnd,
})"""


def measure(browser: Browser, url: str, repeat: int) -> dict[str, float]:
    fcp, loaded = [], []
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url, wait_until="load")
        page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
        timings = page.evaluate(TIMINGS)
        fcp.append(timings["fcp"] / 1000)
        loaded.append(timings["load"] / 1000)
        page.close()
    return {"first_render_seconds": statistics.median(fcp), "load_seconds": statistics.median(loaded)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        build_site(load(HERE.parent), site, formats=())
        weight = sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and "downloads" not in p.parts)
        baseline = Path(scratch) / "baseline.html"
        baseline.write_text("<!DOCTYPE html><title>baseline</title><p>One sentence.</p>", encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            base = measure(browser, baseline.as_uri(), args.repeat)
            pages = {name: measure(browser, (site / name).as_uri(), args.repeat) for name, _, _ in PAGES}
            browser.close()
    results = {
        "site_bytes_without_downloads": weight,
        "baseline": base,
        "pages": {
            name: {**timings, "ratio_to_baseline": timings["first_render_seconds"] / base["first_render_seconds"]}
            for name, timings in pages.items()
        },
    }
    (HERE / "site-results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
