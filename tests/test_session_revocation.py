"""Sessions end on the server: a copy of a signed-out cookie stops working, "sign out
everywhere" ends every device's session, and so do a role change and erasure. The check costs
no DynamoDB call beyond the Person read every request already makes."""

import json

from chalicelib.domain import sessions
from cookies import set_cookies, value
from signin_steps import sign_in

ORIGIN = "http://plein.test"  # tests/conftest.py: the site the test client calls


def _cookie(token: str) -> dict:
    return {"cookie": f"{sessions.COOKIE}={token}"}


def _device(client, person) -> dict:
    """A signed-in browser, as the demo sign-in makes one: its session cookie header."""
    response = client.http.post("/api/auth/dev-login", body=json.dumps({"email": person.email}),
                                headers={"host": "plein.test", "origin": ORIGIN,
                                         "content-type": "application/json"})
    return _cookie(value(set_cookies(response)[sessions.COOKIE]))


def _me(client, device: dict) -> int:
    return client.http.get("/api/me", headers=device).status_code


def _post(client, path: str, device: dict):
    return client.http.post(path, body="{}", headers={
        **device, "host": "plein.test", "origin": ORIGIN, "content-type": "application/json"})


def test_a_copy_of_a_signed_out_cookie_no_longer_works(client, make_person):
    device = _device(client, make_person())
    assert _me(client, device) == 200
    assert _post(client, "/api/auth/logout", device).status_code == 200
    # The browser dropped the cookie; whoever copied it still sends it.
    assert _me(client, device) == 401


def test_signing_out_on_one_device_keeps_the_others(client, make_person):
    anna = make_person()
    phone, laptop = _device(client, anna), _device(client, anna)
    assert _post(client, "/api/auth/logout", phone).status_code == 200
    assert (_me(client, phone), _me(client, laptop)) == (401, 200)


def test_sign_out_everywhere_ends_every_session_and_a_new_sign_in_works(client, make_person):
    anna = make_person()
    phone, laptop = _device(client, anna), _device(client, anna)
    response = _post(client, "/api/auth/logout-everywhere", laptop)
    assert response.status_code == 200
    assert "Max-Age=0" in set_cookies(response)[sessions.COOKIE]
    assert (_me(client, phone), _me(client, laptop)) == (401, 401)
    assert _me(client, _device(client, anna)) == 200


def test_sign_out_everywhere_is_a_checked_change(client, make_person):
    device = _device(client, make_person())
    foreign = client.http.post("/api/auth/logout-everywhere", body="{}", headers={
        **device, "host": "plein.test", "origin": "https://evil.example",
        "content-type": "application/json"})
    assert foreign.status_code == 403
    assert _post(client, "/api/auth/logout-everywhere", {}).status_code == 401
    assert _me(client, device) == 200


def test_a_role_change_at_sign_in_ends_the_sessions_of_the_old_role(client, issuer):
    issuer.next_user = {**issuer.next_user, "groups": ["plein-admins"]}
    as_admin = _cookie(value(set_cookies(sign_in(client))[sessions.COOKIE]))
    assert client.http.get("/api/me", headers=as_admin).json_body["role"] == "admin"
    issuer.next_user = {**issuer.next_user, "groups": []}
    as_employee = _cookie(value(set_cookies(sign_in(client))[sessions.COOKIE]))
    assert _me(client, as_admin) == 401
    assert client.http.get("/api/me", headers=as_employee).json_body["role"] == "employee"


def test_an_erased_account_s_sessions_end(client, make_person):
    device = _device(client, make_person())
    gone = client.http.delete("/api/me", body=json.dumps({"content": "remove"}), headers={
        **device, "host": "plein.test", "origin": ORIGIN, "content-type": "application/json"})
    assert gone.status_code == 200
    assert _me(client, device) == 401


def test_the_check_rides_on_the_one_person_read(client, make_person, meter):
    anna = make_person()
    phone, laptop = _device(client, anna), _device(client, anna)
    _post(client, "/api/auth/logout", phone)
    meter.reset()
    assert _me(client, laptop) == 200 and _me(client, phone) == 401
    # One person read each; the signed-in answer also reads the bell's unread count.
    assert meter.calls == {"GetItem": 3}


def test_revoked_ids_of_expired_sessions_are_pruned(client, make_person, clock):
    from chalicelib.domain import people, revocation

    anna = make_person()
    old = sessions.read(sessions.issue(anna.id, clock()), clock())
    revocation.sign_out(people.get(anna.id), old, clock())
    clock.advance(hours=13)  # the old token has expired by itself
    new = sessions.read(sessions.issue(anna.id, clock()), clock())
    revocation.sign_out(people.get(anna.id), new, clock())
    assert sessions.revoked_ids(people.get(anna.id)) == {new.token_id}


def test_a_profile_edit_racing_sign_out_everywhere_cannot_undo_it(client, make_person, clock):
    """The edit read the person before the sign-out and writes the whole item back."""
    import pytest
    from chalicelib.domain import people, revocation
    from chalicelib.errors import ApiError

    anna = make_person()
    device = _device(client, anna)
    stale = people.get(anna.id)
    revocation.everywhere(people.get(anna.id))
    with pytest.raises(ApiError) as err:
        people.apply(stale, {"title": "Beleidsmedewerker"}, clock)
    assert err.value.status == 409
    assert _me(client, device) == 401
