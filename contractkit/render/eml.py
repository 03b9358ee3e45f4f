"""A letter → an RFC 5322 e-mail draft (``.eml``) that opens in any mail client.

Why: most of these letters go out by e-mail first. The ``Date`` header comes from the
letter's date, never the clock, so the same facts give the same bytes. ``X-Unsent: 1``
makes Outlook open it as a draft ready to send; formal notices carry the PDF as an
attachment.

Why the headers that carry user text are written here rather than by
:class:`email.message.EmailMessage`: a mail reader decodes RFC 2047 encoded words
(``=?utf-8?q?…=0D=0A…?=``) wherever they appear, even inside quotes, and the email
package writes ASCII text as it is, so a title holding one would come back as a line
break and a new header (``Bcc:``). Text holding ``=?`` (or anything not plain ASCII) is
therefore always written encoded (an encoded word, or RFC 2231 for a file name), and
the finished draft is parsed back before it is returned: any header that is not one we
wrote, or any value that differs from the text given, is a bug and stops the letter.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from email import message_from_bytes
from email.base64mime import body_encode
from email.header import Header
from email.message import EmailMessage, MIMEPart
from email.policy import default
from email.utils import format_datetime, formataddr
from urllib.parse import quote

_CRLF = "\r\n"
_POLICY = default.clone(linesep=_CRLF)


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


_PLAIN = re.compile(r"[ -~]*")  # printable ASCII


def _plain(text: str) -> bool:
    """Text a reader takes as it is: printable ASCII with no encoded-word opener."""
    return bool(_PLAIN.fullmatch(text)) and "=?" not in text


def _encoded(text: str, name: str) -> str:
    """``text`` as RFC 2047 encoded words (UTF-8), folded; ``=`` and ``?`` come out as
    ``=3D`` and ``=3F``, so nothing inside can be read as an encoded word of its own."""
    return Header(text, "utf-8", header_name=name).encode(linesep=_CRLF)


def _domain(domain: str) -> str:
    """An internationalised domain is written in its ASCII (IDNA) form, as mail needs."""
    with contextlib.suppress(UnicodeError):  # not encodable: left as typed (UTF-8 message)
        return domain.encode("idna").decode("ascii")
    return domain


def _address(box: Mailbox, field: str) -> str:
    local, _, domain = box.email.rpartition("@")
    addr = f"{local}@{_domain(domain)}"
    name = _one_line(box.name)
    if _plain(name):
        return formataddr((name, addr))  # quoted where the name needs it
    return f"{_encoded(name, field)} <{addr}>"


def _filename_param(name: str) -> str:
    if _plain(name) and not set(name) & set('"\\%*'):
        return f'filename="{name}"'
    return f"filename*=utf-8''{quote(name, safe='')}"  # RFC 2231: every byte %XX


def _attachment_part(a: Attachment) -> bytes:
    name = _one_line(a.filename)  # a file name may hold a line break; a header may not
    lines = [
        f"Content-Type: {a.maintype}/{a.subtype}",
        "Content-Transfer-Encoding: base64",
        f"Content-Disposition: attachment;{_CRLF} {_filename_param(name)}",
        "",
        body_encode(a.data, maxlinelen=76, eol=_CRLF),
    ]
    return _CRLF.join(lines).encode("ascii")


def _text_part(body: str, policy: object) -> bytes:
    part = MIMEPart(policy=_POLICY)
    part.set_content(body)
    return part.as_bytes(policy=policy)  # type: ignore[arg-type]


def render_eml(
    *,
    sender: Mailbox,
    recipient: Mailbox,
    subject: str,
    day: date,
    body: str,
    attachments: tuple[Attachment, ...] = (),
    bcc_sender: bool = False,
) -> bytes:
    """A draft ready to send: it opens as a draft in Outlook (X-Unsent), Apple Mail
    (X-Uniform-Type-Identifier) and Thunderbird (X-Mozilla-Draft-Info), carries a
    Message-ID derived from its content (the log keeps it), and with ``bcc_sender`` a
    blind copy to the sender, for their own records."""
    utf8 = any(not box.email.isascii() for box in (sender, recipient))  # SMTPUTF8 (RFC 6532)
    policy = _POLICY.clone(utf8=utf8)
    subject = _one_line(subject)
    head = [
        f"From: {_address(sender, 'From')}",
        f"To: {_address(recipient, 'To')}",
        *([f"Bcc: {_address(sender, 'Bcc')}"] if bcc_sender else []),
        f"Subject: {subject if _plain(subject) else _encoded(subject, 'Subject')}",
        f"Date: {format_datetime(datetime.combine(day, time(9, 0), tzinfo=UTC))}",
        f"Message-ID: {_message_id(sender, recipient, subject, day, body, attachments)}",
        "X-Unsent: 1",
        "X-Uniform-Type-Identifier: com.apple.mail-draft",
        "X-Mozilla-Draft-Info: internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0",
        "MIME-Version: 1.0",
    ]
    text = _text_part(body, policy)
    if not attachments:
        data = (_CRLF.join(head) + _CRLF).encode("utf-8") + text
    else:  # the boundary is a digest of the content: same facts, same bytes
        digest = hashlib.sha256(body.encode("utf-8"))
        for a in attachments:
            digest.update(a.data)
        boundary = f"=_contractkit_{digest.hexdigest()[:32]}"
        head.append(f'Content-Type: multipart/mixed; boundary="{boundary}"')
        sep = f"{_CRLF}--{boundary}{_CRLF}".encode("ascii")
        parts = [text, *(_attachment_part(a) for a in attachments)]
        data = (
            (_CRLF.join(head) + _CRLF).encode("utf-8")
            + sep
            + sep.join(parts)
            + f"{_CRLF}--{boundary}--{_CRLF}".encode("ascii")
        )
    _check(data, sender, recipient, subject, attachments)
    return data


_HEADERS = {"from", "to", "bcc", "subject", "date", "message-id", "x-unsent", "mime-version"}
_HEADERS |= {"content-type", "x-uniform-type-identifier", "x-mozilla-draft-info"}


def _message_id(
    sender: Mailbox,
    recipient: Mailbox,
    subject: str,
    day: date,
    body: str,
    attachments: tuple[Attachment, ...],
) -> str:
    """``<digest@domain>``: the same draft always has the same id (same input, same
    bytes), a different draft another one; the sender's domain where it is plain ASCII."""
    digest = hashlib.sha256()
    for piece in (sender.email, recipient.email, subject, day.isoformat(), body):
        digest.update(piece.encode("utf-8") + b"\0")
    for a in attachments:
        digest.update(hashlib.sha256(a.data).digest())
    domain = sender.email.rpartition("@")[2]
    if not (domain.isascii() and all(c.isalnum() or c in ".-" for c in domain)):
        domain = "contractkit.invalid"
    return f"<{digest.hexdigest()[:32]}@{domain}>"


