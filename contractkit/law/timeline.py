"""The escalation timeline: which letter to send when, on business days, and as .ics.

Why: ghosting is beaten by acting on time, which is easy to forget. The timing rules of
the domain (follow up after 4–7 days, chase on the Tuesday of the next week, pause after
the contract's silence period, overdue notices at 30/60/90 days) become dated steps on
the freelancer's own business-day calendar, and an .ics puts them in their calendar
with an alarm. Dates come from the facts and the job, never from the clock.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from contractkit.job.model import Job
from contractkit.law.routes import route_text, work_calendar
from contractkit.library.formatting import Formatter
from contractkit.library.letters import letter_library
from contractkit.render.ics import CalendarEvent

FOLLOW_UP_DAYS = 5  # within the 4–7 days practitioners recommend
CLOSE_AFTER_DAYS = 7  # "about a week" after the follow-up
RESEND_DAYS = 7  # resend the invoice with the late fee a week after the due date


@dataclass(frozen=True)
class Step:
    date: date
    id: str  # a letter id, or "phone-check" / "resend" / "small-claim"
    letter: str | None
    channel: str
    title: str
    channel_words: str
    note: str  # the condition, if any, then what to do
    condition: str = ""  # "If Website launched is unpaid": when the step applies at all
    detail: str = ""  # what to do, without the condition


class _Planner:
    def __init__(self, job: Job) -> None:
        self.job = job
        self.cal = work_calendar(job)
        self.fmt = Formatter(job.language, job.law.country)
        self.meta = {lt.meta.id: lt.meta for lt in letter_library(job.language)}

    def step(self, day: date, sid: str, prefix: str = "", **values: Any) -> Step:
        meta = self.meta.get(sid)
        channel = (
            meta.channel
            if meta
            else {"phone-check": "phone", "small-claim": "court"}.get(sid, "email+registered-post")
        )
        title = meta.title if meta else self.fmt.label(f"timeline.{sid.replace('-', '_')}")
        note = self.fmt.label(f"timeline.notes.{sid}", **values)
        return Step(
            date=day,
            id=sid,
            letter=sid if meta else None,
            channel=channel,
            title=title,
            channel_words=self.fmt.label(f"letters.channels.{channel}"),
            note=f"{prefix}: {note}" if prefix else note,
            condition=prefix,
            detail=note,
        )

    def route(self) -> str:
        """The country's recovery route, as the final notice names it."""
        return route_text(self.job, self.job.language, self.fmt.labels["letters"]["small_claims"])

    def negotiating(self, sent: date) -> list[Step]:
        follow = self.cal.on_or_after(sent + timedelta(days=FOLLOW_UP_DAYS))
        close = self.cal.on_or_after(follow + timedelta(days=CLOSE_AFTER_DAYS))
        d = self.fmt.date(sent)
        return [self.step(follow, "follow-up", sent=d), self.step(close, "closing-the-loop")]

    def mid_project(self, sent: date) -> list[Step]:
        com = self.job.communication
        next_monday = sent + timedelta(days=7 - sent.weekday())
        chase = self.cal.on_or_after(next_monday + timedelta(days=1))
        phone = self.cal.on_or_after(chase + timedelta(days=7))
        paused = max(self.cal.add(sent, com.pause_after_days), self.cal.add(phone, 1))
        kill = self.cal.add(paused, com.pause_after_days)
        d = self.fmt.date(sent)
        return [
            self.step(chase, "feedback-chase", sent=d, days=com.response_days),
            self.step(phone, "phone-check"),
            self.step(paused, "work-paused", sent=d, days=com.pause_after_days),
            self.step(kill, "kill-fee", days=com.pause_after_days),
        ]

    def payment(self, due: date, prefix: str = "") -> list[Step]:
        on = self.cal.on_or_after
        after_due = on(due + timedelta(days=1))
        overdue = [on(due + timedelta(days=n)) for n in (30, 60, 90)]
        final = self.cal.add(overdue[2], self.meta["overdue-90"].deadline_days)
        claim = self.cal.add(final, self.meta["final-notice"].deadline_days + 1)
        p = prefix
        return [
            self.step(after_due, "payment-reminder", p, due=self.fmt.date(due)),
            self.step(on(due + timedelta(days=RESEND_DAYS)), "resend", p),
            *(self.step(d, f"overdue-{n}", p) for d, n in zip(overdue, (30, 60, 90), strict=True)),
            self.step(final, "final-notice", p),
            self.step(claim, "small-claim", p, venue=self.job.law.venue, route=self.route()),
        ]


def escalation(
    job: Job, *, sent: date | None = None, due: date | None = None, phase: str | None = None
) -> list[Step]:
    """The steps the facts imply: ``sent`` → negotiating or mid-project; ``due`` → payment.

    Without ``phase``, a message sent before the project's start is a proposal
    (negotiating); one sent after it is a request during the work (mid-project).
    """
    plan = _Planner(job)
    steps: list[Step] = []
    if sent is not None:
        chosen = phase or ("negotiating" if sent < job.project.start else "mid-project")
        steps += plan.negotiating(sent) if chosen == "negotiating" else plan.mid_project(sent)
    if due is not None:
        steps += plan.payment(due)
    return sorted(steps, key=lambda s: s.date)


def contract_steps(job: Job) -> list[Step]:
    """What is known at signing: the payment escalation for the last instalment.

    Its invoice is due ``terms_days`` after the instalment's date, or after the delivery
    deadline when the instalment has no date. Each note says it applies only if unpaid.
    """
    plan = _Planner(job)
    last = job.schedule[-1]
    start = last.due or job.project.deadline
    due = start + timedelta(days=job.payment.terms_days)
    name = last.name if last.kind == "milestone" else plan.fmt.label("schedule.deposit")
    prefix = plan.fmt.label("timeline.notes.contract-due", instalment=name)
    return plan.payment(due, prefix)


def steps_json(steps: list[Step]) -> dict[str, Any]:
    return {
        "steps": [
            {"date": s.date.isoformat(), "letter": s.letter, "channel": s.channel, "note": s.note}
            for s in steps
        ]
    }


def calendar_events(job: Job, steps: list[Step]) -> list[CalendarEvent]:
    """The steps as calendar events, worded in the job's language; UIDs deterministic."""
    fmt = Formatter(job.language, job.law.country)
    identity = "|".join((job.freelancer.email, job.client.email, job.project.title))
    return [
        CalendarEvent(
            uid=hashlib.sha256(f"{identity}|{s.id}|{s.date}".encode()).hexdigest()[:32]
            + "@contractkit",
            day=s.date,
            summary=fmt.label(
                "timeline.summary",
                letter=s.title,
                channel=s.channel_words,
                project=job.project.title,
            ),
            description=s.note,
            alarm=fmt.label("timeline.alarm", letter=s.title, project=job.project.title),
        )
        for s in steps
    ]
