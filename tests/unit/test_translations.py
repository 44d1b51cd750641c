"""The zh_CN translation is complete: every user-visible source string has a finished translation,
and the committed .ts holds every string the code marks today."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from crane_desktop.i18n import TRANSLATIONS_DIR
from crane_desktop.i18n_build import sources

TS = TRANSLATIONS_DIR / "crane_desktop_zh_CN.ts"


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source")): message.find("translation")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def unfinished(translation: ET.Element) -> bool:
    if translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return True
    forms = translation.findall("numerusform")
    return not all((f.text or "").strip() for f in forms) if forms else not (translation.text or "").strip()


def test_every_marked_string_is_in_the_committed_ts(tmp_path):
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run(
        [str(lupdate), "-no-obsolete", "-locations", "none", *sources(), "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    new = set(messages(fresh)) - set(messages(TS))
    assert new == set(), "run: python -m crane_desktop.i18n_build --update, then translate"


def test_every_string_has_a_finished_translation():
    missing = [key for key, translation in messages(TS).items() if unfinished(translation)]
    assert missing == []


def test_compiled_translation_loads(qapp):
    translator = QTranslator()
    assert translator.load(str(TS.with_suffix(".qm")))
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("NodeTableModel", "drained") == "停止调度"
        assert QCoreApplication.translate("NodeTableModel", "paused") == "暂停调度"
        assert QCoreApplication.translate("NodeTableModel", "active") == "正常调度"  # the state (GLOSSARY)
    finally:
        qapp.removeTranslator(translator)
