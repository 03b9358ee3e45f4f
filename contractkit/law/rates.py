"""Dated central-bank reference rates: the shipped table plus the user's own.

Why: statutory late-payment interest is a reference rate plus a margin, and reference
rates change. The shipped table (``clauses/rates.yaml``) is only as fresh as the release,
so a user table in the OS config folder (``<user config>/contractkit/rates.yaml``, same
format) overrides it row by row: a row with the same ``from`` date replaces the shipped
one, new rows are added, and its ``checked`` date (if given) replaces the shipped one.
A day after ``checked`` is never answered with a stale rate: the caller refuses, naming
the day, the source and how to give the rate.
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
    note: str | None = None

    def rate_on(self, day: date) -> Decimal | None:
        """The rate in force on ``day``, or None before the first row or after ``checked``."""
        if day > self.checked:
            return None
        known = [c for c in self.rates if c.start <= day]
        return max(known, key=lambda c: c.start).rate if known else None

    def changes_between(self, first: date, last: date) -> list[date]:
        """Days in (first, last] on which a new rate took effect."""
        return sorted(c.start for c in self.rates if first < c.start <= last)


class _UserSeries(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str | None = None
    source: str | None = None
    checked: date | None = None
    rates: tuple[RateChange, ...] = ()
    note: str | None = None


def user_rates_path() -> Path:
    """``rates.yaml`` in the OS's per-user config folder for contractkit."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("contractkit")) / "rates.yaml"


def _read(where: Path) -> dict[str, object]:
    try:
        raw = yamlsafe.load(where.read_text(encoding="utf-8"))
    except (OSError, yamlsafe.YamlProblem) as e:
        raise LibraryError(f"{where}: cannot read the rates table: {e}") from None
    if raw is not None and not isinstance(raw, dict):
        raise LibraryError(f"{where}: the rates table must map series names to series")
    return {str(k): v for k, v in (raw or {}).items()}


def _problems(where: Path, e: ValidationError) -> LibraryError:
    problems = [f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors()]
    return LibraryError(f"{where}: invalid rates table:", problems)


def _merge(shipped: RateSeries | None, user: _UserSeries, where: Path, key: str) -> RateSeries:
    rows = {c.start: c for c in (shipped.rates if shipped else ())}
    rows |= {c.start: c for c in user.rates}
    name = user.name or (shipped.name if shipped else None)
    source = user.source or (shipped.source if shipped else None)
    checked = user.checked or (shipped.checked if shipped else None)
    if name is None or source is None or checked is None:
        raise LibraryError(f"{where}: {key}: a new series needs name, source and checked")
    return RateSeries(
        name=name,
        source=source,
        checked=checked,
        rates=tuple(rows[d] for d in sorted(rows)),
        note=user.note or (shipped.note if shipped else None),
    )


@cache
def _table(shipped_path: Path, user_path: Path, user_mtime: float | None) -> dict[str, RateSeries]:
    try:
        table = {k: RateSeries.model_validate(v) for k, v in _read(shipped_path).items()}
    except ValidationError as e:
        raise _problems(shipped_path, e) from None
    if user_mtime is None:
        return table
    try:
        user = {k: _UserSeries.model_validate(v) for k, v in _read(user_path).items()}
    except ValidationError as e:
        raise _problems(user_path, e) from None
    for key, series in user.items():
        table[key] = _merge(table.get(key), series, user_path, key)
    return table


def rate_table(path: Path | None = None) -> dict[str, RateSeries]:
    """Every series: the shipped table (or ``path``) overridden by the user's table."""
    user = user_rates_path()
    try:
        mtime: float | None = user.stat().st_mtime
    except OSError:
        mtime = None
    return _table(path or library_root() / "rates.yaml", user, mtime)


def series(key: str, path: Path | None = None) -> RateSeries:
    found = rate_table(path).get(key)
    if found is None:
        raise MissingFactError(
            f"no reference rates for {key} in the rates table; give facts.reference_rate, "
            f"or add a {key} series to {user_rates_path()}"
        )
    return found


def stale(found: RateSeries, day: date) -> MissingFactError:
    """The refusal for a rate the table cannot give: the day, the source, and the way out."""
    why = (
        f"is only checked up to {found.checked}"
        if day > found.checked
        else "has no row for that day"
    )
    return MissingFactError(
        f"the {found.name} on {day} is needed, but the rates table {why}; look it up at "
        f"{found.source} and give facts.reference_rate, or add a row to {user_rates_path()}"
    )


def rate_on(key: str, day: date, path: Path | None = None) -> tuple[Decimal, RateSeries]:
    """The rate of series ``key`` in force on ``day``; refuses when the table is too old."""
    found = series(key, path)
    rate = found.rate_on(day)
    if rate is None:
        raise stale(found, day)
    return rate, found
