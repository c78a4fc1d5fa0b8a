"""`bundle`: the offline editions (a zip for file://, one HTML file, a PDF)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..diagnostics import Diagnostics
from ..pipeline import build
from ..report import add_format_option, report_success
from ..targets import Target
from .common import outside_sources, shown

NAME = "bundle"
HELP = "write the offline editions: a zip for file://, one HTML file, a PDF"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dist", type=Path, default=Path("dist"), metavar="DIR", help="output folder (default: dist)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF even when Chromium is available")
    add_format_option(parser)


def run(args: argparse.Namespace) -> int:
    from ..bundle import write_bundle

    diag = Diagnostics()
    result = build(args.root, diag, target=Target(index_files=True), strict=args.strict)
    dist = outside_sources(args.root, args.dist, option="--dist")  # only our own file names in it are replaced
    written = write_bundle(result, dist=dist, template=result.inputs.templates["single.html"], pdf=not args.no_pdf)
    lines = [f"wrote {shown(path, args.root)} ({path.stat().st_size // 1024} KB)" for path in written]
    report_success(diag, listed=False, fmt=args.format, line="\n".join(lines),
                   written=[shown(path, args.root) for path in written])
    return 0
