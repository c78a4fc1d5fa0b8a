"""Writes the output atomically: the only module that writes the site.

The new site is built in a temporary folder beside the output and swapped in with one
rename (RENAME_EXCHANGE where Linux offers it), so the output folder always holds either the
complete previous site or the complete new one, even if the process is killed mid-build."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

MARKER = ".briefing-output"
"""A file in every folder this tool writes, so it can tell its own output from anything else."""
_RENAME_EXCHANGE = 2


class _Held(Protocol):
    """What the output folder holds now, by relative path (a dict of bytes, or `_OnDisk`)."""

    def get(self, rel: str, /) -> bytes | None: ...


class _OnDisk:
    """What `folder` holds now, read file by file as it is asked for (regular files only)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, rel: str) -> bytes | None:
        path = self.folder / rel
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return None
            return path.read_bytes()
        except OSError:
            return None


def write(files: Iterable[tuple[str, bytes]], out: Path, *, previous: dict[str, bytes] | None = None,
          link_unchanged: bool = False) -> int:
    """Replace `out` with exactly `files` ((relative path, bytes) pairs, which may be produced while
    they are written); return how many were written. `previous`, when given, is what `out` holds now:
    files that did not change are hard-linked from it instead of written again (incremental rebuilds).
    `link_unchanged` does the same without `previous`, reading each file `out` holds to compare it.
    Either way the previous site is then removed, so no two output folders share a file. If producing
    the files fails, the staging folder is removed and `out` is left as it was."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    with _lock(out):
        _remove_stale(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        try:
            held = previous if previous is not None else _OnDisk(out) if link_unchanged else None
            reuse = out if held is not None and out.is_dir() else None
            count = _fill(staging, files, reuse=reuse, previous=held or {})
            _swap(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return count


def owned(folder: Path) -> bool:
    """True when the folder is missing, empty, or was written by this tool."""
    return not folder.exists() or (folder.is_dir() and (not any(folder.iterdir()) or (folder / MARKER).is_file()))


@contextmanager
def _lock(out: Path) -> Iterator[None]:
    """Serialise concurrent builds into the same output."""
    with open(out.parent / f".{out.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _fill(staging: Path, files: Iterable[tuple[str, bytes]], *, reuse: Path | None, previous: _Held) -> int:
    folders: set[Path] = set()
    count = 0
    for rel, data in files:
        count += 1
        path = staging / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        if reuse is not None and previous.get(rel) == data:
            try:
                os.link(reuse / rel, path)
                continue
            except OSError:
                pass  # fall back to writing the bytes
        path.write_bytes(data)
        data = b""  # not held while the next file is made (the search index and claims.json are large)
    (staging / MARKER).write_text("Written by the briefing generator; safe to delete and rebuild.\n")
    return count


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` at `out`; afterwards `staging` holds the previous site (or nothing)."""
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    os.rename(out, old)
    os.rename(staging, out)
    os.rename(old, staging)


def _exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.EOPNOTSUPP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def _remove_stale(out: Path) -> None:
    """Staging folders left by a build that was killed."""
    for stale in out.parent.glob(f".{out.name}.new-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)
