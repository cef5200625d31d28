"""datapackage.json read strictly and checked: no reference a library would fetch, Frictionless's profile,
and a version that is X.Y.Z and the software's own."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from summitdata._version import __version__
from summitdata.paths import DESCRIPTOR
from summitdata.validation.documents import read_json
from summitdata.validation.files import MAX_FILE_BYTES
from summitdata.validation.firsterrors import values_in
from summitdata.validation.problems import Problem


def _is_semver(version: str) -> bool:
    """Strictly X.Y.Z, by the one definition of a version (summitdata.versions)."""
    from summitdata.versions import parse_version

    try:
        parse_version(version)
    except ValueError:
        return False
    return version == version.strip()


#: The one profile URL the descriptor may name: the generator's, which Frictionless carries locally.
_KNOWN_PROFILES = frozenset({"https://datapackage.org/profiles/2.0/datapackage.json"})
#: Profile names Frictionless knows without fetching anything.
_PROFILE_NAMES = frozenset({"data-package", "tabular-data-package", "data-resource", "tabular-data-resource"})
#: Keys whose string value a library would fetch or open: refused unless known to be local.
_REFERENCE_KEYS = frozenset({"$schema", "profile", "schema", "dialect", "$ref"})


def remote_references(descriptor: Any) -> list[tuple[str, str]]:
    """(where, value) of every reference in the descriptor that a library would fetch or open.

    Checked before Frictionless sees the descriptor: a remote profile, schema, dialect or
    ``$ref`` would be fetched from the network, a path would be read without the size limit.
    """
    found: list[tuple[str, str]] = []
    stack: list[tuple[str, Any]] = [("", descriptor)]
    while stack:  # iterative: the nesting depth is whatever the JSON parser let through
        where, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            here = f"{where}.{key}" if where else str(key)
            if key in _REFERENCE_KEYS and isinstance(value, str):
                if value not in _KNOWN_PROFILES and not (key == "profile" and value in _PROFILE_NAMES):
                    found.append((here, value))
            elif isinstance(value, (dict, list)):
                stack.append((here, value))
    return sorted(found)


#: Frictionless's problems with the descriptor reported: the first it finds.
MAX_PROFILE_PROBLEMS = 20
#: Frictionless's profile is run on a hand-made descriptor of up to this many times the generated one's JSON values.
#: Its cost grows with the problems it finds (0.1 ms each), and it finds them all before it gives the first: a
#: list of two million bad resources (6 MB) took 85 s and 9.8 GB.
PROFILE_MAX_VALUES_FACTOR = 4


def _profile_problems(descriptor: Any) -> Iterator[Problem]:
    """Frictionless's own Data Package profile (skipped when the validate extra is not installed)."""
    try:
        from frictionless import Package
    except ImportError:
        return
    try:
        # The first few: Frictionless finds them as it goes, and each costs it 0.1 ms (a list of 20,000 bad
        # resources took 2.5 s to report whole, and two million were killed after two minutes).
        errors = [str(error.message) for error in islice(Package.metadata_validate(descriptor), MAX_PROFILE_PROBLEMS)]
    except Exception as exc:  # Frictionless raises on some malformed descriptors instead of reporting
        errors = [f"Frictionless cannot read the descriptor: {exc}"]
    for message in errors:
        if "is not safe" in message:
            continue  # the files layer names the unsafe path precisely (unsafe-path)
        yield Problem(DESCRIPTOR, None, None, "descriptor-error", message[:300], "run `summitdata generate`")


def _is_generated_descriptor(text: str) -> bool:
    """Whether the descriptor is the generator's own, which passes Frictionless's profile.

    Then the profile check (and importing Frictionless) proves nothing: tests/test_gate_shortcuts.py
    checks the generated descriptor against the profile, and the corpus runs both ways.
    """
    from summitdata.generate import descriptor_text
    from summitdata.validation import generated

    return generated.TRUST_GENERATED and text == descriptor_text()


def _checked_by_profile(descriptor: Any) -> Iterator[Problem]:
    """:func:`_profile_problems`, for a descriptor within :data:`PROFILE_MAX_VALUES_FACTOR` of the generated one."""
    from summitdata.generate import descriptor_text

    limit = PROFILE_MAX_VALUES_FACTOR * values_in(json.loads(descriptor_text()))
    if values_in(descriptor, limit + 1) <= limit:
        yield from _profile_problems(descriptor)
        return
    yield Problem(
        DESCRIPTOR,
        None,
        None,
        "descriptor-error",
        f"datapackage.json holds more than {limit:,} JSON values, {PROFILE_MAX_VALUES_FACTOR} times the generated "
        "descriptor's: Frictionless's profile is not run on it",
        "run `summitdata generate`",
    )


def check_descriptor_profile(root: Path, problems: list[Problem], max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Read datapackage.json strictly, check it against Frictionless's own profile and the version rules."""
    parsed = read_json(root, DESCRIPTOR, problems, max_bytes)
    if parsed is None:
        return None
    descriptor, text = parsed
    if not isinstance(descriptor, dict):
        problems.append(
            Problem(
                DESCRIPTOR,
                None,
                None,
                "descriptor-error",
                "datapackage.json is not a JSON object",
                "restore it, then run `summitdata generate`",
            )
        )
        return None
    remote = remote_references(descriptor)
    for where, value in remote:
        problems.append(
            Problem(
                DESCRIPTOR,
                None,
                where,
                "unsafe-path",
                f"{where} names {value!r}, which would be fetched or opened outside the gate",
                "inline the schema or dialect in datapackage.json (run `summitdata generate`); "
                "the gate never fetches anything",
                None,
                value,
            )
        )
    # Frictionless would fetch or open what is refused above; the generator's own descriptor passes it.
    if not remote and not _is_generated_descriptor(text):
        problems.extend(_checked_by_profile(descriptor))
    version = descriptor.get("version") if isinstance(descriptor, dict) else None
    wrong = None
    if not isinstance(version, str) or not _is_semver(version):
        wrong = f"{version!r} is not a semantic version X.Y.Z"
    elif version != __version__:
        wrong = f"datapackage.json has version {version!r}, the software {__version__!r}"
    if wrong is not None:
        hint = "set the version in src/summitdata/_version.py and run `summitdata generate`"
        problems.append(Problem(DESCRIPTOR, None, "version", "version-mismatch", wrong, hint))
    return descriptor
