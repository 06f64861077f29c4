"""kvviz.core must stay usable without Qt: importing it may not load PySide6 or pyqtgraph."""

import pkgutil
import subprocess
import sys

import kvviz.core


def test_core_imports_no_gui_modules():
    modules = [f"kvviz.core.{m.name}" for m in pkgutil.iter_modules(kvviz.core.__path__)]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'PyQt5', 'PyQt6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert len(modules) > 5
    assert out.stdout.strip() == ""
