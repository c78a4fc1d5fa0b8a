"""Site-wide checks on a built site, for any briefing: each returns the problems it finds (an empty list
when the site is sound), so a test asserts `== []` and a failure lists every problem at once.

Used by the generator's tests (on small briefings of their own), by the tests of this briefing's content
(tests/content/) and by the browser tests (`axe_violations`, given a Playwright page)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from briefing.anchor import FoldedSeed
from briefing.model import Seed
from htmlscan import Scan, pages, resolve

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def scan(path: Path) -> Scan:
    return Scan(path.read_text(encoding="utf-8"))


def claims(site: Path) -> dict[tuple[str, str], dict]:
    return {(c["key"], c["id"]): c for c in json.loads((site / "claims.json").read_text("utf-8"))["claims"]}


def footnote_problems(site: Path, seeds: Path) -> tuple[list[str], int]:
    """Every note marker has its note; every note links to one passage, highlighted on its source page,
    that is exactly the seed's text at the claim's offsets and matches its quote as the build matches.
    Returns the problems and how many notes were followed."""
    problems, followed, known = [], 0, claims(site)
    for page in pages(site):
        doc = scan(page)
        for link in (l for l in doc.links if l.get("role") == "doc-noteref"):
            if link["href"].lstrip("#") not in doc.ids:
                problems.append(f"{page}: marker {link['href']} has no note")
        for note_id in (i for i in doc.ids if i.startswith("fn-")):
            followed += 1
            problems += _note_problems(site, seeds, page, note_id, known)
    return problems, followed


def _note_problems(site: Path, seeds: Path, page: Path, note_id: str, known: dict) -> list[str]:
    links = [l for l in links_inside(page, note_id) if l.get("class") == "note-source"]
    if len(links) != 1:
        return [f"{page}#{note_id}: {len(links)} source links"]
    target, fragment = resolve(site, page, links[0]["href"])
    if not target.is_file() or fragment not in scan(target).ids:
        return [f"{page}#{note_id}: {links[0]['href']} does not land"]
    if fragment == "text-title":  # an absence claim: its note points at the whole text
        return []
    claim_id = fragment.removeprefix("claim-")
    claim = known.get((target.parent.name, claim_id))
    if claim is None:
        return [f"{page}#{note_id}: no claim {target.parent.name}:{claim_id} in claims.json"]
    text = (seeds / claim["seed"]).read_bytes().decode("utf-8-sig")
    highlighted = scan(target).passage(claim_id)
    if highlighted != text[claim["start"]: claim["end"]]:
        return [f"{page}#{note_id}: the highlighted passage {highlighted!r} is not the seed's text at its offsets"]
    return passage_problems(text, claim)


def passage_problems(text: str, claim: dict) -> list[str]:
    """The claim's offsets cover a passage that matches its quote, as the build matches (folded)."""
    folded = _folded(claim["seed"], text)
    passage = folded.matchable(text[claim["start"]: claim["end"]])
    if passage != folded.matchable(claim["quote"]):
        return [f"{claim['key']}:{claim['id']}: the passage at {claim['start']}-{claim['end']} does not match its quote"]
    if text.count("\n", 0, claim["start"]) + 1 != claim["line"]:
        return [f"{claim['key']}:{claim['id']}: line {claim['line']} is not the passage's line"]
    return []


@cache
def _folded(name: str, text: str) -> FoldedSeed:
    return FoldedSeed.of(Seed(name, text, ""))


def claims_json_problems(site: Path, seeds: Path) -> list[str]:
    problems = []
    for claim in claims(site).values():
        if "start" not in claim:  # an absence claim has no passage
            continue
        problems += passage_problems((seeds / claim["seed"]).read_bytes().decode("utf-8-sig"), claim)
    return problems


def links_inside(page: Path, element_id: str) -> list[dict[str, str]]:
    """Links that appear between the element's start and the next note."""
    html = page.read_text(encoding="utf-8")
    start = html.index(f'id="{element_id}"')
    end = html.find('<li id="fn-', start + 1)
    return Scan(html[start: end if end > 0 else len(html)]).links


def link_problems(site: Path) -> list[str]:
    """Every internal link and anchor of every page (but 404.html, served at any depth) resolves."""
    problems = []
    for page in pages(site):
        if page.name == "404.html":
            continue
        for link in scan(page).links:
            href = link["href"]
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            target, fragment = resolve(site, page, href)
            if not target.is_file() or (fragment and fragment not in scan(target).ids):
                problems.append(f"{page}: {href}")
    return problems


def backlink_problems(site: Path) -> list[str]:
    """Each cited claim's entry on its source page links back to every page citing it."""
    problems = []
    for claim in claims(site).values():
        source_page = site / "sources" / claim["key"] / "index.html"
        linked = {resolve(site, source_page, l["href"])[0] for l in links_inside(source_page, f"c-{claim['id']}")}
        for url in claim["cited_by"]:
            if url == f"sources/{claim['key']}/":
                continue  # the source's own summary: linked within the page
            if site / url / "index.html" not in linked:
                problems.append(f"{claim['key']}:{claim['id']}: no link back to {url or '/'}")
    return problems


def axe_violations(page, axe_script: Path, url: str) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the page at `url` (a Playwright page whose context
    bypasses the CSP, so the script can be added)."""
    page.goto(url)
    return axe_run(page, axe_script)


def axe_run(page, axe_script: Path) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now (a preview or a menu open, say)."""
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]
