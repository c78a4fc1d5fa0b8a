"""Absence claims: what a source's whole text does not contain, proved by searching it.

A claim of `type: absence` lists `absent:` terms instead of a quote. Each term is folded as quotes are (NFKC,
quotes, dashes, runs of white space) and searched for in the folded seed, case-insensitively, as a whole word
or phrase: not inside a longer word ("lead" is not found in "leader"; a hyphen separates words, so it is
found in "co-lead"). An occurrence that lies wholly on furniture lines does not count. A term that is found
is an error at the term in the YAML, naming the seed line; a claim none of whose terms is found is proven."""

from __future__ import annotations

import re
from functools import partial

from .anchor import FoldedSeed, fold, folded_seed
from .cache import Memo, Same
from .diagnostics import Diagnostics, series
from .model import Claim, Furniture, Seed, Source

MAX_LINES_LISTED = 5


def prove_absences(sources: tuple[Source, ...], seeds: dict[str, Seed], diag: Diagnostics, *,
                   memo: Memo) -> frozenset[str]:
    """The refs ('key:id') of the absence claims whose terms their seeds do not contain (at once for the
    same sources and seeds as last time, as `anchor`)."""
    return memo.get("all-absences", "", (Same(sources), Same(seeds)),
                    partial(_prove_all, sources, seeds, memo=memo), diag)


def _prove_all(sources: tuple[Source, ...], seeds: dict[str, Seed], diag: Diagnostics, *, memo: Memo) -> frozenset[str]:
    proven: set[str] = set()
    for source in sources:
        claims = tuple(c for c in source.claims if c.type == "absence")
        if not claims:
            continue
        seed = seeds[source.seed]
        proven.update(memo.get("absence", source.path, (seed, claims, source.furniture),
                               lambda d: _prove(source, claims, folded_seed(seed, memo, d), d), diag))
    return frozenset(proven)


def _prove(source: Source, claims: tuple[Claim, ...], folded: FoldedSeed, diag: Diagnostics) -> tuple[str, ...]:
    proven = []
    for claim in claims:
        found = False
        for term, loc in zip(claim.absent, claim.absent_locs):
            hits = occurrences(folded, term, source.furniture)
            if hits:
                found = True
                diag.error(loc, f"absence claim '{claim.id}': '{term}' occurs in seeds/{source.seed} at "
                           f"{_lines(hits, folded)}: \"{_excerpt(folded, hits[0])}\"", kind="absence")
        if not found:
            proven.append(claim.ref)
    return tuple(proven)


def occurrences(folded: FoldedSeed, term: str, furniture: tuple[Furniture, ...] = ()) -> list[tuple[int, int]]:
    """The original [start, end) of every whole-word occurrence of the term that is not wholly in furniture."""
    needle = fold(term)
    if not needle:
        return []
    # Word boundaries only where the term itself starts or ends with a word character ("$290" has none before).
    pattern = re.compile(("(?<!\\w)" if re.match(r"\w", needle) else "") + re.escape(needle) +
                         ("(?!\\w)" if re.search(r"\w$", needle) else ""), re.IGNORECASE)
    hits = []
    for match in pattern.finditer(folded.text):
        first, last = folded.lines_of(match.start(), match.end())
        if not all(any(f.first <= n <= f.last for f in furniture) for n in range(first, last + 1)):
            hits.append((folded.original(match.start())[0], folded.original(match.end() - 1)[1]))
    return hits


def _lines(hits: list[tuple[int, int]], folded: FoldedSeed) -> str:
    lines = [str(folded.line_of(start)) for start, _ in hits]
    return ("line " if len(lines) == 1 else "lines ") + series(lines, limit=MAX_LINES_LISTED)


def _excerpt(folded: FoldedSeed, hit: tuple[int, int], width: int = 60) -> str:
    """The seed line around an occurrence, white space shown as single spaces."""
    text = folded.seed.text
    line = folded.line_of(hit[0])
    begin = folded.line_starts[line - 1]
    end = folded.line_starts[line] if line < len(folded.line_starts) else len(text)
    left, right = max(begin, hit[0] - width), min(end, hit[1] + width)
    piece = " ".join(text[left:right].split())
    return ("…" if left > begin else "") + piece + ("…" if right < end and text[right:end].strip() else "")
