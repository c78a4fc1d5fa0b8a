"""The JSON Schemas editors use agree with the build's own checks: one source of truth (the `Field`s), so
a document an editor accepts is one the build accepts, and one it flags is one the build rejects."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from briefing import data, facts, pages, sources
from briefing.diagnostics import Diagnostics
from briefing.jsonschemas import rendered, schema_line, schemas
from kit import DEFAULT_CLAIMS, SEED, make_project, run_cli, source_yaml

SITE = "title: T\ndescription: D.\nbase_url: https://example.org/\nlanguage: en\n"
PAGE = "title: Home\ndescription: A page.\norder: 0\n"
TABLE = "kind: table\ncaption: C\ncolumns:\n  a: A\n  b: B\nrows:\n  - a: x [@acme:raise]\n    b: y\n"
SOURCE = source_yaml("acme.txt", SEED.encode(), DEFAULT_CLAIMS)


def editor_accepts(name: str, text: str) -> bool:
    """What an editor's YAML language server sees: JSON values (a YAML date is a string to it)."""
    value = yaml.safe_load(text)
    value = json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))
    return jsonschema.Draft202012Validator(schemas()[name]).is_valid(value)


def build_accepts(name: str, text: str) -> bool:
    diag = Diagnostics()
    if name == "site.json":
        inputs = type("Inputs", (), {"site": text})()
        pages.parse_config(inputs, diag)
    elif name == "page.json":
        pages._page("content/pages/index.md", f"---\n{text}---\nBody [@acme:raise].\n", diag)
    elif name == "data.json":
        data._data_file("content/data/t.yaml", text, (), (), diag)
    elif name == "facts.json":
        facts._registry(text, diag)
    else:
        source = sources._source("content/sources/acme.yaml", text, diag)
        if source is not None and source.sha256 is None:
            return False  # reported once the seed is read, with the digest to add
    return not diag.errors


