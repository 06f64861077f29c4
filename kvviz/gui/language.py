"""The language the app speaks: Qt's translators for the widgets, :mod:`kvviz.i18n` for the core's texts.

Both are switched together, so a caption the core words and the menu above it always agree.
kvviz's catalogue is read from the package as bytes (``importlib.resources``), which works from
a checkout and from an installed wheel alike; Qt's own ``qtbase`` catalogue, when PySide6 ships
it, translates the standard buttons (Cancel, Save…) and the file dialogs.

A live switch installs the new translators, which makes Qt send ``LanguageChange`` to every
widget, then emits :attr:`LanguageSwitch.changed`: the window, its docks and the model panel set
their texts again in place, and the session shows the current record again so every text worded
from it follows. The run, the step, the selection, the layout and every panel's state are kept.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from kvviz import i18n
from kvviz.gui.settings import Settings

#: Settings key of the language chosen in View ▸ Language ("" until the user chooses: the system's).
SETTING = "view/language"

_installed: list[QTranslator] = []  # the translators in the application now (Qt keeps no reference)


def choose(lang: str | None, settings: Settings) -> str:
    """The language to start in: ``lang`` (``kvviz --lang``), else the one saved in the settings,
    else the system's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``)."""
    if lang is not None:
        if lang not in i18n.LANGUAGES:
            raise i18n.UnknownLanguage(lang)
        return lang
    saved = settings.get(SETTING)
    return saved if saved in i18n.LANGUAGES else i18n.language_from_environment()


def install(code: str) -> None:
    """Make ``code`` the language of the application's widgets and of the core's texts.

    Raises :class:`kvviz.i18n.UnknownLanguage` for a code kvviz has no catalogue for.
    """
    i18n.set_language(code)
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if code == i18n.SOURCE:
        return
    for translator in (_qt_translator(code), _kvviz_translator(code)):
        if translator is not None:
            app.installTranslator(translator)
            _installed.append(translator)


def _kvviz_translator(code: str) -> QTranslator:
    """kvviz's compiled catalogue, loaded from bytes (a wheel's package data need not be a file)."""
    data = i18n.catalogue_file(code, ".qm").read_bytes()
    translator = QTranslator()
    if not translator.load(data):
        raise RuntimeError(f"the {code} catalogue shipped with kvviz is damaged")  # a packaging bug
    translator.kvviz_data = data  # Qt reads the bytes in place: they must live as long as the translator
    return translator


def _qt_translator(code: str) -> QTranslator | None:
    """Qt's own catalogue for the standard dialogs and buttons, if PySide6 ships one for ``code``."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    translator = QTranslator()
    return translator if translator.load(QLocale(code), "qtbase", "_", str(folder)) else None


class LanguageSwitch(QObject):
    """The language a window speaks now, and the one signal its texts are set again on."""

    changed = Signal(str)  # the new language's code, after the translators are in place

    def __init__(self, code: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._code = code

    @property
    def code(self) -> str:
        return self._code

    def set_language(self, code: str) -> None:
        """Speak ``code`` from now on: the translators, then every text of the window."""
        if code == self._code:
            return
        install(code)
        self._code = code
        # Qt posts LanguageChange to each widget: deliver it now, so every widget has its new texts at once.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.changed.emit(code)
