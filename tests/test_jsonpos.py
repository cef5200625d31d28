"""validation/jsonpos.py: lines_of gives the full scan's line of any pointer, reading only what leads there."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitdata.validation import jsonpos
from summitdata.validation.jsonpos import lines_of, scan
from tests.conftest import JSON_VALUES

#: Ways a strict JSON text is laid out: compact, indented, or with a line break after every separator.
LAYOUTS = {
    "compact": lambda value: json.dumps(value, separators=(",", ":")),
    "indented": lambda value: json.dumps(value, indent=2, ensure_ascii=False),
    "broken": lambda value: json.dumps(value).replace(", ", ",\n").replace(": ", ":\n \r\t"),
}


def _every_line(text: str) -> dict[str, int]:
    return scan(text, 10_000, 10_000, record_lines=True).lines


@settings(max_examples=300, deadline=None, derandomize=True)
@given(value=JSON_VALUES, layout=st.sampled_from(sorted(LAYOUTS)), data=st.data())
def test_lines_of_gives_the_full_scan_s_line_of_every_pointer_asked_for(value: Any, layout: str, data: Any) -> None:
    text = LAYOUTS[layout](value)
    every = _every_line(text)
    asked = data.draw(st.lists(st.sampled_from(sorted(every)), max_size=5)) if every else []
    asked += data.draw(st.lists(st.sampled_from(["/nowhere", "/0/nowhere", "/x/1"]), max_size=1))
    found = lines_of(text, asked)
    assert {pointer: found[pointer] for pointer in asked if pointer in every} == {
        pointer: every[pointer] for pointer in asked if pointer in every
    }
    assert found.items() <= every.items()


def test_a_long_list_is_left_once_its_last_wanted_item_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The million items after the one wanted are skipped, not read a token at a time, and their lines counted."""
    text = "{\n" + '"a": [\n' + "1,\n" * 1_000_000 + '1\n],\n"b": {"c": [2]}\n}'
    tokens = []
    real = jsonpos._TOKEN

    class Counting:
        def match(self, string: str, pos: int) -> Any:
            tokens.append(pos)
            return real.match(string, pos)

    monkeypatch.setattr(jsonpos, "_TOKEN", Counting())
    found = jsonpos.lines_of(text, ["/a/2", "/b/c/0"])
    assert found == {"": 1, "/a": 2, "/a/2": 5, "/b": 1_000_005, "/b/c": 1_000_005, "/b/c/0": 1_000_005}
    assert len(tokens) < 50
