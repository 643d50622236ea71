"""The two private S3 buckets (site, uploads) and the policies that let only CloudFront read."""

from .template import sub


def private_bucket(retain: bool) -> dict:
    bucket = {
        "Type": "AWS::S3::Bucket",
        "Properties": {
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True, "BlockPublicPolicy": True,
                "IgnorePublicAcls": True, "RestrictPublicBuckets": True,
            },
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
            "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
        },
    }
    if retain:
        bucket["DeletionPolicy"] = bucket["UpdateReplacePolicy"] = "Retain"
        bucket["Properties"]["VersioningConfiguration"] = {"Status": "Enabled"}
        bucket["Properties"]["LifecycleConfiguration"] = {"Rules": [
            # Originals carry EXIF (location) and are deleted once processed; an upload that
            # never made it into a post goes after a day, and so does every old version.
            {"Id": "originals", "Status": "Enabled", "Prefix": "originals/",
             "ExpirationInDays": 1,
             "NoncurrentVersionExpiration": {"NoncurrentDays": 1},
             "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}},
            # Versions keep a deleted photo restorable for a month, then it is gone.
            {"Id": "old-versions", "Status": "Enabled",
             "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
             "ExpiredObjectDeleteMarker": True},
        ]}
    return bucket


def cloudfront_read_policy(bucket: str, objects: str, list_bucket: bool) -> dict:
    """Only this distribution may read, and only over TLS."""
    source = {"StringEquals": {"AWS:SourceArn": sub(
        "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}")}}
    statements = [{
        "Sid": "CloudFrontReads", "Effect": "Allow",
        "Principal": {"Service": "cloudfront.amazonaws.com"},
        "Action": "s3:GetObject", "Resource": sub(f"${{{bucket}.Arn}}/{objects}"),
        "Condition": source,
    }]
    if list_bucket:
        # Lets S3 answer 404 rather than 403 for a page that does not exist.
        statements.append({
            "Sid": "CloudFrontLists", "Effect": "Allow",
            "Principal": {"Service": "cloudfront.amazonaws.com"},
            "Action": "s3:ListBucket", "Resource": sub(f"${{{bucket}.Arn}}"),
            "Condition": source,
        })
    statements.append({
        "Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [sub(f"${{{bucket}.Arn}}"), sub(f"${{{bucket}.Arn}}/*")],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    })
    return {"Type": "AWS::S3::BucketPolicy", "Properties": {
        "Bucket": {"Ref": bucket},
        "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
    }}


def logs_bucket(days: int) -> dict:
    """CloudFront's access logs: private, and gone after `days` (the privacy page says how
    long). CloudFront's standard logs are delivered with an ACL, so this one bucket keeps ACLs
    on, owned by the bucket owner."""
    bucket = private_bucket(retain=False)
    bucket["Properties"]["OwnershipControls"] = {
        "Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]}
    bucket["Properties"]["LifecycleConfiguration"] = {"Rules": [
        {"Id": "expire", "Status": "Enabled", "ExpirationInDays": days,
         "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}}]}
    return bucket
