"""This repository's own briefing ("World models vs LLMs"): the site-wide checks every briefing must pass,
on its real content, and what is particular to it. Tests of the generator itself do not depend on it."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from briefing.cache import Memo
from briefing.diagnostics import Diagnostics
from briefing.pipeline import build
from kit import ROOT, run_cli
from sitecheck import backlink_problems, claims, claims_json_problems, footnote_problems, link_problems


def test_every_footnote_lands_on_a_highlighted_passage_equal_to_its_quote(real_site):
    problems, followed = footnote_problems(real_site, ROOT / "seeds")
    assert problems == [] and followed >= 100


def test_every_link_and_back_link_resolves(real_site):
    assert link_problems(real_site) == []
    assert backlink_problems(real_site) == []


def test_claims_json_offsets_cover_exactly_the_matched_passage(real_site):
    assert claims_json_problems(real_site, ROOT / "seeds") == []
    every = claims(real_site).values()
    assert len(every) >= 40
    assert all(c["absent"] and "start" not in c for c in every if c["type"] == "absence")


def test_the_deal_page_names_its_sources_in_json_ld(tmp_path):
    out = tmp_path / "site"
    assert run_cli(ROOT, "build", "--out", str(out), "--base-url", "https://example.org/briefing/").returncode == 0
    deal = (out / "the-deal/index.html").read_text()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', deal, re.S).group(1))
    assert data["@type"] == "Article" and data["url"] == "https://example.org/briefing/the-deal/"
    assert {c["url"] for c in data["citation"]} >= {"https://example.org/briefing/sources/nextfin/"}


def test_two_builds_of_the_real_site_are_byte_identical(tmp_path):
    outs = []
    for name in ("one", "two"):
        out = tmp_path / name
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--out", str(out)],
                                capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        outs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outs[0] == outs[1]


def test_incremental_build_of_the_real_site_matches_a_clean_one():
    memo = Memo()
    first = build(ROOT, Diagnostics(), memo=memo).files
    again = build(ROOT, Diagnostics(), memo=memo).files
    assert first == again == build(ROOT, Diagnostics()).files
