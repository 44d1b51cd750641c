"""Logging: one logger per area under `crane.`, a log file in the platform's log directory, and Qt's
own messages routed into it."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs
from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

qt_log = logging.getLogger("crane.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def log_dir() -> Path:
    override = os.environ.get("CRANE_DESKTOP_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir("crane-desktop", "crane"))


# Said by the offscreen platform plugin on every top-level show; not a problem of ours.
HARMLESS_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = _QT_LEVELS.get(kind, logging.WARNING)
    if message in HARMLESS_QT_MESSAGES:
        level = logging.DEBUG
    qt_log.log(level, "%s", message)


def setup_logging(debug: bool = False) -> Path:
    """Configure the `crane` loggers; returns the log file's path."""
    directory = log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "crane-desktop.log"
    root = logging.getLogger("crane")
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=5_000_000, backupCount=3, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if debug else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.handlers[:] = [file_handler, console]
    qInstallMessageHandler(_qt_message)
    return path
