"""summitdata export jsonld: schema.org JSON-LD that PyLD expands and round-trips without any network access."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

import summitdata
from summitdata.export import export
from summitdata.export.jsonld import build_document, iri
from summitdata.metadata import HOMEPAGE
from tests.conftest import ROOT

SCHEMA = "https://schema.org/"
#: resource → the schema.org type its records become.
TYPES = [
    ("people", "Person"),
    ("organizations", "Organization"),
    ("events", "Event"),
    ("agreements", "CreativeWork"),
    ("sources", "CreativeWork"),
    ("statements", "Quotation"),
    ("agreement_actions", "Action"),
    ("fact_checks", "ClaimReview"),
]


def refuse_network(url: str, options: Any = None) -> Any:
    raise AssertionError(f"the JSON-LD processor tried to fetch {url}: the context must be inline")


OPTIONS: dict[str, Any] = {"documentLoader": refuse_network}


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("jsonld") / "summitdata.jsonld"
    export("jsonld", summitdata.load(ROOT), out)
    loaded: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return loaded


def expand(document: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    dropped: list[Any] = []
    expanded = jsonld.expand(document, OPTIONS, on_property_dropped=lambda *args, **kwargs: dropped.append(args))
    return expanded, dropped


def test_the_context_is_inline_and_names_only_schema_org_terms(document: dict[str, Any]) -> None:
    context = document["@context"]
    assert isinstance(context, dict)
    assert all(value == SCHEMA or value.startswith("schema:") for value in context.values())


def test_pyld_expands_it_without_fetching_anything_or_dropping_a_property(document: dict[str, Any]) -> None:
    expanded, dropped = expand(document)
    assert dropped == []
    assert len(expanded) == len(document["@graph"])


def test_a_misspelt_property_would_be_dropped_and_caught(document: dict[str, Any]) -> None:
    broken = copy.deepcopy(document)
    broken["@graph"][0]["nmae"] = "typo"
    _, dropped = expand(broken)
    assert dropped


def test_compacting_the_expansion_gives_back_the_document(document: dict[str, Any]) -> None:
    expanded, _ = expand(document)
    assert jsonld.compact(expanded, document["@context"], OPTIONS) == document


def test_rdf_is_the_same_before_and_after_the_round_trip(document: dict[str, Any]) -> None:
    expanded, _ = expand(document)
    compacted = jsonld.compact(expanded, document["@context"], OPTIONS)
    normalize = {"algorithm": "URDNA2015", "format": "application/n-quads", **OPTIONS}
    before = jsonld.normalize(document, normalize)
    assert before
    assert jsonld.normalize(compacted, normalize) == before


@pytest.mark.parametrize(("resource", "type_"), TYPES)
def test_every_record_is_a_schema_org_node_of_its_type(
    document: dict[str, Any], ds: summitdata.Dataset, resource: str, type_: str
) -> None:
    nodes = {node["@id"]: node for node in document["@graph"]}
    for record_id in ds.tables[resource].ids:
        node = nodes[iri(resource, record_id)]
        assert node["@type"] == type_
        assert node["identifier"] == record_id


def test_the_dataset_cites_the_article_and_states_version_and_licence(
    document: dict[str, Any], ds: summitdata.Dataset
) -> None:
    dataset = next(node for node in document["@graph"] if node["@type"] == "Dataset")
    article = next(s for s in ds.sources if s.kind == "article")
    assert dataset["@id"] == HOMEPAGE
    assert dataset["citation"] == {"@id": iri("sources", article.id)}
    assert dataset["version"] == ds.version
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_disputed_records_say_so_and_fact_checks_point_to_the_records_version(
    document: dict[str, Any], ds: summitdata.Dataset
) -> None:
    nodes = {node["@id"]: node for node in document["@graph"]}
    for event in ds.events:
        assert ("disambiguatingDescription" in nodes[iri("events", event.id)]) == event.disputed
    for check in ds.fact_checks:
        review = nodes[iri("fact_checks", check.id)]
        assert review["itemReviewed"] == {"@id": iri(check.resource, check.record_id)}
        assert review["reviewRating"]["alternateName"] == check.status
        if check.counterpart_id is not None:
            assert review["mentions"] == {"@id": iri(check.resource, check.counterpart_id)}


def test_the_written_file_is_what_build_document_returns(document: dict[str, Any], ds: summitdata.Dataset) -> None:
    assert document == build_document(ds)


def test_the_export_is_a_single_utf8_json_file(tmp_path: Path) -> None:
    out = tmp_path / "data.jsonld"
    assert export("jsonld", summitdata.load(ROOT), out) == [out]
    assert "Yoon–Biden" in out.read_text(encoding="utf-8")  # characters, not \\u escapes


# The properties schema.org defines for each type the export writes (https://schema.org/<Type>, "Properties
# from <Type>" and its parents'), limited to what an export could plausibly use. Thing's are everyone's.
THING = {"additionalType", "alternateName", "description", "disambiguatingDescription", "identifier", "name"}
THING |= {"sameAs", "subjectOf", "url"}
CREATIVE_WORK = THING | {
    "about",
    "author",
    "citation",
    "creator",
    "creditText",
    "dateCreated",
    "datePublished",
    "genre",
    "inLanguage",
    "isPartOf",
    "keywords",
    "license",
    "mentions",
    "publisher",
    "recordedAt",
    "text",
    "usageInfo",
    "version",
}
SCHEMA_ORG_PROPERTIES: dict[str, set[str]] = {
    "Event": THING
    | {"about", "attendee", "endDate", "keywords", "location", "organizer", "startDate", "subEvent", "superEvent"},
    "CreativeWork": CREATIVE_WORK,
    "Quotation": CREATIVE_WORK | {"spokenByCharacter"},
    "Dataset": CREATIVE_WORK | {"distribution", "variableMeasured"},
    "ClaimReview": CREATIVE_WORK | {"claimReviewed", "itemReviewed", "reviewBody", "reviewRating"},
    "Action": THING | {"agent", "endTime", "location", "object", "participant", "result", "startTime"},
    "Organization": THING | {"keywords", "member", "memberOf", "parentOrganization"},
    "Person": THING | {"affiliation", "memberOf", "nationality"},
    # Role's own properties, and the property it qualifies (the schema.org role pattern).
    "OrganizationRole": THING | {"endDate", "memberOf", "namedPosition", "roleName", "startDate"},
    "Place": THING,
    "Country": THING,
    "Rating": THING | {"bestRating", "ratingValue", "worstRating"},
}


def test_every_node_uses_only_properties_schema_org_defines_for_its_type(document: dict[str, Any]) -> None:
    """No property outside its type's schema.org domain: an Event has no genre, for instance."""
    used: dict[str, set[str]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("@type"), str):
                used.setdefault(node["@type"], set()).update(k for k in node if not k.startswith("@"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document["@graph"])
    assert "Event" in used
    for type_, properties in used.items():
        assert properties <= SCHEMA_ORG_PROPERTIES[type_], (type_, properties - SCHEMA_ORG_PROPERTIES[type_])
