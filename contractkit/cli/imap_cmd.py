"""`contractkit imap`: set up, check and forget the mailbox that receives letter drafts."""

from __future__ import annotations

from typing import Any

import click

_EXAMPLES = """\b
Examples:
  contractkit imap setup --server imap.fastmail.com --user asa@oberg-design.example
  contractkit imap setup --server mail.example.com --user asa --starttls --folder Drafts
  contractkit imap check        log in once, keep the password in your OS keyring
  contractkit imap forget       remove the kept password
  contractkit letter payment-reminder "acme" --imap-draft
"""


@click.group(epilog=_EXAMPLES)
def imap() -> None:
    """Put letters straight into your mail program's Drafts folder (over IMAP).

    Server, user and folder are kept in your profile; the password never is: it is
    asked when needed and, if you agree, kept in your OS keyring (macOS Keychain,
    Windows Credential Locker, GNOME Keyring / KWallet).
    """


@imap.command()
@click.option("--server", required=True, metavar="HOST", help="IMAP server, e.g. imap.gmail.com.")
@click.option("--user", required=True, help="Login name, usually your e-mail address.")
@click.option("--port", type=int, help="Port. Default: 993 (or 143 with --starttls).")
@click.option("--starttls", is_flag=True, help="Connect on port 143 and switch to TLS.")
@click.option("--folder", help="Drafts folder. Default: the one the server marks as Drafts.")
def setup(server: str, user: str, port: int | None, starttls: bool, folder: str | None) -> None:
    """Save your IMAP server, user and drafts folder in your profile.

    \b
    Example:
      contractkit imap setup --server imap.fastmail.com --user asa@oberg-design.example
    """
    from pydantic import ValidationError

    from contractkit.job.mailbox import ImapSettings
    from contractkit.job.profile import load_profile, save_profile

    section: dict[str, Any] = {"server": server, "user": user}
    if port is not None:
        section["port"] = port
    if starttls:
        section["security"] = "starttls"
    if folder:
        section["folder"] = folder
    try:
        ImapSettings.model_validate(section)
    except ValidationError as e:
        first = e.errors()[0]
        flag = f"--{first['loc'][0]}" if first["loc"] else None
        raise click.BadParameter(str(first["msg"]), param_hint=flag) from None
    data = load_profile()
    data["imap"] = section
    path = save_profile(data)
    click.echo(f"saved the IMAP settings in {path}")
    click.echo("next: `contractkit imap check` logs in once and offers to keep the password")


@imap.command()
def check() -> None:
    """Log in, find the drafts folder and (if you agree) keep the password.

    \b
    Example:
      contractkit imap check
    """
    from contractkit.app.imap import check_login, imap_settings

    account = imap_settings()
    folder = with_password(account, lambda pw: check_login(account, pw))
    click.echo(f"logged in to {account.server} as {account.user}; drafts go to {folder!r}")


@imap.command()
def forget() -> None:
    """Remove the IMAP password kept in your OS keyring.

    \b
    Example:
      contractkit imap forget
    """
    from contractkit.app.imap import forget_password, imap_settings

    account = imap_settings()
    if forget_password(account):
        click.echo(f"removed the password for {account.user} on {account.server}")
    else:
        click.echo("no password was kept for this account")


def with_password(account: Any, action: Any) -> Any:
    """Run ``action(password)`` with the kept password, or one typed now (then offer to
    keep it in the OS keyring, once it has worked)."""
    from contractkit.app.imap import keep_password, stored_password

    password = stored_password(account)
    if password is not None:
        return action(password)
    password = click.prompt(
        f"IMAP password for {account.user} on {account.server}", hide_input=True, err=True
    )
    result = action(password)
    if click.confirm("Keep it in your OS keyring for next time?", default=True, err=True):
        if keep_password(account, password):
            click.echo("kept in your OS keyring (`contractkit imap forget` removes it)", err=True)
        else:
            click.echo("this machine has no OS keyring: you will be asked again", err=True)
    return result
