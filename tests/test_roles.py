"""Where roles come from: config emails and IdP groups, admin over content manager."""

import pytest
from chalicelib.domain import roles

SOURCES = roles.RoleSources(admin_emails=("anna@voorbeeld.nl",), admin_group="admins",
                             content_manager_emails=("bram@voorbeeld.nl",),
                             content_manager_group="redactie")


@pytest.mark.parametrize("email, groups, role", [
    ("Anna@Voorbeeld.nl", (), "admin"),
    ("kees@voorbeeld.nl", ("admins",), "admin"),
    ("bram@voorbeeld.nl", ("admins",), "admin"),
    ("bram@voorbeeld.nl", (), "content_manager"),
    ("kees@voorbeeld.nl", ("redactie", "anders"), "content_manager"),
    ("kees@voorbeeld.nl", ("anders",), "employee"),
])
def test_role_for(email, groups, role):
    assert roles.role_for(email, groups, SOURCES) == role


def test_unset_groups_match_nobody():
    assert roles.role_for("kees@voorbeeld.nl", ("",), roles.RoleSources()) == "employee"
