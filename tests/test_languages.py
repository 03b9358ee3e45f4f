"""Every language has every clause, with the same structure and variables, and no English."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import yaml
from conftest import SAMPLES, pdf_text
from jinja2 import meta

from contractkit.assemble.contract import build_contract
from contractkit.job.reader import validate_job
from contractkit.library.clauses import contract_clauses, labels
from contractkit.library.templating import environment
from contractkit.paths import languages
from contractkit.render.pdf import render_pdf

OTHERS = [lang for lang in languages() if lang != "en"]


def variables(source: str) -> set[str]:
    return set(meta.find_undeclared_variables(environment().parse(source)))


def structure(language: str) -> dict[str, Any]:
    out = {}
    for clause in contract_clauses(language):
        m = clause.meta
        used: set[str] = set()
        for block in clause.blocks:
            if block.kind != "directive":
                for src in block.source:
                    used |= variables(src)
        directives = [b.source[0] for b in clause.blocks if b.kind == "directive"]
        out[m.id] = {
            "order": m.order,
            "when": m.when,
            "optional": m.optional,
            "default": m.default,
            "directives": directives,
            "variables": used,
        }
    return out


def label_keys(node: Any, prefix: str = "") -> set[str]:
    if isinstance(node, dict):
        return {k for key, v in node.items() for k in label_keys(v, f"{prefix}{key}.")}
    return {prefix.rstrip(".")}


def test_there_is_at_least_english() -> None:
    assert "en" in languages()


# A language may need ``law`` to name its own country's statute behind a
# ``law.country`` guard, ``plural`` only where its grammar needs it, and ``client`` where
# it names the client's company as the party (Hungarian «a Kovács Szoftver Kft. szerzi meg»)
# while another language addresses the reader («Państwo»).
LANGUAGE_SPECIFIC = {"law", "plural", "client"}


@pytest.mark.parametrize("language", OTHERS)
def test_every_clause_exists_with_the_same_structure_and_variables(language: str) -> None:
    english, other = structure("en"), structure(language)
    assert sorted(other) == sorted(english)
    for cid in english:
        for side in (english[cid], other[cid]):
            side["variables"] = side["variables"] - LANGUAGE_SPECIFIC
        assert other[cid] == english[cid], cid


@pytest.mark.parametrize("language", OTHERS)
def test_labels_have_the_same_keys_and_placeholders(language: str) -> None:
    en, other = labels("en"), labels(language)
    keys = label_keys(en) - {k for k in label_keys(en) if k.startswith(("letters.", "timeline."))}
    assert keys <= label_keys(other)

    def get(node: Any, key: str) -> str:
        for part in key.split("."):
            node = node[part]
        return str(node)

    for key in keys:
        assert set(re.findall(r"{(\w+)}", get(en, key))) == set(
            re.findall(r"{(\w+)}", get(other, key))
        ), key


def _english_words() -> set[str]:
    """English headings and labels that must not survive in another language."""
    words = {c.meta.title for c in contract_clauses("en")}
    en = labels("en")
    words |= {en["contract_title"], en["signatures_heading"], en["agreement"]["made"]}
    words |= {en["schedule"][k] for k in ("instalment", "amount", "due", "deposit")}
    return {w for w in words if len(w) > 4}


@pytest.mark.parametrize("language", OTHERS)
@pytest.mark.parametrize("sample", ["website-redesign", "illustrator-poland", "us-copywriter"])
def test_documents_contain_no_english_headings(language: str, sample: str) -> None:
    data = yaml.safe_load((SAMPLES / f"{sample}.yaml").read_text(encoding="utf-8"))
    data["language"] = language
    job = validate_job(data)
    text = pdf_text(render_pdf(build_contract(job, date(2026, 11, 24))))
    leftovers = sorted(w for w in _english_words() if w in text)
    assert not leftovers, leftovers
    assert re.search(r"\b1\.\s", text)  # numbered clauses


def letter_structure(language: str) -> dict[str, Any]:
    from contractkit.library.letters import letter_library

    out = {}
    for letter in letter_library(language):
        meta = letter.meta.model_dump(exclude={"title", "purpose", "subject"})
        used = variables(letter.meta.subject)
        for block in letter.blocks:
            if block.kind != "directive":
                for src in block.source:
                    used |= variables(src)
        out[letter.meta.id] = {**meta, "variables": used - LANGUAGE_SPECIFIC}
    return out


@pytest.mark.parametrize("language", OTHERS)
def test_every_letter_exists_with_the_same_front_matter_and_variables(language: str) -> None:
    english, other = letter_structure("en"), letter_structure(language)
    assert sorted(other) == sorted(english)
    for lid in english:
        assert other[lid] == english[lid], lid


ENGLISH_LETTER_WORDS = re.compile(r"\b(Dear|Kind regards|invoice|clause|overdue|Please)\b")


@pytest.mark.parametrize("language", OTHERS)
def test_letters_contain_no_english(language: str) -> None:
    from contractkit.assemble.letters import build_letter
    from contractkit.job.facts import Facts
    from contractkit.library.letters import letter_library
    from contractkit.render.text import render_text

    data = yaml.safe_load((SAMPLES / "website-redesign.yaml").read_text(encoding="utf-8"))
    data["language"] = language
    job = validate_job(data)
    for letter in letter_library(language):
        rendered = build_letter(job, letter.meta.id, Facts(), on_demand=False)
        text = render_text(rendered.document).decode("utf-8")
        assert not ENGLISH_LETTER_WORDS.findall(text), (letter.meta.id, text)
        assert rendered.subject and not ENGLISH_LETTER_WORDS.findall(rendered.subject)


@pytest.mark.parametrize(("language", "dash"), [("en", " — "), ("pl", " – "), ("sv", " – ")])
def test_the_running_footer_uses_the_languages_own_dash(language: str, dash: str) -> None:
    from contractkit.job.reader import load_job

    job = load_job(SAMPLES / "website-redesign.yaml", language)
    document = build_contract(job, created=date(2026, 11, 24))
    assert document.full_title == f"{document.title}{dash}{job.project.title}"
    footer = " ".join(pdf_text(render_pdf(document)).split())
    # (the title is in the language's typography: «Umowa o~świadczenie»)
    assert " ".join(f"{document.title}{dash}{job.project.title}".split()) in footer


@pytest.mark.parametrize(
    ("sample", "kind", "client", "expected"),
    [
        ("hu-weboldalszovegek", "final-notice", {"title": "mr"}, "Tisztelt Kovács Úr!"),
        ("hu-weboldalszovegek", "final-notice", {}, "Tisztelt Kovács Péter!"),
        ("hu-weboldalszovegek", "follow-up", {}, "Kedves Péter!"),
        ("sv-webbutik", "follow-up", {"first_name": "Majken"}, "Hej Majken,"),
        ("website-redesign", "follow-up", {"salutation": "Dear Łukasz,"}, "Dear Łukasz,"),
    ],
)
def test_the_client_is_greeted_as_the_job_says(
    sample: str, kind: str, client: dict[str, str], expected: str
) -> None:
    from contractkit.assemble.letters import build_letter
    from contractkit.job.facts import Facts

    data = yaml.safe_load((SAMPLES / f"{sample}.yaml").read_text(encoding="utf-8"))
    data["client"] |= client
    job = validate_job(data)
    letter = build_letter(job, kind, Facts(), on_demand=False)
    assert letter.body[0].text == expected  # type: ignore[union-attr]
