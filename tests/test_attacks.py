"""Issue 17: attacks on the landed code, each refused with a clear message or handled."""

from __future__ import annotations

import email
import io
import os
import re
import signal
import subprocess
import sys
import unicodedata
import zipfile
from datetime import date
from decimal import Decimal
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import docx_paragraphs, pdf_text, tiny_document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contractkit.cli import main
from contractkit.money import parse_amount
from contractkit.render.eml import Attachment, Mailbox, render_eml

INJECT = "=?utf-8?q?x=0D=0ABcc:_spy@attacker.example?="
HEADERS = {"from", "to", "subject", "date", "x-unsent", "mime-version", "content-type"}
HEADERS |= {"message-id", "x-uniform-type-identifier", "x-mozilla-draft-info"}  # draft marks


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def parsed(data: bytes) -> EmailMessage:
    msg = email.message_from_bytes(data, _class=EmailMessage, policy=policy.default)
    return msg


def no_injected_header(msg: EmailMessage) -> None:
    for part in msg.walk():
        for key, value in part.items():
            assert key.lower() in HEADERS | {"content-transfer-encoding", "content-disposition"}
            assert "\r" not in str(value) and "\n" not in str(value)
    assert "Bcc" not in msg


def test_eml_encoded_words_in_every_header_stay_text(write_job: Any, tmp_path: Path) -> None:
    job = write_job(**{"project.title": f"Website {INJECT}", "client.name": f"Bob {INJECT}"})
    attach = tmp_path / f"{INJECT}.pdf"
    attach.write_bytes(b"%PDF-1.4")
    out = tmp_path / "a.eml"
    result = run(
        "letter", "overdue-30", str(job), "--invoice", f"I-{INJECT}", "--amount", "100",
        "--due", "2027-01-01", "--as-of", "2027-02-10", "-o", str(out), "--attach", str(attach),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    msg = parsed(out.read_bytes())
    no_injected_header(msg)
    # 1 January is a holiday: payment was in time on Monday the 4th (Swedish law moves it)
    assert msg["Subject"] == f"Invoice I-{INJECT}: 37 days overdue"
    assert "".join(msg["To"].addresses[0].display_name.split()) == f"Bob{INJECT}"
    assert [a.get_filename() for a in msg.iter_attachments()][1] == f"{INJECT}.pdf"


_PIECES = ["=?", "?=", "=0D=0A", "utf-8?q?", "?b?", "\r\n", "Bcc: x@y.z", '"', "\\", " "]
_HEADER_TEXT = (
    st.lists(
        st.one_of(
            st.sampled_from(_PIECES),
            st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=5),
        ),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(lambda s: s.strip() != "")
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=_HEADER_TEXT, subject=_HEADER_TEXT, filename=_HEADER_TEXT)
def test_eml_headers_read_back_as_written(name: str, subject: str, filename: str) -> None:
    data = render_eml(
        sender=Mailbox("Åsa Öberg", "asa@example.se"),
        recipient=Mailbox(name, "bob@example.com"),
        subject=subject,
        day=date(2027, 1, 1),
        body="Hello",
        attachments=(Attachment(filename, b"%PDF"),),
    )
    msg = parsed(data)
    no_injected_header(msg)
    assert msg["Subject"] == " ".join(subject.split())
    names = [a["Content-Disposition"].params["filename"] for a in msg.iter_attachments()]
    assert names == [" ".join(filename.split())]  # get_filename() would strip quotes
    shown = msg["To"].addresses[0].display_name
    assert "".join(shown.split()) == "".join(name.split())


def test_eml_plain_headers_are_written_as_they_are() -> None:
    data = render_eml(
        sender=Mailbox("Ann Lee", "ann@example.com"),
        recipient=Mailbox("Bob", "bob@example.com"),
        subject="Website redesign: a quick question",
        day=date(2027, 1, 1),
        body="Hello",
    )
    assert b"\r\nSubject: Website redesign: a quick question\r\n" in data
    assert data.startswith(b"From: Ann Lee <ann@example.com>\r\nTo: Bob <bob@example.com>\r\n")


# --- 5. invisible characters, found by what Unicode says of them -------------------------

INVISIBLE = [0x2061, 0x034F, 0xFE0F, 0xFFF9, 0x061C, 0x3164, 0x115F, 0x180E, 0xE0041, 0xE0001]


@pytest.mark.parametrize("cp", INVISIBLE, ids=[f"U+{c:04X}" for c in INVISIBLE])
def test_invisible_characters_are_refused(cp: int, write_job: Any) -> None:
    job = write_job(**{"project.title": f"Website {chr(cp)}redesign"})
    result = run("build", str(job), "--format", "docx")
    assert result.exit_code == 2, result.output
    assert f"project.title: contains the invisible character U+{cp:04X}" in result.output


@settings(max_examples=300, deadline=None)
@given(st.characters(exclude_characters="\t\n"))
def test_no_default_ignorable_or_format_character_is_accepted(ch: str) -> None:
    from contractkit.job.values import check_visible

    cp = ord(ch)
    ignorable = (
        unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Zl", "Zp"}
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0000 <= cp <= 0xE0FFF
        or cp in {0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x180B, 0x180C, 0x180D}
    )
    if ignorable:
        with pytest.raises(ValueError):
            check_visible(ch)


def test_letters_of_every_language_pass() -> None:
    from contractkit.job.values import check_visible

    text = "Ąę Łódź Åsa Öberg Győr őű ქართული ენა «»“” €\u00a0\u202f–\tline\nnext"
    assert check_visible(text) == text


# --- 6. amounts with malformed grouping ------------------------------------------------


@pytest.mark.parametrize("typed", ["1.2,3", "1,2.3", "12,34.5", "1.23,4.5"])
def test_malformed_grouping_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="groups of three"):
        parse_amount(typed)


