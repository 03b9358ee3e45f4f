"""User text → reportlab markup: escaped, fallback faces tagged, read back as typed."""

from __future__ import annotations

import time

import pytest
from conftest import pdf_text, tiny_document

from contractkit.render.pdf import render_pdf, styles
from contractkit.render.pdftext import markup, paragraph

HOSTILE = [
    '<img src="/etc/passwd"/> &amp; <b>bold</b>',
    "<para>x</para> <font face='Courier'>y</font> <br/> &lt; &#60; &nbsp;",
    "a < b > c & d; 5 > 3 && 2 < 4",
    '<a href="file:///etc/passwd">link</a> <onDraw name="x"/> <seq/>',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_in_user_text_stays_text_in_the_pdf(text: str) -> None:
    out = pdf_text(render_pdf(tiny_document(text)))
    assert " ".join(text.split()) in out


def test_markup_escapes_and_tags_only_the_fallback_runs() -> None:
    assert markup("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert markup("1\n2") == "1<br/>2"
    assert markup("Fee: ₾ 5") == 'Fee: <font face="NotoSansCurrency">₾</font> 5'
    assert markup("₾", bold=True) == '<font face="NotoSansCurrency-Bold">₾</font>'


def test_a_bold_paragraph_takes_the_bold_fallback_face() -> None:
    para = paragraph("Fee ₾", styles()["heading"])
    assert {frag.fontName for frag in para.frags} == {"DejaVuSans-Bold", "NotoSansCurrency-Bold"}


def test_line_breaks_and_fallback_characters_read_back() -> None:
    out = pdf_text(render_pdf(tiny_document("first line\nsecond line", "ლარი: ₾ 100 & more")))
    assert "first line\nsecond line" in out
    assert "ლარი: ₾ 100 & more" in out


def test_markup_is_linear_in_the_length_of_the_text() -> None:
    unit = "Zażółć <gęślą> & jaźń ₾ 5.\n"
    small, large = unit * 2_000, unit * 40_000
    start = time.perf_counter()
    markup(small)
    t_small = time.perf_counter() - start
    start = time.perf_counter()
    out = markup(large)
    t_large = time.perf_counter() - start
    assert out.count("<br/>") == 40_000
    assert t_large < max(t_small, 0.001) * 20 * 4  # 20 times the text; generous slack
