"""Read a job file: YAML → validated :class:`Job`, every problem reported at once.

Why: a freelancer editing YAML by hand needs to see all mistakes in one go, each with the
key's path and line, in plain words rather than pydantic's internal vocabulary.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from contractkit.errors import JobError
from contractkit.job import yamlsafe
from contractkit.job.fields import Loc, model_in, spell
from contractkit.job.folder import job_file
from contractkit.job.model import Job


def load_job(path: Path, language: str | None = None) -> Job:
    """Load and validate one job file, raising :class:`JobError` with every problem.

    ``language`` (from ``--language``) replaces the file's own before validation, so an
    unavailable language gets the same message as one written in the file. A job folder
    stands for its ``job.yaml``.
    """
    path = job_file(path)
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            raise JobError(f"{path}: not a regular file (a device or a pipe?)")
        with path.open("rb") as f:
            raw = f.read(yamlsafe.MAX_BYTES + 1)  # never more: /dev/zero is a "file" too
        if len(raw) > yamlsafe.MAX_BYTES:
            raise JobError(f"{path}: too large for a job file (over {yamlsafe.MAX_BYTES:,} bytes)")
        text = raw.decode("utf-8")
    except FileNotFoundError:
        raise JobError(f"{path}: no such job file") from None
    except IsADirectoryError:
        raise JobError(f"{path}: is a folder, not a job file") from None
    except UnicodeDecodeError as e:
        raise JobError(f"{path}: not UTF-8 text (byte {e.start}); save it as UTF-8") from None
    except OSError as e:
        raise JobError(f"{path}: cannot read: {e.strerror}") from None
    return parse_job(text, str(path), language)


def parse_job(text: str, name: str = "<job>", language: str | None = None) -> Job:
    data, lines = _parse_yaml(text, name)
    if not isinstance(data, dict):
        raise JobError(f"{name}: a job file must be a mapping of keys (see README), got {data!r}")
    if language is not None:
        data["language"] = language
    return validate_job(data, name, lines)


def validate_job(
    data: dict[str, Any], name: str = "<job>", lines: dict[Loc, int] | None = None
) -> Job:
    try:
        return Job.model_validate(data)
    except ValidationError as e:
        problems = [_describe(err, Job, lines or {}) for err in e.errors()]
        raise JobError(f"{name}: {len(problems)} problem(s) in the job file:", problems) from None


def _parse_yaml(text: str, name: str) -> tuple[Any, dict[Loc, int]]:
    try:
        node, data = yamlsafe.compose_and_load(text)
    except yamlsafe.YamlProblem as e:
        raise JobError(f"{name}: {e}") from None
    lines: dict[Loc, int] = {}
    duplicates: list[str] = []
    if node is not None:
        _index(node, (), lines, duplicates)
    if duplicates:
        raise JobError(f"{name}: keys given twice (the first would be silently lost):", duplicates)
    return data, lines


def _index(node: yaml.Node, loc: Loc, lines: dict[Loc, int], dups: list[str]) -> None:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            k = str(key.value)
            if k in seen:
                dups.append(f"{spell((*loc, k))} (line {key.start_mark.line + 1})")
            seen.add(k)
            lines[(*loc, k)] = key.start_mark.line + 1
            _index(value, (*loc, k), lines, dups)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*loc, i), lines, dups)


_PLAIN = {
    "missing": "required: add this key",
    "string_type": "must be text (put it in quotes), got {input!r}",
    "int_parsing": "must be a whole number, got {input!r}",
    "int_from_float": "must be a whole number, got {input!r}",
    "int_type": "must be a whole number, got {input!r}",
    "decimal_parsing": "must be a number like 1200.50, got {input!r}",
    "decimal_type": "must be a number like 1200.50, got {input!r}",
    "bool_parsing": "must be true or false, got {input!r}",
    "bool_type": "must be true or false, got {input!r}",
    "date_from_datetime_parsing": "must be a real date as YYYY-MM-DD, got {input!r}",
    "date_parsing": "must be a real date as YYYY-MM-DD, got {input!r}",
    "date_type": "must be a date as YYYY-MM-DD, got {input!r}",
    "date_from_datetime_inexact": "must be a date as YYYY-MM-DD, got {input!r}",
    "list_type": "must be a list, got {input!r}",
    "model_type": "must be a mapping of keys, got {input!r}",
    "model_attributes_type": "must be a mapping of keys, got {input!r}",
    "dict_type": "must be a mapping of keys, got {input!r}",
    "too_short": "must have at least {min_length} item(s)",
    "greater_than_equal": "must be at least {ge}, got {input!r}",
    "finite_number": "must be a finite number, got {input!r}",
}


# Rules that involve two parts of the job, reported at the key the user should change.
_LOC_OF_KIND: dict[str, Loc] = {
    "statutory": ("payment", "statutory_interest"),
    **{
        f"{role}_{key}": (role, key)
        for role in ("freelancer", "client")
        for key in ("tax_id", "registration")
    },
}


def _describe(err: Any, model: type[BaseModel], lines: dict[Loc, int]) -> str:
    kind = err["type"]
    loc: Loc = _LOC_OF_KIND.get(kind, tuple(err["loc"]))
    ctx = {**err.get("ctx", {}), "input": err.get("input")}
    if kind == "extra_forbidden":
        parent, key = loc[:-1], str(loc[-1])
        known = _known_keys(model, parent)
        hint = difflib.get_close_matches(key, known, n=1)
        msg = "unknown key" + (f"; did you mean {hint[0]!r}?" if hint else "")
        if not hint and known:
            msg += f"; known keys here: {', '.join(sorted(known))}"
    elif kind == "literal_error":
        msg = f"must be one of {ctx.get('expected', '')}, got {err.get('input')!r}"
    elif kind in _PLAIN:
        try:
            msg = _PLAIN[kind].format(**ctx)
        except (KeyError, IndexError):
            msg = err["msg"]
    else:
        msg = err["msg"]
    line = _line(loc, lines)
    where = f" (line {line})" if line else ""
    return f"{spell(loc)}: {msg}{where}"


def _line(loc: Loc, lines: dict[Loc, int]) -> int | None:
    while loc not in lines and loc:
        loc = loc[:-1]
    return lines.get(loc) if loc else None


def _known_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names at ``loc`` in the model tree (for "did you mean" hints)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if current is not None else None
        if field is None:
            return []
        current = model_in(field.annotation)
    return list(current.model_fields) if current is not None else []


# The same reading and the same plain-words messages for the other file a user edits
# (the job's log).
read_yaml = _parse_yaml
describe_problem = _describe
