"""A seed's bytes → the text its quotes are matched in: plain text as it is, a saved web page's article
text, a PDF's text layer page by page.

The format is the file name's: `.html`/`.htm` is a web page, `.pdf` a PDF, anything else plain UTF-8
text (as every seed was before other formats were read). Extracting a web page or a PDF is deterministic
(pinned library versions, no network, no clock) and its result is kept on disk (`store.py`), keyed by
the file's sha256 and the extractor's version, so a rebuild does not extract again."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}
"""File-name suffix (lower case) → format; every other seed is plain text."""
LABELS = {"text": "Plain text", "html": "Web page", "pdf": "PDF"}
MAX_SEED_BYTES = 64 * 2**20
"""The largest seed, of any format: a larger one is refused before it is read."""
CACHE = Path(".cache") / "extract"
"""Where, inside the project, extracted texts are kept (git-ignored; safe to delete)."""
TITLE_LIMIT = 150
"""A plain text's first line longer than this is a paragraph, not a title."""
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NEWLINES = re.compile(r"\r\n?")


@dataclass(frozen=True)
class Extracted:
    text: str
    pages: tuple[int, ...] = ()
    """For a PDF, the offset in `text` where each page starts (page n starts at pages[n - 1])."""
    title: str | None = None
    """The document's own title (web page metadata or first heading, PDF metadata), for authoring."""
    repairs: tuple[str, ...] = ()
    """Damage the reader worked around (a PDF read by recovery): its own messages, for a warning."""


class NotExtractable(Exception):
    """The document cannot give a text: `message` says why; `offset` is the byte at fault, when known."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message, self.offset = message, offset


def extractor_version(kind: str, module_file: str, libraries: tuple[str, ...]) -> str:
    """What the extracted text depends on besides the document: the code that extracts it (this package's
    shared code and the format's module, by digest, so any change to them starts the cache afresh) and the
    installed versions of the libraries that shape the text."""
    from importlib import metadata

    code = hashlib.sha256(Path(__file__).read_bytes() + Path(module_file).read_bytes()).hexdigest()[:12]
    return f"{kind}/{code} " + " ".join(f"{name}=={metadata.version(name)}" for name in libraries)


def format_of(name: str) -> str:
    dot = name.rfind(".")
    return FORMATS.get(name[dot:].lower(), "text") if dot > 0 else "text"


def clean(text: str) -> str:
    """Extracted text with plain line breaks and no control characters (shown as U+FFFD), so that what
    the source page shows, what quotes match and what claims.json counts are one and the same."""
    return CONTROL.sub("\ufffd", NEWLINES.sub("\n", text))


def read_seed(name: str, data: bytes, digest: str, *, root: Path | None) -> Extracted:
    """The seed's text (raises NotExtractable). With a project `root`, web pages and PDFs are looked up in,
    and stored to, its extraction cache."""
    kind = format_of(name)
    if kind == "text":
        return Extracted(_utf8(data))
    from . import store
    reader = _reader(kind)
    version = reader.version()
    folder = root / CACHE if root is not None else None
    found = store.get(folder, digest, version)
    if found is None:
        found = reader.extract(data)
        store.put(folder, digest, version, found)
    return found


def extract(name: str, data: bytes) -> Extracted:
    """For authoring tools (add-source): a new seed's text and, when the document gives one, its `title`
    (a web page's metadata or first heading, a PDF's metadata or first line). Raises NotExtractable with
    the reason when it gives no usable text. Never cached."""
    kind = format_of(name)
    if kind != "text":
        return _reader(kind).extract(data)
    text = _utf8(data)
    if not text.strip():
        raise NotExtractable(f"{name} has no text")
    return Extracted(text, title=_first_line_title(text))


def _first_line_title(text: str) -> str | None:
    """A plain text's first non-blank line, without Markdown or underline decoration, as its title; None
    when that line reads as prose (longer than TITLE_LIMIT), since a text has no metadata to say."""
    for line in text.splitlines():
        line = re.sub(r"^#+\s*|\s*#+$", "", line.strip()).strip()
        if line and not re.fullmatch(r"[=\-_*~]+", line):
            return line if len(line) <= TITLE_LIMIT else None
    return None


def _reader(kind: str):
    if kind == "html":
        from . import html
        return html
    from . import pdf
    return pdf


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise NotExtractable(f"seed is not valid UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}",
                         exc.start) from None
