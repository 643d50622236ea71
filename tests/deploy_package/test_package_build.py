"""`plein package` writes the template, the site and the Lambda artifact without any call to
AWS, reproducibly, and the artifact carries only what the runtime lacks."""

import json

from package_run import STAGES, lint_errors, run_package

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
