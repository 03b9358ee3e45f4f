"""The phrases every letter shares: the project as a noun phrase, "our agreement of
24 November 2026", where to pay, the delivery line, and what is owed both ways when the
agreement ends.

Why: a title is a name, not a noun ("continue with Website redesign"); a letter that
cites the agreement should name it by its date; a payment letter should say where to
pay. Each language words these in ``labels.yaml`` (``letters.project``,
``letters.agreement``, ``letters.pay_to``) and the code only fills them in, so every
letter says them the same way. The termination figures are computed here, with their
working, from the contract and the facts given; an unknown fact stays a named blank.
"""

from __future__ import annotations

from typing import Any

from contractkit.job.facts import Facts
from contractkit.job.model import Job
from contractkit.library.formatting import Formatter
from contractkit.library.language import with_article
from contractkit.money import Money


def project_forms(job: Job, fmt: Formatter) -> dict[str, str]:
    """The project in each grammatical case the language's letters use
    (``letters.project.<case>``): «the Website redesign project», «projektu „Logo”»,
    «projektet Webbutik», «a „Weboldal-szövegek” projekt», «პროექტის „…“»."""
    title = job.project.title
    forms = fmt.labels["letters"]["project"]
    out = {}
    for case, pattern in forms.items():
        text = str(pattern).format(title=title)
        if fmt.language == "en" and title.lower().endswith(" project"):
            text = text.replace(" project", "", 1) if text.endswith(" project") else text
        if fmt.language == "hu":  # «a» or «az» by the title's first sound
            text = with_article(text)
        out[case] = text
    # the same forms with a capital, to start a sentence: «The Website redesign project»
    return out | {case.capitalize(): text[:1].upper() + text[1:] for case, text in out.items()}


def agreement_of(job: Job, fmt: Formatter, project: dict[str, str]) -> dict[str, str]:
    """ "our agreement of 24 November 2026" in the form a clause citation takes
    (``letters.agreement``); without ``agreement.date``, the agreement named by its
    project instead. ``Of``: the same with a capital, to start a sentence; ``date``: the
    date alone (empty without one), for a sentence that names the project itself."""
    words = fmt.labels["letters"]["agreement"]
    day = job.agreement.date
    if day is not None:
        case = str(words.get("date_case", "nom"))
        text = str(words["dated"]).format(date=fmt.date(day, case))
    else:
        text = str(words["undated"]).format(**project)
    if fmt.language == "hu" and day is not None:  # undated: the project form has its own
        text = with_article(text)
    dated = fmt.date(day) if day is not None else ""
    return {"of": text, "Of": text[:1].upper() + text[1:], "date": dated}


def pay_to(job: Job, fmt: Formatter) -> str:
    """Where to pay: the freelancer's account from ``freelancer.bank`` when set
    («to my account IBAN …, BIC …»), else the account shown on the invoice."""
    words = fmt.labels["letters"]["pay_to"]
    bank = job.freelancer.bank
    if bank is None or not (bank.iban or bank.other):
        return str(words["invoice"])
    parts = []
    if bank.iban:
        parts.append(str(words["iban"]).format(iban=bank.iban))
    if bank.bic:
        parts.append(str(words["bic"]).format(bic=bank.bic))
    if bank.other:
        parts.append(bank.other)
    return str(words["account"]).format(details=", ".join(parts))


def invoice_ref(fmt: Formatter, facts: Facts, blank: Any) -> str:
    """The invoice as the letters cite it: its number, and its date when the log or
    ``facts.invoice_date`` gives it («INV-7 of 3 January 2027»)."""
    number = facts.invoice if facts.invoice is not None else blank("invoice")
    if facts.invoice_date is None:
        return str(number)
    words = fmt.labels["letters"]["invoice_dated"]
    case = str(fmt.labels["letters"].get("invoice_date_case", "nom"))
    return str(words).format(invoice=number, date=fmt.date(facts.invoice_date, case))


def ending(job: Job, fmt: Formatter, facts: Facts, v: Any, kill: dict[str, Any]) -> dict[str, Any]:
    """What is owed both ways when the agreement ends.

    Poor fit (the Freelancer ends without the Client's breach): the deposit's part above
    the value of the work done (``facts.work_value``) goes back to the Client; no kill fee.
    Non-payment (the Client's breach): the unpaid balance, the work since the last
    invoice (``facts.work``) and the kill fee; the deposit is kept. Unknown → a blank.
    """
    deposit = job.deposit if job.has_deposit else None
    refund: Money | None = None
    if deposit is not None and facts.work_value is not None:
        diff = deposit - facts.work_value
        refund = diff if diff.minor > 0 else Money(0, diff.currency)
    balance = facts.balance if facts.amount is not None else None
    total = None
    if balance is not None and facts.work is not None and kill["due"] is not None:
        total = balance + facts.work + kill["due"]
    return {
        "deposit": fmt.money(deposit) if deposit is not None else "",
        "has_deposit": deposit is not None,
        "work_value": v.money(facts.work_value, "work_value"),
        "refund": v.money(refund, "deposit_refund"),
        "refund_known": refund is not None,
        "refund_due": refund is not None and refund.minor > 0,
        "balance": v.money(balance, "balance"),
        "work": v.money(facts.work, "work_since"),
        "total": v.money(total, "owed_total"),
    }
