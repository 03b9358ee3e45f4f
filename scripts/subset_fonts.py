"""Regenerate the bundled fallback font subsets from Debian's Noto Sans.

Why: DejaVu Sans (bundled whole) covers Latin, Polish, Hungarian, Swedish and Georgian
script but lacks some currency signs, notably the Georgian lari sign U+20BE. Noto Sans has
them. We ship only the currency-symbol block of Noto Sans (OFL 1.1 permits subsetting) so
the wheel stays small and every machine renders the same glyphs.

Run: apt-get install fonts-noto-core && python scripts/subset_fonts.py
"""

from pathlib import Path

from fontTools import subset

SRC = Path("/usr/share/fonts/truetype/noto")
DEST = Path(__file__).resolve().parent.parent / "contractkit" / "fonts"
UNICODES = [*range(0x20A0, 0x20D0), 0x20]

for style in ("Regular", "Bold"):
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.drop_tables += ["GSUB", "GPOS", "GDEF"]
    font = subset.load_font(str(SRC / f"NotoSans-{style}.ttf"), opts)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=UNICODES)
    sub.subset(font)
    out = DEST / f"NotoSansCurrency-{style}.ttf"
    subset.save_font(font, str(out), opts)
    print(out, out.stat().st_size)
