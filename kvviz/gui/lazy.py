"""Views built the first time they are needed: when first on screen, or when asked for by name.

At launch most docks sit behind another tab (the memory explorer, the quality chart, the paged
cache, the plots in a window less tall than 1000 px) and the presentation page is hidden; building
them delayed the first record by a fifth of a second for views nobody was looking at yet. A dock's
view is built when its placeholder is first painted (a dock behind another tab is not painted) or
when code asks for it (an export of that panel, a test), and then fed what the window shows now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


class BuildWhenPainted(QWidget):
    """An empty placeholder for a view not built yet: its first paint asks for the view.

    The build is posted rather than done inside the paint event (Qt forbids changing widgets
    while painting); the placeholder is drawn empty for that one frame. The view replaces (and
    deletes) the placeholder, so the posted call belongs to ``owner``, which outlives it; asking
    for a view already built is harmless.
    """

    def __init__(self, build: Callable[[], object], owner: QObject) -> None:
        super().__init__()
        self._build = build
        self._owner = owner
        self._asked = False

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if not self._asked:
            self._asked = True
            QTimer.singleShot(0, self._owner, self._build)


class Panels(Mapping[str, QWidget]):
    """Every panel of a window by name, in order; a panel not built yet is built when looked up.

    Names are known without building anything (the export menu and ``--panel`` list them);
    ``panels[name]``, ``.get``, ``.values()`` and ``.items()`` build what they return.
    """

    def __init__(self, panels: Mapping[str, QWidget | Callable[[], QWidget]]) -> None:
        self._panels = dict(panels)

    def __getitem__(self, name: str) -> QWidget:
        panel = self._panels[name]
        return panel if isinstance(panel, QWidget) else panel()

    def __iter__(self) -> Iterator[str]:
        return iter(self._panels)

    def __len__(self) -> int:
        return len(self._panels)


class LateViews(QObject):
    """Views built the first time they are asked for (:meth:`view`), each announced by ``built`` so that
    what the window shows can be fed to it; ``makers`` build and place each."""

    built = Signal(str, QWidget)

    def __init__(self, makers: Mapping[str, Callable[[], QWidget]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._makers = dict(makers)
        self._views: dict[str, QWidget] = {}

    def view(self, key: str) -> QWidget:
        """The view ``key``, built now if it was not."""
        view = self._views.get(key)
        if view is None:
            view = self._views[key] = self._makers[key]()
            self.built.emit(key, view)
        return view

    def get(self, key: str) -> QWidget | None:
        """The view ``key`` if it has been built, else None (nothing to update)."""
        return self._views.get(key)

    def placeholder(self, key: str) -> QWidget:
        """What stands in a dock for the view ``key`` until it is built: its first paint builds it."""
        return BuildWhenPainted(lambda: self.view(key), self)


def late_view(key: str) -> Any:
    """A read-only attribute of an object whose ``late`` is a :class:`LateViews`: its view ``key``, built
    when first read."""
    return property(lambda owner: owner.late.view(key))
