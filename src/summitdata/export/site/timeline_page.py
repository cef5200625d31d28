"""timeline.html: the generated timeline (the same SVG as docs/timeline.svg) and its events, linked."""

from __future__ import annotations

from summitdata.export.site.context import Site, esc, key, row_anchor
from summitdata.export.site.records import flag
from summitdata.timeline import date_label, layout, render_timeline


def timeline_page(site: Site) -> str:
    rows = []
    for row in layout(site.ds):
        event = row.event
        links = [f'<a href="tables.html#{esc(row_anchor("events", event.id))}">record</a>']
        span = site.span_of.get(("events", event.id))
        if span is not None:
            links.append(f'<a href="index.html#{span.id}">quote in the article</a>')
        related = [
            record
            for name, table in site.ds.tables.items()
            if name != "events"
            for record in table
            if record.__dict__.get("event_id") == event.id
        ]
        if related:
            items = "".join(
                f'<li>{esc(r.resource_name)}: <a href="tables.html#{esc(row_anchor(*key(r)))}">'
                f"{esc(site.label(*key(r)))}</a></li>"
                for r in related
            )
            count = f"{len(related)} related record{'s' if len(related) != 1 else ''}"
            links.append(f"<details><summary>{count}</summary><ul>{items}</ul></details>")
        marks = "".join(flag(status) for status in dict.fromkeys(c.status for c in row.checks))
        rows.append(
            f'<tr id="event-{esc(event.id)}"><td>{esc(date_label(event.start_date or "", event.end_date))}</td>'
            f"<td>{esc(event.name)} {marks}</td><td>{esc(event.basis)}</td><td>{' · '.join(links)}</td></tr>"
        )
    return (
        "<h1>Timeline</h1>"
        '<div class="scroll" role="region" aria-label="Timeline chart" tabindex="0">'
        f"{render_timeline(site.ds)}</div>"
        '<h2 id="events-h">The events</h2>'
        '<div class="scroll" role="region" aria-labelledby="events-h" tabindex="0"><table class="data">'
        '<thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">basis</th>'
        f'<th scope="col">Links</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
