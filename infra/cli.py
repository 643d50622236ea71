"""The `plein` command."""

import argparse
import sys
from pathlib import Path

from .deploy.stages import STAGES_FILE
from .paths import DEFAULT_DATA_DIR, SITE


def _dev(args) -> int:
    import os

    from .local.dev import run

    if args.no_demo_signin and not os.environ.get("PLEIN_OIDC_ISSUER"):
        print("plein dev: --no-demo-signin needs an identity provider: set PLEIN_OIDC_ISSUER, "
              "PLEIN_OIDC_CLIENT_ID and PLEIN_OIDC_CLIENT_SECRET (docs/identity-providers.md).",
              file=sys.stderr)
        return 2
    return run(port=args.port, data_dir=Path(args.data_dir), site_dir=Path(args.site_dir),
               watch=not args.no_watch, build=not args.no_build,
               snapshot_seconds=args.snapshot_every, private_site=args.private_site,
               demo_signin=not args.no_demo_signin)


def _build(args) -> int:
    from . import site

    return 0 if site.build(args.settings) else 1


def _stage(args):
    from .deploy import stages

    stage = stages.load(args.stage, Path(args.stages_file))
    if getattr(args, "region", None):
        stage = stages.Stage(**{**stage.__dict__, "region": args.region})
    return stage


def _package(args) -> int:
    from .deploy.package import package

    pkg = package(_stage(args), Path(args.out))
    print(f"Packaged {pkg.stack_name} into {pkg.out} (hash {pkg.deploy_hash}).")
    return 0


def _deploy(args) -> int:
    import tempfile

    from .deploy.deploy import Aws, deploy
    from .deploy.package import package

    stage = _stage(args)
    with tempfile.TemporaryDirectory(prefix="plein-package-") as out:
        pkg = package(stage, Path(args.out or out))
        return deploy(pkg, stage, Aws.for_region(stage.region), dry_run=args.dry_run)


def _destroy(args) -> int:
    from .deploy.deploy import Aws
    from .deploy.destroy import destroy

    stage = _stage(args)
    return destroy(stage, Aws.for_region(stage.region), delete_data=args.delete_data)


def _with_stage(command, region: bool = True) -> None:
    command.add_argument("--stage", required=True, help="a stage from stages.toml")
    command.add_argument("--stages-file", default=str(STAGES_FILE), help=argparse.SUPPRESS)
    if region:
        command.add_argument("--region", help="overrides the stage's region")


def _stats(args) -> int:
    from .stats import run

    stage = cloudformation = None
    if args.stage:
        import boto3

        stage = _stage(args)
        cloudformation = boto3.client("cloudformation", region_name=stage.region)
    return run(days=args.days, fmt=args.format, data_dir=Path(args.data_dir), stage=stage,
               cloudformation=cloudformation, table=args.table, csv_table=args.csv_table)


def _on_people_table(args, command) -> int:
    """Runs `command()` against the deployed table (`--aws`) or the local data dir."""
    from .local import env

    if args.aws:
        # The table and region come from PLEIN_TABLE and PLEIN_REGION, credentials from the
        # usual AWS chain: an editor's own role, never a key in this repository.
        env.add_functions_path()
        return command()
    from .local.dev import DataDirInUse, LocalStack

    # The local table lives inside `plein dev`; it must be stopped first (the data dir's lock
    # refuses a second process).
    stack = LocalStack(Path(args.data_dir))
    try:
        stack.start()
    except DataDirInUse as err:
        print(f"plein: {err}", file=sys.stderr)
        return 2
    try:
        return command()
    finally:
        stack.stop()


def _people_import(args) -> int:
    from . import people_import

    return _on_people_table(args, lambda: people_import.main(Path(args.file)))


def _people_reindex(args) -> int:
    from . import people_reindex

    return _on_people_table(args, people_reindex.main)


def _jobs_run(args) -> int:
    from .jobs import parse_at, run_one

    at = parse_at(args.at)
    return _on_people_table(args, lambda: run_one(args.name, at))


