"""Shared fixtures: small inline projects, a second small briefing built once per session, and the browser
fixtures (tests/browsing.py), defined here once so that every test folder shares one browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from browsing import axe_script, base_url, browser, page, playwright, site, vnu  # noqa: F401 - fixtures
from kit import make_project, run_cli, small_briefing, write_files


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """kit.small_briefing as a project, built once: (project folder, built site)."""
    root = write_files(tmp_path_factory.mktemp("small") / "project", small_briefing())
    out = root / "_site"
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    return root, out
