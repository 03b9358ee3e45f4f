"""Document → PDF with reportlab platypus.

Why: styles, flowables and the story are built separately (the PyInvoice split) so each
is small. Every piece of text is escaped into reportlab's paragraph markup
(:mod:`pdftext`), each run set in a font that has its glyphs: user text never acts as
markup (``<img src=...>`` would read local files) and no glyph is ever drawn as a box.
Paragraphs never leave a lone line at a page's foot or head; each clause heading is an
entry of the file's outline; e-mail addresses are links. The page around the story (the
footer, the metadata) is :mod:`pdf_page`; a contract's signature and date lines record
where they were drawn, and :mod:`pdf_fields` puts form fields exactly there.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
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
from contractkit.render.pdf_brand import accented, logo
from contractkit.render.pdf_meta import CREATOR, PRODUCER
from contractkit.render.pdf_page import MUTED, canvas_class, page_size
from contractkit.render.pdffonts import register
from contractkit.render.pdftext import markup, paragraph, pieces

INK = colors.HexColor("#1d2327")
RULE = colors.HexColor("#c9d1d6")
SHADE = colors.HexColor("#eef2f4")


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles, built once per process."""
    register()
    # allow*=0: no paragraph leaves a single line alone at the foot or head of a page
    look = {"fontName": "DejaVuSans", "bulletFontName": "DejaVuSans", "fontSize": 9.5}
    look |= {"leading": 13.5, "spaceAfter": 5}
    base = ParagraphStyle("body", textColor=INK, allowWidows=0, allowOrphans=0, **look)

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


# Every cell holds paragraphs; naming the font anyway keeps reportlab from setting (and so
# listing) its default Helvetica for each cell.
CELLS = (("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"))


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
        *CELLS,
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
                *CELLS,
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _signatures(block: doc.Signatures, width: float, spots: Spots) -> list[Flowable]:
    """The parties side by side, row by row: each party's lines share one row, so the
    date lines below stay level however many lines (company, capacity) a party has."""
    n = len(block.parties)
    line = width / n - 12 * mm

    def each(make: Callable[[int, doc.Party], Any]) -> list[Any]:
        return [make(i, p) for i, p in enumerate(block.parties)]

    rows = [
        each(lambda i, p: para(caps(p.role), "role")),
        each(lambda i, p: _Rule(line, spots, f"signature-{i}")),
        each(lambda i, p: para(block.signature_label, "small")),
        each(lambda i, p: [para(text, "cell") for text in p.lines]),
        each(lambda i, p: _Rule(line, spots, f"date-{i}")),
        each(lambda i, p: para(block.date_label, "small")),
    ]
    table = Table(rows, colWidths=[width / n] * n, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                *CELLS,
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 1), (-1, 1), 10 * mm),  # room to sign above the line
                ("TOPPADDING", (0, 4), (-1, 4), 7 * mm),  # room to write the date
            ]
        )
    )
    return [Spacer(1, 6 * mm), para(block.heading, "heading"), table]


@dataclass(frozen=True)
class Spot:
    """Where a signature or date line was drawn: page (from 1), left end and width, in
    points from the page's lower left corner."""

    page: int
    x: float
    y: float
    width: float


Spots = dict[str, Spot]


class _Rule(Flowable):  # type: ignore[misc]
    """A line to write on; it records where it was drawn under ``name`` in ``spots``
    (the form fields go exactly there)."""

    def __init__(self, width: float, spots: Spots, name: str) -> None:
        super().__init__()
        self.width = width
        self.height = 2
        self.spots = spots
        self.name = name

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 1, self.width, 1)
        x, y = self.canv.absolutePosition(0, 1)
        self.spots[self.name] = Spot(self.canv.getPageNumber(), x, y, self.width)


class _Heading(Paragraph):  # type: ignore[misc]
    """A clause heading that is also an entry of the PDF's outline, pointing at itself:
    the entry is made as the heading is drawn, so it is on the heading's page."""

    def __init__(self, text: str, key: str, brand: doc.Branding = doc.NO_BRAND) -> None:
        style = accented(styles()["heading"], brand)
        super().__init__(markup(text, bold=True), style)
        self.key, self.title = key, " ".join(text.split())

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, self.height)
        self.canv.addOutlineEntry(self.title, self.key, level=0)
        self.canv.showOutline()
        super().draw()


def build_story(d: doc.Document, width: float, spots: Spots | None = None) -> list[Flowable]:
    """The flowables of ``d``; the signature and date lines record in ``spots`` where
    they were drawn."""
    spots = {} if spots is None else spots
    story: list[Flowable] = [image] if (image := logo(d.brand)) else []
    if d.kind == "contract":
        story.append(paragraph(d.title, accented(styles()["title"], d.brand)))
    if d.subtitle:
        story.append(para(d.subtitle, "subtitle"))
    for index, block in enumerate(d.blocks):
        if isinstance(block, doc.Heading):
            story.append(CondPageBreak(30 * mm))
            story.append(_Heading(block.label, f"block-{index}", d.brand))
        elif isinstance(block, doc.Paragraph):
            if block.style == "signoff":  # never a sign-off alone at the top of a page
                _keep_with_next(story)
            if block.number:
                story += _long(block.text, "numbered", bulletText=block.number)
            else:
                story += _long(block.text, block.style)
        elif isinstance(block, doc.Bullets):
            _keep_with_next(story)  # a lead-in ("…which includes:") stays with its list
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
            story.append(KeepTogether([*_pop_lead_in(story), *_signatures(block, width, spots)]))
    return story


def _keep_with_next(story: list[Flowable]) -> None:
    if story and isinstance(story[-1], Paragraph):
        story[-1].keepWithNext = 1


def _pop_lead_in(story: list[Flowable]) -> list[Flowable]:
    """Take the last paragraph off the story, to be kept with what follows it."""
    taken: list[Flowable] = []
    if story and isinstance(story[-1], Paragraph) and story[-1].style.name != "heading":
        taken.insert(0, story.pop())
        # a clause heading directly above comes along too, never left orphaned
        if story and isinstance(story[-1], Paragraph) and story[-1].style.name == "heading":
            taken.insert(0, story.pop())
    return taken


def render_pdf(d: doc.Document) -> bytes:
    """``d`` as PDF: the same document gives the same bytes."""
    d = d.plain()  # references as plain numbers
    register()
    spots: Spots = {}
    buf = io.BytesIO()
    size = page_size(d)
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
        creator=CREATOR,
        producer=PRODUCER,
        lang=d.language,
        invariant=1,
        initialFontName=fonts.CHAIN[0].name,  # else reportlab lists an unused Helvetica
    )
    try:
        template.build(build_story(d, template.width, spots), canvasmaker=canvas_class(d))
    except LayoutError:  # a block taller than a page: too much text in one cell
        raise ContractkitError(
            "some text is too tall to fit on one page of the PDF (a name, an address or a "
            "milestone in a table cell); shorten it"
        ) from None
    if d.kind != "contract":
        return buf.getvalue()
    from contractkit.render.pdf_fields import add_fields

    return add_fields(buf.getvalue(), spots)
