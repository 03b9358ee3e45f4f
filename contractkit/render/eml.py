"""A letter → an RFC 5322 e-mail draft (``.eml``) that opens in any mail client.

Why: most of these letters go out by e-mail first. Built with the standard library's
:class:`email.message.EmailMessage` (``policy=default``), so headers are encoded properly
(non-ASCII names, long subjects) and the result parses back with ``email``. The ``Date``
header comes from the letter's date, never the clock, so the same facts give the same
bytes. ``X-Unsent: 1`` makes Outlook open it as a draft ready to send; formal notices
carry the PDF as an attachment.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default
from email.utils import format_datetime


@dataclass(frozen=True)
class Mailbox:
    name: str
    email: str


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    maintype: str = "application"
    subtype: str = "pdf"


def _one_line(text: str) -> str:
    """Header values are data: no line break may start a new header."""
    return " ".join(text.split())


def _address(box: Mailbox) -> Address:
    """An internationalised domain is written in its ASCII (IDNA) form, as mail needs."""
    local, _, domain = box.email.rpartition("@")
    with contextlib.suppress(UnicodeError):  # not encodable: left as typed (UTF-8 message)
        domain = domain.encode("idna").decode("ascii")
    return Address(display_name=_one_line(box.name), username=local, domain=domain)


def _needs_utf8(*boxes: Mailbox) -> bool:
    """A non-ASCII mailbox name (ü@…) can only be written in an SMTPUTF8 message."""
    return any(not box.email.isascii() for box in boxes)


def render_eml(
    *,
    sender: Mailbox,
    recipient: Mailbox,
    subject: str,
    day: date,
    body: str,
    attachments: tuple[Attachment, ...] = (),
) -> bytes:
    policy = default.clone(linesep="\r\n", utf8=_needs_utf8(sender, recipient))
    msg = EmailMessage(policy=policy)
    msg["From"] = _address(sender)
    msg["To"] = _address(recipient)
    msg["Subject"] = _one_line(subject)
    msg["Date"] = format_datetime(datetime.combine(day, time(9, 0), tzinfo=UTC))
    msg["X-Unsent"] = "1"
    msg.set_content(body)
    for a in attachments:
        name = _one_line(a.filename)  # a file name may hold a line break; a header may not
        msg.add_attachment(a.data, maintype=a.maintype, subtype=a.subtype, filename=name)
    if attachments:  # the email package picks a random boundary: same facts, same bytes
        digest = hashlib.sha256(body.encode("utf-8"))
        for a in attachments:
            digest.update(a.data)
        msg.set_boundary(f"=_contractkit_{digest.hexdigest()[:32]}")
    return msg.as_bytes(policy=policy)
