"""Regional variants of a language: a folder of files that override the language's own.

Why: a US contract is written in English but not in British English — "license" and
"installment", no VAT, certified mail, the US claim routes. Copying the whole English
library for one country would let the two drift apart; instead ``clauses/en-US/`` holds only
the files that differ (``contract/fee.md``, ``labels.yaml``...) and everything else is read
from ``clauses/en/``. The variant is chosen by the job's ``law.country``; the language stays
``en``. Contract clauses, labels and letters all read their files through
:func:`library_files` and :func:`merged`, so a variant works the same way for each.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from contractkit.errors import LibraryError
from contractkit.paths import library_root


def variant_folder(language: str, country: str | None, root: Path | None = None) -> Path | None:
    """``clauses/<language>-<country>`` (``en-US``) if the library has one, else None."""
    if not country:
        return None
    folder = (root or library_root()) / f"{language}-{country.upper()}"
    return folder if folder.is_dir() else None


def library_files(
    language: str, kind: str, country: str | None = None, root: Path | None = None
) -> tuple[Path, ...]:
    """The ``*.md`` files of ``kind`` (``contract``, ``letters``) for a language, each
    taken from the country's variant folder where it has that file, else from the
    language's own folder; sorted by file name.

    A variant may only replace files, never add one: every language must offer the same
    clauses and letters, and a file the base language lacks would be a clause that exists
    in one country only. Raises :class:`LibraryError` for such a file.
    """
    base = (root or library_root()) / language / kind
    if not base.is_dir():
        raise LibraryError(f"{base}: no {kind} files for language {language!r}")
    chosen = {p.name: p for p in base.glob("*.md")}
    variant = variant_folder(language, country, root)
    if variant is not None and (variant / kind).is_dir():
        for path in (variant / kind).glob("*.md"):
            if path.name not in chosen:
                raise LibraryError(
                    f"{path}: a variant may only replace a file of {base}, which has no {path.name}"
                )
            chosen[path.name] = path
    return tuple(chosen[name] for name in sorted(chosen))


def merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``over``'s keys laid on top, nested mappings merged key by key (a
    variant's labels.yaml names only the labels that differ)."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out
