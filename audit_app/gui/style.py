"""The look: Fusion following the system's light or dark palette, and one small style sheet.

The style sheet is set on the widgets whose parts it styles (the case form, the case dialog),
not on the application: with an application-wide sheet every widget costs more to make, and the
first window took about a tenth longer to show (issue 4). Titles outside them get their font
from ``title_font``.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget


def is_dark() -> bool:
    """Whether the current palette is dark (window darker than its text)."""
    palette = QGuiApplication.palette()
    return (palette.color(QPalette.ColorRole.Window).lightness()
            < palette.color(QPalette.ColorRole.WindowText).lightness())


def error_color() -> str:
    """A red readable on the current palette."""
    return "#f28b82" if is_dark() else "#b3261e"


def success_color() -> str:
    """A green readable on the current palette."""
    return "#81c995" if is_dark() else "#1e7b34"


def style_sheet() -> str:
    """Rules by object name and dynamic property; colours come from the palette."""
    red = error_color()
    base = QGuiApplication.font().pointSizeF()
    base = base if base > 0 else 10.0
    large, larger = f"{base * 1.25:.1f}pt", f"{base * 1.5:.1f}pt"
    # Inputs are drawn in the base colour: on a dark palette the cards take the window colour
    # so that radio buttons, check boxes and comment fields stand out from them.
    card = "palette(window)" if is_dark() else "palette(base)"
    return f"""
QFrame#questionCard {{
    border: 1px solid palette(mid); border-radius: 6px; background: {card};
}}
QFrame#questionCard[current="true"] {{ border: 2px solid palette(highlight); }}
QFrame#questionCard[gap="true"] {{ border: 2px solid {red}; }}
QLabel#questionText {{ font-weight: 600; }}
QLabel#sectionTitle {{ font-size: {large}; font-weight: 600; padding-top: 10px; }}
QLabel#caseTitle {{ font-size: {larger}; font-weight: 600; }}
QLabel#errorText, QLabel#gapBanner {{ color: {red}; }}
QLabel#gapBanner, QLabel#excludedBanner, QLabel#noticeBanner, QLabel#phaseBanner {{
    border: 1px solid palette(mid); border-radius: 4px; padding: 6px; background: palette(window);
}}
QFrame#specialOptions {{ border-top: 1px dashed palette(mid); padding-top: 2px; }}
QLabel#helpTitle {{ font-weight: 600; }}
"""


def apply(app: QApplication) -> None:
    """Use Fusion (it follows the system colour scheme)."""
    if app.style().name().lower() != "fusion":  # making it again costs start-up time
        app.setStyle("Fusion")


def use_sheet(widget: QWidget) -> None:
    """Style ``widget`` and everything in it with the program's style sheet."""
    widget.setStyleSheet(style_sheet())


def title_font(label: QWidget) -> None:
    """The style sheet's look of ``#caseTitle`` for a title outside the styled widgets."""
    font = label.font()
    base = QGuiApplication.font().pointSizeF()
    font.setPointSizeF(round((base if base > 0 else 10.0) * 1.5, 1))
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
