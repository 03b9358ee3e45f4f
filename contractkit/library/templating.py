"""Render clause and letter text in a sandboxed Jinja environment.

Why: library texts may come from a user's own folder, so they run sandboxed (no access
to Python internals) with StrictUndefined (a misspelt variable is an error, never a
silent blank). Values substituted into a template are data: Jinja never evaluates them,
so ``{{ 7*7 }}`` typed as a client name stays literally that.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from contractkit.errors import LibraryError
from contractkit.library.formatting import Formatter


def _via_formatter(method: str) -> Callable[..., str]:
    @pass_context
    def apply(ctx: Context, value: Any, *args: Any, **kwargs: Any) -> str:
        if value is None:
            raise LibraryError(f"the {method!r} filter got an empty value")
        fmt: Formatter = ctx["_fmt"]
        return str(getattr(fmt, method)(value, *args, **kwargs))

    return apply


@cache
def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    for name in ("money", "date", "pct", "channel", "channels", "number"):
        env.filters[name] = _via_formatter(name)
    return env


@lru_cache(maxsize=2048)
def _compile(source: str) -> Template:
    """Each distinct block text compiled once per process (a build renders the same
    clauses for the contract and the letters)."""
    return environment().from_string(source)


def render(source: str, context: dict[str, Any], where: str) -> str:
    """Render one block's template text; ``where`` names the file for error messages.

    Text without a ``{`` holds no Jinja tag, so it is its own rendering: a third of the
    library's blocks skip compiling (the slowest step of assembling a package).
    """
    if "{" not in source:
        return source.strip()
    try:
        return str(_compile(source).render(context)).strip()
    except LibraryError as e:
        raise LibraryError(f"{where}: {e.message}", e.problems) from None
    except TemplateError as e:
        raise LibraryError(f"{where}: template error: {e}") from None
