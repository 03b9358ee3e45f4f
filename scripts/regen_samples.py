"""Rebuild everything under samples/ from the sample job files.

Why: the samples show exactly what a user gets; regenerating them by script (with a fixed
--as-of date, so the output is byte-stable) keeps them honest after every change.

Run: .venv/bin/python scripts/regen_samples.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
AS_OF = "2026-11-24"


def main() -> int:
    for job in sorted(SAMPLES.glob("*.yaml")):
        out = SAMPLES / job.stem
        if out.exists():
            shutil.rmtree(out)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "contractkit",
                "build",
                str(job),
                "-o",
                str(out),
                "--as-of",
                AS_OF,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(out.relative_to(ROOT))
    if shutil.which("pdftoppm"):
        page = SAMPLES / "website-redesign" / "contract-page1"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(SAMPLES / "website-redesign" / "contract.pdf"),
                str(page),
            ],
            check=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
