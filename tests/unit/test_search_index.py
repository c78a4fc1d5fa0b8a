"""The search index's records: page sections, sources and claims, with what search matches and where each leads."""

from __future__ import annotations

from briefing.diagnostics import Diagnostics
from briefing.pipeline import verify
from briefing.search import search_docs
from kit import DEFAULT_CLAIMS, SEED, make_project, source_yaml

CLAIMS = DEFAULT_CLAIMS + """\
- id: unused
  claim: Jane Doe is the founder.
  quote: The founder, Jane Doe, said
"""


def records(tmp_path):
    root = make_project(tmp_path, {
        "content/sources/acme.yaml": source_yaml("acme.txt", SEED.encode(), CLAIMS),
        "content/pages/about.md": "---\ntitle: About\ndescription: A test.\norder: 5\n---\n"
                                  "## Widgets\n\nThe founder expects better widgets [@acme:founder-view].\n",
    })
    return list(search_docs(verify(root, Diagnostics())[0]))


def test_a_claim_leads_to_the_first_page_citing_it_at_the_citation_and_names_every_citing_page(tmp_path):
    claims = {r["t"]: r for r in records(tmp_path) if r["k"] == "Claim"}
    founder = claims["Jane Doe says the money will pay for better widgets."]
    assert founder["p"] == ["Home", "About"]  # in page order; the home page cites it first
    assert founder["u"] == "#fnref-2-1"  # the home page (""), at its first mark for note 2
    raise_ = claims["Acme Corp raised $5 million."]
    assert raise_["p"] == ["Home"] and raise_["u"] == "#fnref-1-1"  # a source summary is not a briefing page
    unused = claims["Jane Doe is the founder."]
    assert unused["p"] == [] and unused["u"] == "sources/acme/#claim-unused"  # cited nowhere: its passage


def test_a_page_section_matches_the_topics_of_the_claims_it_cites(tmp_path):
    sections = {r["u"]: r for r in records(tmp_path) if r["k"] == "Page"}
    assert sections[""]["m"] == "deal"  # the home page cites @acme:raise (topics: [deal]) and a claim without topics
    assert sections["about/#widgets"]["t"] == "Widgets" and sections["about/#widgets"]["m"] == ""
