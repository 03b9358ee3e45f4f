"""The PDF's metadata as XMP: title, author, subject, keywords, language and dates.

Why: the Info dictionary alone is deprecated since PDF 2.0; archives, search tools and
PDF/A validators read the XMP packet. Both carry the same values, all from the
:class:`~contractkit.document.Document` (its date, never the clock), so the same input
gives the same bytes.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from contractkit import document as doc

CREATOR = "contractkit"
PRODUCER = "contractkit (reportlab)"


def _clean(text: str) -> str:
    """``text`` as XML character data: escaped, without the control characters XML 1.0
    forbids (a title is one line; a stray tab or newline becomes a space)."""
    return escape("".join(ch if ch >= " " else " " for ch in text))


def info_date(d: doc.Document) -> str:
    """The document's date as the Info dictionary writes it."""
    return f"D:{d.created:%Y%m%d}000000+00'00'"


def xmp_packet(d: doc.Document) -> str:
    """An XMP packet holding the same values as the Info dictionary, and the language."""
    when = f"{d.created:%Y-%m-%d}T00:00:00+00:00"
    title, author = _clean(d.full_title), _clean(d.author)
    optional = ""  # an empty entry would read as a value (an empty description)
    if d.subject:
        optional += (
            f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_clean(d.subject)}'
            "</rdf:li></rdf:Alt></dc:description>\n"
        )
    if d.keywords:
        optional += f"<pdf:Keywords>{_clean(', '.join(d.keywords))}</pdf:Keywords>\n"
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>{_clean(d.language)}</rdf:li></rdf:Bag></dc:language>
<xmp:CreateDate>{when}</xmp:CreateDate>
<xmp:ModifyDate>{when}</xmp:ModifyDate>
<xmp:MetadataDate>{when}</xmp:MetadataDate>
<xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>
<pdf:Producer>{PRODUCER}</pdf:Producer>
{optional}</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""
