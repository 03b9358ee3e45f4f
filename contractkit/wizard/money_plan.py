"""The money questions that need arithmetic: the milestone plan and its live check.

Why: "does it add up to 100 %, and what does each stage come to?" is the question a
freelancer gets wrong on paper. The plan is shown with the same allocation and the same
locale formatting as the contract's payment table, so what is confirmed here is exactly
what the client will read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import click

from contractkit.library.formatting import Formatter
from contractkit.money import Money, allocate, known_currencies
from contractkit.wizard.asker import Asker, note, warn
from contractkit.wizard.fields import get, loc_of, problems_at
from contractkit.wizard.parsing import date_shown, parse_date, parse_percent, typing_locale

# Ways to pay what is left after the deposit; each is shown as shares of the WHOLE fee.
EQUAL: dict[str, int] = {"all on delivery": 1, "two equal payments": 2, "three equal payments": 3}
CUSTOM = "custom"
Share = Decimal | int  # a % of the whole fee, as plain() writes it


def suggested_name(fmt: Formatter, count: int, i: int) -> str:
    """A default name for stage ``i`` of ``count``, in the contract's language (labels
    ``milestone_names``): offered, never forced."""
    names = fmt.labels.get("milestone_names", {})
    known = names.get(str(count))
    if known and i < len(known):
        return str(known[i])
    return str(names.get("other", "Milestone {n}")).format(n=i + 1)


def plain(d: Decimal | int) -> Decimal | int:
    """``Decimal('15')`` → 15 and ``Decimal('22.50')`` → 22.5, for prompts and the file."""
    d = Decimal(d)
    if d == d.to_integral_value():
        return int(d)
    return Decimal(str(d).rstrip("0").rstrip("."))


def _named(m: dict[str, Any], fmt: Formatter) -> str:
    """A milestone's name, with its date when it has one."""
    due = m.get("due")
    if isinstance(due, date):
        return f"{m['name']} ({fmt.date(due)})"
    return str(m["name"])


def formatter(answers: dict[str, Any], fallback_country: str) -> Formatter:
    language = get(answers, ("language",), "en")
    country = get(answers, ("law", "country"), None) or fallback_country
    return Formatter(str(language or "en"), str(country or ""))


def schedule_lines(answers: dict[str, Any], fmt: Formatter) -> list[str]:
    """Deposit and milestones with percent and amount, as the contract's table has them."""
    pay = answers.get("payment", {})
    currency = str(pay.get("currency", "")).upper()
    if currency not in known_currencies() or pay.get("fee") is None:
        return []
    try:
        fee = Money.of(Decimal(str(pay["fee"])), currency)
        deposit = Decimal(str(pay.get("deposit_percent", 0)))
        rows = [(fmt.label("schedule.deposit"), deposit)] if deposit > 0 else []
        rows += [
            (_named(m, fmt), Decimal(str(m["percent"]))) for m in pay.get("milestones", []) if m
        ]
    except (ArithmeticError, KeyError, TypeError, ValueError):
        return []
    total = sum((p for _, p in rows), Decimal(0))
    amounts = allocate(fee, [p for _, p in rows]) if total == 100 else [None] * len(rows)
    width = max([len(n) for n, _ in rows] + [len(fmt.label("schedule.total"))])
    lines = []
    for (name, pct), amount in zip(rows, amounts, strict=True):
        money = fmt.money(amount) if amount is not None else ""
        lines.append(f"{name.ljust(width)}  {fmt.pct(pct):>7}  {money:>14}")
    mark = "adds up" if total == 100 else f"does not add up: {fmt.pct(100 - total)} missing"
    money_total = fmt.money(fee) if total == 100 else ""
    lines.append(
        f"{fmt.label('schedule.total').ljust(width)}  {fmt.pct(total):>7}  "
        f"{money_total:>14}  ({mark})"
    )
    return lines


