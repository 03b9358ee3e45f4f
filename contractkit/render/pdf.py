"""Document → PDF with reportlab platypus.

Why: styles, flowables and the story are built separately (the PyInvoice split) so each
is small. Every piece of text becomes reportlab fragments directly (:mod:`pdftext`), each
run set in a font that has its glyphs: user text is never read as reportlab markup
(``<img src=...>`` would read local files) and no glyph is ever drawn as a box.
"""

from __future__ import annotations

import calendar
import io
import time
from datetime import date
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from contractkit import document as doc
from contractkit.errors import ContractkitError
from contractkit.render import caps, drawn_texts, fonts
from contractkit.render.pdffonts import number_glyphs, register
from contractkit.render.pdftext import fragments

INK = colors.HexColor("#1d2327")
MUTED = colors.HexColor("#5f6b73")
RULE = colors.HexColor("#c9d1d6")
SHADE = colors.HexColor("#eef2f4")


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles, built once per process."""
    register()
    base = ParagraphStyle(
        "body", fontName="DejaVuSans", fontSize=9.5, leading=13.5, textColor=INK, spaceAfter=5
    )

    def derive(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "numbered": derive(
            "numbered", leftIndent=10.5 * mm, bulletIndent=0, bulletFontName="DejaVuSans"
        ),
        "bullet": derive("bullet", leftIndent=14 * mm, bulletIndent=9 * mm, spaceAfter=2),
        "lead": derive("lead", spaceBefore=2, spaceAfter=6),
        "small": derive("small", fontSize=8, leading=10.5, textColor=MUTED),
        "subject": derive("subject", fontName="DejaVuSans-Bold", spaceBefore=4, spaceAfter=8),
        "signoff": derive("signoff", spaceBefore=6),
        "title": derive("title", fontName="DejaVuSans-Bold", fontSize=19, leading=24, spaceAfter=2),
        "subtitle": derive("subtitle", fontSize=12, leading=16, textColor=MUTED, spaceAfter=12),
        "heading": derive(
            "heading",
            fontName="DejaVuSans-Bold",
            fontSize=11,
            leading=15,
            spaceBefore=9,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "cell": derive("cell", fontSize=8.8, leading=11.5, spaceAfter=0),
        "cell_right": derive(
            "cell_right", fontSize=8.8, leading=11.5, spaceAfter=0, alignment=TA_RIGHT
        ),
        "cell_head": derive(
            "cell_head", fontName="DejaVuSans-Bold", fontSize=8.8, leading=11.5, spaceAfter=0
        ),
        "cell_head_right": derive(
            "cell_head_right",
            fontName="DejaVuSans-Bold",
            fontSize=8.8,
            leading=11.5,
            spaceAfter=0,
            alignment=TA_RIGHT,
        ),
        "role": derive("role", fontName="DejaVuSans-Bold", fontSize=8, leading=11, textColor=MUTED),
        # a letter's head: sender flush right, recipient flush left, date flush right
        "sender": derive(
            "sender",
            fontSize=8.5,
            leading=12,
            textColor=MUTED,
            alignment=TA_RIGHT,
            spaceAfter=12 * mm,
        ),
        "recipient": derive("recipient", spaceAfter=6 * mm),
        "date": derive("date", alignment=TA_RIGHT, spaceAfter=8 * mm),
    }


def para(text: str, style: str, **kw: Any) -> Paragraph:
    """A paragraph of plain text: fragments made directly, never parsed as markup (the
    escaped copy in ``text`` is only what reportlab shows in its own error messages)."""
    s = styles()[style]
    return Paragraph(escape(text), s, frags=fragments(text, s), **kw)


def _table(t: doc.Table, width: float) -> Table:
    ncols = len(t.header)
    rel = t.widths or (1.0,) * ncols
    col_widths = [width * w / sum(rel) for w in rel]

    def cell(text: str, col: int, head: bool) -> Paragraph:
        right = col in t.numeric
        name = ("cell_head" if head else "cell") + ("_right" if right else "")
        return para(text, name)

    data = [[cell(h, i, True) for i, h in enumerate(t.header)]]
    data += [[cell(v, i, False) for i, v in enumerate(row)] for row in t.rows]
    if t.total:
        data.append([cell(v, i, True) for i, v in enumerate(t.total)])
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    if t.total:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, INK))
    table = Table(data, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _parties(block: doc.Parties, width: float) -> Table:
    cols = [
        [para(caps(p.role), "role"), *(para(line, "cell") for line in p.lines)]
        for p in block.parties
    ]
    table = Table([cols], colWidths=[width / len(cols)] * len(cols), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _signatures(block: doc.Signatures, width: float) -> list[Flowable]:
    cols = []
    for p in block.parties:
        cols.append(
            [
                para(caps(p.role), "role"),
                Spacer(1, 10 * mm),
                _Rule(width / 2 - 12 * mm),
                para(block.signature_label, "small"),
                *(para(line, "cell") for line in p.lines),
                Spacer(1, 7 * mm),
                _Rule(width / 2 - 12 * mm),
                para(block.date_label, "small"),
            ]
        )
    table = Table([cols], colWidths=[width / 2] * 2, hAlign="LEFT")
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0)])
    )
    return [Spacer(1, 6 * mm), para(block.heading, "heading"), table]


class _Rule(Flowable):  # type: ignore[misc]
    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width
        self.height = 2

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 1, self.width, 1)


def build_story(d: doc.Document, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    if d.kind == "contract":
        story.append(para(d.title, "title"))
    if d.subtitle:
        story.append(para(d.subtitle, "subtitle"))
    for block in d.blocks:
        if isinstance(block, doc.Heading):
            story.append(CondPageBreak(30 * mm))
            text = block.label
            story.append(para(text, "heading"))
        elif isinstance(block, doc.Paragraph):
            if block.number:
                story.append(para(block.text, "numbered", bulletText=block.number))
            else:
                story.append(para(block.text, block.style))
        elif isinstance(block, doc.Bullets):
            story += [para(item, "bullet", bulletText="•") for item in block.items]
        elif isinstance(block, doc.Table):
            table = _table(block, width)
            if len(block.rows) <= 12:  # a short table stays whole, with the line introducing it
                story.append(KeepTogether([*_pop_lead_in(story), Spacer(1, 2 * mm), table]))
            else:
                story += [Spacer(1, 2 * mm), table]
            story.append(Spacer(1, 3 * mm))
        elif isinstance(block, doc.Parties):
            story.append(_parties(block, width))
        elif isinstance(block, doc.Signatures):
            # never a signature page on its own: the last lines of the text come along
            story.append(KeepTogether([*_pop_lead_in(story), *_signatures(block, width)]))
    return story


def _pop_lead_in(story: list[Flowable]) -> list[Flowable]:
    """Take the last paragraph off the story, to be kept with what follows it."""
    taken: list[Flowable] = []
    if story and isinstance(story[-1], Paragraph) and story[-1].style.name != "heading":
        taken.insert(0, story.pop())
        # a clause heading directly above comes along too, never left orphaned
        if story and isinstance(story[-1], Paragraph) and story[-1].style.name == "heading":
            taken.insert(0, story.pop())
    return taken


class _Stamp(TimeStamp):  # type: ignore[misc]
    """reportlab's timestamp pinned to the document's date: same input, same bytes."""

    def __init__(self, day: date) -> None:
        super().__init__(invariant=1)
        self.t = calendar.timegm(day.timetuple())
        self.lt = time.gmtime(self.t)
        self.YMDhms = tuple(self.lt)[:6]


def _canvas_class(d: doc.Document, glyphs: str) -> type[Canvas]:
    """A canvas that knows the page count, for the "Page X of Y" footer."""

    class FooterCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = _Stamp(d.created)
            number_glyphs(self._doc, [*drawn_texts(d), glyphs])
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            w, _ = self._pagesize
            if d.kind == "letter" and total == 1:
                return  # a one-page letter needs no footer
            self.setFont("DejaVuSans", 7.5)
            self.setFillColor(MUTED)
            label = d.page_label.format(page=self._pageNumber, pages=total)
            self.drawRightString(w - 20 * mm, 12 * mm, label)
            if d.kind == "letter":
                return
            room = w - 40 * mm - self.stringWidth(label, "DejaVuSans", 7.5) - 8 * mm
            _draw_fallback(self, 20 * mm, 12 * mm, _fit(self, d.full_title, room))

    return FooterCanvas


def _fit(canvas: Canvas, text: str, room: float) -> str:
    """``text`` cut (with an ellipsis) to ``room`` points wide in the footer's size."""
    text = " ".join(text.split())

    def width(t: str) -> float:
        return float(canvas.stringWidth(t, "DejaVuSans", 7.5))

    if width(text) <= room:
        return text
    while text and width(text + "…") > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _draw_fallback(canvas: Canvas, x: float, y: float, text: str) -> None:
    """drawString with per-character font fallback (the footer may hold user text)."""
    for idx, run in fonts.runs(text.replace("\n", " ")):
        name = fonts.CHAIN[idx].name
        canvas.setFont(name, 7.5)
        canvas.drawString(x, y, run)
        x += canvas.stringWidth(run, name, 7.5)


def render_pdf(d: doc.Document, glyphs: str = "") -> bytes:
    """``d`` as PDF; ``glyphs`` are further characters to give font codes to (see
    :func:`contractkit.render.package_glyphs`)."""
    register()
    buf = io.BytesIO()
    size = LETTER if d.page_size == "Letter" else A4
    template = SimpleDocTemplate(
        buf,
        pagesize=size,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=22 * mm,
        title=d.full_title,
        author=d.author,
        subject=d.subject,
        keywords=", ".join(d.keywords),
        creator="contractkit",
        producer="contractkit (reportlab)",
        lang=d.language,
        invariant=1,
    )
    try:
        template.build(build_story(d, template.width), canvasmaker=_canvas_class(d, glyphs))
    except LayoutError as e:  # a block taller than a page: too much text in one cell
        raise ContractkitError(
            f"some text is too long to fit on one page of the PDF; shorten it ({e})"[:300]
        ) from None
    return buf.getvalue()
