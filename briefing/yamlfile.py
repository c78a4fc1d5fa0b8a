"""Safe YAML loading that keeps a Location for every mapping key, value and list item."""

from __future__ import annotations

from typing import Any

import yaml

from .diagnostics import Diagnostics, Location
from .yamlhints import explain

# libyaml's parser when PyYAML was built with it (ten times faster); both keep line and column marks.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STR_TAG = "tag:yaml.org,2002:str"
# Aliases can make a tiny document expand exponentially; refuse past this many nodes.
MAX_NODES = 1_000_000


class _Invalid:
    """Returned for a document whose syntax error was already reported, so nobody reports it again."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


class YMap(dict[str, Any]):
    """A YAML mapping that remembers where it, each key and each value stand."""

    loc: Location
    key_locs: dict[str, Location]
    value_locs: dict[str, Location]
    value_styles: dict[str, str | None]

    def where(self, key: str) -> Location:
        """The value's location when present, else the mapping's own."""
        return self.value_locs.get(key, self.loc)


class YList(list[Any]):
    """A YAML sequence that remembers where it and each item stand."""

    loc: Location
    item_locs: list[Location]


def load_yaml(text: str, path: str, diag: Diagnostics, *, start_line: int = 0) -> Any:
    """Parse one YAML document; on a syntax problem report it located and return INVALID.

    `start_line` shifts every line, for YAML embedded in a larger file (front matter)."""
    try:
        loader = Loader(text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        diag.error(Location(path, line + start_line, column),
                   f"invalid YAML: character U+{exc.character:04X} is not allowed", kind="yaml")
        return INVALID
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _Converter(loader, path, diag, start_line).convert(node)
    except yaml.MarkedYAMLError as exc:
        hint = explain(exc, text)
        diag.error(Location(path, hint.line + start_line, hint.column), f"invalid YAML: {hint.message}", kind="yaml")
        return INVALID
    except yaml.YAMLError as exc:
        diag.error(Location(path, 1 + start_line), f"invalid YAML: {exc}", kind="yaml")
        return INVALID
    except _TooLarge:
        diag.error(Location(path, 1 + start_line), f"YAML document expands to more than {MAX_NODES} nodes", kind="yaml")
        return INVALID
    finally:
        loader.dispose()


class _TooLarge(Exception):
    pass


class _Converter:
    def __init__(self, loader: yaml.SafeLoader, path: str, diag: Diagnostics, start_line: int) -> None:
        self.loader, self.path, self.diag, self.start_line = loader, path, diag, start_line
        self.seen = 0

    def loc(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1 + self.start_line, mark.column + 1)

    def convert(self, node: yaml.Node) -> Any:
        self.seen += 1
        if self.seen > MAX_NODES:
            raise _TooLarge
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode):
            items = YList(self.convert(item) for item in node.value)
            items.loc, items.item_locs = self.loc(node), [self.loc(item) for item in node.value]
            return items
        if node.tag == STR_TAG:  # the common case, without the constructor's bookkeeping
            return node.value
        return self.loader.construct_object(node, deep=True)

    def mapping(self, node: yaml.MappingNode) -> YMap:
        result = YMap()
        result.loc, result.key_locs, result.value_locs, result.value_styles = self.loc(node), {}, {}, {}
        for key_node, value_node in node.value:
            key = self.convert(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.diag.error(self.loc(key_node), "mapping keys must be plain strings", kind="yaml")
                continue
            if key in result:
                first = result.key_locs[key]
                self.diag.error(self.loc(key_node), f"duplicate key '{key}' (first defined at line {first.line})", kind="yaml")
                continue
            result[key] = self.convert(value_node)
            result.key_locs[key], result.value_locs[key] = self.loc(key_node), self.loc(value_node)
            result.value_styles[key] = getattr(value_node, "style", None)
        return result
