"""kvviz.memory is plain arithmetic: importing any of its modules loads neither torch, numpy nor Qt, nor kvviz.core."""

import pkgutil
import subprocess
import sys

import kvviz.memory


def test_memory_imports_no_torch_qt_or_core():
    modules = [f"kvviz.memory.{m.name}" for m in pkgutil.iter_modules(kvviz.memory.__path__)]
    assert "kvviz.memory.serving" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "heavy = ('torch', 'numpy', 'PySide6', 'pyqtgraph')\n"
        "ours = ('kvviz.core', 'kvviz.gui')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in heavy or m.startswith(ours))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == ""
