"""A rendered letter → the bytes of one file format (.pdf, .docx, .txt, .eml).

Why: ``build`` (every letter beside the contract) and ``letter`` (one letter on demand)
must produce identical files, so both ask here. Renderers are imported lazily.
"""

from __future__ import annotations

from pathlib import Path

from contractkit.assemble.letters import RenderedLetter
from contractkit.errors import ContractkitError
from contractkit.job.model import Job
from contractkit.render import FORMATS as RENDER_FORMATS
from contractkit.render import render

LETTER_FORMATS = ("pdf", "docx", "txt", "eml")


def letter_stem(letter: RenderedLetter) -> str:
    """``NN-<id>``: numbered so a folder listing is in the order of escalation."""
    return f"{letter.number:02d}-{letter.meta.id}"


def letter_bytes(
    letter: RenderedLetter,
    job: Job,
    fmt: str,
    *,
    template: Path | None = None,
    attach: tuple[Path, ...] = (),
) -> bytes:
    if fmt in RENDER_FORMATS:
        return render(letter.document, fmt, template)
    if fmt == "eml":
        return _eml(letter, job, attach)
    raise ContractkitError(f"unknown letter format {fmt!r}; choose {', '.join(LETTER_FORMATS)}")


def _eml(letter: RenderedLetter, job: Job, attach: tuple[Path, ...]) -> bytes:
    from contractkit.render.eml import Attachment, Mailbox, render_eml
    from contractkit.render.pdf import render_pdf
    from contractkit.render.text import render_blocks

    files = []
    if letter.meta.formal:
        files.append(Attachment(f"{letter_stem(letter)}.pdf", render_pdf(letter.document)))
    for path in attach:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise ContractkitError(f"--attach {path}: cannot read: {e.strerror}") from None
        maintype, subtype = _mime(path)
        files.append(Attachment(path.name, data, maintype, subtype))
    f, c = job.freelancer, job.client
    return render_eml(
        sender=Mailbox(f.name, f.email),
        recipient=Mailbox(c.name, c.email),
        subject=letter.subject,
        day=letter.document.created,
        body=render_blocks(letter.body),
        attachments=tuple(files),
    )


def _mime(path: Path) -> tuple[str, str]:
    import mimetypes

    guessed, _ = mimetypes.guess_type(path.name)
    maintype, _, subtype = (guessed or "application/octet-stream").partition("/")
    return maintype, subtype
