"""Where the shipped data lives: the clause library and the fonts.

Why: in the wheel the library sits inside the package (``contractkit/clauses``); in a
source checkout it is the top-level ``clauses/`` folder. Everything that reads data asks
here, so the two layouts never diverge.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
FONTS = PACKAGE / "fonts"


@cache
def library_root() -> Path:
    for candidate in (PACKAGE / "clauses", PACKAGE.parent / "clauses"):
        if (candidate / "en").is_dir():
            return candidate
    raise RuntimeError("the clause library is missing from this installation")


@cache
def languages() -> tuple[str, ...]:
    """Languages whose folder has labels, contract clauses and letters: adding a language
    is adding files (a half-translated folder is not offered)."""
    return tuple(
        sorted(
            p.name
            for p in library_root().iterdir()
            if (p / "labels.yaml").is_file()
            and (p / "contract").is_dir()
            and (p / "letters").is_dir()
        )
    )
