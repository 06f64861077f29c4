"""Views follow a switch of language by themselves: Qt tells every widget with a LanguageChange event.

A view with fixed texts has a ``retranslate()`` that sets them again; this mixin calls it when
Qt's translators change, so the window may either call ``retranslate()`` on each view or just
install the new translator (the same run stays on screen either way).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent


class FollowsLanguage:
    """Mixed into a QWidget view (before the Qt class); a view overrides ``retranslate()`` unless its
    ``apply_theme`` sets every text already."""

    def retranslate(self) -> None:
        """Every text again in the language installed now: restyling in the same theme sets them all."""
        self.apply_theme(self.theme)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
