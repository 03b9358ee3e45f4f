"""Your letterhead from the profile: the logo and accent colour on PDF and DOCX alike."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES, run_cli

from contractkit.job.profile import load_profile, profile_path

ACCENT = "#1F5FAD"


def make_logo(path: Path, size: tuple[int, int] = (600, 200), kind: str = "PNG") -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).rectangle([10, 10, size[0] - 10, size[1] - 10], outline=(31, 95, 173))
    image.save(path, kind)
    return path


@pytest.fixture
def letterhead(tmp_path: Path) -> bytes:
    logo = make_logo(tmp_path / "my logo.png")
    result = run_cli("profile", "--logo", str(logo), "--accent", ACCENT.lower())
    assert result.exit_code == 0, result.output
    return logo.read_bytes()


def docx_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_the_profile_keeps_a_copy_of_the_logo_and_the_colour(
    letterhead: bytes, tmp_path: Path
) -> None:
    brand = load_profile()["brand"]
    assert brand["accent"] == ACCENT
    kept = Path(brand["logo"])
    assert kept.parent == profile_path().parent and kept.read_bytes() == letterhead
    (tmp_path / "my logo.png").unlink()  # the original may move: builds use the copy
    assert run_cli("build", str(SAMPLES / "website-redesign.yaml"), "-o", str(tmp_path / "o"),
                   "--as-of", "2026-11-24").exit_code == 0  # fmt: skip


def test_docx_contract_and_letters_carry_the_logo_and_accent(
    letterhead: bytes, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_cli("build", str(SAMPLES / "website-redesign.yaml"), "-o", str(out),
                     "--as-of", "2026-11-24")  # fmt: skip
    assert result.exit_code == 0, result.output
    for name in ("contract.docx", "letters/10-final-notice.docx"):
        parts = docx_parts(out / name)
        media = [data for part, data in parts.items() if part.startswith("word/media/")]
        assert letterhead in media, name
        styles = parts["word/styles.xml"].decode("utf-8")
        assert 'w:val="1F5FAD"' in styles, name
        body = parts["word/document.xml"].decode("utf-8")
        assert body.index("<pic:pic") < body.index("<w:t")  # at the head of the first page


def test_a_users_template_is_their_branding(letterhead: bytes, tmp_path: Path) -> None:
    template = tmp_path / "mine.docx"
    assert run_cli("template", str(template)).exit_code == 0
    out = tmp_path / "out"
    result = run_cli("build", str(SAMPLES / "website-redesign.yaml"), "-o", str(out),
                     "--as-of", "2026-11-24", "--template", str(template))  # fmt: skip
    assert result.exit_code == 0, result.output
    parts = docx_parts(out / "contract.docx")
    assert not [p for p in parts if p.startswith("word/media/")]
    assert b"1F5FAD" not in parts["word/styles.xml"]


def test_without_a_letterhead_nothing_is_added(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", str(SAMPLES / "website-redesign.yaml"), "-o", str(out),
                   "--as-of", "2026-11-24").exit_code == 0  # fmt: skip
    assert not [p for p in docx_parts(out / "contract.docx") if p.startswith("word/media/")]


def test_a_wide_logo_is_scaled_to_fit_its_box(tmp_path: Path) -> None:
    logo = make_logo(tmp_path / "wide.jpg", size=(2000, 100), kind="JPEG")
    assert run_cli("profile", "--logo", str(logo)).exit_code == 0
    out = tmp_path / "o"
    assert run_cli("build", str(SAMPLES / "website-redesign.yaml"), "-o", str(out),
                   "--as-of", "2026-11-24", "--format", "docx").exit_code == 0  # fmt: skip
    from docx import Document
    from docx.shared import Mm

    [shape] = Document(str(out / "contract.docx")).inline_shapes
    assert shape.width == Mm(50)
    assert abs(shape.height - Mm(50) * 100 // 2000) <= 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--accent", "#FFEE00"], "#FFEE00 is too light to read on white (contrast 1.2:1"),
        (["--accent", "blue"], "'blue' is not a colour like #1F5FAD"),
    ],
)
def test_unreadable_or_malformed_settings_are_refused(args: list[str], expected: str) -> None:
    result = run_cli("profile", *args)
    assert result.exit_code == 2
    assert expected in result.output
    assert not profile_path().exists()  # nothing saved


def test_a_file_that_is_not_an_image_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"GIF89a" + bytes(100))
    result = run_cli("profile", "--logo", str(fake))
    assert result.exit_code == 2
    assert "not a PNG or JPEG image" in result.output


def test_no_brand_removes_it(letterhead: bytes) -> None:
    assert run_cli("profile", "--no-brand").exit_code == 0
    assert "brand" not in load_profile()


def fill_colours(pdf: Path) -> set[tuple[float, float, float]]:
    """Every fill colour the first page sets (``r g b rg``), rounded."""
    import re

    from pypdf import PdfReader

    content = PdfReader(pdf).pages[0].get_contents()
    assert content is not None
    data = content.get_data().decode("latin-1")
    found = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", data)
    return {(round(float(r), 2), round(float(g), 2), round(float(b), 2)) for r, g, b in found}


def test_pdf_contract_and_letters_carry_the_logo_and_accent(
    letterhead: bytes, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    out = tmp_path / "out"
    result = run_cli("build", str(SAMPLES / "website-redesign.yaml"), "-o", str(out),
                     "--as-of", "2026-11-24", "--format", "pdf")  # fmt: skip
    assert result.exit_code == 0, result.output
    accent = (round(0x1F / 255, 2), round(0x5F / 255, 2), round(0xAD / 255, 2))
    for name in ("contract.pdf", "letters/10-final-notice.pdf"):
        [image] = PdfReader(out / name).pages[0].images
        assert image.image is not None and image.image.size == (600, 200), name
        if name == "contract.pdf":  # title and headings; a letter has neither
            assert accent in fill_colours(out / name)
    plain = tmp_path / "plain"
    run_cli("profile", "--no-brand")
    assert run_cli("build", str(SAMPLES / "website-redesign.yaml"), "-o", str(plain),
                   "--as-of", "2026-11-24", "--format", "pdf").exit_code == 0  # fmt: skip
    assert not PdfReader(plain / "contract.pdf").pages[0].images
    assert accent not in fill_colours(plain / "contract.pdf")
