"""The zh_CN catalogue covers every text the code marks for translation, and Qt's copy is current.

lupdate reads the source tree afresh here, so a text marked in code but missing from the
shipped catalogue, or left "unfinished", fails the suite, and so does a .qm compiled from an
older .ts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kvviz.i18n import catalogue_file

ROOT = Path(__file__).resolve().parents[2]


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: it comes with PySide6, a dependency")
    return found


def _sources() -> list[str]:
    """Every Python file of the package: lupdate finds none when given the folder."""
    return sorted(str(path.relative_to(ROOT)) for path in (ROOT / "kvviz").rglob("*.py"))


def _messages(ts: bytes) -> dict[tuple[str, str], ET.Element]:
    return {
        (context.findtext("name", ""), message.findtext("source", "")): message.find("translation")
        for context in ET.fromstring(ts).iter("context")
        for message in context.iter("message")
    }


def test_every_marked_text_has_a_finished_chinese_translation(tmp_path):
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [_tool("pyside6-lupdate"), *_sources(), "-locations", "none", "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    marked = _messages(fresh.read_bytes())
    shipped = _messages(catalogue_file("zh_CN").read_bytes())
    missing = sorted(key for key in marked if key not in shipped)
    unfinished = sorted(
        key
        for key in marked
        if key in shipped and (shipped[key] is None or not shipped[key].text or shipped[key].get("type"))
    )
    assert not missing, (
        f"{len(missing)} texts not in the catalogue (run scripts/update_translations.sh): {missing[:10]}"
    )
    assert not unfinished, f"{len(unfinished)} texts without a finished translation: {unfinished[:10]}"


def test_the_compiled_catalogue_is_compiled_from_the_shipped_source(tmp_path):
    compiled = tmp_path / "fresh.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(catalogue_file("zh_CN")), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == catalogue_file("zh_CN", ".qm").read_bytes(), (
        "kvviz_zh_CN.qm is older than kvviz_zh_CN.ts: run scripts/update_translations.sh"
    )
