"""Themes switch the whole palette at once, and the app's own colours stay readable on it."""

from crane_desktop.views.theme import accent, apply_theme, is_dark


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
