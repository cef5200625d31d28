"""index.html: the stored article, every quoted passage highlighted, and the panel of records behind it."""

from __future__ import annotations

from summitdata.export.site.context import Site, esc
from summitdata.export.site.records import flag, record_html
from summitdata.export.site.spans import Paragraph, Span
from summitdata.models._base import DISPUTING_STATUSES


def _depth_class(depth: int) -> str:
    return f"d{min(depth, 3)}"


def paragraph_html(paragraph: Paragraph) -> str:
    """One paragraph: plain text, and quoted segments as keyboard-operable marks, with status marks after spans."""
    parts = []
    for segment in paragraph.segments:
        text = esc(segment.text)
        if segment.spans:
            disputed = " disputed" if any(span.disputes for span in segment.spans) else ""
            ids = " ".join(span.id for span in segment.spans)
            parts.append(
                f'<mark class="seg {_depth_class(len(segment.spans))}{disputed}" tabindex="0" role="button" '
                f'aria-controls="panel" data-spans="{ids}">{text}</mark>'
            )
        else:
            parts.append(text)
        statuses = [s for s in DISPUTING_STATUSES if any(s in span.disputes for span in segment.ending)]
        parts += [flag(status) for status in statuses]
    return f'<p data-offset="{paragraph.start}">{"".join(parts)}</p>'


def span_html(site: Site, span: Span) -> str:
    """The panel's entry for one quoted passage: the words, then every record resting on them."""
    count = len(span.records)
    marks = "".join(flag(status) for status in span.disputes)
    records = "".join(record_html(site, record) for record in span.records)
    return (
        f'<section class="span-entry" id="{span.id}" data-start="{span.start}" data-end="{span.end}" '
        f'aria-labelledby="{span.id}-h"><h3 id="{span.id}-h" class="quoted">'
        f'<span class="words">{esc(span.text)}</span></h3><p class="sub">'
        f"{count} record{' quotes' if count == 1 else 's quote'} these words, at characters "
        f"{span.start}–{span.end} of the article {marks}</p>{records}</section>"
    )


def legend_html(site: Site) -> str:
    statuses = "".join(
        f"<li>{flag(status)}: {esc(site.status_meanings[status])}</li>"
        for status in DISPUTING_STATUSES
        if status in site.statuses
    )
    return (
        '<section class="legend" aria-labelledby="legend-h"><h2 id="legend-h">How to read it</h2><ul>'
        '<li><mark class="seg d1">Highlighted words</mark> are quoted by a record; '
        '<mark class="seg d2">darker</mark> and <mark class="seg d3">darkest</mark> words are quoted by two, '
        "or three and more, overlapping passages. Choose any highlighted words (click, tap, or Tab then "
        "Enter) to see the records that rest on them and what the public record says.</li>"
        f"<li>A passage whose facts the public record does not bear out is underlined, and followed by a mark:"
        f"<ul>{statuses}</ul></li></ul></section>"
    )


def article_page(site: Site) -> str:
    source = next((s for s in site.ds.sources if s.kind == "article"), None)
    byline = ""
    if source is not None:
        details = ", ".join(esc(v) for v in (source.author, source.publisher, source.title) if v)
        byline = f'<p class="byline">{details}. The text is © its publisher and is not under the data licence.</p>'
    body = "".join(paragraph_html(p) for p in site.paragraphs)
    entries = "".join(span_html(site, span) for span in site.spans)
    return (
        "<h1>The article, annotated</h1>"
        f"{byline}{legend_html(site)}"
        '<div class="reader">'
        f'<div class="article" id="article">{body}</div>'
        '<aside id="panel" class="panel" aria-labelledby="panel-title">'
        '<div class="panel-head"><h2 id="panel-title" tabindex="-1">The records on these words</h2>'
        '<button type="button" class="panel-close">Close</button></div>'
        '<p class="panel-empty">Choose highlighted words in the article to see the records that rest on them.</p>'
        '<p class="panel-count" hidden></p>'
        f'<div class="panel-body">{entries}</div></aside></div>'
    )
