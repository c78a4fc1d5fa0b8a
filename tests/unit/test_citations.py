"""Citation marks: one mark per citation, its notes compressed as numbered styles print them."""

from __future__ import annotations

import re

import pytest

from briefing.citations import compress
from briefing.diagnostics import Diagnostics
from briefing.markdown import markdown
from briefing.pipeline import verify
from kit import SEED, make_project, source_yaml


@pytest.mark.parametrize(("numbers", "text"), [
    ([1], "1"), ([4, 5], "4, 5"), ([1, 2, 3, 4, 5, 6], "1–6"), ([3, 5, 6, 7], "3, 5–7"),
    ([7, 3, 6, 5], "3, 5–7"), ([2, 2, 3], "2, 3"), ([1, 2, 3, 5, 9, 10, 11, 12], "1–3, 5, 9–12"),
])
def test_note_numbers_compress_to_ranges_of_three_or_more(numbers, text):
    assert compress(numbers) == text


def test_a_citation_of_several_notes_is_one_mark_that_names_each_and_keeps_every_back_link_target(tmp_path):
    claims = "".join(f"- id: {name}\n  claim: Acme raised money.\n  quote: Acme Corp raised $5 million\n"
                     for name in ("c1", "c2", "c3"))
    root = make_project(tmp_path, {
        "content/sources/acme.yaml": source_yaml("acme.txt", SEED.encode(), claims, summary="Acme raised money [@acme:c1]."),
        "content/pages/index.md": "---\ntitle: Home\ndescription: A test.\norder: 0\n---\n"
                                  "Acme raised money [@acme:c2].\n\nAcme raised money again [@acme:c1; @acme:c2; @acme:c3].\n",
    })
    site = verify(root, Diagnostics())[0]
    doc = next(d for d in site.documents if d.url == "")
    html = markdown().renderer.render(doc.tokens, markdown().options, {})
    marks = re.findall(r'<sup class="cite">(.*?)</sup>', html)
    assert len(marks) == 2
    assert '>1</a>' in marks[0] and 'aria-label="Note 1"' in marks[0]
    # Note 2 is c1 (first used here), c2 kept its number 1: the mark reads "1–3" and links to note 1.
    assert re.search(r'<a href="#fn-1" id="fnref-1-2" class="noteref" role="doc-noteref" aria-label="Notes 1–3: 1, 2, 3" '
                     r'data-notes="1 2 3">1–3</a>', marks[1]), marks[1]
    assert re.findall(r'<span id="(fnref-[\d-]+)" class="noteref-anchor"></span>', marks[1]) == ["fnref-2-1", "fnref-3-1"]
    notes = site.notes[""]
    assert [(n.number, n.claim.id, n.uses) for n in notes] == [
        (1, "c2", ("fnref-1-1", "fnref-1-2")), (2, "c1", ("fnref-2-1",)), (3, "c3", ("fnref-3-1",))]
