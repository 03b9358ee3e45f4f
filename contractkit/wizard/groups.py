"""The question groups, in order: You → Client → Project → Money → Protections → Law.

Why: each group is one function that can run for the first time (skipping what is already
answered) or again from the review (offering every current answer as the default). What a
question says and accepts comes from the model; only the order, the defaults that depend
on other answers, and the one-line reasons live here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, get_args

import click
from babel import Locale

from contractkit.job.values import Channel
from contractkit.library.clauses import labels
from contractkit.library.formatting import Formatter
from contractkit.paths import languages
from contractkit.wizard import questions as q
from contractkit.wizard.asker import Asker, note
from contractkit.wizard.client_details import ask_greeting, ask_phone
from contractkit.wizard.fields import MISSING, get, loc_of
from contractkit.wizard.identity import (
    ask_client_identity,
    ask_place,
    ask_your_identity,
    saved_identity,
    use_saved_identity,
)
from contractkit.wizard.money_plan import ask_plan, formatter
from contractkit.wizard.parsing import country_in

# A contractual late fee when the profile has no habit yet (DOMAIN.md: 1–2 % a month).
LATE_FEE_SUGGESTION = Decimal("1.5")


@dataclass
class Context:
    """What the groups need besides the answers: your profile and today's date."""

    as_of: date  # from the command (--as-of or today): the core never reads the clock
    profile: dict[str, Any] = field(default_factory=dict)

    def usual(self, path: str) -> Any:
        """Your profile's value for a job path, or :data:`MISSING`."""
        return get(self.profile, loc_of(path))


Group = Callable[[Asker, Context, bool], None]


def you(a: Asker, ctx: Context, again: bool) -> None:
    saved = ctx.profile.get("freelancer") or {}
    if saved and a.interactive and not again and not a.has("freelancer"):
        click.echo("Your saved details:")
        for key in ("name", "business", "email", "phone", "address"):
            if saved.get(key):
                click.echo(f"  {saved[key]}")
        for line in saved_identity(saved):
            click.echo(f"  {line}")
        if click.confirm("Use them for this contract?", default=True):
            for key in ("name", "business", "email", "phone", "address"):
                a.set(f"freelancer.{key}", saved.get(key))
            use_saved_identity(a, saved)
            return
        again = True
    for key, optional in (
        ("name", False),
        ("business", True),
        ("email", False),
        ("phone", True),
        ("address", False),
    ):
        a.ask(
            f"freelancer.{key}",
            default=saved.get(key, MISSING),
            again=again,
            optional=optional,
            **q.YOU_WORDS.get(key, {}),
        )
    ask_your_identity(a, again)


def client(a: Asker, ctx: Context, again: bool) -> None:
    typed_now = again or not a.has("client.name")  # not from an answers file or draft
    name = a.ask("client.name", again=again, example="James Smith")
    if typed_now:
        ask_greeting(a, str(name or ""), again)
    a.ask("client.company", again=again, optional=True)
    a.ask("client.email", again=again, example="james@smith.example")
    ask_phone(a, again)
    address = a.ask("client.address", again=again, example="1 High St, London, United Kingdom")
    if again or not a.has("client.country"):
        # Not a question: the address names it, and the review shows it ("in Poland").
        a.set("client.country", country_in(str(address or "")))
    ask_client_identity(a, again)
    a.confirm("client.returning", again=again)
    a.choose(
        "client.kind",
        [
            ("business", "a company or a sole trader"),
            ("consumer", "a private person: business late-payment law does not apply"),
        ],
        default="business",
        again=again,
        why="Late-payment interest and compensation laws differ for consumers.",
    )
    fmt = Formatter("en", "")
    channels = list(get_args(Channel))
    a.choose(
        "communication.preferred_channel",
        [(c, fmt.channel(c) if fmt.channel(c) != c else "") for c in channels],
        default="email",
        again=again,
        why="Ask now how they like to be reached: follow-ups sent that way get answered.",
    )
    preferred = get(a.answers, loc_of("communication.preferred_channel"), None)
    usual = list(get(a.answers, loc_of("communication.channels"), None) or ["email", "phone"])
    if preferred and preferred not in usual:
        usual.append(preferred)
    a.ask(
        "communication.channels",
        default=usual,
        again=again,
        prompt=f"All the ways you will talk (any of: {', '.join(channels)})",
        quiet=True,
        parse=lambda raw: [c for c in raw.replace(",", " ").split() if c],
        refuse=lambda m: f"{m}; type one or more of: {', '.join(channels)}",
        shown=lambda v: ", ".join(v) if isinstance(v, list) else str(v),
    )
    a.ask(
        "communication.approver",
        default=get(a.answers, loc_of("client.name"), MISSING),
        again=again,
        prompt="Who on the client's side approves the work",
        why="One named decision-maker keeps feedback from getting lost between people.",
    )


