"""Document → DOCX: fill a docxtpl template (ours or the user's) with autoescape on.

Why: a freelancer may want their own letterhead, fonts and colours; docxtpl lets them
restyle a real Word file instead of code. Paragraph flow comes from the template's
``{%p for b in blocks %}`` loop; tables, whose shape varies, are built with python-docx
at marker paragraphs after rendering. Autoescape and a sandbox keep user text as text.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from contractkit import document as doc
from contractkit.errors import TemplateError as UserTemplateError
from contractkit.jinjacache import bytecode_cache, compile_cached
from contractkit.render import caps
from contractkit.render.docx_template import template_bytes

_PAGE = {"A4": (Mm(210), Mm(297)), "Letter": (Mm(215.9), Mm(279.4))}


def _party(p: doc.Party) -> dict[str, str]:
    return {"role": caps(p.role), "text": "\n".join(p.lines)}


def docx_context(d: doc.Document, marker: str) -> tuple[dict[str, Any], dict[str, doc.Table]]:
    """The template's variables, and the tables to insert at each marker."""
    blocks: list[dict[str, Any]] = []
    tables: dict[str, doc.Table] = {}
    for block in d.blocks:
        if isinstance(block, doc.Heading):
            text = block.label
            blocks.append({"kind": "heading", "text": text})
        elif isinstance(block, doc.Paragraph):
            if block.number:
                blocks.append({"kind": "numbered", "number": block.number, "text": block.text})
            else:
                blocks.append({"kind": block.style, "text": block.text})
        elif isinstance(block, doc.Bullets):
            blocks += [{"kind": "bullet", "text": item} for item in block.items]
        elif isinstance(block, doc.Table):
            key = f"{marker}-{len(tables)}"
            tables[key] = block
            blocks.append({"kind": "table", "marker": key})
        elif isinstance(block, doc.Parties | doc.Signatures):
            left, right = block.parties[0], block.parties[-1]
            entry: dict[str, Any] = {
                "kind": block.kind,
                "left": _party(left),
                "right": _party(right),
            }
            if isinstance(block, doc.Signatures):
                entry |= {
                    "heading": block.heading,
                    "signature_label": block.signature_label,
                    "date_label": block.date_label,
                }
            blocks.append(entry)
    before, _, rest = d.page_label.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    context = {
        "title": d.title,
        "subtitle": d.subtitle,
        "subject": d.subject,
        "author": d.author,
        "language": d.language,
        "footer_left": d.full_title if d.kind == "contract" else "",
        "show_title": d.kind == "contract",
        "page_before": before,
        "page_middle": middle,
        "page_after": after,
        "blocks": blocks,
    }
    return context, tables


def _borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge, size, color in (
        ("top", 8, "1D2327"),
        ("bottom", 8, "1D2327"),
        ("insideH", 4, "C9D1D6"),
    ):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:color"), color)
        borders.append(el)
    tbl_pr.append(borders)


def _shade(cell: Any, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(row: Any) -> None:
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _insert_table(tpl: DocxTemplate, paragraph: Any, t: doc.Table, width: int) -> None:
    rows = [t.header, *t.rows, *([t.total] if t.total else [])]
    table = tpl.docx.add_table(rows=len(rows), cols=len(t.header))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _borders(table)
    rel = t.widths or (1.0,) * len(t.header)
    widths = [int(width * w / sum(rel)) for w in rel]
    table.autofit = False
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w  # the grid: what LibreOffice and Word lay out by
    bold_rows = {0, len(rows) - 1} if t.total else {0}
    for r, values in enumerate(rows):
        row = table.rows[r]
        for c, value in enumerate(values):
            cell = row.cells[c]
            cell.width = widths[c]
            p = cell.paragraphs[0]
            p.paragraph_format.space_after = Pt(0)
            if c in t.numeric:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = p.add_run(value)
            run.font.size = Pt(8.8)
            run.bold = r in bold_rows
            if r == 0:
                _shade(cell, "EEF2F4")
    _repeat_header(table.rows[0])
    paragraph._p.addnext(table._tbl)
    paragraph._p.getparent().remove(paragraph._p)


class _CompilingOnce(SandboxedEnvironment):
    """A sandbox that compiles each distinct template source once per process.

    Why: docxtpl hands the whole document XML to ``from_string`` on every render, and
    compiling it costs more than rendering it. A build renders the same template for the
    contract and every letter (a batch, for every job), so the compiled template is kept.
    """

    def __init__(self) -> None:
        super().__init__(
            autoescape=True, undefined=StrictUndefined, bytecode_cache=bytecode_cache("docx")
        )
        self._compiled: dict[str, Any] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) > 64:  # user templates vary; keep memory bounded
                self._compiled.clear()
            self._compiled[source] = compile_cached(self, source)
        return self._compiled[source]


@cache
def _environment() -> _CompilingOnce:
    return _CompilingOnce()


