"""Where things are in a JSON text: the line of a value, by JSON pointer, and of each strictness problem.

Python's json module reports no position for what its hooks reject (duplicate keys, NaN,
huge numbers) nor for a value a schema rejects. :func:`scan` walks a text once for its
strictness problems; :func:`lines_of` finds the lines of the values a report names. Both run
only when there is a problem to place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from summitdata._regex import POSSESSIVE

_LITERAL = re.compile(r"-?Infinity|NaN|-?[0-9][0-9.eE+\-]*|-|true|false|null")


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


@dataclass
class _Frame:
    is_object: bool
    pointer: str
    keys: set[str] = field(default_factory=set)
    key: str = ""
    index: int = 0
    expecting_key: bool = True


@dataclass
class Scan:
    lines: dict[str, int]
    issues: list[tuple[str, int, str]]


class _Scanner:
    def __init__(self, text: str, max_depth: int, max_int_digits: int, record_lines: bool) -> None:
        self.text, self.max_depth, self.max_int_digits = text, max_depth, max_int_digits
        self.record_lines = record_lines
        self.lines: dict[str, int] = {}
        self.issues: list[tuple[str, int, str]] = []
        self.stack: list[_Frame] = []
        self.line = 1

    def here(self) -> str:
        if not self.stack:
            return ""
        frame = self.stack[-1]
        return f"{frame.pointer}/{_escape(frame.key)}" if frame.is_object else f"{frame.pointer}/{frame.index}"

    def punctuation(self, char: str) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is None:
            return
        if char == ":":
            frame.expecting_key = False
        elif frame.is_object:
            frame.expecting_key = True
        else:
            frame.index += 1

    def string(self, i: int) -> int:
        text, j = self.text, i + 1
        while j < len(text) and text[j] != '"':
            j += 2 if text[j] == "\\" else 1
        try:
            value = str(json.loads(text[i : j + 1]))
        except ValueError:
            value = text[i + 1 : j]
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.is_object and frame.expecting_key:
            if value in frame.keys:
                self.issues.append(("json-duplicate-key", self.line, f"the key {value!r} appears twice in one object"))
            frame.keys.add(value)
            frame.key = value
        elif self.record_lines:
            self.lines[self.here()] = self.line
        return j + 1

    def literal(self, i: int) -> int:
        match = _LITERAL.match(self.text, i)
        if match is None:
            return i + 1
        token = match.group()
        if self.record_lines:
            self.lines[self.here()] = self.line
        digits = token.lstrip("-")
        if token in ("NaN", "Infinity", "-Infinity"):
            self.issues.append(("json-number-error", self.line, f"{token} is not a JSON number"))
        elif digits.isdigit() and len(digits) > self.max_int_digits:
            message = f"the number {token[:20]}… has more than {self.max_int_digits} digits"
            self.issues.append(("json-number-error", self.line, message))
        return match.end()

    def run(self) -> Scan:
        text, i = self.text, 0
        while i < len(text):
            char = text[i]
            if char == "\n":
                self.line += 1
                i += 1
            elif char in ",:":
                self.punctuation(char)
                i += 1
            elif char == '"':
                i = self.string(i)
            elif char in "[{":
                pointer = self.here() if self.record_lines else ""
                if self.record_lines:
                    self.lines[pointer] = self.line
                self.stack.append(_Frame(char == "{", pointer))
                if len(self.stack) > self.max_depth:
                    self.issues.append(("json-too-deep", self.line, f"nesting is deeper than {self.max_depth} levels"))
                    break
                i += 1
            elif char in "]}":
                if self.stack:
                    self.stack.pop()
                i += 1
            elif char in " \t\r":
                i += 1
            else:
                i = self.literal(i)
        return Scan(self.lines, self.issues)


def scan(text: str, max_depth: int, max_int_digits: int, *, record_lines: bool = False) -> Scan:
    """(code, line, message) for each strictness problem, in order; with ``record_lines``, also the line of
    every value by pointer (the definition :func:`lines_of` is tested against: it keeps a line per value)."""
    return _Scanner(text, max_depth, max_int_digits, record_lines).run()


_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*' + POSSESSIVE + '"'
#: A strict JSON text's tokens: a line break, other white space, a string, punctuation, or a literal.
_TOKEN = re.compile(r"\n|[ \t\r]+|" + _STRING + r'|[\[\]{},:]|[^ \t\r\n\[\]{},:"]+')
#: What changes the nesting depth: brackets, and strings (which may hold brackets).
_NESTING = re.compile(_STRING + r"|[\[\]{}]")


@dataclass
class _Container:
    is_object: bool
    pointer: str
    wanted: set[str]  # the segments of the members still to find
    key: str = ""
    index: int = 0
    expecting_key: bool = True


def _end_of_container(text: str, pos: int) -> int:
    """The offset after the bracket that closes the container ``pos`` is inside of (at depth one)."""
    depth = 1
    for match in _NESTING.finditer(text, pos):
        token = match.group()
        if token in "[{":
            depth += 1
        elif token in "]}":
            depth -= 1
            if depth == 0:
                return match.end()
    return len(text)


def _wanted(pointers: Iterable[str]) -> dict[str, set[str]]:
    """Each pointer and each of its ancestors → the segments of its members on the way to a wanted pointer."""
    wanted: dict[str, set[str]] = {"": set()}
    for pointer in pointers:
        wanted.setdefault(pointer, set())
        here = pointer
        while here:
            parent, _, segment = here.rpartition("/")
            members = wanted.setdefault(parent, set())
            if segment in members:
                break  # the rest of the way is known
            members.add(segment)
            here = parent
    return wanted


class _LineFinder:
    """:func:`lines_of`'s pass: a stack of the containers on the way to wanted values."""

    def __init__(self, text: str, pointers: Iterable[str]) -> None:
        self.text, self.wanted = text, _wanted(pointers)
        self.lines: dict[str, int] = {}
        self.stack: list[_Container] = []
        self.line = 1

    def skip(self, start: int, pos: int) -> int:
        """On past the end of the container ``pos`` is inside of, counting the lines from ``start``."""
        after = _end_of_container(self.text, pos)
        self.line += self.text.count("\n", start, after)
        return after

    def punctuation(self, token: str, start: int, pos: int) -> int:
        frame = self.stack[-1]
        if token in "]}":
            self.stack.pop()
        elif token == ":":
            frame.expecting_key = False
        else:  # a comma
            frame.expecting_key = frame.is_object
            frame.index += not frame.is_object
            if not frame.wanted:  # nothing more to find here: on past its closing bracket
                self.stack.pop()
                return self.skip(start, pos)
        return pos

    def value(self, token: str, start: int, pos: int) -> int:
        frame = self.stack[-1] if self.stack else None
        pointer = ""
        if frame is not None:
            if frame.is_object and frame.expecting_key:
                frame.key = _escape(token[1:-1] if "\\" not in token else str(json.loads(token)))
                return pos
            segment = frame.key if frame.is_object else str(frame.index)
            if segment not in frame.wanted:
                return self.skip(start, pos) if token in "[{" else pos
            frame.wanted.discard(segment)
            pointer = f"{frame.pointer}/{segment}"
        self.lines[pointer] = self.line
        if token in "[{":
            members = self.wanted.get(pointer)
            if not members:
                return self.skip(start, pos)
            self.stack.append(_Container(token == "{", pointer, set(members)))
        return pos

    def run(self) -> dict[str, int]:
        text, pos, end = self.text, 0, len(self.text)
        while pos < end:
            match = _TOKEN.match(text, pos)
            if match is None:  # not strict JSON after all: what was found stands
                break
            token, start, pos = match.group(), pos, match.end()
            if token == "\n":
                self.line += 1
            elif token[0] in " \t\r":
                continue
            elif token in ",:]}" and self.stack:
                pos = self.punctuation(token, start, pos)
            else:
                pos = self.value(token, start, pos)
        return self.lines


def lines_of(text: str, pointers: Iterable[str]) -> dict[str, int]:
    """The line of the value at each of ``pointers``, and at each of their ancestors, in a strict JSON text.

    One pass that reads only the containers on the way to a wanted value, a token at a time, and leaves each
    as soon as its last wanted member is read; everything else is skipped at the regex engine's speed. So
    placing 50 problems in a list of millions of items reads the first 50 items, not the millions (the scan
    this replaced kept a line for every value: 421 MiB for a list of five million numbers, against nothing here).
    """
    return _LineFinder(text, pointers).run()


def line_of_pointer(lines: dict[str, int], pointer: str) -> int | None:
    """The line of the value at ``pointer``, or of its nearest ancestor that has one."""
    while True:
        if pointer in lines:
            return lines[pointer]
        if not pointer:
            return None
        pointer = pointer.rsplit("/", 1)[0]
