"""Test kit: small inline projects written to disk, and running build.py against them."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SEED = ("Acme Corp raised $5 million in a Series A round on Monday.\n"
        "\n"
        "The founder, Jane Doe, said the money will fund \u201cbetter widgets\u201d for factories.\n")


def source_yaml(seed_name: str, seed_bytes: bytes, claims: str, *, key: str = "acme", summary: str | None = None) -> str:
    summary = summary or f"Acme raised money [@{key}:raise]."
    return (f"key: {key}\nseed: {seed_name}\nsha256: {hashlib.sha256(seed_bytes).hexdigest()}\n"
            "title: Acme raises money\noutlet: Test Wire\nauthor: null\npublished: 2026-04-10\nkind: news\n"
            f"summary: |\n  {summary}\nclaims:\n" + textwrap.indent(textwrap.dedent(claims).strip("\n"), "  ") + "\n")


DEFAULT_CLAIMS = """\
- id: raise
  claim: Acme Corp raised $5 million.
  quote: Acme Corp raised $5 million in a Series A round
  topics: [deal]
- id: founder-view
  claim: Jane Doe says the money will pay for better widgets.
  quote: said the money will fund "better widgets"
  type: view
  speaker: Jane Doe
"""

TABLE_HEAD = """\
kind: table
caption: Side by side
columns:
  what: What
  said: Said
rows:
  - what: The raise
    said: Acme raised $5 million [@acme:raise].
"""
"""A data table (content/data/<name>.yaml) with one good row; tests add the rows they need."""

DEFAULT_PAGE = """\
---
title: Home
description: A test page.
order: 0
---
Acme Corp raised $5 million [@acme:raise].
Its founder expects better widgets [@acme:founder-view].
"""


def make_project(tmp_path: Path, files: dict[str, str | bytes] | None = None, *, seed: str | bytes = SEED) -> Path:
    """A minimal valid project; `files` adds or replaces files (None as a value deletes)."""
    root = tmp_path / "project"
    seed_bytes = seed.encode("utf-8") if isinstance(seed, str) else seed
    defaults: dict[str, str | bytes | None] = {
        "content/site.yaml": "title: Test briefing\ndescription: A test.\nbase_url: https://example.org/\nlanguage: en\n",
        "seeds/acme.txt": seed_bytes,
        "content/sources/acme.yaml": source_yaml("acme.txt", seed_bytes, DEFAULT_CLAIMS),
        "content/pages/index.md": DEFAULT_PAGE,
    }
    defaults.update(files or {})
    for rel, content in defaults.items():
        path = root / rel
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run build.py as a user would, against the project at `root`."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args, "--root", str(root)] if args else
                          [sys.executable, str(ROOT / "build.py"), "build", "--root", str(root)],
                          capture_output=True, text=True, cwd=root, timeout=300)
