"""Render clause and letter text in a sandboxed Jinja environment.

Why: library texts may come from a user's own folder, so they run sandboxed (no access
to Python internals) with StrictUndefined (a misspelt variable is an error, never a
silent blank). Values substituted into a template are data: Jinja never evaluates them,
so ``{{ 7*7 }}`` typed as a client name stays literally that.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache, lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from contractkit.errors import LibraryError
from contractkit.library import language as lang
from contractkit.library.formatting import Formatter


def _via_formatter(method: str) -> Callable[..., str]:
    @pass_context
    def apply(ctx: Context, value: Any, *args: Any, **kwargs: Any) -> str:
        if value is None:
            raise LibraryError(f"the {method!r} filter got an empty value")
        fmt: Formatter = ctx["_fmt"]
        return str(getattr(fmt, method)(value, *args, **kwargs))

    return apply


def _with_language(fn: Callable[..., str]) -> Callable[..., str]:
    """A language helper as a filter: it receives the document's formatter first."""

    @pass_context
    def apply(ctx: Context, value: Any, *args: Any, **kwargs: Any) -> str:
        if value is None:
            raise LibraryError(f"the {fn.__name__!r} filter got an empty value")
        return fn(ctx["_fmt"], value, *args, **kwargs)

    return apply


def _az(fmt: Formatter, value: Any, capital: bool = False) -> str:
    return lang.with_article(str(value), capital)


def _article(fmt: Formatter, value: Any) -> str:
    return lang.hu_article(str(value))


def _ordinal(fmt: Formatter, value: Any) -> str:
    return lang.ka_ordinal(value) if fmt.language == "ka" else f"{value}."


def _case(fmt: Formatter, value: Any, case: str) -> str:
    if isinstance(value, date):
        return fmt.date(value, case)
    return lang.recase(fmt.language, str(value), case)


def _count(fmt: Formatter, value: Any, **forms: str) -> str:
    return lang.count_of(fmt.locale, value, forms)


def _how(fmt: Formatter, code: Any) -> str:
    return str(lang.pick(fmt.labels["channels_how"], str(code), "channel (channels_how)"))


def _hows(fmt: Formatter, codes: Any) -> str:
    return fmt.join(_how(fmt, c) for c in codes)


def _money_text(fmt: Formatter, value: Any, case: str = "nom") -> str:
    return lang.money_text(str(value), fmt.labels.get("currency_words", {}), case)


def _currency_in(fmt: Formatter, code: Any) -> str:
    words = fmt.labels["currency_in"]
    return str(words.get(str(code)) or words["other"].format(code=code))


_LANGUAGE_FILTERS: dict[str, Callable[..., str]] = {
    "az": _az,  # Hungarian: «az SMS Media Kft.»
    "article": _article,  # Hungarian: the article alone
    "ordinal": _ordinal,  # Georgian: 1-ლი, მე-13, 21-ე
    "case": _case,  # a formatted date in a case: «… 15-én», «… თებერვალს»
    "count": _count,  # «1 arbetsdag», «5 dni roboczych»
    "channel_how": _how,  # «e-mailben», «telefonicznie», «ელფოსტით»
    "channels_how": _hows,
    "currency_in": _currency_in,
    "money_text": _money_text,  # «40 euró», «450 kronor», «40 eurónak»  # «forintban», «ლარში»
}


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
    for name, fn in _LANGUAGE_FILTERS.items():
        env.filters[name] = _with_language(fn)
    return env


@lru_cache(maxsize=2048)
def _compile(source: str) -> Template:
    """Each distinct block text compiled once per process (a build renders the same
    clauses for the contract and the letters)."""
    return environment().from_string(source)


def render(source: str, context: dict[str, Any], where: str) -> str:
    """Render one block's template text; ``where`` names the file for error messages.

    Text without a ``{`` holds no Jinja tag, so it is its own rendering: a third of the
    library's blocks skip compiling (the slowest step of assembling a package). The
    typography (quotes, non-breaking spaces) is set later, once, over the finished
    document (:func:`contractkit.library.typography.typeset_document`).
    """
    if "{" not in source:
        return source.strip()
    try:
        return str(_compile(source).render(context)).strip()
    except LibraryError as e:
        raise LibraryError(f"{where}: {e.message}", e.problems) from None
    except TemplateError as e:
        raise LibraryError(f"{where}: template error: {e}") from None
