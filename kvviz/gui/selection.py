"""The layer and head the attention views show: one object, so the combo boxes, the panels
and the cell inspector can never disagree."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    """A (layer, head) pair clamped to the model's shape; ``changed`` carries the new pair."""

    changed = Signal(int, int)  # layer, head
    limits_changed = Signal(int, int)  # n_layers, n_heads

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.layer = self.head = 0
        self.n_layers = self.n_heads = 1

    def set_limits(self, n_layers: int, n_heads: int) -> None:
        """A model of this shape is shown: keep the selection inside it (and announce both)."""
        self.n_layers, self.n_heads = n_layers, n_heads
        self.limits_changed.emit(n_layers, n_heads)
        self._announce(self.layer, self.head)

    def select(self, layer: int, head: int) -> None:
        if (layer, head) != (self.layer, self.head):
            self._announce(layer, head)

    def set_layer(self, layer: int) -> None:
        self.select(layer, self.head)

    def set_head(self, head: int) -> None:
        self.select(self.layer, head)

    def _announce(self, layer: int, head: int) -> None:
        self.layer = max(0, min(layer, self.n_layers - 1))
        self.head = max(0, min(head, self.n_heads - 1))
        self.changed.emit(self.layer, self.head)
