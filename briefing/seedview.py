"""A seed's full text as HTML: every cited passage highlighted and anchored, furniture dimmed, lines anchored.

The text is cut into flat segments at every boundary (passage starts and ends, line starts), so
overlapping passages never need overlapping elements: each segment lists the claims covering it.
One sweep over the cuts keeps the set of passages open at each segment, so the work grows with the
number of segments plus passages, not with their product."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from .model import Furniture, Span

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def seed_html(text: str, spans: dict[str, Span], furniture: tuple[Furniture, ...], *,
              pages: tuple[int, ...] = ()) -> Markup:
    """`spans` maps claim id → span in `text`; `pages` are a PDF's page start offsets, each marked
    (`#page-n`) before the line it starts (page starts are line starts: see extract/pdf.py)."""
    line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    page_marks: dict[int, list[int]] = {}
    for number, offset in enumerate(pages, start=1):
        page_marks.setdefault(offset, []).append(number)
    dim = {n for f in furniture for n in range(f.first, f.last + 1)}
    starts: dict[int, list[str]] = {}
    ends: dict[int, list[str]] = {}
    for claim_id, span in spans.items():
        starts.setdefault(span.start, []).append(claim_id)
        ends.setdefault(span.end, []).append(claim_id)
    cuts = sorted({0, len(text), *line_starts, *starts, *ends, *page_marks})
    line_index = {offset: n for n, offset in enumerate(line_starts, start=1)}
    open_claims: set[str] = set()
    line = 0
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        out.extend(map(_page_start, page_marks.get(a, ())))
        if a in line_index:
            line = n = line_index[a]
            out.append(f'<span class="ln" id="L{n}" data-n="{n}"></span>')
        # A passage covers the segments from its start up to its end: open it at its start, close it at its end.
        open_claims.update(c for c in starts.get(a, ()) if spans[c].start < spans[c].end)
        open_claims.difference_update(ends.get(a, ()))
        covering = sorted(open_claims)
        # A passage that is exactly this segment and overlaps no other is anchored by its <mark>.
        whole = covering[0] if len(covering) == 1 and spans[covering[0]].start == a and spans[covering[0]].end == b else None
        for claim_id in sorted(starts.get(a, [])):
            if claim_id != whole:
                out.append(f'<span class="anchor" id="claim-{claim_id}"></span>')
        out.append(_segment(text[a:b], covering, whole, dim=line in dim))
    out.extend(map(_page_start, page_marks.get(len(text), ())))  # blank last pages start where the text ends
    return Markup("".join(out))


def _page_start(number: int) -> str:
    """Where PDF page `number` starts; its label is drawn by the style sheet, so it is no part of the text."""
    return f'<span class="page-start" id="page-{number}" data-p="{number}"></span>'



def _segment(text: str, covering: list[str], whole: str | None, *, dim: bool) -> str:
    body = escape(text)
    if covering:
        ident = f' id="claim-{covering[0]}"' if whole is not None else ""
        return f'<mark class="passage"{ident} data-c="{" ".join(covering)}">{body}</mark>'
    return f'<span class="furniture">{body}</span>' if dim else str(body)
