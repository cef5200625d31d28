"""Layer 7 of the gate: stored texts and their pins, quotes verbatim in their own source, basis against source.

Provenance is defined by the data, once, for both engines:

* which row counts for a source id: the first (a later row with the same id is a
  primary-key error, and is ignored here) — :func:`source_table`;
* which sources records may quote: those of a quotable kind (:data:`QUOTABLE_KINDS`), each
  stored under ``path`` and pinned by ``sha256`` (the model's row rules require both) —
  :func:`is_quotable`;
* the text of each: read within the size limit, its SHA-256 equal to the pin, valid UTF-8 —
  :func:`stored_texts`;
* every verbatim column of a record citing a quotable source is found in *that* source's
  text; a fact check's ``reported`` words (what a text says, whatever evidence the check
  cites) are found in a quotable text.

A second stored text (say, the Korean original) needs a sources row, not a code change;
the research notes, a stored but not quotable source, can never become "the article".
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from summitdata import metadata
from summitdata.dates import earliest
from summitdata.models.sources import QUOTABLE_KINDS
from summitdata.resources import BY_NAME, RESOURCES
from summitdata.validation.explain import STRAIGHT_QUOTE_HINT, straight_quote
from summitdata.validation.files import MAX_FILE_BYTES, RefusedFileError, read_limited, refusal
from summitdata.validation.problems import Problem, show
from summitdata.validation.tables import LoadedRow

Rows = dict[str, list[LoadedRow]]

#: Columns whose text must be the source's own words when the record cites a quotable source.
VERBATIM_COLUMNS = ("quote", "date_text", "text", "reported")

_SOURCES = BY_NAME["sources"].path
#: The largest stored source read. A stored source is one article or page of notes (this package's largest is
#: 12 KB). Each quote not in it is looked for through the whole of it, about 3 ms a MiB where the text repeats
#: itself: a crafted 100 MB text took 0.3 s for each quote a row gives, so a larger file is refused unread.
STORED_TEXT_MAX_BYTES = 1024**2


def source_table(rows: Sequence[LoadedRow]) -> dict[str, LoadedRow]:
    """Each source id's row: the first with that id, in file order."""
    table: dict[str, LoadedRow] = {}
    for row in rows:
        table.setdefault(row.record.__dict__["id"], row)
    return table


def is_quotable(values: Mapping[str, Any]) -> bool:
    """Whether records citing this source may quote it (its text is stored and pinned)."""
    return values.get("kind") in QUOTABLE_KINDS


def stored_texts(
    root: Path,
    sources: Mapping[str, LoadedRow],
    problems: list[Problem],
    declared: Sequence[str] = (),
    max_bytes: int = MAX_FILE_BYTES,
) -> dict[str, str]:
    """Source id → text, for every quotable source whose stored file holds its pin; problems for the rest.

    A stored source whose declared file is missing or refused is the files layer's to report.
    """
    texts: dict[str, str] = {}
    for source_id, row in sources.items():
        source = row.record.__dict__
        path = source["path"]
        if path is None:
            continue
        limit = min(max_bytes, STORED_TEXT_MAX_BYTES)
        try:
            data = read_limited(root, path, limit)
        except RefusedFileError as exc:
            # Over this limit but not the gate's: the files layer let a declared file through, so it is named here.
            own_limit = exc.code == "file-too-large" and refusal(root, path, max_bytes) is None
            if path not in declared or own_limit:
                hint = "restore the file from the repository" if exc.code == "file-missing" else exc.hint
                if own_limit:
                    hint = "store the one article or page the records quote (at most 1 MiB), byte for byte"
                message = f"the stored source {path} does not exist" if exc.code == "file-missing" else exc.message
                problems.append(Problem(_SOURCES, row.line, "sources.path", exc.code, message, hint, "sources", path))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != source["sha256"]:
            problems.append(
                Problem(
                    path,
                    None,
                    "sources.sha256",
                    "source-hash-mismatch",
                    f"the file's SHA-256 is {digest}, but {source_id} pins {source['sha256']}",
                    "restore the stored text byte for byte; it is never edited",
                    "sources",
                    source_id,
                )
            )
            continue
        if not is_quotable(source):
            continue
        try:
            texts[source_id] = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(
                Problem(
                    path,
                    data[: exc.start].count(b"\n") + 1,
                    None,
                    "encoding-error",
                    f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                    "store the text as UTF-8 (and pin the new bytes)",
                    "sources",
                    source_id,
                )
            )
    return texts


