"""Where ``letter --imap-draft`` puts drafts: the IMAP settings kept in the profile.

Why here: the profile (``job/profile.py``) validates every section it holds, and these
settings are read by the profile, ``contractkit imap`` and ``letter --imap-draft`` alike.
The password is never one of them: it lives in the OS keyring or is typed when asked.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from contractkit.job.values import StrictModel, fail

DEFAULT_PORTS = {"ssl": 993, "starttls": 143}


class ImapSettings(StrictModel):
    server: str = Field(description="Your mail provider's IMAP server, e.g. imap.fastmail.com")
    user: str = Field(description="The user name you log in with, usually your e-mail address")
    port: int | None = Field(None, description="The port (default: 993, or 143 with starttls)")
    security: Literal["ssl", "starttls"] = Field(
        "ssl", description="ssl (port 993) or starttls (port 143); never unencrypted"
    )
    folder: str | None = Field(
        None, description="The drafts folder (default: the one the server marks as Drafts)"
    )

    @model_validator(mode="before")
    @classmethod
    def _no_password(cls, data: Any) -> Any:
        if isinstance(data, dict) and "password" in data:
            raise fail(
                "password",
                "a password is never kept in the profile: remove it; contractkit asks for it "
                "and can keep it in your OS keyring",
            )
        return data

    @field_validator("server")
    @classmethod
    def _host(cls, v: str) -> str:
        if not v or any(c.isspace() or c in "/:@" for c in v):
            raise fail("server", "'{v}' is not a host name like imap.example.com", v=v)
        return v.lower()

    @field_validator("port")
    @classmethod
    def _port(cls, v: int | None) -> int | None:
        if v is not None and not 0 < v < 65536:
            raise fail("port", "must be a port number between 1 and 65535, got {v}", v=v)
        return v

    @property
    def address(self) -> tuple[str, int]:
        return self.server, self.port or DEFAULT_PORTS[self.security]

    @property
    def keyring_user(self) -> str:
        """The name the password is kept under in the OS keyring (service ``contractkit``)."""
        host, port = self.address
        return f"imap://{self.user}@{host}:{port}"
