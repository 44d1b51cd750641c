"""`crane-desktop --help` and the man page the .deb installs (packaging/linux/crane-desktop.1), which keeps
up with it: every option and command of the parser is described there."""

from __future__ import annotations

import argparse
from pathlib import Path

from crane_desktop.cli import build_parser

MAN_PAGE = Path(__file__).resolve().parents[2] / "packaging" / "linux" / "crane-desktop.1"


def test_the_man_page_describes_every_option_and_command():
    page = MAN_PAGE.read_text().replace("\\-", "-")
    parser = build_parser()
    options = {
        flag
        for action in parser._actions
        if action.help != argparse.SUPPRESS  # e.g. --tls=true, docker's other spellings of --tls
        for flag in action.option_strings
    }
    commands = {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }
    assert options and commands
    undocumented = sorted(name for name in options | commands if name not in page)
    assert not undocumented, f"not in {MAN_PAGE.name}: {undocumented}"


def test_help_lists_the_commands_the_environment_and_no_empty_choice():
    text = build_parser().format_help()
    for name in ("deploy", "entrypoints", "stack", "DOCKER_HOST", "CRANE_DESKTOP_CONFIG_DIR"):
        assert name in text
    assert "--lang {system,en,zh_CN}" in text and "--theme {system,light,dark}" in text
