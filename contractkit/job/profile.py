"""Your details and usual choices, kept once in the OS config folder.

Why: a freelancer's own name, address and habits (currency, law, payment terms) are the
same on every contract. Typing them once and offering them as defaults afterwards is what
makes the wizard a five-minute job. The profile is stored in the shape of a job file, so
the same model validates it and the wizard can pre-fill from it directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from platformdirs import user_config_dir
from pydantic import ValidationError

from contractkit.document import Branding
from contractkit.errors import ContractkitError
from contractkit.job import yamlsafe
from contractkit.job.brand import Brand, branding
from contractkit.job.mailbox import ImapSettings
from contractkit.job.parties import Freelancer
from contractkit.output import write_file
from contractkit.paths import read_limited

# Job-file paths the profile may hold as defaults, besides ``freelancer``.
DEFAULT_PATHS: tuple[str, ...] = (
    "language",
    "payment.currency",
    "payment.terms_days",
    "payment.late_fee_percent_per_month",
    "payment.statutory_interest",
    "law.country",
    "law.governing",
    "law.venue",
)

# The freelancer's identity fields: kept even when skipped (as an empty value), so that a
# profile that has them, filled or not, means "asked once" and the next job does not ask.
IDENTITY_KEYS: tuple[str, ...] = ("registration", "tax_id", "signatory", "bank")


class ProfileError(ContractkitError):
    """The profile file exists but cannot be read or is not valid."""


def profile_path() -> Path:
    """``~/.config/contractkit/profile.yaml`` on Linux; the platform's equivalent elsewhere."""
    return Path(user_config_dir("contractkit", appauthor=False)) / "profile.yaml"


def load_profile(path: Path | None = None, *, dropped: list[str] | None = None) -> dict[str, Any]:
    """The saved profile as a partial job dict; ``{}`` when none has been saved yet.

    Given a ``dropped`` list (``profile --edit``, the way out of a broken profile), keys
    with problems are left out and their problems added to it, instead of refusing.
    """
    path = path or profile_path()
    try:
        text = read_limited(path, yamlsafe.MAX_BYTES, "your profile", ProfileError).decode("utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as e:
        raise ProfileError(f"{path}: cannot read your profile: {e}") from None
    try:
        data = yamlsafe.load(text)
    except yamlsafe.YamlProblem as e:
        raise ProfileError(f"{path}: your profile is {e}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: your profile must be a mapping of keys")
    problems = check_profile(data)
    if problems and dropped is not None:
        for problem in problems:
            _drop(data, problem.partition(": ")[0].split("."))
        dropped += problems
        return data
    if problems:
        raise ProfileError(
            f"{path}: your profile has problems; fix them or run `contractkit profile --edit`:",
            problems,
        )
    return data


def profile_branding() -> Branding:
    """Your logo and accent colour (``contractkit profile --logo/--accent``), if set."""
    return branding(load_profile().get("brand"))


def _drop(data: dict[str, Any], path: list[str]) -> None:
    node: Any = data
    for key in path[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(path[-1], None)


def check_profile(data: dict[str, Any]) -> list[str]:
    """Problems with a profile dict: unknown keys, invalid freelancer or IMAP details."""
    allowed_top = {"freelancer", "imap", "brand", *(p.split(".")[0] for p in DEFAULT_PATHS)}
    problems = [f"{k}: unknown key" for k in data if k not in allowed_top]
    for section in ("payment", "law"):
        value = data.get(section, {})
        if not isinstance(value, dict):
            problems.append(f"{section}: must be a mapping of keys")
            continue
        allowed = {p.split(".")[1] for p in DEFAULT_PATHS if p.startswith(section + ".")}
        problems += [f"{section}.{k}: unknown key" for k in value if k not in allowed]
    sections = (("freelancer", Freelancer), ("imap", ImapSettings), ("brand", Brand))
    for section, model in sections:
        if section not in data:
            continue
        try:
            model.model_validate(data[section])
        except ValidationError as e:
            for err in e.errors():
                where = ".".join(str(p) for p in (section, *err["loc"]))
                problems.append(f"{where}: {err['msg']}")
    return problems


def save_profile(data: dict[str, Any], path: Path | None = None) -> Path:
    """Write the profile atomically (it is small, but a half-written one would be lost)."""
    path = path or profile_path()
    text = "# Your contractkit profile: offered as defaults by `contractkit new`.\n"
    text += "# Edit with `contractkit profile --edit`, or by hand.\n"
    text += yaml.safe_dump(_plain(data), allow_unicode=True, sort_keys=False, width=100)
    write_file(path, text.encode("utf-8"), force=True)
    return path


def profile_from_answers(answers: dict[str, Any], keep: dict[str, Any]) -> dict[str, Any]:
    """The profile a job's answers imply: its freelancer, plus defaults not yet in ``keep``.

    Why only missing defaults: your usual currency or law should not silently change
    because one job was different; ``contractkit profile --edit`` changes them on purpose.
    """
    out: dict[str, Any] = {k: v for k, v in keep.items() if k != "freelancer"}
    if isinstance(answers.get("freelancer"), dict):
        out["freelancer"] = {
            k: _without_none(v)
            for k, v in answers["freelancer"].items()
            if v is not None or k in IDENTITY_KEYS
        }
    for path in DEFAULT_PATHS:
        parts = path.split(".")
        value = _get(answers, parts)
        if value is None or _get(out, parts) is not None:
            continue
        node = out
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = value
    return out


def _without_none(value: Any) -> Any:
    """A signatory or bank without its empty keys (``other: null``), as a person writes it."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if v is not None}
    return value


def _get(data: dict[str, Any], parts: list[str]) -> Any:
    node: Any = data
    for p in parts:
        if not isinstance(node, dict) or p not in node:
            return None
        node = node[p]
    return node


def _plain(value: Any) -> Any:
    """YAML-safe copy: Decimals as text (never a float), dates as dates."""
    from decimal import Decimal

    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value
