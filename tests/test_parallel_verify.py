"""Verification in worker processes (parallel.py) gives exactly what a serial build gives: the same
site, byte for byte, and the same errors and warnings, in the same order, whatever the workers' order."""

from __future__ import annotations

import re

import pytest

from kit import SEED, make_project, source_yaml, write_files

from briefing.diagnostics import BuildFailed, Diagnostics
from briefing.parallel import CHUNK, PARALLEL_FROM
from briefing.pipeline import build, publish

SOURCES = PARALLEL_FROM + 3 * CHUNK


def _claims(i: int, *, quote: str = "Acme Corp raised $5 million in a Series A round") -> str:
    return (f"- id: raise\n  claim: Acme Corp raised $5 million.\n  quote: {quote}\n"
            f"- id: founder\n  claim: Jane Doe speaks about widgets.\n"
            "  quote: The founder, Jane Doe, said the money")


def many_sources(tmp_path, broken: bool):
    """SOURCES sources over one seed each, every page citing a few; with `broken`, problems spread over
    the files (and so over the workers' chunks): a quote not found, a number not in its quote, a YAML
    syntax error, a duplicate key in another chunk, a seed whose sha256 is wrong, an unknown claim."""
    seed = SEED.encode()
    files: dict[str, str | bytes | None] = {}
    for i in range(SOURCES):
        key = f"s{i:03d}"
        files[f"seeds/{key}.txt"] = seed
        files[f"content/sources/{key}.yaml"] = source_yaml(f"{key}.txt", seed, _claims(i) if not broken or i % 7 else
                                                           _claims(i, quote="Acme Corp raised $9 billion from nobody"),
                                                           key=key, summary=f"Acme raised money [@{key}:raise].")
    pages = {f"content/pages/p{n:02d}.md": "---\ntitle: P\ndescription: x\norder: 1\n---\n" + "".join(
        f"Acme Corp raised $5 million [@s{i:03d}:raise].\n" for i in range(n, SOURCES, 5)) for n in range(5)}
    files.update(pages)
    if broken:
        files["content/sources/s011.yaml"] = "key: s011\nseed: [unclosed\n"
        files["content/sources/s030.yaml"] = files["content/sources/s002.yaml"]  # key s002 twice, far apart
        files["content/sources/s040.yaml"] = re.sub(r"sha256: \w+", "sha256: " + "a" * 64, str(files["content/sources/s040.yaml"]))
        files["content/pages/p03.md"] = str(pages["content/pages/p03.md"]) + "It raised $7 million [@s003:raise].\n"
        files["content/pages/p04.md"] = str(pages["content/pages/p04.md"]) + "Unknown [@s004:nope].\n"
    root = make_project(tmp_path, {"content/pages/index.md": "---\ntitle: Home\ndescription: x\norder: 0\n---\n"
                                   "Acme Corp raised $5 million [@acme:raise].\n"})
    return write_files(root, files)


def test_a_parallel_build_reports_every_error_as_a_serial_one_does(tmp_path):
    root = many_sources(tmp_path, broken=True)
    found = []
    for jobs in (1, 2):
        diag = Diagnostics()
        with pytest.raises(BuildFailed):
            publish(root, tmp_path / f"out-{jobs}", diag, jobs=jobs)
        found.append(diag.items)
        assert not (tmp_path / f"out-{jobs}").exists()
    serial, parallel = found
    kinds = {d.kind for d in serial}
    assert {"quote", "yaml", "duplicate", "seed", "ungrounded", "unresolved"} <= kinds, kinds
    assert parallel == serial  # the same diagnostics, in the same order


def test_a_parallel_build_writes_the_same_site_and_warnings_as_a_serial_one(tmp_path):
    root = many_sources(tmp_path, broken=False)
    in_memory = build(root, Diagnostics()).files
    warnings = []
    for jobs in (1, 2):
        diag = Diagnostics()
        out = tmp_path / f"out-{jobs}"
        publish(root, out, diag, jobs=jobs)
        written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        written.pop(".briefing-output")
        assert written == in_memory
        warnings.append(diag.items)
    assert warnings[0] == warnings[1] and warnings[0], "the uncited founder claims are warned about"
