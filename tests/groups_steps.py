"""API steps shared by the group tests: a client, headers per person, and short verbs."""

from api_steps import call


class GroupApi:
    def __init__(self, client, as_person):
        self.client, self.as_person = client, as_person

    def call(self, method: str, path: str, person, body=None):
        return call(self.client, method, path, self.as_person(person), body)

    def create(self, person, visibility="open", name="Fietsclub", **fields):
        response = self.call("POST", "/api/groups", person,
                             {"name": name, "visibility": visibility, **fields})
        assert response.status_code == 201, response.json_body
        return response.json_body

    def join(self, group_id, person):
        return self.call("PUT", f"/api/groups/{group_id}/members/me", person)

    def leave(self, group_id, person):
        return self.call("DELETE", f"/api/groups/{group_id}/members/me", person)

    def invite(self, group_id, manager, person):
        return self.call("POST", f"/api/groups/{group_id}/invitations", manager,
                         {"person": person.id})

    def approve(self, group_id, manager, person):
        return self.call("POST", f"/api/groups/{group_id}/requests/{person.id}/approve", manager)

    def decline(self, group_id, manager, person):
        return self.call("POST", f"/api/groups/{group_id}/requests/{person.id}/decline", manager)

    def show(self, group_id, person):
        return self.call("GET", f"/api/groups/{group_id}", person)

    def members(self, group_id, person, state="member"):
        return self.call("GET", f"/api/groups/{group_id}/members?state={state}", person)

    def directory(self, person, query=""):
        return self.call("GET", f"/api/groups{query}", person)
