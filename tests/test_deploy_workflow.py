"""The CI workflow: tests on every push, deploys main only, with OIDC and no stored keys."""

from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "deploy.yml"


def load() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def test_tests_run_before_any_deploy_and_only_main_deploys():
    jobs = load()["jobs"]
    assert any(".ci/run" in step.get("run", "") for step in jobs["test"]["steps"])
    deploy = jobs["deploy"]
    assert deploy["needs"] == "test"
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert any("plein deploy --stage" in step.get("run", "") for step in deploy["steps"])


def test_credentials_come_from_oidc_role_assumption_not_stored_keys():
    workflow = load()
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"]["id-token"] == "write"
    assert workflow["permissions"] == {"contents": "read"}
    login = next(s for s in deploy["steps"]
                 if s.get("uses", "").startswith("aws-actions/configure-aws-credentials@"))
    assert "role-to-assume" in login["with"]
    text = WORKFLOW.read_text()
    assert "aws-access-key-id" not in text and "secrets.AWS" not in text
