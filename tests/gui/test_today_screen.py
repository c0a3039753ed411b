"""The Today screen against a known day (tests.services.day_fixture): the tiles and charts say
the day's figures, the date picker shows an earlier day, the overrides are listed and
filtered, and the PDF and CSV exports read back with the same figures. A sales clerk gets
nothing (and the services refuse them)."""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import clerk.ui.screens.today.screen as today_screen
from clerk.central.seed_catalog import demo_pin_hash
from clerk.domain.entities import OrderStatus, ReturnReason
from clerk.domain.errors import DomainError
from clerk.services import ManagerOverride, ReturnItem, create_return, reveal_contact
from clerk.services.signin import PinGate, WrongPin
from clerk.services.today import day_figures
from clerk.ui.screens.today.export import csv_cell
from clerk.ui.screens.today.screen import TodayScreen
from clerk.ui.screens.today.words import override_rows
from clerk.ui.theme import LIGHT
from tests.gui.conftest import GuiWorld, settle
from tests.printing.pdf import read_pdf
from tests.services.day_fixture import fill_day
from tests.services.world import NOW, order

Open = Callable[[str], TodayScreen]


@pytest.fixture
def open_today(qtbot: QtBot, gui_world: GuiWorld) -> Iterator[Open]:
    screens: list[TodayScreen] = []

    def make(staff_id: str) -> TodayScreen:
        screen = TodayScreen(gui_world.services_as(staff_id), LIGHT)
        screen.resize(1184, 760)
        screen.show()
        screen.shown()
        settle(qtbot, gui_world.bridge)
        screens.append(screen)
        return screen

    yield make
    settle(qtbot, gui_world.bridge)
    for screen in screens:
        screen.close()
        screen.deleteLater()


def _overrides(gui_world: GuiWorld) -> None:
    tablet = gui_world.tablet
    old = order(
        tablet,
        [("JEANS-32", 1)],
        status=OrderStatus.COLLECTED,
        collected_at=NOW - timedelta(days=40),
        collected_qty=1,
    )
    create_return(
        tablet.ctx,
        tablet.actor("anna"),
        old.id,
        [ReturnItem(old.lines[0].id, 1, ReturnReason.TOO_SMALL)],
        override=ManagerOverride("maria", "Regular customer, tags on"),
    )
    reveal_contact(tablet.ctx, tablet.actor("maria"), "cust-gold", "Courier needs the phone")


def _figure(screen: TodayScreen, name: str) -> tuple[str, str]:
    tile = screen.tiles[name]
    return tile.value.text(), tile.note.text()


def test_the_tiles_and_charts_say_the_known_day(
    qtbot: QtBot, gui_world: GuiWorld, open_today: Open
) -> None:
    fill_day(gui_world.tablet)
    screen = open_today("maria")
    assert screen.figures is not None and screen.figures.day == date(2026, 3, 10)
    assert _figure(screen, "to_prepare")[0] == "1"
    assert _figure(screen, "ready")[0] == "2"
    assert _figure(screen, "overdue")[0] == "1"
    assert _figure(screen, "released") == ("3", "1 without a ready time")
    assert _figure(screen, "wait") == ("13 h", "longest 1 day")
    assert _figure(screen, "returns") == (
        "2",
        "4 items, 169,99\xa0zł\nRefunds, not returns: 3",
    )
    assert _figure(screen, "effort") == ("3,7", "3 answers")
    assert _figure(screen, "carts") == ("1", "169,97\xa0zł · of 2 sales")
    assert _figure(screen, "sync")[0] == "4"
    waits = screen.charts["waits"].chart
    assert waits is not None
    by_hour = {bar.label: bar.value for bar in waits.bars if bar.value}
    assert by_hour == {"11": 120.0, "12": 24 * 60.0}
    labels = [b.label for b in waits.bars]
    assert (labels[0], labels[-1], len(labels)) == ("9", "21", 13)
    reasons = screen.charts["returns"].chart
    assert reasons is not None
    assert [(b.label, b.value) for b in reasons.bars] == [
        ("Too small", 2),
        ("Changed their mind", 1),
        ("Arrived damaged", 1),
    ]
    effort = screen.charts["effort"].chart
    assert effort is not None and [b.value for b in effort.bars] == [0, 1, 0, 1, 1]
    channels = screen.charts["channels"].chart
    assert channels is not None
    assert sorted((b.label, b.value) for b in channels.bars) == [("In store", 1), ("Web shop", 1)]
    # The cards paint (a chart that fails to draw would raise here).
    for card in screen.charts.values():
        assert not card.grab().isNull()
    assert not screen.next.isEnabled()


