"""`add-source SEED [--key K]`: put a document in seeds/ and start its source file."""

from __future__ import annotations

import argparse
import hashlib
import re
from pathlib import Path

from ..extract import NotExtractable, extract
from ..jsonschemas import FOLDER, schema_line
from ..sources import SLUG
from ..stubs import source_file
from .common import UsageError
from .schemas import write_schemas

NAME = "add-source"
VERIFIES = False
HELP = "copy a document into seeds/ and write content/sources/KEY.yaml with its seed, sha256 and title"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("seed", type=Path, metavar="SEED", help="the document: a UTF-8 text file, a saved web page (.html, .htm) or a PDF")
    parser.add_argument("--key", help="the source's citation key (default: from the file name)")


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    seed = args.seed if args.seed.is_absolute() else Path.cwd() / args.seed
    if not seed.is_file():
        raise UsageError(f"{args.seed} is not a file")
    data = seed.read_bytes()
    try:
        found = extract(seed.name, data)
    except NotExtractable as exc:
        raise UsageError(str(exc)) from None
    key = args.key or key_for(seed.stem)
    if not re.fullmatch(SLUG, key):
        raise UsageError(f"--key {key} must be lower-case letters, digits and dashes")
    target = root / "content/sources" / f"{key}.yaml"
    if target.exists():
        raise UsageError(f"content/sources/{key}.yaml exists: choose another key with --key")
    copied = root / "seeds" / seed.name
    if copied.exists() and copied.resolve() != seed.resolve() and copied.read_bytes() != data:
        raise UsageError(f"seeds/{seed.name} exists and holds another document: rename the file to add")
    if not (root / FOLDER).is_dir():
        for line in write_schemas(root):
            print(line)
    copied.parent.mkdir(parents=True, exist_ok=True)
    if not copied.exists():
        copied.write_bytes(data)
        print(f"copied {args.seed} to seeds/{seed.name}")
    rel = f"content/sources/{key}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source_file(key=key, seed=seed.name, sha256=hashlib.sha256(data).hexdigest(), title=found.title,
                                  schema_line=schema_line(rel)), encoding="utf-8")
    print(f"wrote {rel}: fill in what it marks 'to fill', then add claims with `briefing quote {key} \"…\"`")
    return 0


def key_for(stem: str) -> str:
    """A citation key from a file name: 'Apache License 2.0' → 'apache-license-2-0'."""
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "source"
