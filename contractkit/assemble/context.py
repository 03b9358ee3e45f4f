"""The variables a clause or letter template sees, built from a job.

Why: templates in every language must see exactly the same names (the parity test checks
it), so they are defined here once, as plain data — never the pydantic objects themselves,
whose methods a template has no business calling. The only callables are the helpers a
template is meant to use: ``plural`` here, ``n``/``has`` added by the assembler, and the
formatter behind the filters (``_fmt``, private by name).
"""

from __future__ import annotations

from typing import Any

from contractkit.job.model import Job
from contractkit.law.records import law_book
from contractkit.library.formatting import Formatter


def job_context(job: Job, fmt: Formatter) -> dict[str, Any]:
    f, c, p, pay, com = job.freelancer, job.client, job.project, job.payment, job.communication
    milestones = [r for r in job.schedule if r.kind == "milestone"]
    return {
        "_fmt": fmt,
        "freelancer": {
            "name": f.name,
            "business": f.business,
            "email": f.email,
            "phone": f.phone,
            "address": f.address,
            "display": f.business or f.name,
        },
        "client": {
            "name": c.name,
            "company": c.company,
            "email": c.email,
            "phone": c.phone,
            "address": c.address,
            "returning": c.returning,
            "kind": c.kind,
            "display": c.company or c.name,
        },
        "project": {
            "title": p.title,
            "description": p.description,
            "start": p.start,
            "deadline": p.deadline,
            "revisions": p.revisions,
        },
        "payment": {
            "currency": pay.currency,
            "fee": pay.fee_money,
            "deposit": job.deposit,
            "deposit_percent": pay.deposit_percent,
            "has_deposit": job.has_deposit,
            "milestones": [
                {"name": m.name, "percent": m.percent, "amount": m.amount, "due": m.due}
                for m in milestones
            ],
            "terms_days": pay.terms_days,
            "late_fee_percent_per_month": pay.late_fee_percent_per_month,
            "statutory_interest": pay.statutory_interest,
        },
        "communication": {
            "channels": list(com.channels),
            "preferred_channel": com.preferred_channel,
            "approver": com.approver or c.name,
            "response_days": com.response_days,
            "pause_after_days": com.pause_after_days,
        },
        "kill_fee_percent": job.kill_fee_percent,
        "ip": {"transfer": job.ip.transfer, "portfolio": job.ip.portfolio},
        "law": {
            "country": job.law.country,
            "governing": job.law.governing,
            "venue": job.law.venue,
            "gdpr": law_book().gdpr(job.law.country, f.country, c.country),  # data-protection
        },
        "termination_notice_days": job.termination_notice_days,
        "plural": fmt.plural,
    }
