"""Layer 7 of the gate: the pinned texts, quotes verbatim in the article, basis against source."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from summitdata import metadata
from summitdata.resources import BY_NAME, RESOURCES
from summitdata.validation.explain import STRAIGHT_QUOTE_HINT, straight_quote
from summitdata.validation.problems import Problem, show
from summitdata.validation.tables import LoadedRow

Rows = dict[str, list[LoadedRow]]

#: Columns whose text must be the article's own words when the record cites the article.
VERBATIM_COLUMNS = ("quote", "date_text", "text", "reported")


def check_provenance(root: Path, rows: Rows, problems: list[Problem], declared: Sequence[str] = ()) -> None:
    """Pins, quotes and bases. A stored source whose declared file is missing is the files layer's to report."""
    sources = {row.record.__dict__["id"]: (row, row.record.__dict__) for row in rows["sources"]}
    article_text: str | None = None
    for source_id, (row, source) in sources.items():
        if source["path"] is None:
            continue
        path = root / source["path"]
        if not path.is_file():
            if source["path"] in declared:
                continue
            problems.append(
                Problem(
                    BY_NAME["sources"].path,
                    row.line,
                    "sources.path",
                    "file-missing",
                    f"the stored source {source['path']} does not exist",
                    "restore the file from the repository",
                    "sources",
                    source["path"],
                )
            )
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        pinned = {
            metadata.ARTICLE_PATH: metadata.ARTICLE_SHA256,
            metadata.NOTES_PATH: metadata.NOTES_SHA256,
        }
        if digest != source["sha256"] or (source["path"] in pinned and digest != pinned[source["path"]]):
            problems.append(
                Problem(
                    source["path"],
                    None,
                    "sources.sha256",
                    "source-hash-mismatch",
                    f"the file's SHA-256 is {digest}, but {source_id} pins {source['sha256']}",
                    "restore the stored text byte for byte; it is never edited",
                    "sources",
                    source_id,
                )
            )
        elif source["kind"] == "article":
            article_text = path.read_text(encoding="utf-8")
    article_ids = {sid for sid, (_, s) in sources.items() if s["kind"] == "article"}
    for resource in RESOURCES:
        if resource.name == "sources":
            continue
        for row in rows[resource.name]:
            values = row.record.__dict__
            source_id = values.get("source_id")
            from_article = source_id in article_ids
            _check_basis(
                path=resource.path,
                name=resource.name,
                row=row,
                values=values,
                from_article=from_article,
                sources=sources,
                problems=problems,
            )
            # A fact check cites the public page, but its `reported` is always the article's words.
            always = ("reported",) if resource.name == "fact_checks" else ()
            if article_text is not None:
                for column in VERBATIM_COLUMNS if from_article else always:
                    text = values.get(column)
                    if text is not None and text not in article_text:
                        # A straight ' or " is the usual cause: the article has none, so name where it is.
                        straight = straight_quote(text)
                        problems.append(
                            Problem(
                                resource.path,
                                row.line,
                                f"{resource.name}.{column}",
                                "quote-not-found",
                                straight or f"{show(text)} is not found verbatim in the article",
                                STRAIGHT_QUOTE_HINT
                                if straight
                                else "copy them byte for byte from the article (curly quotes ’ “ ” included)",
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
    sources: dict[str, tuple[LoadedRow, dict[str, object]]],
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
            f"a {basis} record must cite the article, not {source_id}",
            "cite the article with its words in quote, or set basis to external",
            basis,
        )
    if basis == "external" and from_article:
        mismatch(
            "basis",
            "an external record cites the article",
            "cite the public page (or the research notes) it comes from",
            basis,
        )
    date_source = values.get("date_source_id")
    if date_source is not None and date_source in sources and sources[str(date_source)][1]["kind"] == "article":
        mismatch(
            "date_source_id",
            "an externally resolved date cites the article",
            "name the public page or research notes the date comes from",
            date_source,
        )
