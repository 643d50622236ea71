"""Secrets from SSM Parameter Store, read once per Lambda container."""

from functools import lru_cache

from .settings import settings


@lru_cache(maxsize=8)
def parameter(name: str) -> str:
    import boto3

    ssm = boto3.client("ssm", region_name=settings.region)
    return ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]


def secret(value: str, param: str) -> str:
    """The value itself when given (tests, local), else the SSM parameter's; '' when neither."""
    if value:
        return value
    return parameter(param) if param else ""
