"""`claims [KEY] [--uncited] [--topic T] [--format F]`: the claims, their ids and the pages citing them."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import yaml

from ..diagnostics import Diagnostics, did_you_mean, plural
from ..pipeline import verify
from .common import UsageError

NAME = "claims"
VERIFIES = False
HELP = "list claims with their ids, text and the pages citing them (while you write: no grepping for ids)"
FORMATS = ("table", "yaml", "json", "cite")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key", nargs="?", metavar="KEY", help="only this source's claims")
    parser.add_argument("--uncited", action="store_true", help="only claims that nothing cites")
    parser.add_argument("--topic", metavar="T", help="only claims with this topic")
    parser.add_argument("--format", choices=FORMATS, default="table", dest="listing",
                        help="table (the default), yaml, json, or cite: one citation [@k:a; @k:b] of them all")


def run(args: argparse.Namespace) -> int:
    diag = Diagnostics()
    site, _ = verify(args.root, diag, gate=False)
    sources = site.corpus.sources
    if args.key and args.key not in {s.key for s in sources}:
        raise UsageError(f"no source '{args.key}'{did_you_mean(args.key, {s.key for s in sources})}")
    rows = [{"ref": c.ref, "claim": c.claim, "cited_by": [url or "/" for url in site.cited_by.get(c.ref, [])],
             "topics": list(c.topics), "type": c.type, "quote": c.quote.strip()}
            for s in sources if not args.key or s.key == args.key for c in s.claims
            if (not args.uncited or c.ref not in site.cited_by) and (not args.topic or args.topic in c.topics)]
    if diag.errors:
        print(f"note: the project has {plural(len(diag.errors), 'error')} (`briefing check` lists them); claims "
              "and citations in the files with errors may be missing here", file=sys.stderr)
    print(render(rows, args.listing))
    return 0


def render(rows: list[dict[str, Any]], listing: str) -> str:
    if listing == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    if listing == "yaml":
        return yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=100).rstrip("\n") if rows else "[]"
    if listing == "cite":
        return "[" + "; ".join(f"@{row['ref']}" for row in rows) + "]" if rows else ""
    if not rows:
        return "no claims"
    cited = [", ".join(row["cited_by"]) or "not cited" for row in rows]
    ref_width = max(len(row["ref"]) for row in rows)
    cited_width = max(len(c) for c in cited)
    lines = [f"{'CLAIM':<{ref_width}}  {'CITED ON':<{cited_width}}  TEXT"]
    lines += [f"{row['ref']:<{ref_width}}  {c:<{cited_width}}  {row['claim']}" for row, c in zip(rows, cited)]
    return "\n".join(lines)