@given(
    whole=st.integers(min_value=0, max_value=10**11),
    cents=st.integers(min_value=0, max_value=99),
    style=st.sampled_from([(",", "."), (".", ","), (" ", ","), ("\u00a0", ".")]),
)
def test_grouped_amounts_read_back_exactly(whole: int, cents: int, style: tuple[str, str]) -> None:
    group, point = style
    typed = f"{whole:,}".replace(",", group) + point + f"{cents:02d}"
    assert parse_amount(typed) == Decimal(f"{whole}.{cents:02d}")


@given(st.text(st.sampled_from("0123456789.,"), min_size=1, max_size=12))
def test_any_amount_read_is_the_only_reading(typed: str) -> None:
    """Whatever is accepted has its separators where grouping or a decimal point can be."""
    try:
        value = parse_amount(typed)
    except ValueError:
        return
    if "," in typed and "." in typed:
        point = max(typed.rfind(","), typed.rfind("."))
        groups = typed[:point].replace(",", ".").split(".")
        assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    assert abs(value) < 10**12


# --- YAML and job values that used to end in "internal error" or be coerced silently ------

BASE = (Path(__file__).parent.parent / "samples" / "website-redesign.yaml").read_text("utf-8")


def build_variant(tmp_path: Path, old: str, new: str, name: str = "job.yaml") -> Any:
    assert old in BASE
    job = tmp_path / name
    job.write_text(BASE.replace(old, new, 1), "utf-8")
    return run("build", str(job), "--format", "docx", "-o", str(tmp_path / "out"))


def line(text: str) -> int:
    """The sample's line that starts with ``text`` (so a new sample field moves nothing)."""
    return next(i for i, ln in enumerate(BASE.splitlines(), 1) if ln.lstrip().startswith(text))


