"""Whether the system can draw Chinese: a font whose writing systems include Simplified Chinese.

Without one, Qt draws every Chinese character as an empty box, silently. So the app says once,
in its status bar, and ``kvviz export`` says once, on stderr, which package would fix it. With
one, Qt's font fallback finds it for Chinese text on screen; offscreen rendering (exports) asks
fontconfig the same way, and :func:`prefer_cjk_fallback` makes sure the application's font names
it as a substitute, so a Latin family with no Chinese glyphs still falls back to it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase

#: Languages whose texts need a CJK font.
NEEDS_CJK = {"zh_CN"}

_warned: set[str] = set()  # languages already warned about in this process


def cjk_families() -> list[str]:
    """Installed font families that can write Simplified Chinese (needs a QGuiApplication)."""
    return QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def install_hint() -> str:
    """Which package brings a CJK font, on the common Linux distributions."""
    return QCoreApplication.translate(
        "fonts",
        "install a CJK font, e.g. fonts-noto-cjk (Debian/Ubuntu) or google-noto-sans-cjk-fonts (Fedora)",
    )


def missing_font_warning(language: str) -> str | None:
    """The one warning that ``language`` cannot be drawn here, the first time it is asked; else None."""
    if language not in NEEDS_CJK or language in _warned or cjk_families():
        return None
    _warned.add(language)
    return QCoreApplication.translate("fonts", "No Chinese font found: texts show as boxes; {hint}").format(
        hint=install_hint()
    )


def prefer_cjk_fallback(language: str) -> None:
    """Name an installed CJK family as the substitute of the application's font family, for ``language``.

    Qt falls back per character on its own on most platforms; the substitution makes it explicit,
    for the offscreen platform too, and picks a font that matches the one in use where it can.
    """
    families = cjk_families() if language in NEEDS_CJK else []
    if not families:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    family = app.font().family() if isinstance(app, QApplication) else QFont().family()
    preferred = sorted(families, key=lambda name: ("Noto" not in name and "Source Han" not in name, name))
    QFont.insertSubstitutions(
        family, [*QFont.substitutes(family), *(f for f in preferred if f not in QFont.substitutes(family))][:8]
    )
