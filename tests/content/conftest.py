"""Fixtures for the tests of this repository's own briefing (content/ and seeds/)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def real_site(site: Path) -> Path:
    """The real content built once into a temporary folder (the browser tests' `site`, one build for both)."""
    return site
