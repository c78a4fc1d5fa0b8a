"""Finding a passage in a source's seed as the build will match it: every occurrence with its line and
context, and the claim stub to paste. Shared by `briefing quote` and the preview's quote picker."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .anchor import MIN_WORDS, FoldedSeed, fold, word_count
from .cache import Memo
from .context import context
from .diagnostics import Diagnostics, did_you_mean
from .load import load
from .model import Source, Span
from .nearmiss import Near, closest
from .sources import parse_sources
from .stubs import claim_stub, passage


@dataclass(frozen=True)
class Occurrence:
    span: Span
    prefix: str
    text: str
    suffix: str
    furniture: str | None
    """The label of the furniture range it lies in, if any."""


@dataclass(frozen=True)
class Found:
    source: Source
    seed_path: str
    occurrences: tuple[Occurrence, ...]
    stub: str
    """For the first occurrence, or the one asked for."""
    chosen: int
    near: Near | None
    """When nothing matched: the closest passage."""
    words: int


class Unquotable(Exception):
    """The source cannot be quoted from (unknown key, or its seed cannot be read)."""


def source_and_seed(root: Path, key: str) -> tuple[Source, FoldedSeed]:
    diag = Diagnostics()
    sources, seeds, _ = parse_sources(load(root, diag), diag, memo=Memo())
    by_key = {s.key: s for s in sources}
    if key not in by_key:
        problems = [str(d) for d in diag.errors if d.location.path.startswith("content/sources/")]
        why = f"; the source files have errors (`briefing check`): {problems[0]}" if problems else ""
        raise Unquotable(f"no source '{key}'{did_you_mean(key, by_key)}{why}")
    source = by_key[key]
    return source, FoldedSeed.of(seeds[source.seed])


def find(source: Source, folded: FoldedSeed, text: str, *, line: int | None = None) -> Found:
    """Every occurrence of `text` in the seed; the stub is for the occurrence on `line` (the one a reader
    selected in the preview) when given, else the first."""
    spans = [folded.span(*at) for at in folded.occurrences(text)]
    found = []
    for span in spans:
        prefix, suffix = context(folded.seed.text, span.start, span.end)
        label = next((f.label for f in source.furniture if f.first <= span.line <= f.last), None)
        found.append(Occurrence(span, prefix, passage(folded, span), suffix, label))
    chosen = next((n for n, s in enumerate(spans, 1) if line is not None and s.line <= line <= s.end_line), 1)
    stub = claim_stub(source, folded, spans, chosen) if spans else ""
    near = None if spans else closest(folded, text)
    return Found(source, f"seeds/{source.seed}", tuple(found), stub, chosen, near, word_count(fold(text)))


def too_short(found: Found) -> str | None:
    if found.words >= MIN_WORDS:
        return None
    return f"the passage has {found.words} word(s); the build needs at least {MIN_WORDS} to take it as evidence"
