"""What the author reads: suggestions that are really close, counts in good English, and the three
output formats (text for people, GitHub annotations for pull requests, JSON for tools)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from briefing.diagnostics import did_you_mean, plural
from kit import DEFAULT_PAGE, ROOT, make_project, run_cli


@pytest.mark.parametrize(("word", "choices", "suggested"), [
    ("raize", ["raise", "founder-view"], "raise"),            # a letter changed
    ("topcis", ["topics", "type"], "topics"),                  # two letters swapped
    ("edtorial", ["editorial", "data"], "editorial"),          # a letter dropped
    ("acmee", ["acme"], "acme"),                               # a letter added
    ("lead-round", ["round-lead", "round-size"], "round-lead"),  # the same words in another order
    ("charge-price", ["cure-period", "as-is", "warranty"], None),  # shares letters, not a slip: no suggestion
    ("x", ["y"], None),
])
def test_did_you_mean_suggests_only_a_slip_of_the_keyboard(word, choices, suggested):
    assert did_you_mean(word, choices) == (f" (did you mean '{suggested}'?)" if suggested else "")


def test_an_unknown_claim_far_from_every_id_gets_no_misleading_suggestion(tmp_path):
    page = DEFAULT_PAGE.replace("[@acme:raise]", "[@acme:charge-price]")
    root = make_project(tmp_path, {"content/pages/index.md": page})
    result = run_cli(root, "check")
    assert "content/pages/index.md:6:29: error: unknown claim 'charge-price' in source 'acme'\n" in result.stderr


def test_counts_are_in_good_english():
    assert [plural(1, "error"), plural(2, "error"), plural(0, "seed")] == ["1 error", "2 errors", "0 seeds"]


def test_one_error_is_reported_as_one_error(tmp_path):
    root = make_project(tmp_path, {"content/pages/index.md": DEFAULT_PAGE.replace("[@acme:raise]", "[@acme:nope]")})
    result = run_cli(root, "check")
    assert result.stderr.splitlines()[-1] == "1 error; nothing was written"
    ok = run_cli(make_project(tmp_path / "ok"), "check")
    assert ok.stdout.startswith("ok: 1 source, 2 claims, 3 citations, 0 uncited sentences")


BROKEN = DEFAULT_PAGE.replace("[@acme:raise]", "[@acme:raize]") + "\nAn uncited sentence here.\n"


def test_github_format_prints_annotations_on_the_lines(tmp_path):
    root = make_project(tmp_path, {"content/pages/index.md": BROKEN})
    result = run_cli(root, "check", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/pages/index.md,line=6,col=29::unknown claim 'raize' in source 'acme' (did you mean 'raise'?)",
        '::error file=content/pages/index.md,line=9,col=1::uncited sentence: "An uncited sentence here."',
    ]
    assert result.stderr.splitlines()[-1] == "2 errors; nothing was written"


def test_github_format_is_chosen_under_github_actions_and_text_can_still_be_asked_for(tmp_path):
    root = make_project(tmp_path, {"content/pages/index.md": BROKEN})
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    command = [sys.executable, str(ROOT / "build.py"), "check", "--root", str(root)]
    auto = subprocess.run(command, capture_output=True, text=True, env=env)
    assert auto.stdout.startswith("::error file=content/pages/index.md,line=6,col=29::")
    text = subprocess.run([*command, "--format", "text"], capture_output=True, text=True, env=env)
    assert text.stdout == "" and "content/pages/index.md:6:29: error: unknown claim" in text.stderr


def test_github_annotations_escape_what_would_break_the_command():
    from briefing.diagnostics import Diagnostic, Location

    item = Diagnostic(Location("content/pages/a,b:c.md", 2, 3), "error", "100% wrong\nsecond line")
    assert item.annotation() == "::error file=content/pages/a%2Cb%3Ac.md,line=2,col=3::100%25 wrong%0Asecond line"


def test_json_format_lists_every_diagnostic_for_tools(tmp_path):
    root = make_project(tmp_path, {"content/pages/index.md": BROKEN})
    failed = run_cli(root, "build", "--format", "json")
    assert failed.returncode == 1
    document = json.loads(failed.stdout)
    assert (document["ok"], document["errors"]) == (False, 2)
    assert document["diagnostics"][0] == {"path": "content/pages/index.md", "line": 6, "column": 29, "severity": "error",
                                          "kind": "unresolved",
                                          "message": "unknown claim 'raize' in source 'acme' (did you mean 'raise'?)"}
    good = make_project(tmp_path / "good", {"content/pages/index.md": DEFAULT_PAGE.replace(" [@acme:founder-view]", " [@acme:raise]")})
    checked = json.loads(run_cli(good, "check", "--format", "json").stdout)
    assert checked["ok"] is True and checked["summary"]["claims"] == 2
    assert [d["message"] for d in checked["diagnostics"]] == ["claim 'founder-view' is not cited anywhere"]
    built = json.loads(run_cli(good, "build", "--format", "json").stdout)
    assert built["ok"] is True and built["out"] == "_site" and built["written"] > 5
