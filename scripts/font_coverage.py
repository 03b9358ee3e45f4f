"""Regenerate contractkit/fonts/coverage.json from the bundled fonts.

Run after changing a font: .venv/bin/python scripts/font_coverage.py
"""

import json

from contractkit.render.fonts import COVERAGE_FILE
from contractkit.render.pdffonts import measure_coverage

COVERAGE_FILE.write_text(json.dumps(measure_coverage(), separators=(",", ":")) + "\n")
print(COVERAGE_FILE, COVERAGE_FILE.stat().st_size)
