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


def seed_html(text: str, spans: dict[str, Span], furniture: tuple[Furniture, ...]) -> Markup:
    """`spans` maps claim id → span in `text`."""
    line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    dim = {n for f in furniture for n in range(f.first, f.last + 1)}
    starts: dict[int, list[str]] = {}
    ends: dict[int, list[str]] = {}
    for claim_id, span in spans.items():
        starts.setdefault(span.start, []).append(claim_id)
        ends.setdefault(span.end, []).append(claim_id)
    cuts = sorted({0, len(text), *line_starts, *starts, *ends})
    line_index = {offset: n for n, offset in enumerate(line_starts, start=1)}
    open_claims: set[str] = set()
    line = 0
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
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
    return Markup("".join(out))


def _segment(text: str, covering: list[str], whole: str | None, *, dim: bool) -> str:
    body = escape(text)
    if covering:
        ident = f' id="claim-{covering[0]}"' if whole is not None else ""
        return f'<mark class="passage"{ident} data-c="{" ".join(covering)}">{body}</mark>'
    return f'<span class="furniture">{body}</span>' if dim else str(body)
