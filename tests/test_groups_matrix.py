"""The authorisation matrix: every role × visibility × action cell, through the API.

Each test builds one group with a person in every role, then lets each role try one action.
Roles are set up as people reach them: the requester asked while the group was closed, and
the group's visibility is changed afterwards, so every role exists in every visibility.
"""

import pytest
from groups_steps import GroupApi

ROLES = ("outsider", "requester", "invitee", "member", "manager", "admin")

# One row per (visibility, action): the outcome for each role in ROLES.
EXPECTED = {
    ("open", "directory"): (True, True, True, True, True, True),
    ("closed", "directory"): (True, True, True, True, True, True),
    ("secret", "directory"): (False, False, True, True, True, True),
    ("open", "read"): (200, 200, 200, 200, 200, 200),
    ("closed", "read"): (403, 403, 403, 200, 200, 200),
    ("secret", "read"): (404, 404, 403, 200, 200, 200),
    ("open", "post"): (403, 403, 403, 201, 201, 201),
    ("closed", "post"): (403, 403, 403, 201, 201, 201),
    ("secret", "post"): (404, 404, 403, 201, 201, 201),
    # Commenting goes through the post, and a post one may not read is a 404, never a 403.
    ("open", "comment"): (403, 403, 403, 201, 201, 201),
    ("closed", "comment"): (404, 404, 404, 201, 201, 201),
    ("secret", "comment"): (404, 404, 404, 201, 201, 201),
    ("open", "join"): ("member", "member", "member", "member", "member", "member"),
    ("closed", "join"): ("requested", "requested", "member", "member", "member", "member"),
    # A secret group is by invitation only: an admin reads it but is refused a join.
    ("secret", "join"): (404, 404, "member", "member", "member", 403),
    ("open", "approve"): (403, 403, 403, 403, 200, 200),
    ("closed", "approve"): (403, 403, 403, 403, 200, 200),
    ("secret", "approve"): (404, 404, 403, 403, 200, 200),
    ("open", "edit"): (403, 403, 403, 403, 200, 200),
    ("closed", "edit"): (403, 403, 403, 403, 200, 200),
    ("secret", "edit"): (404, 404, 403, 403, 200, 200),
}


class World:
    """A group in the given visibility with one person in each role."""

    def __init__(self, api: GroupApi, make_person, visibility: str):
        self.api = api
        self.people = {role: make_person("admin" if role == "admin" else "employee",
                                         name=role.capitalize()) for role in ROLES}
        manager = self.people["manager"]
        self.group = api.create(manager, "closed", name="Matrixgroep")["id"]
        self.applicants = {role: make_person(name=f"Aanvrager {role}") for role in ROLES}
        for person in (self.people["requester"], *self.applicants.values()):
            assert api.join(self.group, person).json_body["state"] == "requested"
        api.invite(self.group, manager, self.people["member"])
        api.join(self.group, self.people["member"])
        api.invite(self.group, manager, self.people["invitee"])
        self.post_id = api.call("POST", "/api/posts", manager,
                                {"body": "Welkom", "group": self.group}).json_body["id"]
        if visibility != "closed":
            response = api.call("PATCH", f"/api/groups/{self.group}", manager,
                                {"visibility": visibility})
            assert response.status_code == 200

    def standing(self, role: str):
        response = self.api.show(self.group, self.people[role])
        return response.status_code, response.json_body

    def directory(self, role: str) -> bool:
        person = self.people[role]
        filters = ["all", "mine", "invited"] + (["secret"] if role == "admin" else [])
        return any(g["id"] == self.group for f in filters
                   for g in self.api.directory(person, f"?filter={f}").json_body["items"])

    def read(self, role: str):
        return self.api.call("GET", f"/api/groups/{self.group}/posts",
                             self.people[role]).status_code

    def post(self, role: str):
        return self.api.call("POST", "/api/posts", self.people[role],
                             {"body": f"Van {role}", "group": self.group}).status_code

    def comment(self, role: str):
        return self.api.call("POST", f"/api/posts/{self.post_id}/comments", self.people[role],
                             {"body": f"Reactie van {role}"}).status_code

    def join(self, role: str):
        response = self.api.join(self.group, self.people[role])
        return response.json_body["state"] if response.status_code == 200 else \
            response.status_code

    def approve(self, role: str):
        response = self.api.approve(self.group, self.people[role], self.applicants[role])
        return response.status_code

    def edit(self, role: str):
        response = self.api.call("PATCH", f"/api/groups/{self.group}", self.people[role],
                                 {"description": f"Bewerkt door {role}"})
        return response.status_code


# Actions that change a role's own standing (join) run last, so earlier cells see the roles
# exactly as set up; approve and edit touch only applicants and the description.
ORDER = ("directory", "read", "post", "comment", "approve", "edit", "join")


@pytest.mark.parametrize("visibility", ["open", "closed", "secret"])
def test_authorisation_matrix(client, as_person, make_person, visibility):
    world = World(GroupApi(client, as_person), make_person, visibility)
    actual = {(action, role): getattr(world, action)(role) for action in ORDER for role in ROLES}
    expected = {(action, role): EXPECTED[(visibility, action)][n]
                for action in ORDER for n, role in enumerate(ROLES)}
    wrong = {cell: (got, expected[cell]) for cell, got in actual.items() if got != expected[cell]}
    assert wrong == {}, "cell: (actual, expected)"
    assert len(actual) == len(ROLES) * len(ORDER)
