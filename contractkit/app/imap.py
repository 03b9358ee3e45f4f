"""Put an e-mail draft straight into the user's Drafts folder over IMAP.

Why: a freelancer sends letters from their own mail program, where replies arrive and
sent mail is kept. An ``.eml`` file has to be opened and re-saved by hand; an IMAP
``APPEND`` with the ``\\Draft`` flag makes the letter appear among their drafts, ready to
read once more and send. Only encrypted connections are used (TLS, or STARTTLS), checked
against the system's certificate store. The password comes from the OS keyring (the
``keyring`` library: macOS Keychain, Windows Credential Locker, Secret Service) or is typed;
it is never written to a file.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import ssl
import time
from typing import Any

from contractkit.errors import ContractkitError
from contractkit.job.mailbox import ImapSettings
from contractkit.job.profile import ProfileError, load_profile

KEYRING_SERVICE = "contractkit"
TIMEOUT = 30  # seconds: a server that does not answer is reported, not waited for


class ImapError(ContractkitError):
    """The IMAP server cannot be reached, refuses the login, or refuses the draft."""


def imap_settings() -> ImapSettings:
    """The profile's ``imap`` section, or a message saying how to set it."""
    section = load_profile().get("imap")
    if not section:
        raise ProfileError(
            "no IMAP server in your profile: run "
            "`contractkit imap setup --server imap.example.com --user you@example.com`"
        )
    return ImapSettings.model_validate(section)


def stored_password(account: ImapSettings) -> str | None:
    """The password kept in the OS keyring, or None (none kept, or no keyring here)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, account.keyring_user)
    except KeyringError:
        return None


def keep_password(account: ImapSettings, password: str) -> bool:
    """Keep the password in the OS keyring; False when this machine has no keyring."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, account.keyring_user, password)
    except KeyringError:
        return False
    return True


def forget_password(account: ImapSettings) -> bool:
    """Remove the kept password; False when none was kept."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, account.keyring_user)
    except (PasswordDeleteError, KeyringError):
        return False
    return True


def _connect(account: ImapSettings) -> imaplib.IMAP4:
    host, port = account.address
    context = ssl.create_default_context()
    try:
        if account.security == "ssl":
            return imaplib.IMAP4_SSL(host, port, ssl_context=context, timeout=TIMEOUT)
        conn = imaplib.IMAP4(host, port, timeout=TIMEOUT)
        conn.starttls(ssl_context=context)
        return conn
    except ssl.SSLError as e:
        raise ImapError(
            f"{host}:{port}: the secure connection failed ({e.reason or e}); check imap.server, "
            f"imap.port and imap.security (ssl on 993, starttls on 143)"
        ) from None
    except (OSError, imaplib.IMAP4.error) as e:
        raise ImapError(
            f"cannot reach the IMAP server {host}:{port} ({e}); check imap.server and "
            "imap.port in your profile, and your connection"
        ) from None


def _login(conn: imaplib.IMAP4, account: ImapSettings, password: str) -> None:
    try:
        conn.login(account.user, password)
    except imaplib.IMAP4.error:
        raise ImapError(
            f"{account.server} refused the login for {account.user}: check imap.user, "
            "and the password (`contractkit imap forget` removes a kept one; many providers "
            "want an app password here)"
        ) from None


_LIST_LINE = re.compile(rb'\((?P<flags>[^)]*)\) (?:"[^"]*"|NIL) (?P<name>.+)$')


def drafts_folder(conn: imaplib.IMAP4, account: ImapSettings) -> str:
    """The folder named in the profile, else the one the server marks ``\\Drafts``
    (RFC 6154), else ``Drafts``."""
    if account.folder:
        return account.folder
    status, lines = conn.list()
    for line in lines if status == "OK" else []:
        match = _LIST_LINE.match(line) if isinstance(line, bytes) else None
        if match and b"\\drafts" in match["flags"].lower():
            name = match["name"].decode("utf-8", "replace")
            return name[1:-1] if name.startswith('"') else name
    return "Drafts"


def _quoted(folder: str) -> str:
    """A folder name as an IMAP astring (imaplib sends arguments as given)."""
    if re.fullmatch(r"[A-Za-z0-9._/-]+", folder):
        return folder
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def put_draft(account: ImapSettings, password: str, message: bytes) -> str:
    """Append ``message`` (an RFC 5322 message) to the drafts folder; its name."""
    conn = _connect(account)
    try:
        _login(conn, account, password)
        folder = drafts_folder(conn, account)
        status, data = conn.append(
            _quoted(folder), r"(\Draft \Seen)", imaplib.Time2Internaldate(time.time()), message
        )
        if status != "OK":
            raise ImapError(f"{account.server} refused the draft in {folder!r}: {_said(data)}")
        return folder
    except (OSError, imaplib.IMAP4.error) as e:
        raise ImapError(f"{account.server}: the connection failed while saving ({e})") from None
    finally:
        _logout(conn)


def check_login(account: ImapSettings, password: str) -> str:
    """Log in and find the drafts folder, without writing anything; its name."""
    conn = _connect(account)
    try:
        _login(conn, account, password)
        folder = drafts_folder(conn, account)
        status, data = conn.select(_quoted(folder), readonly=True)
        if status != "OK":
            raise ImapError(
                f"{account.server} has no folder {folder!r} ({_said(data)}): set imap.folder "
                "with `contractkit imap setup --folder NAME`"
            )
        return folder
    finally:
        _logout(conn)


def _said(data: Any) -> str:
    parts = [d.decode("utf-8", "replace") if isinstance(d, bytes) else str(d) for d in data or []]
    return " ".join(parts) or "no reason given"


def _logout(conn: imaplib.IMAP4) -> None:
    # The draft is saved or the error already reported: a failed goodbye is neither.
    with contextlib.suppress(OSError, imaplib.IMAP4.error):
        conn.logout()
