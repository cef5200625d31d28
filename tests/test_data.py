"""The data itself: the pinned article, every quote verbatim, and the article's key facts."""

from __future__ import annotations

import hashlib
import re

import pytest

import summitdata
from summitdata import metadata
from tests.conftest import ROOT, SHARED

ARTICLE = ROOT / metadata.ARTICLE_PATH
ARTICLE_TEXT = ARTICLE.read_text(encoding="utf-8")

WORKSTREAMS = (
    "security protocols and expansion of information sharing",
    "nuclear consultation processes in crises and contingencies",
    "nuclear and strategic planning",
    "ROK conventional support to U.S. nuclear operations in a contingency through conventional-nuclear integration",
    "strategic communications",
    "exercises, simulations, training, and investment activities",
    "risk reduction practices",
)
PEOPLE = {
    "yoon-suk-yeol": "Yoon Suk-yeol",
    "joe-biden": "Joe Biden",
    "cho-chang-rae": "Cho Chang-rae",
    "vipin-narang": "Vipin Narang",
    "kim-tae-hyo": "Kim Tae-hyo",
    "lee-seung-jun": "Lee Seung-jun",
}
# (event id, start, end, location)
EVENT_DATES = (
    ("nato-summit-2024", "2024-07-09", "2024-07-11", "Washington, DC"),
    ("yoon-biden-summit-2024", "2024-07-11", "2024-07-11", "Washington, DC"),
    ("kim-briefing", "2024-07-11", "2024-07-11", None),
    ("guidelines-signing-as-reported", "2024-06", "2024-06", "Seoul"),
    ("guidelines-signing", "2024-07-11", "2024-07-11", "the Pentagon"),
    ("biden-yoon-summit-2023", "2023-04-26", "2023-04-26", "the White House, Washington, DC"),
)
VERBATIM = ("quote", "date_text", "reported")


def test_the_article_copy_is_pinned_by_its_sha256() -> None:
    assert hashlib.sha256(ARTICLE.read_bytes()).hexdigest() == metadata.ARTICLE_SHA256


@pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared beside this checkout")
def test_the_article_copy_is_byte_identical_to_the_shared_source() -> None:
    assert ARTICLE.read_bytes() == (SHARED / "source" / ARTICLE.name).read_bytes()
    notes = ROOT / metadata.NOTES_PATH
    assert notes.read_bytes() == (SHARED / "source" / notes.name).read_bytes()


def test_every_article_sourced_value_is_verbatim_in_the_article(ds: summitdata.Dataset) -> None:
    checked = 0
    for table in ds.tables.values():
        for record in table:
            values = record.__dict__
            from_article = values.get("source_id") == "hankyoreh-article"
            for column in VERBATIM:
                text = values.get(column)
                if text is not None and (from_article or column == "reported"):
                    assert text in ARTICLE_TEXT, (record.resource_name, values["id"], column)
                    checked += 1
    assert checked > 100


def test_every_quotation_in_the_article_is_a_statement_or_the_guidelines_title(
    ds: summitdata.Dataset,
) -> None:
    pairs = re.findall(r"“([^”]*)”", ARTICLE_TEXT)
    statements = sorted(s.text for s in ds.statements if s.kind == "quote" and s.source_id == "hankyoreh-article")
    title = ds.agreements["nuclear-deterrence-guidelines"].title
    assert sorted(p for p in pairs if p.rstrip(",") != title) == statements
    assert len(pairs) == len(statements) + 1


def test_every_record_cites_a_source_and_article_records_carry_a_quote(
    ds: summitdata.Dataset,
) -> None:
    for table in ds.tables.values():
        for record in table:
            values = record.__dict__
            if "basis" in values:
                assert values["source_id"] in ds.sources
                assert (values["quote"] is None) == (values["basis"] == "external")


def test_the_seven_workstreams_are_recorded_verbatim_in_order(ds: summitdata.Dataset) -> None:
    assert tuple(w.name for w in sorted(ds.workstreams, key=lambda w: w.position)) == WORKSTREAMS
    assert [w.position for w in ds.workstreams] == list(range(1, 8))
    assert {w.organization.short_name for w in ds.workstreams} == {"NCG"}


def test_every_person_the_article_names_is_recorded(ds: summitdata.Dataset) -> None:
    assert {p.id: p.name for p in ds.people} == PEOPLE


