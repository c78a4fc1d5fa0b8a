"""Reads the project from disk: the only module that reads input files."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostics, Location


@dataclass(frozen=True)
class SeedFile:
    data: bytes | None
    """The bytes, or None when the entry may not be read (a symlink leaving the project)."""
    escapes: bool = False


@dataclass(frozen=True)
class Inputs:
    root: Path
    site: str | None
    sources: dict[str, str]
    """content/sources/*.yaml, by project-relative path."""
    pages: dict[str, str]
    data: dict[str, str]
    seeds: dict[str, SeedFile]
    """Every entry of seeds/, by file name."""
    templates: dict[str, str]
    """The theme's templates by name: the generator's default theme, overridden file by file by the project's templates/."""
    static: dict[str, bytes]
    """The theme's static files by path relative to static/: the default theme's, overridden file by file by the project's."""
    vendor: dict[str, bytes]
    """Browser libraries installed with npm beside the generator, published with the site."""
    template_paths: dict[str, str] = field(default_factory=dict)
    """Per template name, the file it was read from, for located errors: `templates/x.html` when the project
    overrides it, else the default theme's file inside the generator."""
    facts: str | None = None
    """content/facts.yaml, the registry of shared facts, when the project has one."""


Signature = tuple[int, int, int, int]
"""A file's (modification time, change time, size, inode): what tells `Reads`, and serve's watcher, that
it changed."""


def signature(info: os.stat_result) -> Signature:
    return info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino


class Reads:
    """Files read by earlier loads, each with the signature of its stat (modification and change times,
    size, inode): `serve` keeps one, so a rebuild reads (and decodes) again only the files an edit touched.
    (Changes are found the same way by serve's watcher; a one-off build reads everything.)"""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[Signature, bytes]] = {}
        self._texts: dict[str, tuple[bytes, str | None]] = {}
        self._known: dict[str, Signature] = {}

    def trust(self, known: dict[str, Signature] | None) -> None:
        """Take these signatures (path → as `file` makes them) as the files' current ones, instead of a
        stat each: serve's watcher has just made them all, so a rebuild need not again. A file that
        changes after that is found by the watcher's next poll, which rebuilds again. None: stat each."""
        self._known = known or {}

    def read(self, path: str) -> bytes:
        data = self.file(path)
        if data is None:
            raise FileNotFoundError(path)
        return data

    def file(self, path: str) -> bytes | None:
        """The bytes of `path`, or None when it is not a file (one stat, which also tells if it changed).
        Paths are strings, as the watcher's are: a rebuild asks for thousands (pathlib would cost more
        than the lookups)."""
        key = path
        known = self._known.get(key)
        if known is not None and (found := self._seen.get(key)) is not None and found[0] == known:
            return found[1]
        try:
            info = os.stat(key)
        except (FileNotFoundError, NotADirectoryError):
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        now = signature(info)
        found = self._seen.get(key)
        if found is not None and found[0] == now:
            return found[1]
        with open(key, "rb") as handle:
            data = handle.read()
        self._seen[key] = (now, data)
        return data

    def decoded(self, path: str, data: bytes) -> str | None:
        """The text of `data` as read from `path` (None if not UTF-8), decoded once per version of the file."""
        found = self._texts.get(path)
        if found is not None and found[0] is data:
            return found[1]
        try:
            text: str | None = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
        self._texts[path] = (data, text)
        return text


def _read(path: str, reads: Reads | None) -> bytes:
    if reads is not None:
        return reads.read(path)
    with open(path, "rb") as handle:
        return handle.read()


def load(root: Path, diag: Diagnostics, *, reads: Reads | None = None) -> Inputs:
    root = root.resolve()
    return Inputs(
        root=root,
        site=_text(root, "content/site.yaml", diag, required=True, reads=reads),
        sources=_texts(root, "content/sources", "*.yaml", diag, reads),
        pages=_pages(root, diag, reads),
        data=_texts(root, "content/data", "*.yaml", diag, reads),
        seeds=_seeds(root, reads),
        templates=_templates(root, diag),
        static={**_files(THEME / "static"), **_files(root / "static")},
        vendor=_vendor(root),
        template_paths=_template_paths(root),
        facts=_text(root, "content/facts.yaml", diag, reads=reads),
    )


GENERATOR = Path(__file__).resolve().parent.parent
THEME = Path(__file__).resolve().parent / "theme"
"""The default theme: templates/ and static/, used for every file a project does not provide itself."""
VENDOR = {"minisearch.js": "node_modules/minisearch/dist/umd/index.js"}
"""Published name → file installed by `npm ci` (package.json pins the versions)."""


def _vendor(root: Path) -> dict[str, bytes]:
    """From the generator's own node_modules (its checkout, where the README's install command runs `npm ci`),
    so a project anywhere else needs no npm of its own; a project's node_modules, if it has one, comes first."""
    found = {}
    for name, rel in VENDOR.items():
        path = next((base / rel for base in (root, GENERATOR) if (base / rel).is_file()), None)
        if path is not None:
            found[name] = path.read_bytes()
    return found


def _templates(root: Path, diag: Diagnostics) -> dict[str, str]:
    found = {name: (THEME / "templates" / name).read_text("utf-8") for name in _template_names(THEME / "templates")}
    for name in _template_names(root / "templates"):
        text = _text(root, f"templates/{name}", diag)
        if text is not None:
            found[name] = text
    return found


def _template_paths(root: Path) -> dict[str, str]:
    paths = {name: (THEME / "templates" / name).relative_to(GENERATOR).as_posix()
             for name in _template_names(THEME / "templates")}
    return paths | {name: f"templates/{name}" for name in _template_names(root / "templates")}


def _template_names(folder: Path) -> list[str]:
    """Templates by path relative to the folder (e.g. `page.html`, `partials/x.html`)."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html") if p.is_file()) if folder.is_dir() else []


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _text(root: Path, rel: str, diag: Diagnostics, *, required: bool = False, reads: Reads | None = None) -> str | None:
    path = os.path.join(root, rel)
    data = reads.file(path) if reads is not None else (_read(path, None) if os.path.isfile(path) else None)
    if data is None:
        if required:
            diag.error(Location(rel), "file is missing", kind="missing")
        return None
    if reads is not None and (text := reads.decoded(path, data)) is not None:
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        diag.error(byte_location(rel, data, exc.start),
                   f"file is not valid UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}", kind="encoding")
        return None


def byte_location(rel: str, data: bytes, offset: int) -> Location:
    """The line and column (counted in bytes) of a byte offset, for undecodable files."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return Location(rel, data.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def _texts(root: Path, folder: str, pattern: str, diag: Diagnostics, reads: Reads | None = None) -> dict[str, str]:
    found = {}
    suffix = pattern.removeprefix("*")
    assert "*" not in suffix  # only "*.ext" patterns: listed with scandir, far cheaper than glob per rebuild
    try:
        with os.scandir(root / folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(suffix))
    except (FileNotFoundError, NotADirectoryError):
        names = []
    for name in names:
        rel = f"{folder}/{name}"
        text = _text(root, rel, diag, reads=reads)
        if text is not None:
            found[rel] = text
    return found


def _pages(root: Path, diag: Diagnostics, reads: Reads | None = None) -> dict[str, str]:
    """The pages; a project without its pages folder or its home page is reported (each once)."""
    if not (root / "content/pages").is_dir():
        diag.error(Location("content/pages"), "folder is missing: a briefing's pages are content/pages/*.md, "
                   "its home page content/pages/index.md", kind="missing")
        return {}
    if not (root / "content/pages/index.md").is_file():
        diag.error(Location("content/pages/index.md"), "there is no home page: add content/pages/index.md "
                   "(it becomes the site's index.html)", kind="missing")
    return _texts(root, "content/pages", "*.md", diag, reads)


def _seeds(root: Path, reads: Reads | None = None) -> dict[str, SeedFile]:
    folder = root / "seeds"
    entries: dict[str, SeedFile] = {}
    try:
        with os.scandir(folder) as listing:  # scandir knows links and plain files without a stat each
            found = sorted((e.name, e.is_symlink(), e.is_file()) for e in listing)
    except (FileNotFoundError, NotADirectoryError):
        found = []
    for name, link, plain in found:
        path = os.path.join(folder, name)
        real = os.path.realpath(path) if link else path  # resolving costs more than reading a small seed
        if link and not Path(real).is_relative_to(root):
            entries[name] = SeedFile(None, escapes=True)
        elif plain:
            entries[name] = SeedFile(_read(real, reads))
    return entries


def _files(folder: Path) -> dict[str, bytes]:
    files = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files
