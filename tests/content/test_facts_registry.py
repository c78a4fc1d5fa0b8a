"""This briefing's shared facts: declared once in content/facts.yaml, listed by id in the sources matrix, shown
in the built matrix by their registry labels."""

from __future__ import annotations

import html
import re

import yaml

from kit import ROOT


def test_the_matrix_lists_declared_fact_ids_and_shows_their_labels(real_site):
    registry = {f["id"]: f["label"] for f in yaml.safe_load((ROOT / "content/facts.yaml").read_text())["facts"]}
    matrix = yaml.safe_load((ROOT / "content/data/sources-matrix.yaml").read_text())
    listed = matrix.get("facts") or list(registry)
    assert all(isinstance(item, str) and item in registry for item in listed)
    carried = {m for path in (ROOT / "content/sources").glob("*.yaml")
               for m in re.findall(r"^\s+fact: ([a-z0-9-]+)$", path.read_text(), re.M)}
    page = next(p for p in real_site.rglob("index.html") if "data-sources-matrix" in p.read_text())
    text = page.read_text()
    table = text[text.index("data-sources-matrix"): text.index("</table>", text.index("data-sources-matrix"))]
    rows = [html.unescape(h) for h in re.findall(r'<th scope="row"[^>]*>(.*?)</th>', table)]
    assert rows == [registry[i] for i in listed if i in carried]
