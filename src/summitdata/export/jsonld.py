"""``summitdata export jsonld OUT.jsonld``: the package as schema.org JSON-LD.

People are ``Person`` (with their posts as ``OrganizationRole``), organizations
``Organization``, events ``Event`` (with attendees and organizers), agreements and sources
``CreativeWork``, statements ``Quotation``, acts on agreements ``Action`` and fact checks
``ClaimReview``; the dataset is a ``Dataset`` whose ``citation`` is the article. The
context is inline — a consumer never fetches https://schema.org to read the file — and
names every term, so a misspelt property is dropped by a JSON-LD processor rather than
silently invented (the tests expand it with PyLD and check that nothing is dropped).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summitdata import metadata
from summitdata.dataset import Dataset
from summitdata.export._tables import LICENCE_NOTE, Progress, atomic_path, citation
from summitdata.export._views import DISPUTING
from summitdata.models import Record

SCHEMA = "https://schema.org/"
TYPES = (
    "Action",
    "ClaimReview",
    "CreativeWork",
    "Country",
    "Dataset",
    "Event",
    "Organization",
    "OrganizationRole",
    "Person",
    "Place",
    "Quotation",
    "Rating",
)
PROPERTIES = (
    "agent",
    "alternateName",
    "attendee",
    "author",
    "citation",
    "claimReviewed",
    "creator",
    "creditText",
    "dateCreated",
    "datePublished",
    "description",
    "disambiguatingDescription",
    "endDate",
    "genre",
    "identifier",
    "inLanguage",
    "isPartOf",
    "itemReviewed",
    "keywords",
    "license",
    "location",
    "memberOf",
    "mentions",
    "name",
    "nationality",
    "object",
    "organizer",
    "parentOrganization",
    "publisher",
    "recordedAt",
    "reviewBody",
    "reviewRating",
    "roleName",
    "startDate",
    "startTime",
    "subjectOf",
    "superEvent",
    "text",
    "url",
    "usageInfo",
    "version",
)
#: The inline context: every term the document uses, and nothing else.
CONTEXT: dict[str, str] = {"schema": SCHEMA} | {term: f"schema:{term}" for term in (*TYPES, *PROPERTIES)}
SEPARATOR = "; "


def iri(resource: str, record_id: str) -> str:
    """A stable IRI for a record: the homepage, the table, the ID."""
    return f"{metadata.HOMEPAGE}#{resource}/{record_id}"


def ref(record: Record | None) -> dict[str, str] | None:
    return None if record is None else {"@id": iri(record.resource_name, record.__dict__["id"])}


def _one_or_many(values: list[Any]) -> Any:
    # JSON-LD compaction writes a one-element array as its element: so does the export,
    # which keeps compact(expand(document)) equal to the document.
    values = [v for v in values if v is not None]
    return None if not values else values[0] if len(values) == 1 else values


def _names(*texts: str | None) -> Any:
    return _one_or_many([name for text in texts if text for name in text.split(SEPARATOR)])


def _node(record: Record, type_: str, **properties: Any) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": iri(record.resource_name, record.__dict__["id"]), "@type": type_}
    node["identifier"] = record.__dict__["id"]
    if record.disputed:
        statuses = sorted({c.status for c in record.fact_checks if c.status in DISPUTING})
        node["disambiguatingDescription"] = (
            f"As the article reports it; {' and '.join(statuses)} by public reporting (see the ClaimReview)."
        )
    node.update({key: value for key, value in properties.items() if value is not None})
    return node


def _source_of(record: Record) -> dict[str, str] | None:
    return ref(record.source)


def build_document(ds: Dataset) -> dict[str, Any]:
    """The JSON-LD document for ``ds``: an inline context and a graph of every record."""
    graph: list[dict[str, Any]] = []
    articles = [s for s in ds.sources if s.kind == "article"]
    licence = metadata.DATA_LICENSE
    graph.append(
        {
            "@id": metadata.HOMEPAGE,
            "@type": "Dataset",
            "name": metadata.TITLE,
            "description": metadata.DESCRIPTION,
            "version": ds.version,
            "datePublished": metadata.CREATED[:10],
            "license": licence["path"],
            "usageInfo": LICENCE_NOTE,
            "creditText": citation(ds.version),
            "keywords": list(metadata.KEYWORDS),
            "url": metadata.HOMEPAGE,
            "creator": {"@type": "Organization", "name": metadata.CONTRIBUTORS[0]["title"]},
            "citation": _one_or_many([ref(a) for a in articles]),
        }
    )
    for source in ds.sources:
        graph.append(
            _node(
                source,
                "CreativeWork",
                name=source.title,
                genre=source.kind,
                publisher=None if source.publisher is None else {"@type": "Organization", "name": source.publisher},
                author=None if source.author is None else {"@type": "Person", "name": source.author},
                datePublished=source.published,
                url=source.url,
                inLanguage=source.language,
                description=source.note,
            )
        )
    for org in ds.organizations:
        graph.append(
            _node(
                org,
                "Organization",
                name=org.name,
                alternateName=_names(org.short_name, org.other_names),
                parentOrganization=ref(org.parent),
                subjectOf=_source_of(org),
                description=org.note,
            )
        )
    for person in ds.people:
        roles = [
            {
                "@type": "OrganizationRole",
                "identifier": m.id,
                "roleName": m.role,
                "memberOf": ref(m.organization),
                **({"startDate": m.start_date} if m.start_date else {}),
                **({"endDate": m.end_date} if m.end_date else {}),
            }
            for m in person.memberships
        ]
        graph.append(
            _node(
                person,
                "Person",
                name=person.name,
                alternateName=_names(person.other_names),
                nationality=None if person.country is None else {"@type": "Country", "identifier": person.country},
                memberOf=_one_or_many(roles),
                subjectOf=_source_of(person),
                description=person.note,
            )
        )
    for event in ds.events:
        attendees = [ref(p.actor) for p in event.participants if p.role != "organizer"]
        graph.append(
            _node(
                event,
                "Event",
                name=event.name,
                # schema.org defines genre for creative works, not events; keywords is defined for Event.
                keywords=event.kind,
                startDate=event.start_date,
                endDate=event.end_date,
                location=None if event.location is None else {"@type": "Place", "name": event.location},
                superEvent=ref(event.parent),
                attendee=_unique(attendees),
                organizer=_unique([ref(p.actor) for p in event.participants if p.role == "organizer"]),
                subjectOf=_source_of(event),
                description=event.note,
            )
        )
    for agreement in ds.agreements:
        graph.append(
            _node(
                agreement,
                "CreativeWork",
                name=agreement.title,
                alternateName=_names(agreement.other_titles),
                genre=agreement.kind,
                dateCreated=agreement.date,
                recordedAt=ref(agreement.event),
                citation=_source_of(agreement),
                description=agreement.note,
            )
        )
    for action in ds.agreement_actions:
        graph.append(
            _node(
                action,
                "Action",
                name=action.action,
                agent=ref(action.actor),
                object=ref(action.agreement),
                startTime=action.date,
                location=None if action.place is None else {"@type": "Place", "name": action.place},
                subjectOf=_source_of(action),
                description=action.note,
            )
        )
    for statement in ds.statements:
        graph.append(
            _node(
                statement,
                "Quotation",
                text=statement.text,
                genre=statement.kind,
                creator=ref(statement.speaker),
                isPartOf=ref(statement.agreement),
                recordedAt=ref(statement.event),
                citation=_source_of(statement),
                description=statement.note,
            )
        )
    for check in ds.fact_checks:
        graph.append(
            _node(
                check,
                "ClaimReview",
                itemReviewed=ref(check.target),
                claimReviewed=check.reported,
                reviewBody=check.finding,
                reviewRating={"@type": "Rating", "alternateName": check.status},
                mentions=ref(check.counterpart),
                citation=_source_of(check),
                description=check.note,
            )
        )
    return {"@context": dict(CONTEXT), "@graph": graph}


def _unique(refs: list[dict[str, str] | None]) -> Any:
    seen: dict[str, dict[str, str]] = {}
    for item in refs:
        if item is not None:
            seen.setdefault(item["@id"], item)
    return _one_or_many(list(seen.values()))


def render(ds: Dataset) -> str:
    return json.dumps(build_document(ds), ensure_ascii=False, indent=2) + "\n"


def write(ds: Dataset, out: Path, progress: Progress) -> list[Path]:
    progress(f"jsonld: {sum(len(t) for t in ds.tables.values())} records")
    with atomic_path(out) as scratch:
        scratch.write_text(render(ds), encoding="utf-8")
    return [out]
