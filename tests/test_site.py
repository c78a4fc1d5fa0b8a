"""End to end over a small briefing of the tests' own (kit.small_briefing): every footnote lands on a
highlighted passage equal to its quote, every link resolves, builds are byte-identical; and the commands'
contract. The same checks on this repository's own briefing are in tests/content/."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from kit import ROOT, make_project, run_cli
from sitecheck import backlink_problems, claims, claims_json_problems, footnote_problems, link_problems


def test_with_no_command_it_builds_with_the_build_commands_defaults(tmp_path):
    # The README's `python build.py` and a bare `briefing`: the default command, every option at its default.
    root = make_project(tmp_path)
    bare = subprocess.run([sys.executable, "-c", "from briefing.cli import run; run()"], cwd=root,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300)
    assert bare.returncode == 0, bare.stderr
    assert bare.stdout.startswith("built ") and (root / "_site/index.html").is_file()
    assert (root / ".cache/build").is_dir(), "the build cache is used, as by `build` without --no-cache"


def test_every_footnote_lands_on_a_highlighted_passage_equal_to_its_quote(small_site):
    root, site = small_site
    problems, followed = footnote_problems(site, root / "seeds")
    assert problems == [] and followed >= 10


def test_every_backlink_and_internal_link_resolves(small_site):
    root, site = small_site
    assert link_problems(site) == [] and backlink_problems(site) == []


def test_claims_json_offsets_cover_exactly_the_matched_passage(small_site):
    root, site = small_site
    assert claims_json_problems(site, root / "seeds") == []
    every = claims(site)
    assert len(every) == 6
    for claim in every.values():
        assert set(claim) >= {"key", "id", "claim", "quote", "seed", "sha256", "start", "end", "line", "column",
                              "topics", "speaker", "cited_by"}


def test_two_builds_are_byte_identical(small_site, tmp_path):
    root, site = small_site
    again = tmp_path / "again"
    assert run_cli(root, "build", "--out", str(again)).returncode == 0
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert files == {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}


def test_check_writes_nothing_and_prints_a_summary(project):
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 1 source, 2 claims, 3 citations, 0 uncited sentences, 0 ungrounded numbers")
    assert not (project / "_site").exists()


def test_build_replaces_the_site_whole(project):
    assert run_cli(project, "build").returncode == 0
    (project / "_site" / "stale.html").write_text("old")
    assert run_cli(project, "build").returncode == 0
    assert not (project / "_site" / "stale.html").exists()
    assert (project / "_site" / "index.html").is_file()


def test_refuses_an_output_folder_it_did_not_make(project):
    (project / "notes").mkdir()
    (project / "notes" / "mine.txt").write_text("keep me")
    for out in ("notes", ".", "content", "seeds", ".."):
        result = run_cli(project, "build", "--out", out)
        assert result.returncode == 1 and "refusing" in result.stderr, out
    assert (project / "notes" / "mine.txt").read_text() == "keep me"


def test_base_url_option_sets_canonical_urls(project):
    assert run_cli(project, "build", "--base-url", "https://example.com/briefing").returncode == 0
    assert '<link rel="canonical" href="https://example.com/briefing/">' in (project / "_site/index.html").read_text()


def test_every_command_and_option_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    overview = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"], capture_output=True, text=True).stdout
    commands = re.findall(r"^    (\w+)\s", overview.split("commands:", 1)[1], re.M)
    assert {"build", "check", "serve", "bundle", "diff"} <= set(commands)
    for command in commands:
        help_text = subprocess.run([sys.executable, str(ROOT / "build.py"), command, "--help"],
                                   capture_output=True, text=True).stdout
        assert f"python build.py {command}" in readme
        for option in (w.strip(",") for w in help_text.split() if w.startswith("--")):
            if option != "--help":
                assert option in readme, f"{command} {option} is not documented"


def test_make_project_is_a_valid_small_project(tmp_path):
    assert run_cli(make_project(tmp_path), "check").returncode == 0
