"""Absence claims: `type: absence` with `absent: [terms]` and no quote. The build proves that no term occurs in the
seed outside furniture (folded, case-insensitively, as a whole word or phrase); a term that is found is an error at
the term, naming the seed line. Every place that shows a claim handles one that has no passage."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.diff import snapshot
from htmlscan import Scan
from kit import DEFAULT_CLAIMS, DEFAULT_PAGE, SEED, make_project, run_cli, source_yaml

ABSENCE_SEED = SEED + "Related: valuation guides for founders\n"
ABSENCE = """\
- id: no-valuation
  claim: The report gives no valuation and names no Series B.
  type: absence
  absent: [valuation, valued, Series B]
"""
FURNITURE = "furniture:\n  - lines: [4, 4]\n    label: Related links\nsummary:"
PAGE = DEFAULT_PAGE + "\nThe report gives no valuation [@acme:no-valuation].\n"


def project(tmp_path: Path, claims: str = ABSENCE, page: str = PAGE) -> Path:
    text = source_yaml("acme.txt", ABSENCE_SEED.encode(), DEFAULT_CLAIMS + claims).replace("summary:", FURNITURE, 1)
    return make_project(tmp_path, {"content/sources/acme.yaml": text, "content/pages/index.md": page}, seed=ABSENCE_SEED)


def errors(result) -> list[str]:
    assert result.returncode == 1 and "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if ": error: " in line]


def test_a_proven_absence_is_cited_with_what_was_searched_for(tmp_path):
    root = project(tmp_path)
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    site = root / "_site"
    home = Scan((site / "index.html").read_text())
    note = " ".join(home.texts["fn-3"].split())
    assert "Searched the whole text for: valuation, valued, Series B — not found." in note
    links = [l for l in home.links if l.get("class") == "note-source" and l["href"].endswith("#text-title")]
    assert [l["href"] for l in links] == ["sources/acme/#text-title"]
    source = Scan((site / "sources/acme/index.html").read_text())
    assert "text-title" in source.ids
    assert "Searched the whole text for: valuation, valued, Series B — not found" in source.texts["c-no-valuation"]
    claims = {c["id"]: c for c in json.loads((site / "claims.json").read_text())["claims"]}
    assert claims["no-valuation"] == {
        "key": "acme", "id": "no-valuation", "claim": "The report gives no valuation and names no Series B.",
        "absent": ["valuation", "valued", "Series B"], "seed": "acme.txt", "sha256": claims["raise"]["sha256"],
        "topics": [], "type": "absence", "speaker": None, "fact": None, "cited_by": [""]}
    assert {"start", "end", "line", "prefix"} <= set(claims["raise"])
    index = (site / "static/search-index.js").read_text()
    assert '"x":"Not in the text: valuation, valued, Series B"' in index
    assert 'href="../sources/acme/#c-no-valuation"' in (site / "claims/index.html").read_text()


def test_a_term_the_text_contains_is_an_error_at_the_term_naming_the_seed_line(tmp_path):
    claims = ABSENCE.replace("[valuation, valued, Series B]", "[valuation, series a, raise, \u201cbetter widgets\u201d]")
    assert errors(run_cli(project(tmp_path, claims), "check")) == [
        "content/sources/acme.yaml:27:25: error: absence claim 'no-valuation': 'series a' occurs in seeds/acme.txt "
        "at line 1: \"Acme Corp raised $5 million in a Series A round on Monday.\"",
        "content/sources/acme.yaml:27:42: error: absence claim 'no-valuation': '\u201cbetter widgets\u201d' occurs in "
        "seeds/acme.txt at line 3: \"The founder, Jane Doe, said the money will fund \u201cbetter widgets\u201d for "
        "factories.\"",
    ]  # "raise" is only inside "raised", and "valuation" only on a furniture line: neither counts


def test_an_absence_claim_takes_no_quote_and_needs_terms(tmp_path):
    claims = """\
- id: with-quote
  claim: A claim.
  type: absence
  quote: Acme Corp raised $5 million
  absent: [valuation]
- id: no-terms
  claim: A claim.
  type: absence
- id: empty-terms
  claim: A claim.
  type: absence
  absent: []
- id: blank-term
  claim: A claim.
  type: absence
  absent: [valuation, " ", [x]]
- id: fact-with-terms
  claim: A claim.
  quote: Acme Corp raised $5 million
  absent: [valuation]
- id: fact-without-quote
  claim: A claim.
"""
    assert errors(run_cli(project(tmp_path, claims, DEFAULT_PAGE), "check")) == [
        "content/sources/acme.yaml:27:5: error: an absence claim has no quote: the build searches the whole text for "
        "its `absent` terms instead (remove `quote`)",
        "content/sources/acme.yaml:29:5: error: an absence claim needs `absent:`, a list of at least one term the "
        "text must not contain",
        "content/sources/acme.yaml:35:13: error: an absence claim needs `absent:`, a list of at least one term the "
        "text must not contain",
        "content/sources/acme.yaml:39:25: error: 'absent' items must be words or phrases, not ' '",
        "content/sources/acme.yaml:39:30: error: 'absent' items must be words or phrases, not ['x']",
        "content/sources/acme.yaml:43:5: error: field 'absent' is only for claims of `type: absence`",
        "content/sources/acme.yaml:44:5: error: missing required field 'quote' in claim",
    ]


def test_a_number_in_an_absence_claim_is_one_of_its_terms(tmp_path):
    claims = ABSENCE.replace("[valuation, valued, Series B]", "[valuation, 2025]").replace(
        "names no Series B.", "does not mention 2025 or 2024.")
    assert errors(run_cli(project(tmp_path, claims, DEFAULT_PAGE), "check")) == [
        "content/sources/acme.yaml:25:71: error: number '2024' in claim 'no-valuation' is not one of its `absent` terms"]


def test_diff_lists_an_absence_claim_by_its_terms(tmp_path):
    snap = snapshot(project(tmp_path))
    assert snap.errors == 0
    assert snap.claims["acme:no-valuation"] == ("The report gives no valuation and names no Series B.",
                                                "absent: valuation, valued, Series B")
