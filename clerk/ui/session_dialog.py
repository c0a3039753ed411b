"""A modal dialog of one clerk's work that follows the staff session."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from clerk.ui.session import StaffSession

__all__ = ["SessionDialog"]


class SessionDialog(QDialog):
    """Opened by whoever is signed in at ``session``: it hides while the tablet is locked (the
    lock screen covers the work, so must this window's customer and money), shows again on
    unlock, and :meth:`abandon` closes it when someone else signs in or everyone signs out."""

    def __init__(self, session: StaffSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self._session = session
        staff = session.staff
        self._staff_id = staff.staff_id if staff is not None else None
        self._closed = False
        self._hidden_by_lock = False
        session.changed.connect(self._session_changed)

    def abandon(self) -> None:
        """Close without asking (someone else took over the tablet): rejected."""
        if not self._closed:
            super().reject()

    def _session_changed(self) -> None:
        if self._closed:
            return
        staff = self._session.staff
        if staff is None or staff.staff_id != self._staff_id:
            self.abandon()
        elif self._session.locked and self.isVisible():
            self._hidden_by_lock = True
            self.hide()
        elif not self._session.locked and self._hidden_by_lock:
            self._hidden_by_lock = False
            self.show()

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)