TERMS = f"line {line('terms_days:')}, column 15:"
TITLE, IP = f"line {line('title:')}, column 10:", f"line {line('ip:') + 1}, column 3:"
START, DEADLINE = "start: 2026-12-01", "  deadline: 2027-03-01"
REAL = "project.start: must be a real date as YYYY-MM-DD, got"
CASES = [
    (START, "start: 2027-02-29", f"{REAL} '2027-02-29'"),
    (START, "start: 2026-13-01", f"{REAL} '2026-13-01'"),
    (START, "start: 1764547200", "project.start: must be a date as YYYY-MM-DD, got the number"),
    ("terms_days: 14", "terms_days: " + "9" * 5000, f"{TERMS} a number of 5,000 digits"),
    ("terms_days: 14", "terms_days: !!int abc", f"{TERMS} 'abc' is not a whole number"),
    ("kill_fee_percent: 25", "kill_fee_percent: !!float .nan", "'.nan' is not a finite number"),
    ("title: Website redesign", "title: !!binary aGVsbG8=", f"{TITLE} !!binary is not"),
    ("channels: [email, phone]", "channels: !!set {email, phone}", "!!set is not used"),
    ("ip:\n", "ip:\n  <<: {portfolio: true}\n", f"{IP} merge keys (<<) are not read"),
    ("ip:\n", "ip:\n  ~: 1\n", f"{IP} a key must be a name, got ~"),
    ("ip:\n", "ip:\n  3: 1\n", f"{IP} a key must be a name, got 3"),
    (DEADLINE, DEADLINE + "\n  revisions: true", "project.revisions: must be a number, got true"),
    (DEADLINE, DEADLINE + "\n  revisions: =", "project.revisions: must be a whole number, got '='"),
    ("channels: [email, phone]", "channels: [email, email]", "lists email more than once"),
    ("currency: EUR", "currency: XXX", "payment.currency: 'XXX' is not a currency code"),
    ("kill_fee_percent: 25", "kill_fee_percent: 25\nclauses: [approval, -approval]",
     "clauses: approval: both included and left out"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "says"), CASES, ids=[c[1][:24] for c in CASES])
def test_yaml_slips_are_refused_by_name(tmp_path: Path, old: str, new: str, says: str) -> None:
    result = build_variant(tmp_path, old, new)
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert says in result.output
    assert "job.yaml" in result.output  # the file is named


def test_a_batch_names_every_job_with_an_impossible_date(tmp_path: Path) -> None:
    jobs = []
    for name, day in (("a.yaml", "2027-02-29"), ("b.yaml", "2026-12-01"), ("c.yaml", "2026-13-01")):
        jobs.append(tmp_path / name)
        jobs[-1].write_text(BASE.replace("start: 2026-12-01", f"start: {day}"), "utf-8")
    result = run("build", *map(str, jobs), "--format", "docx", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert "a.yaml" in result.output and "'2027-02-29'" in result.output
    assert "c.yaml" in result.output and "'2026-13-01'" in result.output
    assert "b.yaml" not in result.output
    assert not (tmp_path / "out").exists()


# --- 7. unbounded work: files that never end, zip bombs, endless template loops ----------


def _special(tmp_path: Path, kind: str) -> Path:
    if kind == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)
        return path
    return Path("/dev/zero")


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_template_attach_answers_and_profile_must_be_regular_files(
    kind: str, tmp_path: Path, sample_path: Path, isolated_home: Path
) -> None:
    special = _special(tmp_path, kind)
    runs = {
        "template": ["build", str(sample_path), "-o", str(tmp_path / "o"),
                     "--template", str(special)],
        "attach": ["letter", "final-notice", str(sample_path), "--invoice", "I-1", "--amount", "10",
                   "--due", "2026-09-01", "--as-of", "2026-11-24", "-o", str(tmp_path / "l.eml"),
                   "--attach", str(special)],
        "answers": ["new", str(tmp_path / "n"), "--answers", str(special), "--no-input"],
    }  # fmt: skip
    for what, args in runs.items():
        result = run(*args)
        assert result.exit_code == 2, (what, result.output)
        assert "not a regular file" in result.output, (what, result.output)
    from contractkit.job.profile import ProfileError, load_profile

    with pytest.raises(ProfileError, match="not a regular file"):
        load_profile(special)


