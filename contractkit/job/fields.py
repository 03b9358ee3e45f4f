"""Places in a job: how a key path is spelled, and which model sits at a field.

Why: error messages, the wizard and the job writer all name places in a job file the
same way (``payment.milestones[0].percent``) and walk the same pydantic models; one
module keeps them from drifting apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

Loc = tuple[str | int, ...]


def spell(loc: Loc) -> str:
    """``("payment", "milestones", 0, "percent")`` → ``payment.milestones[0].percent``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside a field's annotation (``list[Milestone] | None`` → it)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = model_in(arg)
        if found is not None:
            return found
    return None


def text_fields(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text value of a job with its path, for checks that must name the field."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from text_fields(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from text_fields(item, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value
