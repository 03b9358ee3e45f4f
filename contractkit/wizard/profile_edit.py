"""``contractkit profile --edit``: ask your details and usual defaults again.

Why: the profile is only useful if it is easy to correct; editing reuses the wizard's own
questions (and so its validation), with the saved values offered as defaults.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import click

from contractkit.job.profile import load_profile, profile_from_answers, save_profile
from contractkit.wizard import questions as q
from contractkit.wizard.asker import Asker
from contractkit.wizard.groups import Context, late_payment, law, you


def edit_profile(as_of: date) -> Path:
    """Re-ask every profile question with the saved answers as defaults; save the result."""
    dropped: list[str] = []
    saved = load_profile(dropped=dropped)
    for problem in dropped:
        click.secho(f"  ! left out of your profile (ask again below): {problem}", fg="yellow")
    ctx = Context(profile=saved, as_of=as_of)
    a = Asker(copy.deepcopy(saved))
    click.secho("\nYou", bold=True)
    you(a, ctx, True)
    click.secho("\nYour usual terms", bold=True)
    a.ask("payment.currency", again=True, prompt="Your usual currency (€, zł, GBP)", **q.currency())
    a.ask("payment.terms_days", again=True, **q.whole("days", 14))
    late_payment(a, ctx, True)
    law(a, ctx, True)
    return save_profile(profile_from_answers(a.answers, {}))
