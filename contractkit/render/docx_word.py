"""Word's own structures, added to the DOCX after docxtpl has filled the template: clause
numbers as a multilevel list, a bookmark on each clause heading, cross-references as REF
fields to those bookmarks, and the signature block kept with the last clause.

Why after rendering, through marks in the text: a template (ours, or a user's restyled
copy) only places text; what a paragraph *is* (a clause heading, a numbered paragraph,
the end of the contract) travels with its text as a *directive* — private-use characters
around a few words, in front of the text — which :func:`apply` reads, removes and turns
into paragraph properties. So a user's template gets Word-native numbering too, and no
template code can produce a directive (user text is checked for them: :func:`clean`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from copy import deepcopy
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from contractkit import document as doc

OPEN, CLOSE = "\ue003", "\ue004"
_DIRECTIVE = re.compile(f"{OPEN}([^{CLOSE}]*){CLOSE}")

# 10.5 mm in twentieths of a point: where a numbered paragraph's text starts.
HANG = "595"
# Word refuses bookmark names longer than 40 characters or with other than letters,
# digits and underscores.
_NAME_MAX = 40


def directive(*flags: str) -> str:
    """The mark put in front of a paragraph's text: ``num=0`` (a clause heading, level
    1 of the list), ``num=1`` (a numbered paragraph, level 2), ``bm=<anchor>`` (a
    bookmark around it), ``keep`` (kept whole, with the next paragraph), ``sig`` (the
    signature heading: its table's rows never split and stay with it)."""
    return f"{OPEN}{' '.join(flags)}{CLOSE}"


def clean(text: str) -> str:
    """User text without the characters directives and references are made of.

    Why: a job's text is data; a private-use character in it could otherwise be read as
    a directive. None of the shipped languages writes them.
    """
    for ch in (OPEN, CLOSE):
        text = text.replace(ch, "")
    return text


def bookmark_name(anchor: str) -> str:
    """The bookmark for a clause id: ``stop-work`` → ``clause_stop_work`` (not ``_Ref…``,
    a prefix Word keeps for its own hidden bookmarks)."""
    return ("clause_" + re.sub(r"[^A-Za-z0-9]", "_", anchor))[:_NAME_MAX]


def _w(tag: str, **attrs: str) -> Any:
    el = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def _level(ilvl: int, text: str, suffix: str, indent: str) -> Any:
    lvl = _w("lvl", ilvl=str(ilvl))
    for tag, value in (("start", "1"), ("numFmt", "decimal"), ("suff", suffix)):
        lvl.append(_w(tag, val=value))
    lvl.append(_w("lvlText", val=text))
    lvl.append(_w("lvlJc", val="left"))
    ppr = _w("pPr")
    if indent != "0":
        tabs = _w("tabs")
        tabs.append(_w("tab", val="num", pos=indent))
        ppr.append(tabs)
    ppr.append(_w("ind", left=indent, hanging=indent))
    lvl.append(ppr)
    return lvl


def add_numbering(document: DocxDocument) -> str:
    """Add the clause list to the numbering part; its ``numId``.

    Level 1 is the clause heading ("4. Deposit", the title after a space, as in the PDF),
    level 2 its paragraphs ("4.2", text at a hanging indent); Word restarts level 2 at
    each new heading.
    """
    numbering = document.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.iter(qn("w:abstractNum"))]
    abstract_id = str(max(ids, default=-1) + 1)
    abstract = _w("abstractNum", abstractNumId=abstract_id)
    abstract.append(_w("multiLevelType", val="multilevel"))
    abstract.append(_w("name", val="Contract clauses"))
    abstract.append(_level(0, "%1.", "space", "0"))
    abstract.append(_level(1, "%1.%2", "tab", HANG))
    nums = numbering.findall(qn("w:num"))
    if nums:
        nums[0].addprevious(abstract)
    else:
        numbering.append(abstract)
    return str(numbering.add_num(int(abstract_id)).numId)


def apply(document: DocxDocument, num_id: str | None) -> set[str]:
    """Turn each paragraph's directive into its properties; the bookmarks made."""
    bookmarks: set[str] = set()
    body = document.element.body
    # a user's template may hold bookmarks of its own: ours are numbered after them
    taken = [int(i) for i in body.xpath(".//w:bookmarkStart/@w:id") if i.isdigit()]
    first = max(taken, default=0) + 1
    for p in list(body.iter(qn("w:p"))):
        flags = _take_directive(p)
        if flags is None:
            continue
        ppr = p.get_or_add_pPr()
        for flag in flags:
            key, _, value = flag.partition("=")
            if key == "num" and num_id is not None:
                num_pr = ppr.get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = int(value)
                num_pr.get_or_add_numId().val = int(num_id)
            elif key == "bm":
                bookmarks.add(_bookmark(p, bookmark_name(value), first + len(bookmarks)))
            elif key in ("keep", "sig"):
                ppr.keepNext_val = True
                ppr.keepLines_val = key == "keep" or None  # moves whole
            if key == "sig":
                _keep_table(p)
    return bookmarks


