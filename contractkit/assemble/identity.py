"""The parties' identity as a contract prints it: the opening's date and place, each
party's register and tax numbers under their customary labels, who signs and as what, and
the account the fees are paid into.

Why: a client's lawyer checks these lines first, and each country names its numbers
differently (KRS and NIP, Org.nr and Momsreg.nr, cégjegyzékszám and adószám). The labels are
data in ``clauses/<lang>/labels.yaml`` under ``identity:`` (with their sources), keyed by the
party's country; the code only decides which key a number takes. Absent fields print
nothing: no label stands without its number.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import Any

from stdnum.exceptions import ValidationError as NumberError

from contractkit import document as doc
from contractkit.job.identity import Signatory
from contractkit.job.model import Job
from contractkit.library.formatting import Formatter

# Countries with more than one kind of register number, told apart by the number itself:
# the kind is the first python-stdnum module that accepts it, its label key "<CC>-<kind>".
# Poland: a company's KRS number has 10 digits; a sole trader has no KRS entry and gives
# the REGON (9 or 14 digits, GUS statistical number) instead.
_REGISTER_KINDS: dict[str, tuple[tuple[str, str], ...]] = {
    "PL": (("regon", "stdnum.pl.regon"),),
}
# Prefixes of EU VAT ids (and the UK's): such a number is labelled as a VAT id.
_VAT_PREFIXES = frozenset(
    "AT BE BG CY CZ DE DK EE EL ES FI FR GB HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK XI".split()
)


def agreement_opening(job: Job, fmt: Formatter, created: date) -> str:
    """«This agreement is made on 24 November 2026 in Stockholm between:» (place if given)."""
    words = fmt.labels["agreement"]
    when = fmt.date(job.agreement.date or created, case=str(words.get("date_case", "nom")))
    place = job.agreement.place
    key = "agreement.made_in" if place else "agreement.made"
    return fmt.label(key, date=when, place=place or "")


def _register_key(value: str, country: str) -> str:
    for kind, module in _REGISTER_KINDS.get(country, ()):
        try:
            importlib.import_module(module).validate(value)
        except NumberError:
            continue
        return f"{country}-{kind}"
    return country


def _labelled(fmt: Formatter, table: str, key: str, value: str) -> str:
    labels: dict[str, Any] = fmt.labels["identity"][table]
    label = labels.get(key) or labels["other"]
    return fmt.label("identity.line", label=label, value=value)


def number_lines(
    fmt: Formatter, registration: str | None, tax_id: str | None, country: str
) -> tuple[str, ...]:
    """«KRS: 0000123456», «NIP: 526-025-09-95»: each number under its customary label.

    ``country`` is the party's; a VAT id's prefix overrides it (a German client of a Polish
    freelancer, given without ``client.country``, still gets a German register's label).

    A tax number with an EU VAT prefix (PL5260250995) is labelled as a VAT id («NIP UE»,
    «Közösségi adószám»); one without it as the party's country's own tax number.
    """
    lines = []
    country = _vat_country(tax_id) or country
    if registration:
        key = _register_key(registration, country)
        lines.append(_labelled(fmt, "registration", key, registration))
    if tax_id:
        if _vat_country(tax_id):
            lines.append(fmt.label("identity.line", label=fmt.label("identity.vat"), value=tax_id))
        else:
            lines.append(_labelled(fmt, "tax_id", country, tax_id))
    return tuple(lines)


def _vat_country(tax_id: str | None) -> str | None:
    """The country an EU (or UK) VAT id names by its prefix: PL5260250995 → PL, EL… → GR."""
    compact = "".join((tax_id or "").split()).upper()
    if compact[:2] in _VAT_PREFIXES and compact[2:3].isdigit():
        return {"EL": "GR", "XI": "GB"}.get(compact[:2], compact[:2])
    return None


def parties_block(job: Job, fmt: Formatter) -> doc.Parties:
    """Both parties: name, business, address, email, phone, then their numbers."""
    f, c = job.freelancer, job.client
    home = f.country or job.law.country
    freelancer = doc.Party(
        fmt.label("freelancer_role"),
        (
            *_present(f.name, f.business, f.address, f.email, f.phone),
            *number_lines(fmt, f.registration, f.tax_id, home),
        ),
    )
    # A client's country is given only when it differs from the freelancer's.
    client = doc.Party(
        fmt.label("client_role"),
        (
            *_present(c.name, c.company, c.address, c.email, c.phone),
            *number_lines(fmt, c.registration, c.tax_id, c.country or home),
        ),
    )
    return doc.Parties((freelancer, client))


def _present(*values: str | None) -> tuple[str, ...]:
    return tuple(v for v in values if v)


def _signer(fmt: Formatter, person: str, org: str | None, who: Signatory | None) -> doc.Party:
    """«Łukasz Wójcik, Prezes Zarządu» over «for Wójcik & Syn Sp. z o.o.»."""
    if who is None:
        lines = (person, *([fmt.label("for_party", party=org)] if org else []))
        return doc.Party("", lines)
    name = (
        fmt.label("identity.signatory", name=who.name, capacity=who.capacity)
        if who.capacity
        else who.name
    )
    return doc.Party("", (name, fmt.label("for_party", party=org or person)))


def signatures_block(job: Job, fmt: Formatter) -> doc.Signatures:
    """Under each signature line, who signs (and as what) and for whom."""
    f, c = job.freelancer, job.client
    sides = (
        (fmt.label("freelancer_role"), _signer(fmt, f.name, f.business, f.signatory)),
        (fmt.label("client_role"), _signer(fmt, c.name, c.company, c.signatory)),
    )
    return doc.Signatures(
        heading=fmt.label("signatures_heading"),
        parties=tuple(doc.Party(role, p.lines) for role, p in sides),
        signature_label=fmt.label("signature"),
        date_label=fmt.label("signed_date"),
    )


def payment_details(job: Job, fmt: Formatter) -> list[doc.Block]:
    """«Payments to the Freelancer's account: IBAN …, BIC …» under the schedule, if given."""
    bank = job.freelancer.bank
    if bank is None:
        return []
    parts = [
        *([f"{fmt.label('identity.iban')} {bank.iban}"] if bank.iban else []),
        *([f"{fmt.label('identity.bic')} {bank.bic}"] if bank.bic else []),
        *([bank.other] if bank.other else []),
    ]
    if not parts:
        return []
    return [doc.Paragraph(fmt.label("identity.bank", details=", ".join(parts)))]
