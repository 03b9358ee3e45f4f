"""``letter --imap-draft`` against a real IMAP server (Dovecot), and ``contractkit imap``.

The letter must land in the server's Drafts folder (found by its ``\\Drafts`` mark, here
named "Utkast"), flagged as a draft, byte for byte the ``.eml`` contractkit writes; the
password comes from the OS keyring or a prompt and never reaches a file.
"""

from __future__ import annotations

import email
import email.policy
import imaplib
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
import yaml
from click.testing import CliRunner
from conftest import require_in_ci
from imap_server import PASSWORD, USER, Server, dovecot, running
from keyring.backend import KeyringBackend
from keyring.errors import NoKeyringError, PasswordDeleteError

from contractkit.cli import main
from contractkit.job.profile import profile_path

pytestmark = pytest.mark.slow


class MemoryKeyring(KeyringBackend):
    """An OS keyring stand-in (the test machine has no Secret Service)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.saved.pop((service, username), None) is None:
            raise PasswordDeleteError("not kept")


class NoKeyring(MemoryKeyring):
    """A machine without any keyring: every call fails the way keyring's fallback does."""

    def get_password(self, service: str, username: str) -> str | None:
        raise NoKeyringError("no backend")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NoKeyringError("no backend")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    if dovecot() is None:
        require_in_ci("dovecot")
    with running() as s:
        yield s


