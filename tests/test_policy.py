"""The authorisation rules, one per resource action, for each role."""

import pytest
from chalicelib import policy
from chalicelib.errors import ApiError


class Who:
    def __init__(self, person_id, role):
        self.id, self.role = person_id, role


AUTHOR, OTHER = "p-author", "p-other"


@pytest.mark.parametrize("role, edit, delete, publish", [
    ("employee", False, False, False),
    ("content_manager", False, True, True),
    ("admin", False, True, True),
])
def test_what_each_role_may_do_to_someone_elses_content(role, edit, delete, publish):
    viewer = Who(OTHER, role)
    assert policy.can_edit_post(viewer, AUTHOR) is edit
    assert policy.can_delete_post(viewer, AUTHOR) is delete
    assert policy.can_publish_announcement(viewer) is publish


def test_authors_edit_and_delete_their_own_posts():
    me = Who(AUTHOR, "employee")
    assert policy.can_edit_post(me, AUTHOR) and policy.can_delete_post(me, AUTHOR)


def test_profiles_are_edited_by_their_owner_or_an_admin_and_deleted_by_the_owner_only():
    assert policy.can_edit_profile(Who(AUTHOR, "employee"), AUTHOR)
    assert not policy.can_edit_profile(Who(OTHER, "content_manager"), AUTHOR)
    assert policy.can_edit_profile(Who(OTHER, "admin"), AUTHOR)
    assert not policy.can_delete_account(Who(OTHER, "admin"), AUTHOR)


def test_require_raises_403():
    policy.require(True)
    with pytest.raises(ApiError) as err:
        policy.require(False)
    assert err.value.status == 403
