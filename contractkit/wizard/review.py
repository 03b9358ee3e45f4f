"""The review: the key terms of a validated job on one screen, formatted as in the contract.

Why: the last chance to catch a wrong fee or a missing protection is a short summary a
person actually reads — amounts and dates in the contract's own formatting, grouped by
the same numbers the user types to go back and change a group.
"""

from __future__ import annotations

from contractkit.job.identity import Signatory
from contractkit.job.model import Job
from contractkit.library.clauses import contract_clauses
from contractkit.library.formatting import Formatter
from contractkit.wizard.money_plan import schedule_lines
from contractkit.wizard.parsing import country_shown

_IP = {
    "on_full_payment": "rights pass to the client on full payment",
    "licence": "client gets a licence; you keep the rights",
    "exclusive_licence": "client gets an exclusive licence; you keep the rights",
}


def summary(job: Job) -> list[str]:
    """Lines of the review, each group prefixed with the number that re-asks it."""
    fmt = Formatter(job.language, job.law.country)
    f, c, p, pay, com = job.freelancer, job.client, job.project, job.payment, job.communication
    late = (
        "statutory late-payment interest"
        if pay.statutory_interest
        else f"late fee {fmt.pct(pay.late_fee_percent_per_month)} a month"
        if pay.late_fee_percent_per_month is not None
        else "no late fee"
    )
    money = {
        **{k: v for k, v in pay.model_dump().items() if k != "milestones"},
        "milestones": [m.model_dump() for m in pay.milestones],
    }
    plan = schedule_lines({"payment": money}, fmt)

    def days(n: int) -> str:
        return f"{n} {fmt.plural(n, one='day', other='days')}"

    lines = [
        _row(1, "You", _join(f.name, f.business, f.email, f.phone)),
        *_numbers(f.registration, f.tax_id, f.signatory, f.bank.iban if f.bank else None),
        _row(2, "Client", _join(c.name, c.company, c.email, c.phone or "NO PHONE")),
        *([_row(0, "", f"in {country_shown(c.country)}")] if c.country else []),
        *_numbers(c.registration, c.tax_id, c.signatory, None),
        _row(
            0,
            "",
            f"prefers {fmt.channel(com.preferred_channel or 'email')}; "
            f"approvals by {com.approver or c.name}"
            + ("; returning client" if c.returning else "; new client"),
        ),
        _row(
            3,
            "Project",
            f"{p.title}: {fmt.date(p.start)} – {fmt.date(p.deadline)}, "
            f"{p.revisions} revision round(s)",
        ),
        _row(4, "Money", f"{fmt.money(pay.fee_money)}, invoices due in {days(pay.terms_days)}"),
        *(_row(0, "", "  " + line) for line in plan),
        _row(
            5,
            "Protections",
            f"answers within {com.response_days} business days; "
            f"work pauses after {com.pause_after_days} silent business days",
        ),
        _row(0, "", f"kill fee {fmt.pct(job.kill_fee_percent)}; {late}"),
        _row(
            0,
            "",
            f"{_IP[job.ip.transfer]}; "
            + ("portfolio use kept" if job.ip.portfolio else "no portfolio use")
            + f"; {days(job.termination_notice_days)}' notice to end",
        ),
        _row(0, "", _optional(job)),
        _row(6, "Law", f"{job.law.governing}; {job.law.venue} ({job.law.country})"),
        *([_row(0, "", f"made in {job.agreement.place}")] if job.agreement.place else []),
    ]
    return lines


def _optional(job: Job) -> str:
    """Which optional clauses are in, and which are left out."""
    metas = [c.meta for c in contract_clauses(job.language) if c.meta.optional]
    chosen = job.clauses
    on = [
        m.title
        for m in metas
        if m.id in chosen.include or (m.default and m.id not in chosen.exclude)
    ]
    off = [m.title for m in metas if m.title not in on]
    return "; ".join(
        part
        for part in (
            "with: " + ", ".join(on) if on else "",
            "without: " + ", ".join(off) if off else "",
        )
        if part
    )


def _numbers(
    reg: str | None, tax: str | None, signs: Signatory | None, iban: str | None
) -> list[str]:
    """A party's numbers, signatory and account on one line, if any is given."""
    who = (
        f"signed by {signs.name}" + (f", {signs.capacity}" if signs.capacity else "")
        if signs
        else None
    )
    text = _join(reg, tax, who, f"IBAN {iban}" if iban else None)
    return [_row(0, "", text)] if text else []


def _row(number: int, label: str, text: str) -> str:
    head = f"{number}  {label}" if number else ""
    return f"  {head:<15}{text}"


def _join(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)
