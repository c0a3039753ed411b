"""Light and dark palettes and the style sheet: calm, legible at arm's length, touch-sized.

Colours are named once here; widgets pick them up from the palette or by ``objectName`` in the
style sheet, so a screen never hard-codes a colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

TOUCH = 48  # px: the smallest target a finger hits reliably (Material's 48 dp, ≥ 44 required)


@dataclass(frozen=True)
class Colors:
    """One theme's colours."""

    window: str
    surface: str
    surface_alt: str
    text: str
    muted: str
    border: str
    accent: str
    accent_text: str
    rail: str
    rail_text: str
    rail_active: str
    ok: str
    warn: str
    error: str
    error_bg: str
    warn_bg: str
    info_bg: str
    dark: bool


LIGHT = Colors(
    window="#f3f5f7",
    surface="#ffffff",
    surface_alt="#e9edf1",
    text="#17212b",
    muted="#5b6975",
    border="#cfd7de",
    accent="#1f5f8b",
    accent_text="#ffffff",
    rail="#17324a",
    rail_text="#d6e2ec",
    rail_active="#2c5878",
    ok="#1b7f4c",
    warn="#a35c00",
    error="#b3261e",
    error_bg="#fbe4e2",
    warn_bg="#fdf0d9",
    info_bg="#e0eef8",
    dark=False,
)

DARK = Colors(
    window="#11171d",
    surface="#1a232c",
    surface_alt="#243039",
    text="#e7edf2",
    muted="#9fb0bd",
    border="#34424e",
    accent="#5aa6d8",
    accent_text="#0b1822",
    rail="#0b1218",
    rail_text="#b9c8d4",
    rail_active="#1f3a50",
    ok="#5cc98f",
    warn="#f0b35a",
    error="#ff8a80",
    error_bg="#3d1d1b",
    warn_bg="#3b2d14",
    info_bg="#17304a",
    dark=True,
)


def system_prefers_dark() -> bool:
    """Whether the desktop asks for a dark appearance."""
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def colors_for(mode: str) -> Colors:
    """The colours of ``mode``: "light", "dark" or "system"."""
    if mode == "dark" or (mode == "system" and system_prefers_dark()):
        return DARK
    return LIGHT


def _palette(c: Colors) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    p.setColor(role.Window, QColor(c.window))
    p.setColor(role.WindowText, QColor(c.text))
    p.setColor(role.Base, QColor(c.surface))
    p.setColor(role.AlternateBase, QColor(c.surface_alt))
    p.setColor(role.Text, QColor(c.text))
    p.setColor(role.Button, QColor(c.surface))
    p.setColor(role.ButtonText, QColor(c.text))
    p.setColor(role.Highlight, QColor(c.accent))
    p.setColor(role.HighlightedText, QColor(c.accent_text))
    p.setColor(role.ToolTipBase, QColor(c.surface))
    p.setColor(role.ToolTipText, QColor(c.text))
    p.setColor(role.PlaceholderText, QColor(c.muted))
    p.setColor(role.Link, QColor(c.accent))
    p.setColor(role.Mid, QColor(c.border))
    for group in (QPalette.ColorGroup.Disabled,):
        p.setColor(group, role.Text, QColor(c.muted))
        p.setColor(group, role.ButtonText, QColor(c.muted))
        p.setColor(group, role.WindowText, QColor(c.muted))
    return p


def style_sheet(c: Colors) -> str:
    """The app's style sheet for colours ``c``."""
    return f"""
QWidget {{ font-size: 11pt; }}
QPushButton, QToolButton {{
    min-height: {TOUCH}px; padding: 0 16px; border-radius: 8px;
    border: 1px solid {c.border}; background: {c.surface}; color: {c.text};
}}
QPushButton:hover, QToolButton:hover {{ border-color: {c.accent}; }}
QPushButton:pressed {{ background: {c.surface_alt}; }}
QPushButton:disabled {{ color: {c.muted}; background: {c.surface_alt}; }}
QPushButton[primary="true"] {{
    background: {c.accent}; color: {c.accent_text}; border-color: {c.accent}; font-weight: 600;
}}
QPushButton[primary="true"]:disabled {{ background: {c.border}; border-color: {c.border}; }}
QLineEdit, QComboBox, QSpinBox, QPlainTextEdit, QTextEdit {{
    min-height: {TOUCH - 4}px; padding: 0 10px; border-radius: 8px;
    border: 1px solid {c.border}; background: {c.surface}; color: {c.text};
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 2px solid {c.accent}; }}
QTableView, QListView, QTreeView {{
    background: {c.surface}; alternate-background-color: {c.surface_alt};
    border: 1px solid {c.border}; border-radius: 8px; gridline-color: {c.border};
}}
QHeaderView::section {{
    background: {c.surface_alt}; color: {c.muted}; padding: 8px; border: none;
    font-weight: 600;
}}
QLabel[role="title"] {{ font-size: 20pt; font-weight: 600; }}
QLabel[role="subtitle"] {{ font-size: 13pt; color: {c.muted}; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QFrame[card="true"] {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: 12px;
}}
#topBar {{ background: {c.surface}; border-bottom: 1px solid {c.border}; }}
#topBar QLabel {{ font-size: 11pt; }}
#storeName {{ font-weight: 600; font-size: 12pt; }}
#navRail {{ background: {c.rail}; }}
#navRail QToolButton {{
    color: {c.rail_text}; background: transparent; border: none; border-radius: 10px;
    min-height: 72px; min-width: 88px; padding: 6px 4px; font-size: 10pt;
}}
#navRail QToolButton:checked {{ background: {c.rail_active}; color: #ffffff; font-weight: 600; }}
#navRail QToolButton:hover {{ background: {c.rail_active}; }}
#syncChip {{ border-radius: 14px; padding: 4px 12px; background: {c.surface_alt}; }}
#syncChip[state="online"] {{ color: {c.ok}; }}
#syncChip[state="offline"] {{ color: {c.error}; background: {c.error_bg}; }}
#syncChip[state="degraded"] {{ color: {c.warn}; background: {c.warn_bg}; }}
#messageBar {{ border-radius: 8px; padding: 10px 14px; }}
#messageBar[level="error"] {{ background: {c.error_bg}; color: {c.error}; }}
#messageBar[level="warning"] {{ background: {c.warn_bg}; color: {c.warn}; }}
#messageBar[level="info"] {{ background: {c.info_bg}; color: {c.text}; }}
#lockButton {{ font-weight: 600; }}
QPushButton[pinKey="true"] {{
    min-height: 64px; min-width: 72px; font-size: 20pt; border-radius: 12px;
}}
QPushButton[staffTile="true"] {{
    min-height: 84px; min-width: 190px; text-align: left; padding: 8px 16px; font-size: 12pt;
}}
QPushButton[staffTile="true"]:checked {{
    border: 3px solid {c.accent}; background: {c.info_bg};
}}
#pinField {{ font-size: 22pt; min-height: 60px; qproperty-alignment: AlignCenter; }}
#pinMessage[level="error"] {{ color: {c.error}; }}
"""


def apply_theme(app: QApplication, mode: str = "system") -> Colors:
    """Fusion style, the palette and style sheet of ``mode``; returns the colours used."""
    colors = colors_for(mode)
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    app.setPalette(_palette(colors))
    font = QFont(app.font())
    font.setPointSizeF(11)
    app.setFont(font)
    app.setStyleSheet(style_sheet(colors))
    return colors
