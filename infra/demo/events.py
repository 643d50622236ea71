"""The demo's events: the personeelsvereniging's Christmas drinks (60 places) and the
Omgevingswet workshop (12 places, nearly full), with colleagues enrolled, so a newcomer sees
enrolment and the waiting list at once. Seeded after the official groups exist (the drinks
belong to the personeelsvereniging), and only with the rest of the demo, on an empty table."""

from datetime import date, timedelta

DRINKS_ORGANISER = "fatima.el.amrani@voorbeeld.nl"  # a manager of the personeelsvereniging
WORKSHOP_ORGANISER = "bram.jansen@voorbeeld.nl"  # a content manager: organisation-wide
DRINKS_GOING = 7
WORKSHOP_GOING = 10


def _christmas(today: date) -> date:
    """The Friday before Christmas, this year or, once it is (nearly) past, next year's."""
    for year in (today.year, today.year + 1):
        day = date(year, 12, 24) - timedelta(days=1)
        while day.weekday() != 4:
            day -= timedelta(days=1)
        if day > today + timedelta(days=2):
            return day
    raise AssertionError("unreachable")


def _weekday_after(today: date, days: int) -> date:
    day = today + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def seed_events(clock, new_id) -> int:
    from chalicelib.domain import people
    from chalicelib.domain.events import enrolment, events
    from chalicelib.domain.viewer import Viewer

    from .seed import load

    def viewer(email: str) -> Viewer:
        p = people.by_email(email)
        return Viewer(id=p.id, name=p.name, email=p.email, role=p.role, person=p)

    today = clock().date()
    drinks_day, workshop_day = _christmas(today), _weekday_after(today, 10)
    drinks = events.create(viewer(DRINKS_ORGANISER), {
        "title": "Kerstborrel van de personeelsvereniging", "group": "personeelsvereniging",
        "start": f"{drinks_day}T16:00", "end": f"{drinks_day}T19:00", "capacity": 60,
        "deadline": f"{drinks_day - timedelta(days=3)}T12:00", "cover": "/images/markt.jpg",
        "location": "Stadhuis, Burgerzaal",
        "description": "Sluit het jaar af met je collega's: warme chocolademelk, glühwein, "
                       "oliebollen en de **kerstquiz**. Partners zijn welkom; meld je wel "
                       "allebei aan, dan weten we hoeveel we bestellen."}, clock, new_id)
    workshop = events.create(viewer(WORKSHOP_ORGANISER), {
        "title": "Workshop Omgevingswet: participatie in de praktijk",
        "start": f"{workshop_day}T13:30", "end": f"{workshop_day}T16:30", "capacity": 12,
        "deadline": f"{workshop_day - timedelta(days=1)}T12:00", "cover": "/images/workshop.jpg",
        "location": "Stadskantoor, zaal 2.14",
        "description": "Het projectteam Omgevingswet werkt met echte casussen uit onze eigen "
                       "gemeente: wat mag je van een initiatiefnemer vragen, en wanneer is "
                       "participatie voldoende? Voorkennis is niet nodig."}, clock, new_id)
    emails = [p["email"] for p in load("people")]
    for email in emails[:DRINKS_GOING]:
        enrolment.enrol(viewer(email), drinks["id"], clock)
    for email in [e for e in emails if e != WORKSHOP_ORGANISER][:WORKSHOP_GOING]:
        enrolment.enrol(viewer(email), workshop["id"], clock)
    return 2


