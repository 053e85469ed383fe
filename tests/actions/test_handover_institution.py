"""The stored enquiry names the institution of the route the learner asked about."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from actions.handover import ActionSubmitEnquiry, route_institution
from enquiries.models import Enquiry
from tests.actions.conftest import DOMAIN, make_tracker, slot_events, suggested_routes

pytestmark = pytest.mark.usefixtures("actions_db")


async def test_the_enquiry_is_for_the_selected_routes_first_institution(
    actions_db: Engine,
) -> None:
    routes = await suggested_routes(actions_db)
    assert len(routes) >= 2
    tracker = make_tracker(
        "handover_done", slots={"suggested_routes": routes, "selected_route": 1}
    )
    events = await ActionSubmitEnquiry().run(CollectingDispatcher(), tracker, DOMAIN)
    reference = slot_events(events)["enquiry_reference"]
    with Session(actions_db, future=True) as s:
        stored = s.execute(
            select(Enquiry.institution_id).where(Enquiry.reference == reference)
        ).scalar_one()
    assert stored == routes[1]["steps"][0]["institution_id"]


def test_no_routes_no_institution() -> None:
    assert route_institution(make_tracker("handover_done", slots={})) is None
    odd = make_tracker("handover_done", slots={"suggested_routes": [{"steps": []}]})
    assert route_institution(odd) is None
