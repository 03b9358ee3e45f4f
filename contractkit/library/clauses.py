"""The clause library: data files with validated front matter.

Why: clause and letter texts are data a lawyer or translator edits without reading
Python. Each file is YAML front matter (validated by pydantic) followed by a body of
blocks (paragraphs, bullet lists, directives) whose text is a sandboxed Jinja template.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from contractkit.errors import LibraryError
from contractkit.job import yamlsafe
from contractkit.library.variants import library_files, merged, variant_folder
from contractkit.paths import library_root

Predicate = Literal["has_deposit", "has_late_terms"]
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.S)
_DIRECTIVE = re.compile(r"\A\[\[([a-z][a-z0-9_-]*)\]\]\Z")


class ClauseMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str = Field(min_length=1)
    order: int
    purpose: str = Field(min_length=1)
    when: Predicate | None = None
    optional: bool = False
    default: bool = True


class Block(BaseModel):
    """A source block of a body: one paragraph, one bullet list, or one directive."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["paragraph", "bullets", "directive"]
    source: tuple[str, ...]  # template text: one item, or one per bullet; directive name


class Clause(BaseModel):
    model_config = ConfigDict(frozen=True)

    meta: ClauseMeta
    blocks: tuple[Block, ...]
    path: Path


def parse_blocks(body: str) -> tuple[Block, ...]:
    """Split a body into blocks on blank lines; structure never comes from user data."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", body.strip()):
        lines = [ln.rstrip() for ln in chunk.strip("\n").splitlines() if ln.strip()]
        if not lines:
            continue
        directive = _DIRECTIVE.match(lines[0].strip()) if len(lines) == 1 else None
        if directive:
            blocks.append(Block(kind="directive", source=(directive.group(1),)))
        elif all(ln.lstrip().startswith("- ") for ln in lines):
            items = tuple(ln.lstrip()[2:].strip() for ln in lines)
            blocks.append(Block(kind="bullets", source=items))
        else:
            blocks.append(Block(kind="paragraph", source=(" ".join(ln.strip() for ln in lines),)))
    return tuple(blocks)


def parse_file(path: Path, meta_model: type[BaseModel] = ClauseMeta) -> tuple[Any, str]:
    """Return (validated front matter, body) of one library file."""
    text = path.read_text(encoding="utf-8")
    m = _FRONT.match(text)
    if not m:
        raise LibraryError(f"{path}: must start with '---' front matter and a closing '---'")
    try:
        raw = yamlsafe.load(m.group(1))
        meta = meta_model.model_validate(raw)
    except yamlsafe.YamlProblem as e:
        raise LibraryError(f"{path}: front matter is not valid YAML: {e}") from None
    except ValidationError as e:
        problems = [f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors()]
        raise LibraryError(f"{path}: invalid front matter:", problems) from None
    meta_id = getattr(meta, "id", path.stem)
    if meta_id != path.stem:
        raise LibraryError(f"{path}: id {meta_id!r} must equal the file name {path.stem!r}")
    return meta, m.group(2)


@cache
def contract_clauses(
    language: str, root: Path | None = None, country: str | None = None
) -> tuple[Clause, ...]:
    """All contract clauses of a language, in order; with ``country``, the country's
    variant files (``clauses/en-US/contract/``) replace the language's own where present.

    A variant file may change the wording and the title, never what the clause is: its
    id, order, condition, and whether it is optional and on by default must be the base
    file's, so that clause numbers and the wizard's choices do not depend on the country.
    """
    clauses = []
    for path in library_files(language, "contract", country, root):
        meta, body = parse_file(path)
        clauses.append(Clause(meta=meta, blocks=parse_blocks(body), path=path))
        base = (root or library_root()) / language / "contract" / path.name
        if path != base:
            _same_role(meta, parse_file(base)[0], path)
    return tuple(sorted(clauses, key=lambda c: (c.meta.order, c.meta.id)))


def _same_role(meta: ClauseMeta, base: ClauseMeta, path: Path) -> None:
    fixed = ("order", "when", "optional", "default")
    differ = [k for k in fixed if getattr(meta, k) != getattr(base, k)]
    if differ:
        raise LibraryError(f"{path}: a variant must keep the base clause's {', '.join(differ)}")


def _read_labels(path: Path) -> dict[str, Any]:
    try:
        data = yamlsafe.load(path.read_text(encoding="utf-8"))
    except (OSError, yamlsafe.YamlProblem) as e:
        raise LibraryError(f"{path}: cannot read labels: {e}") from None
    if not isinstance(data, dict):
        raise LibraryError(f"{path}: must be a mapping")
    return data


@cache
def labels(language: str, root: Path | None = None, country: str | None = None) -> dict[str, Any]:
    """The non-clause words of a language (headings, table labels, footer); with
    ``country``, the variant's labels.yaml (only the keys that differ) laid on top."""
    data = _read_labels((root or library_root()) / language / "labels.yaml")
    variant = variant_folder(language, country, root)
    if variant is not None and (variant / "labels.yaml").is_file():
        data = merged(data, _read_labels(variant / "labels.yaml"))
    return data
