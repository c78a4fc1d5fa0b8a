"""End to end over the real content: every footnote lands on a highlighted passage equal to its quote."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

from briefing.anchor import fold
from kit import ROOT, make_project, run_cli
from htmlscan import Scan, pages, resolve


@cache
def scan(path: Path) -> Scan:
    return Scan(path.read_text(encoding="utf-8"))


def test_every_footnote_lands_on_a_highlighted_passage_equal_to_its_quote(real_site):
    claims = {(c["key"], c["id"]): c for c in json.loads((real_site / "claims.json").read_text())["claims"]}
    checked = 0
    for page in pages(real_site):
        doc = scan(page)
        for link in (l for l in doc.links if l.get("role") == "doc-noteref"):
            note_id = link["href"].lstrip("#")
            assert note_id in doc.ids, f"{page}: {link['href']} has no note"
        for note_id in (i for i in doc.ids if i.startswith("fn-")):
            source_links = [l for l in _links_inside(page, note_id) if l.get("class") == "note-source"]
            assert len(source_links) == 1, (page, note_id)
            target, fragment = resolve(real_site, page, source_links[0]["href"])
            assert target.is_file(), target
            if fragment == "text-title":  # an absence claim: its note points at the whole text
                assert fragment in scan(target).ids
                continue
            claim_id = fragment.removeprefix("claim-")
            assert fragment in scan(target).ids, (target, fragment)
            key = target.parent.name
            claim = claims[(key, claim_id)]
            seed_text = (ROOT / "seeds" / claim["seed"]).read_bytes().decode("utf-8-sig")
            highlighted = scan(target).passage(claim_id)
            assert highlighted == seed_text[claim["start"]: claim["end"]]
            assert fold(highlighted) == fold(claim["quote"])
            checked += 1
    assert checked >= 5


def _links_inside(page: Path, element_id: str) -> list[dict[str, str]]:
    """Links that appear between the element's start and the next note."""
    html = page.read_text(encoding="utf-8")
    start = html.index(f'id="{element_id}"')
    end = html.find('<li id="fn-', start + 1)
    return Scan(html[start: end if end > 0 else len(html)]).links


def test_every_backlink_and_internal_link_resolves(real_site):
    for page in pages(real_site):
        if page.name == "404.html":
            continue  # served at any depth: its links are absolute paths (tested with the hosting files)
        for link in scan(page).links:
            href = link["href"]
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            target, fragment = resolve(real_site, page, href)
            assert target.is_file(), f"{page}: {href}"
            if fragment:
                assert fragment in scan(target).ids, f"{page}: {href}"


def test_claims_json_offsets_cover_exactly_the_matched_passage(real_site):
    claims = json.loads((real_site / "claims.json").read_text())["claims"]
    assert len(claims) >= 40
    for claim in claims:
        if claim["type"] == "absence":
            assert claim["absent"] and "start" not in claim
            continue
        text = (ROOT / "seeds" / claim["seed"]).read_bytes().decode("utf-8-sig")
        assert fold(text[claim["start"]: claim["end"]]) == fold(claim["quote"])
        assert text.count("\n", 0, claim["start"]) + 1 == claim["line"]
        assert set(claim) >= {"key", "id", "claim", "quote", "seed", "sha256", "start", "end", "line", "column",
                              "topics", "speaker", "cited_by"}


def test_source_pages_back_link_to_the_pages_citing_each_passage(real_site):
    claims = json.loads((real_site / "claims.json").read_text())["claims"]
    cited = next(c for c in claims if "" in c["cited_by"])
    doc = scan(real_site / "sources" / cited["key"] / "index.html")
    entry = _links_inside(real_site / "sources" / cited["key"] / "index.html", f"c-{cited['id']}")
    assert any(resolve(real_site, real_site / "sources" / cited["key"] / "index.html", l["href"])[0] ==
               real_site / "index.html" for l in entry)
    assert f"claim-{cited['id']}" in doc.ids


def test_two_builds_are_byte_identical(tmp_path):
    outs = []
    for name in ("one", "two"):
        out = tmp_path / name
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--out", str(out)],
                                capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        outs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outs[0] == outs[1]


def test_check_writes_nothing_and_prints_a_summary(project):
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 1 sources, 2 claims, 3 citations, 0 uncited sentences, 0 ungrounded numbers")
    assert not (project / "_site").exists()


def test_build_replaces_the_site_whole(project):
    assert run_cli(project, "build").returncode == 0
    (project / "_site" / "stale.html").write_text("old")
    assert run_cli(project, "build").returncode == 0
    assert not (project / "_site" / "stale.html").exists()
    assert (project / "_site" / "index.html").is_file()


def test_refuses_an_output_folder_it_did_not_make(project):
    (project / "notes").mkdir()
    (project / "notes" / "mine.txt").write_text("keep me")
    for out in ("notes", ".", "content", "seeds", ".."):
        result = run_cli(project, "build", "--out", out)
        assert result.returncode == 1 and "refusing" in result.stderr, out
    assert (project / "notes" / "mine.txt").read_text() == "keep me"


def test_base_url_option_sets_canonical_urls(project):
    assert run_cli(project, "build", "--base-url", "https://example.com/briefing").returncode == 0
    assert '<link rel="canonical" href="https://example.com/briefing/">' in (project / "_site/index.html").read_text()


def test_every_command_and_option_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    overview = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"], capture_output=True, text=True).stdout
    commands = re.findall(r"^    (\w+)\s", overview.split("commands:", 1)[1], re.M)
    assert {"build", "check", "serve", "bundle", "diff"} <= set(commands)
    for command in commands:
        help_text = subprocess.run([sys.executable, str(ROOT / "build.py"), command, "--help"],
                                   capture_output=True, text=True).stdout
        assert f"python build.py {command}" in readme
        for option in (w.strip(",") for w in help_text.split() if w.startswith("--")):
            if option != "--help":
                assert option in readme, f"{command} {option} is not documented"


def test_make_project_is_a_valid_small_project(tmp_path):
    assert run_cli(make_project(tmp_path), "check").returncode == 0
