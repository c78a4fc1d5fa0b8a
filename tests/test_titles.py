"""The site's title names the whole briefing: no other page may share it."""

from __future__ import annotations

from kit import make_project, run_cli

SITE = "title: Acme briefing\ndescription: A test.\nbase_url: https://example.org/\nlanguage: en\n"


def test_a_page_titled_like_the_site_is_a_warning_at_its_title_and_an_error_under_strict(tmp_path):
    root = make_project(tmp_path, {
        "content/site.yaml": SITE,
        "content/pages/about.md": "---\ndescription: A test.\ntitle: ACME Briefing\norder: 5\n---\n"
                                  "Acme raised money [@acme:raise].\n",
    })
    result = run_cli(root, "check")
    assert result.returncode == 0, result.stderr
    assert ("content/pages/about.md:3:8: warning: page title 'ACME Briefing' is also the site's title "
            "(content/site.yaml)") in result.stderr
    assert run_cli(root, "check", "--strict").returncode == 1


def test_the_home_page_may_share_the_site_title(tmp_path):
    root = make_project(tmp_path, {"content/site.yaml": SITE, "content/pages/index.md":
                                   "---\ntitle: Acme briefing\ndescription: A test.\norder: 0\n---\nAcme raised money [@acme:raise].\n"})
    result = run_cli(root, "check", "--strict")
    assert "also the site's title" not in result.stderr
