"""`diff REF`: what this working tree changes in the evidence, compared with another git revision."""

from __future__ import annotations

import argparse

from .common import UsageError

NAME = "diff"
HELP = "report, as Markdown, what this working tree changes in the evidence compared with another git revision"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ref", help="the git revision to compare with (e.g. main, HEAD~1, origin/main)")


def run(args: argparse.Namespace) -> int:
    from ..diff import DiffError, report, snapshot, snapshot_of_revision

    try:
        old = snapshot_of_revision(args.root, args.ref)
    except DiffError as exc:
        raise UsageError(f"cannot check out '{args.ref}': {exc}") from None
    print(report(old, snapshot(args.root), ref=args.ref), end="")
    return 0
