"""A quote's context: the seed text just before and after it, to the sentence boundaries, capped.

This is the prefix and suffix of a W3C TextQuoteSelector. A reader (or a reviewer) sees the quote inside
its sentence, so "they" or "the company" at its start can be read against what precedes it. When the
quote itself starts a sentence, the prefix is the sentence before it, since that is where a pronoun's
referent would be.

Sentences end at `.`, `!` or `?` (with any closing quotes or brackets) followed by white space and a
capital, digit or opening quote, except after a known abbreviation; at a blank line; and at a line break
after sentence punctuation or after a short line (a heading, a dateline), but not at the line breaks of
hard-wrapped prose."""

from __future__ import annotations

import re

CAP = 240
"""Most characters of context on either side; a longer stretch is cut at a word and marked with '…'."""
WRAPPED = 50
"""A line at least this long that does not end a sentence is taken to be wrapped prose continuing below."""
END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
ABBREVIATIONS = ("U.S.", "U.K.", "e.g.", "i.e.", "vs.", "Mr.", "Ms.", "Mrs.", "Dr.", "St.", "No.", "Inc.", "Co.",
                 "Corp.", "Ltd.", "etc.", "Jr.", "Sr.")
BY_LAST_LETTER = {letter: tuple(a for a in ABBREVIATIONS if a[-2] == letter)
                  for letter in dict.fromkeys(a[-2] for a in ABBREVIATIONS)}
"""The abbreviations by the letter before their full stop: a sentence end is checked against two or three."""
WHITE = re.compile(r"\s+")


def context(text: str, start: int, end: int, *, cap: int = CAP) -> tuple[str, str]:
    """(prefix, suffix) of the passage text[start:end], each within one paragraph and at most `cap`
    characters, with runs of white space shown as one space."""
    begin = _sentence_start(text, start)
    if not text[begin:start].strip():
        begin = _sentence_start(text, _skip_back(text, begin))  # the quote opens its sentence: show the one before
    stop = _sentence_end(text, end)
    return _clip_left(text[begin:start], cap), _clip_right(text[end:stop], cap)


def _paragraph_start(text: str, at: int) -> int:
    """Where the paragraph holding offset `at` begins: after a line break that ends a sentence."""
    pos = at
    while True:
        newline = text.rfind("\n", 0, pos)
        if newline < 0:
            return 0
        if _break_ends(text, newline):
            return newline + 1
        pos = newline


def _paragraph_end(text: str, at: int) -> int:
    pos = at
    while True:
        newline = text.find("\n", pos)
        if newline < 0:
            return len(text)
        if _break_ends(text, newline):
            return newline
        pos = newline + 1


def _break_ends(text: str, newline: int) -> bool:
    """Whether the line break at `newline` ends a sentence: it does after a blank line or before one,
    after sentence punctuation, and after a short line followed by one that does not start in lower case
    (a heading, a dateline); it does not inside hard-wrapped prose."""
    before = text[text.rfind("\n", 0, newline) + 1: newline].rstrip()
    following_end = text.find("\n", newline + 1)
    after = text[newline + 1: following_end if following_end >= 0 else len(text)].strip()
    if not before or not after or before[-1] in ".!?:\"”’)":
        return True
    return len(before) < WRAPPED and not after[0].islower()


def _sentence_start(text: str, at: int) -> int:
    floor = _paragraph_start(text, at)
    found = floor
    # A little past `at`, so that the look-ahead for the next sentence's first letter can see it.
    for match in END.finditer(text, floor, min(len(text), at + 8)):
        if match.end() <= at and not _abbreviation(text, match.start()):
            found = match.end()
    while found < at and text[found].isspace():
        found += 1
    return found


def _sentence_end(text: str, at: int) -> int:
    ceiling = _paragraph_end(text, at)
    # From just before `at`, so that a passage ending on its sentence's final punctuation has no suffix.
    for match in END.finditer(text, max(0, at - 3), ceiling):
        if match.end() >= at and not _abbreviation(text, match.start()):
            return match.end()
    return ceiling


def _skip_back(text: str, at: int) -> int:
    """The offset just before the white space preceding `at` (staying in the same paragraph)."""
    floor = _paragraph_start(text, at)
    pos = at
    while pos > floor and text[pos - 1].isspace():
        pos -= 1
    return max(pos - 1, floor) if pos > floor else at


def _abbreviation(text: str, dot: int) -> bool:
    if text[dot] != "." or dot == 0 or not text[dot - 1].isalpha():
        return False  # every abbreviation ends in a letter and a full stop: most sentence ends are settled here
    return any(text.endswith(abbr, 0, dot + 1) and (dot + 1 - len(abbr) == 0 or not text[dot - len(abbr)].isalpha())
               for abbr in BY_LAST_LETTER.get(text[dot - 1], ()))


def _clip_left(piece: str, cap: int) -> str:
    piece = WHITE.sub(" ", piece)
    if len(piece) <= cap:
        return piece.lstrip()
    cut = piece[-cap:]
    space = cut.find(" ")
    return "…" + (cut[space + 1:] if 0 <= space < cap // 2 else cut)


def _clip_right(piece: str, cap: int) -> str:
    piece = WHITE.sub(" ", piece)
    if len(piece) <= cap:
        return piece.rstrip()
    cut = piece[:cap]
    space = cut.rfind(" ")
    return (cut[:space] if space > cap // 2 else cut) + "…"
