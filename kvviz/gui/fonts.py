"""Whether the system can draw Chinese: a font whose writing systems include Simplified Chinese.

Without one, Qt draws every Chinese character as an empty box, silently. So the app says once,
in its status bar, and ``kvviz export`` says once, on stderr, which package would fix it. With
one, nothing needs doing: Qt falls back to it for each Chinese character, on screen and on the
offscreen platform exports use alike (both ask fontconfig), while Latin text keeps the theme's
font. Naming the CJK family as a substitute of the application's font was tried and dropped: it
changed the Latin type too.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

#: Languages whose texts need a CJK font.
NEEDS_CJK = {"zh_CN"}

_warned: set[str] = set()  # languages already warned about in this process


def cjk_families() -> list[str]:
    """Installed font families that can write Simplified Chinese (needs a QGuiApplication)."""
    return QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def missing_font_warning(language: str) -> str | None:
    """The one warning that ``language`` cannot be drawn here, the first time it is asked; else None.

    In English on purpose: without the font, a warning in Chinese would be boxes itself.
    """
    if language not in NEEDS_CJK or language in _warned or cjk_families():
        return None
    _warned.add(language)
    return (
        "No Chinese font found: Chinese texts show as boxes. Install a CJK font, e.g. fonts-noto-cjk "
        "(Debian/Ubuntu) or google-noto-sans-cjk-fonts (Fedora)."
    )
