"""YAML reading for files people write: no aliases, bounded size and depth.

Why: a job file, an answers file or a profile may come from anywhere. YAML anchors and
aliases let a few lines expand into gigabytes ("billion laughs") and deep nesting can
exhaust the stack; neither has any use in these files, so both are refused with a
plain message instead of hanging or crashing.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.composer import Composer

MAX_BYTES = 2_000_000  # a 70 KB description is generous; two megabytes is not a job file

MAX_DEPTH = 50
"""How many collections (mappings and lists) may be nested inside each other.

Why 50: the deepest file we read, a job file, is about six levels deep (a milestone inside
``payment.milestones`` is four), so 50 is far beyond anything a person writes, yet low
enough that the composer, the constructor and the job reader, which all recurse once per
level, stay far from Python's recursion limit. It is ours, counted by our own composer:
the parser below it may have its own limit (libyaml stops at 1,000 levels, with its own
message) or none at all (PyYAML's pure-Python parser), and neither may decide what a
person is told.
"""

TOO_DEEP = f"nested too deeply (more than {MAX_DEPTH} levels)"


class _NestedTooDeeply(Exception):
    """Raised by our composer at the collection that goes one level past ``MAX_DEPTH``."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.line, self.column = line, column  # 1-based


class _Refusing(Composer):
    """PyYAML's own composer, refusing anchors, aliases and nesting past ``MAX_DEPTH``."""

    _depth = 0  # collections open around the node being composed

    def compose_node(self, parent: Any, index: Any) -> Any:
        event: Any = self.peek_event()  # type: ignore[attr-defined]  # the parser's
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None,
                None,
                "aliases (*name) are not allowed here; write the value out",
                mark,
            )
        if getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None,
                None,
                "anchors (&name) are not allowed here; write the value out",
                mark,
            )
        if not isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            return super().compose_node(parent, index)  # type: ignore[no-untyped-call]
        if self._depth >= MAX_DEPTH:
            raise _NestedTooDeeply(mark.line + 1, mark.column + 1)
        self._depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[no-untyped-call]
        finally:
            self._depth -= 1


_Base: Any
if getattr(yaml, "__with_libyaml__", False):  # libyaml scans and parses ten times faster

    class _Base(_Refusing, yaml.CSafeLoader):  # type: ignore[no-redef,misc]
        """libyaml's parser below our (Python) composer.

        Why not ``yaml.CSafeLoader`` as it is: its composer is in C too, and would resolve
        anchors and aliases, and recurse as deep as the text goes, before ours could
        refuse them. Ours comes first in the method order, so libyaml's is never called;
        only its parser's public ``check_event``/``peek_event``/``get_event`` are.
        """

        def __init__(self, stream: str) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            _Refusing.__init__(self)  # type: ignore[no-untyped-call]

else:  # pragma: no cover - a PyYAML built without libyaml

    class _Base(_Refusing, yaml.SafeLoader):  # type: ignore[no-redef,misc]
        """PyYAML's pure-Python SafeLoader with our composer."""


class NoAliasLoader(_Base):  # type: ignore[misc]
    """SafeLoader that refuses anchors and aliases, and reads scalars as YAML 1.2 does.

    Why 1.2: YAML 1.1 (PyYAML's default) turns ``010000`` into 4096 (octal), ``1:00``
    into 60 (base 60) and ``no`` into false; in a fee or a country code that is a silent
    wrong value. Here only ``true``/``false`` are booleans, integers are decimal, and
    numbers with a point are read as exact ``Decimal`` (never a binary float).
    """


_NOT_1_2 = ("bool", "int", "float", "merge", "value")  # merge keys (<<) and = are YAML 1.1


def _read_scalars_as_1_2(loader: Any) -> None:
    resolvers = {
        first: [(tag, rx) for tag, rx in entries if not tag.endswith(_NOT_1_2)]
        for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    loader.yaml_implicit_resolvers = {first: rs for first, rs in resolvers.items() if rs}
    for tag, pattern, first in (
        ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
        ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ):
        loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))
    loader.add_constructor("tag:yaml.org,2002:int", _integer)
    loader.add_constructor("tag:yaml.org,2002:float", _decimal)
    loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    for tag, write in _UNUSED_TAGS.items():
        loader.add_constructor(f"tag:yaml.org,2002:{tag}", _refuse(tag, write))


