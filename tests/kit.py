"""Test kit: small inline projects written to disk, and running build.py against them."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from briefing.parallel import CHUNK, PARALLEL_FROM

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
    return write_files(root, defaults)


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run build.py as a user would, against the project at `root`."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args, "--root", str(root)] if args else
                          [sys.executable, str(ROOT / "build.py"), "build", "--root", str(root)],
                          capture_output=True, text=True, cwd=root, timeout=300)


def write_files(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write (or, for None, delete) project files under `root`."""
    for rel, content in files.items():
        path = root / rel
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


COUNCIL = ("Minutes of the Harbour Council, meeting of 12 May\n\nItem 4. Ferry timetable\n\n"
           "The council agreed to run the ferry every 30 minutes on weekdays, starting on 1 June.\n"
           "The council also agreed that the fare will stay at 2 euros for adults.\n"
           "Councillor Mara Ilves voted against the timetable, saying the crew cannot cover the extra trips.\n")
GAZETTE = ("Ferry to run more often, council decides\n\nTidewater Gazette\n\n"
           "Ferries between the harbour and the island will leave every 30 minutes on weekdays from 1 June, "
           "after a vote of the Harbour Council.\n"
           "Passengers interviewed by the Gazette welcomed the change. \u201cWaiting an hour in the rain is no fun,\u201d "
           "said one commuter.\nThe fare for adults stays at 2 euros.\n")


def small_briefing() -> dict[str, str | None]:
    """A second briefing, on another corpus: two sources of different kinds, three pages (one editorial),
    a table. The generator's tests build it to check what holds for any briefing."""
    def source(key: str, seed: str, text: str, head: str, summary: str, claims: str) -> str:
        return (f"key: {key}\nseed: {seed}\nsha256: {hashlib.sha256(text.encode()).hexdigest()}\n{head}"
                f"summary: |\n  {summary}\nclaims:\n" + textwrap.indent(textwrap.dedent(claims).strip("\n"), "  ") + "\n")

    return {
        "content/site.yaml": "title: The harbour ferry\ndescription: A small cited briefing.\n"
                             "base_url: https://example.org/\nlanguage: en\nname: ferry\n",
        "seeds/council.txt": COUNCIL, "seeds/gazette.txt": GAZETTE,
        "content/sources/council.yaml": source("council", "council.txt", COUNCIL,
            "title: Minutes of the Harbour Council\noutlet: Harbour Council\nauthor: null\npublished: \"2026-05\"\n"
            "kind: report\n", "The council agreed a ferry every 30 minutes from 1 June [@council:every-half-hour].", """\
            - id: every-half-hour
              claim: The council agreed to run the ferry every 30 minutes on weekdays from 1 June.
              quote: agreed to run the ferry every 30 minutes on weekdays, starting on 1 June
              topics: [timetable]
            - id: fare
              claim: The adult fare stays at 2 euros.
              quote: the fare will stay at 2 euros for adults
              topics: [fare]
            - id: dissent
              claim: One councillor voted against, saying the crew cannot cover the extra trips.
              quote: voted against the timetable, saying the crew cannot cover the extra trips
              type: view
              speaker: Mara Ilves
            """),
        "content/sources/gazette.yaml": source("gazette", "gazette.txt", GAZETTE,
            "title: Ferry to run more often, council decides\noutlet: Tidewater Gazette\nauthor: null\npublished: null\n"
            "kind: news\n", "The Gazette reports the new timetable and what passengers said of it "
            "[@gazette:timetable; @gazette:welcome].", """\
            - id: timetable
              claim: Ferries will leave every 30 minutes on weekdays from 1 June.
              quote: will leave every 30 minutes on weekdays from 1 June
              topics: [timetable]
            - id: welcome
              claim: Passengers the Gazette spoke to welcomed the change.
              quote: Passengers interviewed by the Gazette welcomed the change
              topics: [passengers]
            - id: rain
              claim: A commuter said that waiting an hour in the rain is no fun.
              quote: "\u201cWaiting an hour in the rain is no fun,\u201d said one commuter"
              type: view
              speaker: a commuter
            """),
        "content/pages/index.md": "---\ntitle: The ferry\ndescription: More ferries from June.\norder: 0\n---\n"
                                  "From 1 June the ferry will run every 30 minutes on weekdays "
                                  "[@council:every-half-hour; @gazette:timetable].\n"
                                  "The adult fare stays at 2 euros [@council:fare].\n\n"
                                  "See [the timetable](timetable.md) and [what people said](views.md#voices) "
                                  "[@gazette:welcome].\n",
        "content/pages/timetable.md": "---\ntitle: Timetable\ndescription: The new timetable.\norder: 1\ndata: changes\n---\n"
                                      "The council agreed the change at its May meeting [@council:every-half-hour].\n",
        "content/pages/views.md": "---\ntitle: Views\ndescription: Who said what.\norder: 2\n---\n"
                                  "## Voices\n\nA councillor voted against it [@council:dissent].\n"
                                  "A commuter welcomed shorter waits [@gazette:rain].\n\n"
                                  "::: editorial\nThe editors add no view of their own.\n:::\n",
        "content/data/changes.yaml": "kind: table\ncaption: What changes on 1 June\ncolumns:\n  what: What\n  detail: Detail\n"
                                     "rows:\n  - what: Frequency\n    detail: Every 30 minutes on weekdays "
                                     "[@council:every-half-hour].\n  - what: Adult fare\n"
                                     "    detail: 2 euros, unchanged [@council:fare].\n",
    }


