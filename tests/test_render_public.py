"""The renderers on their libraries' public APIs: user text stays text, metadata fits its
limits, a user's template is blamed only for its own faults, the same input gives the
same bytes."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import docx_paragraphs, pdf_text, tiny_document

from contractkit.cli import main
from contractkit.errors import TemplateError
from contractkit.render.docx import render_docx
from contractkit.render.docx_template import template_bytes
from contractkit.render.pdf import render_pdf

MARKUP = '<img src="/etc/passwd"/> &amp; <b>bold</b> {{ title }} {% if x %} {_{ a }_} ]]>'


def test_markup_looking_text_stays_literal_in_pdf_and_docx() -> None:
    d = tiny_document(MARKUP, "tab\there & line\nbreak <w:br/>")
    assert MARKUP in pdf_text(render_pdf(d))
    paragraphs = docx_paragraphs(render_docx(d))
    assert MARKUP in paragraphs
    assert "tab\there & line\nbreak <w:br/>" in paragraphs


def test_same_document_same_bytes() -> None:
    d = tiny_document("Zażółć gęślą jaźń & ₾ 5", "second paragraph")
    assert render_pdf(d) == render_pdf(d)
    assert render_docx(d) == render_docx(d)


def test_docx_zip_entries_carry_the_documents_date() -> None:
    d = tiny_document("x")
    with zipfile.ZipFile(io.BytesIO(render_docx(d))) as z:
        assert {item.date_time for item in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"


def test_pdf_is_dated_by_the_document() -> None:
    from pypdf import PdfReader

    info: Any = PdfReader(io.BytesIO(render_pdf(tiny_document("x")))).metadata
    assert info["/CreationDate"] == "D:20260101000000+00'00'"


def test_page_x_of_y_on_every_page() -> None:
    from pypdf import PdfReader

    d = tiny_document(*(["A clause long enough to take some room on the page. " * 12] * 30))
    pages = PdfReader(io.BytesIO(render_pdf(d))).pages
    assert len(pages) > 2
    for n, page in enumerate(pages, 1):
        assert f"{n}/{len(pages)}" in page.extract_text()


def test_long_metadata_fits_its_limits_in_both_formats(write_job: Any, tmp_path: Path) -> None:
    """A 250-character name full of & and > (within validation's limit of 300) and a
    300-character title: the DOCX's core properties are cut to Word's 255 characters."""
    from docx import Document

    name = ("Smith & Jones > Co " * 14)[:250].strip()
    title = ("A very long project title & more " * 10)[:300].strip()
    job = write_job(**{"freelancer.name": name, "project.title": title})
    out = tmp_path / "o"
    result = CliRunner().invoke(main, ["build", str(job), "-o", str(out)])
    assert result.exit_code == 0, result.output
    props = Document(str(out / "contract.docx")).core_properties
    for value in (props.author, props.title, props.subject, props.keywords):
        assert len(value) <= 255
    assert props.author == name
    assert props.subject.startswith(title[:200]) and props.subject.endswith("…")
    assert name in " ".join(pdf_text(out / "contract.pdf").split())


def test_a_300_character_title_is_shortened_not_refused() -> None:
    from docx import Document

    d = replace(tiny_document("x"), title="T&>" * 100, author="A&" * 150, keywords=("k>",) * 90)
    props = Document(io.BytesIO(render_docx(d))).core_properties
    assert props.title == "T&>" * 84 + "T&…"
    assert len(props.author) == 255 and props.author.endswith("…")
    assert len(props.keywords) == 255


def _user_template(tmp_path: Path, old: bytes, new: bytes) -> Path:
    """Our template with one piece of its document XML replaced."""
    path = tmp_path / "mine.docx"
    with (
        zipfile.ZipFile(io.BytesIO(template_bytes())) as src,
        zipfile.ZipFile(path, "w") as dst,
    ):
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                assert old in data
                data = data.replace(old, new)
            dst.writestr(item, data)
    return path


def _build_docx(sample_path: Path, tmp_path: Path, template: Path) -> Any:
    out = tmp_path / "o"
    args = ["build", str(sample_path), "-o", str(out), "--format", "docx"]
    return CliRunner().invoke(main, [*args, "--template", str(template)])


def test_a_template_that_cuts_the_text_short_is_refused(sample_path: Path, tmp_path: Path) -> None:
    template = _user_template(tmp_path, b"{{ b.text }}", b"{{ b.text[:60] }}")
    result = _build_docx(sample_path, tmp_path, template)
    assert result.exit_code == 2, result.output
    assert "left out a" in result.output and "part of it" in result.output
    assert not (tmp_path / "o" / "contract.docx").exists()
    d = tiny_document("A clause much longer than sixty characters, which the template cuts short.")
    with pytest.raises(TemplateError):
        render_docx(d, template)


def test_an_unchanged_copy_of_our_template_builds(sample_path: Path, tmp_path: Path) -> None:
    template = _user_template(tmp_path, b"{{ b.text }}", b"{{ b.text }}")
    result = _build_docx(sample_path, tmp_path, template)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("expression", "says"),
    [
        (b"{{ 1/0 }}", "ZeroDivisionError"),
        (b"{{ title + 1 }}", "TypeError"),
        (b"{{ nothing_of_that_name }}", "is undefined"),
        (b"{% if %}", "template error"),
    ],
)
def test_errors_in_a_users_template_are_the_templates(
    sample_path: Path, tmp_path: Path, expression: bytes, says: str
) -> None:
    template = _user_template(tmp_path, b"{{ title }}", expression)
    result = _build_docx(sample_path, tmp_path, template)
    assert result.exit_code == 2, result.output
    assert "template error" in result.output and says in result.output


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04 broken", b""])
def test_a_file_that_is_no_docx_is_refused_plainly(
    sample_path: Path, tmp_path: Path, content: bytes
) -> None:
    template = tmp_path / "mine.docx"
    template.write_bytes(content)
    result = _build_docx(sample_path, tmp_path, template)
    assert result.exit_code == 2, result.output
    assert "not a usable .docx template" in result.output


def test_a_bug_under_our_own_template_is_not_blamed_on_a_template(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the default template nothing is a "template error": a failure is ours."""
    import contractkit.render.docx as docx_renderer

    real = docx_renderer.docx_context

    class Broken:
        def __html__(self) -> str:
            raise RuntimeError("simulated bug")

    def broken_context(d: Any, marker: str) -> Any:
        context, tables = real(d, marker)
        return {**context, "title": Broken()}, tables

    monkeypatch.setattr(docx_renderer, "docx_context", broken_context)
    with pytest.raises(RuntimeError, match="simulated bug"):
        render_docx(tiny_document("x"))


@pytest.mark.parametrize("expression", [b"{{ 1/0 }}", b"{{ nothing_of_that_name }}"])
def test_an_error_in_our_own_template_propagates_as_a_bug(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, expression: bytes
) -> None:
    import contractkit.render.docx as docx_renderer

    broken = _user_template(tmp_path, b"{{ title }}", expression).read_bytes()
    monkeypatch.setattr(docx_renderer, "template_bytes", lambda: broken)
    with pytest.raises(Exception) as caught:
        render_docx(tiny_document("x"))
    assert not isinstance(caught.value, TemplateError)


def test_a_bug_under_our_own_template_is_an_internal_error_in_the_cli(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contractkit.render.docx as docx_renderer

    def boom(*args: Any) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(docx_renderer, "_set_language", boom)
    out = tmp_path / "o"
    result = CliRunner().invoke(main, ["build", str(sample_path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "internal error: RuntimeError: simulated bug" in result.output


def test_a_users_comments_property_is_rendered_as_plain_text(tmp_path: Path) -> None:
    from docx import Document

    mine = Document(io.BytesIO(template_bytes()))
    mine.core_properties.comments = "For {{ author }} & co"
    path = tmp_path / "mine.docx"
    mine.save(str(path))
    d = replace(tiny_document("x"), author="Smith & Jones <sp. j.>")
    props = Document(io.BytesIO(render_docx(d, path))).core_properties
    assert props.comments == "For Smith & Jones <sp. j.> & co"
    assert props.author == "Smith & Jones <sp. j.>"
    mine.core_properties.comments = "{{ 1/0 }}"
    mine.save(str(path))
    with pytest.raises(TemplateError, match="comments property: ZeroDivisionError"):
        render_docx(d, path)