# Tags PyYAML would turn into values no field takes, and which would then be coerced
# silently (bytes into text, a set into a list in random order).
_UNUSED_TAGS = {
    "binary": "write the text itself",
    "set": "write a list: [a, b]",
    "omap": "write a mapping",
    "pairs": "write a mapping",
}


def _refuse(tag: str, write: str) -> Any:
    def construct(loader: Any, node: Any) -> Any:
        raise yaml.constructor.ConstructorError(
            None, None, f"!!{tag} is not used in these files; {write}", node.start_mark
        )

    return construct


def _integer(loader: Any, node: Any) -> int:
    text = str(loader.construct_scalar(node)).strip()
    if not re.fullmatch(r"[-+]?[0-9]+", text):
        raise yaml.constructor.ConstructorError(
            None, None, f"{text[:40]!r} is not a whole number", node.start_mark
        )
    digits = len(text.lstrip("+-"))
    if digits > _MAX_DIGITS:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"a number of {digits:,} digits is far too long (at most {_MAX_DIGITS} here)",
            node.start_mark,
        )
    return int(text)


_MAX_DIGITS = 100  # no count, day or amount in these files comes near; int() stops at 4,300


def _decimal(loader: Any, node: Any) -> Decimal:
    text = str(loader.construct_scalar(node)).strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or len(text) > _MAX_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"{text[:40]!r} is not a finite number", node.start_mark
        )
    return value


def _timestamp(loader: Any, node: Any) -> Any:
    """A date as PyYAML reads it, or, where there is no such day (2027-02-29, 2026-13-01),
    the text as typed: the field that wanted a date then says so, by name and line."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_read_scalars_as_1_2(NoAliasLoader)


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
            if node is not None:
                _check_keys(node)
            return node, None if node is None else loader.construct_document(node)
        finally:
            loader.dispose()
    except _NestedTooDeeply as e:
        raise YamlProblem(_too_deep(e.line, e.column)) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps far from the limit
        raise YamlProblem(TOO_DEEP) from None
    except yaml.MarkedYAMLError as e:
        raise YamlProblem(_too_deep_for_the_parser(e, text) or _where(e, text)) from None
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


_STR = "tag:yaml.org,2002:str"


def _check_keys(node: yaml.Node) -> None:
    """Every key a name: ``~:``, ``3:``, ``true:`` or ``[a]:`` as a key is a slip, and
    ``<<`` (a YAML 1.1 merge) is not read as one; each is refused where it stands."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                if not isinstance(key, yaml.ScalarNode) or key.tag != _STR:
                    shown = key.value if isinstance(key, yaml.ScalarNode) else "a collection"
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"a key must be a name, got {shown or 'nothing'}",
                        key.start_mark,
                    )
                if key.value == "<<" and not key.style:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        "merge keys (<<) are not read here; write the keys out",
                        key.start_mark,
                    )
                stack.append(value)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def _check_size(text: str) -> None:
    if len(text) > MAX_BYTES:
        raise YamlProblem(f"too large ({len(text):,} characters; the limit is {MAX_BYTES:,})")


def _too_deep(line: int, column: int) -> str:
    return f"not valid YAML at line {line}, column {column}: {TOO_DEEP}"


_BRACKET = re.compile(r"[\[\]{}]")


def _too_deep_for_the_parser(e: yaml.MarkedYAMLError, text: str) -> str | None:
    """Our message where the parser gave up at a bracket nested past ``MAX_DEPTH``.

    Why: on ``[[[[…`` the scanner reads up to 1,024 characters ahead (to know whether the
    ``[`` starts a key) before our composer sees the first list, and libyaml stops at the
    1,000th ``[`` with its own message. Whatever it said: if it stopped at an opening
    bracket with more than ``MAX_DEPTH`` brackets open before it, the text is too deep by
    our rule, and we say so at the bracket that went past the limit.
    """
    mark = e.problem_mark
    if mark is None:
        return None
    lines = text.splitlines(keepends=True)
    end = sum(len(line) for line in lines[: mark.line]) + mark.column
    if text[end : end + 1] not in ("[", "{"):
        return None
    depth = 0
    for m in _BRACKET.finditer(text, 0, end + 1):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_DEPTH:
            at = m.start()
            line = text.count("\n", 0, at) + 1
            return _too_deep(line, at - (text.rfind("\n", 0, at) + 1) + 1)
    return None


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