def test_an_oversized_attachment_is_refused_unread(tmp_path: Path, sample_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as f:
        f.truncate(25_000_001)  # sparse: no disk used
    result = run(
        "letter", "final-notice", str(sample_path), "--invoice", "I-1", "--amount", "10",
        "--due", "2026-09-01", "--as-of", "2026-11-24", "-o", str(tmp_path / "l.eml"),
        "--attach", str(big),
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "too large for an attachment (over 25,000,000 bytes)" in result.output


def _user_template(path: Path, old: bytes, new: bytes, extra: int = 0) -> Path:
    from contractkit.render.docx_template import template_bytes

    with (
        zipfile.ZipFile(io.BytesIO(template_bytes())) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                assert old in data
                data = data.replace(old, new, 1)
            dst.writestr(item.filename, data)
        if extra:
            with dst.open("word/media/zeros.bin", "w") as f:
                for _ in range(extra):
                    f.write(bytes(1 << 20))
    return path


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(
    tmp_path: Path, sample_path: Path
) -> None:
    bomb = _user_template(tmp_path / "bomb.docx", b"{{ b.text }}", b"{{ b.text }}", extra=210)
    assert bomb.stat().st_size < 1_000_000
    result = run("build", str(sample_path), "-o", str(tmp_path / "o"), "--template", str(bomb))
    assert result.exit_code == 2, result.output
    assert "bomb.docx: not a usable .docx template: it unpacks to" in result.output


LOOPS = [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% for i in range(10**10) %}{% endfor %}",
    "{% for c in 'x' * 100000 %}{% for d in 'y' * 100000 %}{{ '' }}{% endfor %}{% endfor %}",
]


@pytest.mark.parametrize("loop", LOOPS)
def test_an_endless_template_loop_stops(tmp_path: Path, sample_path: Path, loop: str) -> None:
    template = _user_template(
        tmp_path / "loop.docx", b"{{ b.text }}", (loop + "{{ b.text }}").encode()
    )
    out = tmp_path / "o"
    result = run(
        "build", str(sample_path), "-o", str(out), "--format", "docx", "--template", str(template)
    )
    assert result.exit_code == 2, result.output
    assert "loop.docx: template error:" in result.output
    assert "steps" in result.output or "Range too big" in result.output
    assert not out.exists()


def test_the_step_budget_leaves_the_tracer_it_found() -> None:
    from contractkit.render.docx_guard import step_budget

    def tracer(frame: Any, event: str, arg: Any) -> None:
        return None

    sys.settrace(tracer)
    try:
        with step_budget(10):
            pass
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(None)


def _layout_work(words: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many words reportlab measured to lay out a description of ``words`` words."""
    import reportlab.platypus.paragraph as rl_paragraph

    from contractkit.render.pdf import render_pdf

    calls = 0
    measure = rl_paragraph.stringWidth

    def counting(*args: Any, **kwargs: Any) -> float:
        nonlocal calls
        calls += 1
        return float(measure(*args, **kwargs))

    monkeypatch.setattr(rl_paragraph, "stringWidth", counting)
    sentence = "Design one more responsive page template with care and a style guide. "
    text = " ".join((sentence * (words // 12 + 1)).split()[:words])
    render_pdf(tiny_document(text))
    monkeypatch.undo()
    return calls


def test_pdf_layout_work_grows_in_proportion_to_the_description(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    small, large = _layout_work(10_000, monkeypatch), _layout_work(40_000, monkeypatch)
    assert large < 4.6 * small  # linear: about 4 times; it was about 16 times


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.sampled_from("ab .!?;\n"), max_size=400),
    st.integers(min_value=5, max_value=60),
)
def test_pdf_pieces_join_back_to_the_text(text: str, limit: int) -> None:
    from contractkit.render.pdftext import pieces

    parts = pieces(text, limit)
    assert "".join(parts) == text
    assert all(len(p) <= limit or " " not in p.strip() for p in parts[:-1])


def test_a_long_description_is_printed_whole(tmp_path: Path) -> None:
    from contractkit.render.pdf import render_pdf

    words = [f"w{i}" for i in range(30_000)]
    text = " ".join(words[:9_000]) + "\n" + ". ".join(words[9_000:])
    printed = pdf_text(render_pdf(tiny_document(text))).split()
    shown = [w.rstrip(".") for w in printed if re.fullmatch(r"w\d+\.?", w)]
    assert shown == words  # every word, once, in order, across the pages and pieces


def test_a_name_too_tall_for_a_page_is_refused_by_field(write_job: Any, tmp_path: Path) -> None:
    job = write_job(**{"client.address": "S\n" * 140})
    result = run("build", str(job), "-o", str(tmp_path / "o"), "--format", "pdf")
    assert result.exit_code == 2, result.output
    assert "client.address: has 140 lines; at most 8 fit" in result.output
    assert "Flowable" not in result.output and "0x" not in result.output


# --- standard streams the shell left closed, full or broken -------------------------------

CLI = (sys.executable, "-m", "contractkit")


def _cli(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], stderr=subprocess.PIPE, text=True, timeout=120, **kwargs)


@pytest.mark.slow
def test_a_build_with_stdout_closed_writes_its_files_and_exits_0(
    sample_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "o"
    done = _cli("build", str(sample_path), "-o", str(out), "--format", "docx",
                "--verbose", pass_fds=(), stdin=subprocess.DEVNULL,
                preexec_fn=lambda: os.close(1))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (out / "contract.docx").is_file()
    assert "internal error" not in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [["letters"], ["--help"], ["--version"], ["build", "JOB", "-o", "OUT", "--format", "docx"]],
)
def test_stdout_on_dev_full_is_a_plain_message(
    args: list[str], sample_path: Path, tmp_path: Path
) -> None:
    args = [
        str(sample_path) if a == "JOB" else str(tmp_path / "o") if a == "OUT" else a for a in args
    ]
    with open("/dev/full", "w") as full:
        done = _cli(*args, stdout=full)
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == "cannot write to standard output: No space left on device"


@pytest.mark.slow
def test_a_closed_pipe_is_a_quiet_end(tmp_path: Path) -> None:
    proc = subprocess.Popen([*CLI, "letters"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""


@pytest.mark.slow
def test_the_wizard_with_stdin_closed_stops_as_at_end_of_input(tmp_path: Path) -> None:
    done = _cli("new", str(tmp_path / "job"), stdout=subprocess.PIPE,
                preexec_fn=lambda: os.close(0))  # fmt: skip
    assert done.returncode == 130, done.stderr
    assert "RuntimeError" not in done.stderr and "internal error" not in done.stderr
    assert "nothing to save" in done.stderr


def _wait_until_reading(pid: int) -> None:
    """Until the process is blocked reading its input (Linux: system call 0, ``read``).

    Why: a signal that lands after Python's last bytecode but before the ``read`` starts
    is handled only once the read returns (a limit of CPython, not ours); the test sends
    SIGTERM where a person's ``kill`` nearly always lands, in the wait for an answer."""
    syscall = Path(f"/proc/{pid}/syscall")
    if not syscall.exists():
        pytest.skip("needs /proc/PID/syscall (Linux)")
    while syscall.read_text().split()[0] != "0":
        os.sched_yield()


@pytest.mark.slow
def test_sigterm_in_the_wizard_exits_143_keeping_the_answers(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [*CLI, "new", str(tmp_path / "job")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("Åsa Öberg\n".encode())
    proc.stdin.flush()
    seen = b""
    while b"trading name" not in seen:  # the second question: the first answer is in
        chunk = os.read(proc.stdout.fileno(), 4096)
        assert chunk, seen
        seen += chunk
    _wait_until_reading(proc.pid)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 143
    draft = (tmp_path / "job" / "job.draft.yaml").read_text("utf-8")
    assert "Åsa Öberg" in draft


# --- unclear messages ----------------------------------------------------------------------


def test_a_format_given_twice_builds_once(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = run("build", str(sample_path), "-o", str(out), "--format", "pdf,PDF, pdf")
    assert result.exit_code == 0, result.output
    assert (out / "contract.pdf").is_file() and not (out / "contract.docx").exists()


def test_a_job_file_named_dot_yaml_is_refused_plainly(tmp_path: Path) -> None:
    job = tmp_path / ".yaml"
    job.write_text(BASE, "utf-8")
    result = run("build", str(job), "--format", "docx")
    assert result.exit_code == 2, result.output
    assert "its output folder would be named as the job file itself" in result.output
    assert "is a file, not a folder" not in result.output


def test_a_template_with_only_pdf_is_refused(sample_path: Path, tmp_path: Path) -> None:
    template = tmp_path / "mine.docx"
    assert run("template", str(template)).exit_code == 0
    out = tmp_path / "o"
    result = run("build", str(sample_path), "-o", str(out), "--format", "pdf",
                 "--template", str(template))  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "a .docx template shapes the DOCX files only" in result.output
    assert not out.exists()


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.from_regex(r"[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?", fullmatch=True),
        st.sampled_from(["1.5e3", "=", "<<", "~", "null", "2027-02-29", "12", "true", "0x1F"]),
        st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=20),
    )
)
def test_the_job_writer_quotes_whatever_the_reader_would_misread(text: str) -> None:
    from contractkit.job import yamlsafe
    from contractkit.job.writer import _scalar

    for value in (text, [text, "x"]):
        assert yamlsafe.load(f"k: {_scalar(value)}") == {"k": value}


@pytest.mark.parametrize("rate", ["1e30", "1e999999", "1e-999999"])
def test_an_absurd_exchange_rate_is_refused(rate: str) -> None:
    poland = Path(__file__).parent.parent / "samples" / "illustrator-poland.yaml"
    result = run(
        "letter", "final-notice", str(poland), "--invoice", "I-1", "--amount", "100",
        "--due", "2026-09-01", "--as-of", "2026-11-24", "--reference-rate", "5.75",
        "--eur-rate", rate,
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert f"--eur-rate: {rate} is not a plausible exchange rate" in result.output


# --- what already held on the new code: kept as tests --------------------------------------


def test_a_long_title_and_name_still_make_every_docx(write_job: Any, tmp_path: Path) -> None:
    job = write_job(**{"project.title": "Website " * 37, "freelancer.name": "Å" * 290})
    out = tmp_path / "o"
    result = run("build", str(job), "-o", str(out), "--format", "docx")
    assert result.exit_code == 0, result.output
    from docx import Document

    props = Document(str(out / "contract.docx")).core_properties
    assert len(props.title) <= 255 and len(props.author) <= 255


def test_a_deposit_is_printed_as_typed_never_rounded(tmp_path: Path) -> None:
    text = BASE.replace("deposit_percent: 50", 'deposit_percent: "49.9999999"')
    launched = "name: Website launched\n      percent: 25"
    text = text.replace(launched, launched.replace("25", '"25.0000001"'))
    job = tmp_path / "job.yaml"
    job.write_text(text, "utf-8")
    out = tmp_path / "o"
    result = run("build", str(job), "-o", str(out), "--format", "docx")
    assert result.exit_code == 0, result.output
    from docx import Document

    tables = Document(str(out / "contract.docx")).tables
    cells = [c.text for t in tables for r in t.rows for c in r.cells]
    assert "49.9999999%" in cells and "25.0000001%" in cells
    assert "deposit of 49.9999999% of the fee" in "\n".join(docx_paragraphs(out / "contract.docx"))


def test_a_leftover_name_is_never_trusted(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    (out / "letters").mkdir(parents=True)
    odd = [out / ".contract.pdf.².contractkit-part", out / "letters" / ".a.-1.contractkit-part"]
    for path in odd:
        path.write_bytes(b"half a file")
    (out / ".b.99999999999999999999.contractkit-part").mkdir()
    result = run("build", str(sample_path), "-o", str(out), "--format", "docx")
    assert result.exit_code == 0, result.output
    assert not any(p.exists() for p in odd)
    assert (out / ".b.99999999999999999999.contractkit-part").is_dir()


def test_templates_compile_in_memory_only(
    sample_path: Path, tmp_path: Path, isolated_home: Path
) -> None:
    from contractkit.render.docx_guard import environment

    assert environment().bytecode_cache is None
    result = run("build", str(sample_path), "-o", str(tmp_path / "o"), "--format", "docx")
    assert result.exit_code == 0, result.output
    assert [p for p in isolated_home.rglob("*") if p.is_file()] == []
