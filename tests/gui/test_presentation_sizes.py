"""Presentation mode holds on a projector's sizes, in both themes: the matrices are the largest thing
on the page, both at one scale, and every text fits its widget in at least twice the desktop type."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

from kvviz.core.caption import step_captions
from kvviz.core.config import ModelConfig
from kvviz.core.run import RunSpec, build_run
from kvviz.gui.theme import DARK, THEMES
from kvviz.gui.views.presentation import (
    FORMULA_MIN_SCALE,
    ONE_LINE_ASPECT,
    PresentationView,
    keep_phrases,
    type_scale,
)
from tests.i18n.speaking import has_chinese, speaking
from tests.i18n.test_views_caption import NUMBER

#: Projector and screen sizes a class meets, with the least share of the page's height each matrix's side gets.
SIZES = {(1024, 768): 0.35, (1280, 720): 0.39, (1920, 1080): 0.39, (3840, 2160): 0.39}


@pytest.fixture(scope="module")
def run():
    config = ModelConfig(n_layers=2, n_heads=4, n_kv_heads=2, d_model=32, context_length=128)
    run = build_run(RunSpec(config=config, weights="random", prompt="The KV cache stores keys", max_new_tokens=40))
    for _ in range(32):
        run.step_forward()
    return run


@pytest.fixture(scope="module")
def record(run):
    return run.current


@pytest.fixture(params=sorted(SIZES), ids=lambda s: f"{s[0]}x{s[1]}")
def size(request) -> tuple[int, int]:
    return request.param


def _shown_page(qtbot, theme: str, record, size: tuple[int, int]) -> PresentationView:
    view = PresentationView(THEMES[theme])
    qtbot.addWidget(view)
    view.set_record(record)
    view.set_selection(1, 3)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)  # deferred layouts, and the matrices' regrid after the resize
    return view


@pytest.fixture(params=sorted(THEMES))
def page(request, qtbot, record, size) -> PresentationView:
    return _shown_page(qtbot, request.param, record, size)


@pytest.fixture(params=[(theme, size) for theme in sorted(THEMES) for size in ((1280, 720), (1920, 1080))], ids=str)
def chinese_page(request, qtbot, record):
    """The page in Chinese at the two sizes a slide is made for (Chinese while the test runs)."""
    with speaking("zh_CN"):
        yield _shown_page(qtbot, request.param[0], record, request.param[1])


def matrix_side(panel, n: int) -> float:
    """The matrix's side on screen, in pixels: its cells times the view's pixels per cell."""
    (x0, x1), _ = panel.view.viewRange()
    return panel.view.width() / (x1 - x0) * n


def test_the_matrices_are_large_side_by_side_and_at_one_scale(page, record, size):
    n = record.n_tokens
    sides = [matrix_side(panel, n) for panel in (page.uncached, page.cached)]
    assert abs(sides[0] - sides[1]) <= 1, sides  # one scale, to the pixel
    assert min(sides) >= SIZES[size] * size[1], (sides, size)
    others = (page.tokens, page.caption, page.formula)
    assert min(sides) > max(widget.height() for widget in others)  # the dominant element
    left, right = (panel.mapTo(page, panel.rect().topLeft()) for panel in (page.uncached, page.cached))
    assert left.y() == right.y() and left.x() < right.x()  # side by side


def test_every_text_fits_in_at_least_twice_the_desktop_type(page, size):
    assert_texts_fit(page)


def test_every_chinese_text_fits_too(chinese_page):
    assert has_chinese(chinese_page.caption.text()) and has_chinese(chinese_page.cached.title.text)
    assert_texts_fit(chinese_page)


def assert_texts_fit(page: PresentationView) -> None:
    """Type at least twice the desktop's; titles, caption, formula and every unwrapped label whole."""
    theme = page.theme
    assert theme.font_pt >= 2 * DARK.font_pt and theme.token_pt >= 2 * DARK.token_pt
    assert page.slide.caption.font().pointSizeF() >= 2 * DARK.font_pt
    for panel in (page.uncached, page.cached):
        assert 0 < panel.title.item.boundingRect().width() <= panel.title_room(), panel.title.text
        assert page.theme.title_pt >= 2 * DARK.title_pt
    caption = page.caption
    assert caption.heightForWidth(caption.width()) <= caption.height(), caption.text()
    formula = page.formula
    assert formula.heightForWidth(formula.width()) <= formula.height(), formula.text()
    assert formula.heightForWidth(formula.width()) == formula.sizeHint().height(), formula.text()  # one line
    wide = page.width() >= ONE_LINE_ASPECT * page.height()  # 16:9 keeps the page's type; 4:3 may go smaller
    assert formula.font().pointSizeF() >= (1 if wide else FORMULA_MIN_SCALE) * 2 * DARK.font_pt
    for label in page.findChildren(QLabel):
        if label.isVisible() and not label.wordWrap():
            assert label.width() >= label.sizeHint().width(), label.text()


