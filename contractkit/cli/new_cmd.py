"""`contractkit new` and `contractkit profile`."""

from __future__ import annotations

from pathlib import Path

import click

from contractkit.cli.options import as_of as _as_of


@click.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="YAML with answers (job-file keys) to pre-fill; those questions are skipped.",
)
@click.option(
    "--no-input",
    is_flag=True,
    help="Ask nothing: take answers and defaults; fail listing anything missing.",
)
@click.option("--force", is_flag=True, help="Replace an existing job.yaml and its outputs.")
@click.option("--as-of", "as_of", metavar="DATE", help="Build date for metadata. Default: today.")
def new(
    folder: Path, answers_file: Path | None, no_input: bool, force: bool, as_of: str | None
) -> None:
    """Answer questions about a new job; get FOLDER/job.yaml and the contract built into it.

    Answers are read as you would write them: £6,500 or 6 500 zł, 30 %, Poland or
    Polska, € or złoty, 1.12.2026 or 1 December 2026; each is shown back as understood.
    Ctrl-C keeps every answer; running it again picks up where you stopped.

    \b
    Examples:
      contractkit new "acme website"
      contractkit new "acme website" --answers usual.yaml   pre-fill some answers
      contractkit new job --answers all.yaml --no-input     nothing asked (scripts)
    """
    from contractkit.app.build import build
    from contractkit.errors import ContractkitError
    from contractkit.wizard import Options, run_wizard

    day = _as_of(as_of)
    opts = Options(folder, day, answers_file, interactive=not no_input, force=force)
    job_path = run_wizard(opts)
    click.echo(f"wrote {job_path}")
    try:
        result = build(job_path, folder, force=force, as_of=day)
    except ContractkitError as e:
        e.message = (
            f"{job_path} is saved, but building from it failed "
            f'(fix it, then run: contractkit build "{folder}"): {e.message}'
        )
        raise
    except KeyboardInterrupt:
        click.echo(
            f'\nInterrupted while building; {job_path} is saved. Run: contractkit build "{folder}"',
            err=True,
        )
        raise SystemExit(130) from None
    _what_next(folder, len(result.files))


def _what_next(folder: Path, count: int) -> None:
    """Where the files are and what to do with them: the next steps, not a file list."""
    q = f'"{folder}"'
    click.echo(
        f"\nBuilt {count} files in {folder}:\n"
        f"  contract.pdf / contract.docx   send one to your client to sign\n"
        f"  letters/                       ready letters for when the client goes quiet\n"
        f"  timeline.ics                   the payment steps, for your calendar\n"
        f"\nNext:\n"
        f"  edit {folder / 'job.yaml'}, then: contractkit build {q}\n"
        f"  a letter with today's facts:    contractkit letter payment-reminder {q} "
        f"--invoice INV-1 --amount 1200 --due 2027-01-15\n"
        f"  the kinds of letter:            contractkit letters"
    )


@click.command()
@click.option("--edit", is_flag=True, help="Ask your details and usual terms again.")
@click.option("--path", "show_path", is_flag=True, help="Print where the profile is kept.")
@click.option("--as-of", "as_of", metavar="DATE", help="Today's date, for date defaults.")
@click.option(
    "--logo",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Your logo (PNG or JPEG) at the head of every PDF and DOCX.",
)
@click.option("--accent", metavar="#RRGGBB", help="Colour of titles and headings.")
@click.option("--no-brand", is_flag=True, help="Remove the logo and the accent colour.")
def profile(
    edit: bool,
    show_path: bool,
    as_of: str | None,
    logo: Path | None,
    accent: str | None,
    no_brand: bool,
) -> None:
    """Show (or --edit) your saved details and usual terms, offered by `contractkit new`.

    \b
    Examples:
      contractkit profile            show what is saved
      contractkit profile --edit     ask your details and usual terms again
      contractkit profile --logo logo.png --accent "#1F5FAD"   your letterhead
    """
    from contractkit.job.profile import load_profile, profile_path

    path = profile_path()
    if logo or accent or no_brand:
        _set_brand(logo, accent, no_brand)
        return
    if show_path:
        click.echo(str(path))
        return
    if edit:
        from contractkit.wizard.profile_edit import edit_profile

        try:
            saved = edit_profile(_as_of(as_of))
        except click.Abort:
            click.echo("\nStopped; your profile is unchanged.", err=True)
            raise SystemExit(130) from None
        click.echo(f"saved {saved}")
        return
    if not path.is_file():
        click.echo(f"No profile yet ({path}).")
        click.echo("`contractkit new` saves one on first use; or run `contractkit profile --edit`.")
        return
    load_profile(path)  # report problems before showing
    click.echo(f"# {path}")
    click.echo(path.read_text(encoding="utf-8").rstrip())


def _set_brand(logo: Path | None, accent: str | None, no_brand: bool) -> None:
    """Keep a copy of the logo beside the profile (so moving the original never changes
    a rebuild) and the colour in it; each checked before anything is saved."""
    from pydantic import ValidationError

    from contractkit.job.brand import Brand, logo_kind, logo_problem
    from contractkit.job.profile import load_profile, profile_path, save_profile
    from contractkit.output import write_file

    data = load_profile()
    if no_brand:
        data.pop("brand", None)
        click.echo(f"removed your logo and accent colour from {save_profile(data)}")
        return
    brand = dict(data.get("brand") or {})
    if accent is not None:
        try:
            brand["accent"] = Brand.model_validate({"accent": accent}).accent
        except ValidationError as e:
            raise click.BadParameter(str(e.errors()[0]["msg"]), param_hint="--accent") from None
    if logo is not None:
        why = logo_problem(logo)
        if why:
            raise click.BadParameter(f"{logo}: {why}", param_hint="--logo")
        data_bytes = logo.read_bytes()
        kept = profile_path().parent / f"logo.{'png' if logo_kind(data_bytes) == 'png' else 'jpg'}"
        write_file(kept, data_bytes, force=True)
        brand["logo"] = str(kept)
    data["brand"] = brand
    click.echo(f"saved your letterhead in {save_profile(data)}; the next build uses it")
