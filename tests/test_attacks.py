"""Issue 17: attacks on the landed code, each refused with a clear message or handled."""

from __future__ import annotations

import email
from datetime import date
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contractkit.cli import main
from contractkit.render.eml import Attachment, Mailbox, render_eml

INJECT = "=?utf-8?q?x=0D=0ABcc:_spy@attacker.example?="
HEADERS = {"from", "to", "subject", "date", "x-unsent", "mime-version", "content-type"}


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def parsed(data: bytes) -> EmailMessage:
    msg = email.message_from_bytes(data, _class=EmailMessage, policy=policy.default)
    return msg


def no_injected_header(msg: EmailMessage) -> None:
    for part in msg.walk():
        for key, value in part.items():
            assert key.lower() in HEADERS | {"content-transfer-encoding", "content-disposition"}
            assert "\r" not in str(value) and "\n" not in str(value)
    assert "Bcc" not in msg


def test_eml_encoded_words_in_every_header_stay_text(write_job: Any, tmp_path: Path) -> None:
    job = write_job(**{"project.title": f"Website {INJECT}", "client.name": f"Bob {INJECT}"})
    attach = tmp_path / f"{INJECT}.pdf"
    attach.write_bytes(b"%PDF-1.4")
    out = tmp_path / "a.eml"
    result = run(
        "letter", "overdue-30", str(job), "--invoice", f"I-{INJECT}", "--amount", "100",
        "--due", "2027-01-01", "--as-of", "2027-02-10", "-o", str(out), "--attach", str(attach),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    msg = parsed(out.read_bytes())
    no_injected_header(msg)
    assert msg["Subject"] == f"Invoice I-{INJECT}: 40 days overdue"
    assert "".join(msg["To"].addresses[0].display_name.split()) == f"Bob{INJECT}"
    assert [a.get_filename() for a in msg.iter_attachments()][1] == f"{INJECT}.pdf"


_PIECES = ["=?", "?=", "=0D=0A", "utf-8?q?", "?b?", "\r\n", "Bcc: x@y.z", '"', "\\", " "]
_HEADER_TEXT = (
    st.lists(
        st.one_of(
            st.sampled_from(_PIECES),
            st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=5),
        ),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(lambda s: s.strip() != "")
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=_HEADER_TEXT, subject=_HEADER_TEXT, filename=_HEADER_TEXT)
def test_eml_headers_read_back_as_written(name: str, subject: str, filename: str) -> None:
    data = render_eml(
        sender=Mailbox("Åsa Öberg", "asa@example.se"),
        recipient=Mailbox(name, "bob@example.com"),
        subject=subject,
        day=date(2027, 1, 1),
        body="Hello",
        attachments=(Attachment(filename, b"%PDF"),),
    )
    msg = parsed(data)
    no_injected_header(msg)
    assert msg["Subject"] == " ".join(subject.split())
    assert [a.get_filename() for a in msg.iter_attachments()] == [" ".join(filename.split())]
    shown = msg["To"].addresses[0].display_name
    assert "".join(shown.split()) == "".join(name.split())


def test_eml_plain_headers_are_written_as_they_are() -> None:
    data = render_eml(
        sender=Mailbox("Ann Lee", "ann@example.com"),
        recipient=Mailbox("Bob", "bob@example.com"),
        subject="Website redesign: a quick question",
        day=date(2027, 1, 1),
        body="Hello",
    )
    assert b"\r\nSubject: Website redesign: a quick question\r\n" in data
    assert data.startswith(b"From: Ann Lee <ann@example.com>\r\nTo: Bob <bob@example.com>\r\n")
