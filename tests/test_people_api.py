"""People directory and profiles through the API, against moto's server over HTTP."""

import json

import pytest


def patch(client, headers, person_id, body):
    return client.http.request("PATCH", f"/api/people/{person_id}", headers=headers,
                               body=json.dumps(body))


def search(client, headers, **params):
    from urllib.parse import urlencode

    response = client.http.get(f"/api/people?{urlencode(params)}", headers=headers)
    assert response.status_code == 200, response.json_body
    return response.json_body


def names_of(page) -> list[str]:
    return [p["name"] for p in page["items"]]


@pytest.fixture
def colleagues(make_person):
    return {
        "fatima": make_person(name="Fatima El Amrani", department="HR",
                              expertise=["organisatieverandering", "leiderschap"]),
        "bram": make_person(name="Bram Jansen", department="Communicatie",
                            expertise=["Organisatieverandering", "intranet"]),
        "emre": make_person(name="Emre Yılmaz", department="Burgerzaken",
                            expertise=["burgerzaken"]),
        "esther": make_person(name="Esther Smit", department="HR", expertise=["verzuim"]),
    }


def test_search_by_expertise_finds_the_right_colleagues(client, as_person, colleagues):
    me = as_person(colleagues["emre"])
    page = search(client, me, expertise="organisatieverandering")
    assert names_of(page) == ["Bram Jansen", "Fatima El Amrani"]
    assert page["next"] is None
    assert search(client, me, expertise="verzuim")["items"][0]["department"] == "HR"
    assert names_of(search(client, me, expertise="sterrenkunde")) == []


def test_filters_combine_and_names_match_any_word_without_diacritics(client, as_person,
                                                                     colleagues):
    me = as_person(colleagues["bram"])
    assert names_of(search(client, me, q="yilmaz")) == ["Emre Yılmaz"]
    # Name search lists people by the word of their name that matched ("el" < "emre").
    assert names_of(search(client, me, q="e")) == ["Fatima El Amrani", "Emre Yılmaz",
                                                   "Esther Smit"]
    assert names_of(search(client, me, department="hr")) == ["Esther Smit", "Fatima El Amrani"]
    assert names_of(search(client, me, department="HR", q="fat")) == ["Fatima El Amrani"]
    assert names_of(search(client, me, department="HR",
                           expertise="organisatieverandering")) == ["Fatima El Amrani"]


def test_editing_your_profile_moves_you_between_search_partitions(client, as_person,
                                                                  colleagues):
    esther = colleagues["esther"]
    response = patch(client, as_person(esther), esther.id,
                     {"expertise": ["Organisatieverandering", "arbo"], "department": "ICT"})
    assert response.status_code == 200, response.json_body
    me = as_person(esther)
    assert "Esther Smit" in names_of(search(client, me, expertise="organisatieverandering"))
    assert names_of(search(client, me, expertise="verzuim")) == []
    assert names_of(search(client, me, department="HR")) == ["Fatima El Amrani"]
    assert names_of(search(client, me, department="ict")) == ["Esther Smit"]


def test_editing_someone_elses_profile_is_403_and_changes_nothing(client, as_person,
                                                                  colleagues):
    bram, fatima = colleagues["bram"], colleagues["fatima"]
    response = patch(client, as_person(bram), fatima.id, {"title": "Overgenomen"})
    assert response.status_code == 403
    assert client.http.get(f"/api/people/{fatima.id}",
                           headers=as_person(bram)).json_body["title"] is None


def test_an_admin_may_correct_someone_elses_profile(client, as_person, make_person,
                                                    colleagues):
    admin = make_person(role="admin", name="Anna de Vries")
    response = patch(client, as_person(admin), colleagues["bram"].id, {"title": "Redacteur"})
    assert response.status_code == 200
    assert response.json_body["title"] == "Redacteur"


@pytest.mark.parametrize("body, field", [
    ({"name": "Iemand Anders"}, "name"),
    ({"email": "x@voorbeeld.nl"}, "email"),
    ({"expertise": "een-string"}, "expertise"),
    ({"expertise": [f"tag{n}" for n in range(11)]}, "expertise"),
    ({"expertise": ["  "]}, "expertise"),
    ({"phone": "bel me maar"}, "phone"),
    ({"bio": "x" * 1001}, "bio"),
    ({"title": 42}, "title"),
])
def test_bad_profile_edits_are_400_naming_the_field(client, as_person, colleagues, body,
                                                    field):
    bram = colleagues["bram"]
    response = patch(client, as_person(bram), bram.id, body)
    assert response.status_code == 400
    assert response.json_body["field"] == field


def test_profile_and_me_show_recent_posts_and_who_may_edit(client, as_person, colleagues):
    bram, emre = colleagues["bram"], colleagues["emre"]
    client.http.post("/api/posts", headers=as_person(bram), body=json.dumps({"body": "Hoi"}))
    profile = client.http.get(f"/api/people/{bram.id}", headers=as_person(emre)).json_body
    assert profile["name"] == "Bram Jansen" and profile["can_edit"] is False
    assert [p["body"] for p in profile["posts"]] == ["Hoi"]
    me = client.http.get("/api/people/me", headers=as_person(bram)).json_body
    assert me["id"] == bram.id and me["can_edit"] is True


