"""The money questions that need arithmetic: the milestone plan and its live check.

Why: "does it add up to 100 %, and what does each stage come to?" is the question a
freelancer gets wrong on paper. The plan is shown with the same allocation and the same
locale formatting as the contract's payment table, so what is confirmed here is exactly
what the client will read.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import click

from contractkit.library.formatting import Formatter
from contractkit.money import Money, allocate, known_currencies
from contractkit.wizard.asker import Asker, note, warn
from contractkit.wizard.fields import get, loc_of, problems_at

# Shares of what remains after the deposit (the practitioner conventions in DOMAIN.md).
PRESETS: dict[str, tuple[int, ...]] = {
    "all on delivery": (100,),
    "50/50": (50, 50),
    "30/40/30": (30, 40, 30),
    "25/25/25/25": (25, 25, 25, 25),
}
CUSTOM = "custom"


def suggested_name(fmt: Formatter, count: int, i: int) -> str:
    """A default name for stage ``i`` of ``count``, in the contract's language (labels
    ``milestone_names``): offered, never forced."""
    names = fmt.labels.get("milestone_names", {})
    known = names.get(str(count))
    if known and i < len(known):
        return str(known[i])
    return str(names.get("other", "Milestone {n}")).format(n=i + 1)


def plain(d: Decimal) -> Decimal | int:
    """``Decimal('15')`` → 15 and ``Decimal('22.50')`` → 22.5, for prompts and the file."""
    if d == d.to_integral_value():
        return int(d)
    return Decimal(str(d).rstrip("0").rstrip("."))


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
        rows += [(m["name"], Decimal(str(m["percent"]))) for m in pay.get("milestones", [])]
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
    """Ask how the rest of the fee after the deposit is paid, until it adds up to 100 %."""
    deposit = Decimal(str(get(a.answers, loc_of("payment.deposit_percent"), 0) or 0))
    rest = Decimal(100) - deposit
    old = list(get(a.answers, loc_of("payment.milestones"), []) or [])
    if a.has("payment.milestones") and not again and _adds_up(a):
        _show(a, fmt)
        return
    if rest == 0:
        a.set("payment.milestones", [])
        _show(a, fmt)
        return
    while True:
        names = [str(m.get("name", "")) for m in old if isinstance(m, dict)]
        choice = _pick_plan(a, rest, [m.get("percent") for m in old if isinstance(m, dict)])
        a.set("payment.milestones", [])
        if choice == CUSTOM:
            _custom(a, fmt, rest, names)
        else:
            shares = PRESETS[choice]
            for i, share in enumerate(shares):
                default = (
                    names[i] if len(names) == len(shares) else suggested_name(fmt, len(shares), i)
                )
                a.ask(
                    f"payment.milestones.{i}.name",
                    default=default,
                    again=True,
                    prompt=f"Payment {i + 1} of {len(shares)} is due when (an event)",
                )
                a.set(f"payment.milestones.{i}.percent", plain(rest * share / 100))
        if _show(a, fmt):
            return
        old = list(get(a.answers, loc_of("payment.milestones"), []) or [])
        if not a.interactive:
            return


def _pick_plan(a: Asker, rest: Decimal, old: list[Any]) -> str:
    options = [*PRESETS, CUSTOM]
    current = [Decimal(str(p)) for p in old if p is not None]
    default = "50/50"
    for name, shares in PRESETS.items():
        if current == [rest * s / 100 for s in shares]:
            default = name
    if current and default == "50/50" and current != [rest / 2, rest / 2]:
        default = CUSTOM
    if not a.interactive:
        return default
    note("Milestones split what is left after the deposit; each is due when its event happens.")
    click.echo(f"How is the remaining {plain(rest)}% paid?")
    for i, name in enumerate(options, start=1):
        shares = PRESETS.get(name, ())
        parts = " + ".join(f"{plain(rest * s / 100)}%" for s in shares)
        click.echo(f"  {i}) {name.ljust(15)} {parts}" if parts else f"  {i}) {name}")

    def proc(raw: str) -> str:
        raw = str(raw).strip().lower()
        if raw.isdigit() and 1 <= int(raw) <= len(options):
            return options[int(raw) - 1]
        if raw in options:
            return raw
        raise click.BadParameter(f"type a number from 1 to {len(options)}")

    return str(click.prompt("Choose", default=str(options.index(default) + 1), value_proc=proc))


def _custom(a: Asker, fmt: Formatter, rest: Decimal, names: list[str]) -> None:
    count = click.prompt(
        "How many payments after the deposit",
        type=click.IntRange(1, 12),
        default=max(len(names), 2),
    )
    left = rest
    for i in range(count):
        default_name = (
            names[i] if i < len(names) and len(names) == count else suggested_name(fmt, count, i)
        )
        a.ask(
            f"payment.milestones.{i}.name",
            default=default_name,
            again=True,
            prompt=f"Payment {i + 1} of {count} is due when (an event)",
        )
        last = i == count - 1
        suggestion = left if last else (left / (count - i)).quantize(Decimal("0.01"))
        share = a.ask(
            f"payment.milestones.{i}.percent",
            default=plain(suggestion),
            again=True,
            prompt=f"Its share of the whole fee, % ({fmt.pct(left)} still open)",
        )
        left -= Decimal(str(share))


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
            warn("; ".join(wrong) + " — let's set the plan again.")
        else:
            a.wrong.extend(f"payment: {w}" for w in wrong)
        return False
    return True
