"""The legend under the attention panels: one swatch per colour the panels use."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRect, Qt
from PySide6.QtGui import QBrush, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kvviz.core.record import StepRecord
from kvviz.gui.theme import Theme, qcolor, ramp
from kvviz.gui.views.language import FollowsLanguage
from kvviz.gui.widgets.flow_layout import FlowLayout


@dataclass(frozen=True)
class LegendEntry:
    text: str  # in the language installed when the entry was made
    colour: str
    tooltip: str
    kind: str = "ramp"  # "ramp": dark-to-light score ramp; "hatch": masked; "flat": no score; "strip": K/V source
    policy_only: bool = False  # shown only while a window or sink policy runs


def legend_entries(theme: Theme) -> list[LegendEntry]:
    """The entries in ``theme``'s colours, worded in the language installed now."""
    t = theme

    def said(text: str) -> str:
        return QCoreApplication.translate("Legend", text)

    return [
        LegendEntry(
            said(QT_TRANSLATE_NOOP("Legend", "computed this step")),
            t.computed,
            said(QT_TRANSLATE_NOOP("Legend", "A new query row: its scores were computed in this step.")),
        ),
        LegendEntry(
            said(QT_TRANSLATE_NOOP("Legend", "recomputed")),
            t.recomputed,
            said(
                QT_TRANSLATE_NOOP(
                    "Legend",
                    "Redundant work: without a cache, every earlier row is computed again and gives the same "
                    "scores, up to rounding.",
                )
            ),
        ),
        LegendEntry(
            said(QT_TRANSLATE_NOOP("Legend", "skipped (cached)")),
            t.skipped,
            said(
                QT_TRANSLATE_NOOP(
                    "Legend", "Skipped thanks to the cache: earlier rows are not computed again; only the new row is."
                )
            ),
        ),
        LegendEntry(
            said(QT_TRANSLATE_NOOP("Legend", "masked (causal)")),
            t.masked,
            said(QT_TRANSLATE_NOOP("Legend", "Keys after the query: hidden by the causal mask.")),
            "hatch",
        ),
        LegendEntry(
            said(QT_TRANSLATE_NOOP("Legend", "outside the window")),
            t.out_of_window,
            said(
                QT_TRANSLATE_NOOP(
                    "Legend",
                    "Keys before the query but outside the policy's window: their K and V are evicted from the "
                    "cache (with cache) and masked the same way in the reference run (without cache), so no later "
                    "query attends to them. What earlier tokens read from them stays in their hidden states.",
                )
            ),
            "flat",
            policy_only=True,
        ),
        LegendEntry(
            said(QT_TRANSLATE_NOOP("Legend", "K/V computed now")),
            t.kv_computed,
            said(QT_TRANSLATE_NOOP("Legend", "Key and value projected from the token now.")),
            "strip",
        ),
        LegendEntry(
            said(QT_TRANSLATE_NOOP("Legend", "K/V read from cache")),
            t.kv_from_cache,
            said(QT_TRANSLATE_NOOP("Legend", "Key and value stored at an earlier step, read back.")),
            "strip",
        ),
        LegendEntry(
            said(QT_TRANSLATE_NOOP("Legend", "evicted from cache")),
            t.kv_evicted,
            said(
                QT_TRANSLATE_NOOP(
                    "Legend", "The policy dropped this key's K and V from the cache; its slot now holds a newer token."
                )
            ),
            "strip",
            policy_only=True,
        ),
    ]


def _entry_widget(theme: Theme, entry: LegendEntry, size: int) -> tuple[QWidget, QLabel, QLabel]:
    """A swatch and its text, kept together when the legend wraps: the item, its swatch and its text."""
    item = QWidget()
    item.setToolTip(entry.tooltip)
    row = QHBoxLayout(item)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    icon = QLabel()
    icon.setPixmap(swatch(theme, entry, size))
    row.addWidget(icon)
    text = QLabel(entry.text)
    row.addWidget(text)
    return item, icon, text


