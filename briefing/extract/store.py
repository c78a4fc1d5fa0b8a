"""The extraction cache: one JSON file per (document digest, extractor version) under `.cache/extract/`.

Derived data, not input: an entry is used only when it names the same digest and extractor version and
its own checksum holds, so a corrupted, truncated, hand-edited or stale entry is ignored and replaced,
and a cache made by another version of an extractor is never read (its entries have other names). The
build's output is therefore the same with the cache warm, cold or broken. Failures are not cached.
Entries are written atomically; a project folder that cannot be written is simply not cached in."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import Extracted

FORMAT = 1
"""The layout of an entry."""


def entry_path(folder: Path, digest: str, version: str) -> Path:
    return folder / f"{digest}-{hashlib.sha256(version.encode()).hexdigest()[:16]}.json"


def get(folder: Path | None, digest: str, version: str) -> Extracted | None:
    if folder is None:
        return None
    try:
        entry = json.loads(entry_path(folder, digest, version).read_bytes())
        payload = entry["payload"]
        if (entry["format"], entry["sha256"], entry["extractor"]) != (FORMAT, digest, version) \
                or entry["check"] != _checksum(payload):
            return None
        return _extracted(payload)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def put(folder: Path | None, digest: str, version: str, extracted: Extracted) -> None:
    if folder is None:
        return
    payload = {"text": extracted.text, "pages": list(extracted.pages), "title": extracted.title,
               "repairs": list(extracted.repairs)}
    entry = {"format": FORMAT, "sha256": digest, "extractor": version, "check": _checksum(payload), "payload": payload}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".entry-")
    except OSError:
        return  # a read-only project builds the same, only without the cache
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(entry, out, ensure_ascii=False)
        os.replace(temp, entry_path(folder, digest, version))
    except OSError:
        Path(temp).unlink(missing_ok=True)


def _checksum(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _extracted(payload: dict[str, Any]) -> Extracted | None:
    text, pages, title, repairs = payload["text"], payload["pages"], payload["title"], payload["repairs"]
    if not (isinstance(text, str) and isinstance(pages, list) and all(type(p) is int for p in pages)
            and pages == sorted(pages) and all(0 <= p <= len(text) for p in pages)
            and (title is None or isinstance(title, str)) and all(isinstance(r, str) for r in repairs)):
        return None
    return Extracted(text, tuple(pages), title, tuple(repairs))
