"""The theme: a project's templates/ and static/ override the default theme file by file, and a broken
template is a located error, never an internal one."""

from __future__ import annotations

from kit import ROOT, make_project, run_cli

THEME = ROOT / "briefing" / "theme"


def test_a_project_without_templates_or_static_builds_with_the_default_theme(project):
    assert not (project / "templates").exists() and not (project / "static").exists()
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    html = (project / "_site/index.html").read_text()
    assert '<header class="site-header">' in html
    assert {p.name.split(".")[0] for p in (project / "_site/static").iterdir()} >= {"favicon", "site", "style"}


def test_a_project_template_overrides_only_that_file(tmp_path):
    footer = (THEME / "templates/base.html").read_text().replace("</footer>", "<p>Our own footer line.</p></footer>")
    root = make_project(tmp_path, {"templates/base.html": footer, "static/extra.css": "p { color: teal; }\n"})
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    home = (root / "_site/index.html").read_text()
    assert "Our own footer line." in home
    assert 'class="notes"' in home  # notes.html still comes from the default theme
    names = [p.name for p in (root / "_site/static").iterdir()]
    assert any(n.startswith("extra.") for n in names) and any(n.startswith("style.") for n in names)


def test_a_missing_template_is_a_located_error_and_the_last_site_stays(project):
    assert run_cli(project, "build").returncode == 0
    before = (project / "_site/index.html").read_bytes()
    page = (THEME / "templates/page.html").read_text().replace('{% extends "base.html" %}', '{% extends "bse.html" %}')
    (project / "templates").mkdir()
    (project / "templates/page.html").write_text(page)
    result = run_cli(project, "build")
    assert result.returncode == 1
    assert "templates/page.html:1:1: error: template 'bse.html' is not found" in result.stderr
    assert "did you mean 'base.html'?" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert (project / "_site/index.html").read_bytes() == before


def test_a_template_syntax_error_is_reported_at_its_line(project):
    (project / "templates").mkdir()
    (project / "templates/sources.html").write_text('{% extends "base.html" %}\n{% block main %}\n{% if x %}\n{% endblock %}\n')
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "templates/sources.html:4:1: error: template syntax error:" in result.stderr


def test_a_template_that_fails_while_rendering_is_located_and_writes_nothing(project):
    assert run_cli(project, "build").returncode == 0
    before = sorted(p.relative_to(project / "_site").as_posix() for p in (project / "_site").rglob("*"))
    (project / "templates").mkdir()
    (project / "templates/sources.html").write_text('{% extends "base.html" %}\n{% block main %}\n\n{{ no_such_name }}\n{% endblock %}\n')
    result = run_cli(project, "build")
    assert result.returncode == 1, result.stderr
    assert "templates/sources.html:4:1: error: template error while rendering sources/: UndefinedError:" in result.stderr
    assert "internal error" not in result.stderr
    assert sorted(p.relative_to(project / "_site").as_posix() for p in (project / "_site").rglob("*")) == before