def swatch(theme: Theme, entry: LegendEntry, size: int) -> QPixmap:
    """A small square showing the entry as the panels draw it."""
    w = size * 3 // 2 if entry.kind == "ramp" else size
    image = QImage(w, size, QImage.Format.Format_RGB32)
    image.fill(qcolor(theme.panel))
    p = QPainter(image)
    if entry.kind == "ramp":
        colours = ramp(theme, entry.colour, np.linspace(0, 1, w))
        for x, c in enumerate(np.round(colours * 255).astype(int)):
            p.fillRect(QRect(x, 0, 1, size), qcolor(f"#{c[0]:02x}{c[1]:02x}{c[2]:02x}"))
    elif entry.kind == "flat":
        p.fillRect(QRect(0, 0, w, size), qcolor(entry.colour))
    elif entry.kind == "hatch":
        p.fillRect(QRect(0, 0, w, size), qcolor(entry.colour))
        p.fillRect(QRect(0, 0, w, size), QBrush(qcolor(theme.masked_hatch), Qt.BrushStyle.BDiagPattern))
    else:
        p.fillRect(QRect(0, size // 4, w, size // 2), qcolor(entry.colour))
    p.end()
    return QPixmap.fromImage(image)


class Legend(FollowsLanguage, QWidget):
    """Swatches in two groups, cells then keys; ramps read dark (low score) to light (high score).

    Each group wraps like text when the window is narrow, so the legend never sets the
    window's minimum width. Entries of the window and sink policies show only while such a
    policy runs (``set_record``).
    """

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = legend_entries(theme)
        self.policy_widgets: list[QWidget] = []
        self._policy_shown = False
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 2, 6, 2)
        box.setSpacing(2)
        size = self.fontMetrics().height()
        self._captions = captions = {"cells": QLabel(), "keys": QLabel()}
        groups: dict[str, FlowLayout] = {}
        for group, label in captions.items():
            groups[group] = FlowLayout(spacing=10)
            groups[group].addWidget(label)
            box.addLayout(groups[group])
        self._swatches: list[QLabel] = []
        self._items: list[tuple[QWidget, QLabel]] = []  # each entry's item (for its tooltip) and text
        for entry in self.entries:
            item, icon, text = _entry_widget(theme, entry, size)
            self._swatches.append(icon)
            self._items.append((item, text))
            if entry.policy_only:
                item.hide()
                self.policy_widgets.append(item)
            groups["keys" if entry.kind == "strip" else "cells"].addWidget(item)
        self._note = QLabel()
        groups["keys"].addWidget(self._note)
        self._theme = theme
        self.retranslate()

    def retranslate(self) -> None:
        """Every text again in the language installed now."""
        self._captions["cells"].setText(QCoreApplication.translate("Legend", "Q·Kᵀ cells"))
        self._captions["keys"].setText(QCoreApplication.translate("Legend", "K/V per key"))
        self._note.setText(QCoreApplication.translate("Legend", "dark → light: low → high score"))
        self._note.setToolTip(
            QCoreApplication.translate(
                "Legend", "Each cell's colour runs from dark (low score) to light (high score) along its status hue."
            )
        )
        self.entries = legend_entries(self._theme)
        for (item, text), entry in zip(self._items, self.entries, strict=True):
            item.setToolTip(entry.tooltip)
            text.setText(entry.text)
        self._style_labels(self._theme)

    def _style_labels(self, theme: Theme) -> None:
        for label in (*self._captions.values(), self._note):
            label.setStyleSheet(f"color: {theme.muted_text}")
            label.setMinimumWidth(0)  # a size hint is at least the minimum: measure without the old one
        width = max(label.sizeHint().width() for label in self._captions.values())
        for label in self._captions.values():
            label.setFixedWidth(width)  # both groups' swatches start at the same x

    def apply_theme(self, theme: Theme) -> None:
        """Swatches in ``theme``'s colours at its text height, captions in its muted colour."""
        self._theme = theme
        self.entries = legend_entries(theme)
        size = self.fontMetrics().height()
        for icon, entry in zip(self._swatches, self.entries, strict=True):
            icon.setPixmap(swatch(theme, entry, size))
        self._style_labels(theme)

    def visible_entries(self) -> list[str]:
        """Texts of the entries shown now."""
        return [e.text for e in self.entries if self._policy_shown or not e.policy_only]

    def set_record(self, record: StepRecord) -> None:
        self._policy_shown = record.policy.evicts
        for w in self.policy_widgets:
            w.setVisible(self._policy_shown)
