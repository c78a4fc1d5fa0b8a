"""`quote KEY "text"`: find a passage in a source's seed as the build will match it, and print a claim stub."""

from __future__ import annotations

import argparse

from ..quoting import Found, Unquotable, find, source_and_seed, too_short
from .common import UsageError

NAME = "quote"
VERIFIES = False
HELP = "find a passage in a source's seed as the build matches it: every occurrence, and a claim stub to paste"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key", metavar="KEY", help="the source's key")
    parser.add_argument("text", metavar="TEXT", help="words of the passage, as you would quote them")


def run(args: argparse.Namespace) -> int:
    try:
        source, folded = source_and_seed(args.root, args.key)
    except Unquotable as exc:
        raise UsageError(str(exc)) from None
    found = find(source, folded, args.text)
    if not found.occurrences:
        print(not_found(found))
        return 1
    print(report(found))
    return 0


def report(found: Found) -> str:
    count = len(found.occurrences)
    lines = [f"{count} occurrence{'s' if count != 1 else ''} in {found.seed_path}:"]
    for n, occurrence in enumerate(found.occurrences, 1):
        where = f"line {occurrence.span.line}, column {occurrence.span.column}"
        furniture = f" (page furniture: {occurrence.furniture})" if occurrence.furniture else ""
        shown = f"{occurrence.prefix}»{occurrence.text}«{occurrence.suffix}"
        lines.append(f"  {n}. {where}{furniture}: {shown}")
    if problem := too_short(found):
        lines.append(f"note: {problem}")
    lines.append("")
    lines.append(f"Claim stub for occurrence {found.chosen}" + (" (for another, set `occurrence:` to its number)"
                                                              if count > 1 else "") +
                 f"; paste it under `claims:` in {found.source.path}:")
    return "\n".join(lines) + "\n\n" + found.stub.rstrip("\n")


def not_found(found: Found) -> str:
    lines = [f"not found in {found.seed_path}."]
    near = found.near
    if near is None:
        lines.append("No passage of the seed is close to it.")
        return "\n".join(lines)
    lines += [f"The closest passage, line {near.line}:", f"  seed:  {near.folded}", f"  quote: {near.needle}",
              "  " + " " * (len("seed:  ") + near.at) + "^ the first difference",
              f"As the seed has it: {near.passage}"]
    return "\n".join(lines)
