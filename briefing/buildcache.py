"""The build cache: what a successful `build` wrote, kept in the project's `.cache/build/` (git-ignored)
so that a `build` of the same inputs by the same generator writes the same site without verifying and
rendering it again.

An entry is keyed by a digest of everything the output depends on: every input file's bytes (site.yaml,
the registry, sources, pages, data, seeds, templates, static files, the vendored search library, by
path), the target (base URL, preview) and `--strict`, and the generator's version: a digest of its own
code and the installed versions of the libraries that shape the output. It lists each output file by
path and sha256, with the warnings the build gave and its summary counts; the files themselves are
kept once each by sha256 in `objects/` (hard links to the site the entry was made from, where the file
system allows; a site written from the cache is a copy, so no two output folders share a file).

Derived data, never trusted: an entry is used only if it parses, names the same key and generator
version, and its own checksum holds, and every file it lists is there with the sha256 it is listed
under (read and checked as it is copied out). Anything else (a damaged, truncated, stale or foreign
entry, a missing or altered object) is ignored and the site is built in full, as with no cache, and the
entry written afresh. So the output is the same with the cache warm, cold or broken. A cache folder
that cannot be written just goes unused; failed builds are not cached. `--no-cache` bypasses it.

A build whose inputs changed takes from the kept entries what did not (`Parts`, `Verdicts`, `Rendered`)."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import cache, partial
from importlib import metadata
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Location
from .load import Inputs
from .resolve import Site, Verdict
from .targets import Target

FORMAT = 1
"""The layout of an entry."""
FOLDER = Path(".cache") / "build"
KEEP = 8
"""Entries kept (the newest); objects no kept entry lists are removed."""
LIBRARIES = ("jinja2", "markupsafe", "markdown-it-py", "mdit-py-plugins", "pyyaml", "trafilatura", "lxml", "justext",
             "pypdf")
"""Installed packages whose version can change what a build writes."""
PACKAGE = Path(__file__).resolve().parent


@cache
def generator_version() -> str:
    """A digest of the generator's own code (every module, so any change to it starts afresh) and of the
    versions of Python and of the libraries that shape the output."""
    code = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        code.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    libraries = " ".join(f"{name}=={_version(name)}" for name in LIBRARIES)
    return f"{code.hexdigest()[:20]} python=={sys.version.split()[0]} {libraries}"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "none"


def build_key(inputs: Inputs, target: Target, *, strict: bool) -> str:
    """The digest of everything a build's output depends on."""
    digest = hashlib.sha256()
    _add(digest, "strict" if strict else "lenient")
    _inputs_digest(digest, inputs, target, pages=True)
    return digest.hexdigest()


def _inputs_digest(digest: Any, inputs: Inputs, target: Target, *, pages: bool) -> None:
    """Add to `digest` the generator's version, the target and every input file (but the pages unless `pages`)."""
    add = partial(_add, digest)
    add(generator_version(), json.dumps([(f.name, repr(getattr(target, f.name))) for f in fields(target)]),
        str(inputs.root))
    add("site", inputs.site if inputs.site is not None else "\0none", "facts",
        inputs.facts if inputs.facts is not None else "\0none")
    for group in ("sources", "pages", "data", "templates", "template_paths", "static", "vendor"):
        if group == "pages" and not pages:
            continue
        items = getattr(inputs, group)
        add(group, str(len(items)))
        for name in sorted(items):
            value = items[name]
            add(name, hashlib.sha256(value.encode() if isinstance(value, str) else value).digest())
    add("seeds", str(len(inputs.seeds)))
    for name in sorted(inputs.seeds):
        entry = inputs.seeds[name]
        add(name, "escapes" if entry.escapes else "", hashlib.sha256(entry.data).digest() if entry.data is not None else b"")


@dataclass(frozen=True)
class Hit:
    """A usable entry: the output files (checked as they are read), the warnings and the summary counts."""

    files: list[tuple[str, str]]
    diagnostics: list[Diagnostic]
    counts: dict[str, int]
    folder: Path

    def outputs(self) -> Iterator[tuple[str, bytes]]:
        """Each file's bytes; raises Stale when one is missing or not what the entry says."""
        for rel, sha in self.files:
            data = _intact(self.folder, sha)
            if data is None:
                raise Stale(rel)
            # Written as a copy, not linked: two output folders built from one entry must not share files.
            yield rel, data


