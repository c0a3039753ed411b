"""A HID keyboard-wedge scanner told apart from a person typing.

A wedge scanner "types" its code a few milliseconds per key and ends with Enter; a person is
slower.  :class:`WedgeFilter`, installed on the QApplication, holds each printable key press
for at most ``max_interval_ms``:

* when Enter follows at least ``min_length`` characters, each within the interval of the one
  before, the held keys and the Enter are swallowed and ``scanned(text)`` is emitted — not one
  character reaches the focused field;
* otherwise (a pause, a non-printable key, a click, a shortcut) the held keys are replayed to the
  widgets they were meant for, in order, before anything that came after them, so a person
  typing loses nothing and only sees each key ~40 ms later.

Keys with Ctrl, Alt or Meta are never held, so shortcuts work; modifier keys (Shift for the
capitals of a token) pass untouched.  Releases of held keys are held and replayed with them;
releases of keys that made up a scan are swallowed too.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

_KEY_EVENTS = frozenset(
    {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride}
)
# A click or touch while keys are held: the keys typed before it must arrive before it.
_POINTER_PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})
_ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)
_SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def _clone(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.nativeScanCode(),
        event.nativeVirtualKey(),
        event.nativeModifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )


def _plain(event: QKeyEvent) -> bool:
    """No Ctrl/Alt/Meta and not auto-repeat: a key a scanner could have sent."""
    return not event.isAutoRepeat() and not (event.modifiers() & _SHORTCUT_MODIFIERS)


def _holdable(event: QKeyEvent) -> bool:
    text = event.text()
    return _plain(event) and bool(text) and text.isprintable()


class WedgeFilter(QObject):
    """The application-wide filter that turns wedge-scanner bursts into ``scanned(text)``."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_interval_ms: int = 40,
        min_length: int = 6,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wedgeFilter")
        self._interval_ms = max_interval_ms
        self._min_length = min_length
        self._clock = clock
        self._enabled = True
        self._held: list[tuple[QWidget, QKeyEvent]] = []
        self._text: list[str] = []
        self._unreleased: Counter[int] = Counter()  # held presses whose release is not seen yet
        self._swallow: Counter[int] = Counter()  # releases still due of keys that made a scan
        self._last = 0.0
        self._replaying: QKeyEvent | None = None
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setTimerType(Qt.TimerType.PreciseTimer)
        self._pause.timeout.connect(self._paused)

    # -- settings ----------------------------------------------------------------------------

    @property
    def max_interval_ms(self) -> int:
        """The longest gap between a scanner's keys."""
        return self._interval_ms

    @property
    def min_length(self) -> int:
        """The fewest characters of a scan."""
        return self._min_length

    def set_thresholds(self, max_interval_ms: int, min_length: int) -> None:
        """Change the gap and length that tell a scanner from a person."""
        self._release_held()
        self._interval_ms = max_interval_ms
        self._min_length = min_length

    def set_enabled(self, enabled: bool) -> None:
        """Stop (False) or resume telling scans apart; while stopped every key passes."""
        if not enabled:
            self._release_held()
            self._swallow.clear()
        self._enabled = enabled

    @property
    def enabled(self) -> bool:
        """Whether bursts are turned into scans."""
        return self._enabled

    # -- the filter --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _KEY_EVENTS:
            if kind in _POINTER_PRESSES and self._held:
                self._release_held()
            return False
        if not self._enabled or event is self._replaying or not isinstance(watched, QWidget):
            return False
        if self._propagated(watched):
            return False
        assert isinstance(event, QKeyEvent)
        if kind == QEvent.Type.ShortcutOverride:
            return self._shortcut_override(event)
        if kind == QEvent.Type.KeyPress:
            return self._press(watched, event)
        return self._release(watched, event)

    @staticmethod
    def _propagated(watched: QWidget) -> bool:
        # Qt offers a key its receiver's parents when the receiver ignores it; the filter
        # decides once, at the first receiver (the focus widget).
        focus = QApplication.focusWidget()
        return focus is not None and watched is not focus and watched.isAncestorOf(focus)

    def _elapsed_ms(self) -> float:
        return (self._clock() - self._last) * 1000

    def _scan_ends_here(self, event: QKeyEvent) -> bool:
        return (
            event.key() in _ENTER_KEYS
            and _plain(event)
            and sum(map(len, self._text)) >= self._min_length
            and self._elapsed_ms() <= self._interval_ms
        )

    def _shortcut_override(self, event: QKeyEvent) -> bool:
        if event.key() in _MODIFIER_KEYS or not self._held:
            return False
        if self._scan_ends_here(event):
            # The Enter ending a scan is ours even if something binds Enter as a shortcut.
            event.accept()
            return True
        if not _holdable(event):
            # A shortcut is about to fire: what was typed before it happens first.
            self._release_held()
        return False

    def _press(self, watched: QWidget, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        self._swallow.pop(key, None)  # a new press: any release still awaited was lost
        if self._held and self._elapsed_ms() > self._interval_ms:
            self._release_held()  # the pause timer was late; the pause still counts
        if _holdable(event):
            self._held.append((watched, _clone(event)))
            self._text.append(event.text())
            self._unreleased[key] += 1
            self._last = self._clock()
            self._pause.start(self._interval_ms + 1)
            return True
        if self._held and self._scan_ends_here(event):
            self._take_scan(key)
            return True
        self._release_held()
        return False

    def _release(self, watched: QWidget, event: QKeyEvent) -> bool:
        key = event.key()
        if self._unreleased[key] > 0:
            self._unreleased[key] -= 1
            self._held.append((watched, _clone(event)))
            return True
        if self._swallow[key] > 0:
            self._swallow[key] -= 1
            return True
        return False

    # -- what happens to held keys -----------------------------------------------------------

    def _take_scan(self, enter_key: int) -> None:
        text = "".join(self._text)
        self._swallow.update(+self._unreleased)
        self._swallow[enter_key] += 1
        self._clear()
        self.scanned.emit(text)

    def _paused(self) -> None:
        remaining = self._interval_ms - self._elapsed_ms()
        if remaining > 0:  # coarse timers may fire a little early
            self._pause.start(int(remaining) + 1)
            return
        self._release_held()

    def _release_held(self) -> None:
        """Replay the held keys, in order, to the widgets they were typed into."""
        held = self._held
        self._clear()
        for receiver, event in held:
            target = receiver if isValid(receiver) else QApplication.focusWidget()
            if target is None:
                continue
            previous, self._replaying = self._replaying, event
            try:
                QCoreApplication.sendEvent(target, event)
            finally:
                self._replaying = previous

    def _clear(self) -> None:
        self._pause.stop()
        self._held = []
        self._text.clear()
        self._unreleased.clear()
