"""`plein deploy`: one stack through a change set, then the official groups, then the site,
then the URL.

Every AWS client is passed in (`Aws`), so tests run the S3, SSM and DynamoDB parts against
moto's server and the CloudFormation part against recorded responses.
"""

import hashlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from botocore.exceptions import ClientError

from . import events, groups, plan, sync
from .package import Package
from .stages import Stage

TEMPLATE_BODY_LIMIT = 51_200  # CloudFormation's limit for an inline template


@dataclass
class Aws:
    cloudformation: object
    s3: object
    ssm: object
    sts: object
    cloudfront: object
    dynamodb: object = None

    @classmethod
    def for_region(cls, region: str) -> "Aws":
        import boto3

        session = boto3.Session(region_name=region)
        return cls(**{name: session.client(name) for name in (
            "cloudformation", "s3", "ssm", "sts", "cloudfront", "dynamodb")})


def artifacts_bucket(aws: Aws, region: str) -> str:
    account = aws.sts.get_caller_identity()["Account"]
    return f"plein-artifacts-{account}-{region}"


def ensure_artifacts_bucket(aws: Aws, bucket: str, region: str) -> None:
    """A private bucket for the Lambda code; it must exist before the stack can refer to it."""
    try:
        aws.s3.head_bucket(Bucket=bucket)
        return
    except ClientError as err:
        if err.response["Error"]["Code"] not in ("404", "NoSuchBucket"):
            raise
    extra = {} if region == "us-east-1" else {
        "CreateBucketConfiguration": {"LocationConstraint": region}}
    aws.s3.create_bucket(Bucket=bucket, **extra)
    aws.s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True,
        "BlockPublicPolicy": True, "RestrictPublicBuckets": True})


def upload_artifact(aws: Aws, bucket: str, pkg: Package) -> str:
    """Content-addressed, so an unchanged artifact is never uploaded twice."""
    key = f"plein/{pkg.artifact_digest}.zip"
    try:
        aws.s3.head_object(Bucket=bucket, Key=key)
    except ClientError:
        aws.s3.put_object(Bucket=bucket, Key=key, Body=pkg.artifact_path.read_bytes())
    return key


def ensure_secret(ssm, name: str) -> bool:
    """Creates the session key once, as a SecureString; True when it was created. The value
    lives only in SSM: never in the repository, the template or the output."""
    try:
        ssm.get_parameter(Name=name)
        return False
    except ssm.exceptions.ParameterNotFound:
        pass
    ssm.put_parameter(Name=name, Value=secrets.token_urlsafe(48), Type="SecureString",
                      Overwrite=False, Description="Plein session signing key")
    return True


def ensure_vapid_key(ssm, name: str) -> bool:
    """Creates the Web Push (VAPID) signing key once, as a SecureString; True when created.
    Never replaced: every browser subscribed with its public half."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    try:
        ssm.get_parameter(Name=name)
        return False
    except ssm.exceptions.ParameterNotFound:
        pass
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    ssm.put_parameter(Name=name, Value=pem, Type="SecureString", Overwrite=False,
                      Description="Plein: signs Web Push notifications (VAPID)")
    return True


def site_public_key(ssm, name: str, create: bool) -> str:
    """The public half (PEM) of the key the API signs site cookies with. The private half is
    made here once, as a SecureString, and only the API reads it; "" when it does not exist
    and `create` is off (a dry run)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    try:
        pem = ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except ssm.exceptions.ParameterNotFound:
        if not create:
            return ""
        # RSA 2048: what CloudFront's signed cookies take.
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
        ssm.put_parameter(Name=name, Value=pem, Type="SecureString", Overwrite=False,
                          Description="Plein: signs CloudFront site cookies")
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def stack_parameters(pkg: Package, stage: Stage, stack: plan.Stack | None,
                     site_key: str) -> dict[str, str]:
    params = {"PublicOrigin": public_origin(stage, stack)}
    if "SitePublicKey" in pkg.template().get("Parameters", {}):
        params["SitePublicKey"] = site_key
    return params


