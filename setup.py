"""A setuptools hook: a wheel carries the compiled translations (.qm) beside the sources (.ts).

Everything else is in pyproject.toml. The .qm files are build products (not in git): `pip install .`,
`pipx install .`, `python -m build` (sdist, then the wheel from the sdist) all compile them here with Qt's
lrelease, from PySide6-Essentials, which [build-system] requires. An editable install skips this: in a
checkout `python -m crane_desktop.i18n_build` (scripts/bootstrap) compiles them in place.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

TRANSLATIONS = Path("crane_desktop", "resources", "translations")
# PySide6's own wrapper finds the lrelease binary inside the PySide6 package on every OS.
LRELEASE = [sys.executable, "-c", "from PySide6.scripts.pyside_tool import lrelease; lrelease()"]


class BuildPyWithTranslations(build_py):
    """build_py, then lrelease each .ts of the source tree into the build directory."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / TRANSLATIONS
        target.mkdir(parents=True, exist_ok=True)
        sources = sorted(TRANSLATIONS.glob("*.ts"))
        if not sources:
            raise SystemExit(f"no translation sources in {TRANSLATIONS.resolve()}")
        for ts in sources:
            qm = target / ts.with_suffix(".qm").name
            subprocess.run([*LRELEASE, "-silent", str(ts), "-qm", str(qm)], check=True)
            if not qm.is_file():
                raise SystemExit(f"lrelease made no {qm}")


setup(cmdclass={"build_py": BuildPyWithTranslations})
