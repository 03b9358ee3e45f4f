"""Write a job (or a partial one) as the YAML ``build`` reads, with a short comment per key.

Why: the file the wizard writes is the file the freelancer edits by hand later. Each key
carries the description from the job model, so the comments and the rules cannot drift,
and the user never has to look up what ``pause_after_days`` means.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import yaml
from pydantic import BaseModel

from contractkit.job import yamlsafe
from contractkit.job.fields import model_in
from contractkit.job.model import Job

_COLUMN = 34  # where trailing comments start, when the line is short enough
_WIDTH = 100


def dump_job(data: dict[str, Any], header: str = "") -> str:
    """``data`` (job-shaped: dicts, lists, Decimals, dates) as commented YAML text.

    Unknown keys are written without a comment; ``None`` is written as an empty value,
    so an optional key stays visible for later editing.
    """
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    _mapping(data, Job, 0, lines)
    return "\n".join(lines) + "\n"


def job_data(job: Job) -> dict[str, Any]:
    """The validated job as plain data, in the model's key order, without empty extras."""
    data = job.model_dump(mode="python")
    if not job.clauses.include and not job.clauses.exclude:
        data.pop("clauses")
    for m in data["payment"]["milestones"]:
        if m.get("due") is None:
            m.pop("due", None)
    return data


def _mapping(
    data: dict[str, Any], model: type[BaseModel] | None, indent: int, out: list[str]
) -> None:
    pad = " " * indent
    for key, value in data.items():
        info = model.model_fields.get(key) if model is not None else None
        comment = info.description if info is not None else None
        child = model_in(info.annotation) if info is not None else None
        if isinstance(value, dict) and value:
            if indent == 0 and out:
                out.append("")
            out.append(_with_comment(f"{pad}{key}:", comment))
            _mapping(value, child, indent + 2, out)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            out.append(_with_comment(f"{pad}{key}:", comment))
            for i, item in enumerate(value):
                _item(item, child if i == 0 else None, indent + 2, out)
        else:
            text = _scalar(value)
            out.append(_with_comment(f"{pad}{key}:{' ' + text if text else ''}", comment))


def _item(item: dict[str, Any], model: type[BaseModel] | None, indent: int, out: list[str]) -> None:
    """One ``- key: value`` list item; comments only on the first item, to keep it short."""
    sub: list[str] = []
    _mapping(item, model, indent + 2, sub)
    if sub:
        first = sub[0]
        sub[0] = " " * indent + "- " + first[indent + 2 :]
    out.extend(sub or [" " * indent + "- {}"])


def _with_comment(line: str, comment: str | None) -> str:
    if not comment:
        return line
    trailing = f"{line.ljust(_COLUMN)}  # {comment}" if len(line) < _COLUMN else ""
    if trailing and len(trailing) <= _WIDTH:
        return trailing
    if len(line) + len(comment) + 4 <= _WIDTH:
        return f"{line}  # {comment}"
    indent = len(line) - len(line.lstrip())
    return f"{' ' * indent}# {comment}\n{line}"


def _scalar(value: Any) -> str:
    """One YAML scalar (or flow list) on one line; quoted wherever YAML would misread it."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(int(value))
        value = str(value)
    if isinstance(value, bool | int | date):
        return str(yaml.safe_dump(value, default_flow_style=True)).split("\n", 1)[0]
    if isinstance(value, dict) and not value:
        return "{}"
    if isinstance(value, list | tuple):
        plain = [_plain(v) for v in value]
        flow = str(
            yaml.safe_dump(plain, allow_unicode=True, width=10**9, default_flow_style=True)
        ).strip()
        return flow if _reads_back(flow, plain) else json.dumps(plain, ensure_ascii=False)
    text = str(value)
    dumped = str(yaml.safe_dump(text, allow_unicode=True, width=10**9, default_flow_style=True))
    dumped = dumped.removesuffix("\n").removesuffix("\n...").removesuffix("\n")
    if "\n" in dumped or ("#" in dumped and not dumped.startswith(("'", '"'))):
        return json.dumps(text, ensure_ascii=False)
    return dumped if _reads_back(dumped, text) else json.dumps(text, ensure_ascii=False)


def _reads_back(written: str, value: Any) -> bool:
    """Whether our reader reads ``written`` as ``value``. Why: PyYAML quotes what YAML 1.1
    would misread, and ours reads 1.2, where ``1.5e3`` is a number, not text."""
    try:
        return bool(yamlsafe.load(written) == value)
    except yamlsafe.YamlProblem:
        return False


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value
