"""`plein package`: the site, the Lambda artifact and the complete template, written to a
folder without contacting AWS."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import site
from ..paths import CONTENT, FUNCTIONS
from .resources import add_log_groups, merge_template
from .stages import Stage

TEMPLATE = "template.json"
ARTIFACT = "deployment.zip"
MANIFEST = "manifest.json"
SITE_DIR = "site"
CONTENT_DIR = "content"  # the official group definitions the deploy syncs (content/groups/)
MARKER = ".plein-package"
# Chalice stage whose config.json entry we package; everything stage-specific comes from
# stages.toml through the merge template instead.
CHALICE_STAGE = "prod"
# The Lambda Python runtime ships these (pynamodb pulls in botocore); bundling them again
# would make the artifact ten times larger for nothing.
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3",
                    "six")
_DIST_NAMES = {"python_dateutil": "dateutil"}
LAMBDA_TASK = "/var/task"  # where Lambda unpacks the artifact
# Variables that would let a child process reach an AWS account.
_CREDENTIAL_VARS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                    "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN",
                    "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")


class PackageError(RuntimeError):
    pass


@dataclass(frozen=True)
class Package:
    """What `package` wrote; `deploy_hash` changes exactly when the stack would."""

    out: Path
    stage: str
    stack_name: str
    region: str
    deploy_hash: str
    artifact_digest: str

    @property
    def template_path(self) -> Path:
        return self.out / TEMPLATE

    @property
    def artifact_path(self) -> Path:
        return self.out / ARTIFACT

    @property
    def site_dir(self) -> Path:
        return self.out / SITE_DIR

    @property
    def content_dir(self) -> Path:
        return self.out / CONTENT_DIR

    def template(self) -> dict:
        return json.loads(self.template_path.read_text())

    @classmethod
    def read(cls, out: Path) -> "Package":
        data = json.loads((Path(out) / MANIFEST).read_text())
        return cls(out=Path(out), **data)


def _top_level(name: str) -> str:
    head = name.split("/", 1)[0]
    if head.endswith((".dist-info", ".egg-info")):
        head = head.split("-", 1)[0].lower()
        head = _DIST_NAMES.get(head, head)
    return head.removesuffix(".py")


def compiled_catalogs() -> dict[str, bytes]:
    """The theme's catalogs as `.mo` files where the API's `domain/i18n.py` looks for them, so
    the Lambda needs neither Babel nor the theme."""
    import tempfile

    sys.path.insert(0, str(FUNCTIONS))
    from chalicelib.domain import i18n

    with tempfile.TemporaryDirectory() as tmp:
        return {f"chalicelib/translations/{p.name}": p.read_bytes()
                for p in i18n.compile_catalogs(Path(tmp))}


def packaged_brand() -> dict[str, bytes]:
    """The organisation's name and colours from pelicanconf.py, for the API's mail
    (`domain/brand.py`), so the Lambda needs no Pelican settings."""
    sys.path.insert(0, str(FUNCTIONS))
    from chalicelib.domain import brand

    return {"chalicelib/brand.json": json.dumps(brand.from_pelicanconf(), sort_keys=True)
            .encode()}


def bytecode(files: dict[str, bytes]) -> dict[str, bytes]:
    """`__pycache__` entries for every module, so a cold start in Lambda's read-only code folder
    loads bytecode instead of compiling hundreds of modules on every start. They are
    unchecked-hash pycs (PEP 552): valid whatever the files' timestamps after unzipping, which
    is right for an artifact that never changes once built.

    Compiled in a fresh interpreter with a fixed hash seed: marshal's output depends on the
    compiling process's state (how often an object is referenced decides whether it is written
    once and referred to) and on set order, so compiling in this process made the artifact,
    and the deploy hash, differ between a package that built the site and one that did not."""
    import tempfile
    from importlib.util import cache_from_source

    compiled = {}
    with tempfile.TemporaryDirectory() as tmp:
        sources = [name for name in sorted(files) if name.endswith(".py")]
        for name in sources:
            source = Path(tmp) / name
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_bytes(files[name])
        # A file that does not compile (a package's Python 2 example: never imported) is
        # left without bytecode; compileall goes on with the rest.
        subprocess.run([sys.executable, "-s", "-c", _COMPILE, tmp, LAMBDA_TASK],
                       env={**os.environ, "PYTHONHASHSEED": "0"}, check=False,
                       capture_output=True)
        for name in sources:
            target = Path(cache_from_source(str(Path(tmp) / name)))
            if target.exists():
                compiled[str(target.relative_to(tmp))] = target.read_bytes()
    return compiled


_COMPILE = """
import compileall, py_compile, sys
compileall.compile_dir(sys.argv[1], ddir=sys.argv[2], quiet=2, workers=1,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
"""


def trim_artifact(source: Path, target: Path, extra: dict[str, bytes] | None = None,
                  compile_for: str | None = None) -> str:
    """Rewrites Chalice's zip without runtime-provided packages, with `extra` files added,
    bytecode when `compile_for` (the Lambda runtime) is this interpreter's Python, and fixed
    timestamps; returns a digest of its contents (names and bytes, not zip metadata)."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as dst:
        files = {info.filename: (info.external_attr, src.read(info))
                 for info in src.infolist() if _top_level(info.filename) not in RUNTIME_PROVIDED
                 and "__pycache__" not in info.filename}
        files.update({name: (0o644 << 16, data) for name, data in (extra or {}).items()})
        if compile_for is not None:
            if compile_for != this_runtime():
                raise PackageError(f"the Lambda runs {compile_for} but this is "
                                   f"{this_runtime()}: package with the runtime's Python")
            sources = {name: data for name, (_attributes, data) in files.items()}
            files.update({name: (0o644 << 16, data)
                          for name, data in bytecode(sources).items()})
        for name in sorted(files):
            attributes, data = files[name]
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = attributes
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
            digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def this_runtime() -> str:
    return f"python{sys.version_info.major}.{sys.version_info.minor}"


def _offline_env(stage: Stage) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in _CREDENTIAL_VARS}
    env["AWS_DEFAULT_REGION"] = stage.region
    env["PLEIN_STAGE"] = stage.name
    env["PLEIN_SITEURL"] = f"https://{stage.domain}" if stage.domain else ""
    return env


