"""Rebuild NotoSansSC-Subset.otf, the CJK font bundled with quizapp (developer tool, not run by the app).

    python assets/fonts/build_subset.py [/path/to/NotoSansCJK-Regular.ttc]

Takes the Simplified Chinese face of Noto Sans CJK (SIL OFL 1.1, see OFL.txt) and keeps the
6763 GB2312 hanzi, ASCII and Latin-1, CJK and full-width punctuation, Greek, the math symbols,
arrows and super/subscripts, and every character of the deck files, so Chinese renders on a
machine with no CJK font installed. The family is renamed so it never shadows a system
Noto Sans CJK. tests/ui/test_fonts.py checks the result covers the deck.
"""
from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "NotoSansSC-Subset.otf"
FAMILY = "Noto Sans SC Subset"
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x00FF),  # ASCII, Latin-1
    (0x0370, 0x03FF),  # Greek
    (0x2000, 0x206F), (0x2070, 0x209F),  # general punctuation, super/subscripts
    (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF),  # letterlike, arrows, math operators
    (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF),  # circled numbers, box drawing, shapes
    (0x3000, 0x303F), (0xFF00, 0xFFEF),  # CJK and full-width punctuation
]


def gb2312_hanzi() -> set[str]:
    chars = set()
    for hi in range(0xB0, 0xF8):  # GB2312 rows 16-87: level 1 and level 2 hanzi
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # the five unused cells at the end of row 55
    return chars


def deck_characters() -> set[str]:
    files = list((ROOT / "content" / "deck").glob("*.toml")) + list((ROOT / "tests" / "fixtures").rglob("*.toml"))
    return {ch for f in files for ch in f.read_text(encoding="utf-8") if ord(ch) >= 0x20}


def main(source: Path = SOURCE) -> None:
    collection = TTCollection(str(source))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
    hanzi = gb2312_hanzi()
    assert len(hanzi) == 6763, len(hanzi)
    required = {ord(c) for c in hanzi | deck_characters()}
    wanted = set(required)
    for lo, hi in RANGES:
        wanted.update(range(lo, hi + 1))
    cmap = font.getBestCmap()
    missing = sorted(c for c in required if c not in cmap and c >= 0x3000)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = ["kern", "liga", "locl", "vert", "vrt2", "palt", "halt"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for c in wanted if c in cmap])
    subsetter.subset(font)
    names = font["name"]
    for record in names.names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 4:
            record.string = f"{FAMILY} Regular"
        elif record.nameID == 6:
            record.string = "NotoSansSC-Subset-Regular"
    font.save(str(OUT))
    print(f"{OUT}: {len(font.getBestCmap())} characters, {OUT.stat().st_size / 1e6:.1f} MB"
          + (f"; not in the source font: {''.join(map(chr, missing))}" if missing else ""))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
