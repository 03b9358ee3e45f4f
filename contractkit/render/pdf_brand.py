"""The freelancer's logo and accent colour in a PDF (the DOCX twin: ``docx_brand``).

Why its own module: the brand comes from the profile, not from the document's text; the
same rules as in the DOCX (a logo at the head of the first page, at most 14 mm high and
50 mm wide, proportions kept; the title and clause headings in the accent colour) make
the two formats look alike.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image

from contractkit import document as doc

LOGO_HEIGHT = 14 * mm
LOGO_MAX_WIDTH = 50 * mm


def accented(style: ParagraphStyle, brand: doc.Branding) -> ParagraphStyle:
    """``style`` in the accent colour (itself, without one)."""
    if not brand.accent:
        return style
    return ParagraphStyle(style.name, parent=style, textColor=colors.HexColor(brand.accent))


def logo(brand: doc.Branding) -> Flowable | None:
    """The logo, right-aligned, scaled into its box; None without one."""
    if not brand.logo:
        return None
    width, height = ImageReader(io.BytesIO(brand.logo)).getSize()
    scale = min(LOGO_HEIGHT / height, LOGO_MAX_WIDTH / width)
    image = Image(io.BytesIO(brand.logo), width=width * scale, height=height * scale)
    image.hAlign = "RIGHT"
    image.spaceAfter = 3 * mm
    return image
