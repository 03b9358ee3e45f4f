"""Document → DOCX: fill a docxtpl template (ours or the user's) with autoescape on.

Why: a freelancer may want their own letterhead, fonts and colours; docxtpl lets them
restyle a real Word file instead of code. Paragraph flow comes from the template's
``{%p for b in blocks %}`` loop; tables, whose shape varies, are built with python-docx
at marker paragraphs after rendering. Autoescape and a sandbox keep user text as text.

Only what a user's template can get wrong is reported as the template's fault (exit 2);
anything else, and anything at all with our own template, is a bug and propagates.
"""

from __future__ import annotations

import hashlib
import io
import traceback
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime, time
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from lxml import etree
from markupsafe import Markup, escape

from contractkit import document as doc
from contractkit.errors import TemplateError as UserTemplateError
from contractkit.render import caps, docx_page, docx_word
from contractkit.render.docx_brand import apply_brand
from contractkit.render.docx_embed import embed_fallbacks
from contractkit.render.docx_guard import (
    environment,
    plain_environment,
    read_template,
    step_budget,
)
from contractkit.render.docx_tables import gap, table_xml
from contractkit.render.docx_template import template_bytes
from contractkit.render.docx_word import clean, directive, kept_with_signatures

_PAGE = {"A4": (Mm(210), Mm(297)), "Letter": (Mm(215.9), Mm(279.4))}


# docxtpl turns these, wherever they appear in the rendered XML, into "{{", "}}", "{%" and
# "%}" (its way to write a literal tag in a template).
_DOCXTPL_ESCAPES = ("{_{", "}_}", "{_%", "%_}")


def _verbatim(value: Any) -> Any:
    """The context with every text reaching the document exactly as it is.

    Text holding one of docxtpl's escapes has its braces written as character
    references, which docxtpl does not touch and the XML parser reads back as braces.
    """
    if isinstance(value, dict):
        return {k: _verbatim(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_verbatim(v) for v in value]
    if isinstance(value, str) and any(seq in value for seq in _DOCXTPL_ESCAPES):
        return Markup(str(escape(value)).replace("{", "&#123;").replace("}", "&#125;"))
    return value


def _party(p: doc.Party) -> dict[str, str]:
    return {"role": caps(clean(p.role)), "text": clean("\n".join(p.lines))}


def _heading(block: doc.Heading, keep: bool) -> dict[str, Any]:
    """A clause heading shows its title; Word numbers it (level 1 of the clause list)."""
    if not block.number:
        return {"kind": "heading", "text": clean(block.text), "number": "", "label": block.text}
    flags = ["num=0", *([f"bm={block.anchor}"] if block.anchor else []), *(["keep"] * keep)]
    text = directive(*flags) + clean(block.text)
    return {"kind": "heading", "text": text, "number": block.number, "label": block.label}


def _paragraph(block: doc.Paragraph, keep: bool) -> dict[str, Any]:
    flags = ["num=1"] * bool(block.number) + ["keep"] * keep
    text = (directive(*flags) if flags else "") + clean(block.text)
    if block.number:  # Word numbers it (level 2 of the clause list)
        return {"kind": "numbered", "number": block.number, "text": text}
    return {"kind": block.style, "text": text}


def docx_context(d: doc.Document, marker: str) -> tuple[dict[str, Any], dict[str, doc.Table]]:
    """The template's variables, and the tables to insert at each marker.

    Texts carry directives (:mod:`docx_word`) for what Word does itself: the clause list's
    numbers, the headings' bookmarks, the end of the last clause kept with the signatures.
    """
    blocks: list[dict[str, Any]] = []
    tables: dict[str, doc.Table] = {}
    kept = kept_with_signatures(d.blocks)
    for i, block in enumerate(d.blocks):
        keep = i == kept
        if isinstance(block, doc.Heading):
            blocks.append(_heading(block, keep))
        elif isinstance(block, doc.Paragraph):
            blocks.append(_paragraph(block, keep))
        elif isinstance(block, doc.Bullets):
            lead = directive("keep") if keep else ""
            blocks += [{"kind": "bullet", "text": lead + clean(item)} for item in block.items]
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
                    "heading": directive("sig") + clean(block.heading),
                    "signature_label": clean(block.signature_label),
                    "date_label": clean(block.date_label),
                }
            blocks.append(entry)
    before, _, rest = d.page_label.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    context = {
        "title": clean(d.title),
        "subtitle": clean(d.subtitle),
        "subject": clean(d.subject),
        "author": clean(d.author),
        "language": d.language,
        "footer_left": clean(d.full_title) if d.kind == "contract" else "",
        "show_title": d.kind == "contract",
        "page_before": before,
        "page_middle": middle,
        "page_after": after,
        "blocks": blocks,
    }
    return context, tables


