"""Compiled Jinja templates, kept on disk between runs.

Why: compiling is the slowest step of a cold build: every clause and letter block, and
the DOCX template's whole document XML, is a template. Jinja's bytecode cache is keyed
by a checksum of the source, so an edited clause recompiles by itself. Each environment
gets its own folder (a sandboxed and a plain environment compile the same source
differently), and an unwritable cache folder only costs speed, never correctness.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, Template
from jinja2.bccache import BytecodeCache, FileSystemBytecodeCache


def bytecode_cache(kind: str) -> BytecodeCache | None:
    """A cache folder for one kind of environment; None if disabled or unusable."""
    if os.environ.get("CONTRACTKIT_NO_CACHE"):
        return None
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("contractkit")) / f"jinja-{jinja2.__version__}-{kind}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def compile_cached(env: Environment, source: str) -> Template:
    """``env.from_string(source)``, loading the compiled code from disk when it can.

    Compiles directly (never through ``env.from_string``, which an environment may route
    back here) when there is no usable cache.
    """
    cache = env.bytecode_cache
    name = hashlib.sha256(source.encode("utf-8")).hexdigest()
    if cache is None:
        return _from_code(env, env.compile(source, name))
    try:
        bucket = cache.get_bucket(env, name, None, source)
    except (OSError, EOFError, ValueError):
        return _from_code(env, env.compile(source, name))
    code: Any = bucket.code
    if code is None:
        code = env.compile(source, name)
        bucket.code = code
        with contextlib.suppress(OSError):
            cache.set_bucket(bucket)
    return _from_code(env, code)


def _from_code(env: Environment, code: Any) -> Template:
    return env.template_class.from_code(env, code, env.make_globals(None), None)
