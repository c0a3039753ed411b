"""The tablet's settings: language, theme, auto-lock, scanner thresholds, camera (managers)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk.services.settings import AppSettings


class SettingsDialog(QDialog):
    """Edits :class:`AppSettings`; :attr:`settings` holds the result after Save."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Tablet settings"))
        self.setMinimumWidth(560)
        self.settings = settings

        # Each field adds its own labelled row (the label is its accessible name too).
        form = QFormLayout()
        form.setSpacing(12)
        self._form = form
        self._language = self._combo(
            "languageSetting",
            self.tr("Language"),
            [("system", self.tr("As the system")), ("pl", "Polski"), ("en", "English")],
            settings.language,
        )
        self._theme = self._combo(
            "themeSetting",
            self.tr("Appearance"),
            [
                ("system", self.tr("As the system")),
                ("light", self.tr("Light")),
                ("dark", self.tr("Dark")),
            ],
            settings.theme,
        )
        self._idle = self._spin(
            "idleLockSetting", self.tr("Lock after idle minutes"), 1, 60, settings.idle_lock_minutes
        )
        self._interval = self._spin(
            "wedgeIntervalSetting",
            self.tr("Scanner: longest gap between keys (ms)"),
            5,
            200,
            settings.wedge_max_interval_ms,
        )
        self._length = self._spin(
            "wedgeLengthSetting",
            self.tr("Scanner: shortest code"),
            2,
            40,
            settings.wedge_min_length,
        )
        camera = self.tr("Scan with the tablet's camera")
        self._camera = QCheckBox(camera, self)
        self._camera.setObjectName("cameraSetting")
        self._camera.setAccessibleName(camera)
        self._camera.setChecked(settings.camera_enabled)
        form.addRow("", self._camera)
        note = QLabel(self.tr("Language and appearance change the next time Clerk starts."), self)
        note.setProperty("role", "muted")
        note.setWordWrap(True)
        save = QPushButton(self.tr("Save"), self)
        save.setObjectName("saveSettings")
        save.setAccessibleName(self.tr("Save"))
        save.setProperty("primary", True)
        save.clicked.connect(self._save)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setObjectName("cancelSettings")
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(buttons)

    def _combo(
        self, name: str, label: str, items: list[tuple[str, str]], current: str
    ) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(label)
        for value, text in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        self._form.addRow(label, combo)
        return combo

    def _spin(self, name: str, label: str, low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setAccessibleName(label)
        spin.setRange(low, high)
        spin.setValue(value)
        self._form.addRow(label, spin)
        return spin

    def _save(self) -> None:
        self.settings = replace(
            self.settings,
            language=str(self._language.currentData()),
            theme=str(self._theme.currentData()),
            idle_lock_minutes=self._idle.value(),
            wedge_max_interval_ms=self._interval.value(),
            wedge_min_length=self._length.value(),
            camera_enabled=self._camera.isChecked(),
        )
        self.accept()
