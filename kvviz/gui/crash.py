"""Unexpected exceptions in the app: logged to a file and shown in a dialog, never a silent death.

Qt calls Python slots from C++; an exception escaping one goes to ``sys.excepthook``,
whose default prints to a terminal the audience never sees. The hook installed here
writes the traceback to the log file and shows it in a dialog (message, log path,
traceback under "Show Details…"), and the app goes on running. Exceptions in other
threads are logged there and shown from the GUI thread.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

LOG_NAME = "kvviz.log"
logger = logging.getLogger("kvviz")


def log_folder() -> Path:
    """Where the log lives: the platform's app data folder, or ~/.cache/kvviz without one."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".cache" / "kvviz"


class CrashReporter(QObject):
    """Logs unexpected exceptions and shows each in a dialog; one dialog at a time."""

    _report = Signal(str, str)  # summary, traceback: queued to the GUI thread from any thread

    def __init__(self, log_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: QMessageBox | None = None
        self._handler: logging.Handler | None = None
        self._report.connect(self._show)

    def install(self) -> None:
        """Send unexpected exceptions here, and start the log file."""
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._handler = logging.FileHandler(self.log_path, encoding="utf-8", delay=True)
        except OSError:
            self._handler = logging.StreamHandler(sys.stderr)  # no writable folder: the terminal is all there is
        self._handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(self._handler)
        logger.setLevel(logging.INFO)
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        """Give the hooks back (at shutdown, and in tests)."""
        if sys.excepthook == self.excepthook:
            sys.excepthook = sys.__excepthook__
        if threading.excepthook == self._thread_excepthook:
            threading.excepthook = threading.__excepthook__
        if self._handler is not None:
            logger.removeHandler(self._handler)
            self._handler.close()
            self._handler = None

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, thread: str = ""
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()  # Ctrl+C in the terminal ends the app as it would a script
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        where = f" in thread {thread}" if thread else ""
        logger.error("unexpected exception%s\n%s", where, details.rstrip())
        summary = "".join(traceback.format_exception_only(exc_type, exc)).strip()
        self._report.emit(summary, details)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback, thread=name)

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        if self.dialog is not None:  # one already open: the log keeps the rest
            return
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("CrashReporter", "kvviz: unexpected error"))
        box.setText(
            QCoreApplication.translate("CrashReporter", "Something went wrong, but kvviz is still running.")
            + f"\n\n{summary}"
        )
        box.setInformativeText(
            QCoreApplication.translate("CrashReporter", "The details are saved in {path}").format(path=self.log_path)
        )
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.dialog = box
        try:
            box.exec()
        finally:
            self.dialog = None
            box.deleteLater()


def install(log_path: Path | None = None) -> CrashReporter:
    """Install a reporter logging to ``log_path`` (default: the app's log file)."""
    reporter = CrashReporter(log_path or log_folder() / LOG_NAME, QApplication.instance())
    reporter.install()
    return reporter
