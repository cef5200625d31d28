"""The frame every page shares: head, navigation, footer; filled with string.Template from package data."""

from __future__ import annotations

from importlib import resources
from string import Template

from summitdata import metadata
from summitdata.export._tables import LICENCE_NOTE
from summitdata.export.site.context import Site, esc

#: (file, navigation label, page title), in navigation order.
PAGES = (
    ("index.html", "Article", "The article, annotated"),
    ("checks.html", "Fact checks", "What the public record says"),
    ("timeline.html", "Timeline", "Timeline"),
    ("tables.html", "Tables", "Tables and downloads"),
    ("about.html", "About", "About the data"),
)


def asset(name: str) -> str:
    """A file shipped with this package (template, stylesheet, script); read when a site is written."""
    return resources.files("summitdata.export.site").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def render_page(site: Site, page: str, body: str) -> str:
    """The whole HTML document of ``page`` (one of :data:`PAGES`) around ``body``."""
    title = next(title for file, _, title in PAGES if file == page)
    current = ' aria-current="page"'
    nav = "".join(
        f'<li><a href="{file}"{current if file == page else ""}>{esc(label)}</a></li>' for file, label, _ in PAGES
    )
    licence = metadata.DATA_LICENSE
    return Template(asset("page.html")).substitute(
        title=esc(title),
        version=esc(site.ds.version),
        page=page.removesuffix(".html"),
        nav=nav,
        body=body,
        licence=f'<a href="{esc(licence["path"])}">{esc(licence["title"])}</a>',
        licence_note=esc(LICENCE_NOTE),
    )
