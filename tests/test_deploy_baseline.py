"""The production baseline of the template `plein package` writes: what a flood may cost, how
long logs are kept, and checkov's verdict, with a documented reason for every check that does
not apply."""

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from infra.deploy import stages

ROOT = Path(__file__).resolve().parent.parent
CHECKOV = ROOT / ".venv" / "checkov" / "bin" / "checkov"
EXCEPTIONS = ROOT / "infra" / "deploy" / "checkov.toml"
DOC = ROOT / "docs" / "production-baseline.md"


@pytest.fixture(scope="module")
def template(built) -> dict:
    return built.template()


def of_type(template: dict, kind: str) -> dict:
    return {n: r for n, r in template["Resources"].items() if r["Type"] == kind}


def test_every_function_logs_to_a_group_with_a_retention(template, stage):
    functions = of_type(template, "AWS::Serverless::Function")
    groups = of_type(template, "AWS::Logs::LogGroup")
    assert functions
    for name in functions:
        group = groups[f"{name}LogGroup"]["Properties"]
        assert group["LogGroupName"] == {"Fn::Sub": f"/aws/lambda/${{{name}}}"}
        assert group["RetentionInDays"] == stage.log_retention_days


def test_a_flood_is_throttled_and_cannot_take_the_whole_account(template, stage):
    api = template["Resources"]["APIHandler"]["Properties"]
    assert api["ReservedConcurrentExecutions"] == stage.reserved_concurrency
    [method] = template["Resources"]["RestAPI"]["Properties"]["MethodSettings"]
    assert method["ResourcePath"] == "/*" and method["HttpMethod"] == "*"
    assert method["ThrottlingRateLimit"] == stage.api_rate_limit
    assert method["ThrottlingBurstLimit"] == stage.api_burst_limit


def test_access_logs_go_to_a_private_bucket_that_forgets_them(template, stage):
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    assert config["Logging"]["Bucket"] == {"Fn::GetAtt": ["LogsBucket", "RegionalDomainName"]}
    assert config["Logging"]["IncludeCookies"] is False
    bucket = template["Resources"]["LogsBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    [rule] = bucket["LifecycleConfiguration"]["Rules"]
    assert rule["ExpirationInDays"] == stage.access_log_days == 14
    # The privacy page says what is kept, and for how long.
    privacy = (ROOT / "content" / "pages" / "privacy.md").read_text()
    assert "IP-adres" in privacy and f"{stage.access_log_days} dagen" in privacy


def test_stage_limits_are_checked():
    base = {"stages": {"x": {"region": "eu-west-1"}}}
    assert stages.parse(base, "x").reserved_concurrency == 25
    for key, value in (("reserved_concurrency", 0), ("api_rate_limit", "50"),
                       ("log_retention_days", 10), ("access_log_days", True)):
        bad = {"stages": {"x": {"region": "eu-west-1", key: value}}}
        with pytest.raises(stages.StageError, match=key):
            stages.parse(bad, "x")


def test_checkov_finds_nothing_but_what_is_documented_as_not_applying(built, tmp_path):
    """Runs checkov (its own venv, installed by `make test`) on the production template."""
    assert CHECKOV.exists(), "checkov is missing: run `make test`, which installs it"
    shutil.copy(built.template_path, tmp_path / "template.json")
    done = subprocess.run([str(CHECKOV), "-f", "template.json", "--framework",
                           "cloudformation", "-o", "json", "--quiet", "--compact"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    report = json.loads(done.stdout)
    failed = {c["check_id"] for c in report["results"]["failed_checks"]}
    documented = tomllib.loads(EXCEPTIONS.read_text())
    assert failed <= set(documented), f"new findings to fix or document: {failed - set(documented)}"
    assert set(documented) <= failed, f"no longer failing, drop: {set(documented) - failed}"
    doc = DOC.read_text()
    for check, reason in documented.items():
        assert check in doc and reason["why"].split(".")[0] in doc, check
