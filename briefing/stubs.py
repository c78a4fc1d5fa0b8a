"""YAML the tool writes for the author to paste or fill in: claim stubs and new source files.

Values are written by the YAML library, so one holding ': ', a '#', a leading quote or anything else YAML
reserves comes out quoted; the author never has to."""

from __future__ import annotations

import re

import yaml

from .anchor import FoldedSeed, fold
from .model import SOURCE_KINDS, Source, Span

WHITE = re.compile(r"\s+")
CLAIM_NOTE = "your own words: what the passage says"


def scalar(value: str) -> str:
    """`value` as a YAML scalar on one line, quoted only when it must be."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10**9, default_flow_style=True)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def passage(folded: FoldedSeed, span: Span) -> str:
    """The seed's own text of a match, white space runs as one space: what the build matches (folded,
    it equals the folded passage), whatever variant of quotes or dashes the author typed."""
    return WHITE.sub(" ", folded.seed.text[span.start: span.end]).strip()


def claim_id(text: str, taken: set[str]) -> str:
    """A claim id from the passage's first words, unique among `taken`."""
    words = [w for w in re.findall(r"[a-z0-9]+", fold(text).lower()) if len(w) > 2][:3]
    base = "-".join(words) or "claim"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def claim_stub(source: Source, folded: FoldedSeed, spans: list[Span], chosen: int = 1) -> str:
    """A claim to paste under the source's `claims:`, for occurrence `chosen` of the passage; it carries
    `occurrence:` when the passage occurs more than once, so the build anchors the one meant."""
    quote = passage(folded, spans[chosen - 1])
    lines = [f"  - id: {claim_id(quote, {c.id for c in source.claims})}",
             f"    claim:  # {CLAIM_NOTE}",
             f"    quote: {scalar(quote)}"]
    if len(spans) > 1:
        lines.append(f"    occurrence: {chosen}  # of {len(spans)}: line {spans[chosen - 1].line}")
    return "\n".join(lines) + "\n"


def source_file(*, key: str, seed: str, sha256: str, title: str | None, schema_line: str) -> str:
    """A new content/sources/<key>.yaml: what the tool knows filled in, what it cannot know left to fill
    (the build reports the empty summary until it is written)."""
    shown_title = scalar(title) if title else f"{key}  # to fill: the document's title"
    title_note = "  # taken from the text: check it" if title else ""
    return (f"{schema_line}"
            f"key: {key}\n"
            f"seed: {scalar(seed)}\n"
            f"sha256: {sha256}\n"
            f"title: {shown_title}{title_note}\n"
            "outlet: null       # the publication or publisher, when the text names one\n"
            "author: null       # the author or byline, when there is one\n"
            "published: null    # as precise as the text gives it: 2004, \"2004-01\" or 2004-01-15\n"
            f"kind: other        # one of: {', '.join(SOURCE_KINDS)}\n"
            "summary: \"\"        # to fill: own-words Markdown; every sentence cites claims of this source\n"
            f"claims: []         # to fill: `briefing quote {key} \"words from the text\"` prints a claim to paste\n")
