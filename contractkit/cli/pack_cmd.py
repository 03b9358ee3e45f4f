"""`contractkit pack FOLDER -o FILE.zip`: the evidence for a claim, in one file."""

from __future__ import annotations

from pathlib import Path

import click

from contractkit.cli.complete import job_folders
from contractkit.cli.options import as_of as _as_of


@click.command()
@click.argument("folder", type=click.Path(path_type=Path, exists=True), shell_complete=job_folders)
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The .zip to write.",
)
@click.option("--as-of", "as_of", metavar="DATE", help="Date of the pack. Default: today.")
@click.option("--force", is_flag=True, help="Replace the .zip if it exists.")
def pack(folder: Path, out: Path, as_of: str | None, force: bool) -> None:
    """Zip the evidence of the job in FOLDER for a claim.

    The contract (PDF and DOCX), every letter and invoice file the log records (checked
    against the SHA-256 logged when it was sent), a chronology PDF of every logged event,
    and MANIFEST.sha256 (check it with `sha256sum -c MANIFEST.sha256`). A letter the log
    does not record as sent is never included.

    \b
    Example:
      contractkit log "acme" sent final-notice --file "acme/sent/final-notice.pdf"
      contractkit pack "acme" -o acme-evidence.zip
    """
    from contractkit.app.pack import pack_bytes
    from contractkit.output import write_file

    if out.suffix.lower() != ".zip":
        raise click.BadParameter("the file name must end in .zip", param_hint="-o")
    write_file(out, pack_bytes(folder, _as_of(as_of)), force=force)
    click.echo(f"wrote {out}")
