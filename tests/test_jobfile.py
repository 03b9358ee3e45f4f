"""Job file validation: every rule, every problem at once, in plain words with its place."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from contractkit.errors import JobError
from contractkit.job import yamlsafe
from contractkit.job.reader import load_job, parse_job


def problems(path: Path) -> list[str]:
    with pytest.raises(JobError) as info:
        load_job(path)
    return info.value.problems


def test_the_sample_loads_with_exact_schedule(sample_path: Path) -> None:
    job = load_job(sample_path)
    assert [(r.kind, str(r.amount)) for r in job.schedule] == [
        ("deposit", "6000.00"),
        ("milestone", "3000.00"),
        ("milestone", "3000.00"),
    ]
    assert job.page_size == "A4"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"payment.deposit_percent": 120},
            "payment.deposit_percent: must be between 0 and 100, got 120",
        ),
        ({"payment.fee": "0"}, "payment.fee: must be greater than 0, got 0"),
        (
            {"payment.fee": "1000.555"},
            "payment.fee: 1000.555 has more decimals than EUR allows (2)",
        ),
        ({"payment.fee": "12.000"}, "payment.fee: '12.000' is ambiguous"),
        ({"payment.currency": "EURO"}, "payment.currency: 'EURO' is not a currency code"),
        (
            {"payment.deposit_percent": 40},
            "deposit_percent + milestones must add up to 100 exactly: 40 + 25 + 25 = 90",
        ),
        (
            {"project.deadline": "2026-02-30"},
            "project.deadline: must be a real date as YYYY-MM-DD, got '2026-02-30'",
        ),
        (
            {"project.deadline": "2026-11-01"},
            "project: deadline 2026-11-01 must be after start 2026-12-01",
        ),
        (
            {"client.email": "lukasz at wojcik"},
            "client.email: must be an email address like name@example.com",
        ),
        (
            {"communication.response_days": 0},
            "communication.response_days: must be a positive whole number of days, got 0",
        ),
        ({"kill_fee_percent": 101}, "kill_fee_percent: must be between 0 and 100, got 101"),
        (
            {"law.country": "Sweden"},
            "law.country: 'SWEDEN' is not a two-letter country code",
        ),
        ({"language": "xx"}, "language: 'xx' is not available; choose one of:"),
        ({"client.emial": "x@y.example"}, "client.emial: unknown key; did you mean 'email'?"),
        (
            {"ip.transfer": "sold"},
            "ip.transfer: must be one of 'on_full_payment', 'licence' or "
            "'exclusive_licence', got 'sold'",
        ),
        (
            {"client.phone": 48600100200},
            "client.phone: must be text (put it in quotes), got 48600100200",
        ),
        (
            {"payment.statutory_interest": True},
            "choose one: late_fee_percent_per_month or statutory_interest",
        ),
        (
            {"communication.pause_after_days": 3},
            "pause_after_days (3) must be longer than response_days (5)",
        ),
    ],
)
def test_each_rule_has_a_plain_message_naming_the_field(
    write_job: Any, changes: dict[str, Any], expected: str
) -> None:
    found = problems(write_job(**changes))
    assert any(expected in p for p in found), found


def test_every_problem_is_reported_at_once_with_lines(write_job: Any) -> None:
    found = problems(
        write_job(
            **{
                "payment.deposit_percent": 120,
                "client.email": "nope",
                "project.start": "soon",
                "kill_fee_percent": -1,
            }
        )
    )
    assert len(found) == 4
    assert all("(line " in p for p in found)


def test_missing_key_is_named(write_job: Any, delete: object) -> None:
    found = problems(write_job(**{"law.venue": delete}))
    assert found == [f"law.venue: required: add this key (line {found[0].split('line ')[1]}"]


def test_malformed_yaml_reports_line_and_column() -> None:
    with pytest.raises(JobError) as info:
        parse_job("client:\n  name: [unclosed\n", "bad.yaml")
    assert "bad.yaml: not valid YAML at line" in info.value.message
    assert "column" in info.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n  - x\n  -\ty\n", "line 3, column 4: found a tab, which cannot start a value"),
        ("a: 1\n\tb: 2\n", "line 2, column 1: found a tab character"),
        ('ż: "ł\\qx"\n', "line 1, column 6: unknown escape \\q in a quoted text"),
        ("ż: [ł, `x]\n", "line 1, column 8: found '`', which cannot start a value"),
        # the position counts characters, whatever came before (ł, ż are two bytes each)
        ("ł: ż\nb: x\x07y\n", "line 2, column 5: control character U+0007"),
    ],
)
def test_yaml_mistakes_name_the_place_and_the_character(text: str, expected: str) -> None:
    with pytest.raises(JobError) as info:
        parse_job(text, "bad.yaml")
    assert expected in info.value.message
    if "tab" in expected:
        assert "indent with spaces" in info.value.message


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(JobError) as info:
        parse_job("language: en\nlanguage: en\n", "dup.yaml")
    assert info.value.problems == ["language (line 2)"]


def test_missing_file_and_non_mapping(tmp_path: Path) -> None:
    with pytest.raises(JobError, match="no such job file"):
        load_job(tmp_path / "nope.yaml")
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    with pytest.raises(JobError, match="must be a mapping"):
        load_job(tmp_path / "list.yaml")


@pytest.mark.parametrize(
    "char", ["\x00", "\x07", "\x0c", "\u202e", "\u200b", "\ufeff", "\x7f", "\x9b"]
)
def test_invisible_characters_are_refused_by_name(write_job: Any, char: str) -> None:
    found = problems(write_job(**{"client.name": f"Łukasz{char}Wójcik"}))
    assert found and found[0].startswith("client.name: contains the invisible character U+")


def test_fee_as_number_string_or_float_is_exact(write_job: Any) -> None:
    assert str(load_job(write_job(**{"payment.fee": 12000.1})).payment.fee_money) == "12000.10"
    assert str(load_job(write_job(**{"payment.fee": "12_000.10"})).payment.fee_money) == "12000.10"


def test_clause_list_shorthand(write_job: Any) -> None:
    job = load_job(write_job(clauses=["approval", "-confidentiality"]))
    assert job.clauses.include == ["approval"]
    assert job.clauses.exclude == ["confidentiality"]


def test_grouped_digits_are_accepted(write_job: Any) -> None:
    assert str(load_job(write_job(**{"payment.fee": "12 000.50"})).payment.fee_money) == "12000.50"
    assert (
        str(load_job(write_job(**{"payment.fee": "12\u00a0000"})).payment.fee_money) == "12000.00"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &a [1, 2]\nb: *a\n", "anchors (&name) are not allowed"),
        ("a: &a [*a]\n", "not allowed"),
        ("x: " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ("x: '" + "y" * 2_100_000 + "'\n", "too large"),
        ("a: 1\nb: x\x07y\n", "line 2, column 5: control character U+0007 is not allowed"),
    ],
)
def test_hostile_yaml_is_refused_quickly(text: str, expected: str) -> None:
    with pytest.raises(JobError) as info:
        parse_job(text, "evil.yaml")
    assert expected in info.value.message


def nested(style: str, levels: int) -> str:
    """A YAML text of exactly ``levels`` collections, each inside the one before."""
    inner = "  " * (levels - 1)
    if style == "block mapping":
        return "".join("  " * i + "k:\n" for i in range(levels - 1)) + inner + "k: v\n"
    if style == "block list":
        return "".join("  " * i + "-\n" for i in range(levels - 1)) + inner + "- v\n"
    if style == "flow list":
        return "[" * levels + "]" * levels + "\n"
    return "{k: " * levels + "v" + "}" * levels + "\n"


NESTING_STYLES = ["block mapping", "block list", "flow list", "flow mapping"]
TOO_DEEP = f"nested too deeply (more than {yamlsafe.MAX_DEPTH} levels)"


@pytest.mark.parametrize("style", NESTING_STYLES)
def test_nesting_is_limited_by_our_own_rule(style: str) -> None:
    """Our limit and our message, far below libyaml's own (1,000 levels)."""
    assert 10 < yamlsafe.MAX_DEPTH < 60
    assert yamlsafe.load(nested(style, 10)) is not None
    assert yamlsafe.load(nested(style, yamlsafe.MAX_DEPTH)) is not None
    with pytest.raises(yamlsafe.YamlProblem, match=re.escape(TOO_DEEP)):
        yamlsafe.load(nested(style, yamlsafe.MAX_DEPTH + 1))
    with pytest.raises(JobError) as info:
        parse_job(nested(style, 60), "deep.yaml")
    assert info.value.message.startswith("deep.yaml: not valid YAML at line ")
    assert info.value.message.endswith(TOO_DEEP)


