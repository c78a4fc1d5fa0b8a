"""The authoring commands: add a source, find a quote as the build matches it, list the claims."""

from __future__ import annotations

import hashlib
import json

import yaml

from briefing.extract import extract
from documents import pdf_file, web_page
from kit import DEFAULT_PAGE, make_project, run_cli

LICENCE = ("Apache License\nVersion 2.0, January 2004\n\nSection 4: Redistribution.\n\n"
           "THE WORK IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND -- EXPRESS OR IMPLIED.\n"
           "See the License for the specific language. See the License for the specific language.\n")


def with_licence(tmp_path):
    root = make_project(tmp_path)
    document = tmp_path / "Apache License 2.0.txt"
    document.write_text(LICENCE)
    return root, document


def test_add_source_copies_the_seed_and_writes_a_source_to_fill_in(tmp_path):
    root, document = with_licence(tmp_path)
    result = run_cli(root, "add-source", str(document))
    assert result.returncode == 0, result.stderr
    assert (root / "seeds/Apache License 2.0.txt").read_bytes() == document.read_bytes()
    text = (root / "content/sources/apache-license-2-0.yaml").read_text()
    source = yaml.safe_load(text)
    assert text.startswith("# yaml-language-server: $schema=../../schemas/source.json\n")
    assert (root / "schemas/source.json").is_file(), "the schema the line points at is there"
    assert source["key"] == "apache-license-2-0" and source["seed"] == "Apache License 2.0.txt"
    assert source["sha256"] == hashlib.sha256(LICENCE.encode()).hexdigest()
    assert source["title"] == "Apache License" and source["claims"] == [] and source["kind"] == "other"
    check = run_cli(root, "check")
    assert check.returncode == 1, "what is left to fill is reported"
    assert [line for line in check.stderr.splitlines() if "error" in line][0] == \
        "content/sources/apache-license-2-0.yaml:10:10: error: field 'summary' must not be blank"


def test_add_source_takes_a_key_and_refuses_to_overwrite(tmp_path):
    root, document = with_licence(tmp_path)
    assert run_cli(root, "add-source", str(document), "--key", "apache").returncode == 0
    again = run_cli(root, "add-source", str(document), "--key", "apache")
    assert again.returncode == 1 and "content/sources/apache.yaml exists" in again.stderr
    other = tmp_path / "other" / "Apache License 2.0.txt"
    other.parent.mkdir()
    other.write_text("Another text entirely.\n")
    clash = run_cli(root, "add-source", str(other), "--key", "other")
    assert clash.returncode == 1 and "holds another document" in clash.stderr
    bad = run_cli(root, "add-source", str(document), "--key", "Bad Key")
    assert bad.returncode == 1 and "lower-case letters" in bad.stderr
    binary = tmp_path / "scan.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    refused = run_cli(root, "add-source", str(binary))
    assert refused.returncode == 1 and "is not valid UTF-8" in refused.stderr
    assert not (root / "seeds/scan.bin").exists()


def test_extract_gives_the_text_and_a_title_from_the_bytes():
    assert extract("a.txt", "\ufeff# Apache License\n\nText.\n".encode()).title == "Apache License"
    assert extract("a.txt", b"\n\nA title\n=======\nText\n").title == "A title"
    assert extract("a.txt", ("word " * 60).encode()).title is None, "a paragraph is not a title"
    assert extract("a.txt", b"Line one\n").text == "Line one\n"


def test_add_source_takes_a_web_page_or_a_pdf_and_titles_it_from_the_document(tmp_path):
    root = make_project(tmp_path)
    page, pdf = tmp_path / "harbour.html", tmp_path / "report.pdf"
    page.write_text(web_page("<h1>Harbour plan approved</h1><p>The council approved the harbour plan on Monday "
                             "after a long debate about costs and the timetable for building it.</p>"))
    pdf.write_bytes(pdf_file([["Annual report 2025", "Revenue grew in every region this year."]], title="Annual report"))
    for document, key, title in ((page, "harbour", "Harbour plan approved"), (pdf, "report", "Annual report")):
        result = run_cli(root, "add-source", str(document))
        assert result.returncode == 0, result.stderr
        source = yaml.safe_load((root / f"content/sources/{key}.yaml").read_text())
        assert (source["seed"], source["title"]) == (document.name, title)
        assert source["sha256"] == hashlib.sha256(document.read_bytes()).hexdigest(), "the original's digest"
        assert (root / "seeds" / document.name).read_bytes() == document.read_bytes()


def quote(root, key, text):
    return run_cli(root, "quote", key, text)


