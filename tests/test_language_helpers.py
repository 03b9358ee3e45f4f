"""The language helpers, each with the real cases from the native reviews (2026-12)."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import tiny_document

from contractkit.errors import LibraryError
from contractkit.library.formatting import Formatter
from contractkit.library.language import (
    count_of,
    hu_article,
    hu_date,
    ka_date,
    ka_ordinal,
    money_text,
    recase,
    salutation,
    with_article,
)
from contractkit.library.templating import render
from contractkit.library.typography import city_of, date_line, typeset, typeset_document

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("SMS Media Kft.", "az SMS Media Kft."),  # es-em-es
        ("1000 Ötlet Kft.", "az 1000 Ötlet Kft."),  # ezer
        ("1 500 000 Ft", "az 1 500 000 Ft"),  # egymillió
        ("5 Csillag Bt.", "az 5 Csillag Bt."),  # öt
        ("55 Kft.", "az 55 Kft."),  # ötvenöt
        ("12 Ötlet Kft.", "a 12 Ötlet Kft."),  # tizenkettő
        ("100 Ötlet Kft.", "a 100 Ötlet Kft."),  # száz
        ("2000 Kft.", "a 2000 Kft."),  # kétezer
        ("MTA", "az MTA"),  # em-té-á
        ("RTL Magyarország", "az RTL Magyarország"),
        ("BKV Zrt.", "a BKV Zrt."),  # bé-ká-vé
        ("NATO", "a NATO"),  # read as a word
        ("MÁV", "a MÁV"),
        ("Alma Kft.", "az Alma Kft."),
        ("Ödön és Társa", "az Ödön és Társa"),
        ("Kovács Péter", "a Kovács Péter"),
        ("„Ablak” Bt.", "az „Ablak” Bt."),
    ],
)
def test_hungarian_article_follows_pronunciation(value: str, expected: str) -> None:
    assert with_article(value) == expected


def test_hungarian_article_at_sentence_start_and_alone() -> None:
    assert with_article("SMS Media Kft.", capital=True) == "Az SMS Media Kft."
    assert hu_article("1000 Ötlet Kft.") == "az"
    with pytest.raises(LibraryError):
        hu_article("  ")


@pytest.mark.parametrize(
    ("day", "on", "until", "adj"),
    [
        (1, "1-jén", "1-jéig", "1-jei"),
        (2, "2-án", "2-áig", "2-i"),
        (5, "5-én", "5-éig", "5-i"),
        (12, "12-én", "12-éig", "12-i"),
        (15, "15-én", "15-éig", "15-i"),
        (20, "20-án", "20-áig", "20-i"),
        (21, "21-én", "21-éig", "21-i"),
        (22, "22-én", "22-éig", "22-i"),
        (23, "23-án", "23-áig", "23-i"),
        (30, "30-án", "30-áig", "30-i"),
    ],
)
def test_hungarian_date_endings(day: int, on: str, until: str, adj: str) -> None:
    d = date(2027, 1, day)
    head = f"2027.{NB}január{NB}{day}"
    assert hu_date(d) == f"{head}."
    assert hu_date(d, "on") == f"2027.{NB}január{NB}{on}"
    assert hu_date(d, "until") == f"2027.{NB}január{NB}{until}"
    assert hu_date(d, "adj") == f"2027.{NB}január{NB}{adj}"


def test_hungarian_date_from() -> None:
    assert hu_date(date(2027, 3, 3), "from").endswith("3-ától")
    assert hu_date(date(2027, 3, 15), "from").endswith("15-étől")


@pytest.mark.parametrize(
    ("when", "case", "expected"),
    [
        (date(2027, 1, 15), "nom", "2027 წლის 15 იანვარი"),
        (date(2027, 2, 10), "dat", "2027 წლის 10 თებერვალს"),  # … გამოგზავნილ წერილში
        (date(2027, 7, 15), "gena", "2027 წლის 15 ივლისისა"),  # არაუგვიანეს …
        (date(2027, 1, 15), "until", "2027 წლის 15 იანვრამდე"),
        (date(2027, 1, 15), "gen", "2027 წლის 15 იანვრის"),
        (date(2027, 8, 1), "until", "2027 წლის 1 აგვისტომდე"),
        (date(2027, 12, 31), "gen", "2027 წლის 31 დეკემბრის"),
        (date(2027, 3, 20), "dat", "2027 წლის 20 მარტს"),
    ],
)
def test_georgian_legal_dates_in_their_cases(when: date, case: str, expected: str) -> None:
    assert ka_date(when, case).replace(NB, " ") == expected


def test_georgian_formatter_dates_year_first() -> None:
    fmt = Formatter("ka", "GE")
    assert fmt.date(date(2027, 1, 15)).replace(NB, " ") == "2027 წლის 15 იანვარი"
    assert "," not in fmt.date(date(2027, 3, 20))
    with pytest.raises(LibraryError):
        Formatter("sv", "SE").date(date(2027, 1, 15), "dat")


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1-ლი"), (2, "მე-2"), (13, "მე-13"), (20, "მე-20"), (21, "21-ე"), (40, "მე-40"),
     (41, "41-ე"), (100, "მე-100")],
)  # fmt: skip
def test_georgian_ordinals(n: int, expected: str) -> None:
    assert ka_ordinal(n) == expected
    assert ka_ordinal(str(n)) == expected


SV_DAY = {"one": "arbetsdag", "other": "arbetsdagar"}
PL_DAY = {"one": "dzień roboczy", "few": "dni robocze", "many": "dni roboczych",
          "other": "dnia roboczego"}  # fmt: skip


@pytest.mark.parametrize(
    ("language", "forms", "n", "expected"),
    [
        ("sv", SV_DAY, 1, "1 arbetsdag"),
        ("sv", SV_DAY, 2, "2 arbetsdagar"),
        ("sv", SV_DAY, 21, "21 arbetsdagar"),
        ("pl", PL_DAY, 1, "1 dzień roboczy"),
        ("pl", PL_DAY, 2, "2 dni robocze"),
        ("pl", PL_DAY, 5, "5 dni roboczych"),
        ("pl", PL_DAY, 12, "12 dni roboczych"),
        ("pl", PL_DAY, 21, "21 dni roboczych"),
        ("pl", PL_DAY, 22, "22 dni robocze"),
        ("hu", {"other": "munkanap"}, 5, "5 munkanap"),
        ("ka", {"other": "სამუშაო დღე"}, 22, "22 სამუშაო დღე"),
    ],
)
def test_counted_nouns_follow_cldr(
    language: str, forms: dict[str, str], n: int, expected: str
) -> None:
    assert count_of(language, n, forms) == expected.replace(" ", NB, 1)


@pytest.mark.parametrize(
    ("language", "client", "formal", "expected"),
    [
        ("sv", {"name": "Maja Holm"}, False, "Hej Maja,"),
        ("sv", {"name": "Maja Holm"}, True, "Hej Maja,"),
        ("hu", {"name": "Kovács Péter", "title": "mr"}, True, "Tisztelt Kovács Úr!"),
        ("hu", {"name": "Kovács Anna", "title": "ms"}, True, "Tisztelt Kovács Asszony!"),
        ("hu", {"name": "Kovács Péter"}, False, "Kedves Péter!"),
        ("ka", {"name": "გიორგი კაპანაძე", "title": "mr"}, False, "ბატონო გიორგი,"),
        ("ka", {"name": "ნინო ბერიძე", "title": "ms"}, True, "პატივცემულო ქალბატონო ნინო,"),
        ("pl", {"name": "Anna Nowak"}, True, "Szanowni Państwo,"),
        ("pl", {"name": "Jan Nowak", "title": "mr"}, True, "Szanowni Państwo,"),
        ("pl", {"name": "Jan Nowak", "salutation": "Szanowny Panie,"}, True, "Szanowny Panie,"),
        ("pl", {"name": "Anna Nowak"}, False, "Dzień dobry,"),
        ("en", {"name": "Sam Lee", "title": "ms"}, True, "Dear Ms Lee,"),
        ("en", {"name": "Sam Lee"}, False, "Dear Sam Lee,"),
        ("ka", {"name": "გიორგი კაპანაძე"}, True, "პატივცემულო გიორგი,"),
        ("sv", {"name": "Maja Holm", "first_name": "Majken"}, False, "Hej Majken,"),
        ("hu", {"name": "X", "salutation": "Kedves Kati!"}, True, "Kedves Kati!"),
    ],
)
def test_salutations(language: str, client: dict[str, str], formal: bool, expected: str) -> None:
    assert salutation(language, client, formal) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("pl", "zgodnie z pkt 9 w Krakowie", "zgodnie z~pkt~9~w~Krakowie"),
        ("pl", "o 10 pkt proc. i w terminie 5 dni", "o~10~pkt proc. i~w~terminie 5~dni"),
        ("pl", "z dnia 1 września 2025 r. – termin", "z~dnia 1~września 2025~r.~– termin"),
        ("sv", "inom 30 dagar, när 10 arbetsdagar", "inom 30~dagar, när 10~arbetsdagar"),
        ("sv", "enligt 6 § räntelagen", "enligt 6~§ räntelagen"),
        (
            "hu",
            "a Ptk. 6:155. § szerint, 8 százalékpont",
            "a Ptk. 6:155.~§ szerint, 8~százalékpont",
        ),
        ("ka", "ხელშეკრულების მე-13 მუხლი", "ხელშეკრულების მე-13~მუხლი"),
        ("en", "within 30 days under clause 9", "within 30~days under clause~9"),
        ("pl", "a\nw domu", "a\nw~domu"),
    ],
)
def test_typeset_non_breaking_spaces(language: str, text: str, expected: str) -> None:
    assert typeset(language, text) == expected.replace("~", NB)


def test_typeset_reaches_user_values_through_the_document() -> None:
    ctx = {"_fmt": Formatter("pl", "PL"), "city": "w Krakowie"}
    text = render("Spotkanie {{ city }} o 10 rano.", ctx, "t")
    assert text == "Spotkanie w Krakowie o 10 rano."  # typography comes later, once
    d = typeset_document(tiny_document(text, language="pl"))
    assert f"Spotkanie w{NB}Krakowie o{NB}10{NB}rano." in list(d.texts())


@pytest.mark.parametrize(
    ("language", "locale", "expected"),
    [
        ("pl", "pl_PL", "Kraków, 1 września 2025 r."),
        ("sv", "sv_SE", "Stockholm den 1 september 2025"),
        ("hu", "hu_HU", "Budapest, 2025. szeptember 1."),
        ("ka", "ka_GE", "თბილისი, 2025 წლის 1 სექტემბერი"),
    ],
)
def test_place_and_date_line(language: str, locale: str, expected: str) -> None:
    place = expected.split(",")[0].split(" den")[0]
    line = date_line(language, locale, date(2025, 9, 1), place)
    assert line.replace(NB, " ") == expected


def test_city_of_an_address() -> None:
    assert city_of("ul. Długa 5, 31-147 Kraków") == "Kraków"
    assert city_of("Storgatan 1\n111 22 Stockholm") == "Stockholm"
    assert city_of("Váci út 1., 1052 Budapest") == "Budapest"
    assert city_of("PO Box 12") is None
    assert city_of(None) is None


@pytest.mark.parametrize(
    ("language", "source", "expected"),
    [
        ("hu", "Felmondás {{ company | az(true) }} részére", "Felmondás Az SMS Media Kft. részére"),
        ("hu", "{{ company | az }}", "az SMS Media Kft."),
        ("ka", "{{ 13 | ordinal }} მუხლი", "მე-13 მუხლი"),
        ("sv", "inom {{ 1 | count(one='arbetsdag', other='arbetsdagar') }}", "inom 1 arbetsdag"),
        ("hu", "{{ ['email', 'phone'] | channels_how }}", "e-mailben és telefonon"),
        ("pl", "{{ 'phone' | channel_how }}", "telefonicznie"),
        ("ka", "{{ 'email' | channel_how }}", "ელფოსტით"),
        ("hu", "{{ 'HUF' | currency_in }}", "forintban"),
        ("ka", "{{ 'GEL' | currency_in }}", "ლარში"),
        ("hu", "{{ d | date('until') }}", "2027. január 15-éig"),
        ("ka", "არაუგვიანეს {{ d | date('gena') }}", "არაუგვიანეს 2027 წლის 15 იანვრისა"),
    ],
)
def test_filters_in_templates(language: str, source: str, expected: str) -> None:
    country = {"pl": "PL", "sv": "SE", "hu": "HU", "ka": "GE"}[language]
    ctx = {
        "_fmt": Formatter(language, country),
        "company": "SMS Media Kft.",
        "d": date(2027, 1, 15),
    }
    assert render(source, ctx, "t").replace(NB, " ") == expected


@pytest.mark.parametrize(
    ("language", "country", "days", "expected"),
    [
        ("sv", "SE", 1, "inget svar 1 arbetsdag efter"),
        ("sv", "SE", 2, "inget svar 2 arbetsdagar efter"),
        ("sv", "SE", 21, "inget svar 21 arbetsdagar efter"),
        ("pl", "PL", 1, "przez 1 kolejny dzień roboczy po"),
        ("pl", "PL", 2, "przez 2 kolejne dni robocze po"),
        ("pl", "PL", 5, "przez 5 kolejnych dni roboczych po"),
        ("pl", "PL", 12, "przez 12 kolejnych dni roboczych po"),
        ("pl", "PL", 22, "przez 22 kolejne dni robocze po"),
    ],
)
def test_timeline_notes_count_their_days(
    language: str, country: str, days: int, expected: str
) -> None:
    note = Formatter(language, country).label("timeline.notes.kill-fee", days=days)
    assert expected in note.replace(NB, " ")


@pytest.mark.parametrize(
    ("language", "text", "case", "expected"),
    [
        ("hu", "2027. január 15.", "on", "2027. január 15-én"),
        ("hu", "2027. január 1.", "until", "2027. január 1-jéig"),
        ("hu", "[dátum]", "on", "[dátum]"),
        ("ka", "2027 წლის 10 თებერვალი", "dat", "2027 წლის 10 თებერვალს"),
        ("ka", "2027 წლის 15 ივლისი", "gena", "2027 წლის 15 ივლისისა"),
        ("ka", "[თარიღი]", "dat", "[თარიღი]"),
    ],
)
def test_recase_formatted_dates(language: str, text: str, case: str, expected: str) -> None:
    assert recase(language, text.replace(" ", NB), case).replace(NB, " ") == expected


@pytest.mark.parametrize(
    ("value", "words", "case", "expected"),
    [
        ("40,00 EUR", {"EUR": "euró"}, "dat", "40 eurónak"),  # … megfelelő forintösszegű
        ("40,00 €", {"EUR": "euro"}, "nom", "40 euro"),  # równowartość 40 euro
        ("450,00 kr", {"SEK": "kronor"}, "nom", "450 kronor"),
        ("12 000 Ft", {"HUF": "forint"}, "dat", "12 000 forintnak"),
        ("40,50 €", {"EUR": "euro"}, "nom", "40,50 euro"),
        ("[összeg]", {"EUR": "euró"}, "dat", "[összeg]"),
    ],
)
def test_money_in_running_text(value: str, words: dict[str, str], case: str, expected: str) -> None:
    out = money_text(value.replace(" ", NB), words, case)
    assert out.replace(NB, " ") == expected
