"""From a seed's bytes to the text quotes are matched in, and a title for its source file.

One function, `extract(name, data)`, so that other formats (a web page, a PDF) plug in here: each gives the
text the build quotes from and, where the document says, its title. Plain text is read as UTF-8 (a
leading byte-order mark dropped, as the build drops it) and titled by its first line."""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE_LIMIT = 150
"""A first line longer than this is a paragraph, not a title."""


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None


class NotExtractable(Exception):
    """The bytes are not a document this tool can read as a seed; the message says why."""


def extract(name: str, data: bytes) -> Extracted:
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise NotExtractable(f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}): "
                             "seeds are plain UTF-8 text files") from None
    if not text.strip():
        raise NotExtractable(f"{name} has no text")
    return Extracted(text, _first_line_title(text))


def _first_line_title(text: str) -> str | None:
    """The first non-blank line, without Markdown or underline decoration; None when it reads as prose."""
    for line in text.splitlines():
        line = re.sub(r"^#+\s*|\s*#+$", "", line.strip()).strip()
        if line and not re.fullmatch(r"[=\-_*~]+", line):
            return line if len(line) <= TITLE_LIMIT else None
    return None
