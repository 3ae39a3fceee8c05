"""Start the GUI."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from typing_test import PRODUCT_NAME, __version__
from typing_test.store.database import DatabaseError, Store


class _FirstPaintQuitter(QObject):
    """Quits the application right after the watched widget's first paint."""

    def __init__(self, app: QApplication):
        super().__init__()
        self._app = app
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, self._app.quit)
        return False


def run_gui(db_path: Path | str | None = None, smoke_test: bool = False) -> int:
    """Open the main window; return the exit code.

    With ``smoke_test`` the window is shown and the app exits 0 after its
    first paint (1 when nothing painted within 10 seconds).
    """
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("typing-test")
    app.setApplicationDisplayName(PRODUCT_NAME)
    app.setApplicationVersion(__version__)
    try:
        store = Store.open(db_path)
    except DatabaseError as error:
        if smoke_test:
            print(f"typing-test: {error}", file=sys.stderr)
            return 2
        QMessageBox.critical(None, "typing-test cannot open its database", str(error))
        return 2

    from typing_test.ui.main_window import MainWindow  # after QApplication exists

    window = MainWindow(store)
    quitter = None
    if smoke_test:
        quitter = _FirstPaintQuitter(app)
        window.installEventFilter(quitter)
        QTimer.singleShot(10_000, app.quit)
    window.show()
    code = app.exec()
    store.close()
    if smoke_test:
        elapsed = time.perf_counter() - started
        if not quitter.painted:
            print("typing-test: smoke test failed: the window never painted", file=sys.stderr)
            return 1
        print(f"smoke test passed: main window painted in {elapsed:.2f} s")
        return 0
    return code
