"""Compile crane_desktop/resources/translations/*.ts into .qm files (run by scripts/bootstrap; a wheel
build compiles them too, see setup.py).

`python -m crane_desktop.i18n_build --update` first refreshes the .ts sources from the code with
pyside6-lupdate, keeping existing translations. `--merge FILE.json...` then fills unfinished entries of
the zh_CN .ts from JSON files shaped {context: {source: translation or [numerus forms]}}, the way
translations of a new feature arrive before a translator reviews them in Qt Linguist.

English needs a catalogue too, for plurals only: the code writes "%n node(s)" and the English .ts
(made with lupdate -pluralonly) says "1 node" / "3 nodes". Its forms are written here from the source
by rule ("(s)" dropped / made "s"), with the few irregular sentences in IRREGULAR_ENGLISH.
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
    english_plurals(ENGLISH_TS)


def english_forms(source: str) -> tuple[str, str]:
    """The singular and plural English of a numerus source such as "%n node(s)"."""
    if source in IRREGULAR_ENGLISH:
        return IRREGULAR_ENGLISH[source]
    return source.replace("(s)", ""), source.replace("(s)", "s")


def english_plurals(ts: Path) -> None:
    """Write every numerus message of the English .ts from its source (always finished)."""
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None:
            continue
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type", None)
        for form in english_forms(message.findtext("source") or ""):
            ET.SubElement(translation, "numerusform").text = form
    tree.write(ts, encoding="utf-8", xml_declaration=True)


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
