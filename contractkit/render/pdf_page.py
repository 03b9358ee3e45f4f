"""Page furniture of the PDF: the canvas that dates the file, carries its XMP packet and
draws the running footer ("Page 2 of 5") once the page count is known.

Why its own module: the story (pdf.py) and the page around it change for different
reasons; reportlab's public canvas API throughout.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfgen.canvas import Canvas

from contractkit import document as doc
from contractkit.render import fonts
from contractkit.render.pdf_meta import info_date, xmp_packet

MUTED = colors.HexColor("#5f6b73")

FOOTER_FONT, FOOTER_SIZE = "DejaVuSans", 7.5


def canvas_class(d: doc.Document) -> type[Canvas]:
    """A canvas that dates the file by the document, carries its XMP packet (the same
    values as the Info dictionary) and draws the "Page X of Y" footer.

    Each page refers to a form of its own (``doForm``, which reportlab lets a page use
    before the form is drawn); at ``save`` the page count is known and each form is drawn.
    """

    class FooterCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # the file's creation date is the document's own: same input, same bytes
            stamp = info_date(d)
            self.setDateFormatter(lambda *_: stamp)
            packet = xmp_packet(d).encode("utf-8")
            self.setCatalogEntry("Metadata", XMP(creator=lambda _: packet))
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


def page_size(d: doc.Document) -> tuple[float, float]:
    size: tuple[float, float] = LETTER if d.page_size == "Letter" else A4
    return size


def _footer_form(page: int) -> str:
    return f"ck-footer-{page}"


def _footer(canvas: Canvas, d: doc.Document, page: int, total: int) -> None:
    """The running footer of one page: the title on the left, "Page X of Y" on the right."""
    if d.kind == "letter" and total == 1:
        return  # a one-page letter needs no footer
    w, _ = page_size(d)
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
