"""Ask one question — or take its answer from the answers already given.

Why: the same question runs in three situations — a person at a terminal, a pre-filled
answers file or draft, and ``--no-input`` — and must behave the same way in all of them:
the answer goes through the model's rules before it is kept, and in ``--no-input`` every
missing or wrong answer is collected so the user sees them all at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import click

from contractkit.job.fields import Loc
from contractkit.job.fields import spell as show
from contractkit.wizard.fields import MISSING, check, default_of, get, loc_of, put
from contractkit.wizard.fields import text_of as _text_of

Saver = Callable[[dict[str, Any]], None]


def _noop(_: dict[str, Any]) -> None:
    return None


def note(text: str) -> None:
    """A dim explanatory line (why a question matters)."""
    click.secho(f"  {text[:1].upper()}{text[1:]}", dim=True)


def required(example: str | None) -> str:
    """What Enter on a question without a default says."""
    hint = f", e.g. {example}" if example else ""
    return f"This answer is required: the contract cannot be written without it. Type it{hint}."


def warn(text: str) -> None:
    click.secho(f"  ! {text}", fg="yellow", err=True)


@dataclass
class _Reading:
    """How one question reads typed text (see :meth:`Asker.ask`)."""

    optional: bool
    whole: bool
    parse: Callable[[str], Any] | None
    refuse: Callable[[str], str] | None
    example: str | None
    typed: str = ""  # the last accepted text, to show it back normalised


@dataclass
class Asker:
    """Holds the answers so far and asks for the next one.

    ``answers`` has the shape of a job file; a key present (even with ``None``, a skipped
    optional answer) counts as answered and is not asked again unless ``again`` is set.
    """

    answers: dict[str, Any]
    interactive: bool = True
    on_answer: Saver = _noop
    missing: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    # -- the generic question -----------------------------------------------------------

    def ask(
        self,
        path: str,
        *,
        default: Any = MISSING,
        again: bool = False,
        prompt: str | None = None,
        why: str | None = None,
        whole: bool = False,
        optional: bool = False,
        parse: Callable[[str], Any] | None = None,
        shown: Callable[[Any], str] = str,
        quiet: bool = False,
        back: Callable[[Any], str] | None = None,
        refuse: Callable[[str], str] | None = None,
        example: str | None = None,
    ) -> Any:
        """Return the validated answer for ``path`` and record it.

        ``default``: offered on Enter (else the model's default). ``optional``: Enter with
        no default skips it (``None``). ``parse`` turns typed text into the value to check
        (a list, a choice, ``£6,500`` → 6500), refusing with a :class:`ValueError` whose
        text is shown; ``shown`` turns a value back into the text to offer; ``back`` shows
        a read answer normalised (``Poland`` → ``Poland (PL)``) when it differs from what
        was typed; ``refuse`` rewords the job file's messages in the question's words;
        ``example`` is what a required question says on Enter.
        """
        loc = loc_of(path)
        given = get(self.answers, loc)
        if isinstance(given, str) and parse is not None:
            with contextlib.suppress(ValueError, click.BadParameter):  # "Poland", "30 %"
                given = parse(given)
        if given is not MISSING and not again:
            try:
                return self._keep(loc, given, whole)
            except click.BadParameter as e:
                if not self.interactive:
                    self.wrong.append(f"{show(loc)}: {e.message}")
                    return None
                warn(f"{show(loc)} = {given!r} was not accepted: {e.message}")
        if given is not MISSING and given is not None:
            default = given
        elif default is MISSING:
            default = default_of(loc)
        if not self.interactive:
            return self._unasked(loc, default, whole=whole, optional=optional)
        text = _text_of(loc)
        if (why or text.why) and not quiet:
            note(why or text.why or "")
        label = prompt or text.prompt
        if optional and default in (MISSING, None):
            label += " (Enter to skip)"

        offered = "" if default in (MISSING, None) else shown(default)
        how = _Reading(optional, whole, parse, refuse, example)
        value = self._typed(loc, label, offered, how)
        if back is not None and value is not None and how.typed:
            normal = back(value)
            if how.typed.strip() != normal:
                click.secho(f"  → {normal}", dim=True)
        self._record(loc, value)
        return value

    def _typed(self, loc: Loc, label: str, offered: str, how: _Reading) -> Any:
        """Prompt until the typed answer reads and passes the model's check."""

        def proc(raw: Any) -> Any:
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if how.optional:
                    return None
                if not offered:
                    raise click.BadParameter(required(how.example))
            try:
                parse = how.parse
                value = parse(raw) if parse is not None and isinstance(raw, str) else raw
            except ValueError as e:
                raise click.BadParameter(str(e)) from None
            try:
                checked = check(self.answers, loc, value, whole=how.whole)
            except click.BadParameter as e:
                words = how.refuse(e.message) if how.refuse else e.message
                raise click.BadParameter(words) from None
            how.typed = str(raw) if raw != offered else ""  # Enter: nothing to show back
            return checked

        return click.prompt(
            label,
            default=offered if (offered or how.optional) else "",
            show_default=bool(offered),
            value_proc=proc,
        )

    def _unasked(self, loc: Loc, default: Any, *, whole: bool, optional: bool) -> Any:
        """Without questions (``--no-input``): the default, or a note of what is missing."""
        if default is MISSING or (default is None and not optional):
            self.missing.append(show(loc))
            return None
        try:
            return self._keep(loc, default, whole)
        except click.BadParameter as e:
            self.wrong.append(f"{show(loc)}: {e.message}")
            return None

    def confirm(
        self,
        path: str,
        *,
        default: Any = MISSING,
        again: bool = False,
        prompt: str | None = None,
        why: str | None = None,
    ) -> bool:
        """A yes/no field of the model (``client.returning``, ``ip.portfolio``)."""
        loc = loc_of(path)
        given = get(self.answers, loc)
        if given is not MISSING and not again:
            return bool(self._keep(loc, given, False))
        if given is not MISSING:
            default = given
        elif default is MISSING:
            default = default_of(loc)
        if not self.interactive:
            return bool(self._keep(loc, bool(default), False))
        text = _text_of(loc)
        if why or text.why:
            note(why or text.why or "")
        value = click.confirm(prompt or text.prompt, default=bool(default))
        self._record(loc, value)
        return value

    def choose(
        self,
        path: str,
        options: Sequence[tuple[str, str]],
        *,
        default: Any = MISSING,
        again: bool = False,
        prompt: str | None = None,
        why: str | None = None,
    ) -> Any:
        """Pick one of ``options`` (value, explanation) by number or by name."""
        values = [v for v, _ in options]

        def parse(raw: str) -> str:
            raw = raw.strip()
            if raw.isdigit() and 1 <= int(raw) <= len(values):
                return values[int(raw) - 1]
            for v in values:
                if v.lower() == raw.lower():
                    return v
            raise click.BadParameter(
                f"type a number from 1 to {len(values)} or one of: " + ", ".join(values)
            )

        loc = loc_of(path)
        asking = self.interactive and (again or get(self.answers, loc) is MISSING)
        if asking:
            text = _text_of(loc)
            if why or text.why:
                note(why or text.why or "")
            click.echo(f"{prompt or text.prompt}:")
            width = max(len(v) for v in values)
            for i, (v, explain) in enumerate(options, start=1):
                click.echo(f"  {i}) {v.ljust(width)}  {explain}" if explain else f"  {i}) {v}")
        return self.ask(
            path,
            default=default,
            again=again,
            prompt="Choose",
            quiet=True,
            parse=parse,
            shown=lambda v: str(values.index(v) + 1) if v in values else str(v),
        )

    # -- bookkeeping --------------------------------------------------------------------

    def _keep(self, loc: Loc, value: Any, whole: bool) -> Any:
        checked = check(self.answers, loc, value, whole=whole)
        self._record(loc, checked)
        return checked

    def _record(self, loc: Loc, value: Any) -> None:
        put(self.answers, loc, value)
        self.on_answer(self.answers)

    def set(self, path: str, value: Any) -> None:
        """Record a value the wizard worked out (not typed), e.g. a milestone plan."""
        self._record(loc_of(path), value)

    def has(self, path: str) -> bool:
        return get(self.answers, loc_of(path)) is not MISSING
