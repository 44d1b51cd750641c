"""Loading the compiled translations (crane_desktop/resources/translations/*.qm) for the chosen language."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger("crane.i18n")

# Package data: in a checkout, an installed wheel and the frozen bundle alike.
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "resources" / "translations"
SUPPORTED = ("en", "zh_CN")


def resolve_language(setting: str) -> str:
    """'system' follows the system locale; anything unsupported falls back to English."""
    if setting and setting != "system":
        return setting if setting in SUPPORTED else "en"
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install our translation and Qt's own (dialog buttons...) for `language`; keep the result alive.

    English has a catalogue of its own too: its plurals ("1 node", "3 nodes")."""
    installed = []
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS_DIR / f"crane_desktop_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no translation for %s in %s", language, TRANSLATIONS_DIR)
    if language == "en":
        return installed
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    return installed
