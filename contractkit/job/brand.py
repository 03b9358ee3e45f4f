"""Your logo and accent colour, kept in the profile and applied to PDF and DOCX alike.

Why: a freelancer's documents carry their brand the way their invoices do. The logo is
copied into the config folder when it is set, so moving or editing the original never
changes a rebuild; it is checked once here (a PNG or JPEG, not too large, really an image
of that kind) so rendering never meets a bad file. The accent colour must stay readable on
white (WCAG contrast at least 3:1, the level for large text such as headings).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator

from contractkit.document import Branding
from contractkit.job.values import StrictModel, fail

MAX_LOGO_BYTES = 2 * 1024 * 1024
_SIGNATURES: dict[bytes, Literal["png", "jpeg"]] = {
    b"\x89PNG\r\n\x1a\n": "png",
    b"\xff\xd8\xff": "jpeg",
}


class Brand(StrictModel):
    logo: str | None = Field(None, description="Your logo, a PNG or JPEG file")
    accent: str | None = Field(
        None, description="Accent colour for titles and headings, as #RRGGBB (e.g. #1F5FAD)"
    )

    @field_validator("accent")
    @classmethod
    def _accent(cls, v: str | None) -> str | None:
        if v is None:
            return v
        if not re.fullmatch(r"#?[0-9A-Fa-f]{6}", v):
            raise fail("accent", "'{v}' is not a colour like #1F5FAD", v=v)
        v = "#" + v.lstrip("#").upper()
        ratio = contrast_on_white(v)
        if ratio < 3:
            raise fail(
                "accent",
                "{v} is too light to read on white (contrast {r}:1, at least 3:1 needed); "
                "choose a darker shade",
                v=v,
                r=f"{ratio:.1f}",
            )
        return v

    @field_validator("logo")
    @classmethod
    def _logo(cls, v: str | None) -> str | None:
        if v is not None:
            why = logo_problem(Path(v).expanduser())
            if why:
                raise fail("logo", "{v}: {why}", v=v, why=why)
        return v


def logo_problem(path: Path) -> str | None:
    """Why the file cannot be a logo, or None."""
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            return f"{size // 1024} KB is too large for a logo (at most 2 MB)"
        head = path.read_bytes()[:8]
    except OSError as e:
        return f"cannot read it ({e.strerror or e})"
    if not any(head.startswith(sig) for sig in _SIGNATURES):
        return "not a PNG or JPEG image"
    return None


def logo_kind(data: bytes) -> Literal["png", "jpeg"]:
    return next(k for sig, k in _SIGNATURES.items() if data.startswith(sig))


def contrast_on_white(colour: str) -> float:
    """WCAG 2 contrast ratio of ``#RRGGBB`` against white."""

    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else float(((s + 0.055) / 1.055) ** 2.4)

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return 1.05 / (luminance + 0.05)


def branding(section: Any) -> Branding:
    """The profile's ``brand`` section as the renderers take it (empty: no brand)."""
    if not section:
        return Branding()
    brand = Brand.model_validate(section)
    if not brand.logo:
        return Branding(accent=brand.accent)
    data = Path(brand.logo).expanduser().read_bytes()
    return Branding(logo=data, logo_kind=logo_kind(data), accent=brand.accent)
