"""Light and dark themes: follow the system's colour scheme by default, also when it changes while the
app runs, or force one (View > Theme: Qt's Fusion style with our palette; back to "system" restores the
platform's own style and palette).

Colours the app draws itself (error and warning text, chart and log colours) come from `accent()`,
which picks a shade readable on the current palette's background.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication

THEMES = ("system", "light", "dark")
# Kept on the application object: the theme in force, and the platform's style before Fusion replaced it.
_THEME, _NATIVE_STYLE, _FOLLOWING = "craneTheme", "craneNativeStyle", "craneFollowsColorScheme"

_ACCENTS = {
    # name: (on a light background, on a dark background)
    "error": ("#c62828", "#ff6b6b"),
    "warning": ("#b26a00", "#ffb74d"),
    "ok": ("#2e7d32", "#81c784"),
    "muted": ("#6b6b6b", "#9e9e9e"),
}


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def accent(name: str) -> QColor:
    light, dark = _ACCENTS[name]
    return QColor(dark if is_dark() else light)


def dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#272727",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#6cb4ff",
        QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#8a8a8a",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply `theme` ("system", "light" or "dark") to the whole application, at once."""
    hints = app.styleHints()
    if theme in ("dark", "light"):
        if not app.property(_NATIVE_STYLE):
            app.setProperty(_NATIVE_STYLE, app.style().name())
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
        scheme = Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light
    else:
        native = app.property(_NATIVE_STYLE)
        if native and app.style().name().lower() != str(native).lower():
            app.setStyle(str(native))
        app.setPalette(QPalette())  # no palette of ours: the platform's, which follows its colour scheme
        scheme = Qt.ColorScheme.Unknown
    app.setProperty(_THEME, theme)
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(scheme)
    if not app.property(_FOLLOWING):
        app.setProperty(_FOLLOWING, True)
        hints.colorSchemeChanged.connect(lambda _scheme: _system_scheme_changed(app))


def _system_scheme_changed(app: QApplication) -> None:
    """The desktop switched between light and dark while the app runs: under "system" take the
    platform's new palette and repaint the rows (their colours, accent() included, are picked when
    painted); a forced theme stays as it is."""
    if app.property(_THEME) != "system":
        return
    app.setPalette(QPalette())
    for widget in app.allWidgets():
        if isinstance(widget, QAbstractItemView):
            widget.viewport().update()
