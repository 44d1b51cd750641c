"""Compile resources/translations/*.ts into .qm files (run by scripts/bootstrap).

`python -m crane_desktop.i18n_build --update` first refreshes the .ts sources from the code with
pyside6-lupdate, keeping existing translations.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from crane_desktop.i18n import TRANSLATIONS_DIR

PACKAGE_DIR = Path(__file__).resolve().parent


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def sources() -> list[str]:
    return sorted(str(p) for p in PACKAGE_DIR.rglob("*.py"))


def update(ts_files: list[Path]) -> None:
    for ts in ts_files:
        subprocess.run(
            [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources(), "-ts", str(ts)],
            check=True,
        )


def release(ts_files: list[Path]) -> None:
    for ts in ts_files:
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )


def main(argv: list[str]) -> int:
    ts_files = sorted(TRANSLATIONS_DIR.glob("*.ts"))
    if "--update" in argv:
        update(ts_files)
    release(ts_files)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
