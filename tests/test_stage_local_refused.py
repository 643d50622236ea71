"""No deployed API can run with demo sign-in: `plein package`/`deploy` refuse the stage name
`local` (what `plein dev` runs as) and a stage that tries to set PLEIN_DEMO_SIGNIN."""

import pytest

from infra import cli
from infra.deploy import stages
from infra.deploy.package import PackageError, package


def test_a_stage_named_local_is_refused_when_read(tmp_path):
    with pytest.raises(stages.StageError, match="reserved for `plein dev`"):
        stages.parse({"stages": {"local": {}}}, "local")


@pytest.mark.parametrize("command", ["package", "deploy"])
def test_package_and_deploy_refuse_a_stage_named_local(tmp_path, capsys, command):
    stages_file = tmp_path / "stages.toml"
    stages_file.write_text('[stages.local]\nregion = "eu-west-1"\n')
    code = cli.main([command, "--stage", "local", "--stages-file", str(stages_file),
                     "--out", str(tmp_path / "out")])
    assert code == 1
    assert "reserved for `plein dev`" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_package_refuses_a_local_stage_made_in_code(tmp_path):
    built = []
    with pytest.raises(PackageError, match="reserved"):
        package(stages.Stage(name="local"), tmp_path / "out",
                build_site=lambda **kw: built.append(kw))
    assert built == []


def test_a_stage_cannot_turn_demo_sign_in_on():
    with pytest.raises(stages.StageError, match="demo sign-in"):
        stages.parse({"stages": {"prod": {"settings": {"PLEIN_DEMO_SIGNIN": "1"}}}}, "prod")
