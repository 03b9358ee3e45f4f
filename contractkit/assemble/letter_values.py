"""Facts + contract → the values a letter template shows, known or as fill-in blanks.

Why: a letter template should only arrange words. Everything it states that is derived
(days overdue, balance after partial payments, the late fee and its working, a deadline
moved onto a business day, the kill fee) is computed here, once, and handed to the
template as display text. A value whose inputs are unknown becomes a visible blank such
as ``[invoice no.]``, whose words come from ``labels.yaml`` so translators own them.
Each unknown has its own name («[days overdue]», «[total due]»): one blank for four
different sums would ask the reader to guess which is which. A working whose inputs are
unknown is left out, and the letter names the facts it needs instead.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from contractkit.assemble import letter_parts as parts
from contractkit.errors import ContractkitError, MissingFactError
from contractkit.job.facts import Facts
from contractkit.job.model import Job
from contractkit.law.calendar import BusinessCalendar
from contractkit.law.interest import LateCharge, Period, days_overdue, simple_interest
from contractkit.law.records import Rule
from contractkit.law.routes import route_text, work_calendar
from contractkit.law.statutory import first_late_day, late_charge, rule_for
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


# The contract's termination clause: a serious breach may end the agreement at once if it
# is not put right within this many (calendar) days of a written request.
REMEDY_DAYS = 10


def received(cal: BusinessCalendar, sent: date) -> date:
    """When an email sent on ``sent`` counts as received: the next business day (the
    contract's notices clause). Windows and notice periods run from then."""
    return cal.add(sent, 1)


def window_end(cal: BusinessCalendar, sent: date, days: int) -> date:
    """The last business day of a window of ``days`` business days from receipt."""
    return cal.add(received(cal, sent), days)


def letter_values(
    job: Job,
    fmt: Formatter,
    facts: Facts,
    deadline_days: int,
    computes: tuple[str, ...] = (),
    formal: bool = False,
) -> dict[str, Any]:
    """The ``fact``, ``known``, ``late``, ``kill`` and date variables of a letter template.

    ``late`` and ``kill`` are computed only for letters that show them, so a follow-up
    never fails for want of a reference rate it does not use. Windows and deadlines are
    on the freelancer's business days; notice periods run from deemed receipt.
    """
    v = Values(job, fmt)
    cal = work_calendar(job)
    currency = job.payment.currency
    for name in ("amount", "paid", "invoiced", "work", "work_value"):
        m = getattr(facts, name)
        if m is not None and m.currency != currency:
            raise ContractkitError(f"facts.{name} must be in the contract's currency {currency}")
    balance = facts.balance if facts.amount is not None else None
    # counted from the last day payment was in time (the due date, moved off a day off
    # where the law moves it), so the days overdue agree with the days of interest
    overdue = (
        days_overdue(first_late_day(job, facts.due) - timedelta(days=1), facts.as_of)
        if facts.as_of is not None and facts.due is not None
        else None
    )
    fact = _fact(job, facts, v, balance, overdue, deadline(facts, cal, deadline_days))
    late, charge = _late(job, facts, balance, v, formal) if "late" in computes else (None, None)
    fact["total"] = (
        v.fmt.money(charge.total) if charge is not None
        else v.blank("total") if late is not None else fact["balance"]
    )  # fmt: skip
    kill = (
        _kill(job, facts, v, "ending" in computes) if {"kill", "ending"} & set(computes) else None
    )
    project = parts.project_forms(job, fmt)
    return {
        "fact": fact,
        "known": _known(facts, overdue),
        "days_overdue": overdue,
        "late": late,
        "kill": kill,
        "ending": parts.ending(job, fmt, facts, v, kill) if kill is not None else None,
        "small_claims": _small_claims(job, fmt),
        "project_as": project,
        "agreement": parts.agreement_of(job, fmt, project),
        "pay_to": parts.pay_to(job, fmt),
    }


def _fact(
    job: Job,
    facts: Facts,
    v: Values,
    balance: Money | None,
    overdue: int | None,
    due_by: date | None,
) -> dict[str, str]:
    """The facts as display text, each unknown one a blank with its own name."""
    cal = work_calendar(job)
    com = job.communication
    as_of = facts.as_of
    got = received(cal, as_of) if as_of else None
    fact = {
        "today": v.date(as_of, "letter_date"),
        # a formal notice sent today takes effect when it counts as received
        "effective": v.date(received(cal, as_of) if as_of else None, "notice_end"),
        "sent": v.date(facts.sent, "sent"),
        "request": v.date(facts.sent, "request"),
        "invoice": facts.invoice if facts.invoice is not None else v.blank("invoice"),
        "invoice_ref": parts.invoice_ref(v.fmt, facts, v.blank),
        "invoice_date": v.date(facts.invoice_date, "invoice_date"),
        "amount": v.money(facts.amount, "invoice_amount"),
        "paid": v.money(facts.paid, "paid"),
        "balance": v.money(balance, "balance"),
        "due": v.date(facts.due, "due"),
        "days_overdue": str(overdue) if overdue is not None else v.blank("days_overdue"),
        "deadline": v.date(due_by, "deadline"),
        "response_by": v.date(
            window_end(cal, facts.sent, com.response_days) if facts.sent else None, "response_by"
        ),
        "cancel_after": v.date(cal.add(got, com.pause_after_days) if got else None, "cancel_after"),
        "notice_end": v.date(
            got + timedelta(days=job.termination_notice_days) if got else None, "notice_end"
        ),
        "pay_by": v.date(
            as_of + timedelta(days=job.payment.terms_days) if as_of else None, "pay_by"
        ),
    }
    return fact


def _known(facts: Facts, overdue: int | None) -> dict[str, bool]:
    """Which facts a template may print rather than leave as a blank."""
    known = {
        name: getattr(facts, name) is not None
        for name in ("sent", "invoice", "amount", "due", "as_of", "invoiced", "invoice_date",
                     "work", "work_value")
    }  # fmt: skip
    known["paid"] = facts.paid is not None and facts.paid.minor > 0
    known["overdue"] = bool(overdue)
    return known


def _late(
    job: Job, facts: Facts, balance: Money | None, v: Values, formal: bool
) -> tuple[dict[str, Any] | None, LateCharge | None]:
    """The contract's late terms, with the computed charge when the facts allow.

    None when neither the contract nor a statute for this client gives late terms: a
    letter never mentions a fee it lacks. A friendly letter whose statutory figure needs
    a rate nobody gave leaves the figure out; a formal one refuses (exit 2).
    """
    pay = job.payment
    rule = rule_for(job)
    if pay.late_fee_percent_per_month is None and rule is None:
        return None, None
    charge = _charge(job, facts, balance, v, formal)
    comp = rule.compensation if rule is not None else None
    out: dict[str, Any] = {
        "basis": "contractual" if pay.late_fee_percent_per_month is not None else "statutory",
        "computed": charge is not None and charge.days > 0,
        "known": charge is not None,  # else the working is left out, naming what it needs
        "missing": v.blank("working"),
        "interest": v.blank("interest"),
        "total": v.blank("total"),
        "principal": v.money(balance, "balance"),
        "days": v.blank("interest_days"),
        "one_principal": True,
        "working": v.blank("working"),
        "statute": statute_name(rule, v.fmt) if rule else "",
        "margin": v.fmt.number(rule.margin) if rule else "",
        "annual": v.blank("annual_rate"),
        "reference_rate": v.blank("reference_rate"),
        "reference_day": v.blank("reference_day"),
        "rate_name": v.fmt.label("letters.supplied_rate"),
        "has_compensation": comp is not None,
        "compensation": v.blank("compensation") if comp is not None else "",
        "compensation_added": False,
        "moved": False,
        "from": "",
        "periods": 1,
        "continues": accrues(charge, v, facts.as_of, pay.late_fee_percent_per_month is None),
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
        "working": working(charge, v),
        "from": v.fmt.date(charge.first_late),
        "periods": len({(ln.period.reference_day, ln.period.annual) for ln in charge.lines}),
        "moved": facts.due is not None and charge.first_late > facts.due + timedelta(days=1),
        # one balance throughout: "for N days on X"; after a payment the lines say each one
        "one_principal": len({ln.principal for ln in charge.lines}) <= 1,
    }
    if charge.basis == "statutory":
        out |= _statutory_values(charge, facts, v, out)
    return out, charge


def accrues(charge: LateCharge | None, v: Values, as_of: date | None, statutory: bool) -> str:
    """The sentence that the late fee or interest keeps running after the letter's date,
    at the rate of its last period, with one day's amount and its working
    (principal × rate ÷ 365, half-up to the minor unit) when the charge is known.

    Why: a letter that totals interest "up to today" would otherwise read as if that
    total settled it. A day's amount is only stated when it is not zero; a statutory rate
    is called the current one, since the next half-year may bring another.
    """
    key = f"letters.accrues.{'statutory' if statutory else 'contractual'}"
    day = v.date(as_of, "letter_date")
    if charge is None or not charge.lines:
        return v.fmt.label(key, date=day)
    last = charge.lines[-1]
    daily = simple_interest(last.principal, last.period.annual, 1)
    if daily.minor <= 0:
        return v.fmt.label(key, date=day)
    monthly = charge.basis == "contractual"
    rate = f"{v.pct(last.period.annual / 12)} × 12" if monthly else v.pct(last.period.annual)
    work = f"{v.fmt.money(last.principal)} × {rate} ÷ 365 = {v.fmt.money(daily)}"
    return v.fmt.label(
        f"{key}_daily", date=day, daily=v.fmt.money(daily), working=work,
        annual=v.pct(last.period.annual),
    )  # fmt: skip


def _charge(
    job: Job, facts: Facts, balance: Money | None, v: Values, formal: bool
) -> LateCharge | None:
    """The late charge when its facts are known; a friendly letter without a rate gets none."""
    if balance is None or facts.due is None or facts.as_of is None:
        return None
    try:
        return late_charge(job, facts, v.fmt.language)
    except MissingFactError:
        if formal:
            raise
        return None


def _statutory_values(
    charge: LateCharge, facts: Facts, v: Values, out: dict[str, Any]
) -> dict[str, Any]:
    """What a letter shows of statutory interest: rates and reference days per period
    (joined with " / " when the debt spans several), the rate's name, the compensation."""
    periods = [ln.period for ln in charge.lines]
    return {
        "annual": " / ".join(v.pct(r) for r in charge.annual_rates) or out["annual"],
        "reference_rate": " / ".join(_unique(v.pct(p.reference) for p in periods if
                                             p.reference is not None)) or out["reference_rate"],
        "reference_day": " / ".join(_unique(v.fmt.date(p.reference_day) for p in periods
                                            if p.reference_day)) or out["reference_day"],
        "rate_name": _rate_name(charge, periods, v.fmt),
        "compensation": v.fmt.money(charge.compensation) if charge.compensation else "",
        "compensation_added": charge.compensation_due is not None,
        "compensation_due": (
            v.fmt.money(charge.compensation_due) if charge.compensation_due else ""
        ),
        "eur_rate": v.fmt.number(charge.euro_rate) if charge.euro_rate else "",
        "conversion": charge.conversion,
    }  # fmt: skip


def working(charge: LateCharge, v: Values) -> str:
    """principal × rate ÷ 365 × days = amount, one line per rate or balance period; with
    several lines, their sum. Figures and symbols only: it reads the same in every language."""
    monthly = charge.basis == "contractual"
    parts = []
    for ln in charge.lines:
        rate = f"{v.pct(ln.period.annual / 12)} × 12" if monthly else v.pct(ln.period.annual)
        parts.append(
            f"{v.fmt.money(ln.principal)} × {rate} ÷ 365 × {ln.days} = {v.fmt.money(ln.amount)}"
        )
    if len(parts) > 1:
        parts.append(
            " + ".join(v.fmt.money(ln.amount) for ln in charge.lines)
            + f" = {v.fmt.money(charge.interest)}"
        )
    return "; ".join(parts) or f"{v.fmt.money(charge.interest)}"


def _unique(items: Any) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def statute_name(rule: Rule, fmt: Formatter) -> str:
    """The statute as the letter's language names it: ``letters.statutes.<label>`` (in the
    grammatical form the sentences need) where the language has it, else the record's."""
    names = fmt.labels.get("letters", {}).get("statutes", {})
    if rule.label and rule.label in names:
        return str(names[rule.label])
    return rule.name(fmt.language)


def _kill(job: Job, facts: Facts, v: Values, ending: bool = False) -> dict[str, Any]:
    """The kill fee: the contract's percentage of what stays uninvoiced after work to date.

    The work to date is ``facts.amount`` in the kill-fee letter; in the termination for
    non-payment ``facts.amount`` is the unpaid invoice, and the work is ``facts.work``."""
    fee = job.payment.fee_money
    work, work_name = (facts.work, "work") if ending else (facts.amount, "amount")
    remaining: Money | None = None
    if facts.invoiced is not None and work is not None:
        remaining = fee - facts.invoiced - work
        if remaining.minor < 0:
            raise ContractkitError(
                f"facts.invoiced plus facts.{work_name} ({v.fmt.money(facts.invoiced + work)}) "
                f"exceed the contract's fee of {v.fmt.money(fee)}"
            )
    fee_due = remaining.percent(job.kill_fee_percent) if remaining is not None else None
    total = fee_due + work if fee_due is not None and work is not None else None
    return {
        "percent": v.pct(job.kill_fee_percent),
        "fee": v.fmt.money(fee),
        "invoiced": v.money(facts.invoiced, "invoiced_before"),
        "work": v.money(work, "work_since" if ending else "work_to_date"),
        "remaining": v.money(remaining, "remaining_fee"),
        "amount": v.money(fee_due, "kill_fee"),
        "due": fee_due,
        "total": v.money(total, "kill_total"),
        "known": fee_due is not None,
    }


def _small_claims(job: Job, fmt: Formatter) -> str:
    return route_text(job, fmt.language, fmt.labels["letters"]["small_claims"])


def _rate_name(charge: LateCharge, periods: list[Period], fmt: Formatter) -> str:
    """The reference rate's name in the letter's language (``letters.rate_names``), the
    rates table's own name where a language has none, or "reference rate" when every
    rate was given as a fact (facts.reference_rate)."""
    if periods and all(p.supplied for p in periods):
        return fmt.label("letters.supplied_rate")
    names = fmt.labels.get("letters", {}).get("rate_names", {})
    return str(names.get(charge.series) or charge.rate_name or "")
