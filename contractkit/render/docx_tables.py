"""Tables for the DOCX, as WordprocessingML built with lxml.

Why here: a table's shape (columns, rows, a total) varies with the job, which a docxtpl
template cannot express well; the renderer puts each table in place of a marker paragraph
after the template is rendered.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu
from lxml import etree

from contractkit import document as doc

# Word stores font sizes in half points: table text is set at 8.5 pt.
_CELL_SIZE = "17"
_HEAD_FILL = "EEF2F4"
_BORDERS = (("top", "8", "1D2327"), ("bottom", "8", "1D2327"), ("insideH", "4", "C9D1D6"))
_LOOK = (
    ("firstColumn", "1"),
    ("firstRow", "1"),
    ("lastColumn", "0"),
    ("lastRow", "0"),
    ("noHBand", "0"),
    ("noVBand", "1"),
    ("val", "04A0"),
)


def _el(parent: Any, tag: str, *attrs: tuple[str, str]) -> Any:
    """A ``w:`` child element with ``w:`` attributes, in the order given."""
    el = etree.SubElement(parent, qn(f"w:{tag}"))
    for name, value in attrs:
        el.set(qn(f"w:{name}"), value)
    return el


def gap() -> Any:
    """An empty 6-point paragraph: breathing room between a table and the next clause."""
    p = OxmlElement("w:p")
    spacing = _el(_el(p, "pPr"), "spacing", ("after", "0"), ("line", "120"))
    spacing.set(qn("w:lineRule"), "exact")
    return p


def table_xml(t: doc.Table, width: int) -> Any:
    """A table as WordprocessingML, built directly with lxml.

    Why not python-docx's table API: each cell, paragraph and run property there is a
    proxy object and an XPath query, which made tables most of a contract's DOCX time.
    The element tree is the same one python-docx would build; the run's text goes
    through python-docx's run element, which turns tabs and line breaks into their tags.
    """
    rows = [t.header, *t.rows, *([t.total] if t.total else [])]
    bold_rows = {0, len(rows) - 1} if t.total else {0}
    rel = t.widths or (1.0,) * len(t.header)
    widths = [str(Emu(int(width * w / sum(rel))).twips) for w in rel]
    tbl = OxmlElement("w:tbl")
    pr = _el(tbl, "tblPr")
    _el(pr, "tblW", ("type", "auto"), ("w", "0"))
    _el(pr, "jc", ("val", "left"))
    _el(pr, "tblLayout", ("type", "fixed"))  # the grid is what Word and LibreOffice lay out by
    _el(pr, "tblLook", *_LOOK)
    borders = _el(pr, "tblBorders")
    for edge, size, color in _BORDERS:
        _el(borders, edge, ("val", "single"), ("sz", size), ("color", color))
    grid = _el(tbl, "tblGrid")
    for w in widths:
        _el(grid, "gridCol", ("w", w))
    for r, values in enumerate(rows):
        tr = _el(tbl, "tr")
        if r == 0:  # the header row repeats on every page the table spans
            _el(_el(tr, "trPr"), "tblHeader", ("val", "true"))
        for c, value in enumerate(values):
            tc = _el(tr, "tc")
            tc_pr = _el(tc, "tcPr")
            _el(tc_pr, "tcW", ("type", "dxa"), ("w", widths[c]))
            if r == 0:
                _el(tc_pr, "shd", ("val", "clear"), ("fill", _HEAD_FILL))
            p = _el(tc, "p")
            p_pr = _el(p, "pPr")
            _el(p_pr, "spacing", ("after", "0"))
            if c in t.numeric:
                _el(p_pr, "jc", ("val", "right"))
            run = OxmlElement("w:r")
            r_pr = _el(run, "rPr")
            _el(r_pr, "b", *(() if r in bold_rows else (("val", "0"),)))
            _el(r_pr, "sz", ("val", _CELL_SIZE))
            run.text = value
            p.append(run)
    return tbl
