"""checks.html: every fact check, grouped by status (the disputing ones first), with the article's words."""

from __future__ import annotations

from summitdata.export.site.context import Site, esc
from summitdata.export.site.records import check_html, flag
from summitdata.models._base import DISPUTING_STATUSES


def status_order(site: Site) -> list[str]:
    """Contradicted and unsupported first, where a reader should look; then the model's order."""
    return [s for s in DISPUTING_STATUSES if s in site.statuses] + [
        s for s in site.statuses if s not in DISPUTING_STATUSES
    ]


def checks_page(site: Site) -> str:
    groups = []
    toc = []
    for status in status_order(site):
        checks = [c for c in site.ds.fact_checks if c.status == status]
        items = []
        for check in checks:
            target = site.record(check.resource, check.record_id)
            extra = ""
            span = site.span_of.get((check.resource, check.record_id)) if target is not None else None
            if span is not None:
                extra = (
                    f'<p><span class="label">In the article:</span> <q>{esc(span.text)}</q> '
                    f'<a href="index.html#{span.id}">show in the article</a></p>'
                )
            items.append(f"<li>{check_html(site, check, heading='h3', with_target=True)}{extra}</li>")
        toc.append(f'<li><a href="#{esc(status)}">{flag(status)}</a> ({len(checks)})</li>')
        groups.append(
            f'<section class="status-group" id="{esc(status)}" aria-labelledby="{esc(status)}-h">'
            f'<h2 id="{esc(status)}-h">{flag(status)} ({len(checks)})</h2>'
            f'<p class="meaning">{esc(site.status_meanings[status])}</p>'
            f'<ol class="check-list">{"".join(items)}</ol></section>'
        )
    return (
        "<h1>What the public record says</h1>"
        "<p>Every fact check of the article's facts against public reporting, grouped by what it found. "
        "Each gives the article's words, the finding and the page it comes from.</p>"
        f'<nav aria-label="Statuses"><ul class="toc">{"".join(toc)}</ul></nav>{"".join(groups)}'
    )
