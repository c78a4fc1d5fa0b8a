"""Very large input: a 50 MB seed quoted by 10,000 claims builds in bounded time and memory."""

from __future__ import annotations

import hashlib
import resource
import subprocess
import sys
import time

from kit import ROOT, make_project

WORDS = ["market", "robot", "cloud", "video", "model", "startup", "capital", "physics", "sensor", "factory"]


def big_seed(megabytes: int) -> bytes:
    lines, size, i = [], 0, 0
    while size < megabytes * 2**20:
        sentences = []
        for _ in range(8):
            a, b, c = WORDS[i % 10], WORDS[(i // 10) % 10], WORDS[(i // 100) % 10]
            sentences.append(f"Dispatch {i} says the {a} and {b} sector near the {c} hub grew again.")
            i += 1
        line = " ".join(sentences) + "\n"
        lines.append(line)
        size += len(line)
    return "".join(lines).encode()


def test_a_50_mb_seed_with_10000_claims_builds_in_bounded_time_and_memory(tmp_path):
    seed = big_seed(50)
    total = seed.count(b"Dispatch ")
    step = total // 10_000
    claims = "".join(f"- id: c{n}\n  claim: A generated statement.\n  quote: Dispatch {n * step} says the\n"
                     for n in range(10_000))
    source = (f"key: big\nseed: big.txt\nsha256: {hashlib.sha256(seed).hexdigest()}\ntitle: Big\noutlet: null\n"
              "author: null\npublished: null\nkind: news\nsummary: A very long seed [@big:c0].\nclaims:\n"
              + "".join("  " + line + "\n" for line in claims.splitlines()))
    page = "---\ntitle: Home\ndescription: x\norder: 0\n---\nA dispatch [@big:c1].\n"
    root = make_project(tmp_path, {"seeds/big.txt": seed, "content/sources/big.yaml": source,
                                   "content/pages/index.md": page, "content/sources/acme.yaml": None})
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--root", str(root)],
                            capture_output=True, text=True, timeout=900)
    seconds = time.monotonic() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\n50 MB seed, 10,000 claims: built in {seconds:.1f} s, peak memory {peak_mib:.0f} MiB")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "10000 claims" in result.stdout
    assert peak_mib < 3 * 1024, "memory stays bounded"
    assert (root / "_site/sources/big/index.html").stat().st_size > 50 * 2**20
