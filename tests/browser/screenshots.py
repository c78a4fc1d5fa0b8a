"""Screenshots for a human look, at a desktop and a phone width, in the light and the dark theme: the home page,
the home page with its first note preview open, a source page (arriving from a footnote) and, on the phone, the
open menu. Builds this repository's content into a temporary folder first.

    .venv/bin/python tests/browser/screenshots.py [--out .cache/screenshots] [--full-page]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from browsing import ARGS, CHROMIUM, ROOT, build, serve  # noqa: E402

WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}
THEMES = ("light", "dark")


def open_preview(page, phone: bool) -> None:
    mark = page.locator("a.noteref").first
    mark.tap() if phone else mark.hover()
    page.locator(".note-preview").wait_for(state="visible")


def open_menu(page, phone: bool) -> None:
    page.locator(".nav-toggle").click()
    page.locator(".nav-list").wait_for(state="visible")


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
        shots = {"home": ("", None), "preview": ("", open_preview),
                 "source": (first_note[1] if first_note else "sources/", None), "menu": ("", open_menu)}
        with serve(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            for width_name, (width, height) in WIDTHS.items():
                phone = width_name == "phone"
                for theme in THEMES:
                    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=theme,
                                                  has_touch=phone)
                    page = context.new_page()
                    for name, (url, action) in shots.items():
                        if name == "menu" and not phone:
                            continue  # on a desktop the navigation is always shown
                        page.goto(base + url)
                        page.wait_for_load_state("load")
                        if action:
                            action(page, phone)
                        path = args.out / f"{name}-{width_name}-{theme}.png"
                        page.screenshot(path=str(path), full_page=args.full_page)
                        print(path)
                    context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
