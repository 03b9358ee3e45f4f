"""Facts + contract → the values a letter template shows, known or as fill-in blanks.

Why: a letter template should only arrange words. Everything it states that is derived
(days overdue, balance after partial payments, the late fee and its working, a deadline
moved onto a business day, the kill fee) is computed here, once, and handed to the
template as display text. A value whose inputs are unknown becomes a visible blank such
as ``[invoice no.]``, whose words come from ``labels.yaml`` so translators own them.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from contractkit.errors import ContractkitError
from contractkit.job.facts import Facts
from contractkit.job.model import Job
from contractkit.law.calendar import BusinessCalendar
from contractkit.law.interest import LateCharge, days_overdue, late_charge, statute_for
from contractkit.library.formatting import Formatter
from contractkit.money import Money


class Values:
    """Formats facts for one letter, turning unknown ones into labelled blanks."""

    def __init__(self, job: Job, fmt: Formatter) -> None:
        self.job = job
        self.fmt = fmt

    def blank(self, what: str) -> str:
        return self.fmt.label("letters.blank", what=self.fmt.label(f"letters.blanks.{what}"))

    def date(self, value: date | None, what: str) -> str:
        return self.fmt.date(value) if value is not None else self.blank(what)

    def money(self, value: Money | None, what: str) -> str:
        return self.fmt.money(value) if value is not None else self.blank(what)

    def pct(self, value: Decimal) -> str:
        return self.fmt.pct(value)


def deadline(facts: Facts, cal: BusinessCalendar, default_days: int) -> date | None:
    """The reply-or-pay-by date: given (moved onto a business day) or N business days on."""
    if facts.deadline is not None:
        return cal.on_or_after(facts.deadline)
    if facts.as_of is None:
        return None
    return cal.add(facts.as_of, facts.deadline_days or default_days)


def letter_values(
    job: Job,
    fmt: Formatter,
    facts: Facts,
    deadline_days: int,
    computes: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The ``fact``, ``known``, ``late``, ``kill`` and date variables of a letter template.

    ``late`` and ``kill`` are computed only for letters that show them, so a follow-up
    never fails for want of a reference rate it does not use.
    """
    v = Values(job, fmt)
    cal = BusinessCalendar(job.law.country)
    currency = job.payment.currency
    for name in ("amount", "paid", "invoiced"):
        m = getattr(facts, name)
        if m is not None and m.currency != currency:
            raise ContractkitError(f"facts.{name} must be in the contract's currency {currency}")
    paid = facts.paid or Money(0, currency)
    balance = facts.amount - paid if facts.amount is not None else None
    overdue = (
        days_overdue(facts.due, facts.as_of)
        if facts.as_of is not None and facts.due is not None
        else None
    )
    due_by = deadline(facts, cal, deadline_days)
    com = job.communication
    as_of = facts.as_of
    fact = {
        "today": v.date(as_of, "date"),
        "sent": v.date(facts.sent, "sent"),
        "invoice": facts.invoice if facts.invoice is not None else v.blank("invoice"),
        "amount": v.money(facts.amount, "amount"),
        "paid": v.money(facts.paid, "paid"),
        "balance": v.money(balance, "amount"),
        "due": v.date(facts.due, "due"),
        "days_overdue": str(overdue) if overdue is not None else v.blank("days"),
        "deadline": v.date(due_by, "deadline"),
        "response_by": v.date(
            cal.add(facts.sent, com.response_days) if facts.sent else None, "date"
        ),
        "cancel_after": v.date(cal.add(as_of, com.pause_after_days) if as_of else None, "date"),
        "notice_end": v.date(
            as_of + timedelta(days=job.termination_notice_days) if as_of else None, "date"
        ),
        "pay_by": v.date(as_of + timedelta(days=job.payment.terms_days) if as_of else None, "date"),
    }
    late, charge = _late(job, facts, balance, v) if "late" in computes else (None, None)
    fact["total"] = v.fmt.money(charge.total) if charge is not None else fact["balance"]
    return {
        "fact": fact,
        "known": _known(facts, overdue),
        "days_overdue": overdue,
        "late": late,
        "kill": _kill(job, facts, v) if "kill" in computes else None,
        "small_claims": _small_claims(job, fmt),
    }


def _known(facts: Facts, overdue: int | None) -> dict[str, bool]:
    """Which facts a template may print rather than leave as a blank."""
    known = {
        name: getattr(facts, name) is not None
        for name in ("sent", "invoice", "amount", "due", "as_of", "invoiced")
    }
    known["paid"] = facts.paid is not None and facts.paid.minor > 0
    known["overdue"] = bool(overdue)
    return known


