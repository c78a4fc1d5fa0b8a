"""YAML syntax errors in plain words, at the line of the mistake.

The parser says what it could not do ("mapping values are not allowed here", "did not find expected key"),
and sometimes where it noticed rather than where the author slipped (an unclosed quote is noticed at the end
of the file). Each rule below recognises one common slip from the parser's problem (in the words of either
the C or the pure-Python parser), its marks and the text, and says what to do at the line to fix. Anything
not recognised keeps the parser's own words."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

KEY = re.compile(r"^(\s*)(?:-\s+)?([^\s#:][^:#]*?):(?:\s|$)")
"""A line holding a key: its indentation, and the key."""
BLOCK = re.compile(r"^\s*(?:-\s+)?[^\s#:][^:#]*?:\s+([|>][-+0-9]*)\s*(?:#.*)?$")
"""A key whose value is a literal (|) or folded (>) block."""


@dataclass(frozen=True)
class Hint:
    line: int
    column: int
    """1-based, within the YAML text."""
    message: str


def explain(exc: yaml.MarkedYAMLError, text: str) -> Hint:
    problem = (exc.problem or exc.context or "malformed YAML").strip()
    mark = exc.problem_mark or exc.context_mark
    lines = text.splitlines()
    line = mark.line if mark else 0
    column = mark.column if mark else 0
    here = lines[line] if 0 <= line < len(lines) else ""
    for rule in (_tab, _unclosed, _colon_in_value, _after_quote, _cannot_start, _alias, _block_indicator, _indentation):
        found = rule(exc, problem, lines, line, column, here)
        if found is not None:
            return found
    context = f" ({exc.context})" if exc.context and exc.problem else ""
    return Hint(line + 1, column + 1, f"{problem}{context}")


def _tab(exc, problem, lines, line, column, here) -> Hint | None:
    if "tab" not in problem and "'\\t'" not in problem:
        return None
    at = here.find("\t")
    return Hint(line + 1, (at if at >= 0 else column) + 1,
                "a tab character indents this line: YAML indents with spaces only (indentation?)")


def _unclosed(exc, problem, lines, line, column, here) -> Hint | None:
    """Noticed at the end of the file or on a later line: reported where the quote or bracket opens."""
    context, start = exc.context or "", exc.context_mark
    if start is None:
        return None
    opened = lines[start.line][start.column] if start.line < len(lines) and start.column < len(lines[start.line]) else ""
    if "quoted scalar" in context and "end of stream" in problem:
        return Hint(start.line + 1, start.column + 1, f"this value opens a quotation with {opened} that is never "
                    "closed: end it with the same mark on this line (or write long text as a `|` block)")
    if "flow sequence" in context or "flow mapping" in context:
        close = "]" if "sequence" in context else "}"
        return Hint(start.line + 1, start.column + 1, f"a value starting with '{opened}' is read as a "
                    f"{'list' if close == ']' else 'mapping'} that must end with '{close}': put the value in quotes "
                    f"if the {opened} is part of the text, or close the {'list' if close == ']' else 'mapping'}")
    return None


def _colon_in_value(exc, problem, lines, line, column, here) -> Hint | None:
    """`title: Section 4: Redistribution` - the second ': ' cannot start a mapping inside a value."""
    if "mapping values are not allowed" not in problem:
        return None
    key = KEY.match(here)
    if key is None or column <= key.end(2):
        return None  # the colon is the line's own key: an indentation problem, not a value
    value = here[key.end():].strip()
    return Hint(line + 1, key.end() + 1 + (len(here[key.end():]) - len(here[key.end():].lstrip())),
                f"put this value in quotes: it contains ': ' (write {key.group(2)}: {_quoted(value)})")


def _after_quote(exc, problem, lines, line, column, here) -> Hint | None:
    """`quote: "He said" more` - text after the closing quote of a quoted value."""
    if "expected key" not in problem and "block end" not in problem:
        return None
    before = here[:column].rstrip()
    if not before or before[-1] not in "\"']}" or line != (exc.problem_mark.line if exc.problem_mark else -1):
        return None
    if before[-1] in "]}":
        opening = "[" if before[-1] == "]" else "{"
        return Hint(line + 1, column + 1, f"text follows the closing '{before[-1]}' of a value that starts with "
                    f"'{opening}' (read as a {'list' if opening == '[' else 'mapping'}): put the whole value in quotes")
    return Hint(line + 1, column + 1, "text follows the closing quote of this value: put the whole value in quotes "
                "(a value holding \" can be quoted with ', and a ' inside '…' is written '')")


def _cannot_start(exc, problem, lines, line, column, here) -> Hint | None:
    if "cannot start any token" not in problem:
        return None
    char = here[column] if column < len(here) else "?"
    return Hint(line + 1, column + 1, f"a value cannot start with '{char}' in YAML: put the value in quotes")


def _alias(exc, problem, lines, line, column, here) -> Hint | None:
    if "undefined alias" not in problem:
        return None
    return Hint(line + 1, column + 1, "a value starting with '*' is read as a reference to an anchor: "
                "put the value in quotes")


def _block_indicator(exc, problem, lines, line, column, here) -> Hint | None:
    if "block scalar" not in (exc.context or ""):
        return None
    return Hint(line + 1, column + 1, "a `|` or `>` block indicator must end its line: start the text on the next "
                "line, indented under the key")


def _indentation(exc, problem, lines, line, column, here) -> Hint | None:
    """A line whose indentation does not fit the structure above it."""
    indicators = ("expected key", "block end", "'-' indicator", "mapping values are not allowed")
    if not any(word in problem for word in indicators):
        return None
    indent = len(here) - len(here.lstrip(" "))
    block = _open_block(lines, line)
    if block is not None:
        return Hint(line + 1, indent + 1, f"indentation? this line is indented less than the text of the "
                    f"`{block[1]}` block that starts on line {block[0] + 1}: indent every line of the block alike")
    above = _previous_key(lines, line)
    if here.lstrip().startswith("- ") and above is not None and above[1] == indent:
        return Hint(line + 1, indent + 1, "indentation? a list item stands where a key was expected: a list "
                    "belongs under a key ending in ':', indented below it")
    if above is None:
        return Hint(line + 1, indent + 1, "indentation? this line does not fit the structure above it")
    number, column_above = above
    relation = "deeper than" if indent > column_above else "less than" if indent < column_above else "like"
    return Hint(line + 1, indent + 1, f"indentation? this line is indented {indent} spaces, {relation} the key on "
                f"line {number + 1} ({column_above} spaces): the keys of one mapping start in the same column")


def _previous_key(lines: list[str], line: int) -> tuple[int, int] | None:
    """The nearest line above holding a key: (its index, the column its key starts at)."""
    for number in range(line - 1, -1, -1):
        match = KEY.match(lines[number])
        if match:
            return number, match.start(2)
    return None


def _open_block(lines: list[str], line: int) -> tuple[int, str] | None:
    """The `|` or `>` block whose text runs down to just above `line`, if any: (its key's line, indicator)."""
    for number in range(line - 1, -1, -1):
        text = lines[number]
        block = BLOCK.match(text)
        if block:
            return number, block.group(1)
        if KEY.match(text) or not text.strip():
            return None
    return None


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'" if '"' in value or "\\" in value else f'"{value}"'
