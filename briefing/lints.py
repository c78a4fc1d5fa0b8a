"""Lints on quotes that are found but make weak evidence: warnings, errors under --strict.

Each has its own diagnostic kind:
- `referent`: the quote opens with a pronoun, a demonstrative or a description ("the company") whose referent
  lies before the quote, so the quote alone cannot show who or what it is about;
- `ambiguous`: the quote occurs more than once in its seed and no `occurrence:` says which one is meant;
- `furniture`: the quote lies, wholly or partly, on a line the source marks as page furniture.
A quote in furniture that also occurs more than once gets only the furniture warning, whose hint names the
occurrence to choose: one problem, one message."""

from __future__ import annotations

import re

from .diagnostics import Diagnostics, series
from .model import Claim, Furniture, Source, Span

REFERRING = frozenset("it its it's they their them this these those that he his him she her such".split())
"""Words that point at something said before them when they open a quote."""
DESCRIBED = frozenset("company companies startup start-up startups firm firms group groups business lab team "
                      "organisation organization giant maker developer platform".split())
"""Nouns that, after "the", stand for an entity named before the quote ("the company", "the startup")."""
OPENING = re.compile(r"[\W_]*([\w'-]+)(?:\s+([\w'-]+))?")
MAX_LINES_LISTED = 10


def lint(claim: Claim, quote: str, span: Span, placements: list[tuple[int, int]], source: Source,
         diag: Diagnostics) -> None:
    """`quote` is the claim's quote folded as the anchor folds it; `span` is the occurrence used;
    `placements` the (first line, last line) of every occurrence, in order."""
    _referent(claim, quote, span, diag)
    if not _furniture(claim, span, placements, source, diag):
        _ambiguous(claim, placements, source, diag)


def referring_opening(quote: str) -> str | None:
    """The opening word (or "the" and its noun) of a folded quote that refers outside it, as written; else None."""
    match = OPENING.match(quote)
    if match is None:
        return None
    first, second = match[1], match[2]
    if _base(first) in REFERRING or first.lower() in REFERRING:
        return first
    if first.lower() == "the" and second and _base(second) in DESCRIBED:
        return f"{first} {second}"
    return None


def _base(word: str) -> str:
    """The word without a contraction or possessive: "they're" → "they", "company's" → "company"."""
    return word.lower().split("'", 1)[0]


def _referent(claim: Claim, quote: str, span: Span, diag: Diagnostics) -> None:
    word = referring_opening(quote)
    if word is None:
        return
    before = f" (the text before it: \"{_tail(span.prefix)}\")" if span.prefix else ""
    diag.warning(claim.quote_loc, f"quote of claim '{claim.id}' starts with '{word}', whose referent lies outside "
                 f"the quote: widen the quote to take in what '{word}' refers to{before}", kind="referent")


def _furniture(claim: Claim, span: Span, placements: list[tuple[int, int]], source: Source, diag: Diagnostics) -> bool:
    """Warn when the passage used touches a furniture line; True when it does."""
    where = _furniture_at(span.line, span.end_line, source.furniture)
    if where is None:
        return False
    line, label = where
    hint = ""
    for number, (first, last) in enumerate(placements, start=1):
        if number != claim.occurrence and _furniture_at(first, last, source.furniture) is None:
            hint = f"; it also occurs at line {first}: set `occurrence: {number}`"
            break
    diag.warning(claim.quote_loc, f"quote of claim '{claim.id}' is in page furniture (line {line}: {label}){hint}",
                 kind="furniture")
    return True


def _furniture_at(first: int, last: int, furniture: tuple[Furniture, ...]) -> tuple[int, str] | None:
    """The first furniture line in lines [first, last], with its range's label."""
    hits = [(max(first, f.first), f.label) for f in furniture if f.first <= last and first <= f.last]
    return min(hits) if hits else None


def _ambiguous(claim: Claim, placements: list[tuple[int, int]], source: Source, diag: Diagnostics) -> None:
    if len(placements) < 2 or claim.occurrence_given:
        return
    listed = series([str(first) for first, _ in placements], limit=MAX_LINES_LISTED)
    diag.warning(claim.quote_loc, f"quote of claim '{claim.id}' occurs {len(placements)} times in seeds/{source.seed} "
                 f"(at lines {listed}); without `occurrence:` the first (line {placements[0][0]}) is used: "
                 f"set `occurrence: 1` to `occurrence: {len(placements)}` to say which is meant", kind="ambiguous")


def _tail(prefix: str, limit: int = 100) -> str:
    if len(prefix) <= limit:
        return prefix.strip()
    cut = prefix[-limit:]
    return "…" + cut[cut.find(" ") + 1:].strip()