def _late(
    job: Job, facts: Facts, balance: Money | None, v: Values
) -> tuple[dict[str, Any] | None, LateCharge | None]:
    """The contract's late terms, with the computed charge when the facts allow.

    None when the contract has no late terms: a letter never mentions a fee it lacks.
    """
    pay = job.payment
    if pay.late_fee_percent_per_month is None and not pay.statutory_interest:
        return None, None
    charge: LateCharge | None = None
    if balance is not None and facts.due is not None and facts.as_of is not None:
        charge = late_charge(job, facts, balance)
    statute = statute_for(job.law.country)
    out: dict[str, Any] = {
        "basis": "contractual" if pay.late_fee_percent_per_month is not None else "statutory",
        "computed": charge is not None and charge.days > 0,
        "interest": v.blank("amount"),
        "total": v.blank("amount"),
        "principal": v.money(balance, "amount"),
        "days": v.blank("days"),
        "statute": v.fmt.label(f"letters.statutes.{statute.key}") if statute else "",
        "margin": v.fmt.number(statute.margin) if statute else "",
        "annual": v.blank("rate"),
        "reference_rate": v.blank("rate"),
        "reference_day": v.blank("date"),
        "rate_name": v.fmt.label("letters.supplied_rate"),
        "compensation": v.blank("amount") if pay.statutory_interest else "",
        "compensation_added": False,
    }
    if pay.late_fee_percent_per_month is not None:
        out["monthly"] = v.pct(pay.late_fee_percent_per_month)
        out["annual"] = v.pct(pay.late_fee_percent_per_month * 12)
    if charge is None:
        return out, None
    out |= {
        "interest": v.fmt.money(charge.interest),
        "total": v.fmt.money(charge.total),
        "days": str(charge.days),
        "annual": v.pct(charge.annual_rate),
    }
    if charge.basis == "statutory":
        assert charge.reference_rate is not None and charge.reference_day is not None
        out |= {
            "reference_rate": v.pct(charge.reference_rate),
            "reference_day": v.fmt.date(charge.reference_day),
            "rate_name": _rate_name(charge, v.fmt),
            "compensation": v.fmt.money(charge.compensation) if charge.compensation else "",
            "compensation_added": charge.compensation_due is not None,
            "compensation_due": (
                v.fmt.money(charge.compensation_due) if charge.compensation_due else ""
            ),
            "eur_rate": v.fmt.number(charge.eur_rate) if charge.eur_rate else "",
        }
    return out, charge


def _kill(job: Job, facts: Facts, v: Values) -> dict[str, Any]:
    """The kill fee: the contract's percentage of what stays uninvoiced after work to date."""
    fee = job.payment.fee_money
    remaining: Money | None = None
    if facts.invoiced is not None and facts.amount is not None:
        remaining = fee - facts.invoiced - facts.amount
        if remaining.minor < 0:
            raise ContractkitError(
                f"facts.invoiced plus facts.amount ({v.fmt.money(facts.invoiced + facts.amount)}) "
                f"exceed the contract's fee of {v.fmt.money(fee)}"
            )
    fee_due = remaining.percent(job.kill_fee_percent) if remaining is not None else None
    total = fee_due + facts.amount if fee_due is not None and facts.amount is not None else None
    return {
        "percent": v.pct(job.kill_fee_percent),
        "fee": v.fmt.money(fee),
        "invoiced": v.money(facts.invoiced, "amount"),
        "work": v.money(facts.amount, "amount"),
        "remaining": v.money(remaining, "amount"),
        "amount": v.money(fee_due, "amount"),
        "total": v.money(total, "amount"),
    }


def _small_claims(job: Job, fmt: Formatter) -> str:
    routes: dict[str, str] = fmt.labels["letters"]["small_claims"]
    return routes.get(job.law.country) or (
        routes["EU"] if statute_for(job.law.country) is not None else routes["other"]
    )


def _rate_name(charge: LateCharge, fmt: Formatter) -> str:
    """The reference rate's name in the letter's language (``letters.rate_names``), the
    rates table's own name where a language has none, or "reference rate" when the
    rate was given as a fact (facts.reference_rate)."""
    if charge.rate_supplied or charge.statute is None:
        return fmt.label("letters.supplied_rate")
    names = fmt.labels.get("letters", {}).get("rate_names", {})
    return str(names.get(charge.statute.key) or charge.rate_name or "")
