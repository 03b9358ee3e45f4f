"""The identity questions: register and tax numbers, who signs, the bank account, and
where the agreement is made.

Why: a contract a client's lawyer accepts names these, but a freelancer types their own
only once: they are kept in the profile (a skipped one as an empty value, so the next job
does not ask again). Every question is optional. A number is checked with python-stdnum
while it is typed, with the country read from the address when the job does not name it
yet, and a wrong one is refused in the question's words with an example.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from contractkit.job.identity import check_registration, check_tax_id
from contractkit.job.profile import IDENTITY_KEYS
from contractkit.wizard.asker import Asker
from contractkit.wizard.fields import MISSING, get, loc_of
from contractkit.wizard.parsing import country_in

# A postcode and the town after it, as one part of an address: "111 22 Stockholm",
# "30-529 Kraków", "1061 Budapest", "0179 თბილისი". Anything else gives no guess.
_TOWN = re.compile(r"^\s*(?:[A-Z]{1,2}-)?\d{2,3}[ -]?\d{2,3}\s+(\D+?)\s*$")


def town_in(address: str) -> str | None:
    """The town of an address that has a postcode before it, else None."""
    for part in re.split(r"[,\n]", address):
        m = _TOWN.match(part)
        if m:
            return m.group(1)
    return None


def _country(a: Asker, who: str) -> str | None:
    """The party's country: the job's own, else the one its address ends with."""
    own = get(a.answers, loc_of(f"{who}.country"), None)
    if who == "freelancer":
        own = own or get(a.answers, loc_of("law.country"), None)
    address = str(get(a.answers, loc_of(f"{who}.address"), "") or "")
    return str(own) if own else country_in(address)


def _number(
    check: Callable[[str, str | None], str | None], country: str | None, example: str
) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        why = check(raw, country)
        if why:
            raise ValueError(
                f"'{raw.strip()}' does not check out ({why}); type it as on the register or "
                f"your invoices, e.g. {example}, or press Enter to leave it out"
            )
        return raw.strip()

    return parse


def _signatory(raw: str) -> dict[str, str]:
    """``Anna Kowalska, Prezes Zarządu`` → name and capacity (the capacity may be left out)."""
    name, _, capacity = raw.partition(",")
    if not name.strip():
        raise ValueError("type the name first, e.g. Anna Kowalska, Managing Director")
    out = {"name": name.strip()}
    return out | ({"capacity": capacity.strip()} if capacity.strip() else {})


def _shown_signatory(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(str(value[k]) for k in ("name", "capacity") if value.get(k))
    return str(value)


def ask_numbers(a: Asker, who: str, again: bool) -> None:
    """``<who>.registration`` and ``<who>.tax_id``, each optional and checked."""
    country = _country(a, who)
    whose = "Your" if who == "freelancer" else "Their"
    a.ask(
        f"{who}.registration",
        again=again,
        optional=True,
        prompt=f"{whose} company or business register number",
        why="Printed under the name in the contract: KRS or REGON, org.nr, cégjegyzékszám…",
        parse=_number(check_registration, country, "556677-8899 (a Swedish org.nr)"),
    )
    a.ask(
        f"{who}.tax_id",
        again=again,
        optional=True,
        prompt=f"{whose} VAT or tax number",
        why="With the EU prefix (PL5260250995) it prints as a VAT id; without, as a tax number.",
        parse=_number(check_tax_id, country, "PL5260250995 or 526-025-09-95"),
    )


def ask_signatory(a: Asker, who: str, company: str, again: bool) -> None:
    a.ask(
        f"{who}.signatory",
        again=again,
        optional=True,
        prompt=f"Who signs for {company}, and as what",
        why="Printed under the signature line, e.g. 'Anna Kowalska, Managing Director'.",
        parse=_signatory,
        shown=_shown_signatory,
    )


def ask_your_identity(a: Asker, again: bool) -> None:
    """Your numbers, who signs for your business (if you named one), and your account."""
    ask_numbers(a, "freelancer", again)
    business = get(a.answers, loc_of("freelancer.business"), None)
    if business:
        ask_signatory(a, "freelancer", str(business), again)
    else:
        a.set("freelancer.signatory", None)
    ask_bank(a, again)


def ask_bank(a: Asker, again: bool) -> None:
    """IBAN, BIC (only with an IBAN) and other details; an empty account is left out."""
    if not again and a.has("freelancer.bank"):
        a.ask("freelancer.bank")  # from the profile, a draft or an answers file: checked
        return
    iban = a.ask(
        "freelancer.bank.iban",
        again=again,
        optional=True,
        prompt="The IBAN your fees are paid into",
        why="Printed under the payment schedule, so the client knows where to pay.",
        refuse=lambda m: f"{m}; e.g. SE45 5000 0000 0583 9825 7466, or Enter to leave it out",
    )
    if iban:
        a.ask(
            "freelancer.bank.bic",
            again=again,
            optional=True,
            prompt="Your bank's BIC (SWIFT code)",
            refuse=lambda m: f"{m}; e.g. NDEASESS, or press Enter to leave it out",
        )
    else:
        a.set("freelancer.bank.bic", None)
    a.ask(
        "freelancer.bank.other",
        again=again,
        optional=True,
        prompt="Other payment details (Bankgiro, a US routing number…)",
    )
    bank = get(a.answers, loc_of("freelancer.bank"), None)
    kept = {k: v for k, v in bank.items() if v is not None} if isinstance(bank, dict) else {}
    a.set("freelancer.bank", kept or None)


def ask_client_identity(a: Asker, again: bool) -> None:
    """The client company's numbers and signatory; nothing for a person without one."""
    company = get(a.answers, loc_of("client.company"), None)
    if not company:
        for key in ("registration", "tax_id", "signatory"):
            if not a.has(f"client.{key}"):
                a.set(f"client.{key}", None)
        return
    ask_numbers(a, "client", again)
    ask_signatory(a, "client", str(company), again)


def ask_place(a: Asker, again: bool) -> None:
    """Where the agreement is made: offered as the town of your address, if it shows one."""
    address = str(get(a.answers, loc_of("freelancer.address"), "") or "")
    town = town_in(address)
    a.ask(
        "agreement.place",
        default=town if town else MISSING,
        again=again,
        optional=True,
        prompt="Where the agreement is made (a town)",
        why="The contract's opening names the date and place it is made.",
    )


def saved_identity(saved: dict[str, Any]) -> list[str]:
    """The profile's numbers, signatory and account, as shown before "Use them?"."""
    bank = saved.get("bank") or {}
    parts = [
        saved.get("registration"),
        saved.get("tax_id"),
        _shown_signatory(saved["signatory"]) if saved.get("signatory") else None,
        *(bank.get(k) for k in ("iban", "bic", "other")),
    ]
    return [str(p) for p in parts if p]


def use_saved_identity(a: Asker, saved: dict[str, Any]) -> None:
    """Take the profile's identity answers; ask only those it has never held."""
    missing = [k for k in IDENTITY_KEYS if k not in saved]
    for key in IDENTITY_KEYS:
        if key in saved:
            a.set(f"freelancer.{key}", saved[key])
    if missing:
        ask_your_identity(a, again=False)
