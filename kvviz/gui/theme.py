"""Every colour, font size and line width the app draws with, in one place.

A theme is a frozen value; widgets read it when they build and redraw, so a second
instance (a white "slide" theme with larger fonts and thicker lines) needs no widget
changes. Status colours come from the Okabe–Ito palette, chosen so the pairs that share
a panel stay apart under deuteranopia and protanopia (tests/gui/test_theme.py measures
it). Score intensity only moves a colour along its own light–dark ramp, whose dark end is
kept well above black, so a dim cell still shows its status hue.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QComboBox

# Okabe & Ito (2008), "Color Universal Design".
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"


@dataclass(frozen=True)
class Theme:
    """Colours as ``#RRGGBB`` strings, sizes in points (fonts) or pixels (lines)."""

    name: str
    # window and panels
    window: str
    panel: str
    text: str
    muted_text: str
    axis: str
    grid_alpha: float
    error_text: str
    # cell status in Q·Kᵀ
    computed: str
    recomputed: str
    skipped: str
    masked: str
    masked_hatch: str
    # K/V source along the key axis
    kv_computed: str
    kv_from_cache: str
    # ramp of a status colour from lowest to highest score: factor on the colour, then mix toward white
    ramp_dark: float
    ramp_light: float
    # cache view
    cache_empty: str
    cache_values_colormap: str
    # plots
    uncached_line: str
    cached_line: str
    cache_used_line: str
    cache_allocated_line: str
    cursor: str
    highlight: str
    # token strip
    prompt_token: str
    generated_token: str
    # type and lines
    font_pt: float
    title_pt: float
    token_pt: float
    line_px: float
    highlight_px: float
    # cache policies (window, sinks): keys outside the window, and K/V evicted from the cache. Dark
    # vermillion and pale sand stay apart from every status ramp and the masked grey in all three
    # visions (tests/gui/test_theme.py); defaults are the dark theme's, so a theme may leave them out.
    out_of_window: str = "#3d1c08"
    kv_evicted: str = "#3d1c08"


DARK = Theme(
    name="dark",
    window="#1b1c1f",
    panel="#131416",
    text="#e6e6e6",
    muted_text="#9a9ea6",
    axis="#b8bcc4",
    grid_alpha=0.18,
    error_text="#ff9a66",
    computed=ORANGE,
    recomputed=REDDISH_PURPLE,
    skipped=BLUE,
    masked="#2a2a2a",
    masked_hatch="#5c5c5c",
    kv_computed=ORANGE,
    kv_from_cache=SKY_BLUE,
    ramp_dark=0.55,
    ramp_light=0.2,
    cache_empty="#24262a",
    cache_values_colormap="CET-CBD1",
    uncached_line=REDDISH_PURPLE,
    cached_line=SKY_BLUE,
    cache_used_line=BLUISH_GREEN,
    cache_allocated_line="#8a8f98",
    cursor=YELLOW,
    highlight="#ffffff",
    prompt_token="#3a3d44",
    generated_token="#1f4a3f",
    font_pt=10.0,
    title_pt=11.5,
    token_pt=10.5,
    line_px=2.0,
    highlight_px=2.0,
)


#: For projectors and printed slides: white ground, dark text, larger type, thicker lines.
#: The status hues stay Okabe–Ito; the ones too pale on white (sky blue, yellow) give way
#: to their darker neighbours, and the masked grey is light so the triangle reads as empty.
SLIDE = Theme(
    name="slide",
    window="#ffffff",
    panel="#ffffff",
    text="#16181c",
    muted_text="#4a4f57",
    axis="#30343a",
    grid_alpha=0.22,
    error_text="#b02a00",
    computed=ORANGE,
    recomputed=REDDISH_PURPLE,
    skipped=BLUE,
    masked="#eceef1",
    masked_hatch="#a9aeb6",
    kv_computed=ORANGE,
    kv_from_cache=BLUE,
    ramp_dark=0.6,
    ramp_light=0.3,
    cache_empty="#f1f3f6",
    cache_values_colormap="CET-CBD1",
    uncached_line=REDDISH_PURPLE,
    cached_line=BLUE,
    cache_used_line=BLUISH_GREEN,
    cache_allocated_line="#6b7079",
    cursor="#30343a",
    highlight="#000000",
    prompt_token="#e4e7ec",
    generated_token="#cdebdf",
    font_pt=13.0,
    title_pt=16.0,
    token_pt=13.0,
    line_px=3.5,
    highlight_px=3.0,
    out_of_window="#d4cf97",
    kv_evicted="#d4cf97",
)

#: Themes by name, as chosen in the app (View ▸ Theme) and with ``kvviz export --theme``.
THEMES = {theme.name: theme for theme in (DARK, SLIDE)}


