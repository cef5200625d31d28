"""The data itself: the pinned article, every quote verbatim, and the article's key facts."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest

import summitdata
from summitdata import metadata
from summitdata.models.agreements import STANDING_ACTIONS
from tests.conftest import ROOT, SHARED

ARTICLE = ROOT / metadata.ARTICLE_PATH
ARTICLE_TEXT = ARTICLE.read_text(encoding="utf-8")
NOTES_TEXT = (ROOT / metadata.NOTES_PATH).read_text(encoding="utf-8")

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
    ("kim-briefing", "2024-07-11", "2024-07-11", "Washington"),
    ("ncg-establishment", "2023-04-26", "2023-04-26", None),
    ("ncg-meeting-1", "2023-07-18", "2023-07-18", "Seoul"),
    ("leaders-signing-as-reported", "2024-07-11", "2024-07-11", None),  # on or before: see below
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
    ds: summitdata.Dataset, event_id: str, start: str | None, end: str | None, location: str | None
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


def test_the_joint_planning_quotation_is_refined_not_a_misquotation(ds: summitdata.Dataset) -> None:
    """The article's quotation has the statement's words; only the subject differs, so it is refined, not disputed."""
    quoted = ds.statements["joint-planning-and-execution"]
    (check,) = quoted.fact_checks
    assert check.status == "refined"
    assert not quoted.disputed
    assert not ds.agreements["joint-statement"].disputed
    official = check.counterpart
    assert isinstance(official, summitdata.Statement)
    assert (official.basis, official.quote, official.source_id) == ("external", None, "electionsinfo-joint-statement")
    # The statement's own sentence as far as the notes give it, not the workstream list's shorter phrase.
    assert official.text == (
        "contributes to the efforts by the U.S-ROK Alliance to enable joint planning and execution for ROK "
        "conventional support to U.S. nuclear operations"
    )
    assert official.text in " ".join(NOTES_TEXT.split())  # the notes wrap their lines
    assert official.event is ds.events["joint-statement-release"]


def test_kims_missions_remark_is_contradicted_with_both_readings(ds: summitdata.Dataset) -> None:
    """Every other report has US nuclear assets assigned to missions: a difference of meaning, stated plainly."""
    remark = ds.statements["kim-first-time-on-paper"]
    contradicting = [c for c in remark.fact_checks if c.status == "contradicted"]
    assert {c.source_id for c in contradicting} >= {"upi-2311720764513", "voi-398146", "kbs-news-8010497"}
    for check in contradicting:
        assert check.reported == "assign specific missions to the Republic of Korea that aid US nuclear assets"
        assert check.reported in check.finding  # the article's reading, stated in the finding
        assert "nuclear" in check.finding.split(";", 1)[1]  # and the record's reading after it
        assert check.note is not None
        assert "No Korean transcript" in check.note
    assert remark.disputed
    upi = ds.fact_checks["kim-first-time-on-paper-translation"].counterpart
    assert isinstance(upi, summitdata.Statement)
    assert "U.S. nuclear assets will be assigned to tasks" in upi.text


#: Kim's remarks other than the one on the missions, and who says another translation differs only in wording.
KIM_TRANSLATION_CHECKS = {
    "kim-integrated-deterrence-network": "research notes",
    "kim-extended-deterrence-system": "research notes",
    "kim-nuclear-based-alliance": "UPI",
    "kim-conventional-nuclear-integration": "research notes",
}


def test_kims_other_remarks_differ_in_wording_only_and_are_not_called_refined(ds: summitdata.Dataset) -> None:
    """A translation that differs only in wording agrees with the record: corroborated, naming who says so.

    Where no other rendering of the remark was seen, the finding gives the research notes' judgement as theirs.
    """
    for statement_id, who in KIM_TRANSLATION_CHECKS.items():
        (check,) = ds.statements[statement_id].fact_checks
        assert check.status == "corroborated"
        assert "only in wording" in check.finding
        assert check.note is not None
        assert who in f"{check.finding} {check.note}"
        if who == "research notes":
            assert "The research notes (item 4) judge" in check.finding
            assert "no other outlet's rendering of this remark was seen" in check.finding
        else:  # one outlet's rendering seen: the finding speaks for it, not for every outlet (item 4 has one differ)
            assert f"{who}'s translation of this remark differs from it only in wording" in check.finding


def test_the_ncg_creation_and_its_first_meeting_are_separate_events(ds: summitdata.Dataset) -> None:
    """The 2023-04-26 event is the NCG's creation in the Washington Declaration; the first meeting is its own event."""
    creation = ds.events["ncg-establishment"]
    assert "Washington Declaration" in creation.name
    assert creation.basis == "inferred"  # the article never dates or places the forming
    assert creation.date_source_id == "president-go-kr-sf7k2w7q"  # gives the day; the fact sheet only "April 2023"
    first = ds.events["ncg-meeting-1"]
    assert (first.kind, first.start_date, first.basis) == ("meeting", "2023-07-18", "external")
    assert first.note is not None
    assert "president-go-kr-ads8mkam" in first.note  # the page that gives the day, without the year


