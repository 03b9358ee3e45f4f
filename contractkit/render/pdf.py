"""Document → PDF with reportlab platypus.

Why: styles, flowables and the story are built separately (the PyInvoice split) so each
is small. Every piece of text is escaped into reportlab's paragraph markup
(:mod:`pdftext`), each run set in a font that has its glyphs: user text never acts as
markup (``<img src=...>`` would read local files) and no glyph is ever drawn as a box.
The running footer ("Page 2 of 5") is drawn once the page count is known, into a form
each page already refers to; reportlab's public canvas API throughout.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
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
from contractkit.render import caps, fonts
from contractkit.render.pdffonts import register
from contractkit.render.pdftext import paragraph, pieces

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
    """A paragraph of plain text (never read as markup) in one of :func:`styles`."""
    return paragraph(text, styles()[style], **kw)


def _long(text: str, style: str, **kw: Any) -> list[Flowable]:
    """A paragraph, laid out in pieces when it is long (see :data:`pdftext.PIECE`): the
    pieces join without space between them, and only the first carries the number."""
    parts = pieces(text)
    if len(parts) == 1:
        return [para(text, style, **kw)]
    whole = styles()[style]
    out: list[Flowable] = []
    for i, part in enumerate(parts):
        above = whole.spaceBefore if i == 0 else 0
        below = whole.spaceAfter if i == len(parts) - 1 else 0
        look = ParagraphStyle(whole.name, parent=whole, spaceBefore=above, spaceAfter=below)
        out.append(paragraph(part.removesuffix("\n"), look, **(kw if i == 0 else {})))
    return out


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
                story += _long(block.text, "numbered", bulletText=block.number)
            else:
                story += _long(block.text, block.style)
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


FOOTER_FONT, FOOTER_SIZE = "DejaVuSans", 7.5


def _canvas_class(d: doc.Document) -> type[Canvas]:
    """A canvas that dates the file by the document and draws the "Page X of Y" footer.

    Each page refers to a form of its own (``doForm``, which reportlab lets a page use
    before the form is drawn); at ``save`` the page count is known and each form is drawn.
    """

    class FooterCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # the file's creation date is the document's own: same input, same bytes
            stamp = f"D:{d.created:%Y%m%d}000000+00'00'"
            self.setDateFormatter(lambda *_: stamp)
            self.page_count = 0

        def showPage(self) -> None:
            self.page_count += 1
            self.doForm(_footer_form(self.page_count))
            super().showPage()

        def save(self) -> None:
            for page in range(1, self.page_count + 1):
                self.beginForm(_footer_form(page))
                _footer(self, d, page, self.page_count)
                self.endForm()
            super().save()

    return FooterCanvas


def _page_size(d: doc.Document) -> tuple[float, float]:
    size: tuple[float, float] = LETTER if d.page_size == "Letter" else A4
    return size


def _footer_form(page: int) -> str:
    return f"ck-footer-{page}"


def _footer(canvas: Canvas, d: doc.Document, page: int, total: int) -> None:
    """The running footer of one page: the title on the left, "Page X of Y" on the right."""
    if d.kind == "letter" and total == 1:
        return  # a one-page letter needs no footer
    w, _ = _page_size(d)
    canvas.setFont(FOOTER_FONT, FOOTER_SIZE)
    canvas.setFillColor(MUTED)
    label = d.page_label.format(page=page, pages=total)
    canvas.drawRightString(w - 20 * mm, 12 * mm, label)
    if d.kind == "letter":
        return
    room = w - 40 * mm - canvas.stringWidth(label, FOOTER_FONT, FOOTER_SIZE) - 8 * mm
    _draw_fallback(canvas, 20 * mm, 12 * mm, _fit(canvas, d.full_title, room))


def _fit(canvas: Canvas, text: str, room: float) -> str:
    """``text`` cut (with an ellipsis) to ``room`` points wide in the footer's size."""
    text = " ".join(text.split())

    def width(t: str) -> float:
        return float(canvas.stringWidth(t, FOOTER_FONT, FOOTER_SIZE))

    if width(text) <= room:
        return text
    while text and width(text + "…") > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _draw_fallback(canvas: Canvas, x: float, y: float, text: str) -> None:
    """drawString with per-character font fallback (the footer may hold user text)."""
    for idx, run in fonts.runs(text.replace("\n", " ")):
        name = fonts.CHAIN[idx].name
        canvas.setFont(name, FOOTER_SIZE)
        canvas.drawString(x, y, run)
        x += canvas.stringWidth(run, name, FOOTER_SIZE)


def render_pdf(d: doc.Document) -> bytes:
    """``d`` as PDF: the same document gives the same bytes."""
    d = d.plain()  # references as plain numbers
    register()
    buf = io.BytesIO()
    size = _page_size(d)
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
        template.build(build_story(d, template.width), canvasmaker=_canvas_class(d))
    except LayoutError:  # a block taller than a page: too much text in one cell
        raise ContractkitError(
            "some text is too tall to fit on one page of the PDF (a name, an address or a "
            "milestone in a table cell); shorten it"
        ) from None
    return buf.getvalue()
