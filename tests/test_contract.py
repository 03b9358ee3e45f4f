"""`contractkit build`: the contract's content, read back from the PDF and the DOCX."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import docx_paragraphs, docx_xml, pdf_text

from contractkit.cli import main
from contractkit.library.typography import typeset


def build(*args: str) -> Any:
    return CliRunner().invoke(main, ["build", "--as-of", "2026-11-24", *args])


@pytest.fixture
def built(sample_path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = build(str(sample_path), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_pdf_carries_parties_clauses_and_schedule(built: Path) -> None:
    text = flat(pdf_text(built / "contract.pdf"))
    for expected in (
        "Freelance Services Agreement",
        "Website redesign",
        "Åsa Öberg",
        "Öberg Design AB",
        "Łukasz Wójcik",
        "Wójcik & Syn Sp. z o.o.",
        "ul. Długa 5, 00-238 Warszawa, Poland",
        "+48 600 100 200",
        "1. Scope of work",
        "4. Deposit",
        "Deposit (non-refundable) 50% €6,000.00",
        "Design approved 25% €3,000.00",
        "Website launched 25% €3,000.00",
        "Total 100% €12,000.00",
        "1.5% per month",
        "Stockholm District Court",
        "the laws of Sweden",
        "Page 1 of",
        "Signature",
    ):
        assert expected in text, expected


def test_clause_numbers_are_sequential_and_cross_references_resolve(built: Path) -> None:
    text = pdf_text(built / "contract.pdf")
    headings = [int(n) for n in re.findall(r"^(\d+)\. [A-Z]", text, re.M)]
    assert headings == list(range(1, len(headings) + 1))
    assert len(headings) >= 12
    # the stop-work clause is referred to by its own number
    stop_work = re.search(r"^(\d+)\. Stop-work and kill fee", text, re.M)
    assert stop_work and f"clause {stop_work.group(1)}" in flat(text)
    assert "approval" not in re.findall(r"^\d+\. (\w+)", text.lower(), re.M)  # optional, off


def test_docx_has_the_same_content_and_word_structure(built: Path) -> None:
    paragraphs = docx_paragraphs(built / "contract.docx")
    joined = "\n".join(paragraphs)
    assert paragraphs[0] == "Freelance Services Agreement"
    assert "Scope of work" in paragraphs  # numbered by Word's list, not typed
    for expected in ("Łukasz Wójcik", "€6,000.00", "Stockholm District Court"):
        assert expected in joined
    assert "{{" not in joined and "{%" not in joined
    xml = docx_xml(built / "contract.docx")
    assert 'w:val="Heading1"' in xml
    assert xml.count("<w:tbl>") >= 3  # parties, schedule, signatures
    footer = docx_xml(built / "contract.docx", "word/footer1.xml")
    assert "PAGE" in footer and "NUMPAGES" in footer and "Page " in footer


def test_docx_core_properties(built: Path) -> None:
    from docx import Document

    props = Document(str(built / "contract.docx")).core_properties
    assert props.title == "Freelance Services Agreement"
    assert props.author == "Åsa Öberg"
    assert props.created is not None and props.created.date().isoformat() == "2026-11-24"


def test_pdf_metadata_and_page_size(built: Path, write_job: Any, tmp_path: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(built / "contract.pdf"))
    assert reader.metadata is not None
    assert reader.metadata.author == "Åsa Öberg"
    assert "Website redesign" in (reader.metadata.title or "")
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4
    us = write_job("us.yaml", **{"law.country": "US"})
    assert build(str(us), "-o", str(tmp_path / "us"), "--format", "pdf").exit_code == 0
    letter = PdfReader(str(tmp_path / "us" / "contract.pdf"))
    assert round(float(letter.pages[0].mediabox.width)) == 612  # US Letter


HOSTILE = (
    "A & B <b>bold</b> {{ 7*7 }} {% if 1 %}x{% endif %} \"quoted\" 'single' "
    '<img src="/etc/passwd"/> ქართული'
)


@pytest.mark.parametrize(
    "field",
    [
        "client.name",
        "client.company",
        "client.address",
        "freelancer.business",
        "project.title",
        "project.description",
        "law.venue",
        "law.governing",
    ],
)
def test_hostile_text_comes_out_literally(write_job: Any, tmp_path: Path, field: str) -> None:
    job = write_job(**{field: HOSTILE})
    out = tmp_path / "out"
    result = build(str(job), "-o", str(out))
    assert result.exit_code == 0, result.output
    # the PDF may wrap the text anywhere: each piece must come out as typed
    # (in the document's typography: curly quotes, a non-breaking space in «1 %»)
    pdf = flat(pdf_text(out / "contract.pdf"))
    for part in ("A & B <b>bold</b> {{ 7*7 }} {% if 1 %}x{% endif %}", '<img src="/etc/passwd"/>'):
        assert flat(typeset("en", part)) in pdf
    assert "ქართული" in pdf and "B bold 49" not in pdf
    joined = "\n".join(docx_paragraphs(out / "contract.docx"))
    assert typeset("en", HOSTILE) in joined


def test_multiline_address_keeps_its_lines(write_job: Any, tmp_path: Path) -> None:
    job = write_job(**{"client.address": "ul. Długa 5\n00-238 Warszawa\nPoland"})
    assert build(str(job), "-o", str(tmp_path / "o")).exit_code == 0
    assert "ul. Długa 5\n00-238\u00a0Warszawa\nPoland" in "\n".join(
        docx_paragraphs(tmp_path / "o" / "contract.docx")
    )
    pdf = pdf_text(tmp_path / "o" / "contract.pdf").replace("\u00a0", " ")
    assert "00-238 Warszawa\nPoland" in pdf


def test_lari_sign_and_georgian_render(write_job: Any, tmp_path: Path) -> None:
    job = write_job(
        **{"payment.currency": "GEL", "client.name": "ნინო ბერიძე", "client.company": "Lari ₾ Ltd"}
    )
    assert build(str(job), "-o", str(tmp_path / "o"), "--format", "pdf").exit_code == 0
    text = pdf_text(tmp_path / "o" / "contract.pdf")
    assert "ნინო ბერიძე" in text
    assert "Lari ₾ Ltd" in text  # drawn by the Noto Sans fallback face
    assert "GEL\u00a012,000.00" in text or "GEL 12,000.00" in text


def test_character_without_a_glyph_is_refused_naming_field(write_job: Any, tmp_path: Path) -> None:
    job = write_job(**{"client.company": "株式会社"})
    result = build(str(job), "-o", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "client.company: '株' (U+682A CJK UNIFIED IDEOGRAPH-682A) has no glyph" in result.output
    assert not (tmp_path / "o").exists()
    # DOCX alone has no such limit: Word picks a font per character
    assert build(str(job), "-o", str(tmp_path / "o"), "--format", "docx").exit_code == 0


def test_uneven_amounts_add_up(write_job: Any, tmp_path: Path) -> None:
    job = write_job(
        **{
            "payment.fee": "1000.00",
            "payment.deposit_percent": "33.33",
            "payment.milestones": [
                {"name": "Drafts", "percent": "33.33"},
                {"name": "Final", "percent": "33.34"},
            ],
        }
    )
    result = build(str(job), "-o", str(tmp_path / "o"), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    amounts = [row["amount"] for row in summary["schedule"]]
    assert amounts == ["333.30", "333.30", "333.40"]
    assert summary["total"] == "1000.00"


def test_json_summary(sample_path: Path, tmp_path: Path) -> None:
    result = build(str(sample_path), "-o", str(tmp_path / "o"), "--json")
    summary = json.loads(result.output)
    assert summary["currency"] == "EUR"
    assert summary["total"] == "12000.00"
    assert summary["schedule"][0] == {
        "label": "Deposit (non-refundable)",
        "percent": "50",
        "amount": "6000.00",
        "due": None,
        "when": "On signing, before work starts",
    }
    assert str(tmp_path / "o" / "contract.pdf") in summary["files"]
    assert [c["number"] for c in summary["clauses"]] == list(range(1, len(summary["clauses"]) + 1))


def test_optional_clauses_in_and_out(write_job: Any, tmp_path: Path) -> None:
    job = write_job(clauses=["approval", "-confidentiality"])
    result = build(str(job), "-o", str(tmp_path / "o"), "--json", "--format", "pdf")
    ids = [c["id"] for c in json.loads(result.output)["clauses"]]
    assert "approval" in ids and "confidentiality" not in ids
    bad = write_job("bad.yaml", clauses=["-deposit", "nonsense"])
    result = build(str(bad), "-o", str(tmp_path / "b"))
    assert result.exit_code == 2
    assert "clauses.include: unknown clause 'nonsense'" in result.output
    assert "clauses.exclude: 'deposit' is a core protection" in result.output


def test_no_deposit_drops_the_deposit_clause(write_job: Any, tmp_path: Path) -> None:
    job = write_job(
        **{"payment.deposit_percent": 0, "payment.milestones": [{"name": "Done", "percent": 100}]}
    )
    result = build(str(job), "-o", str(tmp_path / "o"), "--json", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert "deposit" not in [c["id"] for c in json.loads(result.output)["clauses"]]


def test_default_output_folder_and_batch(write_job: Any, tmp_path: Path) -> None:
    a = write_job("alpha.yaml")
    b = write_job("beta.yaml")
    assert build(str(a), "--format", "pdf").exit_code == 0
    assert (tmp_path / "alpha" / "contract.pdf").is_file()
    result = build(str(a), str(b), "-o", str(tmp_path / "batch"), "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "batch" / "alpha" / "contract.pdf").is_file()
    assert (tmp_path / "batch" / "beta" / "contract.pdf").is_file()


def test_same_input_same_output(sample_path: Path, tmp_path: Path) -> None:
    build(str(sample_path), "-o", str(tmp_path / "a"))
    build(str(sample_path), "-o", str(tmp_path / "b"))
    assert (tmp_path / "a" / "contract.pdf").read_bytes() == (
        tmp_path / "b" / "contract.pdf"
    ).read_bytes()
    for rel in ("contract.docx", "letters/10-final-notice.docx", "timeline.ics"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