class Stale(Exception):
    """A cached file is missing or altered: the build is made again in full."""


def _intact(folder: Path, sha: str) -> bytes | None:
    """The bytes of the object `sha` in the cache `folder`, if it is there and they have that sha256. An
    altered object is removed, so that the build then keeps the right bytes in its place."""
    path = folder / "objects" / sha
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != sha:
        path.unlink(missing_ok=True)
        return None
    return data


def folder_of(root: Path) -> Path:
    return root / FOLDER


def lookup(root: Path, key: str) -> Hit | None:
    folder = folder_of(root)
    try:
        entry = json.loads((folder / f"{key}.json").read_bytes())
        payload = entry["payload"]
        if (entry["format"], entry["key"], entry["generator"]) != (FORMAT, key, generator_version()) \
                or entry["check"] != _checksum(payload):
            return None
        files = [(str(rel), str(sha)) for rel, sha in payload["files"]]
        diagnostics = [Diagnostic(Location(d["path"], int(d["line"]), int(d["column"])), str(d["severity"]),
                                  str(d["message"]), str(d["kind"])) for d in payload["diagnostics"]]
        counts = {str(k): int(v) for k, v in payload["counts"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if any(d.severity != "warning" for d in diagnostics) or any(len(sha) != 64 for _, sha in files):
        return None
    return Hit(files, diagnostics, counts, folder)


class Recorder:
    """Passes a build's output files through to the writer (`wrap`), noting each one's sha256."""

    def __init__(self) -> None:
        self.files: list[tuple[str, str]] = []

    def wrap(self, files: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
        for rel, data in files:
            self.files.append((rel, hashlib.sha256(data).hexdigest()))
            yield rel, data
            data = b""  # not held while the next file is made


def save(root: Path, key: str, out: Path, files: list[tuple[str, str]], diagnostics: list[Diagnostic],
         counts: dict[str, int], shows: dict[str, str] | None = None) -> None:
    """Keep what `out` now holds as the entry for `key`, with what each rendered file shows (see
    `Rendered`). Best effort: a failure only leaves no entry."""
    folder = folder_of(root)
    objects = folder / "objects"
    try:
        objects.mkdir(parents=True, exist_ok=True)
        for rel, sha in files:
            _keep(out / rel, objects / sha)
        payload = {"files": files, "counts": counts, "shows": dict(sorted((shows or {}).items())),
                   "diagnostics": [d.record() for d in diagnostics]}
        entry = {"format": FORMAT, "key": key, "generator": generator_version(), "check": _checksum(payload),
                 "payload": payload}
        _atomic(folder / f"{key}.json", json.dumps(entry, ensure_ascii=False).encode())
        _prune(folder)
    except OSError:
        return


def _keep(written: Path, stored: Path) -> None:
    """The object for a written file: a hard link to it (no copy), else a copy."""
    if stored.exists():
        return
    try:
        os.link(written, stored)
    except OSError:
        _atomic(stored, written.read_bytes())


def _atomic(path: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
        raise


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
    listed: set[str] = set()
    for entry in entries[:KEEP]:
        try:
            listed.update(sha for _, sha in json.loads(entry.read_bytes())["payload"]["files"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
    for stored in (folder / "objects").iterdir():
        if stored.name not in listed:
            stored.unlink(missing_ok=True)


def _is_sha(name: object) -> bool:
    """A sha256 in hex: the only names `objects/` holds."""
    return isinstance(name, str) and len(name) == 64 and all(c in "0123456789abcdef" for c in name)


def _checksum(payload: object) -> str:
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


class Rendered:
    """Rendered files of earlier builds, for a `build` whose inputs changed since (an entry serves only
    the very same inputs): every file the kept entries list is found again by a digest of what it
    shows, so a page whose digest did not change is copied from `objects/` instead of rendered again.

    A digest (`key`) is made of everything every page can show, which is every input but the pages'
    texts (site.yaml, the registry, the data, the sources, the seeds, the templates, the static files
    and the search library, with the target and the generator's version), and of what the renderer
    says that this one file shows of the pages (render.py: a briefing page, its own text and where
    each page stands in the navigation; a source page, which pages cite each of its claims). So a page
    edit renders that page again, and the source pages whose claims it starts or stops citing; an
    edit to anything every page shows renders every page. A file is copied only if it is there with the sha256 its entry
    lists (checked as it is read); else it is rendered. So the output is the same as without it."""

    def __init__(self, root: Path, inputs: Inputs, target: Target) -> None:
        self.folder = folder_of(root)
        digest = hashlib.sha256()
        _inputs_digest(digest, inputs, target, pages=False)
        self.shared = digest.digest()
        self.pages = {path: hashlib.sha256(text.encode()).digest() for path, text in inputs.pages.items()}
        self.known = _shown(self.folder)
        self.shows: dict[str, str] = {}
        """What each file of this build shows, by path: kept with the entry (see `save`)."""

    def key(self, rel: str, *shows: str | bytes, page: str | None = None) -> str:
        """The digest of what the file `rel` shows: `shows`, and the text of the page at `page`."""
        digest = hashlib.sha256(self.shared)
        _add(digest, rel, self.pages.get(page, b"\0none") if page is not None else b"", *shows)
        key = self.shows[rel] = digest.hexdigest()
        return key

    def has(self, key: str) -> bool:
        """Whether an earlier build rendered a file for `key` (that is still to be read, see `get`)."""
        return key in self.known

    def get(self, key: str) -> bytes | None:
        """The bytes an earlier build rendered for `key`, if they are kept and intact."""
        sha = self.known.get(key)
        return _intact(self.folder, sha) if sha is not None else None


def _shown(folder: Path) -> dict[str, str]:
    """Per digest of what a file shows, the sha256 of its bytes, from every usable entry (the newest first)."""
    known: dict[str, str] = {}
    try:
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError:
        return known
    version = generator_version()
    for path in entries:
        try:
            entry = json.loads(path.read_bytes())
            payload = entry["payload"]
            if (entry["format"], entry["generator"]) != (FORMAT, version) or entry["check"] != _checksum(payload):
                continue
            shows = payload["shows"]
            for rel, sha in payload["files"]:
                shown = shows.get(rel)
                if isinstance(shown, str) and _is_sha(sha):
                    known.setdefault(shown, sha)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    return known


PARTS = "parts"
"""The folder, in the build cache, of verified parts (see `Parts`)."""
PARTS_MAGIC = b"briefing verified part 1\n"
PARTS_KEPT = 2
"""Parts kept after a build, as a multiple of the number it used."""


class Parts:
    """Verified parts of earlier builds, for a `build` whose inputs changed since (the entries above
    serve only the very same inputs): what verifying a few sources produced (parallel.py's workers
    make them: each stage's results with their memo keys and the diagnostics they gave), kept in
    `.cache/build/parts/` by a digest of everything the work read. That is the files themselves and
    whatever else a part's work can see (every seed, site.yaml, the registry, the data, the project's
    folder, the generator's version), so a part is found again only by work that would make it anew.

    Derived data, never trusted: a part is used only if its checksum holds and it unpickles, else it is
    made again (and rewritten); and the build checks each of its results against its own memo key
    before using it, as with results from a worker. So the output is the same with parts warm, cold,
    stale or damaged. After a build, the parts it used are kept, with the newest others up to
    `PARTS_KEPT` times as many; the rest are removed. A folder that cannot be written goes unused."""

    def __init__(self, root: Path) -> None:
        self.folder = folder_of(root) / PARTS
        self.used: set[str] = set()

    def context(self, inputs: Inputs) -> bytes:
        """The digest of what every part's work can see besides its own files."""
        digest = hashlib.sha256()
        _add(digest, generator_version(), str(inputs.root), inputs.site or "\0none", inputs.facts or "\0none")
        for name in sorted(inputs.data):
            _add(digest, name, inputs.data[name])
        _add(digest, "seeds", str(len(inputs.seeds)))
        for name in sorted(inputs.seeds):
            entry = inputs.seeds[name]
            _add(digest, name, "escapes" if entry.escapes else "",
                 hashlib.sha256(entry.data).digest() if entry.data is not None else b"\0none")
        return digest.digest()

    @staticmethod
    def key(context: bytes, files: dict[str, str]) -> str:
        """The digest naming a part: the context, and each source file's path and text."""
        digest = hashlib.sha256(context)
        _add(digest, str(len(files)))
        for path in sorted(files):
            _add(digest, path, files[path])
        return digest.hexdigest()

    def get(self, key: str) -> bytes | None:
        """The part's pickled slots, if it is kept and intact."""
        self.used.add(key)
        return _unsealed(self.folder / key, PARTS_MAGIC)

    def put(self, key: str, payload: bytes) -> None:
        """Keep a part (best effort)."""
        self.used.add(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _atomic(self.folder / key, _sealed(PARTS_MAGIC, payload))
        except OSError:
            return

    def prune(self) -> None:
        """Keep the parts this build used and the newest others, up to PARTS_KEPT times as many."""
        try:
            kept = sorted(self.folder.iterdir(), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        except OSError:
            return
        others = [p for p in kept if p.name not in self.used]
        for old in others[(PARTS_KEPT - 1) * len(self.used):]:
            old.unlink(missing_ok=True)
        for used in self.used:  # so that parts still in use stay among the newest
            try:
                os.utime(self.folder / used)
            except OSError:
                continue


VERDICTS = "pages"
"""The file, in the build cache, of the last build's page verdicts (see `Verdicts`)."""
VERDICTS_MAGIC = b"briefing page verdicts 1\n"


class Verdicts:
    """What the last successful `build` found verifying each page (resolve.Verdict: the page's
    diagnostics, the claims it numbers with their markers, its search records), kept in one file,
    `.cache/build/pages`, by a digest of everything verifying the page can see: its own path and
    text, the paths of all pages (what its links can name), and every input but the pages' texts (the
    digests `Rendered` makes of them all: site.yaml, the registry, the data, the sources, the seeds, the
    templates, the static files, with the target and the generator's version). So after a page edit,
    only that page is parsed and checked; an edit to a source, or a page added or removed, has every
    page checked again.

    Derived data, never trusted: the file is used only if its checksum holds and it unpickles to
    verdicts; resolving takes a verdict only if every claim it names is there (else it reads the page);
    a page whose verdict is taken is still parsed if it must be rendered. So the output and the
    diagnostics are the same with the file warm, cold, stale or damaged (tested)."""

    def __init__(self, root: Path, rendered: Rendered) -> None:
        self.path = folder_of(root) / VERDICTS
        texts = rendered.pages  # each page's text, by its sha256
        context = hashlib.sha256(rendered.shared)
        _add(context, "pages", str(len(texts)), *sorted(texts))
        self.keys = {}
        for path, text in texts.items():
            digest = context.copy()
            _add(digest, path, text)
            self.keys[path] = digest.hexdigest()
        self.kept = self._read()

    def _read(self) -> dict[str, Verdict]:
        data = _unsealed(self.path, VERDICTS_MAGIC)
        if data is None:
            return {}
        try:
            kept = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a damaged file, whatever it raises, is made again
            return {}
        if not isinstance(kept, dict) \
                or not all(isinstance(k, str) and isinstance(v, Verdict) for k, v in kept.items()):
            return {}
        return kept

    def found(self) -> frozenset[str]:
        """The paths of the pages whose verdicts are kept."""
        return frozenset(path for path, key in self.keys.items() if key in self.kept)

    def get(self, path: str) -> Verdict | None:
        return self.kept.get(self.keys.get(path, ""))

    def save(self, site: Site) -> None:
        """Keep the verdicts of `site`'s pages (those with their search records), replacing the last
        build's. Best effort: a failure only leaves none."""
        verdicts = {self.keys[page.path]: verdict for page in site.corpus.pages
                    if page.path in self.keys and (verdict := site.verdicts.get(page.url)) is not None
                    and verdict.records is not None}
        payload = pickle.dumps(verdicts, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _atomic(self.path, _sealed(VERDICTS_MAGIC, payload))
        except OSError:
            return


def _sealed(magic: bytes, payload: bytes) -> bytes:
    """A file of the build cache's own: `magic`, the payload's sha256 in hex, the payload."""
    return magic + hashlib.sha256(payload).hexdigest().encode() + payload


def _unsealed(path: Path, magic: bytes) -> bytes | None:
    """The payload of a file `_sealed` made, if it is there and intact."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(magic) + 64
    if not data.startswith(magic) or data[len(magic):head] != hashlib.sha256(data[head:]).hexdigest().encode():
        return None
    return data[head:]


def _add(digest: Any, *parts: str | bytes) -> None:
    """Add each part to `digest`, with its length (so that no two lists of parts give the same bytes)."""
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
