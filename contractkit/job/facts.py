"""The facts of the day a letter is written: what happened, what is owed, by when.

Why: the contract knows the terms, not the events. Facts come from the command line
(``contractkit letter ... --invoice INV-1 --due 2026-09-01``) or are unknown (letters
built beside the contract at signing time, where they show fill-in blanks). Messages
name a fact as ``facts.<name>``; the command line shows its own option there.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from contractkit.errors import ContractkitError, MissingFactError
from contractkit.job.values import check_visible
from contractkit.money import Money, digits, parse_amount


class Payment(BaseModel):
    """A payment received against the invoice; ``on`` None: the day is not known."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: Money
    on: date | None = None


class Facts(BaseModel):
    """Everything a letter may need beyond the contract; ``None`` means not known."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sent: date | None = Field(None, description="Date of your unanswered message")
    invoice: str | None = Field(None, description="Invoice number")
    amount: Money | None = Field(None, description="The invoiced amount, before any payment")
    paid: Money | None = Field(None, description="Received against it so far (the total)")
    payments: tuple[Payment, ...] = Field((), description="The payments, dated where known")
    invoiced: Money | None = Field(None, description="Invoiced before this letter (kill fee)")
    due: date | None = Field(None, description="The invoice's due date")
    invoice_date: date | None = Field(None, description="The invoice's date (its issue day)")
    work: Money | None = Field(
        None, description="Work done since the last invoice, not yet invoiced (termination)"
    )
    work_value: Money | None = Field(
        None, description="The value of all work done up to the end (the deposit refund)"
    )
    as_of: date | None = Field(None, description="The date of the letter")
    deadline: date | None = Field(None, description="Pay or reply by this date")
    deadline_days: int | None = Field(None, ge=1, description="... or in N business days")
    reference_rate: Decimal | None = Field(None, description="Central-bank reference rate, %")
    eur_rate: Decimal | None = Field(None, gt=0, description="Local currency units per 1 EUR")
    fx_rate: Decimal | None = Field(
        None, gt=0, description="Local currency units per 1 unit of the invoice's currency"
    )

    @model_validator(mode="before")
    @classmethod
    def _paid_from_payments(cls, data: Any) -> Any:
        """``paid`` is the sum of ``payments`` when only they are given."""
        if isinstance(data, dict) and data.get("payments") and data.get("paid") is None:
            payments = [Payment.model_validate(p) for p in data["payments"]]
            total = payments[0].amount
            for p in payments[1:]:
                total = total + p.amount
            data = {**data, "payments": tuple(payments), "paid": total}
        return data

    @property
    def paid_before_due(self) -> Money:
        """What was paid without a date (or before the payments with one)."""
        assert self.amount is not None
        dated = [p.amount for p in self.payments if p.on is not None]
        paid = self.paid or Money(0, self.amount.currency)
        for a in dated:
            paid = paid - a
        return paid

    @property
    def balance(self) -> Money:
        """The invoiced amount less everything paid."""
        assert self.amount is not None
        return self.amount - (self.paid or Money(0, self.amount.currency))

    @model_validator(mode="after")
    def _consistent(self) -> Facts:
        if self.invoice is not None:
            try:
                check_visible(self.invoice)
            except PydanticCustomError as e:
                raise ContractkitError(f"facts.invoice: {e.message()}") from None
        if self.as_of and self.sent and self.sent > self.as_of:
            raise ContractkitError(
                f"facts.sent {self.sent} is after the letter's date {self.as_of}; check the dates"
            )
        if self.deadline is not None and self.deadline_days is not None:
            raise ContractkitError("give facts.deadline or facts.deadline_days, not both")
        if self.paid is not None and self.amount is not None and self.paid > self.amount:
            raise ContractkitError(
                f"facts.paid ({self.paid}) is more than facts.amount ({self.amount}): "
                "nothing is owed"
            )
        for p in self.payments:
            if p.on is not None and self.as_of is not None and p.on > self.as_of:
                raise ContractkitError(
                    f"facts.paid: a payment on {p.on} is after the letter's date {self.as_of}"
                )
        if self.as_of and self.deadline and self.deadline <= self.as_of:
            raise ContractkitError(
                f"facts.deadline {self.deadline} must be after the letter's date {self.as_of}"
            )
        return self

    def require(self, names: list[str] | tuple[str, ...], letter: str) -> None:
        """Refuse (exit 2) naming every missing fact: a letter never guesses one."""
        missing = [n for n in names if getattr(self, n) is None]
        if missing:
            named = ", ".join(f"facts.{n}" for n in missing)
            raise MissingFactError(f"the {letter} letter needs {named}; give them and run again")


def parse_money(text: str, currency: str, name: str) -> Money:
    """A decimal amount in the job's currency: no floats, no more decimals than allowed."""
    try:
        value = parse_amount(text)
    except ValueError as e:
        raise ContractkitError(f"{name}: {e}") from None
    if value < 0:
        raise ContractkitError(f"{name}: must be zero or more, got {text!r}")
    places = digits(currency)
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise ContractkitError(
            f"{name}: {text} has more decimals than {currency} allows ({places})"
        )
    return Money.of(value, currency)


def parse_percent(text: str, name: str) -> Decimal:
    try:
        value = Decimal(text.strip().rstrip("%").strip())
    except InvalidOperation:
        raise ContractkitError(f"{name}: must be a percentage like 4.25, got {text!r}") from None
    if not value.is_finite() or not Decimal(-5) <= value <= Decimal(100):
        raise ContractkitError(f"{name}: {text} is not a plausible rate in percent")
    return value


def parse_rate(text: str, name: str) -> Decimal:
    """An exchange rate: a positive decimal such as 4.2655 (PLN per EUR)."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ContractkitError(f"{name}: must be a number like 4.2655, got {text!r}") from None
    if not value.is_finite() or value <= 0:
        raise ContractkitError(f"{name}: must be more than zero, got {text!r}")
    if not _RATES[0] <= value <= _RATES[1]:  # 1e30 overflowed the arithmetic after it
        raise ContractkitError(
            f"{name}: {text} is not a plausible exchange rate (units of the job's currency "
            f"for 1 EUR, between {_RATES[0]} and {_RATES[1]:,})"
        )
    return value


_RATES = (Decimal("0.0001"), Decimal(1_000_000))