def render_docx(d: doc.Document, template: Path | None = None) -> bytes:
    source: Any = io.BytesIO(template_bytes()) if template is None else str(template)
    tpl = _Template(source)
    try:
        tpl.init_docx()
    except Exception as e:  # a user's file may be anything: say so plainly
        raise UserTemplateError(f"{template}: not a usable .docx template ({e})") from None
    # derived from the content: stable across runs, and no user text can predict it
    marker = "ck-table-" + hashlib.sha256(repr(d).encode("utf-8")).hexdigest()[:16]
    context, tables = docx_context(d, marker)
    where = template or "the default template"
    try:
        tpl.render(context, jinja_env=_environment(), autoescape=True)
    except TemplateError as e:
        raise UserTemplateError(f"{where}: template error: {e}") from None
    except Exception as e:  # {{ 1/0 }} and the like in a user's template: its error
        raise UserTemplateError(f"{where}: template error: {type(e).__name__}: {e}") from None
    _check_complete(tpl, context, where)
    section = tpl.docx.sections[0]
    if template is None:
        section.page_width, section.page_height = _PAGE[d.page_size]
    width = section.page_width - section.left_margin - section.right_margin
    if tables:
        for paragraph in list(tpl.docx.paragraphs):
            if paragraph.text in tables:
                _insert_table(tpl, paragraph, tables.pop(paragraph.text), width)
        if tables:
            raise UserTemplateError(
                f"{where}: keep {{{{ b.marker }}}} alone in its own paragraph, so tables can "
                "be put in its place"
            )
    stamp = datetime.combine(d.created, time(0, 0))
    _set_properties(tpl, d, stamp)
    _set_language(tpl, d.language)
    return _save(tpl.docx.part.package, stamp)


def _check_complete(tpl: DocxTemplate, context: dict[str, Any], where: Any) -> None:
    """Refuse a template that silently dropped text: every block must be in the output.

    Why: a user's template missing a ``{%p elif b.kind == ... %}`` branch would otherwise
    yield a contract without its clauses, and exit 0.
    """
    body = "".join(t.text or "" for t in tpl.docx.element.body.iter(qn("w:t")))
    for block in context["blocks"]:
        text = block.get("text") or block.get("marker") or ""
        probe = text.split("\n", 1)[0][:60].strip()
        if probe and probe not in body:
            raise UserTemplateError(
                f"{where}: the template left out a {block['kind']!r} block ({probe!r}); keep a "
                f"{{%p if b.kind == '{block['kind']}' %}} branch that shows {{{{ b.text }}}}"
            )


# Word's core properties hold at most 255 characters each.
_PROPERTY_MAX = 255


def _set_properties(tpl: DocxTemplate, d: doc.Document, stamp: datetime) -> None:
    """Core properties from the document itself (the template's were autoescaped)."""
    props = tpl.docx.core_properties
    props.title = d.title[:_PROPERTY_MAX]
    props.subject = d.subject[:_PROPERTY_MAX]
    props.author = props.last_modified_by = d.author[:_PROPERTY_MAX]
    props.keywords = ", ".join(d.keywords)[:_PROPERTY_MAX]
    props.language = d.language
    props.created = props.modified = stamp
    props.revision = 1


_LANG_TAGS = {"en": "en-GB", "pl": "pl-PL", "sv": "sv-SE", "hu": "hu-HU", "ka": "ka-GE"}


def _set_language(tpl: DocxTemplate, language: str) -> None:
    """Tell Word which language the text is in (spelling, hyphenation)."""
    styles = tpl.docx.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    rpr = rpr.find(qn("w:rPr")) if rpr is not None else None
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), _LANG_TAGS.get(language, language))


class _StampedZip:
    """A zip writer for python-docx whose entries all carry one date.

    Why: python-docx dates each entry with the current time, so two builds of the same
    job would differ byte for byte; writing through this instead keeps them identical.
    """

    def __init__(self, stamp: datetime) -> None:
        self.buffer = io.BytesIO()
        self._zip = zipfile.ZipFile(self.buffer, "w", zipfile.ZIP_DEFLATED)
        self._date = stamp.timetuple()[:6]

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self._date)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        # level 1: a third of the default's CPU for a few percent more bytes
        self._zip.writestr(info, blob, compresslevel=1)

    def close(self) -> None:
        self._zip.close()


def _save(package: Any, stamp: datetime) -> bytes:
    """``package.save`` (python-docx's own steps, in order) through :class:`_StampedZip`."""
    for part in package.parts:
        part.before_marshal()
    stamped = _StampedZip(stamp)
    writer: Any = stamped  # quacks like python-docx's PhysPkgWriter: write() and close()
    PackageWriter._write_content_types_stream(writer, package.parts)  # type: ignore[no-untyped-call]
    PackageWriter._write_pkg_rels(writer, package.rels)  # type: ignore[no-untyped-call]
    PackageWriter._write_parts(writer, package.parts)
    stamped.close()
    return stamped.buffer.getvalue()


_PATCHED: dict[str, str] = {}


class _Template(DocxTemplate):  # type: ignore[misc]
    """docxtpl, remembering its clean-up of each template's XML.

    Why: docxtpl re-runs a dozen regular expressions over the template's XML on every
    render; the result depends only on the template, which a build renders dozens of
    times.
    """

    def patch_xml(self, src_xml: str) -> str:
        patched = _PATCHED.get(src_xml)
        if patched is None:
            if len(_PATCHED) > 64:
                _PATCHED.clear()
            patched = _PATCHED[src_xml] = str(super().patch_xml(src_xml))
        return patched
