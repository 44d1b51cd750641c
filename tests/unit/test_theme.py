"""Themes switch the whole palette at once, and the app's own colours stay readable on it."""

from PySide6.QtCore import Qt

from crane_desktop.views.theme import accent, apply_theme, dark_palette, is_dark


def test_dark_and_light_themes(qapp):
    try:
        apply_theme(qapp, "dark")
        assert is_dark()
        assert accent("error").lightness() > 128  # light red on dark grey
        apply_theme(qapp, "light")
        assert not is_dark()
        assert accent("error").lightness() < 128
    finally:
        apply_theme(qapp, "system")


def test_back_to_system_restores_the_platforms_style_and_palette(qapp):
    """A forced theme switches to Fusion; "system" gives back the style the platform chose."""
    style = qapp.style().name()
    try:
        qapp.setStyle("Windows")  # stands in for a platform style other than Fusion
        qapp.setProperty("craneNativeStyle", None)
        apply_theme(qapp, "dark")
        assert qapp.style().name().lower() == "fusion"
        apply_theme(qapp, "system")
        assert qapp.style().name().lower() == "windows"
        assert qapp.palette().resolveMask() == 0  # none of ours: the platform's palette
    finally:
        qapp.setStyle(style)
        qapp.setProperty("craneNativeStyle", None)
        apply_theme(qapp, "system")


def test_system_theme_follows_the_desktop_switching_colour_scheme_while_running(qapp):
    """Under "system", a colour scheme change of the desktop (QStyleHints.colorSchemeChanged) brings
    the platform's palette back; a forced theme ignores it."""
    hints = qapp.styleHints()
    try:
        apply_theme(qapp, "system")
        qapp.setPalette(dark_palette())  # the palette as it was before the desktop switched
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert qapp.palette().resolveMask() == 0 and not is_dark()

        apply_theme(qapp, "dark")
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert is_dark()  # forced: stays dark
    finally:
        apply_theme(qapp, "system")
