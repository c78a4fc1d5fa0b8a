"""Screenshots for a human look: the home page and a source page (arriving from a footnote), at a desktop and a
phone width, in the light and the dark theme. Builds the real content into a temporary folder first.

    .venv/bin/python tests/browser/screenshots.py [--out .cache/screenshots] [--full-page]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from support import ARGS, CHROMIUM, ROOT, build, serve  # noqa: E402

WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}
THEMES = ("light", "dark")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "screenshots", help="folder for the PNGs")
    parser.add_argument("--full-page", action="store_true", help="capture whole pages, not the first screen")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = build(Path(tmp) / "site")
        home = (site / "index.html").read_text(encoding="utf-8")
        first_note = re.search(r'class="note-source" href="([^"]+)"', home)  # where the home page's note 1 leads
        shots = {"home": "", "source": first_note[1] if first_note else "sources/"}
        with serve(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            for width_name, (width, height) in WIDTHS.items():
                for theme in THEMES:
                    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=theme)
                    page = context.new_page()
                    for name, url in shots.items():
                        page.goto(base + url)
                        page.wait_for_load_state("load")
                        path = args.out / f"{name}-{width_name}-{theme}.png"
                        page.screenshot(path=str(path), full_page=args.full_page)
                        print(path)
                    context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
