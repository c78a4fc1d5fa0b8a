"""Browser fixtures: those for this repository's site and Chromium are shared by every test folder (tests/conftest.py,
from tests/browsing.py); here, the small briefing made for behaviours that need particular content (demo.py)."""

from __future__ import annotations

from demo import demo_offline, demo_project, demo_site, demo_url  # noqa: F401 - fixtures
