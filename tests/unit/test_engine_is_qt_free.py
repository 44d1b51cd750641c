"""The engine layer must stay importable and usable without Qt (DESIGN.md: the layers)."""

import ast
import subprocess
import sys
from pathlib import Path

import crane_desktop.engine

ENGINE_DIR = Path(crane_desktop.engine.__file__).parent
FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "qasync")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_engine_module_imports_qt():
    offenders = {
        str(path.relative_to(ENGINE_DIR)): sorted(
            m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN
        )
        for path in ENGINE_DIR.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_engine_imports_with_qt_blocked():
    """Import every engine module in a fresh interpreter where importing Qt raises."""
    modules = sorted(
        "crane_desktop.engine." + ".".join(p.relative_to(ENGINE_DIR).with_suffix("").parts)
        for p in ENGINE_DIR.rglob("*.py")
        if p.name != "__init__.py"
    )
    script = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name.split('.')[0] in {FORBIDDEN!r}: raise ImportError('Qt is blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print('imported', len(sys.modules) > 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "imported True" in result.stdout
