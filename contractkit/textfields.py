"""Every text value of a job with its YAML path, for checks that must name the field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel


def text_fields(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from text_fields(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from text_fields(item, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value