def project(a: Asker, ctx: Context, again: bool) -> None:
    if len(languages()) > 1:
        a.choose(
            "language",
            [(lang, Locale.parse(lang).get_display_name("en") or "") for lang in languages()],
            default=ctx.usual("language"),
            again=again,
        )
    a.ask("project.title", again=again, example="Brand identity")
    a.ask("project.description", again=again, example="A logo and a brand book")
    locale = formatter(a.answers, _country(ctx)).locale
    start = a.ask(
        "project.start", default=ctx.as_of, again=again, prompt="Start date", **q.day(locale)
    )
    a.ask(
        "project.deadline",
        again=again,
        whole=True,
        prompt="Delivery deadline (a date, e.g. 1 March 2027)",
        **q.day(locale, after=start),
    )
    a.ask(
        "project.revisions",
        again=again,
        why="A set number of rounds stops endless 'small changes' from eating your fee.",
        **q.whole("rounds", 2),
    )


def money(a: Asker, ctx: Context, again: bool) -> None:
    a.ask(
        "payment.currency",
        default=ctx.usual("payment.currency"),
        again=again,
        prompt="Currency of the fee (a sign, name or code: €, euro, zł, GBP)",
        **q.currency(),
    )
    currency = str(get(a.answers, loc_of("payment.currency"), "") or "")
    locale = formatter(a.answers, _country(ctx)).locale
    a.ask(
        "payment.fee",
        again=again,
        prompt=f"The total fee for the project, in {currency}",
        **q.amount(currency, locale),
    )
    returning = bool(get(a.answers, loc_of("client.returning"), False))
    a.ask(
        "payment.deposit_percent",
        default=25 if returning else 50,
        again=again,
        prompt="Deposit before work starts, % of the whole fee",
        why="Paid on signing and kept if the client walks away; work starts once it is in. "
        "Usual (offered): 50 % for a new client, 25 % for a returning one; 0 for none.",
        **q.percent("the deposit", 25 if returning else 50),
    )
    ask_plan(a, formatter(a.answers, _country(ctx)), again)
    a.ask(
        "payment.terms_days",
        default=ctx.usual("payment.terms_days"),
        again=again,
        why="A fixed number of days makes it plain when an invoice is late; 14 or 30 is usual.",
        **q.whole("days", 14),
    )


def protections(a: Asker, ctx: Context, again: bool) -> None:
    a.ask(
        "communication.response_days",
        again=again,
        prompt="Business days the client has to answer a request for feedback or approval",
        why="A stated answer time turns silence into a missed deadline you can point to.",
        **q.whole("business days", 5),
    )
    a.ask(
        "communication.pause_after_days",
        again=again,
        whole=True,
        prompt="Business days of silence after which work pauses",
        why="Lets you stop and bill the work done instead of waiting on a client gone quiet.",
        **q.pause_days(a),
    )
    a.ask(
        "kill_fee_percent",
        again=again,
        prompt="Kill fee, % of the fee not yet invoiced",
        why="If the client cancels or vanishes, they pay this share of the fee not yet invoiced, "
        "for the time you kept free. Usual (offered): 25 %; up to 50 % for a short booking.",
        **q.percent("the kill fee", 25),
    )
    late_payment(a, ctx, again)
    a.choose(
        "ip.transfer",
        [
            ("on_full_payment", "all rights pass to the client once paid in full (usual)"),
            ("licence", "the client may use the work; you keep the rights and may reuse it"),
            ("exclusive_licence", "only the client may use it; you keep the rights, no reuse"),
        ],
        again=again,
        why="Either way nothing passes before the whole fee is paid: your lever if an invoice "
        "stalls. Most clients expect to own what they paid for: choose 1 unless you reuse it.",
    )
    a.confirm(
        "ip.portfolio",
        again=again,
        why="Without it you may not be allowed to show this work to future clients.",
    )
    a.ask(
        "termination_notice_days",
        again=again,
        why="Lets either side end the work cleanly, with notice and payment for what is done.",
        **q.whole("days", 30),
    )
    q.clauses(a, again)