SOURCES = PARALLEL_FROM + 3 * CHUNK
"""Enough sources for verification in worker processes (parallel.py), in several chunks."""


def _claims(i: int, *, quote: str = "Acme Corp raised $5 million in a Series A round") -> str:
    return (f"- id: raise\n  claim: Acme Corp raised $5 million.\n  quote: {quote}\n"
            f"- id: founder\n  claim: Jane Doe speaks about widgets.\n"
            "  quote: The founder, Jane Doe, said the money")


def many_sources(tmp_path, broken: bool):
    """SOURCES sources over one seed each, every page citing a few; with `broken`, problems spread over
    the files (and so over the workers' chunks): a quote not found, a number not in its quote, a YAML
    syntax error, a duplicate key in another chunk, a seed whose sha256 is wrong, an unknown claim."""
    seed = SEED.encode()
    files: dict[str, str | bytes | None] = {}
    for i in range(SOURCES):
        key = f"s{i:03d}"
        files[f"seeds/{key}.txt"] = seed
        files[f"content/sources/{key}.yaml"] = source_yaml(f"{key}.txt", seed, _claims(i) if not broken or i % 7 else
                                                           _claims(i, quote="Acme Corp raised $9 billion from nobody"),
                                                           key=key, summary=f"Acme raised money [@{key}:raise].")
    pages = {f"content/pages/p{n:02d}.md": "---\ntitle: P\ndescription: x\norder: 1\n---\n" + "".join(
        f"Acme Corp raised $5 million [@s{i:03d}:raise].\n" for i in range(n, SOURCES, 5)) for n in range(5)}
    files.update(pages)
    if broken:
        files["content/sources/s011.yaml"] = "key: s011\nseed: [unclosed\n"
        files["content/sources/s030.yaml"] = files["content/sources/s002.yaml"]  # key s002 twice, far apart
        files["content/sources/s040.yaml"] = re.sub(r"sha256: \w+", "sha256: " + "a" * 64, str(files["content/sources/s040.yaml"]))
        files["content/pages/p03.md"] = str(pages["content/pages/p03.md"]) + "It raised $7 million [@s003:raise].\n"
        files["content/pages/p04.md"] = str(pages["content/pages/p04.md"]) + "Unknown [@s004:nope].\n"
    root = make_project(tmp_path, {"content/pages/index.md": "---\ntitle: Home\ndescription: x\norder: 0\n---\n"
                                   "Acme Corp raised $5 million [@acme:raise].\n"})
    return write_files(root, files)
