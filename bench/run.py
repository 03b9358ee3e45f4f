"""Benchmark contractkit against LibreOffice and `import click`, all in one run.

Why: machines differ, so targets are ratios measured side by side on the same machine in
the same run. Never part of the test suite: timings are noisy and belong here.

Run: .venv/bin/python bench/run.py [--runs 5]   → prints a table, writes bench/results.md
Needs LibreOffice (soffice) for the first ratio; without it that row says "absent".
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "website-redesign.yaml"
# What a user runs: the installed console script (python -m contractkit where there is none).
_SCRIPT = Path(sys.executable).with_name("contractkit")
CK = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "contractkit"]
BATCH = 20


@dataclass
class Run:
    seconds: float
    max_rss_kb: int


def run(cmd: list[str], cwd: Path | None = None) -> Run:
    """Run a command to completion; wall time and the child's own peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return Run(elapsed, usage.ru_maxrss)


def median(
    cmds: list[list[str]] | list[str], runs: int, cwd: Path | None = None
) -> tuple[float, int]:
    """Median seconds and max peak RSS (KB) over ``runs`` runs of one command."""
    results = [run(cmds, cwd) for _ in range(runs)]  # type: ignore[arg-type]
    return statistics.median(r.seconds for r in results), max(r.max_rss_kb for r in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    n = max(5, args.runs)
    work = Path(tempfile.mkdtemp(prefix="ck-bench-"))
    out = work / "out"

    build_cmd = [*CK, "build", str(SAMPLE), "-o", str(out), "--force", "--as-of", "2026-11-24"]
    run(build_cmd)  # warm the OS file cache and .pyc files: "cold" means a fresh process
    cold, rss = median(build_cmd, n)

    lo = shutil.which("soffice") or shutil.which("libreoffice")
    lo_time = None
    if lo:  # the same 12 DOCX files (contract + 11 letters) to PDF, in one soffice call
        docx = [str(out / "contract.docx"), *map(str, sorted((out / "letters").glob("*.docx")))]
        profile = work / "lo-profile"
        lo_cmd = [lo, f"-env:UserInstallation=file://{profile}", "--headless"]
        lo_cmd += ["--convert-to", "pdf", "--outdir", str(work / "lo"), *docx]
        run(lo_cmd)  # first start creates the profile; not counted
        lo_time, _ = median(lo_cmd, n)

    # tens of milliseconds each: more runs for a stable median
    help_time, _ = median([*CK, "--help"], n * 3)
    click_time, _ = median([sys.executable, "-c", "import click"], n * 3)

    # twenty different jobs, as an agency's batch would be (names in many scripts)
    jobs = _batch(work / "same", lambda i: SAMPLE)
    flags = ["--force", "--as-of", "2026-11-24"]
    t_batch, rss_batch = median([*CK, "build", *jobs, "-o", str(work / "all"), *flags], 3)

    # `next` across 500 job folders, each with a log: one in ten still waits on the client
    # (an unpaid invoice), the rest are paid and closed, as a freelancer's archive would be
    jobs_root = _job_folders(work / "folders", 500, active_every=10)
    next_time, _ = median([*CK, "next", str(jobs_root), "--as-of", "2027-02-20"], n)

    ratio = f"{cold / lo_time:.2f}" if lo_time else "n/a"
    rows = [
        ("cold build: contract + letters + timeline (one process)", f"{cold:.3f} s", ""),
        ("LibreOffice: the same 12 DOCX → PDF, one call", _secs(lo_time), ""),
        ("whole package / LibreOffice", ratio, "≤ 0.40"),
        ("`contractkit --help`", f"{help_time:.3f} s", ""),
        ('`python -c "import click"`', f"{click_time:.3f} s", ""),
        ("--help / import click", f"{help_time / click_time:.2f}", "≤ 1.5"),
        ("`contractkit next` over 500 job folders (50 active)", f"{next_time:.3f} s", ""),
        ("next / --help", f"{next_time / help_time:.1f}", "≤ 3"),
        ("peak RSS of one build", f"{rss / 1024:.0f} MB", "≤ 150 MB"),
        (f"batch of {BATCH} jobs: time", f"{t_batch:.3f} s", ""),
        (f"batch of {BATCH} jobs: peak RSS", f"{rss_batch / 1024:.0f} MB", "≤ 150 MB"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"| {'metric':<{width}} | value | target |", f"|{'-' * (width + 2)}|---|---|"]
    lines += [f"| {name:<{width}} | {value} | {target} |" for name, value, target in rows]
    table = "\n".join(lines)
    print(table)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
    )
    report = (
        f"# Benchmark results\n\n{stamp} · {machine} · Python {platform.python_version()} · "
        f"median of {n} runs\n\n{table}\n"
    )
    (ROOT / "bench" / "results.md").write_text(report, encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0


NAMES = (
    "Zofia Żak", "Björn Ångström", "Ödön Győri", "Jürgen Müller", "Françoise Dupré",
    "Søren Kierkegård", "Ægir Þórsson", "Łucja Ślęzak", "Ivo Čapek", "Núria Peña",
    "Ştefan Ţepeş", "Zoë Brontë", "Agnieszka Wróbel", "Åke Öberg", "Erzsébet Kőszegi",
    "Miłosz Kędzierski", "Dražen Šarić", "João Simões", "Çağla Yıldız", "Ewa Nowak",
)  # fmt: skip


def _batch(folder: Path, source: Callable[[int], Path]) -> list[str]:
    """``BATCH`` job files: job i is ``source(i)`` for another client."""
    import yaml

    folder.mkdir(parents=True)
    jobs = []
    for i in range(BATCH):
        path = source(i)
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        text = text.replace(data["client"]["name"], NAMES[i % len(NAMES)])
        job = folder / f"job{i:02d}.yaml"
        job.write_text(text, encoding="utf-8")
        jobs.append(str(job))
    return jobs


def _job_folders(root: Path, count: int, active_every: int) -> Path:
    """``count`` job folders with a log each; every ``active_every``-th has an unpaid
    invoice, the others an invoice paid in full and the job closed."""
    invoice = "- {event: invoice, on: 2027-01-01, number: INV-%d, amount: 1200, due: 2027-01-15}\n"
    done = "- {event: paid, on: 2027-01-10, amount: 1200}\n- {event: closed, on: 2027-01-11}\n"
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(count):
        folder = root / f"job{i:03d}"
        folder.mkdir(parents=True)
        (folder / "job.yaml").write_text(text, encoding="utf-8")
        log = invoice % i + ("" if i % active_every == 0 else done)
        (folder / "log.yaml").write_text(log, encoding="utf-8")
    return root


def _secs(value: float | None) -> str:
    return f"{value:.3f} s" if value is not None else "absent"


if __name__ == "__main__":
    sys.exit(main())
