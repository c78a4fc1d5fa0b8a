"""Finds each quote in its seed and maps the match back to exact offsets, lines and columns.

Matching folds only what the promise allows: NFKC compatibility forms, curly vs straight quotes,
dash variants and runs of white space. The folded seed keeps, for every folded character, the
original character range it came from, so a match always covers whole original characters."""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from dataclasses import dataclass, field, replace
from functools import partial

from .cache import Memo, Same
from .context import context
from .diagnostics import Diagnostics
from .lints import lint
from .model import Claim, Seed, Source, Span

FOLD_TABLE = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"}
FOLD_TABLE |= {ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"}
FOLD_TABLE |= {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
# A run of white space, or one character that is non-ASCII or carries combining marks, with those marks.
COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
SPECIAL = re.compile(rf"\s+|(?:[^\x00-\x7f]|[\x00-\x7f](?=[{COMBINING}]))[{COMBINING}]*")
# A run of dashes is one dash: a typed "--" stands for the "—" a quote may have, and the other way round.
DASHES = "[-\u2010-\u2015\u2212]"
DASH_RUN = re.compile(f"{DASHES}{{2,}}")
WRAPPERS = ('"', "'")
"""Quotation marks (as folded) that an author may put around a whole quote."""
# What the seed index scans for: runs of two or more dashes, runs of two or more white space characters, any white space other
# than a plain space, and the non-ASCII pieces. Together with the ASCII character that a piece of
# combining marks attaches to (added back by `_folded_pieces`), these are exactly the matches of
# SPECIAL other than single plain spaces, so the text between them is ASCII and folds to itself.
# The pattern starts with a character class only, so the regex engine skips plain text in C.
SCAN = re.compile(rf"{DASHES}{{2,}}|\s\s+|[^\S ]|[^\x00-\x7f][{COMBINING}]*")
COMBINING_CHARS = frozenset(re.findall(rf"[{COMBINING}]", "".join(map(chr, range(0x300, 0xfe30)))))
WHITE_RUN = re.compile(r"\s+")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
MIN_WORDS = 4
# A long seed searched for many quotes gets an index: per chunk of its folded text, the set of
# pairs of adjacent whole words (hashed). A quote can only occur in a chunk holding all the pairs of
# its own whole words, so only such chunks are searched, in order, which finds the same occurrences.
CHUNK = 1 << 16
OVERLAP = 1 << 12
"""Chunks overlap by this much, so an occurrence no longer than it lies whole in some chunk."""
INDEX_AFTER = 100
"""Plain searches of one seed before it is indexed (an index costs about as much as 300 of them)."""
# Scripts written without spaces count one word per character (CJK ideographs, kana, hangul).
WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|[^\s\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def fold_piece(piece: str) -> str:
    if piece.isspace():
        return " "
    if DASH_RUN.fullmatch(piece):
        return "-"
    folded = unicodedata.normalize("NFKC", piece).translate(FOLD_TABLE)
    return " " if folded.isspace() else folded


def fold(text: str) -> str:
    """The folded form of a short text (a quote): same rules as the seed index, trimmed."""
    if text.isascii():  # only runs of white space or of dashes can fold, each to one character
        return DASH_RUN.sub("-", WHITE_RUN.sub(" ", text)).strip()
    return "".join(_folded_pieces(text)[0]).strip()


def _folded_pieces(text: str) -> tuple[list[str], list[tuple[int, int, int, int]]]:
    """The folded text in pieces, and each folded piece that is not one character for one character
    as (folded start, folded length, original start, original end); all else maps one to one."""
    pieces: list[str] = []
    changed: list[tuple[int, int, int, int]] = []
    pos = size = 0
    for match in SCAN.finditer(text):
        start, end = match.span()
        if start > pos and text[start] in COMBINING_CHARS and text[start - 1] != " ":
            start -= 1  # marks on an ASCII character: one piece with it, as SPECIAL matches it
        if start > pos:
            pieces.append(text[pos:start])
            size += start - pos
        out = fold_piece(text[start:end])
        pieces.append(out)
        if len(out) != 1 or end - start != 1:
            changed.append((size, len(out), start, end))
        size += len(out)
        pos = end
    pieces.append(text[pos:])
    return pieces, changed


def _pair_set(chunk: str) -> frozenset[int]:
    words = chunk.split(" ")
    return frozenset(map(hash, zip(words, words[1:])))


@dataclass(frozen=True)
class FoldedSeed:
    """A seed's folded text with, per folded character, the original [start, end) it came from.

    The map is kept as runs: `run_at[r]` is the folded offset where run r begins; a run either maps
    one to one (`run_shift[r]` is original minus folded offset) or, for a folded special piece, maps
    every character to the piece's whole original range (`run_shift[r]` is None)."""

    seed: Seed
    text: str
    line_starts: list[int]
    run_at: list[int]
    run_shift: list[int | None]
    run_range: list[tuple[int, int]]
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, seed: Seed) -> FoldedSeed:
        text = seed.text
        pieces, changed = _folded_pieces(text)
        run_at: list[int] = []
        run_shift: list[int | None] = []
        run_range: list[tuple[int, int]] = []
        folded_pos = original_pos = 0
        for folded_start, length, start, end in changed:
            if folded_start > folded_pos:  # the one-to-one stretch before this piece
                run_at.append(folded_pos)
                run_shift.append(original_pos - folded_pos)
                run_range.append((0, 0))
            if length:
                run_at.append(folded_start)
                run_shift.append(None)
                run_range.append((start, end))
            folded_pos, original_pos = folded_start + length, end
        if original_pos < len(text):
            run_at.append(folded_pos)
            run_shift.append(original_pos - folded_pos)
            run_range.append((0, 0))
        line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        return cls(seed, "".join(pieces), line_starts, run_at, run_shift, run_range)

    def original(self, folded: int) -> tuple[int, int]:
        """The original [start, end) that the folded character at `folded` came from."""
        if folded < 0:  # indexes like the per-character arrays it replaces
            folded += len(self.text)
        if not 0 <= folded < len(self.text):
            raise IndexError("folded offset out of range")
        r = bisect.bisect_right(self.run_at, folded) - 1
        shift = self.run_shift[r]
        if shift is None:
            return self.run_range[r]
        return folded + shift, folded + shift + 1

    @property
    def starts(self) -> array:
        """Per folded character, the original start (built on demand; `original` is the cheap way)."""
        return array("q", (self.original(i)[0] for i in range(len(self.text))))

    @property
    def ends(self) -> array:
        """Per folded character, the original end (built on demand; `original` is the cheap way)."""
        return array("q", (self.original(i)[1] for i in range(len(self.text))))

    def span(self, folded_start: int, folded_end: int) -> Span:
        start, end = self.original(folded_start)[0], self.original(folded_end - 1)[1]
        line = self.line_of(start)
        return Span(start, end, line, start - self.line_starts[line - 1] + 1, self.line_of(max(start, end - 1)))

    def lines_of(self, folded_start: int, folded_end: int) -> tuple[int, int]:
        """The first and last seed line of the folded range [start, end)."""
        start, end = self.original(folded_start)[0], self.original(folded_end - 1)[1]
        return self.line_of(start), self.line_of(max(start, end - 1))

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def find(self, quote: str, occurrence: int = 1) -> tuple[Span | None, int]:
        """The span of the n-th occurrence of the folded quote, and how many occurrences exist (up to n)."""
        found = self.occurrences(quote, limit=occurrence)
        if len(found) < occurrence:
            return None, len(found)
        return self.span(*found[occurrence - 1]), occurrence

    def occurrences(self, quote: str, *, limit: int | None = None) -> list[tuple[int, int]]:
        """The folded [start, end) of every occurrence of the folded quote (overlapping ones too), in
        order; at most `limit` of them."""
        needle, at, found = self.matchable(quote), -1, []
        if not needle:
            return found
        search = self._search_for(needle)
        while limit is None or len(found) < limit:
            at = search(needle, at + 1)
            if at < 0:
                break
            found.append((at, at + len(needle)))
        return found

    def matchable(self, quote: str) -> str:
        """The folded quote as it is searched for: without quotation marks around the whole of it when
        the seed does not have them there (an author may wrap a quote in them)."""
        needle = fold(quote)
        if unwrap(needle) != needle and self._search_for(needle)(needle, 0) < 0:
            return unwrap(needle)
        return needle

    def _search_for(self, needle: str):
        """`str.find` over the folded text, or an equivalent that searches only the indexed chunks
        that can hold the needle (for long seeds searched many times)."""
        if len(self.text) < 4 * CHUNK or len(needle) > OVERLAP:
            return self.text.find
        words = needle.split(" ")
        pairs = frozenset(map(hash, zip(words[1:-2], words[2:-1])))  # the pairs of whole words
        state = self._index
        state["finds"] = state.get("finds", 0) + 1
        if not pairs or state["finds"] <= INDEX_AFTER:
            return self.text.find
        if "chunks" not in state:
            state["chunks"] = [_pair_set(self.text[a: a + CHUNK + OVERLAP]) for a in range(0, len(self.text), CHUNK)]
        chunks, text = state["chunks"], self.text

        def search(needle: str, start: int) -> int:
            for k in range(max(start, 0) // CHUNK, len(chunks)):
                if pairs <= chunks[k]:
                    at = text.find(needle, max(start, k * CHUNK), k * CHUNK + CHUNK + OVERLAP)
                    if at >= 0:
                        return at
            return -1
        return search


def unwrap(needle: str) -> str:
    """A folded quote without the quotation marks around the whole of it, if it has them."""
    if len(needle) > 2 and needle[0] in WRAPPERS and needle[-1] == needle[0] and needle[0] not in needle[1:-1]:
        return needle[1:-1].strip()
    return needle


def anchor(sources: tuple[Source, ...], seeds: dict[str, Seed], diag: Diagnostics, *, memo: Memo) -> dict[str, Span]:
    """Every claim's quote located in its seed, keyed by 'key:id'; each failure reported at the quote.
    The same sources and seeds as last time (serve, see `parse_sources`) give the same spans at once."""
    return memo.get("all-anchors", "", (Same(sources), Same(seeds)),
                    partial(_anchor_all, sources, seeds, memo=memo), diag)


def _anchor_all(sources: tuple[Source, ...], seeds: dict[str, Seed], diag: Diagnostics, *,
                memo: Memo) -> dict[str, Span]:
    spans: dict[str, Span] = {}
    for source in sources:
        seed = seeds[source.seed]
        # Keyed by the furniture too: the lints read it.
        spans.update(memo.get("anchor", source.path, (seed, source.claims, source.furniture),
                              lambda d: _anchor_source(source, folded_seed(seed, memo, d), d), diag))
    return spans


def folded_seed(seed: Seed, memo: Memo, diag: Diagnostics) -> FoldedSeed:
    """The seed's folded index, made once per seed and shared by every stage that searches it."""
    return memo.get("fold", seed.name, seed, lambda _: FoldedSeed.of(seed), diag)


def _anchor_source(source: Source, folded: FoldedSeed, diag: Diagnostics) -> dict[str, Span]:
    spans = {}
    for claim in source.claims:
        if claim.type == "absence":
            continue  # no quote to find: absence.py proves what the whole text lacks
        span = _anchor_claim(claim, folded, source, diag)
        if span is not None:
            spans[claim.ref] = span
    return spans


def _anchor_claim(claim: Claim, folded: FoldedSeed, source: Source, diag: Diagnostics) -> Span | None:
    quote = folded.matchable(claim.quote)
    words = word_count(quote)
    if words < MIN_WORDS:
        diag.error(claim.quote_loc, f"quote of claim '{claim.id}' has {words} word(s); at least {MIN_WORDS} "
                   "are needed to serve as evidence", kind="quote")
        return None
    found = folded.occurrences(claim.quote)
    if len(found) >= claim.occurrence:
        span = folded.span(*found[claim.occurrence - 1])
        text = folded.seed.text
        prefix, suffix = context(text, span.start, span.end)
        span = replace(span, text=text[span.start: span.end], prefix=prefix, suffix=suffix,
                       page=folded.seed.page_at(span.start))
        lint(claim, quote, span, [folded.lines_of(a, b) for a, b in found], source, diag)
        return span
    seed_path = f"seeds/{source.seed}"
    if found:
        diag.error(claim.quote_loc, f"quote of claim '{claim.id}' occurs {len(found)} time(s) in {seed_path}, "
                   f"but occurrence is {claim.occurrence}", kind="quote")
        return None
    from .nearmiss import closest  # only when a quote fails (it imports this module)

    hint = closest(folded, claim.quote)
    near = f"; closest passage ({seed_path}, line {hint.line}): \"{hint.shown()}\"; {hint.difference()}" if hint else ""
    diag.error(claim.quote_loc, f"quote of claim '{claim.id}' not found in {seed_path}{near}", kind="quote")
    return None
