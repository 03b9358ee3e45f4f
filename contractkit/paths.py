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
    """Languages with a folder in the library: adding a language is adding files."""
    return tuple(sorted(p.name for p in library_root().iterdir() if (p / "labels.yaml").is_file()))
