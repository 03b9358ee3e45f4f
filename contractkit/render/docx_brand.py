"""The freelancer's logo and accent colour in a DOCX made from our template.

Why here and not in the template: the brand comes from the profile, not from the
document's text, and a user's own ``--template`` is their branding already (it is left
alone). The accent colours the title and clause headings through their styles, so Word
users who restyle keep one place to change it; the logo is an inline picture at the head
of the first page, at most 14 mm high and 50 mm wide, its proportions kept.
"""

from __future__ import annotations

import io
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, RGBColor

from contractkit import document as doc

LOGO_HEIGHT = Mm(14)
LOGO_MAX_WIDTH = Mm(50)
ACCENTED_STYLES = ("Title", "Heading 1")


def apply_brand(document: Any, brand: doc.Branding) -> None:
    if brand.accent:
        colour = RGBColor.from_string(brand.accent.lstrip("#"))
        names = {s.name for s in document.styles}
        for name in ACCENTED_STYLES:
            if name in names:
                document.styles[name].font.color.rgb = colour
    if brand.logo and document.paragraphs:
        head = document.paragraphs[0].insert_paragraph_before()
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        head.paragraph_format.space_after = Mm(3)
        shape = head.add_run().add_picture(io.BytesIO(brand.logo), height=LOGO_HEIGHT)
        if shape.width > LOGO_MAX_WIDTH:
            shape.height = int(shape.height * LOGO_MAX_WIDTH / shape.width)
            shape.width = LOGO_MAX_WIDTH