def late_payment(a: Asker, ctx: Context, again: bool) -> None:
    fee_path, law_path = "payment.late_fee_percent_per_month", "payment.statutory_interest"
    if not again and (a.has(fee_path) or a.has(law_path)):
        a.ask(fee_path, optional=True)
        a.confirm(law_path)
        return
    current_fee = get(a.answers, loc_of(fee_path), None)
    usual_fee = ctx.usual(fee_path)
    statutory = get(a.answers, loc_of(law_path), None)
    if statutory is None:
        statutory = ctx.usual(law_path) is True
    default = "statutory" if statutory else "fee"
    if again and current_fee is None and not statutory:
        default = "none"
    options = {
        "fee": "a late fee in % per month, stated in the contract",
        "statutory": "the interest and fixed compensation set by law (EU and UK late-payment laws)",
        "none": "nothing stated (not recommended)",
    }
    kind = default
    if a.interactive:
        note("Invoices get paid sooner when lateness has a price agreed up front.")
        click.echo("On overdue invoices, charge:")
        keys = list(options)
        for i, k in enumerate(keys, start=1):
            click.echo(f"  {i}) {k.ljust(9)}  {options[k]}")
        kind = click.prompt(
            "Choose",
            default=str(keys.index(default) + 1),
            value_proc=lambda raw: _pick(keys, raw),
        )
    if kind == "fee":
        a.set(law_path, False)
        fallback = usual_fee if usual_fee not in (MISSING, None) else LATE_FEE_SUGGESTION
        a.ask(
            fee_path,
            again=True,
            default=current_fee or fallback,
            prompt="Late fee, % per month on overdue sums",
            parse=q.percent("the late fee", 2)["parse"],
            refuse=lambda _: "a late fee is 0–10 % a month, e.g. 1.5",
        )
    else:
        a.set(fee_path, None)
        a.set(law_path, kind == "statutory")


def _pick(keys: list[str], raw: str) -> str:
    raw = str(raw).strip().lower()
    if raw.isdigit() and 1 <= int(raw) <= len(keys):
        return keys[int(raw) - 1]
    if raw in keys:
        return raw
    raise click.BadParameter(f"type a number from 1 to {len(keys)}")


def law(a: Asker, ctx: Context, again: bool) -> None:
    address = str(get(a.answers, loc_of("freelancer.address"), "") or "")
    a.ask(
        "law.country",
        default=_country(ctx) or country_in(address) or MISSING,
        again=again,
        prompt="Your country (its name or code: Poland, Polska, PL)",
        **q.country(),
    )
    country = str(get(a.answers, loc_of("law.country"), "") or "")
    same = ctx.usual("law.country") == country
    a.ask(
        "law.governing",
        default=ctx.usual("law.governing")
        if same
        else governing_for(country, str(get(a.answers, ("language",), "en") or "en")),
        again=again,
        why="Naming your own law and courts leaves no doubt where a small claim is filed.",
    )
    a.ask(
        "law.venue",
        default=ctx.usual("law.venue") if same else MISSING,
        again=again,
        prompt="Which court hears disputes (usually the one where you work)",
        example="the District Court in Warsaw",
    )


def law_and_place(a: Asker, ctx: Context, again: bool) -> None:
    """The law, then where this agreement is made (a job's answer, not a profile's), and
    its date: the day the wizard made it, written into the job so a rebuild months later
    still shows the date the contract was sent out."""
    law(a, ctx, again)
    ask_place(a, again)
    if not a.has("agreement.date"):
        a.set("agreement.date", ctx.as_of)


def governing_for(country: str, language: str = "en") -> Any:
    """A suggestion for ``law.governing`` in the document's language: ``SE`` → "the laws
    of Sweden", "svensk lag", "prawo szwedzkie" (``governing_law`` in the labels). No
    guess where law differs inside the country (US, GB, CA, AU)."""
    if country in {"US", "GB", "CA", "AU"}:
        return MISSING
    words = labels(language).get("governing_law", {})
    if country in words:
        return str(words[country])
    name = Locale.parse(language).territories.get(country)
    if not name or "other" not in words:
        return MISSING
    if language == "en" and country in {"NL", "PH", "AE", "DO", "BS", "GM"}:
        name = f"the {name}"
    return str(words["other"]).format(country=name)


def _country(ctx: Context) -> str:
    usual = ctx.usual("law.country")
    return "" if usual in (MISSING, None) else str(usual)


GROUPS: tuple[tuple[str, Group], ...] = (
    ("You", you),
    ("Client", client),
    ("Project", project),
    ("Money", money),
    ("Protections", protections),
    ("Law", law_and_place),
)

# Which group asks a given top-level key (to send the user back to the right one).
OWNER = {
    "freelancer": "You",
    "client": "Client",
    "communication.preferred_channel": "Client",
    "communication.channels": "Client",
    "communication.approver": "Client",
    "language": "Project",
    "project": "Project",
    "payment": "Money",
    "payment.late_fee_percent_per_month": "Protections",
    "payment.statutory_interest": "Protections",
    "communication": "Protections",
    "kill_fee_percent": "Protections",
    "ip": "Protections",
    "termination_notice_days": "Protections",
    "law": "Law",
    "agreement": "Law",
    "clauses": "Protections",
}


def owner_of(where: str) -> str | None:
    """The group that asks ``where`` (a problem's path such as ``payment.milestones[0]``)."""
    key = where.split("[")[0]
    while key:
        if key in OWNER:
            return OWNER[key]
        key = key.rpartition(".")[0]
    return None
