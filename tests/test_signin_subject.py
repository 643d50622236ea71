"""Sign-in matches a person by the provider's (issuer, sub), not by email: emails change and
get reassigned. The email links only a profile that no identity claimed yet."""

from chalicelib.domain import people, sessions
from cookies import set_cookies, value
from signin_steps import sign_in


def me(client, response):
    assert response.status_code == 302 and "error" not in response.headers["Location"]
    token = value(set_cookies(response)[sessions.COOKIE])
    return client.http.get("/api/me", headers={"cookie": f"{sessions.COOKIE}={token}"}).json_body


def test_an_email_change_at_the_provider_updates_the_profile_not_a_new_person(client, issuer):
    issuer.next_user = {"sub": "u-1", "email": "anna.jansen@voorbeeld.nl", "name": "Anna"}
    before = me(client, sign_in(client))
    issuer.next_user = {**issuer.next_user, "email": "anna.de.vries@voorbeeld.nl"}
    after = me(client, sign_in(client))
    assert after["id"] == before["id"] and after["email"] == "anna.de.vries@voorbeeld.nl"
    assert people.by_email("anna.de.vries@voorbeeld.nl").id == before["id"]
    assert people.by_email("anna.jansen@voorbeeld.nl") is None  # free for someone else


def test_an_imported_profile_is_linked_at_its_first_sign_in(client, issuer, make_person, meter):
    imported = make_person(email="sanne@voorbeeld.nl", name="Sanne Bakker")
    issuer.next_user = {"sub": "u-2", "email": "sanne@voorbeeld.nl", "name": "Sanne"}
    meter.reset()
    response = sign_in(client)
    # Identity link (absent), email link, profile; one transaction links them. And the saved
    # language, for the browser's language cookie.
    assert meter.calls == {"GetItem": 4, "TransactWriteItems": 1}
    assert me(client, response)["id"] == imported.id
    linked = people.get(imported.id)
    assert (linked.issuer, linked.subject) == (issuer.url, "u-2")
    meter.reset()
    issuer.next_user = {**issuer.next_user, "email": "sanne.bakker@voorbeeld.nl"}
    response = sign_in(client)
    # Identity link, profile, the new address (free); one transaction moves the address. And
    # the saved language.
    assert meter.calls == {"GetItem": 4, "TransactWriteItems": 1}
    assert me(client, response)["id"] == imported.id


def test_a_reassigned_email_does_not_open_the_previous_owners_profile(client, issuer):
    issuer.next_user = {"sub": "u-3", "email": "info@voorbeeld.nl", "name": "Oud"}
    old = me(client, sign_in(client))
    issuer.next_user = {"sub": "u-4", "email": "info@voorbeeld.nl", "name": "Nieuw"}
    response = sign_in(client)
    assert response.headers["Location"] == "/inloggen.html?error=email"
    assert sessions.COOKIE not in set_cookies(response)
    assert people.by_email("info@voorbeeld.nl").id == old["id"]


def test_an_address_another_profile_holds_is_not_taken_over(client, issuer, make_person):
    other = make_person(email="bram@voorbeeld.nl")
    issuer.next_user = {"sub": "u-5", "email": "b.jansen@voorbeeld.nl", "name": "Bram"}
    mine = me(client, sign_in(client))
    issuer.next_user = {**issuer.next_user, "email": "bram@voorbeeld.nl"}
    again = me(client, sign_in(client))
    assert again["id"] == mine["id"] and again["email"] == "b.jansen@voorbeeld.nl"
    assert people.by_email("bram@voorbeeld.nl").id == other.id
