"""`plein stats` prints the same numbers as the API: from a data dir as `plein dev` leaves it,
and from a deployed stage's table, found through its stack (moto's CloudFormation and DynamoDB
over HTTP)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def plein_stats(data_dir, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "infra.cli", "stats", "--data-dir", str(data_dir),
                           *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_plein_stats_agrees_with_the_api(client, make_person, as_person, dynamodb, table,
                                        tmp_path):
    from chalicelib.clock import system_clock

    from infra.local import snapshot
    from tests.usage_helpers import contributed

    admin, anna, bram = make_person("admin"), make_person(), make_person()
    for person, path in [(anna, "/"), (anna, "/huisregels.html"), (bram, "/"), (admin, "/")]:
        client.http.post("/api/hits", headers=as_person(person), body=json.dumps({"path": path}))
    contributed("comment", "G1", "employee", system_clock())
    api = client.http.get("/api/usage?days=14", headers=as_person(admin)).json_body
    api_csv = client.http.get("/api/usage.csv?days=14&table=pages", headers=as_person(admin))
    snapshot.save(dynamodb, table, tmp_path / "dynamodb.json")

    printed = plein_stats(tmp_path, "--days", "14", "--format", "json")
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout) == api
    assert api["daily"][-1]["views"] == 4 and api["active"]["dau"] == 3

    printed = plein_stats(tmp_path, "--days", "14", "--format", "csv", "--csv-table", "pages")
    assert printed.stdout.splitlines() == api_csv.body.decode().splitlines()

    printed = plein_stats(tmp_path, "--days", "14")
    assert "Active today       3 (100.0%)" in printed.stdout
    assert any(line.split()[:2] == ["/", "3"] for line in printed.stdout.splitlines())


def test_plein_stats_says_when_there_is_no_local_data(tmp_path):
    printed = plein_stats(tmp_path)
    assert printed.returncode != 0 and "no local data" in printed.stderr


def test_plein_stats_for_a_stage_reads_the_table_its_stack_names(
        client, make_person, as_person, aws, dynamodb, table, tmp_path):
    from chalicelib.clock import system_clock

    from infra.deploy import resources
    from infra.local import snapshot
    from tests.usage_helpers import contributed, hit

    admin, anna = make_person("admin"), make_person()
    for person, path in [(anna, "/"), (anna, "/nieuws.html"), (admin, "/")]:
        hit(client, as_person(person), path)
    contributed("post", "G1", "employee", system_clock())
    api = client.http.get("/api/usage?days=7", headers=as_person(admin)).json_body
    api_csv = client.http.get("/api/usage.csv?days=7&table=groups", headers=as_person(admin))

    # Only the AWS endpoint comes from the environment, as a real account's would; the
    # stage's region and stack name come from the stages file.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLEIN_")}
    env.update(AWS_ENDPOINT_URL=aws.endpoint, AWS_ACCESS_KEY_ID="local",
               AWS_SECRET_ACCESS_KEY="local")
    stage = ["--stage", "prod", "--stages-file", str(ROOT / "tests" / "data" / "stages.toml")]

    def stats(*args):
        return subprocess.run([sys.executable, "-m", "infra.cli", "stats", *stage, "--days", "7",
                               *args], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=120)

    printed = stats()
    assert printed.returncode == 1 and "There is no stack plein-prod" in printed.stderr

    # The deploy's own table definition, named by CloudFormation as in a real deployment.
    cloudformation = aws.client("cloudformation")
    cloudformation.create_stack(StackName="plein-prod", TemplateBody=json.dumps({
        "Resources": {"Table": resources.table()},
        "Outputs": {"TableName": {"Value": {"Ref": "Table"}}}}))
    deployed = cloudformation.describe_stacks(StackName="plein-prod")["Stacks"][0]["Outputs"]
    name = deployed[0]["OutputValue"]
    assert name != "plein-prod"
    snapshot.save(dynamodb, table, tmp_path / "dynamodb.json")
    snapshot.restore(dynamodb, name, snapshot.read(tmp_path / "dynamodb.json"))

    printed = stats("--format", "json")
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout) == api
    assert api["daily"][-1]["views"] == 3 and api["daily"][-1]["post"] == 1
    printed = stats("--format", "csv", "--csv-table", "groups")
    assert printed.stdout.splitlines() == api_csv.body.decode().splitlines()
