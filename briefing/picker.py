"""The preview's quote picker (`serve` only): select text on a source page, get a claim stub to paste.

The page's script sends the selection and the seed line it starts on; the answer is made by the same code
as `briefing quote` (quoting.py), so the stub's quote is the seed's own text, matched as the build will
match it, with `occurrence:` set to the selected occurrence when the passage occurs more than once."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs

from .quoting import Unquotable, find, source_and_seed, too_short

ASSETS = {name: resources.files("briefing.serve_assets").joinpath(name).read_bytes() for name in ("quote.js", "quote.css")}
SOURCE_PAGE = re.compile(r"sources/([a-z0-9]+(?:-[a-z0-9]+)*)/index\.html")


def tags(rel: str) -> bytes:
    """What to inject into the head of the page at `rel`: the picker on source pages, nothing elsewhere."""
    match = SOURCE_PAGE.fullmatch(rel)
    if match is None:
        return b""
    return (b'<link rel="stylesheet" href="/__briefing__/quote.css">' +
            f'<script src="/__briefing__/quote.js" data-key="{match[1]}" defer></script>'.encode())


def answer(root: Path, query: str) -> bytes:
    """The JSON answer for `?key=…&text=…&line=…`."""
    params = {k: v[0] for k, v in parse_qs(query).items()}
    key, text = params.get("key", ""), params.get("text", "")
    line = int(params["line"]) if params.get("line", "").isdigit() else None
    try:
        source, folded = source_and_seed(root, key)
    except Unquotable as exc:
        return _json({"heading": "Cannot quote from this source", "note": str(exc)})
    found = find(source, folded, text, line=line)
    if not found.occurrences:
        near = found.near
        return _json({"heading": "Not found as the build matches quotes",
                      "note": f"The closest passage, line {near.line}: {near.difference()}." if near else "",
                      "near": near.passage if near else ""})
    count = len(found.occurrences)
    note = (f"The passage occurs {count} times; this stub is for occurrence {found.chosen}, on line "
            f"{found.occurrences[found.chosen - 1].span.line}." if count > 1 else "")
    short = too_short(found)
    return _json({"heading": f"Paste under `claims:` in {source.path}", "stub": found.stub,
                  "note": " ".join(filter(None, [note, short and short[0].upper() + short[1:] + "."])),
                  "occurrences": [{"line": o.span.line, "column": o.span.column} for o in found.occurrences],
                  "chosen": found.chosen})


def _json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()
