"""A PDF → its text layer, page by page, with the offset where each page starts.

pypdf reads the page structure and each page's text; it was chosen over pdfminer.six by comparing them
on PDFs printed from real pages (see the commit that added it): the same text and reading order on
those, in two thirds of the time, with no dependencies. Lines are kept as the PDF sets them, so a quote
that runs over a line break matches by the usual folding of white space; pages are joined by a line
break, so one that runs over a page break matches too.

A PDF with no text on any page (a scan) has no text to quote and is refused: the build does no OCR. One
that needs a password, or whose damage stops the reader, is refused with the reader's reason. One the
reader could read only by working around damage is read, and its repairs are reported."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from . import Extracted, NotExtractable, clean, extractor_version



def version() -> str:
    return extractor_version("pdf", __file__, ("pypdf",))


def extract(data: bytes) -> Extracted:
    with _repairs() as repairs:
        texts, title = _read(data)
    if not any(text.strip() for text in texts):
        raise NotExtractable(f"PDF has no text layer: none of its {len(texts)} page(s) has any text, as in a scanned "
                         "document; the build does no OCR, so use a PDF with text (or run OCR on it first)")
    pages, parts, size = [], [], 0
    for text in texts:
        text = clean(text)
        if text and not text.endswith("\n"):
            text += "\n"
        pages.append(size)
        parts.append(text)
        size += len(text)
    text = "".join(parts)
    heading = next((line.strip() for line in text.splitlines() if line.strip()), None)  # a PDF has no headings
    return Extracted(text, pages=tuple(pages), title=title or heading, repairs=tuple(repairs))


def _read(data: bytes) -> tuple[list[str], str | None]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data))
        # An encrypted PDF that opens without a password (only its permissions are protected) is read as
        # any viewer shows it: decrypting it by hand would change its bytes and so its sha256.
        texts = [page.extract_text() for page in reader.pages]
        info = reader.metadata
        title = " ".join(str(info.title).split()) if info is not None and info.title else None
    except FileNotDecryptedError:
        raise NotExtractable("PDF is encrypted and needs a password to open: use a copy without a password") from None
    except DependencyError as exc:
        raise NotExtractable(f"PDF is encrypted in a way this build cannot decrypt ({exc}): use an unencrypted copy") from None
    except Exception as exc:  # noqa: BLE001 - the reader of a damaged file fails in many ways; each is this error
        raise NotExtractable(f"PDF is damaged and cannot be read: {type(exc).__name__}: {exc}") from None
    return texts, title or None


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message not in self.messages:
            self.messages.append(message)


@contextmanager
def _repairs() -> Iterator[list[str]]:
    """What pypdf reports (by logging) while it works around damage, collected instead of printed."""
    logger = logging.getLogger("pypdf")
    handler = _Collect()
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
