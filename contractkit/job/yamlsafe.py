"""YAML reading for files people write: no aliases, bounded size and depth.

Why: a job file, an answers file or a profile may come from anywhere. YAML anchors and
aliases let a few lines expand into gigabytes ("billion laughs") and deep nesting can
exhaust the stack; neither has any use in these files, so both are refused with a
plain message instead of hanging or crashing.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

MAX_BYTES = 2_000_000  # a 70 KB description is generous; two megabytes is not a job file

try:  # libyaml (in PyYAML's wheels) scans and parses ten times faster than pure Python
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    _Base: Any = yaml.SafeLoader
else:

    class _Base(Composer, CParser, SafeConstructor, Resolver):  # type: ignore[no-redef,misc]
        """SafeLoader with libyaml's parser below PyYAML's own composer.

        Why not ``yaml.CSafeLoader``: its composer is in C too, and would resolve
        anchors and aliases before :class:`NoAliasLoader` could refuse them.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)  # type: ignore[no-untyped-call]
            SafeConstructor.__init__(self)  # type: ignore[no-untyped-call]
            Resolver.__init__(self)  # type: ignore[no-untyped-call]


class NoAliasLoader(_Base):  # type: ignore[misc]
    """SafeLoader that refuses anchors and aliases, and reads scalars as YAML 1.2 does.

    Why 1.2: YAML 1.1 (PyYAML's default) turns ``010000`` into 4096 (octal), ``1:00``
    into 60 (base 60) and ``no`` into false; in a fee or a country code that is a silent
    wrong value. Here only ``true``/``false`` are booleans, integers are decimal, and
    numbers with a point are read as exact ``Decimal`` (never a binary float).
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None,
                None,
                "aliases (*name) are not allowed here; write the value out",
                event.start_mark,
            )
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None,
                None,
                "anchors (&name) are not allowed here; write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _yaml12(loader: Any) -> None:
    resolvers = {
        first: [(tag, rx) for tag, rx in entries if not tag.endswith(("bool", "int", "float"))]
        for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    loader.yaml_implicit_resolvers = resolvers
    for tag, pattern, first in (
        ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
        ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ):
        loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))
    loader.add_constructor("tag:yaml.org,2002:int", _integer)
    loader.add_constructor("tag:yaml.org,2002:float", _decimal)


def _integer(loader: Any, node: Any) -> int:
    return int(loader.construct_scalar(node))


def _decimal(loader: Any, node: Any) -> Decimal:
    return Decimal(loader.construct_scalar(node))


_yaml12(NoAliasLoader)


class YamlProblem(ValueError):
    """A YAML text that cannot be read; the message says where and why."""


def compose_and_load(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (with line numbers) of a YAML text, and its data, read once."""
    return _read(text)


def load(text: str) -> Any:
    """The data of a YAML text."""
    return _read(text)[1]


def _read(text: str) -> tuple[yaml.Node | None, Any]:
    """Read with our loader, every failure as one :class:`YamlProblem`."""
    _check_size(text)
    try:
        loader = NoAliasLoader(text)
        try:
            node = loader.get_single_node()
            return node, None if node is None else loader.construct_document(node)
        finally:
            loader.dispose()
    except RecursionError:
        raise YamlProblem("nested too deeply") from None
    except yaml.MarkedYAMLError as e:
        raise YamlProblem(_where(e, text)) from None
    except yaml.reader.ReaderError as e:  # a control character: say where, and which
        # the first one in the text is where reading stopped (libyaml counts its position
        # in bytes, PyYAML in characters: finding the character needs neither)
        at = max(text.find(chr(e.character)), 0)
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise YamlProblem(
            f"not valid YAML at line {line}, column {column}: control character "
            f"U+{e.character:04X} is not allowed; delete it"
        ) from None
    except yaml.YAMLError as e:
        raise YamlProblem(str(e)) from None


def _check_size(text: str) -> None:
    if len(text) > MAX_BYTES:
        raise YamlProblem(f"too large ({len(text):,} characters; the limit is {MAX_BYTES:,})")


def _where(e: yaml.MarkedYAMLError, text: str) -> str:
    mark = e.problem_mark or e.context_mark
    where = f"at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = str(e.problem or e)
    if mark and problem in _UNNAMED:  # libyaml leaves out which character: name it
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        ch = line[mark.column : mark.column + 1]
        if ch == "\\" and "escape" in problem:
            ch = line[mark.column + 1 : mark.column + 2]
        if ch:
            shown = "a tab" if ch == "\t" else repr(ch)
            problem = _UNNAMED[problem].format(ch=ch, shown=shown)
    if "tab" in problem and "spaces" not in problem:
        problem += "; indent with spaces, never tabs"
    return f"not valid YAML {where}: {problem}".replace("  ", " ").strip()


_UNNAMED = {
    "found character that cannot start any token": "found {shown}, which cannot start a value",
    "found unknown escape character": "unknown escape \\{ch} in a quoted text",
}
