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
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.package import Unmarshaller
from docx.opc.part import Part, PartFactory
from docx.opc.pkgreader import PackageReader
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.package import Package
from docx.shared import Emu, Mm
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

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


def _gap() -> Any:
    """An empty 6-point paragraph: breathing room between a table and the next clause."""
    p = OxmlElement("w:p")
    spacing = _el(_el(p, "pPr"), "spacing", ("after", "0"), ("line", "120"))
    spacing.set(qn("w:lineRule"), "exact")
    return p


def _table_xml(t: doc.Table, width: int) -> Any:
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
    tpl = _Template(template)
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
        for p in list(tpl.docx.element.body.iterchildren(qn("w:p"))):
            key = "".join(t.text or "" for t in p.iter(qn("w:t")))
            if key in tables:
                table = _table_xml(tables.pop(key), width)
                p.addnext(table)
                table.addnext(_gap())
                p.getparent().remove(p)
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
        # a tab becomes Word's own tab element, outside the text runs
        probe = text.split("\n", 1)[0].replace("\t", "")[:60].strip()
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
    try:
        part = tpl.docx.part.part_related_by(RT.STYLES)
    except KeyError:  # a template without styles: Word's defaults apply, language unset
        return
    part._blob = _styles_in(part.blob, _LANG_TAGS.get(language, language))


@lru_cache(maxsize=16)
def _styles_in(styles_xml: bytes, tag: str) -> bytes:
    """The styles part with ``tag`` as the default language (once per template and
    language: the part is the biggest in the file, and the same for every document)."""
    styles = parse_xml(styles_xml)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    rpr = rpr.find(qn("w:rPr")) if rpr is not None else None
    if rpr is None:
        return styles_xml
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    blob: bytes = serialize_part_xml(styles)
    return blob


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


# The parts this renderer edits as XML. Every other part of the template (settings,
# theme, fonts, numbering; headers and footers, which docxtpl re-reads from bytes) is
# copied through as bytes: never parsed, never re-serialized.
_EDITED_AS_XML = frozenset({CT.WML_DOCUMENT_MAIN, CT.OPC_CORE_PROPERTIES})


def _part(partname: Any, content_type: str, reltype: str, blob: bytes, package: Any) -> Any:
    if content_type in _EDITED_AS_XML:
        return PartFactory(partname, content_type, reltype, blob, package)
    return Part(partname, content_type, blob, package)


@lru_cache(maxsize=8)
def _package_reader(blob: bytes) -> PackageReader:
    """The template's zip, read into parts once per distinct file content."""
    reader: PackageReader = PackageReader.from_file(io.BytesIO(blob))  # type: ignore[no-untyped-call]
    return reader


class _Template(DocxTemplate):  # type: ignore[misc]
    """docxtpl, reading each template once and remembering its clean-up of the XML.

    Why: a build renders the same template for the contract and every letter (in a
    batch, for every job). docxtpl would unzip it and re-run a dozen regular
    expressions over its XML each time; both depend only on the template's bytes.
    """

    docx: Any
    is_rendered: bool

    def init_docx(self, reload: bool = True) -> None:
        """docxtpl's ``init_docx``, building the parts from the remembered zip reading.

        ``template_file`` is the user's template path, or None for ours."""
        if self.docx is None or (self.is_rendered and reload):
            path = self.template_file
            blob = template_bytes() if path is None else Path(path).read_bytes()
            package = Package()
            reader = _package_reader(blob)
            Unmarshaller.unmarshal(reader, package, _part)  # type: ignore[no-untyped-call]
            part = package.main_document_part
            if part.content_type != CT.WML_DOCUMENT_MAIN:
                raise ValueError(f"not a Word document ({part.content_type})")
            self.docx = part.document
            self.is_rendered = False

    def patch_xml(self, src_xml: str) -> str:
        patched = _PATCHED.get(src_xml)
        if patched is None:
            if len(_PATCHED) > 64:
                _PATCHED.clear()
            patched = _PATCHED[src_xml] = str(super().patch_xml(src_xml))
        return patched
