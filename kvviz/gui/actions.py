"""Every command the user can give, as a QAction with its text, shortcut and tooltip.

The main window puts them in menus and the toolbar and connects them; one method there
syncs which are enabled from the controller's state.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


@dataclass
class Actions:
    step: QAction
    step_back: QAction
    play: QAction
    first: QAction
    run_to_end: QAction
    reset: QAction
    fit: QAction
    help: QAction
    quit: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, name) for name in self.__dataclass_fields__]


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


def build_actions(parent: QObject) -> Actions:
    return Actions(
        step=_action(parent, "Step", ["Space", "Right"], "Process the next token"),
        step_back=_action(parent, "Back", ["Left"], "Show the previous step (nothing is recomputed)"),
        play=_action(
            parent, "Play", ["P"], "Step automatically at the chosen speed; press again to pause", checkable=True
        ),
        first=_action(parent, "First", ["Home"], "Show the prefill step"),
        run_to_end=_action(parent, "Run to end", ["End"], "Step until the token budget or the context is used up"),
        reset=_action(parent, "Reset", ["Ctrl+R"], "Discard the run and start again from the prefill"),
        fit=_action(parent, "Fit", ["F"], "Show the whole attention matrices and follow their growth"),
        help=_action(parent, "What am I looking at?", ["F1"], "Show the explanation of the views"),
        quit=_action(parent, "Quit", [QKeySequence.StandardKey.Quit], "Close kvviz"),
    )
