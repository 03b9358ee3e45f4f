"""The PDF's signature block over a sweep of description lengths: on every length, the
signature heading, both parties' signature and date lines (and their form fields) and
the end of the last clause share one page (issue 15: no split signature block)."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
import yaml
from conftest import SAMPLES
from pypdf import PdfReader

from contractkit import document as doc
from contractkit.assemble.contract import build_contract
from contractkit.job.reader import parse_job
from contractkit.render.pdf import render_pdf

pytestmark = pytest.mark.slow  # 48 contracts

SENTENCE = (
    "Each template is delivered with notes on its use, its spacing and the images it "
    "takes, so that the Client's team can build new pages without help. "
)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_signatures_never_leave_the_end_of_the_contract() -> None:
    data = yaml.safe_load((SAMPLES / "website-redesign.yaml").read_text(encoding="utf-8"))
    base = data["project"]["description"]
    pages_seen = set()
    for extra in range(48):
        data["project"]["description"] = base + " " + SENTENCE * extra
        d = build_contract(parse_job(yaml.safe_dump(data, allow_unicode=True)), date(2026, 11, 24))
        signatures = next(i for i, b in enumerate(d.blocks) if isinstance(b, doc.Signatures))
        last = d.blocks[signatures - 1]
        assert isinstance(last, doc.Paragraph)
        reader = PdfReader(io.BytesIO(render_pdf(d)))
        pages = [p.extract_text() for p in reader.pages]
        pages_seen.add(len(pages))
        (where,) = [i for i, text in enumerate(pages) if "\nSignatures\n" in f"\n{text}\n"]
        page = pages[where]
        after = page[page.index("Signatures") :]
        assert after.count("Signature") >= 3 and after.count("Date") >= 2, (extra, after)
        assert "Åsa Öberg" in after and "Łukasz Wójcik" in after, (extra, after)
        assert _flat(doc.plain(last.text)[-60:]) in _flat(page[: page.index("Signatures")])
        fields = {
            str(a.get_object()["/T"]): n
            for n, p in enumerate(reader.pages)
            for a in p.get("/Annots", [])
            if "/T" in a.get_object()
        }
        assert fields == dict.fromkeys(["Signature1", "Date1", "Signature2", "Date2"], where)
    assert len(pages_seen) >= 2  # the sweep crossed a page break
