"""Font registration: DejaVu Sans, which has every character a Swedish text may contain.

The system copy (``/usr/share/fonts/truetype/dejavu``) is used when present, else the copy bundled
in ``resources/fonts`` (same files, licence in ``resources/fonts/LICENSE``). ReportLab's built-in
Helvetica is never used: it cannot embed and lacks characters such as ‘’ “ ” – € ≥.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

SYSTEM_DIR = Path("/usr/share/fonts/truetype/dejavu")
BUNDLED_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


def font_path(name: str, search: tuple[Path, ...] = (SYSTEM_DIR, BUNDLED_DIR)) -> Path:
    """The first existing file for a font name, searching the system copy first."""
    for directory in search:
        candidate = directory / _FILES[name]
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"{_FILES[name]} not found in {', '.join(str(d) for d in search)}; "
        "the report needs the DejaVu fonts (bundled in resources/fonts)"
    )


def register_fonts() -> str:
    """Register the DejaVu Sans family once and return its regular font name."""
    registered = pdfmetrics.getRegisteredFontNames()
    for name in _FILES:
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    # <b> and <i> in paragraph markup pick the right face through these mappings.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    return REGULAR