def ask_plan(a: Asker, fmt: Formatter, again: bool) -> None:
    """Ask how the rest of the fee after the deposit is paid, until it adds up to 100 %.

    Every share is of the whole fee (30 % deposit + 30 + 40). A plan that does not add up
    is asked again with everything typed offered back: names, shares and dates.
    """
    deposit = Decimal(str(get(a.answers, loc_of("payment.deposit_percent"), 0) or 0))
    rest = Decimal(100) - deposit
    if a.has("payment.milestones") and not again and _adds_up(a):
        _show(a, fmt)
        return
    if rest == 0:
        a.set("payment.milestones", [])
        _show(a, fmt)
        return
    while True:
        old = [m for m in get(a.answers, loc_of("payment.milestones"), []) or [] if m]
        shares = _pick_plan(a, deposit, [m.get("percent") for m in old if isinstance(m, dict)])
        a.set("payment.milestones", [])
        _stages(a, fmt, rest, shares, [m for m in old if isinstance(m, dict)])
        if _show(a, fmt) or not a.interactive:
            return


def equal_shares(rest: Decimal, count: int) -> list[Share]:
    """``rest`` in ``count`` shares of at most two decimals that add up exactly."""
    each = (rest / count).quantize(Decimal("0.01"))
    return [*(plain(each) for _ in range(count - 1)), plain(rest - each * (count - 1))]


def parse_shares(raw: str) -> list[Share]:
    """``30/40``, ``30 40``, ``30 % + 40 %`` → the shares typed, each a % of the whole fee."""
    parts = [p for p in re.split(r"[/+;\s]+|,\s+", raw.replace("%", " ")) if p]
    return [plain(parse_percent(p)) for p in parts]


def _pick_plan(a: Asker, deposit: Decimal, old: list[Any]) -> list[Share] | None:
    """The shares of the whole fee each payment after the deposit gets, or ``None`` to
    type them one by one."""
    rest = Decimal(100) - deposit
    options: dict[str, list[Share] | None] = {
        name: equal_shares(rest, n) for name, n in EQUAL.items()
    }
    options[CUSTOM] = None
    current = [s for s in (_share(p) for p in old) if s is not None]
    names = list(options)
    default = "2" if not current else shares_text(current)
    for i, shares in enumerate(options.values(), start=1):
        if shares == current:
            default = str(i)
    if not a.interactive:
        return current or options["two equal payments"]
    start = f"the {fmt_pct(deposit)} deposit" if deposit else "nothing up front"
    note(
        "Every share here is of the WHOLE fee: with "
        f"{start}, the payments after it add up to {fmt_pct(rest)}."
    )
    click.echo(f"How is the other {fmt_pct(rest)} of the fee paid?")
    for i, (name, shares) in enumerate(options.items(), start=1):
        parts = " + ".join(fmt_pct(s) for s in shares) if shares else "you type each share"
        click.echo(f"  {i}) {name.ljust(21)} {parts}")

    def proc(raw: str) -> list[Share] | None:
        raw = str(raw).strip().lower()
        if raw.isdigit() and 1 <= int(raw) <= len(names):
            return options[names[int(raw) - 1]]
        if raw in options:
            return options[raw]
        try:
            return parse_shares(raw)
        except ValueError:
            raise click.BadParameter(
                f"type a number from 1 to {len(names)}, or the shares of the whole fee "
                f"after the deposit, e.g. {shares_text(equal_shares(rest, 2))}"
            ) from None

    picked: list[Share] | None = click.prompt(
        f"Choose 1–{len(names)}, or type the shares (e.g. {shares_text(equal_shares(rest, 2))})",
        default=default,
        value_proc=proc,
    )
    return picked


def _share(typed: Any) -> Share | None:
    """A share as kept or as typed in an answers file (``70 %``); ``None`` if unreadable."""
    try:
        return plain(parse_percent(str(typed)))
    except ValueError:
        return None


