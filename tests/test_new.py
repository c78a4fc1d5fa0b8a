"""`briefing new`: a project that checks, builds, serves, bundles and passes its own CI as created."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_serve import free_port, wait_for

BRIEFING = Path(sys.executable).parent / "briefing"


def briefing(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    """The console script the README's install command puts on the PATH, run as an author would."""
    return subprocess.run([str(BRIEFING), *args], capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def created(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("new")
    result = briefing(where, "new", "licences", "--generator", "https://example.org/briefing.git",
                      "--generator-ref", "v1.2")
    assert result.returncode == 0, result.stderr
    return where / "licences"


def test_done_when_new_then_check_strict_then_build_succeed(tmp_path):
    assert briefing(tmp_path, "new", str(tmp_path / "b")).returncode == 0
    strict = briefing(tmp_path / "b", "check", "--strict")
    assert strict.returncode == 0, strict.stderr
    assert strict.stdout.startswith("ok: 1 source, 5 claims") and strict.stderr == ""
    built = briefing(tmp_path / "b", "build")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "b/_site/index.html").is_file() and (tmp_path / "b/_site/sources/courier/index.html").is_file()


def test_the_project_holds_its_content_ci_readme_and_schemas_but_no_theme(created):
    files = sorted(p.relative_to(created).as_posix() for p in created.rglob("*") if p.is_file())
    assert files == [".github/workflows/site.yml", ".gitignore", "README.md", "content/pages/index.md",
                     "content/site.yaml", "content/sources/courier.yaml", "schemas/data.json", "schemas/facts.json", "schemas/page.json",
                     "schemas/site.json", "schemas/source.json", "seeds/example.txt"]
    assert (created / "content/site.yaml").read_text().startswith("# yaml-language-server: $schema=../schemas/site.json\n")
    assert "title: Licences\n" in (created / "content/site.yaml").read_text()
    assert (created / "content/sources/courier.yaml").read_text().startswith(
        "# yaml-language-server: $schema=../../schemas/source.json\n")
    assert {"/_site/", "/dist/", "/.venv/", "/.generator/"} <= set((created / ".gitignore").read_text().split())
    assert (created / "README.md").read_text().startswith("# Licences\n")


def test_its_workflow_installs_the_generator_given_checks_with_annotations_and_passes_actionlint(created):
    workflow = (created / ".github/workflows/site.yml").read_text()
    assert "GENERATOR_REPO: https://example.org/briefing.git\n" in workflow and "GENERATOR_REF: v1.2\n" in workflow
    assert workflow.count(".venv/bin/briefing check --strict --format github") == 2
    assert "--preview --base-url" in workflow and "briefing diff" in workflow and "remove-preview:" in workflow
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    result = subprocess.run([actionlint, str(created / ".github/workflows/site.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_its_ci_steps_pass_as_created(created, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(created, project)
    check = briefing(project, "check", "--strict", "--format", "github", env={"GITHUB_ACTIONS": "true"})
    assert check.returncode == 0 and "::error" not in check.stdout, check.stdout + check.stderr
    preview = briefing(project, "build", "--preview", "--base-url", "https://o.github.io/licences/pr-1/")
    assert preview.returncode == 0, preview.stderr
    assert "preview-banner" in (project / "_site/index.html").read_text()
    bundle = briefing(project, "bundle", "--no-pdf")
    assert bundle.returncode == 0, bundle.stderr
    assert (project / "dist/licences-offline.zip").is_file() and (project / "dist/licences.html").is_file()


def test_it_serves(created, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(created, project)
    port = free_port()
    process = subprocess.Popen([str(BRIEFING), "serve", "--port", str(port)], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/", lambda body: "Millbrook Public Library will open" in body)
    finally:
        process.kill()
        process.wait()


def test_only_a_remote_a_ci_machine_can_clone_is_written_into_the_workflow():
    from briefing.commands.new import cloneable

    for remote in ("https://github.com/o/r.git", "git@github.com:o/r.git", "ssh://git@host/r.git"):
        assert cloneable(remote) == remote
    for remote in ("/home/me/briefing", "../briefing", "file:///srv/briefing.git", None, ""):
        assert cloneable(remote) is None, remote


def test_new_refuses_a_folder_that_is_not_empty_and_says_when_the_generator_is_unknown(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full/notes.txt").write_text("mine")
    refused = briefing(tmp_path, "new", "full")
    assert refused.returncode == 1 and "is not an empty folder" in refused.stderr
    assert (tmp_path / "full/notes.txt").read_text() == "mine"
    made = briefing(tmp_path, "new", "other")
    workflow = (tmp_path / "other/.github/workflows/site.yml").read_text()
    if "OWNER/REPOSITORY" in workflow:  # this generator has no 'origin' remote: the author is told to set it
        assert "note: set GENERATOR_REPO" in made.stdout
    assert "GENERATOR_REF: " in workflow
