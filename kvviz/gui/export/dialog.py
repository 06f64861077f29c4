"""File ▸ Export: getting a picture, an animation or the data out of the app.

A picture takes two keys: Ctrl+Shift+C copies the last chosen panel (at the last
chosen size) to the clipboard, Ctrl+E asks which panel, what size and where. The last
folder and choices are remembered. Animations draw one frame per timer tick under a
progress dialog that can cancel (nothing is written then), in a window of their own
around the same records: the window on screen stays at the step the user left it.
Every failure is one line in a dialog, and no partial file is left behind.

Imports only Qt at module level: the window frame must paint before torch loads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from kvviz.gui.frame import Frame

if TYPE_CHECKING:
    from kvviz.gui.export.picture import PictureSize

#: What each panel is called in the menus; names are the keys of ``window.panels`` (and the CLI's --panel).
PANEL_TITLES = {
    "window": QT_TRANSLATE_NOOP("ExportDialog", "Whole window"),
    "attention": QT_TRANSLATE_NOOP("ExportDialog", "Both attention panels, with key"),
    "attention_pair": QT_TRANSLATE_NOOP("ExportDialog", "Both attention panels"),
    "attention_uncached": QT_TRANSLATE_NOOP("ExportDialog", "Attention without KV cache"),
    "attention_cached": QT_TRANSLATE_NOOP("ExportDialog", "Attention with KV cache"),
    "kv_cache": QT_TRANSLATE_NOOP("ExportDialog", "KV cache"),
    "plots": QT_TRANSLATE_NOOP("ExportDialog", "All plots"),
    "plot_flops": QT_TRANSLATE_NOOP("ExportDialog", "Plot: FLOPs per step"),
    "plot_cumulative_flops": QT_TRANSLATE_NOOP("ExportDialog", "Plot: cumulative FLOPs"),
    "plot_cache_bytes": QT_TRANSLATE_NOOP("ExportDialog", "Plot: KV cache bytes"),
    "plot_time": QT_TRANSLATE_NOOP("ExportDialog", "Plot: wall time per step"),
    "tokens": QT_TRANSLATE_NOOP("ExportDialog", "Tokens"),
    "presentation": QT_TRANSLATE_NOOP("ExportDialog", "Presentation page"),
}


def panel_title(name: str) -> str:
    """What panel ``name`` is called in the menus, in the current language."""
    return QCoreApplication.translate("ExportDialog", PANEL_TITLES[name]) if name in PANEL_TITLES else name


class ExportMenu(QObject):
    """What the export actions of one window do (the actions are in the window's registry)."""

    def __init__(self, window: Frame) -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.job: AnimationJob | None = None
        actions = window.actions
        actions.export_picture.triggered.connect(self.ask_picture)
        actions.copy_picture.triggered.connect(self._copy_last)
        actions.export_animation.triggered.connect(self.ask_animation)
        actions.export_data.triggered.connect(self.ask_data)

    # -- doing (also what tests call) -------------------------------------------------------

    def save_picture(self, name: str, path: str | Path, size: PictureSize) -> Path | None:
        """Write the picture; on failure explain in a dialog and return None."""
        from kvviz.gui.export.picture import export_picture

        try:
            written = export_picture(self.window, name, path, size)
        except (ValueError, OSError) as exc:
            self.show_error(QCoreApplication.translate("ExportDialog", "The picture was not saved"), exc)
            return None
        self._remember(name, size, folder=written.parent)
        saved = QCoreApplication.translate("ExportDialog", "Saved {path}").format(path=written)
        self.window.statusBar().showMessage(saved, 6000)
        return written

    def copy(self, name: str, size: PictureSize) -> bool:
        from kvviz.gui.export.picture import copy_picture

        try:
            image = copy_picture(self.window, name, size)
        except (ValueError, OSError) as exc:
            self.show_error(QCoreApplication.translate("ExportDialog", "Nothing was copied"), exc)
            return False
        self._remember(name, size)
        copied = QCoreApplication.translate("ExportDialog", "Copied {panel} ({width}×{height}) to the clipboard")
        self.window.statusBar().showMessage(
            copied.format(panel=panel_title(name), width=image.width(), height=image.height()), 6000
        )
        return True

    def save_data(self, path: str | Path) -> Path | None:
        from kvviz.exports import export_data

        try:
            written = export_data(self.window.controller.history, path)
        except (ValueError, OSError) as exc:
            self.show_error(QCoreApplication.translate("ExportDialog", "The data was not saved"), exc)
            return None
        self.settings.set("export/folder", str(written.parent))
        saved = QCoreApplication.translate("ExportDialog", "Saved {n} steps to {path}")
        self.window.statusBar().showMessage(saved.format(n=len(self.window.controller.history), path=written), 6000)
        return written

    def start_animation(
        self, name: str, first: int, last: int, path: str | Path, size: PictureSize, frame_ms: int
    ) -> AnimationJob | None:
        """Begin drawing frames; the job reports ``done`` with the path (or None when cancelled/failed)."""
        from kvviz.gui.export import animation as animation_export

        try:
            animation_export.check_animation_path(path)
            animation_export.check_frame_ms(frame_ms)
            steps = animation_export.check_steps(first, last, len(self.window.controller.history))
            frames = animation_export.frames_like(self.window, name, steps, size)
        except (ValueError, OSError) as exc:
            self.show_error(QCoreApplication.translate("ExportDialog", "The animation was not saved"), exc)
            return None
        self._remember(name, size, folder=Path(path).expanduser().parent)
        self.settings.set("export/frame_ms", frame_ms)
        self.job = AnimationJob(self, frames, len(steps), Path(path), frame_ms)
        self.job.done.connect(self._animation_done)
        self.job.start()
        return self.job

    def show_error(self, title: str, exc: BaseException) -> None:
        QMessageBox.warning(self.window, title, str(exc))

    # -- asking ------------------------------------------------------------------------------

    def ask_picture(self) -> None:
        dialog = PictureDialog(self, self.window)
        dialog.exec()

    def ask_animation(self) -> None:
        dialog = AnimationDialog(self, self.window)
        dialog.exec()

    def ask_data(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            QCoreApplication.translate("ExportDialog", "Export per-step data"),
            str(self.folder() / f"kvviz-steps-0-{len(self.window.controller.history) - 1}.csv"),
            QCoreApplication.translate("ExportDialog", "CSV table (*.csv);;JSON document (*.json)"),
        )
        if path:
            self.save_data(path)

    def _copy_last(self) -> None:
        self.copy(self.settings.get("export/panel"), self.last_size())

    def _animation_done(self, path: Path | None) -> None:
        self.job = None
        if path is not None:
            saved = QCoreApplication.translate("ExportDialog", "Saved {path}").format(path=path)
            self.window.statusBar().showMessage(saved, 6000)

    # -- remembered choices -----------------------------------------------------------------

    def folder(self) -> Path:
        folder = Path(self.settings.get("export/folder") or Path.home())
        return folder if folder.is_dir() else Path.home()

    def last_size(self) -> PictureSize:
        from kvviz.gui.export.picture import PictureSize

        scale = self.settings.get("export/scale")
        if scale > 0:
            return PictureSize(scale=scale)
        return PictureSize(fixed=(self.settings.get("export/width"), self.settings.get("export/height")))

    def _remember(self, name: str, size: PictureSize, folder: Path | None = None) -> None:
        values = {"export/panel": name, "export/scale": 0 if size.fixed else round(size.scale)}
        if size.fixed:
            values["export/width"], values["export/height"] = size.fixed
        if folder is not None:
            values["export/folder"] = str(folder)
        self.settings.update(values)


class SizeChooser(QWidget):
    """Scale (1×, 2×, 4×), a slide (16:9 or 4:3, the panel laid out to fill it) or a fixed size in pixels."""

    def __init__(self, menu: ExportMenu, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from kvviz.gui.export.picture import MAX_SIDE, MIN_SIZE, SCALES, SLIDE_SIZES

        settings = menu.settings
        self.by_scale = QRadioButton(QCoreApplication.translate("ExportDialog", "Scale"))
        self.by_slide = QRadioButton(QCoreApplication.translate("ExportDialog", "Slide"))
        self.by_size = QRadioButton(QCoreApplication.translate("ExportDialog", "Size"))
        group = QButtonGroup(self)
        for button in (self.by_scale, self.by_slide, self.by_size):
            group.addButton(button)
        self.scale = QComboBox()
        for scale in SCALES:
            self.scale.addItem(f"{scale}×", scale)
        self.slide = QComboBox()
        for aspect, sizes in SLIDE_SIZES.items():
            for w, h in sizes:
                self.slide.addItem(f"{aspect} · {w}×{h}", (w, h))
        self.width = QSpinBox()
        self.height = QSpinBox()
        for box, key, least in ((self.width, "export/width", MIN_SIZE[0]), (self.height, "export/height", MIN_SIZE[1])):
            box.setRange(least, MAX_SIDE)
            box.setSuffix(" px")
            box.setValue(settings.get(key))
        saved = settings.get("export/scale")
        if saved in SCALES:
            self.scale.setCurrentIndex(SCALES.index(saved))
        slides = [self.slide.itemData(i) for i in range(self.slide.count())]
        if saved == 0 and (size := (self.width.value(), self.height.value())) in slides:  # a slide chosen last time
            self.slide.setCurrentIndex(slides.index(size))
            self.by_slide.setChecked(True)
        else:
            (self.by_size if saved == 0 else self.by_scale).setChecked(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.by_scale, self.scale, self.by_slide, self.slide):
            row.addWidget(w)
        for w in (self.by_size, self.width, QLabel("×"), self.height):
            row.addWidget(w)
        row.addStretch(1)
        group.buttonToggled.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.scale.setEnabled(self.by_scale.isChecked())
        self.slide.setEnabled(self.by_slide.isChecked())
        self.width.setEnabled(self.by_size.isChecked())
        self.height.setEnabled(self.by_size.isChecked())

    def picture_size(self) -> PictureSize:
        from kvviz.gui.export.picture import PictureSize

        if self.by_scale.isChecked():
            return PictureSize(scale=self.scale.currentData())
        if self.by_slide.isChecked():
            return PictureSize(fixed=self.slide.currentData())
        return PictureSize(fixed=(self.width.value(), self.height.value()))


def _panel_box(window: Frame, chosen: str) -> QComboBox:
    box = QComboBox()
    for name in PANEL_TITLES:
        if name == "window" or name in window.panels:
            box.addItem(panel_title(name), name)
    index = box.findData(chosen)
    box.setCurrentIndex(max(0, index))
    return box


class PictureDialog(QDialog):
    """Which panel, what size; then Save… (PNG or SVG) or Copy."""

    def __init__(self, menu: ExportMenu, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.menu = menu
        self.setWindowTitle(QCoreApplication.translate("ExportDialog", "Export picture"))
        self.panel = _panel_box(menu.window, menu.settings.get("export/panel"))
        self.size_chooser = SizeChooser(menu)
        form = QFormLayout(self)
        form.addRow(QCoreApplication.translate("ExportDialog", "Panel"), self.panel)
        form.addRow(QCoreApplication.translate("ExportDialog", "Size"), self.size_chooser)
        form.addRow(
            QLabel(
                QCoreApplication.translate(
                    "ExportDialog", "PNG for any panel; SVG (vector, editable) for single plots."
                )
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        save = QPushButton(QCoreApplication.translate("ExportDialog", "Save…"))
        save.setDefault(True)
        copy = QPushButton(QCoreApplication.translate("ExportDialog", "Copy to clipboard"))
        buttons.addButton(save, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        save.clicked.connect(self._save)
        copy.clicked.connect(self._copy)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _choice(self) -> tuple[str, PictureSize]:
        return self.panel.currentData(), self.size_chooser.picture_size()

    def _save(self) -> None:
        from kvviz.gui.export.picture import suggested_name

        name, size = self._choice()
        step = self.menu.window.controller.current.step
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("ExportDialog", "Export picture"),
            str(self.menu.folder() / suggested_name(name, step)),
            QCoreApplication.translate("ExportDialog", "PNG image (*.png);;SVG vector, plots only (*.svg)"),
        )
        if path and self.menu.save_picture(name, path, size) is not None:
            self.accept()

    def _copy(self) -> None:
        if self.menu.copy(*self._choice()):
            self.accept()


class AnimationDialog(QDialog):
    """Which panel, steps a..b, frame duration, size; then Save… (GIF or MP4)."""

    def __init__(self, menu: ExportMenu, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from kvviz.gui.export.animation import mp4_available, mp4_missing

        self.menu = menu
        self.setWindowTitle(QCoreApplication.translate("ExportDialog", "Export animation"))
        last = len(menu.window.controller.history) - 1
        self.panel = _panel_box(menu.window, menu.settings.get("export/panel"))
        self.first = QSpinBox()
        self.last = QSpinBox()
        for box, value in ((self.first, 0), (self.last, last)):
            box.setRange(0, last)
            box.setValue(value)
        self.frame_ms = QSpinBox()
        self.frame_ms.setRange(20, 60_000)
        self.frame_ms.setSingleStep(50)
        self.frame_ms.setSuffix(QCoreApplication.translate("ExportDialog", " ms per frame"))
        self.frame_ms.setValue(menu.settings.get("export/frame_ms"))
        self.size_chooser = SizeChooser(menu)
        steps = QHBoxLayout()
        steps.addWidget(self.first)
        steps.addWidget(QLabel(QCoreApplication.translate("ExportDialog", "to")))
        steps.addWidget(self.last)
        computed = QCoreApplication.translate("ExportDialog", "(steps computed so far: 0..{last})")
        steps.addWidget(QLabel(computed.format(last=last)))
        form = QFormLayout(self)
        form.addRow(QCoreApplication.translate("ExportDialog", "Panel"), self.panel)
        form.addRow(QCoreApplication.translate("ExportDialog", "Steps"), steps)
        form.addRow(QCoreApplication.translate("ExportDialog", "Frames"), self.frame_ms)
        form.addRow(QCoreApplication.translate("ExportDialog", "Size"), self.size_chooser)
        form.addRow(
            QLabel(
                QCoreApplication.translate("ExportDialog", "GIF, or MP4")
                if mp4_available()
                else QCoreApplication.translate("ExportDialog", "GIF. {reason}.").format(reason=mp4_missing())
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        save = QPushButton(QCoreApplication.translate("ExportDialog", "Save…"))
        save.setDefault(True)
        buttons.addButton(save, QDialogButtonBox.ButtonRole.AcceptRole)
        save.clicked.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _save(self) -> None:
        name, first, last = self.panel.currentData(), self.first.value(), self.last.value()
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("ExportDialog", "Export animation"),
            str(self.menu.folder() / f"kvviz-{name.replace('_', '-')}-steps{first}-{last}.gif"),
            QCoreApplication.translate("ExportDialog", "Animated GIF (*.gif);;MP4 video (*.mp4)"),
        )
        if not path:
            return
        self.accept()
        self.menu.start_animation(name, first, last, path, self.size_chooser.picture_size(), self.frame_ms.value())


class AnimationJob(QObject):
    """Draws one frame per timer tick (widgets are drawn on the GUI thread; the loop keeps running).

    ``done`` carries the written path, or None when cancelled or failed (nothing is written then).
    """

    done = Signal(object)

    def __init__(self, menu: ExportMenu, frames, count: int, path: Path, frame_ms: int) -> None:
        super().__init__(menu)
        self.menu = menu
        self._frames = frames
        self._images: list = []
        self._path = path
        self._frame_ms = frame_ms
        self._finished = False
        self.progress = QProgressDialog(
            QCoreApplication.translate("ExportDialog", "Drawing frames…"),
            QCoreApplication.translate("ExportDialog", "Cancel"),
            0,
            count + 1,
            menu.window,
        )
        self.progress.setWindowTitle(QCoreApplication.translate("ExportDialog", "Export animation"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)  # one export at a time
        self.progress.setMinimumDuration(0)
        self.progress.canceled.connect(self.cancel)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.progress.setValue(0)
        self._timer.start()

    def cancel(self) -> None:
        if self._finished:
            return
        self._timer.stop()
        self._frames.close()  # closes the export window
        self._images.clear()
        self.menu.window.statusBar().showMessage(
            QCoreApplication.translate("ExportDialog", "Animation export cancelled; nothing was saved"), 6000
        )
        self._finish(None)

    def _tick(self) -> None:
        from kvviz.gui.export.animation import save_animation, to_pil

        try:
            image = next(self._frames)
        except StopIteration:
            self._timer.stop()
            self.progress.setLabelText(QCoreApplication.translate("ExportDialog", "Encoding…"))
            try:
                written = save_animation(self._images, self._path, self._frame_ms)
            except (ValueError, OSError) as exc:
                self.menu.show_error(QCoreApplication.translate("ExportDialog", "The animation was not saved"), exc)
                written = None
            self._finish(written)
            return
        except (ValueError, OSError) as exc:
            self._timer.stop()
            self.menu.show_error(QCoreApplication.translate("ExportDialog", "The animation was not saved"), exc)
            self._finish(None)
            return
        self._images.append(to_pil(image))
        self.progress.setValue(len(self._images))

    def _finish(self, path: Path | None) -> None:
        self._finished = True
        self.progress.canceled.disconnect(self.cancel)
        self.progress.close()
        self.progress.deleteLater()
        self.done.emit(path)
