"""Form fields on a contract's signature block, and what pyHanko's update must not change.

Each sample contract gets exactly two empty signature fields and two date text fields,
on the page of the signature block, over the lines drawn for them; letters get none.
Adding them changes no extracted text, and the file stays byte-for-byte the same for the
same input, and unencrypted.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import AS_OF, SAMPLES, pdf_text, tiny_document

from contractkit import document as doc
from contractkit.assemble.contract import build_contract
from contractkit.job.reader import load_job
from contractkit.render import pdf_fields
from contractkit.render.pdf import render_pdf

JOBS = sorted(SAMPLES.glob("*.yaml"))


@cache
def contract(job: Path) -> doc.Document:
    return build_contract(load_job(job), created=AS_OF)


@cache
def contract_pdf(job: Path) -> bytes:
    return render_pdf(contract(job))


def reader(pdf: bytes) -> Any:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf))


def widgets(pdf: bytes) -> list[tuple[int, str, str, list[float]]]:
    """(page index, field type, name, rectangle) of every widget annotation."""
    out = []
    for i, page in enumerate(reader(pdf).pages):
        for ref in page.get("/Annots", []):
            annot = ref.get_object()
            if annot.get("/Subtype") == "/Widget":
                rect = [float(v) for v in annot["/Rect"]]
                out.append((i, str(annot["/FT"]), str(annot["/T"]), rect))
    return out


def label_positions(pdf: bytes, page: int, label: str) -> list[tuple[float, float]]:
    """Where each text run equal to ``label`` starts on ``page`` (x, baseline y)."""
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip() == label:
            found.append((cm[4] + tm[4], cm[5] + tm[5]))

    reader(pdf).pages[page].extract_text(visitor_text=visit)
    return sorted(found)


@pytest.mark.parametrize("job", JOBS, ids=[p.stem for p in JOBS])
def test_each_contract_has_two_signature_and_two_date_fields(job: Path) -> None:
    pdf = contract_pdf(job)
    found = widgets(pdf)
    assert sorted((ft, name) for _, ft, name, _ in found) == [
        ("/Sig", "Signature1"),
        ("/Sig", "Signature2"),
        ("/Tx", "Date1"),
        ("/Tx", "Date2"),
    ]
    fields = reader(pdf).get_fields()
    assert {k: str(v["/FT"]) for k, v in fields.items()} == {
        "Signature1": "/Sig",
        "Signature2": "/Sig",
        "Date1": "/Tx",
        "Date2": "/Tx",
    }
    block = next(b for b in contract(job).blocks if isinstance(b, doc.Signatures))
    pages = reader(pdf).pages
    heading_page = next(
        i for i, p in enumerate(pages) if block.heading in p.extract_text().replace("\xa0", " ")
    )
    assert {page for page, *_ in found} == {heading_page}
    for kind, label in (("/Sig", block.signature_label), ("/Tx", block.date_label)):
        labels = label_positions(pdf, heading_page, label)
        rects = sorted(rect for _, ft, _, rect in found if ft == kind)
        assert len(labels) == 2, labels
        for (x, baseline), (left, bottom, right, top) in zip(labels, rects, strict=True):
            # the field starts where the label (just under the line) starts, sits on the
            # line a few points above the label, and covers the room above it
            assert abs(left - x) < 2 and right - left > 100
            assert 0 < bottom - baseline < 14 and top - bottom >= 15


@pytest.mark.parametrize("job", JOBS[:2], ids=[p.stem for p in JOBS[:2]])
def test_fields_change_no_text_and_the_bytes_stay_the_same(
    job: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_fields = contract_pdf(job)
    assert render_pdf(contract(job)) == with_fields
    assert not reader(with_fields).is_encrypted
    monkeypatch.setattr(pdf_fields, "add_fields", lambda pdf, spots: pdf)
    plain = render_pdf(contract(job))
    assert with_fields.startswith(plain)  # an incremental update: the text is untouched
    assert pdf_text(plain) == pdf_text(with_fields)
    assert b"/AcroForm" not in plain


def test_a_letter_has_no_fields() -> None:
    pdf = render_pdf(tiny_document("Dear client", kind="letter"))
    assert b"/AcroForm" not in pdf and not widgets(pdf)


def test_date_lines_align_when_one_party_has_more_lines() -> None:
    sign = doc.Signatures(
        "Signatures",
        (
            doc.Party("The Freelancer", ("Ann Lee",)),
            doc.Party("The Client", ("Bo Berg", "Director", "for Berg AB", "Org. nr 556000-0000")),
        ),
        "Signature",
        "Date",
    )
    d = tiny_document("Body text.")
    pdf = render_pdf(replace(d, blocks=(*d.blocks, sign)))
    rects = {name: rect for _, _, name, rect in widgets(pdf)}
    assert rects["Date1"][1] == rects["Date2"][1]
    assert rects["Signature1"][1] == rects["Signature2"][1]
    assert rects["Date1"][1] < rects["Signature1"][1] - 50  # below the client's four lines


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_finds_no_problem(tmp_path: Path) -> None:
    path = tmp_path / "c.pdf"
    path.write_bytes(contract_pdf(JOBS[0]))
    subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)


def test_the_pinned_update_keeps_the_documents_date() -> None:
    info = reader(contract_pdf(JOBS[0])).metadata
    assert str(info["/ModDate"]).startswith(f"D:{AS_OF:%Y%m%d}000000")  # not the clock's
    assert str(info["/CreationDate"]).startswith(f"D:{AS_OF:%Y%m%d}000000")


@pytest.mark.slow
def test_the_same_bytes_in_every_time_zone(tmp_path: Path) -> None:
    """pyHanko stamps its update in the machine's zone: built in UTC and in Tbilisi
    (+04:00), the contract must still be byte for byte the same."""
    import os
    import sys

    built = []
    for zone in ("UTC", "Asia/Tbilisi", "America/New_York"):
        out = tmp_path / zone.replace("/", "-")
        env = {**os.environ, "TZ": zone}
        subprocess.run(
            [sys.executable, "-m", "contractkit", "build", str(JOBS[0]), "-o", str(out),
             "--as-of", AS_OF.isoformat(), "--format", "pdf"],
            check=True, capture_output=True, env=env,
        )  # fmt: skip
        built.append((out / "contract.pdf").read_bytes())
    assert built[0] == built[1] == built[2]
