"""`contractkit rates` and `contractkit check`."""

from __future__ import annotations

from pathlib import Path

import click

from contractkit.cli.options import flags_for_facts


@click.command()
def rates() -> None:
    """List the reference rates: each series, its periods, source and checked date."""
    from contractkit.law.checks import rate_rows
    from contractkit.law.rates import user_rates_path

    for line in rate_rows():
        click.echo(line)
    click.echo(f"\nYour own rows (they override these row by row): {user_rates_path()}")


@click.command()
@click.argument("job", type=click.Path(path_type=Path))
@click.pass_context
def check(ctx: click.Context, job: Path) -> None:
    """Check JOB against the late-payment and freelance laws of its country.

    One line per finding, with its rule and the fix. Exit 0: nothing found; 1: findings;
    2: the job cannot be read.
    """
    from contractkit.job.reader import load_job
    from contractkit.law.checks import check_job

    findings = check_job(load_job(job))
    for f in findings:
        click.echo(flags_for_facts(f.line()))
    if findings:
        ctx.exit(1)
    click.echo("no findings")