def _search_reindex(args) -> int:
    from . import search_reindex

    return _on_people_table(args, search_reindex.main)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="plein", description="Plein, a static-first intranet.")
    sub = top.add_subparsers(dest="command", required=True)

    dev = sub.add_parser("dev", help="run the intranet locally on one port")
    dev.add_argument("--port", type=int, default=8000)
    dev.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR),
                     help="where local data is kept between runs (default: .plein/)")
    dev.add_argument("--site-dir", default=str(SITE), help="where the site is built (site/)")
    dev.add_argument("--no-watch", action="store_true", help="do not rebuild on changes")
    dev.add_argument("--no-build", action="store_true", help="serve the site as already built")
    dev.add_argument("--snapshot-every", type=float, default=30, metavar="SECONDS",
                     help="how often local data is saved while running (default 30)")
    dev.add_argument("--private-site", action="store_true",
                     help="check CloudFront's signed cookies on the site, as when deployed")
    dev.add_argument("--no-demo-signin", action="store_true",
                     help="no demo employee picker: sign in only through the identity provider "
                     "in PLEIN_OIDC_ISSUER (docs/identity-providers.md)")
    dev.set_defaults(func=_dev)

    build = sub.add_parser("build", help="build the static site into site/")
    build.add_argument("--settings", default="pelicanconf.py")
    build.set_defaults(func=_build)

    package = sub.add_parser("package", help="write the template, Lambda code and site to a "
                             "folder, without contacting AWS")
    _with_stage(package)
    package.add_argument("--out", required=True, help="folder to write (replaced)")
    package.set_defaults(func=_package)

    deploy = sub.add_parser("deploy", help="package, then create or update the stage's stack "
                            "and upload the site")
    _with_stage(deploy)
    deploy.add_argument("--dry-run", action="store_true",
                        help="print what would change and write nothing")
    deploy.add_argument("--out", help="keep the package in this folder")
    deploy.set_defaults(func=_deploy)

    destroy = sub.add_parser("destroy", help="remove the stage's stack; keeps table and uploads")
    _with_stage(destroy)
    destroy.add_argument("--delete-data", action="store_true",
                         help="also delete the table and uploads (asks you to type the name)")
    destroy.set_defaults(func=_destroy)

    stats = sub.add_parser("stats", help="print the usage dashboard's numbers")
    stats.add_argument("--days", type=int, default=30, help="how many days back (1-90, default 30)")
    stats.add_argument("--format", choices=("table", "csv", "json"), default="table")
    stats.add_argument("--csv-table", default="daily",
                       choices=("daily", "pages", "groups", "weekly", "monthly"),
                       help="which table --format csv prints (default daily)")
    stats.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR),
                       help="local data to read (default: .plein/); ignored with --stage")
    stats.add_argument("--stage", help="read a deployed stage's table instead, found through "
                       "its stack (a stage from stages.toml; your AWS credentials)")
    stats.add_argument("--stages-file", default=str(STAGES_FILE), help=argparse.SUPPRESS)
    stats.add_argument("--table", help="that stage's table, if not the one its stack names")
    stats.add_argument("--region", help="overrides the stage's region")
    stats.set_defaults(func=_stats)

    people = sub.add_parser("people", help="manage employees").add_subparsers(
        dest="people_command", required=True)
    imp = people.add_parser("import", help="create or update employees from an HR CSV export")
    imp.add_argument("file", help="CSV: email, name, title, department, location, phone, "
                                  "expertise (tags separated by ';')")
    reindex = people.add_parser("reindex", help="rebuild the directory's search entries "
                                "from the profiles and file older comments, likes and "
                                "requests under their person (after an upgrade)")
    for command, verb in ((imp, "import into"), (reindex, "reindex")):
        command.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR),
                             help=f"local data to {verb} (default: .plein/); stop plein dev "
                                  "first")
        command.add_argument("--aws", action="store_true",
                             help=f"{verb} the deployed table named by PLEIN_TABLE instead")
    imp.set_defaults(func=_people_import)
    reindex.set_defaults(func=_people_reindex)

    jobs = sub.add_parser("jobs", help="scheduled jobs").add_subparsers(
        dest="jobs_command", required=True)
    run = jobs.add_parser("run", help="run a scheduled job now, or as if at another time")
    run.add_argument("name", help="the job: digest or reminders")
    run.add_argument("--at", help="ISO time to run it as if at (default: now; UTC if no zone)")
    run.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR),
                     help="local data to run it on (default: .plein/); stop plein dev first")
    run.add_argument("--aws", action="store_true",
                     help="run it on the deployed table named by PLEIN_TABLE instead")
    run.set_defaults(func=_jobs_run)
    search = sub.add_parser("search", help="manage the search index").add_subparsers(
        dest="search_command", required=True)
    rebuild = search.add_parser("reindex", help="index every post and comment for search, "
                                "and drop what no longer exists (after an upgrade)")
    rebuild.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR),
                         help="local data to reindex (default: .plein/); stop plein dev first")
    rebuild.add_argument("--aws", action="store_true",
                         help="reindex the deployed table named by PLEIN_TABLE instead")
    rebuild.set_defaults(func=_search_reindex)
    return top


def main(argv: list[str] | None = None) -> int:
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    from .deploy.package import PackageError
    from .deploy.plan import DeployError
    from .deploy.stages import StageError

    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (StageError, PackageError, DeployError) as err:
        print(f"plein {args.command}: {err}", file=sys.stderr)
        return 1
    except NoCredentialsError:
        print(f"plein {args.command}: no AWS credentials. Sign in (aws sso login, or a "
              "profile in AWS_PROFILE), or run it from the CI workflow.", file=sys.stderr)
        return 1
    except (ClientError, BotoCoreError) as err:
        print(f"plein {args.command}: AWS refused: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