def test_unknown_or_malformed_person_ids(client, as_person, colleagues):
    me = as_person(colleagues["bram"])
    assert client.http.get("/api/people/01J0000000000000000000000A",
                           headers=me).status_code == 404
    assert client.http.get("/api/people/nope", headers=me).status_code == 400
    assert client.http.get("/api/people").status_code == 401


def test_expertise_suggestions_count_users_and_fold_spellings(client, as_person, colleagues):
    me = as_person(colleagues["emre"])
    response = client.http.get("/api/expertise?prefix=Org", headers=me)
    assert response.json_body["items"] == [{"tag": "organisatieverandering", "count": 2}]
    fatima = colleagues["fatima"]
    patch(client, as_person(fatima), fatima.id, {"expertise": ["leiderschap"]})
    items = client.http.get("/api/expertise?prefix=org", headers=me).json_body["items"]
    assert items == [{"tag": "organisatieverandering", "count": 1}]
    assert client.http.get("/api/expertise?prefix=", headers=me).status_code == 400


def test_departments_list_counts_people(client, as_person, colleagues):
    items = client.http.get("/api/departments",
                            headers=as_person(colleagues["bram"])).json_body["items"]
    assert {d["department"]: d["count"] for d in items}["HR"] == 2


def test_a_bad_cursor_is_400(client, as_person, colleagues):
    me = as_person(colleagues["bram"])
    response = client.http.get("/api/people?expertise=intranet&cursor=bm9wZQ", headers=me)
    assert response.status_code == 400 and response.json_body["field"] == "cursor"


def test_search_pages_by_cursor_in_name_order(client, as_person, make_person):
    people = [make_person(name=f"Jan Collega {n:02}", expertise=["gis"]) for n in range(45)]
    me = as_person(people[0])
    for params in ({"expertise": "gis"}, {"q": "jan"}, {}):
        seen, cursor = [], None
        while True:
            page = search(client, me, **params, **({"cursor": cursor} if cursor else {}))
            seen += names_of(page)
            cursor = page["next"]
            if not cursor:
                break
        assert seen == [f"Jan Collega {n:02}" for n in range(45)], params


@pytest.mark.parametrize("people", [25, 60])
def test_search_costs_bounded_calls_however_many_people(client, as_person, make_person, meter,
                                                        people):
    everyone = [make_person(name=f"Collega {n:02}", department="Sociaal Domein",
                            expertise=["gis"]) for n in range(people)]
    make_person(name="Zara Laatste", department="ICT", expertise=["gis"])
    me = as_person(everyone[0])
    for params in ("expertise=gis&department=ict", "q=zara&department=ict", "q=coll",
                   "expertise=gis", "", "cursor=" + search(client, me)["next"]):
        meter.reset()
        assert client.http.get(f"/api/people?{params}", headers=me).status_code == 200
        assert meter.calls["GetItem"] == 1, params  # the session's person
        assert meter.calls["Query"] <= 3 and set(meter.calls) == {"GetItem", "Query"}, params
    # One criterion: the partition answers it alone, so a page reads one page of entries.
    for params in ("expertise=gis", "department=sociaal domein", "q=collega"):
        meter.reset()
        client.http.get(f"/api/people?{params}", headers=me)
        assert meter.calls["Query"] == 1 and meter.items_read <= 21, params


def test_a_sparse_search_stops_at_its_bound_and_resumes_by_cursor(table, make_person, meter):
    from chalicelib.domain import directory

    for n in range(40):
        make_person(name=f"Collega {n:02}", department="Sociaal Domein", expertise=["gis"])
    needle = make_person(name="Zara Laatste", department="ICT", expertise=["gis"])
    meter.reset()
    first = directory.search(expertise="gis", department="ict", read_per_query=10)
    assert meter.calls == {"Query": directory.MAX_QUERIES}
    assert first["items"] == [] and first["next"]
    found = []
    cursor = first["next"]
    while cursor:
        page = directory.search(expertise="gis", department="ict", cursor=cursor,
                                read_per_query=10)
        found += page["items"]
        cursor = page["next"]
    assert [p["id"] for p in found] == [needle.id]


def test_a_concurrent_edit_is_refused_rather_than_leaving_stale_entries(table, clock,
                                                                        make_person):
    from chalicelib.domain import directory, people
    from chalicelib.errors import ApiError

    made = make_person(name="Kees Mulder", expertise=["groen"])
    first, second = people.get(made.id), people.get(made.id)
    assert people.apply(first, {"expertise": ["bomen"]}, clock)
    with pytest.raises(ApiError) as err:
        people.apply(second, {"expertise": ["water"]}, clock)
    assert err.value.status == 409
    assert [p["name"] for p in directory.search(expertise="bomen")["items"]] == ["Kees Mulder"]
    assert directory.search(expertise="water")["items"] == []
    assert directory.search(expertise="groen")["items"] == []


def test_create_from_identity_provider_claims_ignores_other_claims(table, clock):
    from chalicelib.domain import directory, people
    from chalicelib.ids import new_id

    person = people.create({"email": "Noor.Hendriks@voorbeeld.nl", "name": "Noor Hendriks",
                            "sub": "abc", "groups": ["x"], "department": "ICT"}, clock, new_id)
    assert person.email == "noor.hendriks@voorbeeld.nl"
    assert [p["id"] for p in directory.search(department="ict")["items"]] == [person.id]