# What reading a user's file as a .docx template raises when the file is not one: not
# found or unreadable, not a zip, a part missing, XML that does not parse, another kind
# of Office file (python-docx's ValueError "... is not a Word file").
_NOT_A_TEMPLATE = (
    OSError,
    PackageNotFoundError,
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    etree.XMLSyntaxError,
)
# What a template's own expressions raise when they go wrong ({{ 1/0 }}, {{ title + 1 }},
# a macro calling itself); taken as the template's only when raised inside the template's
# code (see below).
_EXPRESSION_ERRORS = (ArithmeticError, LookupError, TypeError, ValueError, RecursionError)


def _in_template_code(e: BaseException) -> bool:
    """Whether ``e`` passed through code compiled from a template: Jinja names the code
    of a template made from a string ``<template>`` (also in the tracebacks it rewrites)."""
    return any(
        frame.f_code.co_filename == "<template>" for frame, _ in traceback.walk_tb(e.__traceback__)
    )


def _open(template: Path | None) -> DocxTemplate:
    if template is None:
        tpl = DocxTemplate(io.BytesIO(template_bytes()))
        tpl.init_docx()
        return tpl
    tpl = DocxTemplate(io.BytesIO(read_template(template)))
    try:
        tpl.init_docx()
    except _NOT_A_TEMPLATE as e:
        raise UserTemplateError(f"{template}: not a usable .docx template ({e})") from None
    return tpl


@contextmanager
def _template_errors(template: Path | None, what: str = "template error") -> Iterator[None]:
    """Report what a user's template got wrong as its error; with ours (``None``),
    anything raised is a bug and propagates."""
    if template is None:
        yield
        return
    try:
        yield
    except (TemplateError, etree.XMLSyntaxError) as e:
        raise UserTemplateError(f"{template}: {what}: {e}") from None
    except _EXPRESSION_ERRORS as e:
        if not _in_template_code(e):
            raise
        raise UserTemplateError(f"{template}: {what}: {type(e).__name__}: {e}") from None


def render_docx(d: doc.Document, template: Path | None = None) -> bytes:
    """``d`` as DOCX, through ``template`` (a user's .docx) or ours: the same document
    gives the same bytes."""
    tpl = _open(template)
    # derived from the content: stable across runs, and no user text can predict it
    marker = "ck-table-" + hashlib.sha256(repr(d).encode("utf-8")).hexdigest()[:16]
    context, tables = docx_context(d, marker)
    document = tpl.docx
    section = document.sections[0] if len(document.sections) else None
    if template is None:
        assert section is not None
        section.page_width, section.page_height = _PAGE[d.page_size]
    width = _text_width(section, d)
    if template is None:
        context["footer_left"] = docx_page.fit_title(context["footer_left"], d.page_label, width)
    own_properties = _take_properties(tpl)
    with _template_errors(template), nullcontext() if template is None else step_budget():
        tpl.render(_verbatim(context), jinja_env=environment(), autoescape=True)
    _check_complete(tpl, context, template)
    _put_tables(document, tables, width, template)
    _word_structure(tpl, d, template)
    stamp = datetime.combine(d.created, time(0, 0))
    _set_properties(tpl, d, stamp, own_properties, context, template)
    _set_language(tpl, d.language_tag)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return _dated(buffer.getvalue(), stamp)


def _put_tables(
    document: Any, tables: dict[str, doc.Table], width: int, template: Path | None
) -> None:
    """Each table in place of its marker paragraph."""
    if not tables:
        return
    for p in list(document.element.body.iterchildren(qn("w:p"))):
        key = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if key in tables:
            table = table_xml(tables.pop(key), width)
            p.addnext(table)
            table.addnext(gap())
            p.getparent().remove(p)
    if tables:
        _template_fault(
            template,
            "keep {{ b.marker }} alone in its own paragraph, so tables can be put in its place",
        )


def _word_structure(tpl: DocxTemplate, d: doc.Document, template: Path | None) -> None:
    """Word's own numbering, bookmarks, fields and keeps; with our template, the font
    for the language, and the footer fitted (or, for a letter, none)."""
    document = tpl.docx
    numbered = any(isinstance(b, doc.Heading) and b.number for b in d.blocks)
    num_id = docx_word.add_numbering(document) if numbered else None
    docx_word.references(document, docx_word.apply(document, num_id))
    if template is None:
        docx_page.set_font(document, d.language)
        embed_fallbacks(document)
        apply_brand(document, d.brand)
        if d.kind == "letter":
            docx_page.drop_footer(document)
        else:
            docx_page.footer_tab(document, _text_width(document.sections[0], d))


def _template_fault(template: Path | None, message: str) -> None:
    """A user's template is at fault; the same with ours is a bug."""
    if template is None:
        raise RuntimeError(f"the default template: {message}")
    raise UserTemplateError(f"{template}: {message}")