def shares_text(shares: list[Share]) -> str:
    return "/".join(str(s) for s in shares)


def fmt_pct(d: Share) -> str:
    return f"{plain(d)} %"


def _stages(
    a: Asker, fmt: Formatter, rest: Decimal, shares: list[Share] | None, old: list[Any]
) -> None:
    """Name (and optionally date) each payment; ask each share when none was picked."""
    count = len(shares) if shares else _count(len(old))
    same = len(old) == count
    left = rest
    for i in range(count):
        name = old[i].get("name") if same and old[i].get("name") else None
        a.ask(
            f"payment.milestones.{i}.name",
            default=name or suggested_name(fmt, count, i),
            again=True,
            prompt=f"Payment {i + 1} of {count} is due when (an event)",
        )
        if shares:
            a.set(f"payment.milestones.{i}.percent", shares[i])
        else:
            typed = old[i].get("percent") if same else None
            suggestion = left if i == count - 1 else equal_shares(left, count - i)[0]
            share = a.ask(
                f"payment.milestones.{i}.percent",
                default=typed if typed is not None else plain(suggestion),
                again=True,
                prompt=f"Its share of the whole fee, % ({fmt_pct(left)} still open)",
                parse=parse_percent,
                refuse=share_refusal(left),
            )
            left -= Decimal(str(share))
        ask_due(a, fmt, i, old[i].get("due") if same else None)


def share_refusal(left: Decimal) -> Callable[[str], str]:
    return lambda _: f"a share of the whole fee is 0–100 %, e.g. {plain(left)}"


def _count(old: int) -> int:
    return int(
        click.prompt(
            "How many payments after the deposit",
            type=click.IntRange(1, 12),
            default=max(old, 2),
        )
    )


def ask_due(a: Asker, fmt: Formatter, i: int, old: Any) -> None:
    """A fixed date for payment ``i``, if it has one (the job file's ``due``)."""
    typed_in = typing_locale(fmt.locale)
    a.ask(
        f"payment.milestones.{i}.due",
        default=old,
        again=True,
        optional=True,
        prompt="  Fixed due date, if any" + (" ('-' for none)" if old else ""),
        parse=lambda raw: None if raw.strip() in ("", "-") else parse_date(raw, typed_in),
        shown=lambda d: d.isoformat() if isinstance(d, date) else str(d),
        back=lambda d: date_shown(d, fmt.locale),
    )


def _adds_up(a: Asker) -> bool:
    return not problems_at(a.answers, ("payment", "milestones"), whole=True)


def _show(a: Asker, fmt: Formatter) -> bool:
    """Print the plan; report whether it adds up (the model's own check decides)."""
    lines = schedule_lines(a.answers, fmt)
    if a.interactive:
        for line in lines:
            click.echo(f"    {line}")
    wrong = problems_at(a.answers, ("payment", "milestones"), whole=True)
    if wrong:
        if a.interactive:
            warn(_in_words(a, wrong) + " Let's set the plan again; what you typed is offered.")
        else:
            a.wrong.extend(f"payment: {w}" for w in wrong)
        return False
    return True


def _in_words(a: Asker, wrong: list[str]) -> str:
    """The plan's problem as the questions put it, not as the job file's keys do."""
    pay = a.answers.get("payment", {})
    try:
        parts = [pay.get("deposit_percent") or 0]
        parts += [m.get("percent") or 0 for m in pay.get("milestones", []) if m]
        total = sum((Decimal(str(p)) for p in parts), Decimal(0))
    except (ArithmeticError, AttributeError, TypeError, ValueError):
        return "; ".join(wrong) + "."
    if total != 100:
        shares = " + ".join(fmt_pct(Decimal(str(p))) for p in parts)
        return (
            f"The deposit and the payments come to {fmt_pct(total)} of the fee "
            f"({shares}), not 100 %."
        )
    return "; ".join(wrong) + "."
