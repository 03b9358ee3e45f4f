"""A real IMAP server for the tests: Dovecot from Debian, on localhost, with TLS.

Why a real server: IMAP servers differ in what they accept (folder names, flags, literal
messages), and the promise is that the draft lands in a real Drafts folder. The server gets
its own configuration, self-signed certificate (trusted by the tests through
``SSL_CERT_FILE``), password file and mail folder under a temporary directory.
"""

from __future__ import annotations

import datetime as dt
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

USER, PASSWORD = "asa@oberg-design.example", "correct horse battery staple"

_CONF = """\
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
auth_mechanisms = plain login
first_valid_uid = 1
first_valid_gid = 1
{users}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  mailbox Utkast {{
    special_use = \\Drafts
    auto = create
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps}
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass(frozen=True)
class Server:
    folder: Path
    imap_port: int  # STARTTLS
    imaps_port: int  # TLS from the first byte
    cert: Path


def dovecot() -> str | None:
    return shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _certificate(folder: Path) -> None:
    """A self-signed certificate for localhost (the ``cryptography`` package is locked)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def _accounts(folder: Path) -> tuple[str, int, int]:
    """Who Dovecot runs as and who owns the mail: as root, Debian's own ``dovecot`` user
    (Dovecot refuses mail access as root); otherwise the user running the tests."""
    if os.geteuid() == 0:
        owner = pwd.getpwnam("dovecot")
        shutil.chown(folder / "home", owner.pw_uid, owner.pw_gid)
        return "", owner.pw_uid, owner.pw_gid
    me = pwd.getpwuid(os.geteuid()).pw_name
    users = f"default_internal_user = {me}\ndefault_login_user = {me}"
    return users, os.geteuid(), os.getegid()


@contextmanager
def running() -> Iterator[Server]:
    """Start Dovecot in the foreground for the ``with`` block; stop it afterwards.

    Its folder is not under pytest's temporary folder: that one is private to the user
    running the tests (mode 0700), and Dovecot's own processes must read their files."""
    binary = dovecot()
    assert binary is not None
    folder = Path(tempfile.mkdtemp(prefix="contractkit-dovecot-"))
    folder.chmod(0o755)
    (folder / "home").mkdir(mode=0o777)
    _certificate(folder)
    (folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n", encoding="utf-8")
    users, uid, gid = _accounts(folder)
    imap, imaps = _free_port(), _free_port()
    conf = folder / "dovecot.conf"
    conf.write_text(
        _CONF.format(d=folder, users=users, uid=uid, gid=gid, imap=imap, imaps=imaps),
        encoding="utf-8",
    )
    proc = subprocess.Popen([binary, "-F", "-c", str(conf)], stderr=subprocess.PIPE)
    try:
        _wait_for(imaps, proc, folder)
        yield Server(folder, imap, imaps, folder / "cert.pem")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _wait_for(port: int, proc: subprocess.Popen[bytes], folder: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = folder / "dovecot.log"
            detail = log.read_text() if log.exists() else ""
            raise RuntimeError(f"dovecot stopped: {proc.stderr and proc.stderr.read()!r} {detail}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("dovecot did not start listening within 15 s")
