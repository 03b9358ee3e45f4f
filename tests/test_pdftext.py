"""Paragraph fragments made without reportlab's parser match what its parser makes."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from contractkit.render import fonts
from contractkit.render.pdf import styles
from contractkit.render.pdftext import fragments


def parsed(text: str, style: Any) -> list[dict[str, Any]]:
    """What reportlab's own parser makes of the text, escaped and font-tagged."""
    bold = style.fontName.endswith("Bold")
    markup = "".join(
        escape(run).replace("\n", "<br/>")
        if idx == 0
        else f'<font face="{fonts.CHAIN[idx].bold if bold else fonts.CHAIN[idx].name}">'
        f"{escape(run).replace(chr(10), '<br/>')}</font>"
        for idx, run in fonts.runs(text)
    )
    _, frags, _ = ParaParser().parse(cleanBlockQuotedText(markup), style)
    return merged(frags)


def merged(frags: list[Any]) -> list[dict[str, Any]]:
    """Neighbouring fragments that differ only in text, as one (the parser splits its
    text at every entity such as &amp;; the drawn result is the same)."""
    out: list[dict[str, Any]] = []
    for frag in frags:
        d = dict(frag.__dict__)
        same_style = out and {k: v for k, v in d.items() if k != "text"} == {
            k: v for k, v in out[-1].items() if k != "text"
        }
        if same_style and not d.get("lineBreak"):
            out[-1]["text"] += d["text"]
        else:
            out.append(d)
    return out


PIECES = st.sampled_from(
    ["a", "Zb", " ", "  ", "\n", "\t", "\xa0", "\u200b", "\u2009", "₾", "&", "<", "ł", "€", "ბ"]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=10).map("".join), st.sampled_from(["body", "heading", "cell"]))
def test_fragments_match_the_parser(text: str, style_name: str) -> None:
    style = styles()[style_name]
    assert merged(fragments(text, style)) == parsed(text, style)


def test_markup_in_user_text_stays_text() -> None:
    style = styles()["body"]
    text = '<img src="/etc/passwd"/> &amp; <b>bold</b>'
    (frag,) = fragments(text, style)
    assert frag.text == text
    assert frag.fontName == "DejaVuSans"
