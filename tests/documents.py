"""Test documents made on the spot: PDFs written by hand (text in a standard font, or images only, as
a scan), PDFs printed by Chromium from HTML, and saved web pages with the usual furniture around an article."""

from __future__ import annotations

import subprocess
import tempfile
import zlib
from pathlib import Path

from browsing import CHROMIUM, require
from kit import DEFAULT_PAGE, make_project, source_yaml


def print_pdf(html: str, folder: Path) -> bytes:
    """`html` printed to PDF by Chromium (as the bundle prints its PDF); skips without Chromium, except in CI."""
    require(CHROMIUM.is_file(), f"{CHROMIUM} is missing: apt-get install chromium")
    folder.mkdir(parents=True, exist_ok=True)
    page, pdf = folder / "print.html", folder / "print.pdf"
    page.write_text(html, encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                        "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
    return pdf.read_bytes()


def pdf_file(pages: list[list[str]] | None = None, *, images: int = 0, title: str | None = None) -> bytes:
    """A small valid PDF: each page shows its lines in Helvetica (a standard font, nothing embedded), or,
    with `images`, that many pages that only paint a grey image, as a scanner makes them (no text layer)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    contents = [_text_stream(lines) for lines in pages or []] + [_image_stream() for _ in range(images)]
    pages_ref = len(objects) + 2 * len(contents) + 1
    for stream in contents:
        data = zlib.compress(stream)
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_ref, content, font)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) == pages_ref
    info = add(b"<< /Title (%s) >>" % title.encode("latin-1")) if title else None
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_ref)
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"/Size %d /Root %d 0 R" % (len(objects) + 1, catalog) + (b" /Info %d 0 R" % info if info else b"")
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _text_stream(lines: list[str]) -> bytes:
    body = b"".join(b"(%s) Tj T*\n" % line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
                    for line in lines)
    return b"BT /F1 12 Tf 14 TL 72 720 Td\n" + body + b"ET"


def _image_stream() -> bytes:
    return b"q 468 0 0 648 72 72 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x80\x90\xa0\xb0 EI Q"


def encrypted(pdf: bytes, *, user_password: str) -> bytes:
    """`pdf` encrypted (RC4, which needs no optional package to read) with this user password."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user_password, "owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def web_page(article: str, *, title: str = "Harbour plan approved | Coastline Daily", extra_head: str = "",
             extra_body: str = "") -> str:
    """A saved news page: cookie banner, navigation, a ticker, adverts, a script, related links and a footer
    around the `article` HTML."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<script>window.dataLayer = []; function track(e) {{ dataLayer.push(e); }}</script>
<script src="https://ads.example.net/loader.js" async></script>{extra_head}
</head>
<body onload="track('load')">
<div class="cookie-banner">We use cookies to improve your experience. <button onclick="accept()">Accept all cookies</button></div>
<header class="site-header"><a href="/" class="logo">Coastline Daily</a>
<nav aria-label="Sections"><ul><li><a href="/news">News</a></li><li><a href="/business">Business and markets</a></li>
<li><a href="/sport">Sport results</a></li><li><a href="/subscribe">Subscribe for one euro a week</a></li></ul></nav>
<div class="ticker">Markets: PORT index up 0.4% · Fuel prices steady at the pumps</div></header>
<div class="ad ad-top"><a href="https://ads.example.net/click?id=1">Advertisement: Holiday cottages by the sea from 59 euros a night</a></div>
<main><article>
{article}
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Council rejects plan for a second marina</a></li></ul></aside>
</article></main>
<aside class="sidebar"><h3>Most read</h3><ol><li><a href="/c">Storm damage closes coastal road for a week</a></li></ol>
<div class="ad"><a href="https://ads.example.net/click?id=3">Advertisement: New electric hatchback, test drive today</a></div></aside>
<footer><p>Copyright 2026 Coastline Daily Media Group. All rights reserved.</p><a href="/privacy">Privacy policy and cookies</a></footer>
<script>(function () {{ var s = document.createElement("script"); s.src = "https://ads.example.net/x.js"; document.body.appendChild(s); }})();</script>
{extra_body}</body></html>
"""


# --- a briefing mixing the three formats ------------------------------------------------------------

REPORT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour authority annual report 2025</title>
<style>body { font: 12pt/1.5 serif; margin: 2cm; } section { break-after: page; } .narrow { width: 9cm; }</style></head>
<body>
<section><h1>Harbour authority annual report 2025</h1>
<p>This report sets out the work of the harbour authority during the year and the decisions of its board.</p></section>
<section><h2>The dredging decision</h2>
<p>The board approved the dredging plan<br>by seven votes to two on Tuesday, after two years of argument.</p>
<p class="narrow">The deeper channel will let container ships of up to nine thousand units berth at the eastern quay
without waiting for the high tide, which the shipping lines have asked for since the quay opened.</p></section>
<section><h2>What happens next</h2>
<p>Work is expected to start in September and to take fourteen months to finish.</p></section>
</body></html>
"""
ARTICLE = """<h1>Harbour authority approves dredging plan</h1>
<p class="byline">By Maria Keane</p>
<p>The harbour authority on Tuesday approved a plan to deepen the main shipping channel, ending two years of argument over the cost.</p>
<div class="ad"><a href="https://ads.example.net/click?id=2">Sponsored: refinance your mortgage in five minutes</a></div>
<h2>Fishermen fear for the mussel beds</h2>
<p>The local fishing co-operative said the dredging would stir up silt that smothers shellfish, and asked for monitoring.</p>
"""
PDF_CLAIMS = """\
- id: report-title
  claim: The report is the harbour authority's annual report for 2025.
  quote: Harbour authority annual report 2025
- id: next-steps
  claim: The report says what happens next.
  quote: What happens next Work is expected
- id: report-scope
  claim: The report covers the authority's year.
  quote: sets out the work of the harbour authority
- id: vote
  claim: The board approved the plan by seven votes to two.
  quote: approved the dredging plan by seven votes to two
- id: ships
  claim: Bigger container ships could berth without waiting for the tide.
  quote: berth at the eastern quay without waiting for the high tide
- id: start
  claim: Work is to start in September.
  quote: expected to start in September
"""
HTML_CLAIMS = """\
- id: approved
  claim: The harbour authority approved the dredging plan.
  quote: approved a plan to deepen the main shipping channel
- id: fishermen
  claim: Fishermen worry about silt.
  quote: the dredging would stir up silt that smothers shellfish
"""
PAGE = DEFAULT_PAGE + """The harbour plan was approved [@port:approved; @report:vote].
Fishermen worry about silt [@port:fishermen].
The annual report for 2025 [@report:report-title] says what comes next [@report:next-steps].
The report covers the year [@report:report-scope], bigger ships could berth [@report:ships] and work starts in September [@report:start].
"""
EXPECTED_PAGES = {"report-title": 1, "report-scope": 1, "vote": 2, "ships": 2, "next-steps": 3, "start": 3}
"""Two of the passages start a page: the first at the text's first character, one at a later page's first."""


def source(key: str, seed: str, data: bytes, claims: str, *, extra: str = "") -> str:
    first = claims.split("id: ", 1)[1].split("\n", 1)[0]
    return source_yaml(seed, data, claims, key=key, summary=f"A source [@{key}:{first}].").replace(
        "kind: news\n", f"kind: news\n{extra}")


def mixed_project(tmp_path: Path, pdf: bytes) -> Path:
    page = web_page(ARTICLE).encode()
    return make_project(tmp_path, {
        "seeds/port.html": page, "seeds/report.pdf": pdf,
        "content/sources/port.yaml": source("port", "port.html", page, HTML_CLAIMS,
                                            extra="url: https://coastline.example/news/harbour-plan\nretrieved: 2026-03-15\n"),
        "content/sources/report.yaml": source("report", "report.pdf", pdf, PDF_CLAIMS),
        "content/pages/index.md": PAGE,
    })
