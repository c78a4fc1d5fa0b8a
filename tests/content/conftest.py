"""Fixtures for the tests of this repository's own briefing (content/ and seeds/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kit import ROOT


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built once into a temporary folder."""
    out = tmp_path_factory.mktemp("real") / "site"
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    return out
