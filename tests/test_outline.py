""""On this page": the page's headings, its data tables and, where the page has few headings, the tables' rows."""

from __future__ import annotations

import re

from htmlscan import Scan
from kit import make_project, run_cli

TABLE = """\
kind: table
caption: Dated events
columns:
  when: When
  event: Event
rows:
  - when: Monday
    event: Acme raises money [@acme:raise].
  - when: No date given
    event: The founder speaks of widgets [@acme:founder-view].
  - when: No date given
    event: Acme raises money again [@acme:raise].
"""


def page(body: str, data: str | None = None) -> str:
    return f"---\ntitle: Home\ndescription: A test.\norder: 0\n{'data: ' + data + chr(10) if data else ''}---\n{body}"


def toc_links(html: str) -> list[tuple[str, str]]:
    nav = html[html.index('<nav class="toc"'): html.index("</nav>", html.index('<nav class="toc"'))]
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav)


def test_a_table_page_without_headings_lists_the_table_and_its_rows_and_each_row_is_a_target(tmp_path):
    root = make_project(tmp_path, {"content/data/events.yaml": TABLE,
                                   "content/pages/index.md": page("Acme raised money [@acme:raise].\n", "events")})
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    html = (root / "_site/index.html").read_text()
    links = toc_links(html)
    # Two rows share a header: each is told apart by the start of its next cell.
    assert links == [("table-events", "Dated events"), ("events-monday", "Monday"),
                     ("events-no-date-given", "No date given: The founder speaks of widgets."),
                     ("events-no-date-given-2", "No date given: Acme raises money again."), ("notes-title", "Notes")]
    ids = Scan(html).ids
    assert all(target in ids for target, _ in links)
    assert ids["events-monday"]["tag"] == "th"
    # On a narrow screen each cell is shown under its column's name.
    assert 'data-label="Event"' in html


def test_a_page_with_three_headings_lists_them_and_its_table_but_not_the_rows(tmp_path):
    body = "".join(f"## Part {n}\n\nAcme raised money [@acme:raise].\n\n" for n in (1, 2, 3))
    root = make_project(tmp_path, {"content/data/events.yaml": TABLE, "content/pages/index.md": page(body, "events")})
    assert run_cli(root, "build").returncode == 0
    links = toc_links((root / "_site/index.html").read_text())
    assert [t for t, _ in links] == ["part-1", "part-2", "part-3", "table-events", "notes-title"]


def test_a_page_with_fewer_than_three_sections_has_no_table_of_contents(tmp_path):
    body = "## Part 1\n\nAcme raised money [@acme:raise].\n\n## Part 2\n\nAcme raised money [@acme:raise].\n"
    root = make_project(tmp_path, {"content/pages/index.md": page(body)})
    assert run_cli(root, "build").returncode == 0
    assert '<nav class="toc"' not in (root / "_site/index.html").read_text()
