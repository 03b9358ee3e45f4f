"""What the job model says about one answer: its prompt, its default, and whether it is valid.

Why: the wizard must never keep its own copy of the rules. Prompts and defaults are read
from the pydantic fields in :mod:`contractkit.job.model`, and every typed value is checked by
validating the whole (partial) job with :func:`contractkit.job.reader.validate_job` — the very
function ``build`` uses — keeping only the problems that belong to the question asked.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass
from typing import Annotated, Any

import click
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from contractkit.errors import JobError
from contractkit.job.fields import Loc, model_in
from contractkit.job.fields import spell as show
from contractkit.job.model import Job
from contractkit.job.reader import validate_job

MISSING: Any = object()


def loc_of(path: str) -> Loc:
    """``"payment.milestones.0.percent"`` → ``("payment", "milestones", 0, "percent")``."""
    return tuple(int(p) if p.isdigit() else p for p in path.split("."))


def field_info(loc: Loc) -> FieldInfo:
    """The pydantic field at ``loc`` in :class:`Job` (list indexes step into the item type)."""
    model: type[BaseModel] = Job
    info: FieldInfo | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None:
            raise KeyError(show(loc))
        info = model.model_fields[part]
        model = model_in(info.annotation)  # type: ignore[assignment]
    if info is None:
        raise KeyError(show(loc))
    return info


@dataclass(frozen=True)
class Text:
    """A field's description split into the question and the reason it is asked."""

    prompt: str
    why: str | None


def text_of(loc: Loc) -> Text:
    """``"The client's phone: you need it when ..."`` → prompt and why."""
    description = field_info(loc).description or show(loc)
    head, sep, tail = description.partition(": ")
    return Text(head.strip(), tail.strip() or None) if sep else Text(description, None)


def default_of(loc: Loc) -> Any:
    """The model's default for the field, or :data:`MISSING` if it is required."""
    info = field_info(loc)
    if info.default is not PydanticUndefined:
        return info.default
    if info.default_factory is not None:
        return info.default_factory()  # type: ignore[call-arg]
    return MISSING


def get(data: dict[str, Any], loc: Loc, fallback: Any = MISSING) -> Any:
    node: Any = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return fallback
    return node


def put(data: dict[str, Any], loc: Loc, value: Any) -> None:
    node: Any = data
    for part, nxt in itertools.pairwise(loc):
        if isinstance(part, int):
            while len(node) <= part:
                node.append({})
            node = node[part]
        else:
            if not isinstance(node.get(part), dict | list):
                node[part] = [] if isinstance(nxt, int) else {}
            node = node[part]
    last = loc[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def problems(data: dict[str, Any]) -> list[str]:
    """Every problem the job file would have with these answers ("path: message")."""
    try:
        validate_job(data)
    except JobError as e:
        return e.problems
    return []


def problems_at(data: dict[str, Any], loc: Loc, *, whole: bool = False) -> list[str]:
    """The problems of ``data`` that belong to ``loc``, without the path prefix.

    With ``whole``, rules that span the enclosing section (a deadline after the start)
    count too; they are only meaningful once the section's last question is answered.
    """
    place = show(loc)
    parent = show(loc[:-1]) if len(loc) > 1 else None
    mine = []
    for p in problems(data):
        where, _, message = p.partition(": ")
        inside = where == place or where.startswith((place + ".", place + "["))
        spans = whole and where == parent and not message.startswith("required")
        if inside or spans:
            mine.append(message)
    return mine


_CONFIG = ConfigDict(str_strip_whitespace=True)


def coerce(loc: Loc, value: Any) -> Any:
    """The typed value (int, date, Decimal...) for the answers, as the model would read it."""
    info = field_info(loc)
    if model_in(info.annotation) is not None:
        return value
    try:
        kind: Any = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
        adapter: TypeAdapter[Any] = TypeAdapter(kind, config=_CONFIG)
        return adapter.validate_python(value)
    except (ValidationError, TypeError):
        return value


def check(answers: dict[str, Any], loc: Loc, value: Any, *, whole: bool = False) -> Any:
    """Validate one answer in the context of the others; raise ``click.BadParameter``.

    Why ``BadParameter``: used as a ``value_proc``, Click prints the message and asks
    again, so a wrong value is explained and never reaches the file.
    """
    if isinstance(value, str):
        value = value.strip()
    trial = copy.deepcopy(answers)
    put(trial, loc, value)
    mine = problems_at(trial, loc, whole=whole)
    if mine:
        raise click.BadParameter("; ".join(mine))
    return coerce(loc, value)
