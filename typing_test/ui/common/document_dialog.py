"""A dialog that shows one of the app's Markdown documents, offline."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class DocumentDialog(QDialog):
    """Shows the Markdown file at ``path`` under ``title``; a missing or
    unreadable file is said in the dialog itself."""

    def __init__(self, title: str, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 640)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(title)
        self.browser.setOpenExternalLinks(False)
        try:
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            self.browser.setPlainText(f"The document {path.name} could not be read: {error}")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
