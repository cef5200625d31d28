"""What the package must hold: the article's facts, by ID.

The gate checks every ID here exists, so a contribution that silently drops a person,
a workstream, a quote or a recorded contradiction fails even when what remains is valid.
Removing an ID from this list is a deliberate, reviewed act (and a MAJOR version).
"""

from __future__ import annotations

REQUIRED: dict[str, tuple[str, ...]] = {
    "people": ("yoon-suk-yeol", "joe-biden", "cho-chang-rae", "vipin-narang", "kim-tae-hyo", "lee-seung-jun"),
    "organizations": (
        "south-korea",
        "united-states",
        "north-korea",
        "nato",
        "rok-us-alliance",
        "ncg",
        "presidential-office",
        "national-security-office",
        "rok-military",
        "us-military",
        "hankyoreh",
    ),
    "memberships": (
        "yoon-president-of-south-korea",
        "biden-president-of-united-states",
        "cho-deputy-defense-minister",
        "cho-ncg-co-head",
        "narang-acting-assistant-secretary",
        "narang-ncg-co-head",
        "kim-first-deputy-director",
        "lee-staff-reporter",
    ),
    "events": (
        "biden-yoon-summit-2023",
        "ncg-establishment",
        "ncg-meeting-1",
        "ncg-meeting-3",
        "nato-summit-2024",
        "yoon-biden-summit-2024",
        "joint-statement-release",
        "guidelines-authorization",
        "leaders-signing-as-reported",
        "guidelines-signing-as-reported",
        "guidelines-signing",
        "kim-briefing",
    ),
    "agreements": ("washington-declaration", "nuclear-deterrence-guidelines", "joint-statement"),
    "agreement_actions": (
        "washington-declaration-adopted",
        "yoon-authorized-guidelines",
        "biden-authorized-guidelines",
        "cho-signed-guidelines-as-reported",
        "narang-signed-guidelines-as-reported",
        "cho-signed-guidelines",
        "narang-signed-guidelines",
        "biden-signed-guidelines-as-reported",
        "yoon-signed-guidelines-as-reported",
    ),
    "workstreams": (
        "security-protocols-information-sharing",
        "nuclear-consultation-processes",
        "nuclear-strategic-planning",
        "conventional-nuclear-integration",
        "strategic-communications",
        "exercises-simulations-training-investment",
        "risk-reduction-practices",
    ),
    "statements": (
        "presidential-office-integrated-deterrence-system",
        "joint-statement-response-to-nuclear-attack",
        "joint-statement-biden-extended-deterrence",
        "joint-statement-yoon-combined-defense",
        "joint-planning-and-execution",
        "joint-statement-ncg-progress",
        "joint-statement-ncg-workstreams",
        "kim-integrated-deterrence-network",
        "kim-extended-deterrence-system",
        "kim-nuclear-based-alliance",
        "kim-first-time-on-paper",
        "kim-conventional-nuclear-integration",
        "joint-statement-official-conventional-support",
        "kim-us-nuclear-assets-assigned-upi",
    ),
    "fact_checks": (
        "co-heads-signing-place",
        "co-heads-signing-date",
        "leaders-signing",
        "biden-signature",
        "yoon-signature",
        "joint-planning-wording",
        "co-heads-signing-june-meeting-dod",
        "kim-first-time-on-paper-translation",
        "kim-briefing-place",
        "narang-acting-end",
    ),
}

#: The NCG workstreams are exactly positions 1..7, in the joint statement's order.
WORKSTREAM_POSITIONS: tuple[int, ...] = tuple(range(1, 8))
