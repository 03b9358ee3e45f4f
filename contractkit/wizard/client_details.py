"""The client questions that need more than one prompt: how letters greet them, and
the phone number (asked twice if skipped, since it is what works when emails do not).
"""

from __future__ import annotations

import click

from contractkit.wizard.asker import Asker, warn
from contractkit.wizard.fields import MISSING


def ask_greeting(a: Asker, name: str, again: bool) -> None:
    """What the letters' salutation needs: the first name (Swedish «Hej Maja,», Georgian
    «ბატონო გიორგი,») and, for formal letters, Mr or Ms (Hungarian «Tisztelt Kovács Úr!»)."""
    first = name.split()[0] if name.split() else MISSING
    a.ask(
        "client.first_name",
        default=first,
        again=again,
        optional=True,
        prompt="Their first name, as your letters greet them",
    )

    def title(raw: str) -> str:
        word = raw.strip().lower().rstrip(".")
        if word not in ("mr", "ms"):
            raise click.BadParameter("type Mr or Ms, or press Enter to leave it out")
        return word

    a.ask(
        "client.title",
        again=again,
        optional=True,
        parse=title,
        prompt="Mr or Ms, for formal letters",
    )


def ask_phone(a: Asker, again: bool) -> None:
    if a.has("client.phone") and not again:
        a.ask("client.phone")
        return
    while True:
        phone = a.ask("client.phone", again=True, optional=True)
        if phone or not a.interactive:
            if not phone:
                warn("no client phone: you will have no way to reach them if emails go unanswered")
            return
        warn("Without a phone number you cannot reach a client who stops answering email.")
        if click.confirm("Leave the phone out anyway?", default=False):
            return
