"""Settings: the pass bar and the name attempts are saved under.

Once HR has set an admin password, the pass bar is HR's: in practice mode
(``set_pass_bars_editable(False)``) it is shown as a line of text, and Save
leaves it as stored. The name, the spelling variant and live checking stay
the applicant's.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing_test.core.typing.scoring import PassBar
from typing_test.store.database import Store
from typing_test.store.settings import (
    CANDIDATE_NAME,
    KEYBOARD_LAYOUT,
    KEYBOARD_LAYOUTS,
    LIVE_CHECKING,
    SPELLING_VARIANT,
    SPELLING_VARIANTS,
    candidate_name,
    keyboard_layout,
    live_checking,
    load_pass_bar,
    save_pass_bar,
    spelling_variant,
)
from typing_test.ui.common.button_row import button_row
from typing_test.ui.common.theme import page_layout, set_role


class SettingsPage(QWidget):
    """Edits the stored settings; ``saved`` is emitted after Save."""

    saved = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        heading = QLabel("Settings")
        set_role(heading, "title")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Your name, saved with each attempt")
        self.name_edit.setMaxLength(120)
        self.name_edit.setMinimumWidth(320)
        self.wpm_box = QDoubleSpinBox()
        self.wpm_box.setRange(1, 200)
        self.wpm_box.setDecimals(0)
        self.wpm_box.setSuffix(" net WPM")
        self.accuracy_box = QDoubleSpinBox()
        self.accuracy_box.setRange(1, 100)
        self.accuracy_box.setDecimals(0)
        self.accuracy_box.setSuffix(" %")
        self.spelling_box = QComboBox()
        for variant, label in SPELLING_VARIANTS.items():
            self.spelling_box.addItem(label, variant)
        self.keyboard_box = QComboBox()
        self.keyboard_box.setObjectName("keyboardLayout")
        for layout, label in KEYBOARD_LAYOUTS.items():
            self.keyboard_box.addItem(label, layout)
        self.keyboard_box.setToolTip("The keyboard the result and Progress pages draw: UK has "
                                     "the extra key by left Shift, # by Enter, \" on 2, @ by '")
        self.live_check_box = QCheckBox("Underline mistakes while writing (practice aid)")
        self.live_check_box.setToolTip(
            "Leave this off for screenings: the underlines would proofread for the candidate."
        )
        self.pass_bar_note = QLabel()
        self.pass_bar_note.setObjectName("passBarNote")
        set_role(self.pass_bar_note, "hint")
        self.pass_bar_note.hide()
        self.pass_bars_editable = True
        self.save_button = QPushButton("&Save")
        self.save_button.clicked.connect(self.save)
        self.status_label = QLabel()
        set_role(self.status_label, "success")
        database_label = QLabel(f"Results are stored in: {store.path}")
        database_label.setWordWrap(True)
        set_role(database_label, "hint")

        form = self.form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Name:", self.name_edit)
        form.addRow("Typing test pass bar, speed:", self.wpm_box)
        form.addRow("Typing test pass bar, accuracy:", self.accuracy_box)
        form.addRow("Email spelling accepted:", self.spelling_box)
        form.addRow("", self.live_check_box)
        form.addRow("Keyboard (pictures of your keys):", self.keyboard_box)
        form.addRow("", self.pass_bar_note)
        set_role(self.save_button, "primary")
        layout = page_layout(QVBoxLayout(self))
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(database_label)
        layout.addStretch(1)
        footer = button_row(self.save_button)
        footer.insertWidget(0, self.status_label)
        layout.addLayout(footer)
        self.load()

    def set_pass_bars_editable(self, editable: bool) -> None:
        """Show the pass bar as fields (HR logged in, or no admin password set)
        or, in practice mode, as a line saying it is HR's to set."""
        self.pass_bars_editable = editable
        self.form.setRowVisible(self.wpm_box, editable)
        self.form.setRowVisible(self.accuracy_box, editable)
        self.pass_bar_note.setVisible(not editable)

    def load(self) -> None:
        """Show the stored values."""
        bar = load_pass_bar(self.store)
        self.pass_bar_note.setText(
            f"The typing test passes at {bar.min_net_wpm:g} net WPM and "
            f"{bar.min_accuracy:g} % accuracy. HR sets the pass bars (Admin).")
        self.wpm_box.setValue(bar.min_net_wpm)
        self.accuracy_box.setValue(bar.min_accuracy)
        self.name_edit.setText(candidate_name(self.store))
        self.spelling_box.setCurrentIndex(self.spelling_box.findData(spelling_variant(self.store)))
        self.live_check_box.setChecked(live_checking(self.store))
        self.keyboard_box.setCurrentIndex(self.keyboard_box.findData(keyboard_layout(self.store)))
        self.status_label.clear()

    def save(self) -> None:
        """Store what the form shows."""
        if self.pass_bars_editable:
            save_pass_bar(self.store, PassBar(self.wpm_box.value(), self.accuracy_box.value()))
        self.store.set_setting(CANDIDATE_NAME, self.name_edit.text().strip())
        self.store.set_setting(SPELLING_VARIANT, self.spelling_box.currentData())
        self.store.set_setting(LIVE_CHECKING, self.live_check_box.isChecked())
        # The keyboard is stored only when it is not the one the spelling
        # implies, so that it keeps following the spelling until chosen.
        implied = "uk" if self.spelling_box.currentData() == "uk" else "us"
        chosen = self.keyboard_box.currentData()
        self.store.set_setting(KEYBOARD_LAYOUT, None if chosen == implied else chosen)
        self.status_label.setText("Saved.")
        self.saved.emit()
