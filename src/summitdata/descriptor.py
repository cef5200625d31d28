"""datapackage.json (Data Package v2), built from the models and the package metadata."""

from __future__ import annotations

from typing import Any

from summitdata import metadata
from summitdata._version import __version__
from summitdata.resources import JSON_PATH, JSON_RESOURCE, RESOURCES
from summitdata.tableschema import table_schema

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
DIALECT = {
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}


def _text_resource(name: str, path: str, sha256: str, title: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "type": "text",
        "path": path,
        "title": title,
        "description": description,
        "format": path.rsplit(".", 1)[-1],
        "mediatype": "text/markdown" if path.endswith(".md") else "text/plain",
        "encoding": "utf-8",
        "hash": f"sha256:{sha256}",
    }


def _sources(sources: tuple[dict[str, str], ...]) -> dict[str, Any]:
    """A resource's own ``sources``, for a resource whose content is not from the article."""
    return {"sources": [dict(source) for source in sources]} if sources else {}


def build_descriptor() -> dict[str, Any]:
    """The whole descriptor, deterministic for a given version of the code."""
    resources: list[dict[str, Any]] = []
    for resource in RESOURCES:
        resources.append(
            {
                "name": resource.name,
                "type": "table",
                # Data Package v1 readers (e.g. npm datapackage) know a table by its profile, not its type.
                "profile": "tabular-data-resource",
                "path": resource.path,
                "title": resource.model.resource_title,
                "description": resource.model.resource_description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": dict(DIALECT),
                "schema": table_schema(resource),
                **(
                    {"sources": [dict(s) for s in resource.model.resource_sources]}
                    if resource.model.resource_sources
                    else {}
                ),
            }
        )
    resources.append(
        {
            "name": JSON_RESOURCE,
            "type": "json",
            "path": JSON_PATH,
            "title": "The whole dataset as one nested JSON document",
            "description": (
                "Generated from the CSV tables (do not edit by hand): each entity with its relations "
                "embedded, every record with its fact checks and a `disputed` flag. Valid against "
                "schemas/summit.schema.json."
            ),
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "jsonSchema": "schemas/summit.schema.json",
        }
    )
    resources.append(
        _text_resource(
            "article",
            metadata.ARTICLE_PATH,
            metadata.ARTICLE_SHA256,
            "The article (pinned text)",
            "The Hankyoreh's English report, byte-identical to the project's source copy and pinned by "
            "SHA-256: the one text the data quotes. © The Hankyoreh; included so that every quote can be "
            "checked, not licensed under the data's licence.",
        )
    )
    resources.append(
        _text_resource(
            "research_notes",
            metadata.NOTES_PATH,
            metadata.NOTES_SHA256,
            "Research notes: external context",
            "The project's notes on what public reporting says about the article's dates and claims, with "
            "evidence URLs. Cited by records whose facts come from the wider record; never quoted.",
        )
    )
    return {
        "$schema": PROFILE,
        "name": metadata.NAME,
        "title": metadata.TITLE,
        "description": metadata.DESCRIPTION,
        "version": __version__,
        "created": metadata.CREATED,
        "homepage": metadata.HOMEPAGE,
        "keywords": list(metadata.KEYWORDS),
        "licenses": [dict(metadata.DATA_LICENSE)],
        "contributors": [dict(c) for c in metadata.CONTRIBUTORS],
        "sources": [dict(s) for s in metadata.SOURCES],
        "resources": resources,
    }