def test_nesting_limit_is_the_same_without_libyaml() -> None:
    """PyYAML's pure-Python parser has no depth limit at all: ours still applies."""
    code = (
        "import sys\n"
        "sys.modules['yaml._yaml'] = None  # as if PyYAML had been built without libyaml\n"
        "import yaml\n"
        "from contractkit.job import yamlsafe\n"
        "assert not yaml.__with_libyaml__\n"
        "for text in sys.stdin.read().split('\\0'):\n"
        "    try:\n"
        "        print('ok' if yamlsafe.load(text) is not None else 'empty')\n"
        "    except yamlsafe.YamlProblem as e:\n"
        "        print(e)\n"
    )
    texts = [nested(style, n) for style in NESTING_STYLES for n in (10, 60)]
    texts.append("x: " + "[" * 5000 + "]" * 5000 + "\n")
    result = subprocess.run(
        [sys.executable, "-c", code],
        input="\0".join(texts),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    lines = result.stdout.splitlines()
    assert len(lines) == len(texts), result.stdout
    assert lines[0:-1:2] == ["ok"] * len(NESTING_STYLES), lines
    assert all(line.endswith(TOO_DEEP) for line in [*lines[1::2], lines[-1]]), lines


def test_billion_laughs_is_refused() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefgh"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(JobError, match="not allowed"):
        parse_job("\n".join(lines) + "\n", "lol.yaml")


def test_statutory_interest_without_a_statute_points_at_the_key(write_job: Any) -> None:
    found = problems(
        write_job(
            **{
                "law.country": "US",
                "payment.statutory_interest": True,
                "payment.late_fee_percent_per_month": None,
            }
        )
    )
    assert found[0].startswith("payment.statutory_interest: law.country US has no statutory")


def test_yaml_is_read_as_yaml_1_2(write_bare_job: Any, tmp_path: Path) -> None:
    text = tmp_path / "x.yaml"
    base = write_bare_job().read_text(encoding="utf-8")
    text.write_text(
        base.replace("fee: '12000.00'", "fee: 012000").replace("country: SE", "country: no"),
        encoding="utf-8",
    )
    job = load_job(text)
    assert job.payment.fee == 12000  # not octal
    assert job.law.country == "NO"  # Norway, not false
    text.write_text(base.replace("terms_days: 14", "terms_days: true"), encoding="utf-8")
    assert any(p.startswith("payment.terms_days: must be a number") for p in problems(text))
