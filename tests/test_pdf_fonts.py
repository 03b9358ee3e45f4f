"""Fonts in the PDF: plain reportlab TrueType fonts, a subset per document, same bytes."""

from __future__ import annotations

import io
from typing import Any

from conftest import pdf_text, tiny_document

from contractkit.render.pdf import render_pdf


def letter(*texts: str) -> Any:
    return tiny_document(*texts, language="pl", kind="letter")


def font_files(pdf: bytes) -> dict[str, bytes]:
    """Each embedded font subset's name (without its subset prefix) → its bytes."""
    from pypdf import PdfReader

    out: dict[str, bytes] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        fonts: Any = resources["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            if "/FontDescriptor" not in font:  # reportlab's unused Helvetica default
                continue
            descriptor = font["/FontDescriptor"].get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            out[name] = descriptor["/FontFile2"].get_object().get_data()
    return out


def test_fonts_are_registered_as_plain_truetype_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from contractkit.render.fonts import CHAIN
    from contractkit.render.pdffonts import register

    register()
    for face in CHAIN:
        for name in (face.name, face.bold):
            assert type(pdfmetrics.getFont(name)) is TTFont


def test_output_does_not_depend_on_what_the_process_rendered_before() -> None:
    first = render_pdf(letter("Kraków — 100 zł"))
    render_pdf(letter("Gdańsk, ½ € and ₾ 5"))  # other characters, another subset
    assert render_pdf(letter("Kraków — 100 zł")) == first


def test_a_new_character_makes_a_new_subset_that_still_reads_back() -> None:
    plain = render_pdf(letter("Kraków"))
    more = render_pdf(letter("Kraków", "Győr"))
    assert font_files(plain) != font_files(more)
    assert "Győr" in pdf_text(more)


def test_a_character_only_the_fallback_face_has_embeds_that_face() -> None:
    without = render_pdf(letter("100 GEL"))
    with_lari = render_pdf(letter("100 ₾"))
    assert not any(name.startswith("NotoSans") for name in font_files(without))
    assert any(name.startswith("NotoSans") for name in font_files(with_lari))
    assert "100 ₾" in pdf_text(with_lari)
