"""`contractkit check`: what in a job the law of its country does not allow as written.

Why: a contract that breaks a payment-term cap, charges a consumer a business-only
interest, or misses what a US freelance law requires weakens every letter that relies on
it. Each finding names its rule (an id a user can look up in ``clauses/law.yaml``), what
is wrong, and the fix, as job fields (``payment.terms_days``); the rules themselves are the
law records, never a country named in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from contractkit.job.model import Job
from contractkit.law.rates import rate_table
from contractkit.law.records import Country, FreelanceAct, law_book
from contractkit.law.routes import work_region


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    fix: str

    def line(self) -> str:
        return f"{self.rule}: {self.message}; fix: {self.fix}"


def check_job(job: Job) -> list[Finding]:
    """Every finding for ``job``, in a stable order."""
    record = law_book().country(job.law.country)
    found: list[Finding] = []
    if record is not None:
        found += _terms(job, record) + _consumer(job, record) + _cap(job, record)
    found += [f for act in _acts(job) for f in _act(job, act)]
    return found


def _terms(job: Job, record: Country) -> list[Finding]:
    cap = record.term_cap_days
    days = job.payment.terms_days
    if cap is None or job.client.kind != "business" or days <= cap:
        return []
    return [
        Finding(
            "payment-term-cap",
            f"payment.terms_days is {days}, but between businesses {record.name}'s late-payment "
            f"law allows more than {cap} days only when expressly agreed and not grossly "
            f"unfair to the creditor ({record.b2b.source if record.b2b else record.sources[0]})",
            f"set payment.terms_days to {cap} or less, or agree the longer term expressly",
        )
    ]


def _consumer(job: Job, record: Country) -> list[Finding]:
    if job.client.kind != "consumer":
        return []
    out = []
    if job.has_deposit:
        out.append(
            Finding(
                "consumer-deposit",
                f"client.kind is consumer and payment.deposit_percent is "
                f"{job.payment.deposit_percent}: consumer law may treat a non-refundable "
                "deposit as an unfair term (and distance contracts carry a right to withdraw)",
                "keep the deposit refundable less the work done, or have a lawyer confirm it",
            )
        )
    if job.payment.statutory_interest and record.consumer is None:
        out.append(
            Finding(
                "consumer-statutory-interest",
                f"client.kind is consumer, but {record.name}'s statutory late-payment interest "
                "and compensation apply between businesses only: letters will claim none",
                "set payment.late_fee_percent_per_month to a rate consumer law allows, or "
                "drop payment.statutory_interest",
            )
        )
    return out


def _cap(job: Job, record: Country) -> list[Finding]:
    """A contractual late fee above the statutory maximum (a rule with ``cap_multiple``)."""
    monthly = job.payment.late_fee_percent_per_month
    rules = [r for r in (record.b2b, record.consumer) if r and r.cap_multiple]
    if monthly is None or not rules:
        return []
    rule = rules[0]
    assert rule.cap_multiple is not None
    series = rate_table().get(rule.series)
    if series is None or not series.rates:
        return []
    latest = max(series.rates, key=lambda c: c.start)
    cap = rule.cap_multiple * (latest.rate + rule.margin)
    if monthly * 12 <= cap:
        return []
    return [
        Finding(
            "late-fee-cap",
            f"payment.late_fee_percent_per_month {monthly} is {monthly * 12} % a year, above "
            f"the maximum of {cap} % ({rule.cap_multiple} × ({series.name} {latest.rate} from "
            f"{latest.start} + {rule.margin}); {rule.source})",
            f"set payment.late_fee_percent_per_month to {(cap / 12).quantize(Decimal('0.01'))} "
            "or less",
        )
    ]


def _acts(job: Job) -> list[FreelanceAct]:
    country, region = work_region(job)
    places = f"{job.freelancer.address}\n{job.client.address}".casefold()
    return [
        act
        for act in law_book().freelance_acts.values()
        if act.country in (job.law.country, country)
        and ((region and region in act.regions) or any(p.casefold() in places for p in act.places))
    ]


def _act(job: Job, act: FreelanceAct) -> list[Finding]:
    if job.payment.fee < act.threshold:
        return []
    out = []
    for path in act.requires:
        head, _, tail = path.partition(".")
        if not getattr(getattr(job, head), tail, None):
            out.append(
                Finding(
                    "us-freelance-contents",
                    f"{act.name} requires {path} in the written contract ({act.source})",
                    f"fill in {path}",
                )
            )
    if job.payment.terms_days > act.pay_within_days:
        out.append(
            Finding(
                "us-freelance-pay-date",
                f"{act.name} requires payment within {act.pay_within_days} days unless the "
                f"contract sets a date; payment.terms_days is {job.payment.terms_days} "
                f"({act.source})",
                f"set payment.terms_days to {act.pay_within_days} or less",
            )
        )
    return out


def rate_rows(today: date | None = None) -> list[str]:
    """`contractkit rates`: every series with its period rows, source and checked date."""
    lines = []
    for key, series in rate_table().items():
        lines.append(f"{key}  {series.name}")
        lines.append(f"    source:  {series.source}")
        lines.append(f"    checked: {series.checked}")
        rows = sorted(series.rates, key=lambda c: c.start)
        for i, row in enumerate(rows):
            until = rows[i + 1].start if i + 1 < len(rows) else None
            end = f"to {until.fromordinal(until.toordinal() - 1)}" if until else "onwards"
            lines.append(f"    {row.start} {end:<14} {row.rate:>6} %")
        if not rows:
            lines.append("    (no rows: give --reference-rate, or add rows to your own table)")
        if series.note:
            lines.append(f"    note:    {series.note}")
    return lines
