"""The package's shape: imports point one way, modules and functions stay small, and no
module reaches into a library's private internals."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "contractkit"

# Top to bottom: a module may import its own part and any part below it, never above.
LAYERS = [
    "__main__",
    "cli",
    "app",
    "wizard",
    "assemble",
    "law",
    "library",
    "job",
    "render",
    "output",
    "base",  # errors, money, document, paths, __init__
]
BASE = {"errors", "money", "document", "paths", "__init__"}
LIBRARIES = ("reportlab", "docx", "docxtpl", "yaml", "jinja2")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _part(module: str) -> str:
    """``contractkit.law.interest`` → ``law``; ``contractkit.money`` → ``base``."""
    parts = module.split(".")[1:] or ["__init__"]
    return "base" if parts[0] in BASE else parts[0]


def _name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(rel.parts)


def _imports(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names]
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: _name(p))
def test_imports_point_down(path: Path) -> None:
    me = _part(_name(path))
    upward = []
    for imported in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if not imported.startswith("contractkit.") and imported != "contractkit":
            continue
        target = _part(imported)
        if target not in LAYERS:  # contractkit.<name> of a module in base, or __version__
            target = "base"
        if LAYERS.index(target) < LAYERS.index(me):
            upward.append(imported)
    assert not upward, f"{_name(path)} ({me}) imports upward: {sorted(set(upward))}"


def test_only_cli_and_wizard_import_click() -> None:
    for path in _modules():
        part = _part(_name(path))
        if part in ("cli", "wizard", "__main__"):
            continue
        imported = _imports(ast.parse(path.read_text(encoding="utf-8")))
        assert not any(i == "click" or i.startswith("click.") for i in imported), path


@pytest.mark.parametrize("path", _modules(), ids=lambda p: _name(p))
def test_modules_and_functions_stay_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 420, f"{path.name}: split it by what it holds"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= 62, f"{path.name}: {node.name} is {length} lines"


def test_no_private_library_internals() -> None:
    """``from reportlab.x import _y``, ``yaml._yaml``, ``obj._blob = ...`` on library
    objects: each breaks with the next release of the library."""
    private_import = re.compile(
        rf"^\s*(from\s+({'|'.join(LIBRARIES)})[\w.]*\s+import\s+.*\b_[a-z]\w*"
        rf"|from\s+({'|'.join(LIBRARIES)})\.(\w+\.)*_\w+|import\s+({'|'.join(LIBRARIES)})\.(\w+\.)*_\w+)",
        re.M,
    )
    known_private = re.compile(
        r"\b(idToObject|_write_parts|_write_content_types_stream|_write_pkg_rels|_blob|_p|_element"
        r"|_timeStamp|_startPage|_pageNumber|_pagesize|_doc\b|_wsc)\b|__class__\s*="
    )
    problems = []
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        problems += [f"{path.name}: {m.group(0).strip()}" for m in private_import.finditer(text)]
        problems += [f"{path.name}: {m.group(0)}" for m in known_private.finditer(text)]
    assert problems == []


def test_removed_machinery_stays_removed() -> None:
    for name in ("parallel.py", "tasks.py", "interrupts.py", "entry.py", "jinjacache.py"):
        assert not (PACKAGE / name).exists(), name
