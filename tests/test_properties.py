"""Property-based: whatever an author writes, the build succeeds or reports author errors — never crashes."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefing.diagnostics import BuildFailed, Diagnostics
from briefing.pipeline import build
from kit import DEFAULT_CLAIMS, DEFAULT_PAGE, SEED, make_project, source_yaml

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEMPLATE = Path(tempfile.mkdtemp(prefix="briefing-prop-"))
BASE = make_project(TEMPLATE)

FIELDS = ["key", "seed", "sha256", "title", "outlet", "author", "published", "kind", "notes", "summary", "claims",
          "id", "claim", "quote", "topics", "type", "speaker", "fact", "occurrence", "furniture", "lines", "label",
          "absent"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**12), st.floats(allow_nan=False), st.text(max_size=40),
                    st.dates().map(str), st.sampled_from(["acme", "acme.txt", "raise", "news", "absence", "../x", "/etc/passwd"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.sampled_from(FIELDS), inner, max_size=6)),
                      max_leaves=20)
citation = st.builds(lambda k, i, sep: f"[@{k}{sep}{i}]", st.sampled_from(["acme", "acm", "", "ACME", "a b"]),
                     st.sampled_from(["raise", "founder-view", "", "x;y", "raise; @acme:raise"]), st.sampled_from([":", "", "::"]))
markdown_text = st.lists(st.one_of(st.text(max_size=30), citation,
                                   st.sampled_from(["\n\n", "# ", "- ", "| a | b |\n|---|---|\n| ", "::: editorial\n",
                                                    "\n:::\n", "[x](", "javascript:", ")", "<script>", "$290 million", "2026.",
                                                    "![i](data:x)", "> ", "`", "**", "\u00a0", "\ufeff", "\r\n"])),
                           max_size=12).map("".join)


def outcome(files: dict[str, str | bytes]) -> None:
    """Build a copy of the base project with `files` changed: success or BuildFailed, nothing else."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        shutil.copytree(BASE, root)
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        try:
            build(root, Diagnostics())
        except BuildFailed as failed:
            assert failed.diagnostics.errors or failed.diagnostics.warnings


@SETTINGS
@given(values)
def test_any_yaml_document_as_a_source_never_crashes(doc):
    outcome({"content/sources/acme.yaml": yaml.safe_dump(doc, allow_unicode=True)})


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_as_a_source_file_never_crashes(text):
    outcome({"content/sources/acme.yaml": text.encode("utf-8", "replace")})


@SETTINGS
@given(values, markdown_text)
def test_any_front_matter_and_markdown_never_crash(front, body):
    header = yaml.safe_dump(front, allow_unicode=True) if front is not None else ""
    outcome({"content/pages/index.md": f"---\n{header}---\n{body}\n".encode("utf-8", "replace")})


@SETTINGS
@given(markdown_text)
@example(">:::editorial\n>")  # an editorial block in a quote, the text ending on an empty quoted line
def test_any_markdown_body_under_valid_front_matter_never_crashes(body):
    outcome({"content/pages/index.md": (DEFAULT_PAGE + body).encode("utf-8", "replace")})


@SETTINGS
@given(markdown_text, st.text(max_size=60))
def test_any_summary_and_quote_never_crash(summary, quote):
    claims = DEFAULT_CLAIMS + f"- id: extra\n  claim: x\n  quote: {yaml.safe_dump(quote).strip() or 'x'}\n"
    text = source_yaml("acme.txt", SEED.encode(), claims, summary=yaml.safe_dump(summary).strip().replace("\n", " ") or "x")
    outcome({"content/sources/acme.yaml": text.encode("utf-8", "replace")})


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_as_a_seed_never_crash(data):
    outcome({"seeds/acme.txt": data, "content/sources/acme.yaml": source_yaml("acme.txt", data, DEFAULT_CLAIMS)})
