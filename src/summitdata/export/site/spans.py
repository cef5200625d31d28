"""Where the article's words are quoted: spans at character offsets, cut into segments for rendering.

Quotes overlap (one sentence quoted whole by an event and in part by a statement), and
some cross (two quotes sharing a clause). HTML elements only nest, so each paragraph is cut
at every span boundary into segments; a segment knows every span covering it. Rendered flat,
the segments shade by depth (how many quotes cover them), which shows nesting and crossing alike.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from summitdata.dataset import Dataset
from summitdata.models import Record
from summitdata.models._base import DISPUTING_STATUSES

#: The column holding the article's words behind a record (see summitdata.models._base.Quote).
QUOTE_FIELD = "quote"


@dataclass
class Span:
    """One passage of the article that records quote, at character offsets [start, end)."""

    start: int
    end: int
    text: str
    records: list[Record] = field(default_factory=list)

    @property
    def id(self) -> str:
        """A stable anchor: the offsets, which only change when the article does (and it is pinned)."""
        return f"q{self.start}-{self.end}"

    @property
    def statuses(self) -> tuple[str, ...]:
        """The fact-check statuses found for the records on these words, each once, in file order."""
        return tuple(dict.fromkeys(check.status for record in self.records for check in record.fact_checks))

    @property
    def disputes(self) -> tuple[str, ...]:
        """The disputing statuses (contradicted, unsupported) among :attr:`statuses`."""
        return tuple(status for status in DISPUTING_STATUSES if status in self.statuses)


@dataclass(frozen=True)
class Segment:
    """A run of a paragraph covered by the same spans (none for plain text)."""

    start: int  # offset in the article
    text: str
    spans: tuple[Span, ...]  # innermost (shortest) first
    #: Spans that end right after this segment: their marks follow it.
    ending: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    start: int
    text: str
    segments: tuple[Segment, ...]


class QuoteNotFoundError(ValueError):
    """A record's quote is not in the article: the data did not pass the gate."""


def find_spans(ds: Dataset, article: str) -> list[Span]:
    """Every distinct quoted passage, at each place it occurs, with the records quoting it (file order)."""
    by_text: dict[str, list[Record]] = defaultdict(list)
    for name, table in ds.tables.items():
        for record in table:
            quote = record.__dict__.get(QUOTE_FIELD)
            if isinstance(quote, str) and quote:
                if quote not in article:
                    raise QuoteNotFoundError(
                        f"{name} {record.__dict__['id']}: its quote is not in the article — run summitdata validate"
                    )
                by_text[quote].append(record)
    spans = []
    for text, records in by_text.items():
        start = article.find(text)
        while start != -1:
            spans.append(Span(start, start + len(text), text, list(records)))
            start = article.find(text, start + 1)
    return sorted(spans, key=lambda s: (s.start, -s.end))


def paragraphs(article: str, spans: list[Span]) -> list[Paragraph]:
    """The article line by line (a line is a paragraph), each cut into segments at span boundaries."""
    result = []
    offset = 0
    for line in article.split("\n"):
        end = offset + len(line)
        inside = [s for s in spans if offset <= s.start and s.end <= end]
        cuts = sorted({offset, end} | {s.start for s in inside} | {s.end for s in inside})
        segments = []
        for left, right in itertools.pairwise(cuts):
            covering = sorted((s for s in inside if s.start <= left and right <= s.end), key=lambda s: s.end - s.start)
            ending = tuple(s for s in inside if s.end == right)
            segments.append(Segment(left, article[left:right], tuple(covering), ending))
        if line:
            result.append(Paragraph(offset, line, tuple(segments)))
        offset = end + 1
    return result
