"""Turning on notifications on this device from "Mijn gegevens": the control registers the
service worker at the site root, and a push delivered to that worker (through Chromium's
DevTools protocol, as a push service would) shows the notification with its item's link."""

import json

from steps import sign_in

NOTIFICATIONS = """navigator.serviceWorker.getRegistration('/')
  .then(r => r.getNotifications())
  .then(ns => ns.map(n => ({title: n.title, body: n.body, tag: n.tag, url: n.data.url})))"""


def test_the_control_registers_the_worker_and_a_push_shows_a_notification(page, live):
    page.context.grant_permissions(["notifications"], origin=live.url)
    sign_in(page, "Anna de Vries")
    page.goto("/mijn-gegevens.html")
    devtools = page.context.new_cdp_session(page)
    registrations = []
    devtools.on("ServiceWorker.workerRegistrationUpdated",
                lambda event: registrations.extend(event["registrations"]))
    devtools.send("ServiceWorker.enable")

    section = page.get_by_role("region", name="Meldingen op dit apparaat")
    section.get_by_text("Meldingen staan uit op dit apparaat.").wait_for()
    section.get_by_role("button", name="Meldingen op dit apparaat aanzetten").click()
    # Headless Chromium has no push service to subscribe at (and says so); the worker is
    # registered before that step, and the page tells the employee it did not work.
    section.get_by_text("Er ging iets mis. Probeer het opnieuw.").wait_for()
    assert page.evaluate("navigator.serviceWorker.getRegistration('/').then(r => r.scope)") \
        == f"{live.url}/"
    page.wait_for_function("navigator.serviceWorker.getRegistration('/')"
                           ".then(r => Boolean(r && r.active))")

    [worker] = {r["registrationId"] for r in registrations if not r["isDeleted"]}
    for payload in ({"title": "Plein", "body": "Bram reageerde op je bericht",
                     "url": "/index.html#comment-1", "tag": "comment.1"},
                    {"title": "Plein", "body": "Elders", "url": "https://evil.example/",
                     "tag": "comment.2"},
                    {"title": "Plein", "body": "Ook elders", "url": "/\\evil.example/",
                     "tag": "comment.3"}):
        devtools.send("ServiceWorker.deliverPushMessage", {
            "origin": live.url, "registrationId": worker, "data": json.dumps(payload)})
    # The three as one read: a second read raced the worker and once saw two.
    shown = sorted(page.wait_for_function(
        f"({NOTIFICATIONS}).then(ns => ns.length === 3 ? ns : null)").json_value(),
        key=lambda n: n["tag"])
    assert shown == [
        {"title": "Plein", "body": "Bram reageerde op je bericht", "tag": "comment.1",
         "url": "/index.html#comment-1"},
        # A link elsewhere never makes it into a notification: it opens the home page.
        {"title": "Plein", "body": "Elders", "tag": "comment.2", "url": "/"},
        {"title": "Plein", "body": "Ook elders", "tag": "comment.3", "url": "/"},
    ]
    assert page.errors == []
