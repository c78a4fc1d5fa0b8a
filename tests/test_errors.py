"""Each class of author mistake fails with the file, line and message, exit 1, and leaves the last site."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kit import DEFAULT_CLAIMS, DEFAULT_PAGE, SEED, TABLE_HEAD, make_project, run_cli, source_yaml


def built(tmp_path: Path, files: dict) -> tuple[Path, dict[str, bytes]]:
    """A project built once successfully, then broken by `files`."""
    root = make_project(tmp_path)
    assert run_cli(root, "build").returncode == 0
    before = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "_site").rglob("*") if p.is_file()}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root, before


def assert_fails(tmp_path: Path, files: dict, expected: list[str]) -> None:
    root, before = built(tmp_path, files)
    for command in ("build", "check"):
        result = run_cli(root, command)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        lines = result.stderr.splitlines()
        for text in expected:
            assert any(line.startswith(text) for line in lines), f"{text!r} not in:\n{result.stderr}"
    after = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "_site").rglob("*") if p.is_file()}
    assert after == before, "the previous site must stay as it was"


def test_errors_on_a_broken_quote_with_the_closest_passage(tmp_path):
    """The page citing the claim is not blamed too: the quote is the one thing to fix."""
    claims = DEFAULT_CLAIMS.replace("Acme Corp raised $5 million in a Series A round", "Acme Corp raised $6 million in a Series A round")
    assert_fails(tmp_path, {"content/sources/acme.yaml": source_yaml("acme.txt", SEED.encode(), claims)},
                 ["content/sources/acme.yaml:14:12: error: quote of claim 'raise' not found in seeds/acme.txt; "
                  "closest passage (seeds/acme.txt, line 1): \"Acme Corp raised $5 million in a Series A round"])


def test_errors_on_an_unknown_citation_with_a_suggestion(tmp_path):
    page = DEFAULT_PAGE.replace("[@acme:raise]", "[@acme:raize]").replace("[@acme:founder-view]", "[@acmee:founder-view]")
    assert_fails(tmp_path, {"content/pages/index.md": page}, [
        "content/pages/index.md:6:29: error: unknown claim 'raize' in source 'acme' (did you mean 'raise'?)",
        "content/pages/index.md:7:36: error: unknown source 'acmee' in citation @acmee:founder-view (did you mean 'acme'?)",
    ])


def test_errors_on_each_uncited_sentence(tmp_path):
    page = DEFAULT_PAGE + "\n- A list item without a source.\n\n> A quoted claim [@acme:raise]. Then an uncited one.\n"
    assert_fails(tmp_path, {"content/pages/index.md": page}, [
        'content/pages/index.md:9:3: error: uncited sentence: "A list item without a source."',
        'content/pages/index.md:11:33: error: uncited sentence: "Then an uncited one."',
    ])


def test_errors_on_a_number_its_quotes_do_not_contain(tmp_path):
    page = DEFAULT_PAGE.replace("raised $5 million", "raised $50 million in 2025")
    assert_fails(tmp_path, {"content/pages/index.md": page}, [
        "content/pages/index.md:6:19: error: number '50 million' is not in the quote of any claim this sentence cites",
        "content/pages/index.md:6:33: error: number '2025' is not in the quote",
    ])


def test_errors_on_a_number_in_a_claim_its_own_quote_lacks(tmp_path):
    claims = DEFAULT_CLAIMS.replace("claim: Acme Corp raised $5 million.", "claim: Acme Corp raised $5 million on 3 March.")
    assert_fails(tmp_path, {"content/sources/acme.yaml": source_yaml("acme.txt", SEED.encode(), claims)},
                 ["content/sources/acme.yaml:13:43: error: number '3' in claim 'raise' is not in its quote"])


def test_errors_on_a_changed_seed_naming_both_digests(tmp_path):
    root, _ = built(tmp_path, {})
    (root / "seeds/acme.txt").write_text(SEED + "An added line.\n", encoding="utf-8")
    result = run_cli(root, "check")
    new = hashlib.sha256((SEED + "An added line.\n").encode()).hexdigest()
    old = hashlib.sha256(SEED.encode()).hexdigest()
    assert result.returncode == 1
    assert (f"content/sources/acme.yaml:3:9: error: seed 'seeds/acme.txt' has changed since it was summarised: "
            f"sha256 is {new}, the source says {old}") in result.stderr


@pytest.mark.parametrize("name", ["../acme.txt", "/etc/passwd", "sub/acme.txt", "missing.txt"])
def test_errors_on_a_seed_that_is_not_a_plain_file_in_seeds(tmp_path, name):
    text = source_yaml(name, SEED.encode(), DEFAULT_CLAIMS)
    problem = "does not exist" if name == "missing.txt" else "must be a plain file name inside seeds/"
    assert_fails(tmp_path, {"content/sources/acme.yaml": text}, [f"content/sources/acme.yaml:2:7: error: seed"])
    assert problem in run_cli(tmp_path / "project", "check").stderr


def test_errors_on_a_symlinked_seed_that_leaves_the_project(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(SEED)
    root = make_project(tmp_path)
    (root / "seeds/acme.txt").unlink()
    (root / "seeds/acme.txt").symlink_to(outside)
    result = run_cli(root, "check")
    assert result.returncode == 1
    assert "content/sources/acme.yaml:2:7: error: seed 'seeds/acme.txt' is a symlink that leaves the project" in result.stderr


def test_errors_on_a_short_quote_and_duplicate_ids(tmp_path):
    claims = DEFAULT_CLAIMS + "- id: raise\n  claim: Again.\n  quote: Acme Corp\n- id: short\n  claim: Short.\n  quote: Acme Corp\n"
    assert_fails(tmp_path, {"content/sources/acme.yaml": source_yaml("acme.txt", SEED.encode(), claims)}, [
        "content/sources/acme.yaml:21:9: error: duplicate claim id 'raise' (first at line 12)",
        "content/sources/acme.yaml:26:12: error: quote of claim 'short' has 2 word(s); at least 4 are needed",
    ])


def test_reports_every_problem_at_once_sorted_by_location(tmp_path):
    page = DEFAULT_PAGE.replace("[@acme:raise]", "[@acme:nope]") + "\nUncited words here.\n"
    root, _ = built(tmp_path, {"content/pages/index.md": page})
    result = run_cli(root, "check")
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 2 and errors == sorted(errors)
    assert result.stderr.splitlines()[-1] == "2 errors; nothing was written"


def test_warns_about_uncited_claims_and_fails_only_under_strict(tmp_path):
    page = DEFAULT_PAGE.replace("Its founder expects better widgets [@acme:founder-view].\n", "")
    root = make_project(tmp_path, {"content/pages/index.md": page})
    relaxed, strict = run_cli(root, "check"), run_cli(root, "check", "--strict")
    assert relaxed.returncode == 0 and "warning: claim 'founder-view' is not cited anywhere" in relaxed.stderr
    assert strict.returncode == 1 and "error: claim 'founder-view' is not cited anywhere" in strict.stderr


TABLE = TABLE_HEAD + """\
  - what: The founder
    said: Better widgets, he says.
  - what: The amount
    said: Acme raised $7 million [@acme:raise].
"""


def test_errors_in_a_data_table_are_located_at_the_rows_yaml_line(tmp_path):
    page = DEFAULT_PAGE.replace("order: 0\n", "order: 0\ndata: facts\n")
    assert_fails(tmp_path, {"content/data/facts.yaml": TABLE, "content/pages/index.md": page}, [
        'content/data/facts.yaml:9:11: error: uncited row: "The founder Better widgets, he says."',
        "content/data/facts.yaml:12:24: error: number '7 million' is not in the quote of any claim this row cites",
    ])
