"""The zh_CN translation is complete: every user-visible source string has a finished translation,
and the committed .ts holds every string the code marks today."""

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from crane_desktop.i18n import TRANSLATIONS_DIR, install_translators
from crane_desktop.i18n_build import finished_plurals, mark_plurals, sources
from crane_desktop.views.charts import ChartsWidget

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
        assert QCoreApplication.translate("NodeTableModel", "active") == "正常调度"  # the state
        assert QCoreApplication.translate("NodesPage", "Activate") == "恢复调度"  # the operation
    finally:
        qapp.removeTranslator(translator)


# -- every string the code translates is in the .ts ------------------------------------------------
TR_CALLS = {"tr"}  # self.tr / widget.tr / tr: the context is the class the call is written in
TRANSLATE_CALLS = {"translate", "QT_TRANSLATE_NOOP"}  # (context, source, ...) given as literals


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _MarkedStrings(ast.NodeVisitor):
    """(context, source, where) of each literal handed to tr / translate in one module.

    engine.errors.translate(exc) shares the name `translate`; its first argument is no literal, so it
    is not collected."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.classes: list[str] = []
        self.found: list[tuple[str, str, str]] = []
        self.counted: set[tuple[str, str]] = set()  # those given a count: plurals

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        texts = [_literal(arg) for arg in node.args]
        where = f"{self.where}:{node.lineno}"
        counted = len(node.args) + len(node.keywords)
        if name in TR_CALLS and texts and texts[0] is not None:
            self.found.append((self.classes[-1] if self.classes else "<no class>", texts[0], where))
            counted -= 3
        elif name in TRANSLATE_CALLS and len(texts) >= 2 and texts[0] is not None and texts[1] is not None:
            self.found.append((texts[0], texts[1], where))
            counted -= 4
        else:
            counted = -1
        if counted >= 0:
            self.counted.add(self.found[-1][:2])
        self.generic_visit(node)


def _scan() -> list[_MarkedStrings]:
    visitors = []
    for path in sources():
        visitor = _MarkedStrings(str(Path(path).relative_to(Path(TRANSLATIONS_DIR).parent.parent)))
        visitor.visit(ast.parse(Path(path).read_text(encoding="utf-8")))
        visitors.append(visitor)
    return visitors


def marked_strings() -> list[tuple[str, str, str]]:
    return [found for visitor in _scan() for found in visitor.found]


def counted_strings() -> set[tuple[str, str]]:
    """(context, source) of the strings the code translates with a count (its plurals)."""
    return {key for visitor in _scan() for key in visitor.counted}


def test_every_string_the_code_translates_has_a_finished_translation():
    """lupdate's Python parser misses some calls (translate(ctx, "%n x", "", len(xs)) in a module
    function is left out), and a missed string shows in English: check the code itself. (It also reads
    such a count given as a variable as no count; for zh_CN, one plural form, that is harmless.)"""
    ts = ET.parse(TS).getroot()
    entries = {
        (context.findtext("name") or "", message.findtext("source")): message.find("translation")
        for context in ts.iter("context")
        for message in context.iter("message")
    }
    problems = []
    for context, source, where in marked_strings():
        translation = entries.get((context, source))
        if translation is None:
            problems.append(f"{where}: [{context}] {source!r} is not in the .ts")
        elif unfinished(translation):
            problems.append(f"{where}: [{context}] {source!r} has no finished translation")
    assert problems == []


def test_every_string_translated_with_a_count_is_a_plural_in_both_catalogues():
    """lupdate reads translate(ctx, "Last %n minute(s)", "", minutes) as no plural: English said
    "Last 5 minute(s)". i18n_build makes every %n source a plural; check it against the code's calls."""
    counted = counted_strings()
    zh = messages(TS)
    english = messages(TRANSLATIONS_DIR / "crane_desktop_en.ts")
    not_plural = sorted(key for key in counted if key in zh and _message(TS, key).get("numerus") != "yes")
    assert not_plural == []
    assert sorted(counted - set(english)) == []
    assert all("%n" in source for _context, source in counted)


def _message(ts: Path, key: tuple[str, str]) -> ET.Element:
    for context in ET.parse(ts).getroot().iter("context"):
        if context.findtext("name") == key[0]:
            for message in context.iter("message"):
                if message.findtext("source") == key[1]:
                    return message
    raise KeyError(key)


def test_the_scan_sees_the_calls_it_checks():
    """The scan finds the call lupdate missed, and the contexts of self.tr and translate calls."""
    found = {(context, source) for context, source, _where in marked_strings()}
    assert ("AppTreeModel", "%n service(s)") in found
    assert ("NodesPage", "Drain") in found
    assert ("engine", "The Docker engine reported an error.") in found
    counted = counted_strings()
    assert {("ChartsWidget", "Last %n minute(s)"), ("EventsPage", "Last %n minute(s)")} <= counted
    assert ("NodesPage", "Drain") not in counted