def _text_width(section: Any, d: doc.Document) -> int:
    """The width between the margins (a template without page settings: as ours)."""
    if section is not None and None not in (
        section.page_width,
        section.left_margin,
        section.right_margin,
    ):
        return int(section.page_width - section.left_margin - section.right_margin)
    return int(_PAGE[d.page_size][0] - Mm(40))


def _expected(context: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(kind, text) of every text the blocks must show."""
    for block in context["blocks"]:
        kind = block["kind"]
        if kind == "table":
            yield kind, block["marker"]
        elif kind in ("parties", "signatures"):
            for key in ("heading", "signature_label", "date_label"):
                if key in block:
                    yield kind, block[key]
            for side in ("left", "right"):
                yield kind, block[side]["role"]
                yield kind, block[side]["text"]
        else:
            yield kind, block["text"]


def _body_text(tpl: DocxTemplate) -> str:
    """The body's text as the reader sees it: runs joined, Word's tab and line-break
    elements read back as "\t" and "\n", paragraphs apart."""
    t, tab, br, p, r = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:p"), qn("w:r")
    out: list[str] = []
    for el in tpl.docx.element.body.iter(t, tab, br, p):
        if el.tag == t:
            out.append(el.text or "")
        elif el.tag == p:
            out.append("\0")  # never in a text (control characters are refused)
        elif el.getparent().tag == r:  # not a tab stop in a paragraph's properties
            out.append("\t" if el.tag == tab else "\n")
    return "".join(out)


def _check_complete(tpl: DocxTemplate, context: dict[str, Any], template: Path | None) -> None:
    """Refuse a template that dropped or cut text: every block, whole, must be shown.

    Why: a user's template missing a ``{%p elif b.kind == ... %}`` branch, or showing
    ``{{ b.text[:60] }}``, would otherwise yield a contract without (all of) its
    clauses, and exit 0.
    """
    body = _body_text(tpl)
    for kind, text in _expected(context):
        if text and text not in body:
            shown = text if len(text) <= 60 else text[:60] + "…"
            _template_fault(
                template,
                f"the template left out a {kind!r} block, or part of it ({shown!r}); keep a "
                f"{{%p if b.kind == '{kind}' %}} branch that shows all of {{{{ b.text }}}}",
            )


# Word's core properties hold at most 255 characters each; python-docx counts the text
# itself (escaping for XML happens when the part is written, and does not count).
_PROPERTY_MAX = 255
# Core properties docxtpl would render as templates, with the autoescape meant for XML
# (so "&" would come out as "&amp;", and a long value could outgrow the limit).
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


def _take_properties(tpl: DocxTemplate) -> dict[str, str]:
    """Empty the core properties docxtpl renders, returning what the template held."""
    props = tpl.docx.core_properties
    held = {name: getattr(props, name) for name in _RENDERED_PROPERTIES}
    for name in _RENDERED_PROPERTIES:
        setattr(props, name, "")
    return held


def _fit(value: str) -> str:
    """``value`` within a core property's limit, shortened with an ellipsis."""
    if len(value) <= _PROPERTY_MAX:
        return value
    return value[: _PROPERTY_MAX - 1].rstrip() + "…"


def _set_properties(
    tpl: DocxTemplate,
    d: doc.Document,
    stamp: datetime,
    held: dict[str, str],
    context: dict[str, Any],
    template: Path | None,
) -> None:
    """Core properties from the document itself; a user's comments and identifier,
    which may use the template's variables, rendered as the plain text they are."""
    props = tpl.docx.core_properties
    props.title = _fit(d.title)
    props.subject = _fit(d.subject)
    props.author = props.last_modified_by = _fit(d.author)
    props.keywords = _fit(", ".join(d.keywords))
    props.language = d.language
    props.created = props.modified = stamp
    props.revision = 1
    for name in ("comments", "identifier"):
        value = held[name]
        if "{" in value:
            with _template_errors(template, f"template error in its {name} property"):
                value = plain_environment().from_string(value).render(context)
        setattr(props, name, _fit(value))


def _set_language(tpl: DocxTemplate, tag: str) -> None:
    """Tell Word which language the text is in (spelling, hyphenation)."""
    docx_page.set_language(tpl.docx, tag)


def _dated(blob: bytes, stamp: datetime) -> bytes:
    """The .docx with every zip entry dated ``stamp``, in the same order.

    Why: python-docx dates each entry with the current time, so two builds of the same
    job would differ byte for byte.
    """
    when = stamp.timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(blob)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the platform: same bytes everywhere
            info.external_attr = 0o644 << 16
            # level 1: a third of the default's CPU for a few percent more bytes
            dst.writestr(info, src.read(item), compresslevel=1)
    return out.getvalue()
