"""The app in Simplified Chinese: Qt's translators, the live switch in View ▸ Language, the saved choice,
and every text of the window's frame, docks and model panel translated.

Tests run in English; each test here that changes the language puts English back (``english``).
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from kvviz import i18n, memory
from kvviz.gui import fonts, language
from kvviz.gui.frame import STATUS_TIPS
from kvviz.gui.main_window import MainWindow
from kvviz.gui.settings import Settings
from tests.gui.conftest import SMALL_MODEL
from tests.gui.helpers import press_step, shown
from tests.i18n.app_texts import untranslated, window_texts
from tests.i18n.speaking import has_chinese


@pytest.fixture
def english(qapp):
    """Whatever a test switches to, the next test starts in English."""
    yield
    language.install("en")


@pytest.fixture
def small_settings(tmp_path, monkeypatch) -> Settings:
    monkeypatch.setattr("kvviz.gui.settings.default_path", lambda: tmp_path / "user" / "kvviz.json")
    settings = Settings(tmp_path / "kvviz.json")
    settings.update(SMALL_MODEL)
    return settings


@pytest.fixture
def window(qtbot, small_settings, english) -> MainWindow:
    return shown(qtbot, MainWindow(small_settings))


def owned_texts(window: MainWindow) -> dict[str, str]:
    """Every text of the window: the frame, the docks, every view, the model panel, the inspector, the memory explorer.

    Names stay English and are left out by their exact text, so every other word beside them is checked: the
    memory explorer's entries for the published models ("llama-2-7b — Llama 2 7B"), and the source its note cites
    (a repository and a paper's authors).
    """
    memory_panel = window.workspace.panels["memory"]
    names = {f"{model_id} — {memory.preset(model_id).name}" for model_id in memory.PRESET_IDS}
    texts = window_texts(window).items()
    return {where: text.replace(memory_panel.spec.source, "") for where, text in texts if text not in names}


def test_the_catalogues_load_from_the_package_and_qt(english):
    language.install("zh_CN")
    assert i18n.language() == "zh_CN"
    assert QCoreApplication.translate("Actions", "Quit") == "退出"
    assert i18n.translate("engine", "max new tokens reached ({n} generated)").startswith("已达到")
    # Qt's own catalogue: the standard buttons speak Chinese too
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    language.install("en")
    assert QCoreApplication.translate("Actions", "Quit") == "Quit"
    assert i18n.language() == "en"


def test_the_language_comes_from_the_command_line_then_the_settings_then_the_system(small_settings, monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert language.choose(None, small_settings) == "zh_CN"
    small_settings.set(language.SETTING, "en")
    assert language.choose(None, small_settings) == "en"
    assert language.choose("zh_CN", small_settings) == "zh_CN"
    small_settings.set(language.SETTING, "tlh")  # a hand-edited value kvviz has no catalogue for
    assert language.choose(None, small_settings) == "zh_CN"
    with pytest.raises(i18n.UnknownLanguage):
        language.choose("tlh", small_settings)


def test_a_switch_keeps_the_run_the_step_the_selection_and_the_layout(qtbot, window, small_settings):
    for _ in range(4):
        press_step(qtbot, window)
    window.controller.go_to(2)
    window.selection.select(1, 3)
    window.workspace.docks["memory"].raise_()
    qtbot.wait(50)
    english = window_texts(window)
    record, state, geometry = window.controller.current, window.saveState(), window.saveGeometry()
    history = list(window.controller.history)

    window.actions.language_zh_CN.trigger()

    assert window.controller.current is record and list(window.controller.history) == history
    assert (window.selection.layer, window.selection.head) == (1, 3)
    assert (window.layer_box.currentIndex(), window.head_box.currentIndex()) == (1, 3)
    assert window.step_slider.value() == 2
    assert window.saveState() == state and window.saveGeometry() == geometry
    assert window.actions.language_zh_CN.isChecked() and not window.actions.language_en.isChecked()
    assert small_settings.get(language.SETTING) == "zh_CN"
    assert Settings(small_settings.path).get(language.SETTING) == "zh_CN"  # on disk, for the next start
    assert window.view_menu.title() == "视图(&V)"
    assert window.step_label.text() == "第 2 / 4 步"
    assert window.workspace.docks["controls"].windowTitle() == "模型"
    assert window.workspace.controls.apply_button.text() == "应用"
    assert window.status_labels["phase"].text() == "解码"

    window.actions.language_en.trigger()
    # every text back as it was, none left in Chinese (views may rebuild their labels: compare the texts, not places)
    assert sorted(window_texts(window).values()) == sorted(english.values())


def test_every_text_of_the_frame_docks_and_model_panel_is_translated(qtbot, window):
    press_step(qtbot, window)
    window.set_language("zh_CN")
    window.actions.play.trigger()  # the Pause text
    window.actions.play.trigger()
    texts = owned_texts(window)
    assert len(texts) > 100  # the walk reaches the menus, the toolbars, the docks and the form
    left = {where: (untranslated(text), text) for where, text in texts.items() if untranslated(text)}
    assert not left, "\n".join(f"{where}: {words} in {text!r}" for where, (words, text) in left.items())


def test_every_published_models_note_and_the_apps_model_are_said_in_chinese(qtbot, window):
    """The walk above reads the note of the model shown; here every model's, after a live switch."""
    window.set_language("zh_CN")
    panel = window.workspace.panels["memory"]
    for index, model_id in enumerate(memory.PRESET_IDS):
        panel.model_box.setCurrentIndex(index)
        assert panel.spec.id == model_id
        note = panel.figures.note.text().replace(panel.spec.source, "")  # the citation: names
        first = note.splitlines()[0]
        assert has_chinese(first) and first in memory.report_lines(panel.report)[2], model_id  # as `kvviz mem` says
        assert not untranslated(note), (model_id, untranslated(note))
    panel.model_box.setCurrentIndex(len(memory.PRESET_IDS))
    assert panel.spec.id == "tiny"
    assert has_chinese(panel.figures.readout_text("model")) and has_chinese(panel.figures.note.text().splitlines()[0])
    assert not untranslated(panel.figures.note.text().replace(panel.spec.source, ""))


def test_a_loaded_config_is_worded_again_by_a_switch_from_what_was_read(qtbot, window, tmp_path):
    """Its note is said in the new language; the numbers are those of the file as it was read (not read again)."""
    path = tmp_path / "config.json"
    path.write_text(json.dumps(memory.presets.PUBLISHED["llama-2-7b"].config), encoding="utf-8")
    panel = window.workspace.panels["memory"]
    assert panel.load_config(path)
    english_note, report = panel.spec.note, panel.report
    assert not has_chinese(english_note)
    path.write_text("{}", encoding="utf-8")  # changed on disk meanwhile
    window.set_language("zh_CN")
    assert panel.spec.source == str(path) and has_chinese(panel.spec.note)
    assert panel.spec.note.splitlines()[0] in panel.figures.note.text()
    assert panel.report.bytes_per_token == report.bytes_per_token
    window.set_language("en")
    assert panel.spec.note == english_note


def test_a_window_built_in_chinese_says_the_same_as_one_switched_to_it(qtbot, small_settings, english):
    switched = shown(qtbot, MainWindow(small_settings))
    switched.set_language("zh_CN")
    built = shown(qtbot, MainWindow(small_settings))
    assert built.language_switch.code == "zh_CN"

    def lasting(window: MainWindow) -> list[str]:
        """Not compared: a passing status message, and the hidden presentation page (drawn only when shown)."""
        page = window.workspace.panels["presentation"]
        texts = window_texts(window, (page,)).items()
        return sorted(text for where, text in texts if where != "status message")

    built_texts, switched_texts = lasting(built), lasting(switched)
    assert built_texts == switched_texts, set(built_texts) ^ set(switched_texts)


def test_the_untranslated_check_finds_english(english):
    assert untranslated("Step shown / steps computed so far") == ["Step", "shown", "steps", "computed", "so", "far"]
    assert untranslated("第 2 / 4 步 · 84 KiB · GQA · float16") == []
    assert untranslated("<b>查询</b> 3 <b>K</b>") == []
    language.install("zh_CN")
    assert not untranslated(QCoreApplication.translate("Frame", STATUS_TIPS["check"]))


def test_no_cjk_font_is_said_once_in_the_window(qtbot, window, monkeypatch):
    monkeypatch.setattr(fonts, "cjk_families", lambda: [])
    monkeypatch.setattr(fonts, "_warned", set())
    said = []
    window.statusBar().messageChanged.connect(lambda text: said.append(text) if "fonts-noto-cjk" in text else None)
    window.set_language("zh_CN")
    window.set_language("en")
    window.statusBar().clearMessage()
    window.set_language("zh_CN")
    assert len(said) == 1 and "google-noto-sans-cjk-fonts" in said[0]


def test_no_warning_when_a_cjk_font_exists_or_english_is_spoken(qapp, monkeypatch):
    monkeypatch.setattr(fonts, "_warned", set())
    assert QApplication.instance() is not None
    monkeypatch.setattr(fonts, "cjk_families", lambda: ["Noto Sans CJK SC"])
    assert fonts.missing_font_warning("zh_CN") is None
    monkeypatch.setattr(fonts, "cjk_families", lambda: [])
    assert fonts.missing_font_warning("en") is None
    assert fonts.missing_font_warning("zh_CN") is not None
    assert fonts.missing_font_warning("zh_CN") is None


def test_no_cjk_font_is_said_once_at_launch_and_stays_past_the_load(qtbot, small_settings, english, monkeypatch):
    from kvviz.gui.app import launch

    monkeypatch.setattr(fonts, "cjk_families", lambda: [])
    monkeypatch.setattr(fonts, "_warned", set())
    _app, window = launch([], small_settings, lang="zh_CN")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.loaded, timeout=20_000)
    assert "fonts-noto-cjk" in window.statusBar().currentMessage()
    assert window.workspace.controls.apply_button.text() == "应用"  # the run loaded in the language asked for


def test_no_cjk_font_is_one_line_on_stderr_for_exports(qtbot, english, monkeypatch, capsys):
    from kvviz.core.run import RunSpec, build_run
    from kvviz.gui.export.offscreen import offscreen_window
    from kvviz.gui.theme import DARK

    monkeypatch.setattr(fonts, "cjk_families", lambda: [])
    monkeypatch.setattr(fonts, "_warned", set())
    i18n.set_language("zh_CN")
    run = build_run(RunSpec(weights="random"))
    for _ in range(2):  # a second window in the same process (an animation's frames) says nothing more
        with offscreen_window(run.snapshot(), DARK, 0, 0) as window:
            assert window.actions.quit.text() == "退出"  # the panels speak the language the command line chose
    lines = [line for line in capsys.readouterr().err.splitlines() if "font" in line]
    assert lines == [
        "kvviz: warning: No Chinese font found: Chinese texts show as boxes. Install a CJK font, e.g. fonts-noto-cjk "
        "(Debian/Ubuntu) or google-noto-sans-cjk-fonts (Fedora)."
    ]