# -- full-width punctuation in Chinese text ---------------------------------------------------------
CJK = "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
CODE_LIKE = [
    r"\(&\w\)",  # a menu mnemonic: Qt's convention in Chinese menus is ASCII "(&C)"
    r"\([^()]*\*[^()]*\)|;;",  # a file dialog's filter: Qt parses "(*.yml)" and ";;"
    r"\w+://\S*",  # a URL or an endpoint scheme
    r"\d,\d{3}",  # digit grouping
    r'"[^"]*"' + r"|'[^']*'",  # quoted code
    "源:目标\\[:模式\\]|源:/目标(:ro)?|发布端口:目标端口/协议|键: 值",  # the syntax the field expects
]
ASCII_NEXT_TO_CJK = re.compile(rf"{CJK} ?[,:;?()]|[,:;?()] ?{CJK}")


def ascii_punctuation_in_chinese(text: str) -> list[str]:
    """The places where ASCII , : ; ? ( ) touch Chinese characters, outside code-like bits."""
    for pattern in CODE_LIKE:
        text = re.sub(pattern, " ", text)
    return [match.group() for match in ASCII_NEXT_TO_CJK.finditer(text)]


def test_chinese_text_uses_full_width_punctuation():
    wrong = []
    for (context, source), translation in messages(TS).items():
        forms = [form.text or "" for form in translation.findall("numerusform")] or [translation.text or ""]
        for text in forms:
            if ascii_punctuation_in_chinese(text):
                wrong.append(f"[{context}] {source!r} -> {text!r}")
    assert wrong == []


def test_the_punctuation_check_tells_code_from_chinese():
    assert ascii_punctuation_in_chinese("服务:%1") == ["务:"]
    assert ascii_punctuation_in_chinese("应用(可选)") == ["用(", "选)"]
    assert ascii_punctuation_in_chinese("集群(&C)") == []
    assert ascii_punctuation_in_chinese("Compose 文件 (*.yml *.yaml)") == []
    assert ascii_punctuation_in_chinese("（例如 10.0.0.5:2376）") == []
    assert ascii_punctuation_in_chinese("请使用 tcp://、unix://") == []


def test_english_plurals_are_written_out(qapp):
    """English says "1 node" and "4 nodes", not "4 node(s)": every plural the code marks is in the
    English catalogue, which the app installs for English too."""
    english = TRANSLATIONS_DIR / "crane_desktop_en.ts"
    plurals = {
        (context.findtext("name"), message.findtext("source"))
        for context in ET.parse(TS).getroot().iter("context")
        for message in context.iter("message")
        if message.get("numerus") == "yes"
    }
    assert plurals <= set(messages(english)), "run: python -m crane_desktop.i18n_build --update"
    installed = install_translators(qapp, "en")
    try:
        assert QCoreApplication.translate("NodesPage", "%n node(s)", "", 1) == "1 node"
        assert QCoreApplication.translate("NodesPage", "%n node(s)", "", 4) == "4 nodes"
        charts = ChartsWidget()  # its count is a variable: lupdate alone missed the plural
        assert [charts.window_combo.itemText(i) for i in range(3)] == [
            "Last 5 minutes",
            "Last 15 minutes",
            "Last 60 minutes",
        ]
        assert (
            QCoreApplication.translate(
                "DeployDialog",
                "The file no longer lists %n service(s) of the app %1; they will be removed.",
                "",
                1,
            )
            == "The file no longer lists 1 service of the app %1; it will be removed."
        )
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_a_plural_lupdate_reads_as_none_keeps_its_finished_translation(tmp_path):
    """lupdate turns such a plural back into a plain, unfinished message on every --update: the build
    makes it a plural again with the forms it had, and leaves a new one unfinished."""
    ts = tmp_path / "zh.ts"
    plural = '<message numerus="yes"><source>Last %n minute(s)</source><translation><numerusform>最近 %n 分钟'
    ts.write_text(f"<TS><context><name>C</name>{plural}</numerusform></translation></message></context></TS>")
    before = finished_plurals(ts)
    ts.write_text(  # what lupdate then writes
        '<TS><context><name>C</name><message><source>Last %n minute(s)</source><translation type="unfinished"'
        ">最近 %n 分钟</translation></message><message><source>%n new(s)</source><translation "
        'type="unfinished"></translation></message></context></TS>'
    )
    assert mark_plurals(ts, before) == {("C", "Last %n minute(s)"), ("C", "%n new(s)")}
    after = messages(ts)
    assert not unfinished(after[("C", "Last %n minute(s)")])
    assert [form.text for form in after[("C", "Last %n minute(s)")]] == ["最近 %n 分钟"]
    assert unfinished(after[("C", "%n new(s)")])
