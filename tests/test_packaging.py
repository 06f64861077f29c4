"""Installed as users install it: the weights inside the package, one version, a licence, no torch before the app."""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import kvviz
from kvviz.cli import main
from kvviz.core.checkpoint import TRAINED_WEIGHTS
from kvviz.core.variants import shipped

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_importing_the_command_imports_no_torch():
    done = run_python("import sys, kvviz.cli; print(sorted(m for m in sys.modules if m.split('.')[0] == 'torch'))")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_plain_kvviz_hands_over_to_the_app_before_torch_loads():
    """What the entry point runs with no arguments, up to the app (stood in for, so no window opens)."""
    code = """
import sys, types
app = types.ModuleType("kvviz.gui.app")
app.run_app = lambda: print("run_app; torch loaded:", "torch" in sys.modules) or 7
sys.modules["kvviz.gui.app"] = app
sys.argv = ["kvviz"]
from kvviz.cli import main
sys.exit(main())
"""
    done = run_python(code)
    assert done.returncode == 7, done.stderr
    assert done.stdout == "run_app; torch loaded: False\n"


def test_version_has_one_source(capsys):
    assert "version" in PYPROJECT["project"]["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "kvviz.__version__"}
    assert importlib.metadata.version("kvviz") == kvviz.__version__
    try:
        main(["--version"])
    except SystemExit as exit_:
        assert exit_.code == 0
    assert capsys.readouterr().out == f"kvviz {kvviz.__version__}\n"


def test_the_licence_file_is_the_one_the_metadata_names():
    assert PYPROJECT["project"]["license"] == "MIT"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n") and 'THE SOFTWARE IS PROVIDED "AS IS"' in text


def test_every_package_in_the_tree_is_listed_for_the_wheel():
    """pyproject lists packages by hand (the assets folder is mapped in); a new package must be added there."""
    tree = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kvviz").rglob("__init__.py")}
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    assert tree | {"kvviz.assets"} == listed, "add new packages to [tool.setuptools] packages in pyproject.toml"


def test_the_trained_weights_and_card_are_package_data():
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert setuptools["package-dir"] == {"kvviz.assets": "assets"}
    shipped = set(setuptools["package-data"]["kvviz.assets"])
    assert shipped == {p.name for p in (ROOT / "assets").iterdir() if p.suffix in (".pt", ".md")}
    assert TRAINED_WEIGHTS.is_file() and TRAINED_WEIGHTS.with_suffix(".md").is_file()
    assert TRAINED_WEIGHTS.resolve() == (ROOT / "assets" / "tiny-model.pt").resolve()  # found as package data


def test_help_says_that_plain_kvviz_opens_the_app(capsys):
    try:
        main(["--help"])
    except SystemExit as exit_:
        assert exit_.code == 0
    assert "Plain `kvviz`, with no command, opens the desktop app" in " ".join(capsys.readouterr().out.split())


def test_options_without_a_command_are_a_one_line_error(capsys):
    assert main(["--seed", "3"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kvviz: error: ") and err.count("\n") == 1


def test_the_wheel_holds_the_weights_the_card_every_module_and_the_licence(tmp_path):
    """The wheel as `pip install .` builds it from a clean copy (no stale build/), offline (installed setuptools)."""
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__"))
    build = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), "."]
    done = subprocess.run(build, cwd=source, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("kvviz-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "kvviz").rglob("*.py")}
    assert modules <= names, sorted(modules - names)
    assert {"kvviz/assets/tiny-model.pt", "kvviz/assets/tiny-model.md"} <= names
    family = {f"kvviz/assets/{v.path.name}" for v in shipped()}  # every trained variant, and its card
    assert family | {name.replace(".pt", ".md") for name in family} <= names
    assert f"kvviz-{kvviz.__version__}.dist-info/licenses/LICENSE" in names
