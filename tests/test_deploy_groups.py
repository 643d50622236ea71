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
    assert ("Official groups: created: hulp-bij-plein, omgevingswet, ondernemingsraad, "
            "personeelsvereniging") in text
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
    assert "updated: hulp-bij-plein, omgevingswet, personeelsvereniging" in text
    assert "no longer official (file removed): ondernemingsraad" in text
    kept = group(dynamodb, "ondernemingsraad")
    assert kept["name"]["S"] == "Ondernemingsraad" and kept["official"]["BOOL"] is False


def test_a_dry_run_reports_the_groups_and_writes_none(fresh, pkg, stage):
    site_bucket_holding(fresh.client("s3"), pkg.site_dir)
    lines = []
    deploy(pkg, stage, clients(fresh, unchanged_stack(pkg)), dry_run=True, report=lines.append)
    assert ("Official groups: would be created: hulp-bij-plein, omgevingswet, ondernemingsraad, "
            "personeelsvereniging" in lines)
    assert fresh.client("dynamodb").scan(TableName=TABLE)["Count"] == 0


def test_a_dry_run_for_a_new_stack_lists_the_groups_it_would_create(fresh, pkg, stage):
    cfn = Recorded().reply("describe_stacks", "describe_stacks_missing")
    lines = []
    deploy(pkg, stage, clients(fresh, cfn), dry_run=True, report=lines.append)
    assert ("Official groups: would be created: hulp-bij-plein, omgevingswet, ondernemingsraad, "
            "personeelsvereniging" in lines)


UPLOADS = "plein-prod-uploadsbucket-9q8w7e6r5t4y"  # the stack output UploadsBucket
UPLOAD = "01JCOVERCOVERCOVERCOVERCOV"


def uploaded_cover(s3, dynamodb, group_id: str) -> None:
    """What a manager's upload leaves: web sizes in the stack's bucket, named by the group."""
    for size in (400, 1200):
        s3.put_object(Bucket=UPLOADS, Key=f"media/{UPLOAD}/{size}.webp", Body=b"webp")
    photo = {"id": {"S": UPLOAD}, "alt": {"S": ""}, "width": {"N": "1200"},
             "height": {"N": "750"}, "small_width": {"N": "400"}}
    dynamodb.update_item(TableName=TABLE, Key={"pk": {"S": f"GROUP#{group_id}"},
                                                "sk": {"S": "GROUP"}},
                         UpdateExpression="SET cover_photo = :p REMOVE cover",
                         ExpressionAttributeValues={":p": {"M": photo}})


def test_a_definitions_cover_deletes_the_uploaded_one_from_the_stacks_bucket(fresh, pkg, stage):
    s3, dynamodb = fresh.client("s3"), fresh.client("dynamodb")
    site_bucket_holding(s3, pkg.site_dir)
    s3.create_bucket(Bucket=UPLOADS, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    s3.put_object(Bucket=UPLOADS, Key="media/01JOTHEROTHEROTHEROTHEROTH/400.webp", Body=b"x")
    deploy(pkg, stage, clients(fresh, unchanged_stack(pkg)), report=lambda _line: None)
    uploaded_cover(s3, dynamodb, "personeelsvereniging")  # Cover: /images/markt.jpg in its file

    deploy(pkg, stage, clients(fresh, unchanged_stack(pkg)), dry_run=True,
           report=lambda _line: None)
    assert len(s3.list_objects_v2(Bucket=UPLOADS)["Contents"]) == 3  # a dry run deletes nothing

    deploy(pkg, stage, clients(fresh, unchanged_stack(pkg)), report=lambda _line: None)
    assert group(dynamodb, "personeelsvereniging")["cover"]["S"] == "/images/markt.jpg"
    left = [o["Key"] for o in s3.list_objects_v2(Bucket=UPLOADS)["Contents"]]
    assert left == ["media/01JOTHEROTHEROTHEROTHEROTH/400.webp"]
