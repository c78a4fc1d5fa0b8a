"""`build`: verify, then write the site into its output folder (the default command)."""

from __future__ import annotations

import argparse
import os

from ..diagnostics import Diagnostics, plural
from ..pipeline import publish
from ..report import add_format_option, report_success
from ..targets import Target
from .common import add_output_options, counts, output_folder, shown, summary

NAME = "build"
HELP = "verify and build the site (the default command)"


def configure(parser: argparse.ArgumentParser) -> None:
    add_output_options(parser)
    parser.add_argument("--preview", action="store_true",
                        help="mark the build as a preview: a visible banner and noindex on every page")
    add_format_option(parser)


def run(args: argparse.Namespace) -> int:
    out = output_folder(args.root, args.out)
    diag = Diagnostics()
    target = Target(base_url=args.base_url, preview=args.preview)
    site, count = publish(args.root, out, diag, target=target, strict=args.strict, jobs=os.cpu_count() or 1)
    report_success(diag, listed=False, fmt=args.format,
                   line=f"built {plural(count, 'file')} into {shown(out, args.root)}: {summary(site, diag)}",
                   summary=counts(site, diag), written=count, out=shown(out, args.root))
    return 0
