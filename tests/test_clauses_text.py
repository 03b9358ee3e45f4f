"""The contract's clauses (issue 15): no contradicting sentences, the new optional clauses
in and out, the US variant, and the overlay that builds it. Each test reads the PDF."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SAMPLES, pdf_text

from contractkit.assemble.contract import build_contract, select_clauses
from contractkit.errors import LibraryError
from contractkit.job.reader import validate_job
from contractkit.library.clauses import contract_clauses, labels
from contractkit.library.variants import library_files
from contractkit.render.pdf import render_pdf

NEW = ("force-majeure", "originality", "credit", "source-files", "fix-window", "data-protection")


def sample(name: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    for key, value in changes.items():
        node = data
        *parents, last = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return data


def text_of(data: dict[str, Any]) -> str:
    job = validate_job(data)
    raw = pdf_text(render_pdf(build_contract(job, date(2026, 11, 24))))
    return re.sub(r"\s+", " ", raw)


def clause_text(text: str, title: str) -> tuple[str, str]:
    """(number, body) of the clause headed ``title``."""
    m = re.search(
        rf"(\d+)\. {re.escape(title)} (.*?)(?= \d+\. [A-Z][a-z]+[^.]*? \d+\.1 | Signatures )", text
    )
    assert m, title
    return m.group(1), m.group(2)


@pytest.fixture(scope="module")
def english() -> str:
    return text_of(sample("website-redesign"))


def test_no_clause_says_the_deposit_is_never_refunded(english: str) -> None:
    assert "never refunded" not in english
    assert "not refunded, even if" not in english
    number, deposit = clause_text(english, "Deposit")
    assert "refunds the part of the deposit that exceeds the value of the work done" in deposit
    _, stop = clause_text(english, "Stop-work and kill fee")
    assert f"settled by clause {number} alone" in stop


def test_cancellation_is_termination_on_its_notice(english: str) -> None:
    term_no, term = clause_text(english, "Termination")
    _, stop = clause_text(english, "Stop-work and kill fee")
    assert f"only by ending this agreement on the notice set out in clause {term_no}" in stop
    assert "The Client cancels the project by giving this notice" in term
    assert "30 days after the notice is received" in term
    assert "treat the project as cancelled" not in english


def test_rights_pass_only_in_work_paid_for_in_full_in_both_clauses(english: str) -> None:
    ip_no, ip = clause_text(english, "Intellectual property")
    _, term = clause_text(english, "Termination")
    assert "Rights pass to the Client only in work paid for in full." in ip
    assert (
        f"work paid for in full, and the rights in it pass to the Client under clause {ip_no}"
        in term
    )
    assert "No rights pass in work that has not been paid for in full." in term


def test_one_venue_rule_for_both_parties_and_consumers_keep_their_court(english: str) -> None:
    _, law = clause_text(english, "Governing law and disputes")
    assert "either party may use that procedure" in law
    assert "does not stop the Freelancer" not in law
    assert "consumer" not in law
    consumer = text_of(sample("website-redesign", **{"client.kind": "consumer"}))
    _, law = clause_text(consumer, "Governing law and disputes")
    assert "the Freelancer may bring a claim against the Client only there" in law


def test_email_for_everyday_talk_formal_notices_also_by_registered_post(english: str) -> None:
    comm_no, comm = clause_text(english, "Communication")
    gen_no, general = clause_text(english, "General terms")
    assert f"Formal notices are given as set out in clause {gen_no}" in comm
    assert "by email and also by registered post" in general
    assert f"Everyday communication is by email, as set out in clause {comm_no}" in general
    # business days are defined once, in the general clause (in curly quotes: typography)
    assert english.count("“Business days” are") == 1
    assert "“days” are calendar days" in general
    assert "Business days are" not in comm


def test_the_parties_block_replaces_the_contacts_table() -> None:
    for language in ("en", "pl", "sv", "hu", "ka"):
        for clause in contract_clauses(language):
            assert all(b.kind != "directive" or b.source == ("schedule",) for b in clause.blocks)


@pytest.mark.parametrize("cid", NEW)
def test_each_new_optional_clause_in_and_out(cid: str) -> None:
    meta = {c.meta.id: c.meta for c in contract_clauses("en")}[cid]
    assert meta.optional and meta.purpose
    title = meta.title
    with_it = text_of(sample("website-redesign", clauses=[cid]))
    without = text_of(sample("website-redesign", clauses=[f"-{cid}"]))
    assert re.search(rf"\d+\. {re.escape(title)} \d+\.1 ", with_it), title
    assert not re.search(rf"\d+\. {re.escape(title)} ", without), title


def test_credit_and_data_protection_are_off_by_default(english: str) -> None:
    assert "Credit 1" not in english and "Personal data" not in english


def test_data_protection_follows_article_28_only_where_the_gdpr_applies() -> None:
    eu = text_of(sample("website-redesign", clauses=["data-protection"]))
    us = text_of(sample("us-copywriter", clauses=["data-protection"]))
    assert "Article 28 of the General Data Protection Regulation" in eu
    assert "personal data breach" in eu
    assert "GDPR" not in us and "Article 28" not in us
    assert "keep it confidential and reasonably secure" in us


def test_approval_is_offered_first_by_the_wizard() -> None:
    from contractkit.wizard import questions

    src = Path(questions.__file__).read_text(encoding="utf-8")
    assert 'optional.sort(key=lambda m: (m.id != "approval", m.order))' in src


def test_the_us_contract_reads_as_a_us_contract() -> None:
    text = text_of(sample("us-copywriter"))
    for british in (
        "licence",
        "instalment",
        "Instalment",
        "VAT",
        "reverse-charge",
        "registered post",
    ):
        assert british not in text, british
    assert "Installment" in text
    assert "Commercial Claims Part" in text and "Civil Court of the City of New York" in text
    assert "certified mail, return receipt requested" in text
    licence = text_of(sample("us-copywriter", **{"ip.transfer": "licence"}))
    assert "non-exclusive, worldwide, perpetual license" in licence and "licence" not in licence


def test_a_us_contract_outside_new_york_names_no_new_york_court() -> None:
    text = text_of(
        sample(
            "us-copywriter",
            **{
                "law.governing": "the laws of the State of Illinois",
                "law.venue": "the courts of Cook County, Illinois",
            },
        )
    )
    assert "small claims court for that place" in text
    assert "Civil Court of the City of New York" not in text


def test_the_variant_falls_back_to_english_for_files_it_does_not_override() -> None:
    files = {p.name: p for p in library_files("en", "contract", "US")}
    assert files["fee.md"].parent.parent.name == "en-US"
    assert files["scope.md"].parent.parent.name == "en"
    assert [p.name for p in library_files("en", "contract", "US")] == [
        p.name for p in library_files("en", "contract")
    ]
    us_labels, en_labels = labels("en", country="US"), labels("en")
    assert us_labels["schedule"]["instalment"] == "Installment"
    assert us_labels["schedule"]["deposit"] == en_labels["schedule"]["deposit"]  # not overridden
    assert labels("en", country="GB") == en_labels  # no variant: the language itself
    job = validate_job(sample("us-copywriter"))
    by_id = {nc.clause.meta.id: nc.clause for nc in select_clauses(job)}
    assert by_id["scope"].path.parent.parent.name == "en"
    assert by_id["law"].path.parent.parent.name == "en-US"
    # the same numbers in both: a variant never changes which clauses a contract has
    gb = validate_job(sample("us-copywriter", **{"law.country": "GB", "freelancer.tax_id": None}))
    assert [nc.clause.meta.id for nc in select_clauses(gb)] == list(by_id)


def test_a_variant_may_replace_but_not_add_or_reorder(tmp_path: Path) -> None:
    for lang in ("en", "en-XX"):
        (tmp_path / lang / "contract").mkdir(parents=True)
    head = "---\nid: {id}\ntitle: T\norder: {order}\npurpose: P\n---\nText.\n"
    (tmp_path / "en" / "contract" / "a.md").write_text(head.format(id="a", order=1))
    (tmp_path / "en-XX" / "contract" / "a.md").write_text(head.format(id="a", order=1))
    assert contract_clauses("en", tmp_path, "XX")[0].path.parent.parent.name == "en-XX"
    (tmp_path / "en-XX" / "contract" / "a.md").write_text(head.format(id="a", order=2))
    contract_clauses.cache_clear()
    with pytest.raises(LibraryError, match="must keep the base clause's order"):
        contract_clauses("en", tmp_path, "XX")
    (tmp_path / "en-XX" / "contract" / "b.md").write_text(head.format(id="b", order=3))
    with pytest.raises(LibraryError, match="may only replace"):
        library_files("en", "contract", "XX", tmp_path)


def test_a_us_freelancer_with_an_eu_client_gets_article_28_in_us_spelling() -> None:
    text = text_of(sample("us-copywriter", clauses=["data-protection"], **{"client.country": "DE"}))
    assert "Article 28 of the General Data Protection Regulation" in text
    assert "technical and organizational measures" in text and "organisational" not in text
