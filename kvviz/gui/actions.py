"""Every command the user can give, as a QAction with its text, shortcut and tooltip, in one registry.

The window puts them in menus and the toolbar; the session connects them to what they
do; :meth:`Actions.sync` enables them from the controller's :class:`NavState` alone.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from kvviz import i18n
from kvviz.gui.navigation import NavState

#: Theme names and their menu entries (the themes themselves live in kvviz.gui.theme).
THEME_TEXT = {
    "dark": QT_TRANSLATE_NOOP("Actions", "Dark (screens)"),
    "slide": QT_TRANSLATE_NOOP("Actions", "Slide (white, large type)"),
}
#: Each command's menu text and tooltip, translated when shown (see :meth:`Actions.retranslate`).
TEXTS: dict[str, tuple[str, str]] = {
    "step": (QT_TRANSLATE_NOOP("Actions", "Step"), QT_TRANSLATE_NOOP("Actions", "Process the next token")),
    "step_back": (
        QT_TRANSLATE_NOOP("Actions", "Back"),
        QT_TRANSLATE_NOOP("Actions", "Show the previous step (nothing is recomputed)"),
    ),
    "play": (
        QT_TRANSLATE_NOOP("Actions", "Play"),
        QT_TRANSLATE_NOOP("Actions", "Step automatically at the chosen speed; press again to pause"),
    ),
    "first": (QT_TRANSLATE_NOOP("Actions", "First"), QT_TRANSLATE_NOOP("Actions", "Show the prefill step")),
    "run_to_end": (
        QT_TRANSLATE_NOOP("Actions", "Run to end"),
        QT_TRANSLATE_NOOP("Actions", "Step until the token budget or the context is used up"),
    ),
    "reset": (
        QT_TRANSLATE_NOOP("Actions", "Reset"),
        QT_TRANSLATE_NOOP("Actions", "Discard the run and start again from the prefill"),
    ),
    "fit": (
        QT_TRANSLATE_NOOP("Actions", "Fit"),
        QT_TRANSLATE_NOOP("Actions", "Show the whole attention matrices and follow their growth"),
    ),
    "presentation": (
        QT_TRANSLATE_NOOP("Actions", "Presentation"),
        QT_TRANSLATE_NOOP("Actions", "The tokens, both matrices large and the step in words, for a class; Esc leaves"),
    ),
    "leave_presentation": (
        QT_TRANSLATE_NOOP("Actions", "Leave presentation"),
        QT_TRANSLATE_NOOP("Actions", "Back to the desktop layout"),
    ),
    "help": (
        QT_TRANSLATE_NOOP("Actions", "What am I looking at?"),
        QT_TRANSLATE_NOOP("Actions", "Show the explanation of the views"),
    ),
    "open_model_folder": (
        QT_TRANSLATE_NOOP("Actions", "Open model folder…"),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Run a Hugging Face model folder (config.json, *.safetensors, tokenizer.json) instead of the tiny model",
        ),
    ),
    "export_picture": (
        QT_TRANSLATE_NOOP("Actions", "Export picture…"),
        QT_TRANSLATE_NOOP("Actions", "Save a panel or the window as PNG or SVG"),
    ),
    "copy_picture": (
        QT_TRANSLATE_NOOP("Actions", "Copy picture"),
        QT_TRANSLATE_NOOP("Actions", "Copy the last exported panel to the clipboard, to paste in a slide"),
    ),
    "export_animation": (
        QT_TRANSLATE_NOOP("Actions", "Export animation…"),
        QT_TRANSLATE_NOOP("Actions", "Save steps a..b of a panel as an animated GIF (or MP4)"),
    ),
    "export_data": (
        QT_TRANSLATE_NOOP("Actions", "Export data…"),
        QT_TRANSLATE_NOOP("Actions", "Save per-step tokens, FLOPs, bytes and times as CSV or JSON"),
    ),
    "theme_dark": (
        THEME_TEXT["dark"],
        QT_TRANSLATE_NOOP("Actions", "Redraw the window in the dark theme; the run is kept"),
    ),
    "theme_slide": (
        THEME_TEXT["slide"],
        QT_TRANSLATE_NOOP("Actions", "Redraw the window in the slide theme; the run is kept"),
    ),
    # a language is named in itself, in every language: whoever cannot read the current one finds their own
    "language_en": (i18n.LANGUAGES["en"], QT_TRANSLATE_NOOP("Actions", "Show the window in English; the run is kept")),
    "language_zh_CN": (
        i18n.LANGUAGES["zh_CN"],
        QT_TRANSLATE_NOOP("Actions", "Show the window in Simplified Chinese; the run is kept"),
    ),
    "quit": (QT_TRANSLATE_NOOP("Actions", "Quit"), QT_TRANSLATE_NOOP("Actions", "Close kvviz")),
}
#: What the play command says while playing.
PAUSE = QT_TRANSLATE_NOOP("Actions", "Pause")
#: Menu texts that name a language: never translated.
_OWN_NAMES = {"language_en", "language_zh_CN"}
#: Each command's keys; PageDown/PageUp too for stepping: what presentation clickers send.
KEYS: dict[str, list[str | QKeySequence.StandardKey]] = {
    "step": ["Space", "Right", "PgDown"],
    "step_back": ["Left", "PgUp"],
    "play": ["P"],
    "first": ["Home"],
    "run_to_end": ["End"],
    "reset": ["Ctrl+R"],
    "fit": ["F"],
    "presentation": ["F5"],
    "leave_presentation": ["Esc"],
    "help": ["F1"],
    "open_model_folder": [QKeySequence.StandardKey.Open],
    "export_picture": ["Ctrl+E"],
    "copy_picture": ["Ctrl+Shift+C"],
    "export_animation": ["Ctrl+Shift+E"],
    "export_data": ["Ctrl+Shift+D"],
    "quit": [QKeySequence.StandardKey.Quit],
}
CHECKABLE = {"play", "presentation", "theme_dark", "theme_slide", "language_en", "language_zh_CN"}


def _tr(text: str) -> str:
    """A text marked in a table above, in the current language."""
    return QCoreApplication.translate("Actions", text)


@dataclass
class Actions:
    step: QAction
    step_back: QAction
    play: QAction
    first: QAction
    run_to_end: QAction
    reset: QAction
    fit: QAction
    presentation: QAction
    leave_presentation: QAction
    help: QAction
    open_model_folder: QAction
    export_picture: QAction
    copy_picture: QAction
    export_animation: QAction
    export_data: QAction
    theme_dark: QAction
    theme_slide: QAction
    language_en: QAction
    language_zh_CN: QAction  # noqa: N815 (named for its language code)
    quit: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]

    def exports(self) -> list[QAction]:
        return [self.export_picture, self.copy_picture, self.export_animation, self.export_data]

    def themes(self) -> dict[str, QAction]:
        return {"dark": self.theme_dark, "slide": self.theme_slide}

    def languages(self) -> dict[str, QAction]:
        """The language entries by code (kvviz.i18n.LANGUAGES)."""
        return {code: getattr(self, f"language_{code}") for code in i18n.LANGUAGES}

    def retranslate(self) -> None:
        """Every command's text and tooltip in the current language (the keys stay)."""
        for name, (text, tip) in TEXTS.items():
            action: QAction = getattr(self, name)
            if name == "play" and action.isChecked():
                text = PAUSE
            action.setText(text if name in _OWN_NAMES else _tr(text))
            tip = _tr(tip)
            shortcuts = action.shortcuts()
            keys = ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in shortcuts)
            action.setToolTip(f"{tip} ({keys})" if keys else tip)
            action.setStatusTip(tip)
        self.help.setIconText(
            QCoreApplication.translate("Actions", "Help")
        )  # the toolbar's short name: the toolbar fits a 1024 px window

    def disable_until_loaded(self) -> None:
        """Before a run is shown only Quit and the language work."""
        for action in self.all():
            action.setEnabled(action is self.quit or action in self.languages().values())

    def sync(self, nav: NavState) -> None:
        """Enable what can be done in ``nav``; the play button says Play or Pause."""
        self.step.setEnabled(nav.can_forward)
        self.run_to_end.setEnabled(nav.can_forward or nav.running_to_end)
        self.play.setEnabled(nav.can_forward or nav.playing)
        self.play.setChecked(nav.playing)
        self.play.setText(_tr(TEXTS["play"][0] if not nav.playing else PAUSE))
        self.step_back.setEnabled(nav.can_back)
        self.first.setEnabled(nav.can_back)
        always = (
            self.reset,
            self.fit,
            self.presentation,
            self.leave_presentation,
            self.help,
            self.open_model_folder,
            *self.exports(),
            *self.themes().values(),
            *self.languages().values(),
        )
        for action in (*always, self.quit):
            action.setEnabled(True)


def build_actions(parent: QObject, theme: str, language: str = i18n.SOURCE) -> Actions:
    """The registry for one window shown in ``theme`` and ``language`` (whose entries are checked)."""
    actions = {}
    for name in TEXTS:
        action = QAction(parent)
        action.setShortcuts([QKeySequence(key) for key in KEYS.get(name, [])])
        action.setCheckable(name in CHECKABLE)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        actions[name] = action
    built = Actions(**actions)
    for group in (built.themes(), built.languages()):
        exclusive = QActionGroup(parent)
        for action in group.values():
            exclusive.addAction(action)
    built.retranslate()
    built.themes()[theme].setChecked(True)
    built.languages()[language].setChecked(True)
    return built
