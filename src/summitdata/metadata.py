"""Package-level metadata written into datapackage.json, the citation and the docs."""

from __future__ import annotations

from typing import Any

NAME = "summitdata"
TITLE = "summitdata: the Yoon–Biden summit of 11 July 2024 and the US-ROK nuclear deterrence guidelines"
DESCRIPTION = (
    "The facts of The Hankyoreh's English report on the Yoon–Biden summit of 11 July 2024 at the NATO "
    "summit in Washington, DC: the joint statement, the US-ROK Guidelines for Nuclear Deterrence and "
    "Nuclear Operations on the Korean Peninsula, the Nuclear Consultative Group (NCG) and its seven "
    "workstreams, and the people and quotes around them. Every record points to its source and carries "
    "the article's verbatim words; where public reporting corroborates, refines or contradicts the "
    "article (the place and month of the guidelines' signing; the leaders' “signatures”), both versions "
    "are recorded and linked by fact checks."
)
# The release date of the current version; bumped with the version.
CREATED = "2026-11-28T00:00:00Z"
HOMEPAGE = "https://github.com/summitdata/summitdata"
KEYWORDS = [
    "South Korea",
    "United States",
    "nuclear deterrence",
    "extended deterrence",
    "Nuclear Consultative Group",
    "NATO summit 2024",
    "Washington Declaration",
    "joint statement",
    "fact check",
    "journalism",
]
DATA_LICENSE: dict[str, Any] = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
CONTRIBUTORS: list[dict[str, Any]] = [
    {"title": "summitdata contributors", "roles": ["creator", "maintainer"], "path": HOMEPAGE},
]
ARTICLE_PATH = "data/sources/hankyoreh-yoon-biden-nuclear-guidelines.txt"
ARTICLE_SHA256 = "e46e04fcc9883466ef432f71acfafa6deb724777a69678ccfbf33c39f9afe922"
NOTES_PATH = "data/sources/external-context.md"
NOTES_SHA256 = "8a9d391a5d7bcfeb6af42a1192103d96f6a8c95610be5966c1269d97e7f3a97e"
SOURCES: list[dict[str, Any]] = [
    {
        "title": "Lee Seung-jun, report on the Yoon–Biden summit and the nuclear deterrence guidelines, "
        "The Hankyoreh (English edition); publication date unknown (no earlier than 12 July 2024)",
        "path": ARTICLE_PATH,
    },
    {"title": "summitdata research notes: external context for the article", "path": NOTES_PATH},
]
CITATION = (
    "summitdata contributors ({year}). summitdata: the Yoon–Biden summit of 11 July 2024 and the US-ROK "
    "nuclear deterrence guidelines (version {version}) [Data set]. {homepage}. Source: Lee Seung-jun, "
    "The Hankyoreh (English edition)."
)
