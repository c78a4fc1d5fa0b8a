"""Where a number stands in its file, so that a number error's column points at the number itself.

A unit of prose (a sentence, a row) or a YAML value is known by where it starts; the number is searched for,
as written, in the file's text from there: for Markdown, on the unit's lines; for a YAML value, on its line
and the lines after it that are indented past its key (a block scalar or a wrapped value). Citations and link
targets are blanked first, so the digits of a claim id or a URL are never taken for the number."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .diagnostics import Location
from .numbers import Number, numbers

HIDDEN = re.compile(r"\[@[^\]\n]*\]|\]\([^)\n]*\)")
SEPARATOR = r"[\s\-\u2010-\u2015\u2212]+"


@dataclass(frozen=True)
class Region:
    start: Location
    end_line: int | None = None
    """For Markdown: the last line of the unit."""
    indent: int | None = None
    """For a YAML value: its key's column; lines indented at least this far continue the value."""


class Files:
    """Project files by path, split into lines when first needed (only a file with an error ever is)."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts, self._lines = texts, {}

    def lines(self, path: str) -> list[str]:
        if path not in self._lines:
            self._lines[path] = self.texts.get(path, "").splitlines()
        return self._lines[path]


def number_location(number: Number, text: str, regions: list[Region], files: Files) -> Location | None:
    """The place of `number`, read from `text`, within the regions the text came from; None when the file
    does not show it as written (the caller falls back to the unit's start)."""
    nth = sum(1 for n in numbers(text) if n.start < number.start and n.text.lower() == number.text.lower())
    for pattern in (_pattern(number.text), _pattern(re.split(SEPARATOR, number.text)[0])):
        seen = 0
        for region in regions:
            joined, starts = _region_text(region, files.lines(region.start.path))
            for match in pattern.finditer(joined):
                if seen == nth:
                    k = bisect.bisect_right([s for s, _, _ in starts], match.start()) - 1
                    offset, line, column = starts[k]
                    return Location(region.start.path, line, column + match.start() - offset)
                seen += 1
    return None


@lru_cache(maxsize=1 << 12)
def _pattern(text: str) -> re.Pattern[str]:
    body = SEPARATOR.join(re.escape(piece) for piece in re.split(SEPARATOR, text))
    return re.compile(rf"(?<![\w.,]){body}(?!\w)", re.IGNORECASE)


def _region_text(region: Region, lines: list[str]) -> tuple[str, list[tuple[int, int, int]]]:
    """The region's text, lines joined by newlines and citations blanked, with (offset, line, column) of each
    line's first character."""
    first = region.start.line
    if not 0 < first <= len(lines):
        return "", [(0, first, 1)]
    pieces = [lines[first - 1][region.start.column - 1:]]
    starts = [(0, first, region.start.column)]
    line = first + 1
    while line <= len(lines) and _continues(region, lines[line - 1], line):
        starts.append((starts[-1][0] + len(pieces[-1]) + 1, line, 1))
        pieces.append(lines[line - 1])
        line += 1
    return HIDDEN.sub(lambda m: " " * len(m.group()), "\n".join(pieces)), starts


def _continues(region: Region, text: str, line: int) -> bool:
    if region.end_line is not None:
        return line <= region.end_line
    if region.indent is not None:
        return not text.strip() or len(text) - len(text.lstrip(" ")) >= region.indent
    return False
