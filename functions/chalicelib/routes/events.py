"""Events and enrolment. `GET /events/{id}.ics` is served by the `{id}` route: API Gateway
allows a path parameter only as a whole path segment, so `{id}.ics` cannot be a route."""

from chalice import Blueprint, Response

from ..clock import system_clock
from ..domain.events import attendees, calendar, enrolment, events, listing
from ..ids import new_id
from ..web.guard import change, own_origin, viewer

bp = Blueprint(__name__)
ICS = ".ics"
STATUS = {"going": 201, "waiting": 202}


def _download(name: str, text: str, content_type: str) -> Response:
    return Response(body=text, headers={"Content-Type": f"{content_type}; charset=utf-8",
                                        "Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/events")
def list_events():
    request = bp.current_request
    return listing.page(viewer(request), request.query_params or {}, system_clock)


@bp.route("/events", methods=["POST"])
def create_event():
    who, data = change(bp.current_request)
    return Response(body=events.create(who, data, system_clock, new_id), status_code=201)


@bp.route("/events/{event_id}")
def show_event(event_id):
    request = bp.current_request
    if event_id.endswith(ICS):
        name, text = calendar.event_ics(viewer(request), event_id[:-len(ICS)],
                                        own_origin(request))
        return _download(name, text, "text/calendar")
    return events.show(viewer(request), event_id, system_clock)


@bp.route("/events/{event_id}", methods=["PATCH"])
def edit_event(event_id):
    who, data = change(bp.current_request)
    return events.update(who, event_id, data, system_clock)


@bp.route("/events/{event_id}", methods=["DELETE"])
def cancel_event(event_id):
    who, _data = change(bp.current_request)
    events.cancel(who, event_id, system_clock)
    return Response(body="", status_code=204)


@bp.route("/events/{event_id}/enrolment", methods=["PUT"])
def enrol(event_id):
    who, _data = change(bp.current_request)
    body, state = enrolment.enrol(who, event_id, system_clock)
    return Response(body=body, status_code=STATUS[state])


@bp.route("/events/{event_id}/enrolment", methods=["DELETE"])
def cancel_enrolment(event_id):
    who, _data = change(bp.current_request)
    return enrolment.cancel(who, event_id, system_clock)


@bp.route("/events/{event_id}/attendees")
def list_attendees(event_id):
    request = bp.current_request
    return attendees.page(viewer(request), event_id, request.query_params or {})


@bp.route("/events/{event_id}/attendees.csv")
def export_attendees(event_id):
    name, text = attendees.export(viewer(bp.current_request), event_id)
    return _download(name, text, "text/csv")
