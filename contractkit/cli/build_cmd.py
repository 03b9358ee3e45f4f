"""`contractkit build` and `contractkit template`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from contractkit.cli.options import as_of as _as_of


def _formats(value: str) -> list[str]:
    from contractkit.app import FORMATS

    chosen = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)} (comma-separated)")
    return chosen


@click.command()
@click.argument("jobs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Output folder. Default: a folder named after the job file, beside it.",
)
@click.option("--format", "formats", default="pdf,docx", show_default=True, help="pdf, docx")
@click.option("--force", is_flag=True, help="Replace existing output files.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
@click.option(
    "--template",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Your own .docx template (see `contractkit template`).",
)
@click.option("--as-of", "as_of", metavar="DATE", help="Build date for metadata. Default: today.")
@click.option("--language", help="Override the job file's language (en, pl, sv, hu, ka).")
def build(
    jobs: tuple[Path, ...],
    out: Path | None,
    formats: str,
    force: bool,
    as_json: bool,
    template: Path | None,
    as_of: str | None,
    language: str | None,
) -> None:
    """Build the contract, letters and timeline from one or more job files."""
    from contractkit.app import build_all

    chosen = _formats(formats)
    day = _as_of(as_of)
    stems = [j.stem for j in jobs]
    if out is not None and len(set(stems)) != len(stems):
        raise click.BadParameter(
            "two job files share a name; build them separately", param_hint="JOBS"
        )
    pairs = [
        (job, job.parent / job.stem if out is None else (out if len(jobs) == 1 else out / job.stem))
        for job in jobs
    ]
    results = build_all(
        pairs, formats=chosen, force=force, template=template, as_of=day, language=language
    )
    if not as_json:
        for result in results:
            for f in result.files:
                click.echo(f"wrote {f}")
    if as_json:
        summaries = [r.summary() for r in results]
        payload = summaries[0] if len(summaries) == 1 else {"jobs": summaries}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


@click.command()
@click.argument("target", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
def template(target: Path, force: bool) -> None:
    """Save the default DOCX template to TARGET, to restyle in Word and pass to --template."""
    from contractkit.output import write_file
    from contractkit.render.docx_template import template_bytes

    write_file(target, template_bytes(), force=force)
    click.echo(f"wrote {target}")
