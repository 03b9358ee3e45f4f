"""``contractkit new``: from the first question to a written, valid ``job.yaml``.

Why: one function owns the run — where answers come from (draft, answers file, profile),
the groups in order, the review, and what happens on Ctrl-C — so every way in and out of
the wizard ends either in a job file that ``build`` accepts or in a saved draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click

from contractkit.errors import ContractkitError, JobError, OutputExistsError, Terminated
from contractkit.job.folder import JOB_FILE
from contractkit.job.model import Job
from contractkit.job.profile import (
    ProfileError,
    load_profile,
    profile_from_answers,
    profile_path,
    save_profile,
)
from contractkit.job.reader import parse_job, validate_job
from contractkit.job.writer import dump_job, job_data
from contractkit.output import check_targets, write_file
from contractkit.wizard.asker import Asker, warn
from contractkit.wizard.draft import count_answers, draft_path, read_answers, save_draft
from contractkit.wizard.fields import problems
from contractkit.wizard.groups import GROUPS, Context, Group, owner_of
from contractkit.wizard.questions import in_words
from contractkit.wizard.review import summary

_HEADER = (
    "contractkit job file, written by `contractkit new`. Each key is explained beside it.\n"
    "Edit by hand, then rebuild in this folder: contractkit build job.yaml -o ."
)


class WizardStopped(ContractkitError):
    """Ctrl-C or end of input: the answers so far are in the draft."""

    exit_code = 130


@dataclass
class Options:
    folder: Path
    as_of: date
    answers_file: Path | None = None
    interactive: bool = True
    force: bool = False


def run_wizard(opts: Options) -> Path:
    """Ask, review and write ``FOLDER/job.yaml``; return its path.

    Raises :class:`WizardStopped` (draft saved) on Ctrl-C / EOF, and :class:`JobError`
    listing every missing or wrong answer under ``--no-input``.
    """
    folder = opts.folder
    job_path = folder / JOB_FILE
    if job_path.exists() and not opts.force:
        raise OutputExistsError(
            f"{job_path} already exists: this folder holds a job. To rebuild its documents, "
            f'run: contractkit build "{folder}"; to start it over, add --force.'
        )
    check_targets([job_path], opts.force)
    answers = _starting_answers(opts)
    ctx = Context(profile=_profile(opts.interactive), as_of=opts.as_of)
    asker = Asker(answers, opts.interactive)
    if opts.interactive:
        asker.on_answer = lambda a: _save_quietly(folder, a)
    try:
        for number, (name, group) in enumerate(GROUPS, start=1):
            if opts.interactive:
                click.secho(f"\n{number}/{len(GROUPS)}  {name}", bold=True)
            group(asker, ctx, False)
            if name == "You" and opts.interactive:
                _remember_you(ctx, answers)
        if asker.missing or asker.wrong:
            raise JobError(
                "cannot write job.yaml: answers are missing or wrong "
                "(give them in --answers FILE, or run without --no-input):",
                [f"{m}: required, no default" for m in asker.missing] + asker.wrong,
            )
        job = _review(asker, ctx)
        text = dump_job(job_data(job), header=_HEADER)
        if parse_job(text, str(job_path)) != job:  # pragma: no cover - a bug, not a user error
            raise RuntimeError("the written job file would not read back as the same job")
        write_file(job_path, text.encode("utf-8"), force=opts.force)
    except (click.Abort, KeyboardInterrupt, EOFError) as e:
        click.echo()
        stopped = _stopped(folder, answers, opts.interactive)
        if isinstance(e, Terminated) or isinstance(e.__context__, Terminated):
            stopped.exit_code = 143  # click.prompt turns it into Abort, keeping it as context
        raise stopped from None
    draft_path(folder).unlink(missing_ok=True)
    if opts.interactive:
        _remember_defaults(ctx, job)
    return job_path


def _starting_answers(opts: Options) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    draft = draft_path(opts.folder)
    if draft.is_file():
        if opts.interactive:
            saved = read_answers(draft)
            n = count_answers(saved)
            click.echo(f"An unfinished run left {n} answer(s) in {draft}.")
            if click.confirm("Resume from them?", default=True):
                answers = saved
                click.echo("Answered questions are skipped; you can change any of them at the end.")
        else:
            click.echo(f"note: ignoring the draft {draft} (--no-input)", err=True)
    if opts.answers_file is not None:
        _merge(answers, read_answers(opts.answers_file))
    unknown = [p for p in problems(answers) if "unknown key" in p]
    if unknown:
        name = opts.answers_file or draft
        raise JobError(f"{name}: keys a job file does not have:", unknown)
    return answers


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _profile(interactive: bool) -> dict[str, Any]:
    try:
        return load_profile()
    except ProfileError as e:
        for line in e.lines():
            warn(line)
        warn("continuing without your saved details")
        return {}


def _remember_you(ctx: Context, answers: dict[str, Any]) -> None:
    """Save your details after the first group, so even an interrupted run keeps them."""
    new = profile_from_answers({"freelancer": answers.get("freelancer", {})}, ctx.profile)
    if new.get("freelancer") != ctx.profile.get("freelancer"):
        first = "freelancer" not in ctx.profile
        path = save_profile(new)
        ctx.profile = new
        verb = "Saved" if first else "Updated"
        click.secho(f"  {verb} your details in {path}; next time they are offered.", dim=True)


def _remember_defaults(ctx: Context, job: Job) -> None:
    new = profile_from_answers(job_data(job), ctx.profile)
    if new != ctx.profile:
        save_profile(new)
        click.secho(
            f"  Your usual currency, terms and law are saved in {profile_path()} "
            "(change them with `contractkit profile --edit`).",
            dim=True,
        )


def _review(asker: Asker, ctx: Context) -> Job:
    groups: dict[str, Group] = dict(GROUPS)
    names = [name for name, _ in GROUPS]
    while True:
        found = problems(asker.answers)
        if found:
            if not asker.interactive:
                raise JobError("the answers do not make a valid job:", found)
            for p in found:
                warn(in_words(p))
            owner = owner_of(found[0].partition(": ")[0])
            if owner is None:
                raise JobError("the answers do not make a valid job:", found)
            click.secho(f"\nBack to {owner}", bold=True)
            groups[owner](asker, ctx, True)
            continue
        job = validate_job(asker.answers)
        if not asker.interactive:
            return job
        click.secho("\nReview", bold=True)
        for line in summary(job):
            click.echo(line)
        if click.confirm("\nWrite job.yaml and build the contract and letters?", default=True):
            return job
        pick = click.prompt(
            f"Change which group? 1–{len(names)} (Enter to see the summary again)",
            default="",
            show_default=False,
            value_proc=lambda raw: _group_number(raw, len(names)),
        )
        if pick:
            name = names[pick - 1]
            click.secho(f"\n{pick}/{len(names)}  {name}", bold=True)
            groups[name](asker, ctx, True)


def _group_number(raw: str, count: int) -> int:
    raw = str(raw).strip()
    if not raw:
        return 0
    if raw.isdigit() and 1 <= int(raw) <= count:
        return int(raw)
    raise click.BadParameter(f"type a number from 1 to {count}, or press Enter")


def _save_quietly(folder: Path, answers: dict[str, Any]) -> None:
    try:
        save_draft(folder, answers)
    except OSError as e:  # a read-only folder must not stop the questions
        warn(f"could not save the draft in {folder}: {e.strerror}")


def _stopped(folder: Path, answers: dict[str, Any], interactive: bool) -> WizardStopped:
    if not answers:
        return WizardStopped("Stopped before the first answer; nothing to save.")
    path = save_draft(folder, answers) if interactive else None
    if path is None:
        return WizardStopped("Stopped.")
    return WizardStopped(
        f"Stopped. Nothing is lost: your answers are saved in {path}.",
        [f'Run `contractkit new "{folder}"` to pick up where you left off.'],
    )
