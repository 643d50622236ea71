"""Running `plein package` offline, and reading what it wrote; shared by the package tests."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ROOT / "tests" / "data" / "stages.toml"


def offline_env() -> dict:
    """No credentials anywhere, and every AWS endpoint unroutable: any call would fail."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
                "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": "http://192.0.2.1:9",
                "AWS_MAX_ATTEMPTS": "1"})
    return env


def run_package(stage: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "infra.cli", "package", "--stage", stage, "--out", str(out),
         "--stages-file", str(STAGES)],
        cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=300)


def statements(template, resource_type):
    """Every IAM statement of the template's resources of one type."""
    for resource in template["Resources"].values():
        if resource["Type"] == resource_type:
            policy = resource["Properties"].get("PolicyDocument")
            docs = [policy] if policy else [p["PolicyDocument"]
                                            for p in resource["Properties"].get("Policies", [])]
            for doc in docs:
                yield from doc["Statement"]


def lint_errors(path, region: str) -> list[str]:
    from cfnlint.api import ManualArgs, lint_file

    matches = lint_file(path, config=ManualArgs(regions=[region]))
    return [f"{m.rule.id} {m.message}" for m in matches if m.rule.id.startswith("E")]
