"""The math font the site ships: STIX Two Math from npm, with its licence, its MATH table and a CSS declaration."""

from __future__ import annotations

import re
from pathlib import Path

from fontTools.misc import sstruct
from fontTools.ttLib.woff2 import WOFF2DirectoryEntry, woff2DirectoryFormat, woff2DirectorySize

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "static" / "fonts"
FONT = FONTS / "STIXTwoMath-Regular.woff2"


def woff2_tables(path: Path) -> set[str]:
    """Return the table tags of a WOFF2 font, read from its directory (no decompression needed)."""
    data = path.read_bytes()
    header: dict = {}
    sstruct.unpack(woff2DirectoryFormat, data[:woff2DirectorySize], header)
    assert header["signature"] in ("wOF2", b"wOF2"), f"{path} is not a WOFF2 font"
    rest = data[woff2DirectorySize:]
    tags = set()
    for _ in range(header["numTables"]):
        entry = WOFF2DirectoryEntry()
        rest = entry.fromString(rest)
        tags.add(entry.tag.decode("ascii") if isinstance(entry.tag, bytes) else entry.tag)
    return tags


def test_the_math_font_has_the_math_table_browsers_lay_out_mathml_with():
    tables = woff2_tables(FONT)
    assert {"MATH", "cmap", "glyf", "GSUB"} <= tables


def test_the_font_ships_with_its_licence_and_a_note_of_its_package_and_version():
    licence = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "STIX Fonts Project" in licence
    note = (FONTS / "README.md").read_text(encoding="utf-8")
    version = re.search(r"^STIX_MATH_VERSION \?= (\S+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    assert "`@fontsource/stix-two-math`" in note and f"version\n**{version}**" in note
    assert "make fonts" in note


def test_the_stylesheet_declares_the_font_for_math_without_a_unicode_range():
    css = (ROOT / "assets" / "css" / "main.css").read_text(encoding="utf-8")
    face = re.search(r"@font-face \{[^}]*\}", css).group(0)
    assert 'font-family: "STIX Two Math"' in face and 'url("../fonts/STIXTwoMath-Regular.woff2")' in face
    assert "unicode-range" not in face
    assert re.search(r'^math \{ font-family: "STIX Two Math", math; \}$', css, re.M)
