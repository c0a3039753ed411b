"""The day's figures in words: the tiles' texts, the charts' bars, and the rows the PDF and
CSV exports carry — made once here, so the screen and its exports always say the same."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from clerk.domain.entities import ReturnReason
from clerk.domain.money import format_money
from clerk.printing.charts import Bar, BarChart
from clerk.services.overrides import OverrideKind, SensitiveAction
from clerk.services.today import HOLD_EXPIRED, PICKUP_REFUSAL, SHORT_PICK, DayFigures
from clerk.ui.models.pickup_queue import waited_text
from clerk.ui.screens.pickup.release_lines import reason_name
from clerk.ui.texts import channel_name, store_time

__all__ = [
    "FIRST_HOUR",
    "LAST_HOUR",
    "ReportRow",
    "channels_chart",
    "day_title",
    "effort_chart",
    "kind_name",
    "override_rows",
    "report_rows",
    "result_name",
    "returns_chart",
    "wait_text",
    "waits_chart",
]

translate = QCoreApplication.translate

# The hours the wait chart always shows (a store's opening hours); waits outside widen it.
FIRST_HOUR = 9
LAST_HOUR = 21


@dataclass(frozen=True)
class ReportRow:
    """One figure of the report: its section, what it is, its value."""

    section: str
    label: str
    value: str


def wait_text(wait: timedelta | None) -> str:
    return "—" if wait is None else waited_text(wait)


def day_title(figures: DayFigures) -> str:
    return figures.start.strftime("%d.%m.%Y")


def kind_name(kind: OverrideKind) -> str:
    names = {
        "return_override": translate("TodayWords", "Return out of policy"),
        "manager_override": translate("TodayWords", "Manager approval refused"),
        "expired_hold": translate("TodayWords", "Expired hold"),
        "revealed_contact": translate("TodayWords", "Revealed contact"),
        "discarded": translate("TodayWords", "Discarded attention item"),
        "reservation": translate("TodayWords", "Reservation changed"),
    }
    return names[kind]


def result_name(result: str) -> str:
    names = {
        "queued": translate("TodayWords", "done, sent to central"),
        "done": translate("TodayWords", "done"),
        "discarded": translate("TodayWords", "given up"),
        "refused": translate("TodayWords", "refused by the tablet"),
        "wrong_pin": translate("TodayWords", "wrong PIN"),
        "locked_out": translate("TodayWords", "locked out after wrong PINs"),
        "not_allowed": translate("TodayWords", "not a manager of this store"),
        "unknown_staff": translate("TodayWords", "not a manager of this store"),
        "role_not_allowed": translate("TodayWords", "not a manager of this store"),
        "pin_unusable": translate("TodayWords", "PIN cannot be checked on this tablet"),
    }
    return names.get(result, result)


def _reason(code: str) -> str:
    try:
        return reason_name(ReturnReason(code))
    except ValueError:
        return code


def waits_chart(figures: DayFigures) -> BarChart:
    """The average wait (ready to collected) of the pickups released in each hour."""
    hours = set(figures.waits_by_hour)
    first = min([FIRST_HOUR, *hours])
    last = max([LAST_HOUR, *hours])
    bars = []
    for hour in range(first, last + 1):
        waits = figures.waits_by_hour.get(hour, [])
        average = sum(waits, timedelta()) / len(waits) if waits else timedelta()
        minutes = average.total_seconds() / 60
        bars.append(
            Bar(f"{hour}", minutes, waited_text(average) if waits else "", alert=minutes > 24 * 60)
        )
    return BarChart(
        translate("TodayWords", "Wait, ready to collected, by hour"),
        bars,
        empty_text=translate("TodayWords", "No pickup was released this day."),
    )


def returns_chart(figures: DayFigures) -> BarChart:
    bars = [
        Bar(_reason(code), units, str(units)) for code, units in figures.returns_by_reason.items()
    ]
    return BarChart(
        translate("TodayWords", "Returned items by reason"),
        bars,
        horizontal=True,
        empty_text=translate("TodayWords", "Nothing was returned here this day."),
    )


def channels_chart(figures: DayFigures) -> BarChart:
    bars = [
        Bar(
            channel_name(code) if code != "unknown" else translate("TodayWords", "Unknown"),
            n,
            str(n),
        )
        for code, n in figures.returns_by_channel.items()
    ]
    return BarChart(
        translate("TodayWords", "Returns by the original order's channel"),
        bars,
        horizontal=True,
        empty_text=translate("TodayWords", "Nothing was returned here this day."),
    )


def effort_chart(figures: DayFigures) -> BarChart:
    bars = [
        Bar(str(score), n, str(n), alert=score <= 2)
        for score, n in figures.effort_distribution.items()
    ]
    return BarChart(
        translate("TodayWords", "Effort scores (1 hard – 5 easy)"),
        bars,
        empty_text=translate("TodayWords", "No customer scored their visit this day."),
    )


def other_refund_labels() -> dict[str, str]:
    """What the refunds that were no customer's return are called (NOT_CUSTOMER_RETURNS)."""
    return {
        HOLD_EXPIRED: translate("TodayWords", "Not a return: expired holds refunded"),
        SHORT_PICK: translate("TodayWords", "Not a return: short picks refunded"),
        PICKUP_REFUSAL: translate("TodayWords", "Not a return: refused at pickup"),
    }


