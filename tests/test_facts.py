"""The registry of shared facts (content/facts.yaml): validated and located like every YAML file; a claim's
`fact:` must name a declared fact; notes and the matrix show each fact by its label with the sources reporting it."""

from __future__ import annotations

from pathlib import Path

from htmlscan import Scan
from kit import DEFAULT_CLAIMS, DEFAULT_PAGE, SEED, make_project, run_cli, source_yaml

BETA_SEED = "Beta Wire: Acme Corp raised $5 million from three investors on Monday.\n"
BETA_CLAIMS = """\
- id: raise
  claim: Acme Corp raised $5 million.
  quote: Acme Corp raised $5 million from three investors
  fact: acme-raise
"""
FACTS = """\
facts:
  - id: acme-raise
    label: Acme Corp raised $5 million
  - id: founder-widgets
    label: The money will fund better widgets
"""
ACME_CLAIMS = DEFAULT_CLAIMS.replace("  topics: [deal]\n", "  topics: [deal]\n  fact: acme-raise\n")
PAGE = DEFAULT_PAGE.replace("[@acme:raise]", "[@acme:raise; @beta:raise]") + "\nThe raise is reported twice [@beta:raise].\n"
MATRIX = "kind: matrix\ncaption: Who reports what\n"
PAGE_WITH_MATRIX = PAGE.replace("order: 0\n", "order: 0\ndata: matrix\n")


def beta(claims: str) -> str:
    text = source_yaml("beta.txt", BETA_SEED.encode(), claims, key="beta", summary="Beta reports the raise [@beta:raise].")
    return text.replace("outlet: Test Wire", "outlet: Beta Wire")


def project(tmp_path: Path, **files: str | None) -> Path:
    base = {
        "seeds/beta.txt": BETA_SEED,
        "content/sources/beta.yaml": beta(BETA_CLAIMS),
        "content/sources/acme.yaml": source_yaml("acme.txt", SEED.encode(), ACME_CLAIMS),
        "content/facts.yaml": FACTS + "  - id: unused\n    label: Nobody says this\n",
        "content/pages/index.md": PAGE,
    }
    base.update({k.replace("__", "/").replace("_dot_", "."): v for k, v in files.items()})
    return make_project(tmp_path, base)


def diagnostics(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": error: " in line or ": warning: " in line]


def test_a_note_shows_the_facts_label_and_the_sources_reporting_it(tmp_path):
    root = project(tmp_path)
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    notes = Scan((root / "_site/index.html").read_text()).texts
    assert "Acme Corp raised $5 million — 2 of 2 sources: Test Wire, Beta Wire" in " ".join(notes["fn-1"].split())
    assert "sources" not in notes["fn-3"]  # the founder's view carries no fact: no corroboration shown


def test_a_declared_fact_no_claim_carries_is_a_warning_at_its_id(tmp_path):
    result = run_cli(project(tmp_path), "check")
    assert result.returncode == 0
    assert [d for d in diagnostics(result) if "fact" in d] == [
        "content/facts.yaml:4:9: warning: fact 'founder-widgets' is declared but no claim carries it "
        "(`fact: founder-widgets`)",
        "content/facts.yaml:6:9: warning: fact 'unused' is declared but no claim carries it (`fact: unused`)",
    ]
    assert run_cli(project(tmp_path / "strict"), "check", "--strict").returncode == 1


def test_a_claims_fact_must_be_declared_with_a_did_you_mean(tmp_path):
    root = project(tmp_path, content__sources__beta_dot_yaml=beta(BETA_CLAIMS.replace("fact: acme-raise", "fact: acme-raised")))
    result = run_cli(root, "check")
    assert result.returncode == 1
    assert [d for d in diagnostics(result) if ": error: " in d] == [
        "content/sources/beta.yaml:15:11: error: claim 'raise' names fact 'acme-raised', which content/facts.yaml "
        "does not declare (did you mean 'acme-raise'?)"]


