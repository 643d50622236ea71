"""`plein package` writes the template, the site and the Lambda artifact without any call to
AWS, reproducibly, and the artifact carries only what the runtime lacks."""

import json
import subprocess
import sys

from package_run import STAGES, lint_errors, offline_env, run_package

from infra.deploy import stages
from infra.deploy.package import RUNTIME_PROVIDED


def test_package_needs_no_aws_account_and_writes_everything(packaged):
    # The fixture ran it without credentials and with AWS unreachable.
    assert packaged.template_path.exists() and packaged.artifact_path.exists()
    assert (packaged.site_dir / "index.html").exists()
    assert packaged.stack_name == "plein-acc" and packaged.region == "eu-central-1"


def test_package_never_replaces_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = run_package("acc", tmp_path)
    assert result.returncode == 1 and "holds no earlier package" in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_site_is_built_with_the_production_settings(packaged):
    html = (packaged.site_dir / "index.html").read_text()
    assert 'data-stage="acc"' in html


def test_template_passes_cfn_lint(packaged, tmp_path):
    def errors(path):
        return lint_errors(path, packaged.region)

    assert errors(packaged.template_path) == []
    # ... and the linter does catch a broken one.
    broken = packaged.template()
    broken["Resources"]["Distribution"]["Properties"]["DistributionConfig"][
        "DefaultCacheBehavior"]["ViewerProtocolPolicy"] = "sometimes-https"
    (tmp_path / "broken.json").write_text(json.dumps(broken))
    assert errors(tmp_path / "broken.json")


def test_deploy_hash_is_stable_and_recorded_in_the_template(packaged, template, tmp_path):
    from infra.deploy.package import package

    assert template["Outputs"]["DeployHash"]["Value"] == packaged.deploy_hash
    # The site is not part of the hash (content changes only sync), so skip building it.
    again = package(stages.load("acc", STAGES), tmp_path / "again",
                    build_site=lambda *_args, **_kwargs: True)
    assert again.deploy_hash == packaged.deploy_hash


def test_lambda_artifact_leaves_out_what_the_runtime_provides(packaged):
    import zipfile

    with zipfile.ZipFile(packaged.artifact_path) as zf:
        tops = {name.split("/", 1)[0] for name in zf.namelist()}
    assert "app.py" in tops and "chalicelib" in tops and "pynamodb" in tops
    assert not tops & set(RUNTIME_PROVIDED)
    # With Pillow and cryptography it is about 7 MB; Lambda takes 50 MB zipped.
    assert packaged.artifact_path.stat().st_size < 20 * 1024 * 1024


def test_lambda_artifact_carries_the_compiled_catalogs(packaged):
    """The API's own words (notifications, mail) need the catalogs without Babel or the theme."""
    import gettext
    import io
    import zipfile

    with zipfile.ZipFile(packaged.artifact_path) as zf:
        nl = zf.read("chalicelib/translations/nl.mo")
    assert gettext.GNUTranslations(io.BytesIO(nl)).gettext("Sign in") == "Inloggen"


def test_lambda_artifact_imports_from_bytecode_in_a_read_only_folder(packaged, tmp_path):
    """Lambda's code folder is read-only: without shipped bytecode every cold start compiles
    every module again. The pycs must be used as they are, whatever the unzipped mtimes."""
    import stat
    import zipfile

    task = tmp_path / "task"
    with zipfile.ZipFile(packaged.artifact_path) as zf:
        names = zf.namelist()
        zf.extractall(task)
    from importlib.util import cache_from_source

    ours = [n for n in names if n.startswith(("app.py", "chalicelib/")) and n.endswith(".py")]
    assert ours and all(cache_from_source(n) in names for n in ours)
    for path in task.rglob("*"):
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    env = {**offline_env(), "PLEIN_SESSION_SECRET": "x", "PYTHONPATH": ""}
    done = subprocess.run([sys.executable, "-v", "-c", "import app"], cwd=task, env=env,
                          capture_output=True, text=True, timeout=60)
    task.chmod(0o755)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = [line for line in done.stderr.splitlines() if line.startswith("# code object from")
              and str(task) in line]
    assert any("chalicelib/routes/__pycache__/posts" in line for line in loaded)
    assert not [line for line in done.stderr.splitlines()
                if "chalicelib" in line and line.startswith("# could not")]
