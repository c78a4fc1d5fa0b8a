"""Verification in worker processes (parallel.py) gives exactly what a serial build gives: the same
site, byte for byte, and the same errors and warnings, in the same order, whatever the workers' order."""

from __future__ import annotations

import pytest

from kit import many_sources

from briefing.diagnostics import BuildFailed, Diagnostics
from briefing.pipeline import build, publish


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
