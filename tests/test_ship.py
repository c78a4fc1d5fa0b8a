"""Shipping: the offline bundle, the single-file edition, the claims diff, subpath hosting."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from htmlscan import Scan
from kit import DEFAULT_CLAIMS, ROOT, SEED, make_project, run_cli, source_yaml


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"})


def test_diff_reports_exactly_the_changed_quote_claim_and_page(tmp_path):
    root = make_project(tmp_path)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    claims = (DEFAULT_CLAIMS.replace("quote: Acme Corp raised $5 million in a Series A round",
                                     "quote: Acme Corp raised $5 million in a Series A round on Monday")
              .replace("claim: Jane Doe says the money will pay for better widgets.",
                       "claim: Jane Doe expects the money to pay for better widgets."))
    (root / "content/sources/acme.yaml").write_text(source_yaml("acme.txt", SEED.encode(), claims))
    page = root / "content/pages/index.md"
    page.write_text(page.read_text().replace("Its founder expects", "Its founder hopes for"))
    result = run_cli(root, "diff", "HEAD")
    assert result.returncode == 0, result.stderr
    report = result.stdout
    assert ("0 claims added, 0 removed, 2 changed; 0 seeds added, 0 removed, 0 changed; citations changed on 0 pages; "
            "the text of 1 page changed.") in report
    assert ("- `acme:raise`\n  - quote: Acme Corp raised $5 million in a Series A round\n"
            "    → Acme Corp raised $5 million in a Series A round on Monday") in report
    assert ("- `acme:founder-view`\n  - claim: Jane Doe says the money will pay for better widgets.\n"
            "    → Jane Doe expects the money to pay for better widgets.") in report
    assert "### Pages whose text changed\n\n- `/`" in report
    assert "Claims added" not in report and "Seeds changed" not in report and "Citations added" not in report
    worktrees = subprocess.run(["git", "-C", str(root), "worktree", "list"], capture_output=True, text=True).stdout
    assert len(worktrees.splitlines()) == 1, "the temporary worktree is removed"


def test_diff_reports_added_claims_citations_and_changed_seeds(tmp_path):
    root = make_project(tmp_path)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    seed = SEED + "A later line adds detail.\n"
    (root / "seeds/acme.txt").write_text(seed)
    claims = DEFAULT_CLAIMS + "- id: detail\n  claim: Detail was added.\n  quote: A later line adds detail.\n"
    (root / "content/sources/acme.yaml").write_text(source_yaml("acme.txt", seed.encode(), claims))
    page = root / "content/pages/index.md"
    page.write_text(page.read_text() + "More detail came later [@acme:detail].\n")
    report = run_cli(root, "diff", "HEAD").stdout
    assert "1 claim added, 0 removed, 0 changed; 0 seeds added, 0 removed, 1 changed; citations changed on 1 page" in report
    assert "| `/` | `acme:detail` | — |" in report
    assert f"### Seeds changed\n\n- `acme.txt`: {hashlib.sha256(SEED.encode()).hexdigest()[:12]} → " in report


def test_diff_counts_every_seed_replaced_by_another_file(tmp_path):
    """Replacing a briefing's seeds with new files (new names, new keys) is not "0 seeds changed"."""
    root = make_project(tmp_path)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    other = SEED.replace("Monday", "Tuesday")
    (root / "seeds/acme.txt").unlink()
    (root / "seeds/wire.txt").write_text(other)
    (root / "content/sources/acme.yaml").write_text(source_yaml("wire.txt", other.encode(), DEFAULT_CLAIMS))
    report = run_cli(root, "diff", "HEAD").stdout
    assert "; 1 seed added, 1 removed, 0 changed;" in report
    assert "### Seeds added\n\n- `wire.txt`" in report and "### Seeds removed\n\n- `acme.txt`" in report


def test_diff_of_an_unknown_revision_fails_cleanly(project):
    git(project, "init", "-q")
    result = run_cli(project, "diff", "no-such-ref")
    assert result.returncode == 1 and result.stderr.startswith("error: cannot check out 'no-such-ref'")


def test_bundle_writes_a_deterministic_offline_zip_with_index_html_links(project, tmp_path):
    assert run_cli(project, "bundle", "--no-pdf").returncode == 0
    first = (project / "dist/test-briefing-offline.zip").read_bytes()
    assert run_cli(project, "bundle", "--no-pdf").returncode == 0
    assert (project / "dist/test-briefing-offline.zip").read_bytes() == first
    with zipfile.ZipFile(project / "dist/test-briefing-offline.zip") as archive:
        archive.extractall(tmp_path / "unzipped")
    site = tmp_path / "unzipped/test-briefing-offline"
    pages = sorted(site.rglob("*.html"))
    assert pages
    for html in pages:
        for tag, attrs in Scan(html.read_text()).elements:
            link = attrs.get("href") or attrs.get("src") or ""
            if tag in ("a", "link", "script") and link and not link.startswith(("#", "http:", "https:", "mailto:")):
                path = link.split("#")[0]
                assert path == "" or (html.parent / path).is_file(), f"{html}: {link} does not open a file"


def test_single_file_edition_is_self_contained(project):
    assert run_cli(project, "bundle", "--no-pdf").returncode == 0
    html = (project / "dist/test-briefing.html").read_text()
    scan = Scan(html)
    ids = set(scan.ids)
    for tag, attrs in scan.elements:
        assert "src" not in attrs or attrs["src"].startswith("data:"), (tag, attrs)
        href = attrs.get("href", "")
        if tag == "link":
            raise AssertionError(f"external stylesheet or resource: {attrs}")
        if href.startswith("#"):
            assert href[1:] in ids, f"broken anchor {href}"
        else:
            assert not href or href.startswith(("http:", "https:", "mailto:")), href
    assert "page-home--fn-1" in ids and "page-sources-acme--claim-raise" in ids


def test_preview_builds_carry_a_banner_and_noindex(project):
    assert run_cli(project, "build", "--preview", "--base-url", "https://example.org/pr-7/").returncode == 0
    for html in (project / "_site").rglob("*.html"):
        scan = Scan(html.read_text())
        assert any(t == "meta" and a.get("name") == "robots" and "noindex" in a.get("content", "")
                   for t, a in scan.elements), html
    assert "preview-banner" in (project / "_site/index.html").read_text()
    assert run_cli(project, "build").returncode == 0
    assert "noindex" not in (project / "_site/index.html").read_text()


def test_workflows_pass_actionlint_which_catches_a_broken_one(tmp_path):
    workflows = sorted((ROOT / ".github/workflows").glob("*.yml"))
    assert workflows
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert actionlint, "actionlint is installed with the test extra"
    result = subprocess.run([actionlint, *map(str, workflows)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope }}\n")
    assert subprocess.run([actionlint, str(broken)], capture_output=True).returncode != 0
