"""summitdata.dataset: tables by ID, file order, and relations followed in both directions."""

from __future__ import annotations

import pytest

import summitdata


def test_the_issue_example_works(ds: summitdata.Dataset) -> None:
    assert ds.people["vipin-narang"].name == "Vipin Narang"
    names = [e.name for e in ds.events]
    assert len(names) == len(ds.events)
    assert names[0] == "Biden–Yoon summit at the White House"
    assert ds.version == summitdata.__version__


def test_an_unknown_id_raises_a_key_error_naming_the_table(ds: summitdata.Dataset) -> None:
    with pytest.raises(KeyError, match="no record 'nobody' in people"):
        _ = ds.people["nobody"]
    assert ds.people.get("nobody") is None
    assert "vipin-narang" in ds.people


def test_a_person_has_memberships_and_statements(ds: summitdata.Dataset) -> None:
    narang = ds.people["vipin-narang"]
    assert {m.organization.id for m in narang.memberships} == {"united-states", "ncg"}
    assert next(s.id for s in ds.people["kim-tae-hyo"].statements) == "kim-integrated-deterrence-network"
    assert all(m.person is narang for m in narang.memberships)


def test_an_agreement_has_actions_and_their_actors(ds: summitdata.Dataset) -> None:
    actions = ds.agreements["nuclear-deterrence-guidelines"].actions
    actors = {(a.action, a.actor.id if a.actor else None) for a in actions}
    assert ("authorized", "joe-biden") in actors
    assert ("guided-by", "ncg") in actors
    assert ("adopted", None) in actors  # the article's passive "newly adopted"


def test_an_event_has_participants_parent_and_children(ds: summitdata.Dataset) -> None:
    summit = ds.events["yoon-biden-summit-2024"]
    assert summit.parent is ds.events["nato-summit-2024"]
    assert summit in ds.events["nato-summit-2024"].children
    assert {p.actor.id for p in summit.participants} == {"yoon-suk-yeol", "joe-biden"}


def test_a_statement_has_its_speaker(ds: summitdata.Dataset) -> None:
    assert ds.statements["kim-first-time-on-paper"].speaker is ds.people["kim-tae-hyo"]
    office = ds.statements["presidential-office-integrated-deterrence-system"].speaker
    assert office is ds.organizations["presidential-office"]
    document_quote = ds.statements["joint-statement-ncg-progress"]
    assert document_quote.speaker is None
    assert {s.id for s in document_quote.speakers} == {"yoon-suk-yeol", "joe-biden"}


def test_an_organization_has_its_parent_children_and_workstreams(ds: summitdata.Dataset) -> None:
    assert ds.organizations["presidential-office"].parent is ds.organizations["south-korea"]
    assert ds.organizations["us-military"] in ds.organizations["united-states"].children
    assert len(ds.organizations["ncg"].workstreams) == 7
    assert set(ds.organizations["ncg"].members) == {
        ds.people["cho-chang-rae"],
        ds.people["vipin-narang"],
    }


def test_a_fact_check_leads_to_its_target_and_counterpart(ds: summitdata.Dataset) -> None:
    check = ds.fact_checks["co-heads-signing-place"]
    assert check.target is ds.events["guidelines-signing-as-reported"]
    assert check.counterpart is ds.events["guidelines-signing"]
    assert check.source is ds.sources["kbs-world-186632"]
