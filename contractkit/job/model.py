"""The job file as pydantic models, with every rule a contract depends on.

Why: one place defines what a job is. The wizard takes its prompts and defaults from the
field descriptions here, ``build`` validates with the same models, ``schema`` prints them
as JSON Schema, and derived values (the payment schedule whose amounts add up exactly) are
computed once, here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from contractkit.job.identity import Agreement, identity_problems
from contractkit.job.parties import Client, Freelancer, iso_country
from contractkit.job.values import (
    Channel,
    Channels,
    Count,
    Day,
    Days,
    Percent,
    StrictModel,
    Text,
    between,
    fail,
    no_float_text,
)
from contractkit.money import (
    MAX_AMOUNT,
    Money,
    allocate,
    digits,
    known_currencies,
)
from contractkit.paths import languages

# Countries whose statute sets late-payment interest (UK act, EU directive 2011/7/EU as
# transposed). Georgia and the US have none: their contracts must state their own fee.
EU = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
STATUTORY_INTEREST_COUNTRIES = EU | {"GB"}


class Project(StrictModel):
    title: Text = Field(description="Project title")
    description: Text = Field(description="What you will deliver, in a sentence or two")
    start: Day = Field(description="Start date, as 2027-01-31")
    deadline: Day = Field(description="Delivery deadline, as 2027-03-31")
    revisions: Count = Field(
        2, description="Rounds of revisions included; more are quoted separately"
    )

    @model_validator(mode="after")
    def _deadline_after_start(self) -> Project:
        if self.deadline <= self.start:
            raise fail(
                "order",
                "deadline {d} must be after start {s}",
                d=self.deadline.isoformat(),
                s=self.start.isoformat(),
            )
        return self


class Milestone(StrictModel):
    name: Text = Field(description="The event that triggers this payment")
    percent: Percent = Field(description="Share of the fee due at this milestone")
    due: Day | None = Field(None, description="A fixed due date, if the milestone has one")


class Payment(StrictModel):
    currency: str = Field(description="Currency of the fee as its code: EUR, USD, PLN, SEK...")
    fee: Annotated[Decimal, BeforeValidator(no_float_text)] = Field(
        description="The total fee for the project"
    )
    deposit_percent: Percent = Field(
        description="Non-refundable deposit before work starts (50 new client, 25 returning)"
    )
    milestones: list[Milestone] = Field(
        default_factory=list, description="The rest of the fee, in stages"
    )
    terms_days: Days = Field(14, description="Days the client has to pay an invoice")
    late_fee_percent_per_month: (
        Annotated[Decimal, BeforeValidator(no_float_text), between(0, 10)] | None
    ) = Field(None, description="Late fee in percent per month on overdue sums (e.g. 1.5)")
    statutory_interest: bool = Field(
        False, description="Charge statutory late-payment interest instead of a contractual fee"
    )

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.strip().upper()
            if v not in known_currencies():
                raise fail(
                    "currency",
                    "'{c}' is not a currency code (e.g. EUR, USD, PLN, SEK, HUF, GEL)",
                    c=v,
                )
        return v

    @field_validator("fee")
    @classmethod
    def _fee(cls, v: Decimal, info: ValidationInfo) -> Decimal:
        if v <= 0:
            raise fail("fee", "must be greater than 0, got {got}", got=v)
        if v >= MAX_AMOUNT:
            raise fail("fee", "must be less than {max}, got {got}", max=MAX_AMOUNT, got=v)
        currency = info.data.get("currency")
        if currency:
            places = digits(currency)
            if v != v.quantize(Decimal(1).scaleb(-places)):
                raise fail(
                    "fee",
                    "{got} has more decimals than {c} allows ({n})",
                    got=v,
                    c=currency,
                    n=places,
                )
        return v

    @model_validator(mode="after")
    def _check(self) -> Payment:
        parts = [self.deposit_percent, *(m.percent for m in self.milestones)]
        total = sum(parts, Decimal(0))
        if total != 100:
            working = " + ".join(f"{p}" for p in parts)
            raise fail(
                "sum",
                "deposit_percent + milestones must add up to 100 exactly: {w} = {t}",
                w=working,
                t=total,
            )
        if self.late_fee_percent_per_month is not None and self.statutory_interest:
            raise fail(
                "late",
                "choose one: late_fee_percent_per_month or statutory_interest, not both",
            )
        return self

    @property
    def fee_money(self) -> Money:
        return Money.of(self.fee, self.currency)


class Communication(StrictModel):
    channels: Channels = Field(
        default_factory=lambda: list[Channel](["email", "phone"]),
        min_length=1,
        description="How you will talk: email, phone, video, meetings, chat, post",
    )
    preferred_channel: Channel | None = Field(
        None, description="What the client prefers: email, phone calls or meetings"
    )
    approver: str | None = Field(
        None, description="Who on the client's side approves the work (default: the client)"
    )
    response_days: Days = Field(
        5, description="Business days the client has to answer a request for feedback"
    )
    pause_after_days: Days = Field(
        10, description="Business days of silence after which work stops"
    )

    @model_validator(mode="after")
    def _pause_after_response(self) -> Communication:
        if self.pause_after_days <= self.response_days:
            raise fail(
                "order",
                "pause_after_days ({p}) must be longer than response_days ({r})",
                p=self.pause_after_days,
                r=self.response_days,
            )
        return self


class IP(StrictModel):
    transfer: Literal["on_full_payment", "licence", "exclusive_licence"] = Field(
        "on_full_payment",
        description="Rights the client gets once paid in full: assignment or a licence",
    )
    portfolio: bool = Field(True, description="Keep the right to show the work in your portfolio")


class Law(StrictModel):
    country: str = Field(description="Your country as a two-letter code (SE, PL, HU, GE, GB, US)")
    governing: Text = Field(description="Which law governs, e.g. 'the laws of Sweden'")
    venue: Text = Field(description="Which court hears disputes, e.g. 'Stockholm District Court'")

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, v: Any) -> Any:
        return iso_country(v)


class ClauseSelection(StrictModel):
    include: list[str] = Field(default_factory=list, description="Optional clauses to add")
    exclude: list[str] = Field(default_factory=list, description="Optional clauses to leave out")

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, data: Any) -> Any:
        """A plain list means include these; ``-id`` in it means exclude."""
        if isinstance(data, list):
            items = [str(x) for x in data]
            return {
                "include": [x for x in items if not x.startswith("-")],
                "exclude": [x[1:] for x in items if x.startswith("-")],
            }
        return data

    @model_validator(mode="after")
    def _not_both(self) -> ClauseSelection:
        both = sorted(set(self.include) & set(self.exclude))
        if both:
            raise fail("both", "{ids}: both included and left out; keep one", ids=", ".join(both))
        return self


class Installment(BaseModel):
    """One row of the payment schedule (derived, never read from the file)."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["deposit", "milestone"]
    name: str
    percent: Decimal
    amount: Money
    due: date | None


