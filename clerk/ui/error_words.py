"""The clerk's words for the core's refusals, by error code (see :func:`clerk.ui.texts.error_text`).

A ``{name}`` in a sentence is filled from the error's ``details``; every code the services and
the domain raise has a sentence here (``tests/gui/test_error_texts.py`` reads their source to
keep it so).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

__all__ = ["refusal_texts"]

translate = QCoreApplication.translate


def refusal_texts() -> dict[str, str]:
    """Sentences for the refusals of sales, returns, pickups, reservations and loyalty."""
    return {
        "age_check_required": translate(
            "Texts",
            "This order holds age-restricted items: check the customer's ID first.",
        ),
        "cart_consumed": translate(
            "Texts",
            "That online cart is no longer open (finalized or replaced); reload the customer.",
        ),
        "cart_needs_customer": translate(
            "Texts",
            "An online cart is finalized for its customer: identify them.",
        ),
        "collector_required": translate("Texts", "Write down who collects the order."),
        "comment_too_long": translate("Texts", "The comment is too long; shorten it."),
        "customer_not_found": translate(
            "Texts",
            "This customer is not on the tablet; find them by scan or search first.",
        ),
        "empty_note": translate("Texts", "Write something first: the note is empty."),
        "empty_return": translate("Texts", "Choose at least one item to return."),
        "empty_sale": translate("Texts", "Scan at least one product to sell."),
        "exceeds_total": translate(
            "Texts",
            "These points are worth more than the basket; redeem at most {most}.",
        ),
        "store_credit_code_invalid": translate(
            "Texts",
            "That is not a store-credit code; it reads SC- and ten letters or digits.",
        ),
        "store_credit_needs_code": translate(
            "Texts", "Store credit is taken by its code: type or scan it and check it first."
        ),
        "exchange_needs_goods": translate(
            "Texts", "Choose the replacement size or colour for an exchange."
        ),
        "exchange_other_product": translate(
            "Texts",
            "An exchange gives the same product in another size or colour; {sku} is another"
            " product.",
        ),
        "extension_too_long": translate(
            "Texts",
            "A reservation can be held at most {days} days from when it was made.",
        ),
        "hold_not_over": translate(
            "Texts",
            "The hold of this order has not ended yet; wait until {until}.",
        ),
        "in_the_past": translate("Texts", "The new hold end is in the past — pick a later time."),
        "insufficient_points": translate(
            "Texts",
            "The customer has {balance} points; {points} cannot be redeemed.",
        ),
        "insufficient_stock": translate(
            "Texts",
            "Only {available} of {sku} are available here, not {qty}; check the stock count.",
        ),
        "invalid_id": translate("Texts", "That cannot be an id: use 8-40 letters, digits, _ or -."),
        "invalid_id_last4": translate("Texts", "Note the last 4 letters or digits of the ID."),
        "invalid_kind": translate("Texts", "That is not a kind of note."),
        "invalid_number": translate("Texts", "Type the order number as printed."),
        "invalid_points": translate("Texts", "Points to redeem cannot be negative."),
        "invalid_quantity": translate(
            "Texts", "Give a quantity of at least one unit for each line."
        ),
        "invalid_reason": translate(
            "Texts", "A reservation is cancelled for the customer or the store."
        ),
        "invalid_reference": translate(
            "Texts", "The feedback names an order id of 1-40 characters."
        ),
        "invalid_score": translate("Texts", "The score is 1 (hard) to 5 (easy)."),
        "invalid_subject": translate(
            "Texts", "The feedback is about a pickup, a return or a sale."
        ),
        "invalid_verification": translate("Texts", "Verify by pickup code, loyalty or phone."),
        "naive_datetime": translate("Texts", "The new end of the hold needs a time zone."),
        "negative": translate("Texts", "Points to redeem cannot be negative."),
        "negative_payment": translate("Texts", "A payment cannot be negative."),
        "no_matching_pickup": translate(
            "Texts",
            "No order here matches that number and phone — check both with the customer, or"
            " scan the pickup code from their notification.",
        ),
        "not_a_block": translate(
            "Texts",
            "Points are redeemed in blocks of {block}; {points} is not one.",
        ),
        "not_a_pickup_order": translate("Texts", "This order is not a click-and-collect order."),
        "note_too_long": translate("Texts", "The note is too long; shorten it."),
        "number_and_digits_needed": translate(
            "Texts",
            "Type the order number and the last three digits of the customer's phone.",
        ),
        "order_already_collected": translate("Texts", "This order has already been collected."),
        "order_already_ready": translate("Texts", "This order is already ready on the shelf."),
        "order_cancelled": translate("Texts", "This order was cancelled."),
        "order_expired": translate(
            "Texts", "The hold of this order expired; it went back to stock."
        ),
        "order_not_found": translate(
            "Texts",
            "This order is not on the tablet; scan its receipt or pickup code, or search "
            "its number while online.",
        ),
        "order_not_ready": translate("Texts", "This order has not been picked and shelved yet."),
        "order_wrong_state": translate(
            "Texts", "This order is not in a state that allows this step."
        ),
        "other_store_order": translate(
            "Texts", "This order is collected at another store, not here."
        ),
        "payments_do_not_match_total": translate(
            "Texts",
            "The payments and redeemed points must add up to the total; {due} is due.",
        ),
        "points_as_payment": translate(
            "Texts", "Redeem points with the points field, not as a payment."
        ),
        "quantity_exceeds_order": translate("Texts", "Line {line} has only {waiting} waiting."),
        "quantity_exceeds_returnable": translate(
            "Texts",
            "Line {line} ({name}): only {left} can be returned, not {qty}.",
        ),
        "redemption_needs_customer": translate(
            "Texts", "Points can only be redeemed by a member: scan their card."
        ),
        "reference_too_long": translate("Texts", "A payment reference has at most 64 characters."),
        "reservation_not_found": translate(
            "Texts", "This reservation is not held here; sync the tablet."
        ),
        "reservation_collected": translate(
            "Texts",
            "This reservation was already collected; only an active one can change.",
        ),
        "reservation_cancelled": translate(
            "Texts",
            "This reservation was cancelled; only an active one can change.",
        ),
        "reservation_expired": translate(
            "Texts",
            "This reservation has expired; only an active one can change.",
        ),
        "shelf_required": translate("Texts", "Say where the order waits: a shelf or bin."),
        "staff_locked_out": translate(
            "Texts",
            "Too many wrong PINs for this staff member; wait {seconds} seconds, then try again.",
        ),
        "too_many_lines": translate("Texts", "A return has at most 200 lines."),
        "too_many_payments": translate("Texts", "This sale has too many payments; combine some."),
        "unaccounted_items": translate(
            "Texts",
            "Every waiting unit is either collected or refused; check the quantities.",
        ),
        "unknown_line": translate("Texts", "The order has no such line; open it again."),
        "unknown_product": translate(
            "Texts",
            "Product {sku} is not in the tablet's catalogue; sync, or sell another item.",
        ),
        "wrong_pin": translate(
            "Texts",
            "Wrong PIN. {attempts} more wrong PIN(s) lock this staff member out for a "
            "while; type it again carefully.",
        ),
        "final_sale": translate(
            "Texts",
            "This item was sold as final sale — only a manager can take it back.",
        ),
        "window_passed": translate(
            "Texts",
            "The {days}-day return window ended on {date} — only a manager can take it back.",
        ),
        "nothing_left": translate(
            "Texts", "Everything bought on this line has already been returned."
        ),
        "not_collected": translate(
            "Texts",
            "This item was never collected — use the pickup screen instead.",
        ),
        "offline_not_cached": translate(
            "Texts",
            "This order is not on the tablet and central cannot be reached; try again when "
            "the tablet is online.",
        ),
    }