def test_narangs_acting_post_ends_in_august_2024_with_a_cited_source(ds: summitdata.Dataset) -> None:
    """The end date is at month precision, and a fact check cites the Defense Department release for it."""
    post = ds.memberships["narang-acting-assistant-secretary"]
    assert (post.start_date, post.end_date) == ("2024-05-20", "2024-08")
    (end,) = [c for c in post.fact_checks if c.field == "end_date"]
    assert end.source is ds.sources["miragenews-1293505"]
    # Hill acting "as of Aug. 10" bounds the end more tightly than the month can: both say so.
    assert post.note is not None
    assert "on or before 10 August" in post.note
    assert "on 10 August at the latest" in end.finding


def test_the_leaders_signing_date_claims_no_more_than_its_words(ds: summitdata.Dataset) -> None:
    """'ahead of their summit on Thursday' may mean that day or before: on-or-before 2024-07-11, no earliest day."""
    event = ds.events["leaders-signing-as-reported"]
    actions = [ds.agreement_actions[f"{p}-signed-guidelines-as-reported"] for p in ("biden", "yoon")]
    assert (event.start_date, event.date_qualifier, event.start_date_earliest, event.end_date_latest) == (
        "2024-07-11",
        "on-or-before",
        None,
        dt.date(2024, 7, 11),
    )
    assert [(a.date, a.date_qualifier, a.date_earliest, a.date_latest) for a in actions] == [
        ("2024-07-11", "on-or-before", None, dt.date(2024, 7, 11))
    ] * 2
    for words in (event.date_text, *(a.date_text for a in actions)):
        assert words == "ahead of their summit on Thursday"


def test_kims_briefing_place_is_external_with_its_source(ds: summitdata.Dataset) -> None:
    """The article gives no place: Washington comes from UPI, marked external, and the record stays stated."""
    briefing = ds.events["kim-briefing"]
    assert (briefing.location, briefing.location_basis, briefing.location_source_id) == (
        "Washington",
        "external",
        "upi-2311720764513",
    )
    assert briefing.basis == "stated"
    assert "Washington" not in (briefing.quote or "")
    assert briefing.date_source_id == "nato-int-226799"  # the day rests on "the same day", not on UPI


def test_cho_chang_lae_and_the_dod_title_are_variants_with_their_source(ds: summitdata.Dataset) -> None:
    cho = ds.people["cho-chang-rae"]
    assert cho.other_names is not None
    assert "Cho Chang Lae" in cho.other_names.split("; ")
    assert cho.note is not None
    assert "defense-gov-3801107" in cho.note
    (title,) = ds.memberships["cho-deputy-defense-minister"].fact_checks
    assert (title.source_id, title.field) == ("defense-gov-3801107", "role")
    assert "ROK Deputy Minister for National Defense Policy" in title.finding


def test_the_joint_statements_quotations_link_to_its_release(ds: summitdata.Dataset) -> None:
    quoted = [s for s in ds.statements if s.agreement_id == "joint-statement"]
    assert len(quoted) == 8
    assert {s.event_id for s in quoted} == {"joint-statement-release"}


# Records that make the same reading of the article have the same basis.
SAME_READING = {
    "“Korea’s” read as South Korea's": (("organizations", "national-security-office"), ("people", "kim-tae-hyo")),
    "a pronoun or “the group” resolved to what the sentence before names": (
        ("memberships", "cho-ncg-co-head"),
        ("memberships", "narang-ncg-co-head"),
        ("agreement_actions", "ncg-guided-by-guidelines"),
        ("participants", "guidelines-authorization-yoon"),
    ),
    "values from the research notes": (
        ("organizations", "united-states"),
        ("agreements", "nuclear-deterrence-guidelines"),
        ("agreements", "joint-statement"),
    ),
}


@pytest.mark.parametrize("reading", sorted(SAME_READING))
def test_records_making_a_reading_the_article_does_not_state_are_inferred(ds: summitdata.Dataset, reading: str) -> None:
    for resource, record_id in SAME_READING[reading]:
        record = ds.tables[resource][record_id]
        assert record.__dict__["basis"] == "inferred", (resource, record_id)
        assert record.__dict__["note"]


def test_every_source_has_a_title_or_says_why_not(ds: summitdata.Dataset) -> None:
    for source in ds.sources:
        if source.title is None:
            assert source.note is not None
            assert "left empty" in source.note, source.id


def test_every_web_page_is_dated_or_says_why_not(ds: summitdata.Dataset) -> None:
    """A page is dated from its stored copy or the research notes; where neither dates it, the note says so."""
    undated = [s for s in ds.sources if s.kind == "web-page" and s.published is None]
    assert undated
    for source in undated:
        assert source.note is not None
        assert re.search(r"shows no date|not a first publication date", source.note), source.id
    assert ds.sources["kbs-world-186630"].published == "2024-07-12"  # the notes date the stories they cite


