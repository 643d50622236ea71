"""The audit log: admins read and export it, nobody edits it through the API, entries expire."""

import csv
import io

import pytest
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def moderate(api, make_person, body="Iets"):
    anna, editor = make_person(name="Anna"), make_person("content_manager", name="Eva Editor")
    post = api.call("POST", "/api/posts", anna, {"body": body}).json_body
    api.call("POST", f"/api/moderation/post/{post['id']}/hide", editor,
             {"reason": "=HYPERLINK(\"http://x\")"})
    api.call("POST", f"/api/moderation/post/{post['id']}/restore", editor, {"reason": "Oké"})
    return anna, editor, post


def test_admins_read_who_did_what_when_and_why(api, make_person):
    anna, editor, post = moderate(api, make_person)
    admin = make_person("admin")
    for person in (anna, editor):
        assert api.call("GET", "/api/moderation/audit", person).status_code == 403
    log = api.call("GET", "/api/moderation/audit", admin)
    assert log.status_code == 200
    restore, hide = log.json_body["items"]
    assert (hide["action"], restore["action"]) == ("hide", "restore")
    assert hide["actor"] == {"id": editor.id, "name": "Eva Editor"}
    assert (hide["kind"], hide["target"], hide["author"]) == ("post", post["id"], anna.id)
    assert hide["reason"].startswith("=HYPERLINK") and hide["at"]


def test_the_csv_export_cannot_run_formulas(api, make_person):
    moderate(api, make_person, body="-1+1")
    admin = make_person("admin")
    response = api.call("GET", "/api/moderation/audit?format=csv", admin)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.body.decode())))
    assert [r["action"] for r in rows] == ["restore", "hide"]
    assert rows[1]["reason"] == "'=HYPERLINK(\"http://x\")"
    assert rows[1]["excerpt"] == "'-1+1"
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())
    assert api.call("GET", "/api/moderation/audit?format=csv",
                    make_person("content_manager")).status_code == 403


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_the_audit_log_cannot_be_changed_through_the_api(api, make_person, method):
    moderate(api, make_person)
    admin = make_person("admin")
    before = api.call("GET", "/api/moderation/audit", admin).json_body["items"]
    entry = before[0]["id"]
    for path in ("/api/moderation/audit", f"/api/moderation/audit/{entry}"):
        response = api.call(method, path, admin, {"reason": "weg ermee"})
        assert response.status_code in (403, 404, 405), (method, path)
    assert api.call("GET", "/api/moderation/audit", admin).json_body["items"] == before


def test_entries_are_written_once_and_expire_after_the_setting(table, make_person, clock):
    from chalicelib.domain import posts
    from chalicelib.domain.moderation import actions, audit
    from chalicelib.errors import ApiError
    from chalicelib.ids import new_id
    from chalicelib.models import AuditEntry
    from chalicelib.settings import settings

    from tests.usage_helpers import viewer

    anna, editor, admin = make_person(), make_person("content_manager"), make_person("admin")
    post = posts.create(viewer(anna), {"body": "Weg"}, clock, new_id)
    same_id = lambda now: "01K00000000000000000000009"  # noqa: E731
    actions.hide(viewer(editor), "post", post["id"], {"reason": "Eén"}, clock, same_id)
    [entry] = list(AuditEntry.query("AUDIT"))
    assert entry.expires == int(clock().timestamp()) + settings.audit_days * 86400
    # A second action that would reuse the entry's id is refused, not an overwrite.
    with pytest.raises(ApiError) as refused:
        actions.restore(viewer(editor), "post", post["id"], {"reason": "Twee"}, clock, same_id)
    assert refused.value.status == 409
    assert [e.reason for e in AuditEntry.query("AUDIT")] == ["Eén"]
    assert audit.page(viewer(admin), {}, clock)["items"]
    clock.advance(days=settings.audit_days + 1)
    assert audit.page(viewer(admin), {}, clock)["items"] == []