def _chalice(stage: Stage, merge: Path, out: Path) -> None:
    chalice = Path(sys.executable).parent / "chalice"
    cmd = [str(chalice), "--project-dir", str(FUNCTIONS), "package", "--stage", CHALICE_STAGE,
           "--merge-template", str(merge), "--template-format", "json", str(out)]
    result = subprocess.run(cmd, env=_offline_env(stage), capture_output=True, text=True)
    if result.returncode != 0:
        raise PackageError(f"chalice package failed:\n{result.stdout}{result.stderr}")


def hash_of(template: dict, artifact_digest: str) -> str:
    canonical = json.dumps(template, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{canonical}\n{artifact_digest}".encode()).hexdigest()[:32]


def package(stage: Stage, out: Path, build_site=site.build, content: Path = CONTENT) -> Package:
    if stage.name == "local":  # also for a Stage made in code, not read from stages.toml
        raise PackageError("the stage name 'local' is reserved for `plein dev`; "
                           "a deployed API must never run as it")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        # Replaced wholesale, so only ever a folder this command wrote before.
        if not (out / MARKER).exists():
            raise PackageError(f"{out} is not empty and holds no earlier package; "
                               "choose a new folder")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("written by plein package; replaced by the next run\n")
    work = out / ".chalice-out"
    merge = out / "merge-template.json"
    merge.write_text(json.dumps(merge_template(stage), indent=2))
    _chalice(stage, merge, work)
    template = json.loads((work / "sam.json").read_text())
    add_log_groups(template, stage.log_retention_days)
    runtime = template["Resources"]["APIHandler"]["Properties"]["Runtime"]
    digest = trim_artifact(work / ARTIFACT, out / ARTIFACT,
                           {**compiled_catalogs(), **packaged_brand()}, compile_for=runtime)
    deploy_hash = hash_of(template, digest)
    # Recorded in the stack so the next deploy can tell "nothing changed" without a diff.
    template["Outputs"]["DeployHash"] = {"Value": deploy_hash}
    (out / TEMPLATE).write_text(json.dumps(template, indent=2, sort_keys=True))
    shutil.rmtree(work)
    merge.unlink()
    if not build_site("publishconf.py", output=out / SITE_DIR, env=_offline_env(stage),
                      strict=True):
        raise PackageError("the site did not build; see Pelican's message above")
    # The group definitions travel with the site they were built with, so a deploy syncs
    # exactly the groups its pages list.
    for kind in ("groups", "events"):  # events: content/events/, built into pages too
        definitions = Path(content) / kind
        if definitions.is_dir():
            shutil.copytree(definitions, out / CONTENT_DIR / kind)
    result = Package(out=out, stage=stage.name, stack_name=stage.stack_name,
                     region=stage.region, deploy_hash=deploy_hash, artifact_digest=digest)
    manifest = {k: getattr(result, k) for k in ("stage", "stack_name", "region",
                                                "deploy_hash", "artifact_digest")}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return result
