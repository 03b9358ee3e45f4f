"""Identity fields: register and tax numbers, signatories, the bank account, the agreement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from contractkit.errors import JobError
from contractkit.job.identity import check_registration, check_tax_id
from contractkit.job.reader import load_job

FULL = {
    "agreement": {"date": "2026-11-24", "place": "Stockholm"},
    "freelancer.registration": "556677-8899",
    "freelancer.tax_id": "SE556677889901",
    "freelancer.signatory": {"name": "Åsa Öberg", "capacity": "Managing Director"},
    "freelancer.bank": {"iban": "se45 5000 0000 0583 9825 7466", "bic": "ndeasess"},
    "client.tax_id": "PL 526-025-09-95",
    "client.registration": "0000123456",
    "client.signatory": {"name": "Łukasz Wójcik", "capacity": "Prezes Zarządu"},
}


def problems(path: Path) -> list[str]:
    with pytest.raises(JobError) as info:
        load_job(path)
    return info.value.problems


def test_identity_fields_load_and_numbers_are_normalised(write_job: Any) -> None:
    job = load_job(write_job(**FULL))
    assert job.agreement.date is not None and job.agreement.date.isoformat() == "2026-11-24"
    assert job.agreement.place == "Stockholm"
    bank = job.freelancer.bank
    assert bank is not None
    assert bank.iban == "SE45 5000 0000 0583 9825 7466"  # grouped in fours, upper case
    assert bank.bic == "NDEASESS"
    assert job.client.signatory is not None and job.client.signatory.capacity == "Prezes Zarządu"
    assert job.client.tax_id == "PL 526-025-09-95"  # printed as typed once it checks out


def test_every_identity_field_is_optional(write_bare_job: Any) -> None:
    job = load_job(write_bare_job())
    assert job.agreement.date is None and job.freelancer.bank is None
    assert job.client.tax_id is None and job.freelancer.signatory is None


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("client.tax_id", "PL5260250994", "client.tax_id: 'PL5260250994' does not check out"),
        ("freelancer.tax_id", "SE556677889900", "freelancer.tax_id: 'SE556677889900' does not"),
        ("freelancer.registration", "556677-8890", "freelancer.registration: '556677-8890'"),
        ("freelancer.bank", {"iban": "SE45 5000 0000 0583 9825 7467"}, "freelancer.bank.iban:"),
        ("freelancer.bank", {"bic": "NDEA"}, "freelancer.bank.bic: 'NDEA' is not a BIC"),
        ("freelancer.bank", {"account": "1"}, "freelancer.bank.account: unknown key"),
    ],
)
def test_a_number_that_does_not_check_out_names_its_field(
    write_job: Any, key: str, value: Any, expected: str
) -> None:
    found = problems(write_job(**{key: value}))
    assert found[0].startswith(expected), found


def test_domestic_numbers_are_checked_by_the_partys_country() -> None:
    assert check_tax_id("526-025-09-95", "PL") is None  # a Polish NIP
    assert check_tax_id("526-025-09-94", "PL") is not None
    assert check_tax_id("GB980780684", None) is None  # UK VAT, by its prefix
    assert check_tax_id("12345", "GE") is None  # no checker for Georgia: printed as typed
    assert check_registration("556677-8899", "SE") is None
    assert check_registration("01-09-123456", "HU") is None  # no checker: as typed


def test_the_profile_keeps_the_freelancers_identity(tmp_path: Path) -> None:
    from contractkit.job.parties import Freelancer

    f = Freelancer.model_validate(
        {
            "name": "A",
            "email": "a@example.com",
            "address": "X",
            "tax_id": "SE556677889901",
            "bank": {"iban": "SE4550000000058398257466"},
            "signatory": {"name": "A", "capacity": "Owner"},
        }
    )
    assert f.bank is not None and f.bank.iban == "SE45 5000 0000 0583 9825 7466"