class HeaderInjection(AssertionError):
    """The draft, read back by a mail parser, has a header or a value we did not write."""


def _squash(name: str) -> str:
    """A name without its spaces: Python's reader puts one between the encoded words a
    long name is folded into (mail programs do not), so spaces are not compared."""
    return "".join(name.split())


def _check(
    data: bytes,
    sender: Mailbox,
    recipient: Mailbox,
    subject: str,
    attachments: tuple[Attachment, ...],
) -> None:
    msg = message_from_bytes(data, _class=EmailMessage, policy=default)
    names = [k.lower() for k in msg.keys()]  # noqa: SIM118  (a Message is not a dict)
    extra = [n for n in names if n not in _HEADERS and n != "content-transfer-encoding"]
    wrong = [
        msg["Subject"] != subject,
        _squash(msg["To"].addresses[0].display_name) != _squash(recipient.name),
        _squash(msg["From"].addresses[0].display_name) != _squash(sender.name),
        [a["Content-Disposition"].params.get("filename") for a in msg.iter_attachments()]
        != [_one_line(a.filename) for a in attachments],
        any("\r" in str(v) or "\n" in str(v) for p in msg.walk() for v in p.values()),
    ]
    if extra or len(set(names)) != len(names) or any(wrong):
        raise HeaderInjection(f"the e-mail draft does not read back as written: {names}")
