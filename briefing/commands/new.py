"""`new DIR`: start a briefing project that checks, builds, serves, bundles and publishes as created."""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
from importlib import resources
from pathlib import Path

from ..jsonschemas import schema_line
from ..load import GENERATOR
from ..stubs import scalar
from .common import UsageError
from .schemas import write_schemas

NAME = "new"
VERIFIES = False
HELP = "start a new briefing project in DIR: an example source and page, its CI workflow and README"
PLACEHOLDER_REPO = "https://github.com/OWNER/REPOSITORY.git"
FILES = {  # starter file → where it goes in the project
    "site.yaml": "content/site.yaml", "example.yaml": "content/sources/courier.yaml", "example.txt": "seeds/example.txt",
    "index.md": "content/pages/index.md", "gitignore": ".gitignore", "README.md": "README.md",
    "workflow.yml": ".github/workflows/site.yml",
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", type=Path, metavar="DIR", help="the new project's folder (new or empty)")
    parser.add_argument("--title", help="the site's title (default: from the folder's name)")
    parser.add_argument("--generator", metavar="URL", help="the git repository the project's CI installs the "
                        "generator from (default: this generator's own 'origin' remote, if it is a network address)")
    parser.add_argument("--generator-ref", metavar="REF", help="the branch, tag or commit of the generator the CI "
                        "installs (default: this generator's current commit, if known, else main)")


def run(args: argparse.Namespace) -> int:
    target = args.dir if args.dir.is_absolute() else Path.cwd() / args.dir
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{args.dir} exists and is not an empty folder: a new project needs a folder of its own")
    title = args.title or re.sub(r"[-_]+", " ", target.name).strip().capitalize() or "A cited briefing"
    repo = args.generator or cloneable(_git("remote", "get-url", "origin")) or PLACEHOLDER_REPO
    ref = args.generator_ref or _git("rev-parse", "HEAD") or "main"
    values = {"@TITLE@": title, "@NAME@": _slug(title), "@GENERATOR_REPO@": repo, "@GENERATOR_REF@": ref,
              "@DESCRIPTION@": scalar("A cited briefing: every sentence is footnoted to the passage of its source.")}
    seed = resources.files("briefing.starter").joinpath("example.txt").read_bytes()
    values["@SHA256@"] = hashlib.sha256(seed).hexdigest()
    for name, rel in FILES.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = resources.files("briefing.starter").joinpath(name).read_bytes()
        if name != "example.txt":  # the seed is evidence: copied byte for byte
            text = data.decode("utf-8").replace("@SCHEMA@", schema_line(rel) if rel.endswith(".yaml") else "")
            for token, value in values.items():
                text = text.replace(token, scalar(value) if token == "@TITLE@" and rel.endswith(".yaml") else value)
            data = text.encode("utf-8")
        path.write_bytes(data)
    write_schemas(target)
    print(f"made a new briefing in {args.dir}: `cd {args.dir} && briefing check && briefing serve`")
    if repo == PLACEHOLDER_REPO:
        print(f"note: set GENERATOR_REPO in {args.dir}/.github/workflows/site.yml to the generator's git repository "
              "(or pass --generator URL): its CI installs the generator from there")
    return 0


def cloneable(remote: str | None) -> str | None:
    """The remote, when a CI machine could clone it (a network address); None for a folder on this machine,
    which the project's CI could never reach (and whose path should not be written into its workflow)."""
    if remote and re.match(r"(https?|ssh|git)://|[\w.-]+@[\w.-]+:", remote):
        return remote
    return None


def _git(*command: str) -> str | None:
    """What this generator's own git checkout says, if it is one."""
    try:
        result = subprocess.run(["git", "-C", str(GENERATOR), *command], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "briefing"
