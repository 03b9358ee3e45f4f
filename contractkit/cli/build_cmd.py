"""`contractkit build` and `contractkit template`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from contractkit.cli.complete import job_folders
from contractkit.cli.options import as_of as _as_of


def _formats(value: str, template: Path | None) -> list[str]:
    from contractkit.app.build import FORMATS

    chosen = list(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)} (comma-separated)")
    if template is not None and "docx" not in chosen:  # refused, never silently ignored
        raise click.BadParameter(
            "a .docx template shapes the DOCX files only; add docx to --format, or leave "
            "out --template",
            param_hint="--template",
        )
    return chosen


def _beside(job: Path) -> Path:
    """A loose job file's output folder: named after it, beside it."""
    if job.parent / job.stem == job:  # ".yaml", or no .yaml at all
        raise click.BadParameter(
            f"{job}: its output folder would be named as the job file itself; name the "
            "file like job.yaml, or give --out",
            param_hint="JOBS",
        )
    return job.parent / job.stem


@click.command()
@click.argument(
    "jobs", nargs=-1, required=True, type=click.Path(path_type=Path), shell_complete=job_folders
)
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Output folder. Default: the job's folder (rebuilt in place), or for a loose job "
    "file a folder named after it, beside it.",
)
@click.option("--format", "formats", default="pdf,docx", show_default=True, help="pdf, docx")
@click.option("--force", is_flag=True, help="Replace existing output files (not ones you edited).")
@click.option(
    "--replace",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Rebuild this file even though you edited it (repeatable).",
)
@click.option("-v", "--verbose", is_flag=True, help="List every file written.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
@click.option(
    "--template",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Your own .docx template: it shapes the DOCX files; the PDF keeps its own layout.",
)
@click.option("--as-of", "as_of", metavar="DATE", help="Build date for metadata. Default: today.")
@click.option("--language", help="Override the job file's language (en, pl, sv, hu, ka).")
def build(
    jobs: tuple[Path, ...],
    out: Path | None,
    formats: str,
    force: bool,
    replace: tuple[Path, ...],
    verbose: bool,
    as_json: bool,
    template: Path | None,
    as_of: str | None,
    language: str | None,
) -> None:
    """Build the contract, letters and timeline from job folders or job files.

    \b
    Examples:
      contractkit build "my first job"          rebuild a job folder in place
      contractkit build job.yaml -o out --force
      contractkit build clients/*/ --json       a batch: all or nothing
    """
    from contractkit.app.build import build_all
    from contractkit.job.folder import home_of, job_file

    chosen = _formats(formats, template)
    day = _as_of(as_of)
    homes = {job: home_of(job_file(job)) for job in jobs}
    names = [h.name if (h := homes[job]) is not None else job.stem for job in jobs]
    if out is not None and len(set(names)) != len(names):
        raise click.BadParameter("two jobs share a name; build them separately", param_hint="JOBS")

    def out_for(job: Path, name: str) -> Path:
        if out is not None:
            return out if len(jobs) == 1 else out / name
        home = homes[job]
        return home if home is not None else _beside(job)

    pairs = [(job, out_for(job, name)) for job, name in zip(jobs, names, strict=True)]
    results = build_all(
        pairs,
        formats=chosen,
        force=force,
        template=template,
        as_of=day,
        language=language,
        replace=replace,
    )
    if not as_json:
        _report(results, verbose)
    if as_json:
        summaries = [r.summary() for r in results]
        payload = summaries[0] if len(summaries) == 1 else {"jobs": summaries}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def _report(results: list[Any], verbose: bool) -> None:
    """One line per job (every file with --verbose), and the files that were kept."""
    for result in results:
        if verbose:
            for f in result.files:
                click.echo(f"wrote {f}")
        click.echo(f"built {len(result.files)} files in {result.out_dir}")
        if result.kept:
            click.echo(
                f"kept {len(result.kept)} file(s) you changed since contractkit wrote them "
                "(rebuild one with --replace FILE):"
            )
            for f in result.kept:
                click.echo(f"  {f}")


@click.command()
@click.argument("target", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
def template(target: Path, force: bool) -> None:
    """Save the default DOCX template to TARGET, to restyle in Word and pass to --template.

    \b
    Example:
      contractkit template my-style.docx        then open it in Word, change the styles,
      contractkit build "my first job" --template my-style.docx
    """
    from contractkit.output import write_file
    from contractkit.render.docx_template import template_bytes

    write_file(target, template_bytes(), force=force)
    click.echo(f"wrote {target}")
