"""Compile crane_desktop/resources/translations/*.ts into .qm files (run by scripts/bootstrap; a wheel
build compiles them too, see setup.py).

`python -m crane_desktop.i18n_build --update` first refreshes the .ts sources from the code with
pyside6-lupdate, keeping existing translations. `--merge FILE.json...` then fills unfinished entries of
the zh_CN .ts from JSON files shaped {context: {source: translation or [numerus forms]}}, the way
translations of a new feature arrive before a translator reviews them in Qt Linguist.

English needs a catalogue too, for plurals only: the code writes "%n node(s)" and the English .ts
(made with lupdate -pluralonly) says "1 node" / "3 nodes". Its forms are written here from the source
by rule ("(s)" dropped / made "s"), with the few irregular sentences in IRREGULAR_ENGLISH.

lupdate's Python parser reads `QCoreApplication.translate(ctx, "%n …", "", count)` with a count given
as a name as no plural (only self.tr's, or a number written out, count): every source with %n is made
a plural here after lupdate (a finished translation it had kept), and added to the English catalogue.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from crane_desktop.i18n import TRANSLATIONS_DIR

PACKAGE_DIR = Path(__file__).resolve().parent


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def sources() -> list[str]:
    return sorted(str(p) for p in PACKAGE_DIR.rglob("*.py"))


ENGLISH_TS = TRANSLATIONS_DIR / "crane_desktop_en.ts"

# English plurals that the "(s)" rule would get wrong: source -> (singular, plural)
IRREGULAR_ENGLISH = {
    "The file no longer lists %n service(s) of the app %1; they will be removed.": (
        "The file no longer lists %n service of the app %1; it will be removed.",
        "The file no longer lists %n services of the app %1; they will be removed.",
    ),
    "%n service(s) will restart their tasks.": (
        "%n service will restart its tasks.",
        "%n services will restart their tasks.",
    ),
}


def update(ts_files: list[Path]) -> None:
    finished = {ts: finished_plurals(ts) for ts in ts_files if ts != ENGLISH_TS}
    for ts in ts_files:
        plurals_only = ["-pluralonly"] if ts == ENGLISH_TS else []
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "none",
                *plurals_only,
                *sources(),
                "-ts",
                str(ts),
            ],
            check=True,
        )
    plurals: set[tuple[str, str]] = set()
    for ts, done in finished.items():
        plurals |= mark_plurals(ts, done)
    english_plurals(ENGLISH_TS, plurals)


def _key(context: ET.Element, message: ET.Element) -> tuple[str, str]:
    return context.findtext("name") or "", message.findtext("source") or ""


def finished_plurals(ts: Path) -> dict[tuple[str, str], list[str]]:
    """The finished forms of every plural message of `ts`, before lupdate reads the code again."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if message.get("numerus") == "yes" and translation is not None and not translation.get("type"):
                found[_key(context, message)] = [form.text or "" for form in translation.iter("numerusform")]
    return found


def mark_plurals(ts: Path, finished: dict[tuple[str, str], list[str]]) -> set[tuple[str, str]]:
    """Make every message whose source has %n a plural, with the forms it had finished before lupdate
    read it as no plural; return the (context, source) of all plurals."""
    tree = ET.parse(ts)
    plurals = set()
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            key = _key(context, message)
            translation = message.find("translation")
            if "%n" not in key[1] or translation is None:
                continue
            plurals.add(key)
            if message.get("numerus") == "yes":
                continue
            message.set("numerus", "yes")
            forms = finished.get(key) or [translation.text or ""]
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
            if key in finished:
                translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return plurals


def english_forms(source: str) -> tuple[str, str]:
    """The singular and plural English of a numerus source such as "%n node(s)"."""
    if source in IRREGULAR_ENGLISH:
        return IRREGULAR_ENGLISH[source]
    return source.replace("(s)", ""), source.replace("(s)", "s")


def english_plurals(ts: Path, plurals: set[tuple[str, str]]) -> None:
    """Write every numerus message of the English .ts from its source (always finished), adding the
    `plurals` lupdate left out."""
    tree = ET.parse(ts)
    root = tree.getroot()
    contexts = {context.findtext("name") or "": context for context in root.iter("context")}
    present = {_key(context, message) for context in contexts.values() for message in context.iter("message")}
    for name, source in sorted(plurals - present):
        context = contexts.get(name)
        if context is None:
            context = contexts[name] = _append(root, "context", 0)
            _append(context, "name", 1).text = name
        message = _append(context, "message", 1, numerus="yes")
        _append(message, "source", 2).text = source
        _append(message, "translation", 2).text = "\n" + INDENT * 3
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None:
            continue
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type", None)
        for form in english_forms(message.findtext("source") or ""):
            ET.SubElement(translation, "numerusform").text = form
    tree.write(ts, encoding="utf-8", xml_declaration=True)


INDENT = "    "


def _append(parent: ET.Element, tag: str, level: int, **attrib: str) -> ET.Element:
    """A new last child of `parent`, indented as lupdate writes its .ts files."""
    children = list(parent)
    if children:
        children[-1].tail = "\n" + INDENT * level
    else:
        parent.text = "\n" + INDENT * level
    child = ET.SubElement(parent, tag, attrib)
    child.tail = "\n" + INDENT * max(level - 1, 0)
    return child


def release(ts_files: list[Path]) -> None:
    for ts in ts_files:
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )


def merge(ts: Path, translations: dict[str, dict[str, str | list[str]]]) -> list[tuple[str, str]]:
    """Fill unfinished messages of `ts` from `translations`; return those still without one."""
    tree = ET.parse(ts)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            given = translations.get(name, {}).get(source)
            if not given:
                missing.append((name, source))
                continue
            if message.get("numerus") == "yes":
                for child in list(translation):
                    translation.remove(child)
                for form in [given] if isinstance(given, str) else given:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = given if isinstance(given, str) else given[0]
            del translation.attrib["type"]
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def main(argv: list[str]) -> int:
    ts_files = sorted({*TRANSLATIONS_DIR.glob("*.ts"), ENGLISH_TS})
    if "--update" in argv:
        update(ts_files)
    if "--merge" in argv:
        translations: dict[str, dict[str, str | list[str]]] = {}
        for path in argv[argv.index("--merge") + 1 :]:
            for context, pairs in json.loads(Path(path).read_text()).items():
                translations.setdefault(context, {}).update(pairs)
        for context, source in merge(TRANSLATIONS_DIR / "crane_desktop_zh_CN.ts", translations):
            print(f"untranslated: [{context}] {source!r}")
    release(ts_files)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