class Job(StrictModel):
    """A freelance job: everything a contract and its letters are built from."""

    language: str = Field("en", description="Language of the contract and letters")
    agreement: Agreement = Field(default_factory=Agreement)  # type: ignore[arg-type]
    freelancer: Freelancer
    client: Client
    project: Project
    payment: Payment
    communication: Communication = Field(default_factory=Communication)  # type: ignore[arg-type]
    kill_fee_percent: Percent = Field(
        Decimal(25), description="Kill fee: percent of the not-yet-invoiced fee on cancellation"
    )
    ip: IP = Field(default_factory=IP)  # type: ignore[arg-type]
    law: Law
    termination_notice_days: Days = Field(
        30, description="Days of written notice either side gives to end the contract"
    )
    clauses: ClauseSelection = Field(default_factory=ClauseSelection)  # type: ignore[arg-type]

    @field_validator("language")
    @classmethod
    def _language(cls, v: str) -> str:
        if v not in languages():
            raise fail(
                "language",
                "'{l}' is not available; choose one of: {c}",
                l=v,
                c=", ".join(languages()),
            )
        return v

    @model_validator(mode="after")
    def _statutory_needs_a_statute(self) -> Job:
        if self.payment.statutory_interest and self.law.country not in STATUTORY_INTEREST_COUNTRIES:
            raise fail(
                "statutory",
                "law.country {c} has no statutory late-payment interest that contractkit can "
                "compute; set payment.late_fee_percent_per_month instead",
                c=self.law.country,
            )
        return self

    @model_validator(mode="after")
    def _numbers_check_out(self) -> Job:
        for field, problem in identity_problems(self):
            raise fail(field.replace(".", "_"), "{p}", p=problem)
        return self

    @property
    def schedule(self) -> list[Installment]:
        """Deposit then milestones, amounts allocated so they sum to the fee exactly."""
        pay = self.payment
        rows: list[tuple[Literal["deposit", "milestone"], str, Decimal, date | None]] = []
        if self.has_deposit:
            rows.append(("deposit", "", pay.deposit_percent, None))  # due on signing
        rows += [("milestone", m.name, m.percent, m.due) for m in pay.milestones]
        amounts = allocate(pay.fee_money, [r[2] for r in rows])
        return [
            Installment(kind=k, name=n, percent=p, amount=a, due=d)
            for (k, n, p, d), a in zip(rows, amounts, strict=True)
        ]

    @property
    def has_deposit(self) -> bool:
        return self.payment.deposit_percent > 0

    @property
    def has_late_terms(self) -> bool:
        """A contractual late fee or statutory interest: the late-payment clause applies."""
        pay = self.payment
        return pay.late_fee_percent_per_month is not None or pay.statutory_interest

    @property
    def deposit(self) -> Money:
        first = self.schedule[0] if self.schedule else None
        if first is not None and first.kind == "deposit":
            return first.amount
        return Money(0, self.payment.currency)

    @property
    def page_size(self) -> Literal["A4", "Letter"]:
        return "Letter" if self.law.country in {"US", "CA"} else "A4"
