"""What a user's ``.docx`` template may cost: its size on disk and unpacked, and the work
its Jinja code may do, in the sandbox every template renders in.

Why: a template is a program from anywhere. A 1.5 MB zip can unpack to gigabytes, a
name can point at ``/dev/zero`` or a FIFO, and ``{% for %}`` loops nested inside each
other can run for ever inside the sandbox (whose own limit, ``MAX_RANGE``, bounds one
``range()``, not loops over loops). Each is refused with a message naming the template.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import FrameType
from typing import Any

from jinja2 import StrictUndefined, TemplateRuntimeError
from jinja2.sandbox import SandboxedEnvironment

from contractkit.errors import TemplateError as UserTemplateError
from contractkit.paths import read_limited

MAX_TEMPLATE = 20_000_000  # bytes on disk: Word files with a logo or two are far smaller
MAX_UNPACKED = 200_000_000  # bytes of all its parts, as the zip declares them
MAX_PARTS = 2_000
MAX_STEPS = 1_000_000
"""Lines of a template's compiled code one render may run: a contract through our own
template runs under 1,000, so a thousandfold margin; two loops of 100,000 inside each
other would run 10 billion."""


def read_template(path: Path) -> bytes:
    """The template's bytes, refused before docxtpl opens them if unbounded.

    Why the declared sizes can be trusted: the zip reader (``zipfile``) stops each part
    at the size its directory declares and fails its checksum if more was packed, so the
    sum bounds what opening the template can unpack.
    """
    try:
        data = read_limited(path, MAX_TEMPLATE, "a .docx template", UserTemplateError)
    except FileNotFoundError:
        raise UserTemplateError(f"{path}: no such template") from None
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        return data  # not a zip: docxtpl says it is not a usable .docx template
    unpacked = sum(p.file_size for p in parts)
    if unpacked > MAX_UNPACKED or len(parts) > MAX_PARTS:
        raise UserTemplateError(
            f"{path}: not a usable .docx template: it unpacks to {unpacked:,} bytes in "
            f"{len(parts):,} parts (at most {MAX_UNPACKED:,} in {MAX_PARTS:,})"
        )
    return data


class Sandbox(SandboxedEnvironment):
    """The sandbox templates render in, compiling each distinct source once per process.

    Why: docxtpl hands the whole document XML to ``from_string`` on every render, and
    compiling it costs more than rendering it; a build renders the same template for the
    contract and every letter. Only ``from_string``, Jinja's public entry, is wrapped.
    """

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.compiled: dict[str, Any] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self.compiled:
            if len(self.compiled) >= 64:  # user templates vary; keep memory bounded
                self.compiled.clear()
            self.compiled[source] = super().from_string(source)
        return self.compiled[source]


@cache
def environment() -> Sandbox:
    return Sandbox()


@cache
def plain_environment() -> SandboxedEnvironment:
    """For core properties, which are plain text (the XML writer escapes them)."""
    return SandboxedEnvironment(autoescape=False, undefined=StrictUndefined)


_Tracer = Callable[[FrameType, str, Any], Any]


@contextmanager
def step_budget(steps: int = MAX_STEPS) -> Iterator[None]:
    """Stop template code that runs more than ``steps`` lines, as a template error.

    Why a trace function: a Jinja loop compiles to a plain Python ``for`` that no sandbox
    hook sees, so lines run are counted in the code compiled from templates (Jinja names
    it ``<template>``) and nowhere else; the tracer in place before is put back after.
    """
    left = steps

    def count(frame: FrameType, event: str, arg: Any) -> _Tracer | None:
        nonlocal left
        if event == "line":
            left -= 1
            if left < 0:
                raise TemplateRuntimeError(
                    f"the template ran more than {steps:,} steps; a loop inside a loop "
                    "that does not end? Loop over the document's own blocks only"
                )
        return count

    def calls(frame: FrameType, event: str, arg: Any) -> _Tracer | None:
        return count if frame.f_code.co_filename == "<template>" else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        yield
    finally:
        sys.settrace(previous)
