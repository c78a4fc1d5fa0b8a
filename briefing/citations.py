"""The markdown-it plugin for Pandoc-style citations: `[@key:claim]`, `[@a:x; @b:y]`.

The inline rule only recognises the syntax and records what it saw in the token's meta; whether a
citation resolves is the resolver's job, and the numbers it assigns are rendered by the render rule."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markupsafe import escape

REF = re.compile(r"@([a-z0-9]+(?:-[a-z0-9]+)*):([a-z0-9]+(?:-[a-z0-9]+)*)")
KEY_ONLY = re.compile(r"@[a-z0-9-]+")


def parse_refs(inner: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The (key, id) pairs of a citation's inside, and a message for each part that is malformed."""
    refs, problems = [], []
    for part in (p.strip() for p in inner.split(";")):
        match = REF.fullmatch(part)
        if match:
            refs.append((match[1], match[2]))
        elif part in ("", "@"):
            problems.append("empty citation: write [@key:claim-id]")
        elif KEY_ONLY.fullmatch(part):
            problems.append(f"citation '{part}' names no claim: write [{part}:claim-id]")
        else:
            problems.append(f"malformed citation '{part}': write @key:claim-id (lower-case letters, digits, dashes)")
    return refs, problems


def citation_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("[@", pos):
        return False
    end = src.find("]", pos)
    if end < 0 or "[" in src[pos + 1: end]:
        return False
    if not silent:
        state.pending = state.pending.rstrip(" ")  # "text [@a:b]." renders as "text¹." like Pandoc
        refs, problems = parse_refs(src[pos + 1: end])
        token = state.push("citation", "", 0)
        token.content = src[pos: end + 1]
        token.meta = {"refs": refs, "problems": problems, "offset": pos, "marks": []}
    state.pos = end + 1
    return True


def compress(numbers: Sequence[int]) -> str:
    """Note numbers as numbered citation styles print them: sorted, and runs of three or more
    consecutive numbers as a range (1, 2, 3, 5 -> "1–3, 5"; 4, 5 -> "4, 5")."""
    ordered = sorted(set(numbers))
    runs: list[list[int]] = []
    for number in ordered:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = []
    for run in runs:
        parts += [f"{run[0]}\u2013{run[-1]}"] if len(run) >= 3 else [str(n) for n in run]
    return ", ".join(parts)


def render_citation(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    """One mark per citation, however many notes it cites: "1–6" links to the first note, its label names
    every note ("Notes 1–6: 1, 2, 3, 4, 5, 6"), and the notes' numbers are in `data-notes` for the preview. Each use keeps its own id, so
    every note's back-link lands here: the first on the link, the others on empty anchors beside it."""
    marks = tokens[idx].meta["marks"]
    if not marks:
        return ""
    numbers = sorted({number for number, _ in marks})
    first = min(marks, key=lambda mark: mark[0])  # the first use of the lowest number: min keeps order on ties
    text, listed = compress(numbers), ", ".join(map(str, numbers))
    # The label names every note, and contains the mark's text as it reads (WCAG 2.5.3, label in name).
    label = f"Note {text}" if len(numbers) == 1 else f"Notes {text}" + (f": {listed}" if listed != text else "")
    anchors = "".join(f'<span id="{escape(use_id)}" class="noteref-anchor"></span>' for _, use_id in
                      (m for m in marks if m is not first))
    return (f'<sup class="cite"><a href="#fn-{first[0]}" id="{escape(first[1])}" class="noteref" role="doc-noteref" '
            f'aria-label="{label}" data-notes="{" ".join(map(str, numbers))}">{text}</a>{anchors}</sup>')


def citations_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "citation", citation_rule)
    md.add_render_rule("citation", render_citation)
