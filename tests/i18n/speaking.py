"""Switching the language inside a test as the app does: the core's language and Qt's translator.

Tests run in English; a test that speaks another language switches back when it ends, so the
English texts other tests assert stay English.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QTranslator

from kvviz.i18n import SOURCE, catalogue_file, set_language


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """``code`` for the core's texts and Qt's (a QApplication must exist), English again afterwards."""
    app = QCoreApplication.instance()
    assert app is not None, "speaking() needs a QApplication (take the qtbot fixture)"
    translator = QTranslator()
    if code != SOURCE:
        assert translator.load(str(catalogue_file(code, ".qm"))), f"no compiled catalogue for {code}"
        app.installTranslator(translator)
    set_language(code)
    try:
        yield
    finally:
        app.removeTranslator(translator)
        set_language(SOURCE)


def has_chinese(text: str) -> bool:
    """Whether ``text`` holds a CJK ideograph (what a translated text has and an English one lacks)."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
