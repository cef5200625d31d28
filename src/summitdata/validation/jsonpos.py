"""Where things are in a JSON text: the line of every value, by JSON pointer, and of each strictness problem.

Python's json module reports no position for what its hooks reject (duplicate keys, NaN,
huge numbers) nor for a value a schema rejects. This small scanner walks the text once,
tracking lines and the JSON pointer of each value, so every JSON problem names its line.
It runs only when there is a problem to place.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

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
    def __init__(self, text: str, max_depth: int, max_int_digits: int) -> None:
        self.text, self.max_depth, self.max_int_digits = text, max_depth, max_int_digits
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
        else:
            self.lines[self.here()] = self.line
        return j + 1

    def literal(self, i: int) -> int:
        match = _LITERAL.match(self.text, i)
        if match is None:
            return i + 1
        token = match.group()
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
                pointer = self.here()
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


def scan(text: str, max_depth: int, max_int_digits: int) -> Scan:
    """Pointer → line of every value, and (code, line, message) for each strictness problem, in order."""
    return _Scanner(text, max_depth, max_int_digits).run()


def line_of_pointer(lines: dict[str, int], pointer: str) -> int | None:
    """The line of the value at ``pointer``, or of its nearest ancestor that has one."""
    while True:
        if pointer in lines:
            return lines[pointer]
        if not pointer:
            return None
        pointer = pointer.rsplit("/", 1)[0]