@pytest.fixture
def vault(server: Server, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """Trust the server's certificate, and an empty in-memory keyring for each test."""
    monkeypatch.setenv("SSL_CERT_FILE", str(server.cert))
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


def cli(*args: str, typed: str = "") -> Any:
    return CliRunner().invoke(main, list(args), input=typed)


def setup_account(server: Server, *extra: str) -> None:
    result = cli(
        "imap", "setup", "--server", "localhost", "--user", USER,
        "--port", str(server.imaps_port), *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def drafts(server: Server, folder: str = "Utkast") -> list[tuple[Any, Any]]:
    """(flags, message) of every message in the folder, read over IMAP as a client would."""
    context = ssl.create_default_context(cafile=str(server.cert))
    with imaplib.IMAP4_SSL("localhost", server.imaps_port, ssl_context=context) as conn:
        conn.login(USER, PASSWORD)
        conn.select(folder, readonly=True)
        _, found = conn.search(None, "ALL")
        out = []
        for number in found[0].split():
            _, data = conn.fetch(number, "(FLAGS BODY.PEEK[])")
            head, body = data[0]  # type: ignore[misc]
            out.append((head, body))
        return out


def clear(server: Server, folder: str = "Utkast") -> None:
    context = ssl.create_default_context(cafile=str(server.cert))
    with imaplib.IMAP4_SSL("localhost", server.imaps_port, ssl_context=context) as conn:
        conn.login(USER, PASSWORD)
        _, count = conn.select(folder)
        if count[0] != b"0":
            conn.store("1:*", "+FLAGS", r"(\Deleted)")
            conn.expunge()


def test_a_letter_lands_in_the_drafts_folder_as_the_eml_contractkit_writes(
    server: Server, vault: MemoryKeyring, job_folder: Path, tmp_path: Path
) -> None:
    clear(server)
    setup_account(server)
    saved = yaml.safe_load(profile_path().read_text(encoding="utf-8"))
    assert saved["imap"] == {"server": "localhost", "user": USER, "port": server.imaps_port}

    # First use: the password is typed (hidden), then kept in the keyring on "y".
    out = tmp_path / "reminder.eml"
    args = ["letter", "payment-reminder", str(job_folder), "--invoice", "INV-7",
            "--amount", "3000", "--due", "2026-11-02", "--as-of", "2026-11-24"]  # fmt: skip
    result = cli(*args, "-o", str(out), "--imap-draft", typed=f"{PASSWORD}\ny\n")
    assert result.exit_code == 0, result.output
    assert "put the draft into 'Utkast' on localhost" in result.output
    kept_as = ("contractkit", f"imap://{USER}@localhost:{server.imaps_port}")
    assert vault.saved == {kept_as: PASSWORD}
    assert PASSWORD not in profile_path().read_text(encoding="utf-8")

    [(flags, stored)] = drafts(server)
    assert b"\\Draft" in flags
    assert stored == out.read_bytes()  # what the server keeps is exactly the .eml
    msg = email.message_from_bytes(stored, policy=email.policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["To"].addresses[0].addr_spec == "lukasz@wojcik.example"
    assert "INV-7" in msg.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]

    # Next time: the kept password, no prompt; no -o needed.
    again = cli(*args, "--imap-draft")
    assert again.exit_code == 0, again.output
    assert "password" not in again.output.lower()
    assert len(drafts(server)) == 2


def test_starttls_and_a_named_folder(
    server: Server, vault: MemoryKeyring, job_folder: Path
) -> None:
    clear(server, "INBOX")
    result = cli(
        "imap", "setup", "--server", "localhost", "--user", USER,
        "--port", str(server.imap_port), "--starttls", "--folder", "INBOX",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    checked = cli("imap", "check", typed=f"{PASSWORD}\nn\n")
    assert checked.exit_code == 0, checked.output
    assert "drafts go to 'INBOX'" in checked.output
    assert vault.saved == {}  # "n": not kept
    sent = cli("letter", "follow-up", str(job_folder), "--sent", "2026-11-10",
               "--as-of", "2026-11-24", "--imap-draft", typed=f"{PASSWORD}\nn\n")  # fmt: skip
    assert sent.exit_code == 0, sent.output
    assert len(drafts(server, "INBOX")) == 1


def test_a_wrong_password_is_refused_and_never_kept(
    server: Server, vault: MemoryKeyring, job_folder: Path
) -> None:
    setup_account(server)
    result = cli("imap", "check", typed="wrong\ny\n")
    assert result.exit_code == 2
    assert f"localhost refused the login for {USER}" in result.output
    assert "Traceback" not in result.output
    assert vault.saved == {}


def test_without_a_keyring_the_password_is_asked_each_time(
    server: Server, vault: MemoryKeyring, job_folder: Path
) -> None:
    setup_account(server)
    keyring.set_keyring(NoKeyring())
    result = cli("imap", "check", typed=f"{PASSWORD}\ny\n")
    assert result.exit_code == 0, result.output
    assert "this machine has no OS keyring: you will be asked again" in result.output


def test_an_untrusted_certificate_or_a_closed_port_is_a_clear_refusal(
    server: Server, vault: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    setup_account(server)
    vault.saved[("contractkit", f"imap://{USER}@localhost:{server.imaps_port}")] = PASSWORD
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "none.pem"))  # nothing trusted
    result = cli("imap", "check")
    assert result.exit_code == 2
    assert "the secure connection failed" in result.output
    assert "check imap.server, imap.port and imap.security" in result.output

    closed = cli("imap", "setup", "--server", "localhost", "--user", USER, "--port", "1")
    assert closed.exit_code == 0
    result = cli("imap", "check", typed=f"{PASSWORD}\n")
    assert result.exit_code == 2
    assert "cannot reach the IMAP server localhost:1" in result.output


def test_settings_are_checked_and_a_password_is_never_kept_in_the_profile(
    job_folder: Path,
) -> None:
    missing = cli("letter", "follow-up", str(job_folder), "--imap-draft")
    assert missing.exit_code == 2
    assert "no IMAP server in your profile: run `contractkit imap setup" in missing.output

    bad = cli("imap", "setup", "--server", "imap.example.com:993", "--user", "a")
    assert bad.exit_code == 2
    assert "--server" in bad.output and "is not a host name" in bad.output

    profile_path().parent.mkdir(parents=True, exist_ok=True)
    profile_path().write_text(
        "imap:\n  server: imap.example.com\n  user: a\n  password: hunter2\n", encoding="utf-8"
    )
    refused = cli("letter", "follow-up", str(job_folder), "--imap-draft")
    assert refused.exit_code == 2
    assert "a password is never kept in the profile" in refused.output

    wrong_suffix = cli("letter", "follow-up", str(job_folder), "--imap-draft", "-o", "x.pdf")
    assert wrong_suffix.exit_code == 2
    assert "--imap-draft makes an e-mail draft" in wrong_suffix.output
