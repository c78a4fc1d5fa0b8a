"""`schemas`: write the JSON Schemas of the project's YAML files into its schemas/ folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..jsonschemas import FOLDER, rendered

NAME = "schemas"
VERIFIES = False
HELP = f"write (or refresh) the JSON Schemas that YAML editors use, into the project's {FOLDER}/ folder"


def configure(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    for line in write_schemas(args.root):
        print(line)
    return 0


def write_schemas(root: Path) -> list[str]:
    """Write each schema whose bytes differ; say what was done to each."""
    folder = root / FOLDER
    folder.mkdir(exist_ok=True)
    done = []
    for name, data in rendered().items():
        path = folder / name
        if path.is_file() and path.read_bytes() == data:
            done.append(f"{FOLDER}/{name} is up to date")
            continue
        path.write_bytes(data)
        done.append(f"wrote {FOLDER}/{name}")
    return done