def test_the_type_grows_with_the_window():
    assert type_scale(1024, 768) == type_scale(1280, 720) == 2.0
    assert type_scale(1920, 1080) == 3.0 and type_scale(3840, 2160) == 6.0
    assert type_scale(1440, 900) == 2.0  # a resize within half a step keeps the views


@pytest.mark.parametrize(("size", "wider"), [((1024, 768), (1400, 768)), ((2048, 1536), (2400, 1536))], ids=str)
def test_at_4_3_the_matrices_hug_the_kv_strip_and_follow_a_widening(qtbot, record, size, wider):
    page = _shown_page(qtbot, "slide", record, size)
    rect = page.uncached.view.geometry()
    assert abs(rect.height() - rect.width()) <= 2, rect  # no band between the newest row and the K/V strip
    page.resize(*wider)  # the same type size: the same views, their cap released
    qtbot.wait(50)
    fresh = _shown_page(qtbot, "slide", record, wider)
    assert type_scale(*wider) == type_scale(*size)
    assert abs(page.uncached.view.height() - fresh.uncached.view.height()) <= 2


def test_the_page_follows_a_resize_into_another_type_size(qtbot, page, record, size):
    before = page.theme.font_pt
    other = (1920, 1080) if size != (1920, 1080) else (1280, 720)
    page.resize(*other)
    qtbot.wait(50)
    assert page.theme.font_pt == max(THEMES[page.theme.name].font_pt, type_scale(*other) * DARK.font_pt)
    assert (page.theme.font_pt == before) == (type_scale(*other) == type_scale(*size))
    assert page.cached.image_rgba.shape[:2] != (0, 0)  # the new views show the record
    assert page.caption.text().startswith(f"step {record.step} ")


def caption_lines(label: QLabel) -> int:
    """The lines the label's text takes at its width, in its font: its height wrapped over its height unwrapped."""
    metrics, text = QFontMetrics(label.font()), label.text()
    one = metrics.boundingRect(QRect(0, 0, 10**6, 10**6), 0, text).height()
    wrapped = metrics.boundingRect(QRect(0, 0, label.contentsRect().width(), 10**6), Qt.TextFlag.TextWordWrap, text)
    return round(wrapped.height() / one)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_caption_reads_as_one_line_two_at_4_3_with_every_number(qtbot, run, theme, language):
    """Caught at three lines at 1024×768; the page shows the longest form of the caption that fits."""
    with speaking(language):
        page = _shown_page(qtbot, theme, run.current, (1280, 720))
        for size in sorted(SIZES):
            page.resize(*size)
            for record in (run.history[0], run.history[5], run.current):  # the prefill and two decodes
                page.set_record(record)
                qtbot.wait(20)
                caption = page.caption
                most = 2 if size == (1024, 768) else 1
                assert caption_lines(caption) <= most, (size, caption.font().pointSizeF(), caption.text())
                one_line = QFontMetrics(caption.font()).boundingRect(caption.text()).height()
                assert caption.height() < (most + 0.5) * one_line  # as Qt's layout gave it room
                assert caption.font().pointSizeF() >= 2 * DARK.font_pt  # fitted, still twice the desktop type
                shown = caption.text().replace("\u2060", "").replace("\u00a0", " ")
                assert shown in [form.replace("\u2060", "").replace("\u00a0", " ") for form in step_captions(record)]
                assert (language == "zh_CN") == has_chinese(shown)
                full = keep_phrases(step_captions(record)[0]).replace("\u2060", "")
                assert sorted(NUMBER.findall(shown)) == sorted(NUMBER.findall(full))  # no number dropped
