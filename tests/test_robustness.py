"""Hostile and random input, huge input, killed runs, hostile templates, error discipline."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import SAMPLES, docx_paragraphs, pdf_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contractkit.assemble.contract import build_contract
from contractkit.cli import main
from contractkit.errors import ContractkitError
from contractkit.job.fields import text_fields
from contractkit.job.reader import validate_job
from contractkit.render.docx import render_docx
from contractkit.render.fonts import check_fields
from contractkit.render.pdf import render_pdf

TEXT_FIELDS = [
    "freelancer.name",
    "freelancer.business",
    "freelancer.address",
    "client.name",
    "client.company",
    "client.address",
    "project.title",
    "project.description",
    "law.governing",
    "law.venue",
]


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for p in parents:
        data = data[p]
    data[last] = value


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# The document's typography turns straight quotes curly and some spaces non-breaking
# (contractkit.library.typography); compare with both undone on either side.
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "})


def plain(text: str) -> str:
    return text.translate(_TYPOGRAPHY)


@settings(
    max_examples=int(os.environ.get("CK_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    field=st.sampled_from(TEXT_FIELDS),
    text=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40),
)
def test_any_text_builds_intact_or_is_refused_naming_the_field(field: str, text: str) -> None:
    data = yaml.safe_load((SAMPLES / "website-redesign.yaml").read_text(encoding="utf-8"))
    _set(data, field, text)
    try:
        job = validate_job(data)
        check_fields(text_fields(job))
    except ContractkitError as e:
        assert any(p.startswith(f"{field}:") for p in e.problems), e.lines()
        return
    value = job
    for part in field.split("."):
        value = getattr(value, part)
    document = build_contract(job, date(2026, 11, 24))
    assert plain(squash(str(value))) in plain(squash(pdf_text(render_pdf(document))))
    assert plain(str(value)) in plain("\n".join(docx_paragraphs(render_docx(document))))


def test_right_to_left_text_is_refused_for_pdf_but_fine_in_docx(
    write_job: Any, tmp_path: Path
) -> None:
    job = write_job(**{"client.name": "דוד כהן"})
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(job), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "client.name:" in result.output and "right-to-left" in result.output
    result = runner.invoke(main, ["build", str(job), "-o", str(tmp_path / "o"), "--format", "docx"])
    assert result.exit_code == 0
    assert "דוד כהן" in "\n".join(docx_paragraphs(tmp_path / "o" / "contract.docx"))


def test_huge_description_and_forty_milestones(write_job: Any, tmp_path: Path) -> None:
    sentence = "Design, build and test one more responsive page template with Łódź-grade care. "
    description = (sentence * (70_000 // len(sentence) + 1))[:70_000].strip()
    milestones = [{"name": f"Milestone {i} — Ünïcode ✓", "percent": "1.25"} for i in range(1, 41)]
    job = write_job(
        **{
            "project.description": description,
            "payment.deposit_percent": 50,
            "payment.milestones": milestones,
            "payment.fee": "9999.99",
        }
    )
    result = CliRunner().invoke(
        main, ["build", str(job), "-o", str(tmp_path / "o"), "--as-of", "2026-11-24", "--json"]
    )
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "o" / "contract.pdf")
    assert "Milestone 40 — Ünïcode ✓" in text
    assert squash(description[-200:]) in squash(text)
    # the schedule spans pages and its header row is repeated on each
    assert (
        text.count("Instalment Share Amount Due") >= 2
        or len(re.findall(r"Instalment\s+Share\s+Amount\s+Due", text)) >= 2
    )
    import json

    amounts = [row["amount"] for row in json.loads(result.output)["schedule"]]
    from decimal import Decimal

    assert sum(Decimal(a) for a in amounts) == Decimal("9999.99")


def build_docx_with(sample_path: Path, tmp_path: Path, template: Path) -> Any:
    """``build`` of the sample as DOCX only, with a user's template."""
    return CliRunner().invoke(
        main,
        [
            "build",
            str(sample_path),
            "-o",
            str(tmp_path / "o"),
            "--template",
            str(template),
            "--format",
            "docx",
        ],
    )


