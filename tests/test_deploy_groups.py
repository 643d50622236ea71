"""`plein deploy` syncs the packaged official groups into the stack's table (moto's DynamoDB
over HTTP, in a subprocess bound to that table), and a dry run only reports."""

# ruff: noqa: F401, F811  (the deploy fixtures are test_deploy_run's, used here by name)
from test_deploy_run import TABLE, clients, fresh, pkg, site_bucket_holding

from infra.deploy.deploy import deploy
from tests.recorded import Recorded


def group(dynamodb, group_id: str) -> dict | None:
    return dynamodb.get_item(TableName=TABLE, Key={"pk": {"S": f"GROUP#{group_id}"},
                                                   "sk": {"S": "GROUP"}}).get("Item")


def unchanged_stack(pkg) -> Recorded:
    return Recorded(DEPLOY_HASH=pkg.deploy_hash).reply("describe_stacks",
                                                       "describe_stacks_update_complete")


def test_a_content_only_deploy_syncs_the_official_groups(fresh, pkg, stage):
    site_bucket_holding(fresh.client("s3"), pkg.site_dir)
    dynamodb = fresh.client("dynamodb")
    lines = []
    assert deploy(pkg, stage, clients(fresh, unchanged_stack(pkg)), report=lines.append) == 0
    text = "\n".join(lines)
    assert "Official groups: created: ondernemingsraad, personeelsvereniging" in text
    # Nobody has a profile in the new table yet: named, and made manager on a later deploy.
    assert "official group manager ruben.de.boer@voorbeeld.nl has no profile yet" in text
    created = group(dynamodb, "personeelsvereniging")
    assert created["name"]["S"] == "Personeelsvereniging" and created["official"]["BOOL"]
    assert text.index("Official groups") < text.index("Nothing to deploy")

    # An editor removes a definition: the group stays, but is no longer official.
    (pkg.content_dir / "groups" / "ondernemingsraad.md").unlink()
    lines.clear()
    deploy(pkg, stage, clients(fresh, unchanged_stack(pkg)), report=lines.append)
    text = "\n".join(lines)
    assert "updated: personeelsvereniging" in text
    assert "no longer official (file removed): ondernemingsraad" in text
    kept = group(dynamodb, "ondernemingsraad")
    assert kept["name"]["S"] == "Ondernemingsraad" and kept["official"]["BOOL"] is False


def test_a_dry_run_reports_the_groups_and_writes_none(fresh, pkg, stage):
    site_bucket_holding(fresh.client("s3"), pkg.site_dir)
    lines = []
    deploy(pkg, stage, clients(fresh, unchanged_stack(pkg)), dry_run=True, report=lines.append)
    assert ("Official groups: would be created: ondernemingsraad, personeelsvereniging"
            in lines)
    assert fresh.client("dynamodb").scan(TableName=TABLE)["Count"] == 0


def test_a_dry_run_for_a_new_stack_lists_the_groups_it_would_create(fresh, pkg, stage):
    cfn = Recorded().reply("describe_stacks", "describe_stacks_missing")
    lines = []
    deploy(pkg, stage, clients(fresh, cfn), dry_run=True, report=lines.append)
    assert ("Official groups: would be created: ondernemingsraad, personeelsvereniging"
            in lines)
