"""Typography of the finished document: curly quotes, apostrophes, non-breaking spaces.

The helper runs once over the whole document (contract and letters alike), so the cases
here cover its promises: idempotent, one character for one (only quotes and spaces ever
change), balanced quotes, user text as data, addresses left exactly as typed.
"""

from __future__ import annotations

import pytest
from conftest import tiny_document
from hypothesis import given
from hypothesis import strategies as st

from contractkit import document as doc
from contractkit.library.typography import NBSP, typeset, typeset_document

LANGUAGES = ("en", "pl", "sv", "hu", "ka")
CURLY = {"'": "‘’", '"': "“”„"}
OPENING = {"en": "“", "pl": "„", "sv": "”", "hu": "„", "ka": "„"}
CLOSING = {"en": "”", "pl": "”", "sv": "”", "hu": "”", "ka": "“"}

texts = st.text(
    alphabet=st.sampled_from([*"ab Zł12.,§'\"-–—\n@/:(", "ქ", "\u00a0", "“", "’"]),
    max_size=60,
)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", 'the "Work" and the Client\'s files', "the “Work” and the Client’s files"),
        ("en", "a 'short' quote", "a ‘short’ quote"),
        ("pl", '"Dzieło" i Zamawiający\'s', "„Dzieło” i~Zamawiający’s"),
        ("sv", 'kallat "Verket"', "kallat ”Verket”"),
        ("hu", 'a "Mű" szerint', "a „Mű” szerint"),
        ("ka", '"ნამუშევარი" ხელშეკრულება', "„ნამუშევარი“ ხელშეკრულება"),
        ("en", "within 5 business days", "within 5~business days"),
        ("en", "under clause 9, and § 4", "under clause~9, and §~4"),
        ("en", "signed by J. Smith for EUR 1,500", "signed by J.~Smith for EUR~1,500"),
        ("pl", "kwota 12 000 zł", "kwota 12~000~zł"),
        ("en", "Agreement — Website", "Agreement~— Website"),
    ],
)
def test_quotes_and_spaces(language: str, text: str, expected: str) -> None:
    assert typeset(language, text) == expected.replace("~", NBSP)


def test_addresses_are_left_as_typed() -> None:
    text = "write to o'brien@example.com or see https://example.com/a'b \"x\""
    out = typeset("en", text)
    assert "o'brien@example.com" in out
    assert "https://example.com/a'b" in out
    assert out.endswith("“x”")


def test_user_text_is_data_not_markup() -> None:
    text = '<b>"bold"</b> & <img src="/etc/passwd"/>'
    out = typeset("en", text)
    assert out.replace("“", '"').replace("”", '"') == text


@given(st.sampled_from(LANGUAGES), texts)
def test_idempotent(language: str, text: str) -> None:
    once = typeset(language, text)
    assert typeset(language, once) == once


@given(st.sampled_from(LANGUAGES), texts)
def test_only_quotes_and_spaces_change(language: str, text: str) -> None:
    out = typeset(language, text)
    assert len(out) == len(text)
    for before, after in zip(text, out, strict=True):
        if before != after:
            assert (before == " " and after == NBSP) or after in CURLY.get(before, "") + "’"


@given(
    st.sampled_from(LANGUAGES),
    st.lists(st.text(alphabet="abc żółw 12", min_size=1, max_size=8).map(str.strip), max_size=6),
)
def test_quoted_words_open_and_close_in_turn(language: str, words: list[str]) -> None:
    words = [w for w in words if w]
    text = " ".join(f'"{w}"' for w in words)
    out = typeset(language, text)
    marks = [c for c in out if c in "“”„"]
    assert marks == [OPENING[language], CLOSING[language]] * len(words)


def test_the_whole_document_is_set() -> None:
    d = doc.Document(
        title='The "Work"',
        language="pl",
        author="J. Smith",
        created=tiny_document().created,
        page_size="A4",
        page_label="{page}/{pages}",
        blocks=(
            doc.Heading("Zapłata w terminie", number="4"),
            doc.Paragraph('Zgodnie z pkt 9 "umowy"'),
            doc.Bullets(("w 5 dni",)),
            doc.Table(header=("a b",), rows=(("12 000 zł",),), total=("o 1",)),
            doc.Parties((doc.Party("Wykonawca", ("ul. Długa 5, 31-147 Kraków",)),)),
            doc.Signatures("Podpisy", (doc.Party("Zamawiający", ("i Syn",)),), "Podpis", "Data"),
        ),
    )
    texts = list(typeset_document(d).texts())
    for expected in (
        "The „Work”",
        "4. Zapłata w~terminie",
        "Zgodnie z~pkt~9 „umowy”",
        "w~5~dni",
        "12~000~zł",
        "o~1",
        "i~Syn",
    ):
        assert expected.replace("~", NBSP) in texts, expected
    assert typeset_document(d).author == "J. Smith"  # metadata stays as typed


def test_phone_numbers_never_break() -> None:
    text = typeset("en", "Call me on +46 70 123 45 67, or +995 555 12 34 56.")
    assert "+46\u00a070\u00a0123\u00a045\u00a067," in text
    assert "+995\u00a0555\u00a012\u00a034\u00a056." in text
    assert typeset("en", "in 2027 we") == "in 2027\u00a0we"  # no phone: the usual rules
