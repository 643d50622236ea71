"""Deploy: how long `plein package` takes, how big the Lambda artifact is, and what a
content-only deploy costs (sync plan + upload of one changed page) against moto's S3."""

import tempfile
import time
from pathlib import Path

from infra.deploy import stages, sync
from infra.deploy.package import package
from infra.local.dynamo import EmbeddedAws

from . import startup

# Lambda takes 50 MB zipped; Pillow and cryptography bring the artifact to about 7 MB.
# `import app` from the unpacked, read-only artifact against the same from the venv: Lambda's
# code folder is read-only, so without shipped bytecode every cold start compiles it all.
BUDGETS = {"artifact_mb": 20, "content_change_s": 5, "artifact_import_ratio": 1.2}


def _sync(s3, bucket: str, site: Path) -> sync.SyncPlan:
    todo = sync.plan(site, sync.remote_etags(s3, bucket), sync.remote_rules(s3, bucket))
    sync.apply(s3, bucket, site, todo, report=lambda _line: None)
    return todo


def run() -> dict:
    aws = EmbeddedAws().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            pkg = package(stages.load("prod"), Path(tmp) / "pkg")
            package_s = time.perf_counter() - start
            s3 = aws.client("s3")
            s3.create_bucket(Bucket="bench-site",
                             CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
            _sync(s3, "bench-site", pkg.site_dir)
            page = pkg.site_dir / "over-plein.html"
            page.write_text(page.read_text() + "\n")
            start = time.perf_counter()
            todo = _sync(s3, "bench-site", pkg.site_dir)
            change_s = time.perf_counter() - start
            cold = startup.artifact_import(pkg.artifact_path, Path(tmp) / "task")
            return {**cold, "package_s": package_s,
                    "artifact_mb": pkg.artifact_path.stat().st_size / 2**20,
                    "files": len(sync.local_files(pkg.site_dir)), "uploaded": len(todo.upload),
                    "content_change_s": change_s}
    finally:
        aws.stop()


def section(r: dict) -> list[str]:
    ok = {k: r[k] <= v for k, v in BUDGETS.items()}
    return [
        "## Deploy",
        "",
        f"`plein package` (site + Lambda artifact + template, warm Chalice cache): "
        f"{r['package_s']:.1f} s. Lambda artifact {r['artifact_mb']:.1f} MB (budget ≤ "
        f"{BUDGETS['artifact_mb']} MB: {'within budget' if ok['artifact_mb'] else '**over**'}).",
        "",
        f"A content-only change (one page of {r['files']} files) compares the whole site with "
        f"the bucket and uploads {r['uploaded']} file in {r['content_change_s'] * 1000:.0f} ms "
        f"against moto's S3 on loopback (budget ≤ {BUDGETS['content_change_s']} s: "
        f"{'within budget' if ok['content_change_s'] else '**over**'}); against AWS add one "
        "round trip per listed 1,000 files and per upload, and one invalidation.",
        "",
        f"`import app` from the unpacked artifact, made read-only as Lambda's code folder is: "
        f"{r['artifact_import_ms']:.0f} ms, against {r['venv_import_ms']:.0f} ms from the "
        f"venv (median of fresh processes): ratio {r['artifact_import_ratio']:.2f} (budget ≤ "
        f"{BUDGETS['artifact_import_ratio']}: "
        f"{'within budget' if ok['artifact_import_ratio'] else '**over**'}). The artifact ships "
        "unchecked-hash bytecode (PEP 552) for every module; without it the same import "
        f"compiled {r['artifact_files']:,} modules on every cold start.",
        "",
    ]
