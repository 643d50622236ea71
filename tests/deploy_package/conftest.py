"""One `plein package` run (stage acc, offline) shared by every package test: it builds the
site and the Lambda artifact, which takes a while."""

import pytest
from package_run import run_package

from infra.deploy.package import Package


@pytest.fixture(scope="session")
def packaged(tmp_path_factory) -> Package:
    out = tmp_path_factory.mktemp("package") / "acc"
    result = run_package("acc", out)
    assert result.returncode == 0, result.stderr
    return Package.read(out)


@pytest.fixture(scope="session")
def template(packaged) -> dict:
    return packaged.template()