def template_body(pkg: Package, bucket: str, key: str) -> str:
    """The packaged template with the Lambda code pointing at its uploaded artifact."""
    template = pkg.template()
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = {"Bucket": bucket, "Key": key}
    return json.dumps(template, separators=(",", ":"), sort_keys=True)


def template_source(aws: Aws, bucket: str, body: str, region: str) -> str | dict:
    """Inline when CloudFormation takes it inline; otherwise uploaded next to the code."""
    if len(body) <= TEMPLATE_BODY_LIMIT:
        return body
    key = f"plein/{hashlib.sha256(body.encode()).hexdigest()}.template.json"
    aws.s3.put_object(Bucket=bucket, Key=key, Body=body.encode())
    return {"TemplateURL": f"https://{bucket}.s3.{region}.amazonaws.com/{key}"}


def public_origin(stage: Stage, stack: plan.Stack | None) -> str:
    if stage.domain:
        return f"https://{stage.domain}"
    domain = stack.outputs.get("DistributionDomain", "") if stack else ""
    return f"https://{domain}" if domain else ""


def _new_stack_plan(pkg: Package) -> str:
    resources = pkg.template()["Resources"]
    lines = [f"Create stack {pkg.stack_name} in {pkg.region} with {len(resources)} resources:"]
    lines += [f"  + {name} [{r['Type']}]" for name, r in sorted(resources.items())]
    return "\n".join(lines)


def _sync_site(aws: Aws, stack: plan.Stack, pkg: Package, dry_run: bool,
               report: plan.Report) -> sync.SyncPlan:
    bucket = stack.outputs["SiteBucket"]
    todo = sync.plan(pkg.site_dir, sync.remote_etags(aws.s3, bucket),
                     sync.remote_rules(aws.s3, bucket))
    if dry_run or todo.empty:
        return todo
    sync.apply(aws.s3, bucket, pkg.site_dir, todo, report)
    paths = sync.invalidation_paths(todo)
    if paths:
        sync.invalidate(aws.cloudfront, stack.outputs["DistributionId"], paths,
                        reference=f"plein-{pkg.deploy_hash[:8]}-{time.time_ns()}")
        report(f"Invalidated {len(paths)} path(s): {', '.join(paths[:5])}"
               + (" ..." if len(paths) > 5 else ""))
    return todo


def _update_stack(aws: Aws, pkg: Package, stage: Stage, stack: plan.Stack | None,
                  body: str | dict, site_key: str, report: plan.Report,
                  sleep) -> plan.Stack:
    kind = plan.check_deployable(stack)
    params = stack_parameters(pkg, stage, stack, site_key)
    name = f"plein-{pkg.deploy_hash[:12]}-{int(time.time())}"
    report(f"Working out the changes to {pkg.stack_name} ...")
    change_set = plan.create_change_set(aws.cloudformation, pkg.stack_name, kind, body,
                                        params, name, sleep)
    if change_set is None:
        report("Stack: no resource changes.")
    else:
        report(plan.summary(change_set))
        report("Applying (stack events follow; a new distribution takes several minutes) ...")
        plan.execute(aws.cloudformation, pkg.stack_name, change_set, report, sleep)
    return plan.describe(aws.cloudformation, pkg.stack_name)