def test_quote_prints_every_occurrence_with_context_and_a_stub_with_occurrence(tmp_path):
    root, document = with_licence(tmp_path)
    run_cli(root, "add-source", str(document), "--key", "apache")
    result = quote(root, "apache", "the License for the specific language")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == ["2 occurrences in seeds/Apache License 2.0.txt:",
                         "  1. line 7, column 5: See »the License for the specific language«.",
                         "  2. line 7, column 48: See »the License for the specific language«."]
    stub = result.stdout.split("content/sources/apache.yaml:\n\n", 1)[1]
    assert stub == ("  - id: the-license-for\n    claim:  # your own words: what the passage says\n"
                    "    quote: the License for the specific language\n    occurrence: 1  # of 2: line 7\n")


def test_quote_stub_has_the_seeds_own_text_quoted_where_yaml_needs_it(tmp_path):
    root, document = with_licence(tmp_path)
    run_cli(root, "add-source", str(document), "--key", "apache")
    result = quote(root, "apache", "Version 2.0, January 2004 Section 4: Redistribution")
    assert "quote: 'Version 2.0, January 2004 Section 4: Redistribution'" in result.stdout
    dashes = quote(root, "apache", "WITHOUT WARRANTY OF ANY KIND \u2014 EXPRESS")
    assert "quote: WITHOUT WARRANTY OF ANY KIND -- EXPRESS\n" in dashes.stdout + "\n", "the seed's text, as matched"
    pasted = (root / "content/sources/apache.yaml").read_text().replace("claims: []", "claims:\n" + dashes.stdout.split(
        "apache.yaml:\n\n", 1)[1].replace("claim:  #", "claim: The work comes with no warranty. #"))
    (root / "content/sources/apache.yaml").write_text(pasted.replace('summary: ""', "summary: No warranty "
                                                                     "[@apache:without-warranty-any]."))
    errors = [line for line in run_cli(root, "check").stderr.splitlines() if ": error: " in line]
    assert errors == [], "the pasted stub is a valid claim"


def test_quote_shows_a_near_miss_with_the_first_difference_marked(tmp_path):
    root = make_project(tmp_path)
    result = quote(root, "acme", "Acme Corp raised $6 million in a Series A round")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "not found in seeds/acme.txt.", "The closest passage, line 1:",
        "  seed:  Acme Corp raised $5 million in a Series A round",
        "  quote: Acme Corp raised $6 million in a Series A round",
        "                           ^ the first difference",
        "As the seed has it: Acme Corp raised $5 million in a Series A round"]


def test_quote_of_an_unknown_source_suggests_the_key(tmp_path):
    result = quote(make_project(tmp_path), "acm", "Acme Corp raised $5 million")
    assert result.returncode == 1 and result.stderr == "error: no source 'acm' (did you mean 'acme'?)\n"


def test_claims_lists_ids_text_and_citing_pages_filtered_and_in_each_format(tmp_path):
    page = DEFAULT_PAGE.replace("Its founder expects better widgets [@acme:founder-view].\n", "")
    root = make_project(tmp_path, {"content/pages/index.md": page})
    table = run_cli(root, "claims").stdout.splitlines()
    assert table == ["CLAIM              CITED ON          TEXT",
                     "acme:raise         /, sources/acme/  Acme Corp raised $5 million.",
                     "acme:founder-view  not cited         Jane Doe says the money will pay for better widgets."]
    listed = json.loads(run_cli(root, "claims", "--uncited", "--format", "json").stdout)
    assert [c["ref"] for c in listed] == ["acme:founder-view"] and listed[0]["type"] == "view"
    by_topic = yaml.safe_load(run_cli(root, "claims", "acme", "--topic", "deal", "--format", "yaml").stdout)
    assert by_topic == [{"ref": "acme:raise", "claim": "Acme Corp raised $5 million.", "cited_by": ["/", "sources/acme/"],
                         "topics": ["deal"], "type": "fact", "quote": "Acme Corp raised $5 million in a Series A round"}]
    assert run_cli(root, "claims", "acme", "--format", "cite").stdout == "[@acme:raise; @acme:founder-view]\n"
    unknown = run_cli(root, "claims", "acmee")
    assert unknown.returncode == 1 and "did you mean 'acme'?" in unknown.stderr


def test_claims_still_lists_while_the_project_has_errors(tmp_path):
    root = make_project(tmp_path, {"content/pages/index.md": DEFAULT_PAGE + "\nAn uncited sentence.\n"})
    result = run_cli(root, "claims", "--format", "cite")
    assert result.returncode == 0 and result.stdout == "[@acme:raise; @acme:founder-view]\n"
    assert "note: the project has 1 error" in result.stderr
