"""Font subsets in the PDF: numbered by code point, made once, never order-dependent."""

from __future__ import annotations

import io
from typing import Any

from conftest import pdf_text, tiny_document

from contractkit.render.pdf import render_pdf


def letter(*texts: str) -> Any:
    return tiny_document(*texts, language="pl", kind="letter")


def font_files(pdf: bytes) -> dict[str, bytes]:
    """Each embedded font subset's name (without its random-looking prefix) → its bytes."""
    from pypdf import PdfReader

    out: dict[str, bytes] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts: Any = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            if "/FontDescriptor" not in font:  # reportlab's unused Helvetica default
                continue
            descriptor = font["/FontDescriptor"].get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            out[name] = descriptor["/FontFile2"].get_object().get_data()
    return out


def test_same_characters_in_another_order_give_the_same_subset() -> None:
    a = render_pdf(letter("Zażółć gęślą jaźń.", "Łódź"))
    b = render_pdf(letter("Łódź", "jaźń gęślą Zażółć."))
    assert font_files(a) == font_files(b)
    assert "Zażółć gęślą jaźń." in pdf_text(a)
    assert "jaźń gęślą Zażółć." in pdf_text(b)


def test_output_does_not_depend_on_what_the_process_rendered_before() -> None:
    first = render_pdf(letter("Kraków — 100 zł"))
    render_pdf(letter("Gdańsk, ½ € and ₾ 5"))  # other characters, another subset
    assert render_pdf(letter("Kraków — 100 zł")) == first


def test_a_new_character_makes_a_new_subset_that_still_reads_back() -> None:
    plain = render_pdf(letter("Kraków"))
    more = render_pdf(letter("Kraków", "Győr"))
    assert font_files(plain) != font_files(more)
    assert "Győr" in pdf_text(more)


def test_every_pdf_of_a_package_shares_one_subset(write_job: Any, tmp_path: Any) -> None:
    """The contract and its letters carry the same font subsets (made once per build),
    even when the contract's footer shortens a long title with an ellipsis."""
    from click.testing import CliRunner

    from contractkit.cli import main

    out = tmp_path / "o"
    job = write_job(**{"project.title": "A very long project title " * 8})
    result = CliRunner().invoke(main, ["build", str(job), "-o", str(out), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    subsets = {
        name: data
        for pdf in sorted(out.rglob("*.pdf"))
        for name, data in font_files(pdf.read_bytes()).items()
    }
    per_pdf = [font_files(pdf.read_bytes()) for pdf in sorted(out.rglob("*.pdf"))]
    assert len(per_pdf) == 12
    for fonts in per_pdf:
        for name, data in fonts.items():
            assert data == subsets[name], name