def other_refunds_text(figures: DayFigures) -> str:
    """The returns tile's word on the refunds left out of it ('' when there were none)."""
    count = sum(figures.other_refunds.values())
    if not count:
        return ""
    return translate("TodayWords", "Refunds, not returns: {n}").replace("{n}", str(count))


def report_rows(figures: DayFigures, last_sync: datetime | None) -> list[ReportRow]:
    """Every figure of the day, in the order the report lists them."""
    pickups, returns, sales, effort, sync = (
        translate("TodayWords", "Pickups"),
        translate("TodayWords", "Returns"),
        translate("TodayWords", "Sales"),
        translate("TodayWords", "Effort score"),
        translate("TodayWords", "Sync"),
    )
    rows: list[ReportRow] = []
    live = figures.live
    if live is not None:
        rows += [
            ReportRow(pickups, translate("TodayWords", "To prepare now"), str(live.to_prepare)),
            ReportRow(pickups, translate("TodayWords", "Ready on the shelf now"), str(live.ready)),
            ReportRow(pickups, translate("TodayWords", "Overdue now"), str(live.overdue)),
        ]
    longest = figures.longest_wait
    rows += [
        ReportRow(pickups, translate("TodayWords", "Released"), str(len(figures.released))),
        ReportRow(
            pickups,
            translate("TodayWords", "Average wait, ready to collected"),
            wait_text(figures.average_wait),
        ),
        ReportRow(
            pickups,
            translate("TodayWords", "Longest wait"),
            "—"
            if longest is None
            else f"{waited_text(longest.wait)} ({longest.number or longest.order_id})",
        ),
        ReportRow(returns, translate("TodayWords", "Returns"), str(len(figures.returns))),
        ReportRow(returns, translate("TodayWords", "Items returned"), str(figures.returned_units)),
        ReportRow(returns, translate("TodayWords", "Refunded"), format_money(figures.refunded)),
    ]
    rows += [
        ReportRow(
            returns,
            translate("TodayWords", "Reason: {reason}").replace("{reason}", _reason(code)),
            str(n),
        )
        for code, n in figures.returns_by_reason.items()
    ]
    rows += [
        ReportRow(
            returns,
            translate("TodayWords", "Bought via: {channel}").replace(
                "{channel}",
                channel_name(code) if code != "unknown" else translate("TodayWords", "Unknown"),
            ),
            str(n),
        )
        for code, n in figures.returns_by_channel.items()
    ]
    rows += [
        ReportRow(returns, label, str(figures.other_refunds.get(kind, 0)))
        for kind, label in other_refund_labels().items()
    ]
    average = figures.effort_average
    rows += [
        ReportRow(
            effort,
            translate("TodayWords", "Average"),
            "—" if average is None else f"{average:.1f}".replace(".", ","),
        ),
        ReportRow(effort, translate("TodayWords", "Answers"), str(len(figures.effort_scores))),
    ]
    rows += [
        ReportRow(effort, translate("TodayWords", "Score {n}").replace("{n}", str(score)), str(n))
        for score, n in figures.effort_distribution.items()
    ]
    rows += [
        ReportRow(
            sales, translate("TodayWords", "Online carts finalized here"), str(figures.cart_sales)
        ),
        ReportRow(
            sales,
            translate("TodayWords", "Value of the carts"),
            format_money(figures.cart_sales_total),
        ),
        ReportRow(sales, translate("TodayWords", "All sales here"), str(figures.store_sales)),
        ReportRow(
            sales,
            translate("TodayWords", "Value of all sales"),
            format_money(figures.store_sales_total),
        ),
        ReportRow(
            sync, translate("TodayWords", "Actions waiting to be sent"), str(figures.sync.pending)
        ),
        ReportRow(
            sync,
            translate("TodayWords", "Refused, waiting for a decision"),
            str(figures.sync.attention),
        ),
        ReportRow(
            sync,
            translate("TodayWords", "Last sync"),
            "—" if last_sync is None else store_time(last_sync, "%d.%m.%Y %H:%M"),
        ),
    ]
    return rows


def override_rows(actions: list[SensitiveAction]) -> list[tuple[str, str, str, str, str, str]]:
    """The overrides as (time, who, kind, what, why, result) texts."""
    rows = []
    for action in actions:
        who = action.staff_name
        if action.kind == "manager_override":
            who = (
                translate("TodayWords", "{who}, asking {manager}")
                .replace("{who}", who)
                .replace("{manager}", action.approved_by)
            )
        elif action.approved_by:
            who = (
                translate("TodayWords", "{who}, approved by {manager}")
                .replace("{who}", who)
                .replace("{manager}", action.approved_by)
            )
        rows.append(
            (
                store_time(action.at, "%H:%M"),
                who,
                kind_name(action.kind),
                action.target,
                action.why,
                result_name(action.result),
            )
        )
    return rows