def test_without_a_registry_every_fact_id_is_an_error(tmp_path):
    result = run_cli(project(tmp_path, content__facts_dot_yaml=None), "check")
    assert [d for d in diagnostics(result) if ": error: " in d] == [
        "content/sources/acme.yaml:16:11: error: claim 'raise' names fact 'acme-raise', which content/facts.yaml "
        "does not declare",
        "content/sources/beta.yaml:15:11: error: claim 'raise' names fact 'acme-raise', which content/facts.yaml "
        "does not declare"]


def test_the_registry_is_validated_and_located_without_blaming_the_claims(tmp_path):
    facts = FACTS + "  - id: acme-raise\n    label: Again\n  - id: x\n    lable: typo\n"
    result = run_cli(project(tmp_path, content__facts_dot_yaml=facts), "check")
    assert [d for d in diagnostics(result) if ": error: " in d] == [
        "content/facts.yaml:6:9: error: duplicate fact id 'acme-raise' (first at line 2)",
        "content/facts.yaml:8:5: error: missing required field 'label' in fact",
        "content/facts.yaml:9:5: error: unknown field 'lable' in fact (did you mean 'label'?)",
    ]


def test_a_matrix_takes_its_rows_and_labels_from_the_registry(tmp_path):
    matrix = MATRIX + "count_heading: Documents\nempty: not in this text\n"
    root = project(tmp_path, content__data__matrix_dot_yaml=matrix, content__pages__index_dot_md=PAGE_WITH_MATRIX,
                   content__facts_dot_yaml=FACTS)
    (root / "content/sources/acme.yaml").write_text(source_yaml(
        "acme.txt", SEED.encode(), ACME_CLAIMS + "  fact: founder-widgets\n"))
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    html = (root / "_site/index.html").read_text()
    table = html[html.index('<table class="data data-matrix'): html.index("</table>")]
    assert '<th scope="col">Documents</th>' in table
    rows = table.split("<tr>")[2:]
    assert '<th scope="row" id="matrix-acme-corp-raised-5-million">Acme Corp raised $5 million</th>' in rows[0]
    assert "2 of 2" in rows[0] and "1 of 2" in rows[1]
    assert '>The money will fund better widgets</th>' in rows[1]
    assert '<td data-label="Beta Wire">not in this text</td>' in rows[1]


def test_a_matrix_lists_fact_ids_in_its_own_order_and_the_defaults_read_neutrally(tmp_path):
    matrix = MATRIX + "facts:\n  - acme-raise\n"
    root = project(tmp_path, content__data__matrix_dot_yaml=matrix, content__pages__index_dot_md=PAGE_WITH_MATRIX)
    assert run_cli(root, "build").returncode == 0
    html = (root / "_site/index.html").read_text()
    table = html[html.index('<table class="data data-matrix'): html.index("</table>")]
    assert table.count('<th scope="row"') == 1
    assert '<th scope="col">Sources</th>' in table and "reported" not in table


def test_a_matrix_names_only_declared_facts_and_refuses_the_old_inline_labels(tmp_path):
    matrix = MATRIX + ("facts:\n  - acme-raize\n  - id: acme-raise\n    label: Old style\n  - acme-raise\n"
                       "  - acme-raise\ncolumns:\n  a: A\n")
    root = project(tmp_path, content__data__matrix_dot_yaml=matrix, content__pages__index_dot_md=PAGE_WITH_MATRIX)
    result = run_cli(root, "check")
    assert [d for d in diagnostics(result) if ": error: " in d] == [
        "content/data/matrix.yaml:4:5: error: unknown fact 'acme-raize': content/facts.yaml does not declare it "
        "(did you mean 'acme-raise'?)",
        "content/data/matrix.yaml:5:5: error: a matrix lists fact ids only (- deal-lead): each fact and its label "
        "are declared in content/facts.yaml",
        "content/data/matrix.yaml:8:5: error: fact 'acme-raise' is listed twice (first at line 7)",
        "content/data/matrix.yaml:9:1: error: field 'columns' is for kind: table, not kind: matrix",
    ]