def test_every_page_the_research_notes_cite_is_a_source(ds: summitdata.Dataset) -> None:
    cited = {url.rstrip(".,;:)") for url in re.findall(r"https?://\S+", NOTES_TEXT)}
    assert len(cited) == 20
    assert cited == {s.url for s in ds.sources if s.kind == "web-page"}


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


def test_the_ncg_co_heads_are_borne_out_by_the_defence_departments_statement(ds: summitdata.Dataset) -> None:
    """Each co-head membership, inferred from "The group", is corroborated by the Defense Department's NCG statement."""
    for membership_id in ("cho-ncg-co-head", "narang-ncg-co-head"):
        membership = ds.memberships[membership_id]
        assert (membership.organization_id, membership.role, membership.basis) == ("ncg", "co-head", "inferred")
        (check,) = membership.fact_checks
        assert (check.status, check.field, check.source_id) == ("corroborated", None, "defense-gov-3801107")
        assert check.reported == membership.quote  # the words whose reading the check bears out
        assert "the NCG's co-heads" in check.finding


def test_standing_relations_have_no_date_and_no_event_code(ds: summitdata.Dataset) -> None:
    """carries-out and guided-by hold over time: their rows have no date or event, their code rows no code."""
    standing = [action for action in ds.agreement_actions if action.action in STANDING_ACTIONS]
    assert {action.action for action in standing} == set(STANDING_ACTIONS)
    assert [action.id for action in standing if action.date is not None or action.event_id is not None] == []
    codes = {code.value: code for code in ds.event_codes if code.resource == "agreement_actions"}
    assert [value for value in STANDING_ACTIONS if codes[value].cameo_code is not None] == []


def test_the_two_yoon_biden_summits_are_bilateral_meetings(ds: summitdata.Dataset) -> None:
    """The 2023 White House summit and the 2024 one are one kind; `summit` is left to the NATO summit."""
    assert ds.events["biden-yoon-summit-2023"].kind == ds.events["yoon-biden-summit-2024"].kind == "bilateral-meeting"
    assert [event.id for event in ds.events if event.kind == "summit"] == ["nato-summit-2024"]


def test_the_first_time_on_paper_check_does_not_say_the_guidelines_were_published(ds: summitdata.Dataset) -> None:
    """The finding quotes UPI that the guidelines' text was not released; the note agrees with it."""
    (check,) = [c for c in ds.statements["kim-first-time-on-paper"].fact_checks if c.id.endswith("-subject")]
    assert "was not released publicly" in check.finding
    assert check.note is not None
    assert "whose text was not released" in check.note


#: A name variant written out from an abridged form in the research notes, and the abridgement its note quotes.
ABRIDGED_VARIANTS = {
    "ROK-U.S. Guidelines for Nuclear Deterrence and Nuclear Operations on the Korean Peninsula": "“ROK-U.S. …”",
}


def test_every_name_variant_comes_from_the_article_or_from_sources_its_note_names(ds: summitdata.Dataset) -> None:
    """`basis` leaves name variants to the note: each is in the article, or in the research notes, as its note says."""
    article, notes = (" ".join(text.split()) for text in (ARTICLE_TEXT, NOTES_TEXT))  # the notes wrap their lines
    from_notes = 0
    for table in ds.tables.values():
        for record in table:
            values = record.__dict__
            for column in ("other_names", "other_titles", "short_name"):
                for variant in values[column].split("; ") if values.get(column) else []:
                    if variant in article:
                        continue
                    from_notes += 1
                    assert values["note"] is not None, (values["id"], variant)
                    assert "research notes" in values["note"], (values["id"], variant)
                    abridged = ABRIDGED_VARIANTS.get(variant)
                    assert variant in notes or (abridged is not None and abridged in values["note"]), values["id"]
    assert from_notes > 0


def test_the_two_presidents_adopted_the_washington_declaration_at_their_white_house_summit(
    ds: summitdata.Dataset,
) -> None:
    """Who adopted it is not in the article: each president's adoption is external, from the presidential office."""
    declaration = ds.agreements["washington-declaration"]
    adoptions = [a for a in ds.agreement_actions if a.agreement_id == declaration.id and a.action == "adopted"]
    adopters = {a.person_id: a for a in adoptions if a.person_id}
    assert set(adopters) == {"yoon-suk-yeol", "joe-biden"}
    for action in adopters.values():
        assert (action.date, action.place) == ("2023-04-26", "the White House")
        assert action.event_id == "biden-yoon-summit-2023"
        assert (action.basis, action.quote, action.source_id) == ("external", None, "president-go-kr-sf7k2w7q")
        assert action.date_source_id is None  # an external record's date is its own source's
    assert ds.agreement_actions["washington-declaration-adopted"].person_id is None  # the article's passive voice