def preview(pkg: Package, aws: Aws, stack: plan.Stack | None, params: dict[str, str],
            report: plan.Report, sleep: Callable[[float], None]) -> int:
    """What would change. Reads only; for an existing stack CloudFormation computes the
    difference in a change set that is deleted again, never executed."""
    cfn = aws.cloudformation
    report("Dry run: nothing will be written.")
    kind = plan.check_deployable(stack)
    if kind == "CREATE":  # none yet, or only an unexecuted change set
        report(_new_stack_plan(pkg))
        report(f"Site: {len(sync.local_files(pkg.site_dir))} file(s) to upload")
        return 0
    if plan.is_current(stack, pkg.deploy_hash, params):
        report("Stack: up to date.")
    else:
        body = template_body(pkg, artifacts_bucket(aws, pkg.region),
                             f"plein/{pkg.artifact_digest}.zip")
        if len(body) > TEMPLATE_BODY_LIMIT:
            report("Stack: the template changed; it is too large to preview without "
                   "uploading it, so the dry run stops here.")
            report(_sync_site(aws, stack, pkg, True, report).describe())
            return 0
        change_set = plan.create_change_set(cfn, pkg.stack_name, kind, body, params,
                                         f"plein-preview-{int(time.time())}", sleep)
        if change_set is None:
            report("Stack: no resource changes.")
        else:
            report(plan.summary(change_set))
            cfn.delete_change_set(StackName=pkg.stack_name, ChangeSetName=change_set.name)
    report(_sync_site(aws, stack, pkg, True, report).describe())
    return 0


def deploy(pkg: Package, stage: Stage, aws: Aws, dry_run: bool = False,
           report: plan.Report = print, sleep: Callable[[float], None] = time.sleep) -> int:
    stack = plan.describe(aws.cloudformation, pkg.stack_name)
    plan.check_deployable(stack)
    private = "SitePublicKey" in pkg.template().get("Parameters", {})
    site_key = site_public_key(aws.ssm, stage.site_key_param, create=False) if private else ""
    params = stack_parameters(pkg, stage, stack, site_key)
    if dry_run:
        if private and not site_key:
            report(f"Would create the site-cookie signing key in SSM: {stage.site_key_param}")
        code = preview(pkg, aws, stack, params, report, sleep)
        groups.sync(aws.dynamodb, aws.s3, stack, pkg.content_dir, stage.name, True, report)
        events.sync(aws.dynamodb, aws.s3, stack, pkg.content_dir, stage.name, True, report)
        return code

    stack_current = plan.is_current(stack, pkg.deploy_hash, params)
    if stack_current:
        report(f"Stack {pkg.stack_name}: up to date.")
    else:
        if ensure_secret(aws.ssm, stage.session_secret_param):
            report(f"Created the session key in SSM: {stage.session_secret_param}")
        if ensure_vapid_key(aws.ssm, stage.vapid_key_param):
            report(f"Created the Web Push key in SSM: {stage.vapid_key_param}")
        if private and not site_key:
            site_key = site_public_key(aws.ssm, stage.site_key_param, create=True)
            report(f"Created the site-cookie signing key in SSM: {stage.site_key_param}")
        bucket = artifacts_bucket(aws, pkg.region)
        ensure_artifacts_bucket(aws, bucket, pkg.region)
        body = template_source(aws, bucket, template_body(
            pkg, bucket, upload_artifact(aws, bucket, pkg)), pkg.region)
        stack = _update_stack(aws, pkg, stage, stack, body, site_key, report, sleep)
        if stack.parameters.get("PublicOrigin") != public_origin(stage, stack):
            # First deployment without a domain: the distribution's name exists only now.
            report("Telling the API its public address ...")
            stack = _update_stack(aws, pkg, stage, stack, body, site_key, report, sleep)

    # Before the site, whose group pages link to them; every deploy, since editors add
    # groups by commit and a content-only deploy leaves the stack alone.
    groups.sync(aws.dynamodb, aws.s3, stack, pkg.content_dir, stage.name, False, report)
    events.sync(aws.dynamodb, aws.s3, stack, pkg.content_dir, stage.name, False, report)
    done = _sync_site(aws, stack, pkg, False, report)
    if stack_current and done.empty:
        report(f"Nothing to deploy: stack and site are up to date.\n{stack.outputs['Url']}")
        return 0
    report(f"Deployed {pkg.stack_name}: {stack.outputs['Url']}")
    return 0
