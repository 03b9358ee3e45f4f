"""Empty form fields on a contract's signature block: a signature field (/Sig) on each
party's signature line and a text field on each party's date line.

Why: a client who opens the contract in Acrobat, Preview or an e-signature service can
sign it where the line is drawn, without printing it. pyHanko writes the fields as an
incremental update to reportlab's file (the text, and so the extracted text, is not
touched); it is imported here, on first use, because importing it costs about 0.35 s
and letters never need it.

pyHanko stamps each update with the clock (the Info dictionary's ModDate and the XMP
ModifyDate) and a random second file identifier. Those three values are replaced, in the
update alone and by values of the same length (so every offset stays valid), with the
document's own date and an identifier derived from the file: the same contract gives the
same bytes, in every time zone (the stamp is taken in UTC).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm

if TYPE_CHECKING:
    from contractkit.render.pdf import Spot, Spots

SIGN_HEIGHT = 9 * mm  # the room above the signature line
DATE_HEIGHT = 6 * mm
FIELD_FONT = "/Helv"  # the form's own font for what a signer types in a date field


def box(spot: Spot, height: float) -> tuple[int, int, int, int]:
    """The field's rectangle: the line's width, from the line up ``height`` points."""
    return (
        round(spot.x),
        round(spot.y),
        round(spot.x + spot.width),
        round(spot.y + height),
    )


def add_fields(pdf: bytes, spots: Spots) -> bytes:
    """``pdf`` with the signature and date fields of every party whose lines were drawn
    (``signature-<i>`` and ``date-<i>`` in ``spots``), named Signature<i+1>, Date<i+1>."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    writer: Any = IncrementalPdfFileWriter(io.BytesIO(pdf))
    i = 0
    while f"signature-{i}" in spots and f"date-{i}" in spots:
        sign, day = spots[f"signature-{i}"], spots[f"date-{i}"]
        spec = SigFieldSpec(f"Signature{i + 1}", on_page=sign.page - 1, box=box(sign, SIGN_HEIGHT))
        append_signature_field(writer, spec)
        _date_field(writer, f"Date{i + 1}", day)
        i += 1
    out = io.BytesIO()
    with _utc_clock():
        writer.write(out)
    return _pinned(pdf, out.getvalue())


@contextmanager
def _utc_clock() -> Iterator[None]:
    """pyHanko dates its update in the machine's time zone ("Z" in UTC, "+01'00'" in
    Stockholm: strings of different lengths). Its time zone comes from tzlocal, which
    reads ``TZ``: set to UTC while it writes, the stamp has the same shape everywhere and
    :func:`_pinned` can replace it in place. The process's own zone is put back after."""
    import tzlocal

    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    tzlocal.reload_localzone()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        tzlocal.reload_localzone()


def _date_field(writer: Any, name: str, spot: Spot) -> None:
    """A one-line text field over the date line, added to the page and the form."""
    from pyhanko.pdf_utils import generic as typed
    from pyhanko.pdf_utils.generic import pdf_name

    generic: Any = typed  # some of its constructors carry no annotations

    page_ref = writer.find_page_for_modification(spot.page - 1)[0]
    field = generic.DictionaryObject(
        {
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): generic.TextStringObject(name),
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/F"): generic.NumberObject(4),  # printed
            pdf_name("/Rect"): generic.ArrayObject(
                map(generic.NumberObject, box(spot, DATE_HEIGHT))
            ),
            pdf_name("/P"): page_ref,
            pdf_name("/DA"): generic.TextStringObject(f"{FIELD_FONT} 9 Tf 0 g"),
        }
    )
    ref = writer.add_object(field)
    page = page_ref.get_object()
    page["/Annots"].append(ref)
    writer.mark_update(page_ref)
    form_ref = writer.root.raw_get("/AcroForm")
    form = form_ref.get_object()
    form["/Fields"].append(ref)
    form[pdf_name("/DA")] = generic.TextStringObject(f"{FIELD_FONT} 0 Tf 0 g")
    form[pdf_name("/DR")] = generic.DictionaryObject(
        {pdf_name("/Font"): generic.DictionaryObject({pdf_name(FIELD_FONT): _helvetica(writer)})}
    )
    writer.mark_update(form_ref)


def _helvetica(writer: Any) -> Any:
    """The form's font: Helvetica, which every PDF viewer has (the standard 14 fonts are
    never embedded), so what a signer types is drawn whatever the viewer."""
    from pyhanko.pdf_utils import generic as typed
    from pyhanko.pdf_utils.generic import pdf_name

    generic: Any = typed  # some of its constructors carry no annotations

    form = writer.root["/AcroForm"]
    if "/DR" in form:
        return form["/DR"].raw_get("/Font").raw_get(FIELD_FONT)
    return writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/Helvetica"),
                pdf_name("/Encoding"): pdf_name("/WinAnsiEncoding"),
            }
        )
    )


def _pinned(base: bytes, out: bytes) -> bytes:
    """``out`` with the clock and the random identifier of pyHanko's update replaced by
    the document's date and a digest of ``base`` (see the module's docstring)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(out))
    created = str(reader.trailer["/Info"]["/CreationDate"])[2:10]  # YYYYMMDD
    moddate = str(reader.trailer["/Info"]["/ModDate"])[2:16]  # YYYYMMDDHHmmSS
    xmp = reader.root["/Metadata"].data.decode("utf-8")
    modify = re.search(r'xmp:ModifyDate="(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)', xmp)
    if modify is None:  # pragma: no cover - pyHanko always writes it
        raise RuntimeError("pyHanko wrote no XMP ModifyDate")
    day = f"{created[:4]}-{created[4:6]}-{created[6:8]}"
    swaps = [
        (moddate, created + "000000"),
        (modify.group(1), day + "T00:00:00"),
        (reader.document_id[1].hex(), hashlib.sha256(base).hexdigest()[:32]),
    ]
    tail = out[len(base) :]
    for old, new in swaps:
        found = tail.count(old.encode("ascii"))
        if found != 1 or len(old) != len(new):
            raise RuntimeError(f"cannot pin {old!r} in pyHanko's update ({found} found)")
        tail = tail.replace(old.encode("ascii"), new.encode("ascii"))
    return base + tail
