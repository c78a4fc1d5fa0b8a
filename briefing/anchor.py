"""Finds each quote in its seed and maps the match back to exact offsets, lines and columns.

Matching folds only what the promise allows: NFKC compatibility forms, curly vs straight quotes,
dash variants and runs of white space. The folded seed keeps, for every folded character, the
original character range it came from, so a match always covers whole original characters."""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from array import array
from dataclasses import dataclass

from .diagnostics import Diagnostics
from .model import Claim, Seed, Source, Span

FOLD_TABLE = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"}
FOLD_TABLE |= {ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"}
FOLD_TABLE |= {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
# A run of white space, or one character that is non-ASCII or carries combining marks, with those marks.
COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
SPECIAL = re.compile(rf"\s+|(?:[^\x00-\x7f]|[\x00-\x7f](?=[{COMBINING}]))[{COMBINING}]*")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
MIN_WORDS = 4
# Scripts written without spaces count one word per character (CJK ideographs, kana, hangul).
WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|[^\s\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def fold_piece(piece: str) -> str:
    if piece.isspace():
        return " "
    folded = unicodedata.normalize("NFKC", piece).translate(FOLD_TABLE)
    return " " if folded.isspace() else folded


def fold(text: str) -> str:
    """The folded form of a short text (a quote): same rules as the seed index, trimmed."""
    return SPECIAL.sub(lambda m: fold_piece(m.group()), text).strip()


@dataclass(frozen=True)
class FoldedSeed:
    """A seed's folded text with, per folded character, the original [start, end) it came from."""

    seed: Seed
    text: str
    starts: array
    ends: array
    line_starts: list[int]

    @classmethod
    def of(cls, seed: Seed) -> FoldedSeed:
        text, pieces, starts, ends = seed.text, [], array("q"), array("q")
        pos = 0
        for match in SPECIAL.finditer(text):
            if match.start() > pos:  # plain ASCII maps one to one
                pieces.append(text[pos: match.start()])
                starts.extend(range(pos, match.start()))
                ends.extend(range(pos + 1, match.start() + 1))
            out = fold_piece(match.group())
            pieces.append(out)
            starts.extend([match.start()] * len(out))
            ends.extend([match.end()] * len(out))
            pos = match.end()
        pieces.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
        line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        return cls(seed, "".join(pieces), starts, ends, line_starts)

    def span(self, folded_start: int, folded_end: int) -> Span:
        start, end = self.starts[folded_start], self.ends[folded_end - 1]
        line = self.line_of(start)
        return Span(start, end, line, start - self.line_starts[line - 1] + 1, self.line_of(max(start, end - 1)))

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def find(self, quote: str, occurrence: int = 1) -> tuple[Span | None, int]:
        """The span of the n-th occurrence of the folded quote, and how many occurrences exist (up to n)."""
        needle, at, seen = fold(quote), -1, 0
        while seen < occurrence:
            at = self.text.find(needle, at + 1)
            if at < 0:
                return None, seen
            seen += 1
        return self.span(at, at + len(needle)), seen

    def closest(self, quote: str) -> tuple[int, str] | None:
        """The line and text of the seed passage most like the quote: a hint, never a match."""
        needle = fold(quote)
        words = needle.split()
        best: tuple[float, int, str] = (0.0, 0, "")
        for number, line in enumerate(LINE_BREAK.split(self.seed.text), start=1):
            tokens = fold(line).split()
            width = max(1, min(len(words), len(tokens)))
            for i in range(0, max(1, len(tokens) - width + 1), max(1, width // 3)):
                window = " ".join(tokens[i: i + width])
                matcher = difflib.SequenceMatcher(None, needle, window, autojunk=False)
                if matcher.real_quick_ratio() > best[0] and matcher.quick_ratio() > best[0]:
                    ratio = matcher.ratio()
                    if ratio > best[0]:
                        best = (ratio, number, window)
        return (best[1], best[2]) if best[0] >= 0.5 else None


def anchor(sources: tuple[Source, ...], seeds: dict[str, Seed], diag: Diagnostics) -> dict[str, Span]:
    """Every claim's quote located in its seed, keyed by 'key:id'; each failure reported at the quote."""
    spans: dict[str, Span] = {}
    for source in sources:
        folded = FoldedSeed.of(seeds[source.seed])
        for claim in source.claims:
            span = _anchor_claim(claim, folded, source, diag)
            if span is not None:
                spans[claim.ref] = span
    return spans


def _anchor_claim(claim: Claim, folded: FoldedSeed, source: Source, diag: Diagnostics) -> Span | None:
    words = word_count(fold(claim.quote))
    if words < MIN_WORDS:
        diag.error(claim.quote_loc, f"quote of claim '{claim.id}' has {words} word(s); at least {MIN_WORDS} "
                   "are needed to serve as evidence", kind="quote")
        return None
    span, seen = folded.find(claim.quote, claim.occurrence)
    if span is not None:
        return span
    seed_path = f"seeds/{source.seed}"
    if seen:
        diag.error(claim.quote_loc, f"quote of claim '{claim.id}' occurs {seen} time(s) in {seed_path}, "
                   f"but occurrence is {claim.occurrence}", kind="quote")
        return None
    hint = folded.closest(claim.quote)
    near = f"; closest passage ({seed_path}, line {hint[0]}): \"{_clip(hint[1])}\"" if hint else ""
    diag.error(claim.quote_loc, f"quote of claim '{claim.id}' not found in {seed_path}{near}", kind="quote")
    return None


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