def test_a_template_without_styles_still_builds(sample_path: Path, tmp_path: Path) -> None:
    """Word's defaults apply to a template stripped of its styles part."""
    import zipfile

    from contractkit.render.docx_template import template_bytes

    full = tmp_path / "full.docx"
    full.write_bytes(template_bytes())
    bare = tmp_path / "bare.docx"
    with zipfile.ZipFile(full) as src, zipfile.ZipFile(bare, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/styles.xml":
                continue
            if item.filename.endswith(".rels") or item.filename == "[Content_Types].xml":
                data = re.sub(rb"<[^>]*styles\.xml\"/>", b"", data)
            dst.writestr(item, data)
    result = build_docx_with(sample_path, tmp_path, bare)
    assert result.exit_code == 0, result.output
    assert any("Wójcik" in p for p in docx_paragraphs(tmp_path / "o" / "contract.docx"))


def test_a_tab_in_a_name_reaches_both_documents(write_job: Any, tmp_path: Path) -> None:
    job = write_job(**{"client.name": "Łukasz\tWójcik"})
    result = CliRunner().invoke(main, ["build", str(job), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert any("Łukasz\tWójcik" in p for p in docx_paragraphs(tmp_path / "o" / "contract.docx"))
    assert "Łukasz" in pdf_text(tmp_path / "o" / "contract.pdf")


def _template_with(tmp_path: Path, text: str) -> Path:
    from docx import Document

    d = Document()
    d.add_paragraph(text)
    path = tmp_path / "hostile.docx"
    d.save(str(path))
    return path


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ title.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.popen('touch /tmp/ck-pwned').read() }}",
    ],
)
def test_hostile_template_fails_clearly_without_running_code(
    sample_path: Path, tmp_path: Path, payload: str
) -> None:
    template = _template_with(tmp_path, payload)
    result = build_docx_with(sample_path, tmp_path, template)
    assert result.exit_code == 2, result.output
    assert "template error" in result.output
    assert "Traceback" not in result.output
    assert not Path("/tmp/ck-pwned").exists()
    assert not (tmp_path / "o" / "contract.docx").exists()


def test_internal_error_is_short_and_debug_shows_traceback(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contractkit.app.build

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(contractkit.app.build, "build_all", boom)
    result = CliRunner().invoke(main, ["build", str(sample_path), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "internal error: RuntimeError: simulated bug" in result.output
    assert "--debug" in result.output
    result = CliRunner().invoke(
        main, ["--debug", "build", str(sample_path), "-o", str(tmp_path / "o")]
    )
    assert isinstance(result.exception, RuntimeError)


def test_caps_leaves_georgian_alone() -> None:
    from contractkit.render import caps

    assert caps("The Client") == "THE CLIENT"
    assert caps("შემსრულებელი") == "შემსრულებელი"


def test_font_coverage_file_matches_the_fonts() -> None:
    import json

    from contractkit.render.fonts import COVERAGE_FILE
    from contractkit.render.pdffonts import measure_coverage

    stored = json.loads(COVERAGE_FILE.read_text(encoding="utf-8"))
    measured = {k: [list(r) for r in v] for k, v in measure_coverage().items()}
    assert stored == measured, "run scripts/font_coverage.py"


def test_emoji_are_refused_for_the_pdf_but_kept_in_the_docx(write_job: Any, tmp_path: Path) -> None:
    job = write_job(**{"client.company": "Acme 😀"})
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(job), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "client.company: '😀' (U+1F600 GRINNING FACE) (an emoji" in result.output
    result = runner.invoke(main, ["build", str(job), "-o", str(tmp_path / "o"), "--format", "docx"])
    assert result.exit_code == 0
    assert "Acme 😀" in "\n".join(docx_paragraphs(tmp_path / "o" / "contract.docx"))


def test_a_template_that_drops_clauses_is_refused(sample_path: Path, tmp_path: Path) -> None:
    import io
    import zipfile

    from contractkit.render.docx_template import template_bytes

    src = zipfile.ZipFile(io.BytesIO(template_bytes()))
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"b.kind == 'numbered'", b"b.kind == 'numberedX'")
            out.writestr(item, data)
    result = build_docx_with(sample_path, tmp_path, broken)
    assert result.exit_code == 2, result.output
    assert "left out a 'numbered' block" in result.output
    assert not (tmp_path / "o" / "contract.docx").exists()


def test_a_runtime_error_in_a_template_is_the_templates(sample_path: Path, tmp_path: Path) -> None:
    template = _template_with(tmp_path, "{{ 1/0 }}")
    result = build_docx_with(sample_path, tmp_path, template)
    assert result.exit_code == 2
    assert "template error: ZeroDivisionError" in result.output
