"""about.html: version, licence, citation, downloads, and what changed since the previous release."""

from __future__ import annotations

from summitdata import metadata
from summitdata.export._tables import LICENCE_NOTE, citation
from summitdata.export.site.context import Site, esc
from summitdata.export.site.downloads import Download
from summitdata.export.site.tables_page import downloads_html
from summitdata.packagediff import PackageDiff


def previous_changes(site: Site) -> PackageDiff | str:
    """The diff from the newest release older than this version, or why there is none.

    Needs the git clone the package comes from (releases.json and the released commits);
    a package copy or an installed wheel has neither, and the page says so.
    """
    from summitdata.packagediff import DiffError, diff
    from summitdata.releases import ReleaseIndexError, UnknownVersionError, find_repo, read_releases
    from summitdata.versions import parse_version

    repo = find_repo(site.ds.root)
    if repo is None:
        return "the site was built outside a git clone of the repository, so the previous release cannot be read"
    try:
        current = parse_version(site.ds.version)
        older = [r for r in read_releases(repo) if parse_version(r.version) < current]
        if not older:
            return "this is the first release"
        return diff(older[0].version, site.ds.root, repo=repo)
    except (ValueError, OSError, UnknownVersionError, ReleaseIndexError, DiffError) as exc:
        return f"the previous release could not be compared ({exc})"


def _ids(ids: list[str]) -> str:
    return ", ".join(f"<code>{esc(i)}</code>" for i in ids)


def changes_html(changes: PackageDiff | str) -> str:
    if isinstance(changes, str):
        return f"<p>Not available: {esc(changes)}.</p>"
    items = []
    for resource in changes.resources:
        parts = [
            f"{len(records)} {label}: {_ids([c.new_id or c.id for c in records])}"
            for label, records in (
                ("added", resource.added),
                ("removed", resource.removed),
                ("changed", resource.changed),
                ("with a new ID", resource.id_changed),
            )
            if records
        ]
        parts += [
            esc(
                change.detail
                if not change.field or change.field in change.detail
                else f"{change.field}: {change.detail}"
            )
            for change in resource.schema
        ]
        items.append(f"<li><code>{esc(resource.name)}</code>: {'; '.join(parts)}</li>")
    items += [f"<li>{esc(change.detail)}</li>" for change in changes.package]
    listing = f"<ul>{''.join(items)}</ul>" if items else "<p>Nothing changed in the data.</p>"
    return f"<p>From {esc(changes.old)} to this version ({esc(changes.new_version)}):</p>{listing}"


def about_page(site: Site, downloads: list[Download], changes: PackageDiff | str) -> str:
    licence = metadata.DATA_LICENSE
    cff = next((d.files[0] for d in downloads if d.name == "citation"), None)
    cff_link = f' Citation metadata: <a href="{esc(cff)}" download>CITATION.cff</a>.' if cff else ""
    return (
        "<h1>About the data</h1>"
        f"<p>{esc(metadata.DESCRIPTION)}</p>"
        f'<dl class="facts"><dt>Version</dt><dd>{esc(site.ds.version)}</dd>'
        f'<dt>Licence</dt><dd><a href="{esc(licence["path"])}">{esc(licence["title"])}</a> '
        f"({esc(licence['name'])}). {esc(LICENCE_NOTE)}</dd>"
        f'<dt>Source code</dt><dd><a href="{esc(metadata.HOMEPAGE)}">{esc(metadata.HOMEPAGE)}</a></dd></dl>'
        f'<section id="cite" aria-labelledby="cite-h"><h2 id="cite-h">How to cite</h2>'
        f'<p class="citation">{esc(citation(site.ds.version))}</p><p>{cff_link}</p></section>'
        '<section aria-labelledby="changes-h"><h2 id="changes-h">What changed since the previous release</h2>'
        f"{changes_html(changes)}</section>"
        '<section aria-labelledby="downloads-h"><h2 id="downloads-h">Downloads</h2>'
        f"{downloads_html(downloads)}</section>"
        "<p>This site is static: it loads nothing from any other host and works opened straight from disk.</p>"
    )
