"""`build`: verify, then write the site into its output folder (the default command)."""

from __future__ import annotations

import argparse
import os

from ..diagnostics import Diagnostics
from ..pipeline import publish
from ..report import print_warnings
from ..targets import Target
from .common import add_output_options, output_folder, shown, summary

NAME = "build"
HELP = "verify and build the site (the default command)"


def configure(parser: argparse.ArgumentParser) -> None:
    add_output_options(parser)
    parser.add_argument("--preview", action="store_true",
                        help="mark the build as a preview: a visible banner and noindex on every page")


def run(args: argparse.Namespace) -> int:
    out = output_folder(args.root, args.out)
    diag = Diagnostics()
    target = Target(base_url=args.base_url, preview=args.preview)
    site, count = publish(args.root, out, diag, target=target, strict=args.strict, jobs=os.cpu_count() or 1)
    print_warnings(diag, listed=False)
    print(f"built {count} files into {shown(out, args.root)}: {summary(site, diag)}")
    return 0