def _release_date() -> dt.date:
    return dt.date.fromisoformat(metadata.CREATED[:10])


def _check_published(rows: Sequence[LoadedRow], problems: list[Problem]) -> None:
    """No source was published after the release that cites it."""
    release = _release_date()
    for row in rows:
        published = row.record.__dict__.get("published")
        if published is not None and earliest(published) > release:
            problems.append(
                Problem(
                    _SOURCES,
                    row.line,
                    "sources.published",
                    "row-rule-error",
                    f"{published} is after the release date ({release.isoformat()})",
                    "check the publication date (a source cannot postdate the data citing it)",
                    "sources",
                    published,
                )
            )


def check_provenance(
    root: Path, rows: Rows, problems: list[Problem], declared: Sequence[str] = (), max_bytes: int = MAX_FILE_BYTES
) -> None:
    """Pins, quotes and bases, for the rows given (both engines call this with every sources row)."""
    sources = source_table(rows["sources"])
    texts = stored_texts(root, sources, problems, declared, max_bytes)
    _check_published(rows["sources"], problems)
    quotable = {source_id for source_id, row in sources.items() if is_quotable(row.record.__dict__)}
    for resource in RESOURCES:
        if resource.name == "sources":
            continue
        for row in rows[resource.name]:
            values = row.record.__dict__
            source_id = values.get("source_id")
            cites_quotable = source_id in quotable
            _check_basis(
                path=resource.path,
                name=resource.name,
                row=row,
                values=values,
                from_article=cites_quotable,
                sources=sources,
                quotable=quotable,
                problems=problems,
            )
            own = texts.get(source_id) if cites_quotable and isinstance(source_id, str) else None
            for column in VERBATIM_COLUMNS:
                text = values.get(column)
                if text is None:
                    continue
                if resource.name == "fact_checks" and column == "reported":
                    if not texts:
                        continue
                    # A fact check cites its evidence; `reported` is what a quoted text says, whichever.
                    found, where = any(text in stored for stored in texts.values()), "in any stored text"
                elif own is not None:
                    found, where = text in own, f"in {source_id}"
                else:
                    continue
                if not found:
                    problems.append(
                        Problem(
                            resource.path,
                            row.line,
                            f"{resource.name}.{column}",
                            "quote-not-found",
                            # A straight ' or " is the usual cause: the texts have none, so name where it is.
                            straight_quote(text) or f"{show(text)} is not found verbatim {where}",
                            STRAIGHT_QUOTE_HINT
                            if straight_quote(text)
                            else "copy them byte for byte from the stored text (curly quotes ’ “ ” included)",
                            resource.name,
                            text[:80],
                        )
                    )


def _check_basis(
    *,
    path: str,
    name: str,
    row: LoadedRow,
    values: dict[str, object],
    from_article: bool,
    sources: Mapping[str, LoadedRow],
    quotable: set[str],
    problems: list[Problem],
) -> None:
    def mismatch(field: str, message: str, hint: str, value: object) -> None:
        problems.append(
            Problem(path, row.line, f"{name}.{field}", "basis-source-mismatch", message, hint, name, str(value))
        )

    basis = values.get("basis")
    source_id = values.get("source_id")
    if basis in ("stated", "inferred") and not from_article and source_id in sources:
        mismatch(
            "basis",
            f"a {basis} record must cite a stored text it quotes (the article), not {source_id}",
            "cite the article with its words in quote, or set basis to external",
            basis,
        )
    if basis == "external" and from_article:
        mismatch(
            "basis",
            f"an external record cites {source_id}, a text the data quotes (kind article)",
            "cite the public page (or the research notes) it comes from",
            basis,
        )
    date_source = values.get("date_source_id")
    if date_source is not None and date_source in quotable:
        mismatch(
            "date_source_id",
            f"an externally resolved date cites {date_source}, a text the data quotes (kind article)",
            "name the public page or research notes the date comes from",
            date_source,
        )
