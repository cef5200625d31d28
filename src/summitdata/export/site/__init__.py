"""``summitdata export site DIR``: a static website of the package, with the article annotated.

Pages are plain HTML generated here, every data value escaped once through
:func:`~summitdata.export.site.context.esc`; a small stylesheet and script ship as package
data. Nothing is fetched: no CDN, font or analytics, and the data sits in the pages, so the
site works from ``file://`` as from any static host. The downloads are the other exports,
written by their own exporters into ``DIR/downloads``.
"""

from __future__ import annotations

from pathlib import Path

from summitdata.dataset import Dataset
from summitdata.export._tables import Progress, no_progress
from summitdata.export.site.about import about_page, previous_changes
from summitdata.export.site.article import article_page
from summitdata.export.site.checks import checks_page
from summitdata.export.site.context import Site
from summitdata.export.site.downloads import write_downloads
from summitdata.export.site.layout import asset, render_page
from summitdata.export.site.tables_page import tables_page
from summitdata.export.site.timeline_page import timeline_page

__all__ = ["ASSETS", "DOWNLOAD_FORMATS", "build_site", "write"]

#: The exports offered for download, each written by its own exporter.
DOWNLOAD_FORMATS = ("csv-excel", "xlsx", "sqlite", "parquet", "jsonld")
ASSETS = ("site.css", "site.js")


def _article_text(ds: Dataset) -> str:
    source = next((s for s in ds.sources if s.kind == "article" and s.path), None)
    if source is None or source.path is None:
        raise ValueError("the package has no stored article (a sources row of kind article with a path)")
    return (ds.root / source.path).read_bytes().decode("utf-8")


def build_site(
    ds: Dataset,
    out: Path,
    progress: Progress = no_progress,
    *,
    datasette: str | None = None,
    formats: tuple[str, ...] = DOWNLOAD_FORMATS,
) -> list[Path]:
    """Write the site into the directory ``out``; return the files written (downloads included).

    ``datasette`` is the path of the database in a Datasette serving beside the site (``/summitdata``):
    each record then links to its row there.
    """
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} exists and is not a directory; site writes a directory of pages into it")
    site = Site(ds, _article_text(ds), datasette)
    _ = site.paragraphs  # place every quote first: data the gate would reject fails before anything is written
    out.mkdir(parents=True, exist_ok=True)
    progress("site: downloads")
    downloads = write_downloads(ds, out, progress, formats)
    progress("site: what changed since the previous release")
    changes = previous_changes(site)
    pages = {
        "index.html": article_page(site),
        "checks.html": checks_page(site),
        "timeline.html": timeline_page(site),
        "tables.html": tables_page(site, downloads),
        "about.html": about_page(site, downloads, changes),
    }
    written = []
    for name, body in pages.items():
        progress(f"site: {name}")
        (out / name).write_text(render_page(site, name, body), encoding="utf-8")
        written.append(out / name)
    for name in ASSETS:
        (out / name).write_text(asset(name), encoding="utf-8")
        written.append(out / name)
    written += [out / file for download in downloads for file in download.files]
    progress(f"site: wrote {len(pages)} pages to {out}; open {out / 'index.html'}")
    return written


def write(ds: Dataset, out: Path, progress: Progress) -> list[Path]:
    """The export format's entry point (see :mod:`summitdata.export`)."""
    return build_site(ds, out, progress)