def test_an_earlier_day_from_the_date_picker(
    qtbot: QtBot, gui_world: GuiWorld, open_today: Open
) -> None:
    fill_day(gui_world.tablet)
    screen = open_today("maria")
    qtbot.mouseClick(screen.previous, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.figures is not None and screen.figures.day == date(2026, 3, 9))
    settle(qtbot, gui_world.bridge)
    assert _figure(screen, "to_prepare") == ("—", "known for today only")
    assert _figure(screen, "released")[0] == "1"
    assert _figure(screen, "wait")[0] == "4 h"
    assert _figure(screen, "returns")[0] == "1"
    assert screen.next.isEnabled()
    qtbot.mouseClick(screen.today_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.figures is not None and screen.figures.day == date(2026, 3, 10))
    assert _figure(screen, "overdue")[0] == "1"


def test_the_overrides_page_lists_and_filters(
    qtbot: QtBot, gui_world: GuiWorld, open_today: Open
) -> None:
    _overrides(gui_world)
    screen = open_today("maria")
    qtbot.mouseClick(screen.page_buttons["overrides"], Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is screen.overrides
    model = screen.overrides.model
    rows = [model.entry(r) for r in range(model.rowCount())]
    assert [(r[1], r[2]) for r in rows] == [
        ("Maria", "Revealed contact"),
        ("Anna, approved by Maria", "Return out of policy"),
    ]
    assert rows[1][4] == "Regular customer, tags on" and rows[0][4] == "Courier needs the phone"
    screen.overrides_filtered("anna", None)
    assert model.rowCount() == 1 and model.entry(0)[2] == "Return out of policy"
    screen.overrides_filtered(None, "revealed_contact")
    assert model.rowCount() == 1 and model.entry(0)[1] == "Maria"
    screen.overrides_filtered("anna", "revealed_contact")
    assert model.rowCount() == 0 and screen.overrides.empty.isVisible()


def test_the_day_exported_as_pdf_and_csv_reads_back(
    qtbot: QtBot,
    gui_world: GuiWorld,
    open_today: Open,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill_day(gui_world.tablet)
    _overrides(gui_world)
    screen = open_today("maria")
    painted_on: list[str] = []
    real = today_screen.write_day_export

    def watched(*args: Any) -> Path:
        painted_on.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(today_screen, "write_day_export", watched)
    assert screen.export_to(tmp_path / "day.pdf", "pdf")
    assert not screen.pdf_button.isEnabled()  # one export at a time
    settle(qtbot, gui_world.bridge)
    pdf = screen.last_export
    assert pdf is not None and "Saved to" in screen.banner.text()
    assert screen.pdf_button.isEnabled()
    assert painted_on and painted_on[0] != threading.main_thread().name  # off the UI thread
    doc, text = read_pdf(QApplication.instance(), pdf)  # type: ignore[arg-type]
    try:
        assert doc.pageCount() >= 1
    finally:
        doc.close()
    for expected in (
        "The day at WAW-01: 10.03.2026",
        "Average wait, ready to collected 13 h",
        "Longest wait 1 day",
        "Refunded 418,99 zł",  # the day's returns and the override's
        "Reason: Too small 3",
        "Bought via: Web shop 2",
        "Wait, ready to collected, by hour",
        "Average 3,7",
        "Online carts finalized here 1",
        "Returned items by reason",
        "Regular customer, tags on",
        "Return out of policy",
    ):
        assert expected in text, expected

    assert screen.export_to(tmp_path / "day.csv", "csv")
    settle(qtbot, gui_world.bridge)
    written = screen.last_export
    assert written is not None and written.suffix == ".csv"
    with written.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["The day at WAW-01: 10.03.2026"]
    figures = {(r[0], r[1]): r[2] for r in rows[2:] if len(r) == 3}
    assert figures[("Pickups", "Overdue now")] == "1"
    assert figures[("Pickups", "Released")] == "2"
    assert figures[("Returns", "Reason: Arrived damaged")] == "1"
    assert figures[("Returns", "Not a return: expired holds refunded")] == "1"
    assert figures[("Returns", "Not a return: short picks refunded")] == "1"
    assert figures[("Returns", "Not a return: refused at pickup")] == "1"
    assert figures[("Effort score", "Score 5")] == "1"
    assert figures[("Sales", "Value of the carts")] == "169,97\xa0zł"
    assert figures[("Sync", "Actions waiting to be sent")] == str(
        day_figures(gui_world.tablet.ctx, gui_world.tablet.actor("maria")).sync.pending
    )
    overrides = rows[rows.index(["Overrides and sensitive actions"]) + 2 :]
    assert [r[2] for r in overrides] == ["Revealed contact", "Return out of policy"]

    assert screen.export_to(tmp_path / "missing" / "day.csv", "csv")
    settle(qtbot, gui_world.bridge)
    assert screen.last_export is None and "could not be written" in screen.banner.text()


def test_a_sales_clerk_reads_no_day(gui_world: GuiWorld, open_today: Open) -> None:
    fill_day(gui_world.tablet)
    screen = open_today("anna")
    assert screen.figures is None and screen.tiles["released"].value.text() == "—"
    assert not screen.export_to(Path("unused.pdf"), "pdf")
    with pytest.raises(DomainError) as refused:
        day_figures(gui_world.tablet.ctx, gui_world.tablet.actor("anna"))
    assert refused.value.code == "role_not_allowed"


def test_another_staff_member_signing_in_leaves_nothing_on_screen(
    gui_world: GuiWorld, open_today: Open
) -> None:
    fill_day(gui_world.tablet)
    _overrides(gui_world)
    screen = open_today("maria")
    assert screen.figures is not None and screen.overrides.model.rowCount() == 2
    screen.reset()
    assert screen.figures is None and screen.overrides.model.rowCount() == 0
    assert all(tile.value.text() == "—" for tile in screen.tiles.values())


def test_a_burst_of_changes_reads_the_day_once(
    qtbot: QtBot, gui_world: GuiWorld, open_today: Open, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_day(gui_world.tablet)
    screen = open_today("maria")
    reads: list[date] = []
    real = today_screen.read_day

    def counted(*args: object) -> object:
        reads.append(args[2])  # type: ignore[arg-type]
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(today_screen, "read_day", counted)
    for _ in range(20):  # a sync's pages, the queue's changes
        screen.data_changed(frozenset({"order"}))
    assert reads == []  # nothing read yet: the burst may go on
    qtbot.waitUntil(lambda: len(reads) == 1, timeout=3000)
    settle(qtbot, gui_world.bridge)
    qtbot.wait(today_screen.COALESCE_MS + 100)
    assert len(reads) == 1
    settle(qtbot, gui_world.bridge)


def test_a_reason_typed_as_a_formula_stays_text_in_the_csv(
    qtbot: QtBot, gui_world: GuiWorld, open_today: Open, tmp_path: Path
) -> None:
    tablet = gui_world.tablet
    reasons = ['=HYPERLINK("http://x.example","Open")', "+48 600 100 200", "@SUM(A1:A9)"]
    for reason in reasons:
        reveal_contact(tablet.ctx, tablet.actor("maria"), "cust-gold", reason)
    screen = open_today("maria")
    assert screen.export_to(tmp_path / "day.csv", "csv")
    settle(qtbot, gui_world.bridge)
    assert screen.last_export is not None
    with screen.last_export.open(encoding="utf-8-sig", newline="") as f:
        cells = [cell for row in csv.reader(f) for cell in row]
    for reason in reasons:
        assert "'" + reason in cells and reason not in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("=1+2", "'=1+2"),
        ("-2+3", "'-2+3"),
        ("+cmd", "'+cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Regular customer, tags on", "Regular customer, tags on"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_csv_cells_never_start_a_formula(typed: str, written: str) -> None:
    assert csv_cell(typed) == written


def test_today_is_the_stores_day_in_its_own_time_zone(
    qtbot: QtBot, gui_world: GuiWorld, open_today: Open
) -> None:
    """NOW is 12:00 UTC on 10 March; a store on Kiritimati (UTC+14) is at 02:00 on the 11th."""
    tablet = gui_world.tablet
    with tablet.store.unit(read_only=True) as unit:
        settings = unit.stores.settings("WAW-01")
    assert settings is not None
    tablet.put("settings", settings | {"timezone": "Pacific/Kiritimati"})
    screen = open_today("maria")
    assert screen.day == date(2026, 3, 11)
    assert screen.figures is not None and screen.figures.day == date(2026, 3, 11)
    assert screen.figures.live is not None  # today's: the live queue is shown
    assert screen.tiles["to_prepare"].value.text() != "—"
    assert screen.date.maximumDate().toPython() == date(2026, 3, 11)
    screen.previous.click()  # an earlier day stays chosen through the next reads
    settle(qtbot, gui_world.bridge)
    assert screen.figures.day == date(2026, 3, 10) and screen.figures.live is None
    screen.data_changed(frozenset({"order"}))
    qtbot.wait(today_screen.COALESCE_MS + 100)
    settle(qtbot, gui_world.bridge)
    assert screen.day == date(2026, 3, 10) and screen.figures.day == date(2026, 3, 10)
    screen.show_today()
    settle(qtbot, gui_world.bridge)
    assert screen.figures.day == date(2026, 3, 11)


def test_a_refused_manager_approval_reads_on_the_overrides_page(
    qtbot: QtBot, gui_world: GuiWorld, open_today: Open
) -> None:
    tablet = gui_world.tablet
    with tablet.store.unit(read_only=True) as unit:
        maria = unit.staff.get("maria")
    assert maria is not None
    tablet.put("staff", replace(maria, pin_hash=demo_pin_hash("maria", "3333")))
    with pytest.raises(WrongPin):
        PinGate(tablet.ctx).verify_override(
            "maria", "0000", "Receipt lost", "create_return", "order:o-1", requested_by="anna"
        )
    screen = open_today("maria")
    screen.overrides_filtered(None, "manager_override")
    assert screen.overrides.model.rowCount() == 1
    [row] = override_rows(screen.day_actions)
    assert row[1:] == (
        "Anna, asking Maria",
        "Manager approval refused",
        "order:o-1",
        "Receipt lost",
        "wrong PIN",
    )
