"""Every bundled sample job is valid and builds; native samples carry no English headings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import SAMPLES

from contractkit.assemble.contract import build_contract
from contractkit.job.reader import load_job
from contractkit.render.text import render_text

JOBS = sorted(SAMPLES.glob("*.yaml"))


def test_there_is_a_sample_in_every_language() -> None:
    assert {load_job(p).language for p in JOBS} >= {"en", "pl", "sv", "hu", "ka"}


@pytest.mark.parametrize("path", JOBS, ids=[p.stem for p in JOBS])
def test_sample_builds(path: Path) -> None:
    job = load_job(path)
    text = render_text(build_contract(job, date(2026, 11, 24))).decode("utf-8")
    assert job.client.name in text
    if job.language != "en":
        for english in ("Scope of work", "Payment schedule", "Signatures", "Deposit"):
            assert english not in text
