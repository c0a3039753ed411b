"""POST /v1/loyalty/resolve, /v1/customers/{id}/interactions and /v1/feedback."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from clerk.central import models as m
from clerk.central.db import transaction
from clerk.central.keys import active_signing_key, ensure_signing_key
from clerk.domain.scan import make_loyalty_card_number
from clerk.domain.tokens import loyalty_token, pickup_token
from tests.central.factories import NOW
from tests.central.ops_fixtures import Api, api, problem_type, world

__all__ = ["api", "world"]


def _token(api: Api, *, issued: timedelta = timedelta(0), kind: str = "L") -> str:
    with transaction(api.factory) as session:
        ensure_signing_key(session, NOW)
        key_id, private = active_signing_key(session)
    if kind == "P":
        return pickup_token("ord-1", "WAW-01", "123456", private, key_id, NOW)
    return loyalty_token(api.world.customer.id, private, key_id, NOW + issued)


def test_resolve_by_token_records_the_visit_and_the_daily_bonus(api: Api) -> None:
    customer = api.world.customer
    response = api.post("/v1/loyalty/resolve", {"staff_id": "anna", "code": _token(api)})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["customer_id"] == customer.id
    assert body["visit_recorded"] is True and body["bonus_points"] == 10
    assert body["customer"]["points_balance"] == 1010
    again = api.post("/v1/loyalty/resolve", {"staff_id": "anna", "code": customer.card_number})
    assert again.status_code == 200, again.text
    assert again.json()["visit_recorded"] is False and again.json()["bonus_points"] == 0
    with api.session() as session:
        visits = session.execute(
            select(m.Interaction).where(m.Interaction.kind == "visit")
        ).scalars()
        assert [(v.store_id, v.staff_id) for v in visits] == [("WAW-01", "anna")]
        bonus = session.execute(
            select(m.LoyaltyTransaction.points).where(m.LoyaltyTransaction.kind == "bonus")
        ).scalars()
        assert list(bonus) == [10]
        row = session.get(m.Customer, customer.id)
        assert row is not None and row.last_visit_bonus_on == NOW.date()
    assert api.feed("WAW-01", "customer", customer.id)[-1]["points_balance"] == 1010


def test_resolve_next_day_gives_the_bonus_again(api: Api) -> None:
    code = api.world.customer.card_number
    assert api.post("/v1/loyalty/resolve", {"staff_id": "anna", "code": code}).status_code == 200
    api.clock.set(NOW + timedelta(days=1))
    later = api.post("/v1/loyalty/resolve", {"staff_id": "anna", "code": code})
    assert later.json()["bonus_points"] == 10 and later.json()["visit_recorded"] is True


def test_resolve_refusals(api: Api) -> None:
    def resolve(code: str, staff: str = "anna") -> str:
        return problem_type(api.post("/v1/loyalty/resolve", {"staff_id": staff, "code": code}))

    assert resolve(_token(api, issued=-timedelta(minutes=10))) == "token-expired"
    assert resolve(_token(api, kind="P")) == "not-a-loyalty-code"
    assert resolve("5901234123457") == "not-a-loyalty-code"  # a product EAN
    assert resolve("5901234123458") == "scan-bad-check-digit"
    assert resolve("hello") == "scan-unknown-format"
    assert resolve(api.world.customer.card_number, staff="piotr") == "role-not-allowed"
    tampered = _token(api)
    assert resolve(tampered[:-2] + ("AA" if not tampered.endswith("AA") else "BB")) in {
        "token-bad-signature",
        "token-malformed",
    }
    card = make_loyalty_card_number(99_999)
    unknown = api.post("/v1/loyalty/resolve", {"staff_id": "anna", "code": card})
    assert unknown.status_code == 404 and problem_type(unknown) == "customer-not-found"


def _visits(api: Api) -> list[tuple[str, str]]:
    with api.session() as session:
        rows = session.execute(
            select(m.Interaction.id, m.Interaction.store_id)
            .where(m.Interaction.kind == "visit")
            .order_by(m.Interaction.created_at, m.Interaction.id)
        ).all()
        return [(row.id, row.store_id) for row in rows]


def test_resolve_records_the_visit_under_the_tablet_id(api: Api) -> None:
    body = {"id": "visit-tab-0001", "staff_id": "anna", "code": api.world.customer.card_number}
    first = api.post("/v1/loyalty/resolve", body)
    assert first.status_code == 200, first.text
    assert first.json()["visit_recorded"] is True and first.json()["visit_id"] == "visit-tab-0001"
    assert _visits(api) == [("visit-tab-0001", "WAW-01")]
    assert api.feed("WAW-01", "interaction", "visit-tab-0001")[-1]["kind"] == "visit"
    # Later the same day, under another id: no second row, and the answer names the first.
    again = api.post("/v1/loyalty/resolve", dict(body, id="visit-tab-0002"))
    assert again.status_code == 200, again.text
    assert again.json()["visit_recorded"] is False and again.json()["bonus_points"] == 0
    assert again.json()["visit_id"] == "visit-tab-0001"
    assert _visits(api) == [("visit-tab-0001", "WAW-01")]


def test_resolve_without_an_id_names_the_visit_central_chose(api: Api) -> None:
    body = {"staff_id": "anna", "customer_id": api.world.customer.id}
    answer = api.post("/v1/loyalty/resolve", body)
    assert answer.status_code == 200, answer.text
    assert _visits(api) == [(answer.json()["visit_id"], "WAW-01")]


def test_resolve_refuses_a_visit_id_naming_another_row(api: Api) -> None:
    path = f"/v1/customers/{api.world.customer.id}/interactions"
    note = api.post(path, {"id": "note-tab-0001", "staff_id": "anna", "kind": "note"})
    assert note.status_code == 201, note.text
    body = {"id": "note-tab-0001", "staff_id": "anna", "customer_id": api.world.customer.id}
    taken = api.post("/v1/loyalty/resolve", body)
    assert taken.status_code == 409 and problem_type(taken) == "id-taken"
    assert _visits(api) == []
    with api.session() as session:
        row = session.get(m.Customer, api.world.customer.id)
        assert row is not None and row.points_balance == 1000  # no bonus without the visit


def test_resolve_by_customer_id_after_the_token_expired(api: Api) -> None:
    """The tablet recognised the customer offline; the command arrives after the token's
    5 minutes: the token itself is refused, the customer id it named is not."""
    customer = api.world.customer
    expired = _token(api, issued=-timedelta(minutes=6))
    by_code = api.post("/v1/loyalty/resolve", {"staff_id": "anna", "code": expired})
    assert by_code.status_code == 422 and problem_type(by_code) == "token-expired"
    body = {"id": "visit-tab-0003", "staff_id": "anna", "customer_id": customer.id}
    by_id = api.post("/v1/loyalty/resolve", body)
    assert by_id.status_code == 200, by_id.text
    answer = by_id.json()
    assert answer["customer_id"] == customer.id and answer["customer"]["id"] == customer.id
    assert answer["visit_recorded"] is True and answer["visit_id"] == "visit-tab-0003"
    assert answer["bonus_points"] == 10 and answer["customer"]["points_balance"] == 1010
    unknown = api.post("/v1/loyalty/resolve", {"staff_id": "anna", "customer_id": "cus-nobody"})
    assert unknown.status_code == 404 and problem_type(unknown) == "customer-not-found"
    other_role = api.post("/v1/loyalty/resolve", {"staff_id": "piotr", "customer_id": customer.id})
    assert problem_type(other_role) == "role-not-allowed"


def test_resolve_needs_exactly_one_of_code_and_customer_id(api: Api) -> None:
    customer = api.world.customer
    both = {"staff_id": "anna", "code": customer.card_number, "customer_id": customer.id}
    for body in (both, {"staff_id": "anna"}, {"staff_id": "anna", "id": "visit-tab-0004"}):
        answer = api.post("/v1/loyalty/resolve", body)
        assert answer.status_code == 422, answer.text
        assert problem_type(answer) == "code-or-customer-id"
    assert _visits(api) == []


def test_resolve_by_customer_id_replays_under_its_key(api: Api) -> None:
    body = {"id": "visit-tab-0005", "staff_id": "anna", "customer_id": api.world.customer.id}
    first = api.post("/v1/loyalty/resolve", body, key="lr-id-1")
    second = api.post("/v1/loyalty/resolve", body, key="lr-id-1")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json() and second.json()["visit_recorded"] is True
    assert second.headers["Idempotent-Replayed"] == "true"
    assert _visits(api) == [("visit-tab-0005", "WAW-01")]
    changed = api.post("/v1/loyalty/resolve", dict(body, id="visit-tab-0006"), key="lr-id-1")
    assert changed.status_code == 422 and problem_type(changed) == "idempotency-key-reused"


def test_interactions_land_on_the_timeline_and_feed(api: Api) -> None:
    customer = api.world.customer
    path = f"/v1/customers/{customer.id}/interactions"
    ticket = api.post(
        path,
        {"staff_id": "anna", "kind": "ticket", "subject": "Reklamacja", "body": "Pruje się szew."},
    )
    assert ticket.status_code == 201, ticket.text
    item = ticket.json()["interaction"]
    assert item["status"] == "open" and item["store_id"] == "WAW-01" and item["channel"] == "store"
    reply = api.post(
        path, {"staff_id": "maria", "kind": "note", "body": "Oddzwonię.", "thread_id": item["id"]}
    )
    assert reply.status_code == 201 and reply.json()["interaction"]["thread_id"] == item["id"]
    assert api.feed("WAW-01", "interaction", item["id"])
    assert problem_type(api.post(path, {"staff_id": "piotr", "kind": "note"})) == "role-not-allowed"
    bad_thread = api.post(path, {"staff_id": "anna", "kind": "note", "thread_id": "nope"})
    assert problem_type(bad_thread) == "unknown-thread"
    assert api.post(path, {"staff_id": "anna", "kind": "feedback"}).status_code == 422
    missing = api.post("/v1/customers/nope/interactions", {"staff_id": "anna", "kind": "note"})
    assert missing.status_code == 404


def test_feedback_is_stored_and_with_a_customer_on_their_timeline(api: Api) -> None:
    plain = api.post("/v1/feedback", {"staff_id": "piotr", "subject": "pickup", "score": 5})
    assert plain.status_code == 201, plain.text
    assert plain.json()["feedback"]["score"] == 5 and plain.json()["interaction"] is None
    named = api.post(
        "/v1/feedback",
        {
            "staff_id": "anna",
            "subject": "sale",
            "score": 2,
            "customer_id": api.world.customer.id,
            "comment": "Długa kolejka",
        },
    )
    assert named.status_code == 201, named.text
    assert named.json()["interaction"]["kind"] == "feedback"
    out_of_range = api.post("/v1/feedback", {"staff_id": "anna", "subject": "sale", "score": 9})
    assert out_of_range.status_code == 422
    with api.session() as session:
        assert len(session.execute(select(m.Feedback)).scalars().all()) == 2


def test_resolve_replay_gives_the_bonus_once(api: Api) -> None:
    body = {"staff_id": "anna", "code": api.world.customer.card_number}
    first = api.post("/v1/loyalty/resolve", body, key="lr-1")
    second = api.post("/v1/loyalty/resolve", body, key="lr-1")
    assert first.json() == second.json()
    with api.session() as session:
        row = session.get(m.Customer, api.world.customer.id)
        assert row is not None and row.points_balance == 1010


def test_text_with_nul_characters_is_refused_not_a_server_error(api: Api) -> None:
    path = f"/v1/customers/{api.world.customer.id}/interactions"
    response = api.post(path, {"staff_id": "anna", "kind": "note", "body": "a\x00b"})
    assert response.status_code == 422 and problem_type(response) == "validation-error"
    staff = api.post("/v1/feedback", {"staff_id": "an\x00na", "subject": "sale", "score": 3})
    assert staff.status_code == 422
