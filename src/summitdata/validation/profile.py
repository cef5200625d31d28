"""datapackage.json read strictly and checked: no reference a library would fetch, Frictionless's profile,
and a version that is X.Y.Z and the software's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from summitdata._version import __version__
from summitdata.paths import DESCRIPTOR
from summitdata.validation.documents import read_json
from summitdata.validation.files import MAX_FILE_BYTES
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


def _profile_problems(descriptor: Any) -> Iterator[Problem]:
    """Frictionless's own Data Package profile (skipped when the validate extra is not installed)."""
    try:
        from frictionless import Package
    except ImportError:
        return
    try:
        errors = [str(error.message) for error in Package.metadata_validate(descriptor)]
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
        problems.extend(_profile_problems(descriptor))
    version = descriptor.get("version") if isinstance(descriptor, dict) else None
    if not isinstance(version, str) or not _is_semver(version):
        problems.append(
            Problem(
                DESCRIPTOR,
                None,
                "version",
                "version-mismatch",
                f"{version!r} is not a semantic version X.Y.Z",
                "set the version in src/summitdata/_version.py and run `summitdata generate`",
            )
        )
    elif version != __version__:
        problems.append(
            Problem(
                DESCRIPTOR,
                None,
                "version",
                "version-mismatch",
                f"datapackage.json has version {version!r}, the software {__version__!r}",
                "set the version in src/summitdata/_version.py and run `summitdata generate`",
            )
        )
    return descriptor