def _take_directive(p: Any) -> list[str] | None:
    for t in p.iter(qn("w:t")):
        text = t.text or ""
        m = _DIRECTIVE.search(text)
        if m:
            t.text = text[: m.start()] + text[m.end() :]
            flags = m.group(1).split()
            if "num=1" in flags:
                _drop_typed_number(p, t)
            return flags
    return None


_TYPED_NUMBER = re.compile(r"[\d.\s]*")


def _drop_typed_number(p: Any, start: Any) -> None:
    """Remove a number typed before a numbered paragraph's text: a template exported
    before Word numbered the clauses shows ``{{ b.number }}`` and a tab there."""
    run = start.getparent()
    if run.getparent() is not p:
        return
    before = [r for r in run.itersiblings(preceding=True) if r.tag == qn("w:r")]
    typed = "".join(
        (el.text or "") if el.tag == qn("w:t") else "\t"
        for r in before
        for el in r.iter(qn("w:t"), qn("w:tab"))
    )
    if typed.strip() and _TYPED_NUMBER.fullmatch(typed):
        for r in before:
            p.remove(r)


def _bookmark(p: Any, name: str, bid_number: int) -> str:
    """A bookmark around the paragraph's content (its number is the paragraph's)."""
    bid = str(bid_number)
    start = _w("bookmarkStart", id=bid, name=name)
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(_w("bookmarkEnd", id=bid))
    return name


def _keep_table(heading: Any) -> None:
    """The table after the signature heading: no row split across pages, every row's
    paragraphs kept with the next, so the block moves to a page as one."""
    table = heading.getnext()
    while table is not None and table.tag != qn("w:tbl"):
        table = table.getnext()
    if table is None:
        return
    for tr in table.iter(qn("w:tr")):
        tr.get_or_add_trPr().append(_w("cantSplit"))
    rows = table.findall(qn("w:tr"))
    for tr in rows[:-1]:
        for p in tr.iter(qn("w:p")):
            p.get_or_add_pPr().keepNext_val = True


def references(document: DocxDocument, bookmarks: set[str]) -> None:
    """Each reference marker in the body as a REF field to its clause's bookmark, its
    current number as the field's shown result; without the bookmark (a letter citing
    the contract), the plain number.

    ``\\w``: the paragraph number in full context, without its trailing period ("9",
    "9.2"), wherever the reference stands (``\\r``, relative context, could shorten a
    reference made inside the clause it names); ``\\h``: a link to the clause.
    """
    for r in list(document.element.body.iter(qn("w:r"))):
        if any(doc.REF_OPEN in (t.text or "") for t in r.iter(qn("w:t"))):
            _split_run(r, bookmarks)


def _split_run(r: Any, bookmarks: set[str]) -> None:
    rpr = r.find(qn("w:rPr"))
    runs: list[Any] = []

    def run() -> Any:
        new = OxmlElement("w:r")
        if rpr is not None:
            new.append(deepcopy(rpr))
        runs.append(new)
        return new

    current = run()
    for child in list(r):
        if child.tag == qn("w:rPr"):
            continue
        if child.tag != qn("w:t") or doc.REF_OPEN not in (child.text or ""):
            current.append(child)
            continue
        for text, anchor in doc.pieces(child.text):
            name = bookmark_name(anchor) if anchor else None
            if name in bookmarks:
                _field(run, f" REF {name} \\w \\h ", text)
                current = run()
            else:
                current.append(_text(text))
    for new in runs:
        if len(new) > (rpr is not None):  # not an empty run
            r.addprevious(new)
    r.getparent().remove(r)


def _text(text: str) -> Any:
    t = OxmlElement("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


def _field(run: Any, instruction: str, shown: str) -> None:
    """A complex field: begin, instruction, separate, the shown result, end."""
    run().append(_w("fldChar", fldCharType="begin"))
    instr = OxmlElement("w:instrText")
    instr.text = instruction
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run().append(instr)
    run().append(_w("fldChar", fldCharType="separate"))
    run().append(_text(shown))
    run().append(_w("fldChar", fldCharType="end"))


def kept_with_signatures(blocks: Iterable[doc.Block]) -> int | None:
    """The index of the block of text just before the signatures (the end of the last
    clause), which is kept with them; None without signatures.

    Why only that block, not the whole last clause: a chain of kept paragraphs longer
    than the space left on a page makes LibreOffice leave the clause heading alone at
    the foot of the page; one kept paragraph (the heading keeps with the first anyway)
    takes the clause's end to the signatures' page in Word and LibreOffice alike.
    """
    items = list(blocks)
    end = next((i for i, b in enumerate(items) if isinstance(b, doc.Signatures)), None)
    if end is None or end == 0:
        return None
    return end - 1