@pytest.mark.parametrize(("event_id", "start", "end", "location"), EVENT_DATES)
def test_event_dates_are_resolved_to_iso_at_the_evidenced_precision(
    ds: summitdata.Dataset, event_id: str, start: str, end: str, location: str | None
) -> None:
    event = ds.events[event_id]
    assert (event.start_date, event.end_date, event.location) == (start, end, location)


def test_unknown_publication_date_and_url_are_left_empty(ds: summitdata.Dataset) -> None:
    article = ds.sources["hankyoreh-article"]
    assert (article.published, article.url, article.title) == (None, None, None)
    assert article.author == "Lee Seung-jun"


def test_the_signing_place_and_month_are_recorded_as_reported_and_as_contradicted(
    ds: summitdata.Dataset,
) -> None:
    reported = ds.agreement_actions["narang-signed-guidelines-as-reported"]
    assert (reported.place, reported.date, reported.basis) == ("Seoul", "2024-06", "stated")
    statuses = {(c.field, c.status) for c in reported.fact_checks}
    assert statuses == {("place", "contradicted"), ("date", "contradicted")}
    record = next(c.counterpart for c in reported.fact_checks)
    assert isinstance(record, summitdata.AgreementAction)
    assert (record.place, record.date, record.basis) == ("the Pentagon", "2024-07-11", "external")
    assert reported.disputed
    assert not record.disputed


def test_the_leaders_signatures_are_recorded_as_unsupported(ds: summitdata.Dataset) -> None:
    for person in ("biden", "yoon"):
        action = ds.agreement_actions[f"{person}-signed-guidelines-as-reported"]
        assert [c.status for c in action.fact_checks] == ["unsupported"]
        counterpart = action.fact_checks[0].counterpart
        assert isinstance(counterpart, summitdata.AgreementAction)
        assert counterpart.action == "authorized"
    assert ds.events["leaders-signing-as-reported"].disputed


def test_undisputed_facts_exclude_everything_a_check_contradicts(ds: summitdata.Dataset) -> None:
    undisputed = {a.id for a in ds.undisputed(summitdata.AgreementAction)}
    assert "narang-signed-guidelines" in undisputed
    assert not undisputed & {
        "cho-signed-guidelines-as-reported",
        "narang-signed-guidelines-as-reported",
        "biden-signed-guidelines-as-reported",
        "yoon-signed-guidelines-as-reported",
    }


def test_the_president_country_pairing_is_marked_inferred(ds: summitdata.Dataset) -> None:
    for membership_id in ("yoon-president-of-south-korea", "biden-president-of-united-states"):
        membership = ds.memberships[membership_id]
        assert membership.basis == "inferred"
        assert membership.note
        assert [c.status for c in membership.fact_checks] == ["corroborated"]


def test_name_variants_are_recorded_with_their_origin(ds: summitdata.Dataset) -> None:
    yoon = ds.people["yoon-suk-yeol"]
    assert yoon.other_names is not None
    assert "Yoon Suk Yeol" in yoon.other_names.split("; ")
    assert "윤석열" in yoon.other_names
    assert yoon.note is not None
    assert "research notes" in yoon.note
    assert ds.organizations["north-korea"].other_names == "Democratic People’s Republic of Korea"


def test_the_misquoted_wording_is_contradicted_by_the_official_wording(ds: summitdata.Dataset) -> None:
    quoted = ds.statements["joint-planning-and-execution"]
    (check,) = quoted.fact_checks
    assert check.status == "contradicted"
    official = check.counterpart
    assert isinstance(official, summitdata.Statement)
    assert (official.text, official.basis, official.quote) == (
        "ROK conventional support to U.S. nuclear operations",
        "external",
        None,
    )


def test_the_leaders_authorization_is_an_event_with_both_presidents(ds: summitdata.Dataset) -> None:
    event = ds.events["guidelines-authorization"]
    assert {p.actor.id for p in event.participants} == {"yoon-suk-yeol", "joe-biden"}
    assert {a.id for a in event.actions} == {"yoon-authorized-guidelines", "biden-authorized-guidelines"}
    assert ds.fact_checks["leaders-signing"].counterpart is event


def test_values_the_article_never_states_are_not_marked_stated(ds: summitdata.Dataset) -> None:
    assert ds.organizations["hankyoreh"].basis == "external"
    assert "Hankyoreh" not in ARTICLE_TEXT
    for statement_id in ("joint-statement-biden-extended-deterrence", "joint-statement-yoon-combined-defense"):
        statement = ds.statements[statement_id]
        assert statement.speaker is None  # the document speaks of the presidents in the third person
        assert statement.agreement is ds.agreements["joint-statement"]
