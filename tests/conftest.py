"""Shared fixtures: small inline projects, the real project's own content built once, and the browser fixtures
(tests/browsing.py), defined here once so that tests/browser and tests/content share one browser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from browsing import axe_script, base_url, browser, page, playwright, site, vnu  # noqa: F401 - fixtures
from kit import ROOT, make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built once into a temporary folder."""
    out = tmp_path_factory.mktemp("real") / "site"
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    return out
