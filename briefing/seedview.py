"""A seed's full text as HTML: every cited passage highlighted and anchored, furniture dimmed, lines anchored.

The text is cut into flat segments at every boundary (passage starts and ends, line starts), so
overlapping passages never need overlapping elements: each segment lists the claims covering it."""

from __future__ import annotations

import bisect
import re

from markupsafe import Markup, escape

from .model import Furniture, Span

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def seed_html(text: str, spans: dict[str, Span], furniture: tuple[Furniture, ...]) -> Markup:
    """`spans` maps claim id → span in `text`."""
    line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    dim = {n for f in furniture for n in range(f.first, f.last + 1)}
    starts: dict[int, list[str]] = {}
    for claim_id, span in spans.items():
        starts.setdefault(span.start, []).append(claim_id)
    cuts = sorted({0, len(text), *line_starts, *(s.start for s in spans.values()), *(s.end for s in spans.values())})
    line_index = {offset: n for n, offset in enumerate(line_starts, start=1)}
    whole = _single_segment_claims(spans, cuts)
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        if a in line_index:
            n = line_index[a]
            out.append(f'<span class="ln" id="L{n}" data-n="{n}"></span>')
        covering = sorted(c for c, s in spans.items() if s.start <= a < s.end) if spans else []
        for claim_id in sorted(starts.get(a, [])):
            if claim_id not in whole:
                out.append(f'<span class="anchor" id="claim-{claim_id}"></span>')
        out.append(_segment(text[a:b], covering, whole, dim=bisect.bisect_right(line_starts, a) in dim))
    return Markup("".join(out))


def _single_segment_claims(spans: dict[str, Span], cuts: list[int]) -> set[str]:
    """Claims whose passage is exactly one segment covered by no other claim: their <mark> is the anchor."""
    single = set()
    for claim_id, span in spans.items():
        i = bisect.bisect_left(cuts, span.start)
        alone = not any(o != claim_id and o_span.start < span.end and span.start < o_span.end
                        for o, o_span in spans.items())
        if alone and i + 1 < len(cuts) and cuts[i + 1] == span.end:
            single.add(claim_id)
    return single


def _segment(text: str, covering: list[str], whole: set[str], *, dim: bool) -> str:
    body = escape(text)
    if covering:
        ident = f' id="claim-{covering[0]}"' if len(covering) == 1 and covering[0] in whole else ""
        return f'<mark class="passage"{ident} data-c="{" ".join(covering)}">{body}</mark>'
    return f'<span class="furniture">{body}</span>' if dim else str(body)
