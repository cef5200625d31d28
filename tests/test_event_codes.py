"""event_codes: every event kind and agreement action has its CAMEO code and PLOVER event type, as data."""

from __future__ import annotations

import re

import pytest

import summitdata
from summitdata.descriptor import build_descriptor
from summitdata.models.agreements import STANDING_ACTIONS
from summitdata.models.event_codes import CAMEO_CODEBOOK, MAPPED, PLOVER_CROSSWALK, EventCode
from tests.conftest import ROOT

#: The CAMEO codes used, with the codebook's names and the PLOVER event the OEDA crosswalk (CAMEO2PLOVER-2021)
#: gives each: an independent copy, so a typo in the data fails here.
CAMEO = {
    "010": ("Make statement, not specified below", None),
    "030": ("Express intent to cooperate", "AGREE"),
    "040": ("Consult", "CONSULT"),
    "057": ("Sign formal agreement", "SUPPORT"),
    "062": ("Cooperate militarily", "COOPERATE"),
}


def test_every_value_of_every_mapped_code_list_has_exactly_one_row() -> None:
    """Complete against the models' enums: a new event kind or action fails here until it is mapped."""
    rows = summitdata.load(ROOT).event_codes
    mapped = sorted((r.resource, r.field, r.value) for r in rows)
    expected = sorted((resource, field, value) for (resource, field), values in MAPPED.items() for value in values)
    assert mapped == expected


@pytest.mark.parametrize("row", list(summitdata.load(ROOT).event_codes), ids=lambda r: r.id)
def test_each_code_is_the_codebooks_and_the_crosswalks(row: EventCode) -> None:
    """Code, name and PLOVER type agree with the cited sources; a standing relation, and only one, has no code."""
    if row.cameo_code is None:
        assert (row.cameo_name, row.plover_event) == (None, None)
        assert (row.resource, row.value) in {("agreement_actions", action) for action in STANDING_ACTIONS}
        return
    assert row.value not in STANDING_ACTIONS
    assert (row.cameo_name, row.plover_event) == CAMEO[row.cameo_code]
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*-" + re.escape(row.value), row.id)


def test_the_descriptor_cites_the_codebook_and_the_crosswalk() -> None:
    """The resource names its sources: the CAMEO codebook and the PLOVER crosswalk."""
    resource = next(r for r in build_descriptor()["resources"] if r["name"] == "event_codes")
    assert resource["sources"] == [CAMEO_CODEBOOK, PLOVER_CROSSWALK]


def test_an_unknown_value_is_rejected_by_the_model() -> None:
    """A code for a kind the events table does not have is an error, with the allowed values as hint."""
    with pytest.raises(ValueError, match=r"is not a value of events\.kind"):
        EventCode.model_validate(
            {"id": "x", "resource": "events", "field": "kind", "value": "parade", "cameo_code": "040", "note": "n"}
        )
