"""Marking of user-visible engine strings for Qt's translation tools, without importing Qt.

`pyside6-lupdate` collects the literal arguments of QT_TRANSLATE_NOOP calls; the UI translates them at
display time with `QCoreApplication.translate(context, text)` and only then fills in the placeholders.
"""

ENGINE_CONTEXT = "engine"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Return `text` unchanged; the call only marks it for translation."""
    return text