CASES = [
    ("site.json", SITE, True),
    ("site.json", SITE + "name: my-site\n", True),
    ("site.json", SITE.replace("https://example.org/", "example.org"), False),
    ("site.json", SITE.replace("language: en", "language: English"), False),
    ("site.json", SITE.replace("title: T\n", ""), False),
    ("site.json", SITE + "colour: blue\n", False),
    ("page.json", PAGE, True),
    ("page.json", PAGE + "editorial: true\ndata: timeline\n", True),
    ("page.json", PAGE.replace("order: 0", "order: 2.5"), True),
    ("page.json", PAGE.replace("order: 0", "order: first"), False),
    ("page.json", PAGE + "editorial: yes please\n", False),
    ("page.json", PAGE + "data: Time Line\n", False),
    ("page.json", PAGE.replace("description: A page.\n", ""), False),
    ("page.json", PAGE.replace("title: Home", "title: '  '"), False),
    ("data.json", TABLE, True),
    ("data.json", "kind: matrix\ncaption: C\n", True),
    ("data.json", TABLE.replace("kind: table", "kind: chart"), False),
    ("data.json", TABLE.replace("caption: C\n", ""), False),
    ("data.json", TABLE.replace("  - a: x [@acme:raise]\n    b: y\n", "  - just text\n"), False),
    ("data.json", "kind: matrix\ncaption: C\nfacts: [Bad Id]\n", False),
    ("data.json", "kind: matrix\ncaption: C\ncount_heading: Documents\nempty: none\n", True),
    ("facts.json", "facts:\n  - id: deal-lead\n    label: Alibaba Cloud led the round\n", True),
    ("facts.json", "facts:\n  - id: deal-lead\n", False),
    ("facts.json", "facts:\n  - id: Deal Lead\n    label: L\n", False),
    ("facts.json", "fact:\n  - id: deal-lead\n    label: L\n", False),
    ("source.json", SOURCE, True),
    ("source.json", SOURCE.replace("published: 2026-04-10", "published: 2004"), True),
    ("source.json", SOURCE.replace("published: 2026-04-10", 'published: "2004-01"'), True),
    ("source.json", SOURCE.replace("published: 2026-04-10", "published: null"), True),
    ("source.json", SOURCE.replace("kind: news", "kind: legal"), True),
    ("source.json", SOURCE.replace("published: 2026-04-10", 'published: "2004-13"'), False),
    ("source.json", SOURCE.replace("published: 2026-04-10", "published: yesterday"), False),
    ("source.json", SOURCE.replace("kind: news", "kind: newz"), False),
    ("source.json", SOURCE.replace("key: acme", "key: Acme Corp"), False),
    ("source.json", SOURCE.replace("title: Acme raises money\n", ""), False),
    ("source.json", "\n".join(l for l in SOURCE.splitlines() if not l.startswith("sha256")) + "\n", False),
    ("source.json", SOURCE.replace("outlet: Test Wire", "outlet: Test Wire\noutlit: x"), False),
    ("source.json", SOURCE.replace("  topics: [deal]", "  topics: [Big Deal]"), False),
    ("source.json", SOURCE.replace("    topics: [deal]", "    topics: [deal]\n    occurrence: 2"), True),
    ("source.json", SOURCE.replace("    topics: [deal]", "    topics: [deal]\n    occurrence: 0"), False),
    ("source.json", SOURCE.replace("    topics: [deal]", "    topics: [deal]\n    occurrence: two"), False),
    ("source.json", SOURCE.replace("  type: view", "  type: opinion"), False),
    ("source.json", SOURCE.replace("    quote: Acme Corp raised $5 million in a Series A round\n", ""), False),
    ("source.json", SOURCE + "furniture:\n  - lines: [1, 2]\n    label: Menu\n", True),
    ("source.json", SOURCE.replace("    quote: Acme Corp raised $5 million in a Series A round\n",
                                   "    type: absence\n    absent: [co-lead, 2025]\n"), True),
    ("source.json", SOURCE.replace("    quote: Acme Corp raised $5 million in a Series A round\n",
                                   "    type: absence\n"), False),
    ("source.json", SOURCE.replace("    topics: [deal]", "    topics: [deal]\n    type: absence\n    absent: [x]"), False),
    ("source.json", SOURCE.replace("    topics: [deal]", "    topics: [deal]\n    absent: [x]"), False),
    ("source.json", SOURCE + "furniture:\n  - lines: [one, two]\n    label: Menu\n", False),
    ("source.json", SOURCE + "furniture:\n  - lines: [1, 2]\n", False),
]


@pytest.mark.parametrize(("name", "text", "valid"), CASES,
                         ids=[f"{n}-{i}-{'good' if v else 'bad'}" for i, (n, _, v) in enumerate(CASES)])
def test_editor_schema_and_build_agree(name, text, valid):
    assert (editor_accepts(name, text), build_accepts(name, text)) == (valid, valid)


def test_the_schemas_are_valid_and_describe_each_field():
    for name, schema in schemas().items():
        jsonschema.Draft202012Validator.check_schema(schema)
    claim = schemas()["source.json"]["properties"]["claims"]["items"]["properties"]
    assert "at least four words" in claim["quote"]["description"]
    assert schemas()["source.json"]["properties"]["kind"]["enum"][:2] == ["news", "wire"]


def test_schemas_command_writes_them_once_and_files_point_at_them(tmp_path):
    root = make_project(tmp_path)
    first = run_cli(root, "schemas")
    assert first.returncode == 0 and "wrote schemas/source.json" in first.stdout
    assert {p.name: p.read_bytes() for p in (root / "schemas").iterdir()} == rendered()
    assert "schemas/source.json is up to date" in run_cli(root, "schemas").stdout
    assert schema_line("content/sources/x.yaml") == "# yaml-language-server: $schema=../../schemas/source.json\n"
    assert schema_line("content/site.yaml") == "# yaml-language-server: $schema=../schemas/site.json\n"
    assert schema_line("content/data/t.yaml") == "# yaml-language-server: $schema=../../schemas/data.json\n"
    assert schema_line("content/facts.yaml") == "# yaml-language-server: $schema=../schemas/facts.json\n"