def rgb(colour: str) -> np.ndarray:
    """``#RRGGBB`` as float RGB in 0..1, shape (3,)."""
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.float32) / 255.0


def ramp(theme: Theme, colour: str, intensity: np.ndarray) -> np.ndarray:
    """RGB (…, 3) in 0..1 of ``colour`` at ``intensity`` (…) in 0..1 along the theme's ramp."""
    base = rgb(colour)
    dark = base * theme.ramp_dark
    light = base + (1.0 - base) * theme.ramp_light
    t = np.clip(intensity, 0.0, 1.0)[..., None]
    return dark + (light - dark) * t


def qcolor(colour: str, alpha: float = 1.0) -> QColor:
    c = QColor(colour)
    c.setAlphaF(alpha)
    return c


def font(theme: Theme, size_pt: float | None = None, *, bold: bool = False, mono: bool = False) -> QFont:
    f = QFont("DejaVu Sans Mono" if mono else QApplication.font().family())
    f.setPointSizeF(size_pt or theme.font_pt)
    f.setBold(bold)
    if mono:
        f.setStyleHint(QFont.StyleHint.Monospace)
    return f


def qt_palette(theme: Theme) -> QPalette:
    """The Qt palette that makes the standard widgets match the theme."""
    p = QPalette()
    role = QPalette.ColorRole
    p.setColor(role.Window, QColor(theme.window))
    p.setColor(role.WindowText, QColor(theme.text))
    p.setColor(role.Base, QColor(theme.panel))
    p.setColor(role.AlternateBase, QColor(theme.window))
    p.setColor(role.Text, QColor(theme.text))
    p.setColor(role.Button, QColor(theme.window).lighter(125))
    p.setColor(role.ButtonText, QColor(theme.text))
    p.setColor(role.ToolTipBase, QColor(theme.panel))
    p.setColor(role.ToolTipText, QColor(theme.text))
    p.setColor(role.PlaceholderText, QColor(theme.muted_text))
    p.setColor(role.Highlight, QColor(BLUE))
    p.setColor(role.HighlightedText, QColor("#ffffff"))
    p.setColor(role.Link, QColor(SKY_BLUE))
    p.setColor(role.BrightText, QColor(theme.error_text))
    disabled = QColor(theme.muted_text).darker(130)
    if QColor(theme.window).lightness() > 128:  # on white, darker would read as enabled: fade toward the ground
        m, w = rgb(theme.muted_text), rgb(theme.window)
        disabled = QColor.fromRgbF(*(0.45 * m + 0.55 * w))
    for group_role in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, group_role, disabled)
    return p


#: Style sheets for text in the theme's muted and error colours. They name the palette roles that
#: qt_palette fills with those colours: a theme switch re-applies every style sheet (ThemeSwitch), so
#: a label styled with one follows the switch with no code of its own. A hex colour in a style sheet
#: would stay, and so would the rest of that widget's palette.
MUTED_TEXT_STYLE = "color: palette(placeholder-text);"
ERROR_TEXT_STYLE = "color: palette(bright-text);"


def apply_to_application(app: QApplication, theme: Theme) -> None:
    """Fusion style with the theme's palette and base font, for every standard widget.

    The style is set once: setting it again re-polishes every widget, which a theme switch
    does not need (the palette and the font reach every widget on their own).
    """
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(qt_palette(theme))
    base = app.font()
    base.setPointSizeF(theme.font_pt)
    app.setFont(base)


class ThemeSwitch(QObject):
    """The theme a window draws in now, and the one signal its views restyle on.

    The standard widgets follow the application's palette and font; the views draw with
    theme colours of their own, so each restyles in place on ``changed`` (its
    ``apply_theme``). A switch keeps the window, its layout, its run and what every view
    shows, and costs a repaint rather than a new window.
    """

    changed = Signal(object)  # the new Theme, after the application's palette and font

    def __init__(self, theme: Theme, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._theme = theme

    @property
    def theme(self) -> Theme:
        return self._theme

    def set_theme(self, theme: Theme) -> None:
        """Make ``theme`` the current one: the application's palette and font, then every view."""
        if theme is self._theme:
            return
        self._theme = theme
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_to_application(app, theme)
            # Qt posts the new font and palette to each widget: deliver them before the views measure text.
            for change in (QEvent.Type.ApplicationFontChange, QEvent.Type.ApplicationPaletteChange):
                QCoreApplication.sendPostedEvents(None, change)
            for widget in app.allWidgets():
                if widget.styleSheet():  # a style sheet fixes its widget's palette until set again
                    widget.setStyleSheet(widget.styleSheet())
                if isinstance(widget, QComboBox):  # measures its minimum size again on a style change only
                    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.StyleChange))
        self.changed.emit(theme)
