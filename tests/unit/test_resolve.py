from pathlib import Path

from briefing.diagnostics import Diagnostics
from briefing.pipeline import verify
from kit import DEFAULT_PAGE, make_project


def site_of(tmp_path: Path, page: str):
    return verify(make_project(tmp_path, {"content/pages/index.md": page}), Diagnostics())[0]


def test_notes_are_numbered_by_first_use_and_keep_their_number(tmp_path):
    page = DEFAULT_PAGE + "\nAgain the founder [@acme:founder-view]. And the raise [@acme:raise; @acme:founder-view].\n"
    notes = site_of(tmp_path, page).notes[""]
    assert [(n.number, n.claim.id, n.uses) for n in notes] == [
        (1, "raise", ("fnref-1-1", "fnref-1-2")),
        (2, "founder-view", ("fnref-2-1", "fnref-2-2", "fnref-2-3")),
    ]


def test_cited_by_lists_pages_and_the_source_page_for_summary_citations(tmp_path):
    site = site_of(tmp_path, DEFAULT_PAGE)
    assert site.cited_by == {"acme:founder-view": [""], "acme:raise": ["", "sources/acme/"]}
    assert site.citations == 3
