"""Every command the user can give, as a QAction with its text, shortcut and tooltip, in one registry.

The window puts them in menus and the toolbar; the session connects them to what they
do; :meth:`Actions.sync` enables them from the controller's :class:`NavState` alone.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from kvviz.gui.navigation import NavState

#: Theme names and their menu entries (the themes themselves live in kvviz.gui.theme).
THEME_TEXT = {"dark": "Dark (screens)", "slide": "Slide (white, large type)"}


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
    quit: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]

    def exports(self) -> list[QAction]:
        return [self.export_picture, self.copy_picture, self.export_animation, self.export_data]

    def themes(self) -> dict[str, QAction]:
        return {"dark": self.theme_dark, "slide": self.theme_slide}

    def disable_until_loaded(self) -> None:
        """Before a run is shown only Quit works."""
        for action in self.all():
            action.setEnabled(action is self.quit)

    def sync(self, nav: NavState) -> None:
        """Enable what can be done in ``nav``; the play button says Play or Pause."""
        self.step.setEnabled(nav.can_forward)
        self.run_to_end.setEnabled(nav.can_forward or nav.running_to_end)
        self.play.setEnabled(nav.can_forward or nav.playing)
        self.play.setChecked(nav.playing)
        self.play.setText("Pause" if nav.playing else "Play")
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
        )
        for action in (*always, self.quit):
            action.setEnabled(True)


def _action(
    parent: QObject, text: str, shortcuts: list[str | QKeySequence.StandardKey], tip: str, *, checkable: bool = False
) -> QAction:
    action = QAction(text, parent)
    action.setShortcuts([QKeySequence(s) for s in shortcuts])
    keys = ", ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts)
    action.setToolTip(f"{tip} ({keys})" if keys else tip)
    action.setStatusTip(tip)
    action.setCheckable(checkable)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    return action


def _theme_action(parent: QObject, name: str, group: QActionGroup) -> QAction:
    action = _action(
        parent, THEME_TEXT[name], [], f"Redraw the window in the {name} theme; the run is kept", checkable=True
    )
    group.addAction(action)
    return action


def build_actions(parent: QObject, theme: str) -> Actions:
    """The registry for one window shown in ``theme`` (whose theme entry is checked)."""
    themes = QActionGroup(parent)
    actions = Actions(
        # PageDown/PageUp too: what presentation clickers send
        step=_action(parent, "Step", ["Space", "Right", "PgDown"], "Process the next token"),
        step_back=_action(parent, "Back", ["Left", "PgUp"], "Show the previous step (nothing is recomputed)"),
        play=_action(
            parent, "Play", ["P"], "Step automatically at the chosen speed; press again to pause", checkable=True
        ),
        first=_action(parent, "First", ["Home"], "Show the prefill step"),
        run_to_end=_action(parent, "Run to end", ["End"], "Step until the token budget or the context is used up"),
        reset=_action(parent, "Reset", ["Ctrl+R"], "Discard the run and start again from the prefill"),
        fit=_action(parent, "Fit", ["F"], "Show the whole attention matrices and follow their growth"),
        presentation=_action(
            parent,
            "Presentation",
            ["F5"],
            "The tokens, both matrices large and the step in words, for a class; Esc leaves",
            checkable=True,
        ),
        leave_presentation=_action(parent, "Leave presentation", ["Esc"], "Back to the desktop layout"),
        help=_action(parent, "What am I looking at?", ["F1"], "Show the explanation of the views"),
        open_model_folder=_action(
            parent,
            "Open model folder…",
            [QKeySequence.StandardKey.Open],
            "Run a Hugging Face model folder (config.json, *.safetensors, tokenizer.json) instead of the tiny model",
        ),
        export_picture=_action(parent, "Export picture…", ["Ctrl+E"], "Save a panel or the window as PNG or SVG"),
        copy_picture=_action(
            parent,
            "Copy picture",
            ["Ctrl+Shift+C"],
            "Copy the last exported panel to the clipboard, to paste in a slide",
        ),
        export_animation=_action(
            parent, "Export animation…", ["Ctrl+Shift+E"], "Save steps a..b of a panel as an animated GIF (or MP4)"
        ),
        export_data=_action(
            parent, "Export data…", ["Ctrl+Shift+D"], "Save per-step tokens, FLOPs, bytes and times as CSV or JSON"
        ),
        theme_dark=_theme_action(parent, "dark", themes),
        theme_slide=_theme_action(parent, "slide", themes),
        quit=_action(parent, "Quit", [QKeySequence.StandardKey.Quit], "Close kvviz"),
    )
    actions.help.setIconText("Help")  # the toolbar's short name: the toolbar fits a 1024 px window
    actions.themes()[theme].setChecked(True)
    return actions
