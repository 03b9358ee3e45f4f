"""The dated table of central-bank reference rates (``clauses/rates.yaml``).

Why: statutory late-payment interest is a reference rate plus a margin, and reference
rates change. The table is data the user can update; each jurisdiction has a ``checked``
date, and a reference day after it is refused rather than answered with a stale rate.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from contractkit.errors import LibraryError, MissingFactError
from contractkit.job import yamlsafe
from contractkit.paths import library_root


class RateChange(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    start: date = Field(alias="from")
    rate: Decimal


class RateSeries(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    source: str
    checked: date
    rates: tuple[RateChange, ...]


@cache
def rate_table(path: Path | None = None) -> dict[str, RateSeries]:
    where = path or library_root() / "rates.yaml"
    try:
        raw = yamlsafe.load(where.read_text(encoding="utf-8"))
        return {str(k): RateSeries.model_validate(v) for k, v in (raw or {}).items()}
    except (OSError, yamlsafe.YamlProblem) as e:
        raise LibraryError(f"{where}: cannot read the rates table: {e}") from None
    except ValidationError as e:
        problems = [f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors()]
        raise LibraryError(f"{where}: invalid rates table:", problems) from None


def rate_on(key: str, day: date, path: Path | None = None) -> tuple[Decimal, RateSeries]:
    """The rate of series ``key`` in force on ``day``; refuses when the table is too old."""
    series = rate_table(path).get(key)
    hint = "give facts.reference_rate (the rate in force on that day)"
    if series is None:
        raise MissingFactError(f"no reference rates for {key} in the rates table; {hint}")
    if day > series.checked:
        raise MissingFactError(
            f"the rates table for {series.name} is only checked up to {series.checked}, "
            f"but the rate on {day} is needed; {hint} or update clauses/rates.yaml"
        )
    known = [c for c in series.rates if c.start <= day]
    if not known:
        raise MissingFactError(f"the rates table has no {series.name} for {day}; {hint}")
    return max(known, key=lambda c: c.start).rate, series
