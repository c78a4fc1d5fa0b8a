"""A quote that is not in its seed: the seed's passage most like it, and where the two first differ.

A hint for the author, never a match. Passages are compared folded (as quotes are matched), over the whole
text rather than line by line, so a passage that runs across a line break is shown whole."""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

from .anchor import FoldedSeed, fold, unwrap

TOKEN = re.compile(r"\S+")
WHITE = re.compile(r"\s+")
SHOWN = 160
"""Most characters of a passage shown in a one-line message."""


@dataclass(frozen=True)
class Near:
    line: int
    """The seed line where the passage starts."""
    passage: str
    """The passage as the seed has it, runs of white space shown as one space."""
    folded: str
    """The passage folded, as it was compared."""
    needle: str
    """The quote folded."""
    at: int
    """Where the folded passage and the folded quote first differ (the same offset in both)."""

    def seed_side(self) -> str:
        return _words_from(self.folded, self.at)

    def quote_side(self) -> str:
        return _words_from(self.needle, self.at)

    def difference(self) -> str:
        """The first difference in words, for a one-line message."""
        seed, quote = self.seed_side(), self.quote_side()
        if not seed:
            return f"the quote goes on with \"{quote}\" where the passage ends"
        if not quote:
            return f"the quote stops before \"{seed}\""
        return f"they first differ at \"{seed}\" (the quote has \"{quote}\")"

    def shown(self) -> str:
        return self.passage if len(self.passage) <= SHOWN else self.passage[: SHOWN - 1] + "…"


def closest(folded: FoldedSeed, quote: str) -> Near | None:
    """The passage most like the quote (a similarity ratio of at least 0.5, ignoring case, so that a quote
    typed in lower case finds a passage in capitals), or None. The first difference counts case."""
    needle = unwrap(fold(quote))
    text = folded.text
    tokens = [m.span() for m in TOKEN.finditer(text)]
    if not needle or not tokens:
        return None
    words = max(1, len(needle.split(" ")))
    starts = [s for s, _ in tokens]
    best = (0.0, 0, 0)
    for i in range(0, len(tokens), max(1, words // 3)):
        best = max(best, _best_at(text, tokens, starts, needle.lower(), i, best[0]))
    ratio, first, last = best
    for i in range(max(0, first - words // 3), min(len(tokens), first + words // 3 + 1)):  # refine the start
        for j in range(max(i, last - 2), min(len(tokens), last + 3)):
            best = max(best, _score(text, tokens, needle.lower(), i, j, best[0]))
    ratio, first, last = best
    if ratio < 0.5:
        return None
    start, end = tokens[first][0], tokens[last][1]
    window = text[start:end]
    matcher = difflib.SequenceMatcher(None, needle, window, autojunk=False)
    at = next((i1 for tag, i1, _, _, _ in matcher.get_opcodes() if tag != "equal"), min(len(needle), len(window)))
    span = folded.span(start, end)
    passage = WHITE.sub(" ", folded.seed.text[span.start: span.end]).strip()
    return Near(span.line, passage, window, needle, at)


def _best_at(text: str, tokens: list[tuple[int, int]], starts: list[int], needle: str, i: int,
             floor: float) -> tuple[float, int, int]:
    """The window starting at token i whose length is closest to the needle's (one token either way)."""
    j = max(i, bisect.bisect_left(starts, tokens[i][0] + len(needle)) - 1)
    return max(_score(text, tokens, needle, i, k, floor) for k in range(max(i, j - 1), min(len(tokens), j + 2)))


def _score(text: str, tokens: list[tuple[int, int]], needle: str, i: int, j: int, floor: float) -> tuple[float, int, int]:
    window = text[tokens[i][0]: tokens[j][1]].lower()
    matcher = difflib.SequenceMatcher(None, needle, window, autojunk=False)
    if matcher.real_quick_ratio() <= floor or matcher.quick_ratio() <= floor:
        return (0.0, i, j)
    return (matcher.ratio(), i, j)


def _words_from(text: str, at: int, count: int = 4, limit: int = 40) -> str:
    """A few words of `text` from the start of the word holding offset `at` (at most `limit` characters:
    a script written without spaces is one long word)."""
    start = max(text.rfind(" ", 0, at) + 1, at - 12) if at < len(text) else len(text)
    words = " ".join(text[start:].split(" ")[:count])
    return words if len(words) <= limit else words[: limit - 1] + "…"
