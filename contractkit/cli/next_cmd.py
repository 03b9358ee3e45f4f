"""`contractkit next [FOLDER...]`: what to send today, across your jobs."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import click

from contractkit.cli.complete import job_folders
from contractkit.cli.options import FLAGS
from contractkit.cli.options import as_of as _as_of


@click.command(name="next")
@click.argument(
    "folders",
    nargs=-1,
    type=click.Path(path_type=Path, file_okay=False),
    shell_complete=job_folders,
)
@click.option("--as-of", "as_of", metavar="DATE", help="The day to plan for. Default: today.")
@click.option("--json", "as_json", is_flag=True, help="Print the steps as JSON.")
def next_(folders: tuple[Path, ...], as_of: str | None, as_json: bool) -> None:
    """What to send today (or is overdue) across the job folders under FOLDERS.

    Reads each job's log.yaml (see `contractkit log`): a step you logged as sent is not
    proposed again, a reply resets the silence clocks, a hold or a closed job stops them.

    \b
    Examples:
      contractkit next                      the job folders under this folder
      contractkit next clients/ --as-of 2027-02-01
    """
    from contractkit.app.followup import next_steps

    day = _as_of(as_of)
    found = next_steps(folders or (Path("."),), day)
    rows = [
        {
            "job": str(folder),
            "due": step.day.isoformat(),
            "letter": step.letter,
            "title": step.title,
            "why": step.why,
            "command": _command(folder, step.letter, step.facts, day),
        }
        for folder, step in found
    ]
    if as_json:
        click.echo(
            json.dumps({"as_of": day.isoformat(), "steps": rows}, ensure_ascii=False, indent=2)
        )
        return
    if not rows:
        click.echo(f"Nothing to send on {day.isoformat()}.")
        return
    for row in rows:
        click.echo(f"{row['due']}  {row['job']}: {row['title']}")
        click.echo(f"            {row['why']}")
        click.echo(f"            {row['command']}")


def _command(folder: Path, letter: str, facts: dict[str, str], day: object) -> str:
    """The ready-to-run command: the letter as an e-mail draft in FOLDER/sent, its facts
    read from the log (the invoice named when there is more than one), logged as sent."""
    args = ["contractkit", "letter", letter, str(folder)]
    if "invoice" in facts:
        args += [FLAGS["invoice"], facts["invoice"]]
    args += ["--as-of", str(day), "-o", str(folder / "sent" / f"{day}-{letter}.eml"), "--log"]
    return shlex.join(args)
