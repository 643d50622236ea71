"""Per-stage configuration from `stages.toml`: one file, checked before anything is built."""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import ROOT

STAGES_FILE = ROOT / "stages.toml"
_NAME = re.compile(r"^[a-z][a-z0-9-]{0,20}$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# CloudFront only accepts certificates from ACM in us-east-1.
_CERT = re.compile(r"^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate/[0-9a-f-]+$")
_PARAM = re.compile(r"^(/[A-Za-z0-9_.-]+)+$")
LOG_RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
                      2192, 2557, 2922, 3288, 3653)


class StageError(ValueError):
    """The stage file or one of its values is wrong; the message says which and why."""


@dataclass(frozen=True)
class Oidc:
    issuer: str = ""
    client_id: str = ""
    client_secret_param: str = ""


@dataclass(frozen=True)
class Mail:
    """Notification mail through SES: a verified sender and, optionally, its configuration set
    (events, suppression options). `identity` is the SES identity the sender belongs to: the
    sender's domain unless the address itself was verified."""

    sender: str = ""
    configuration_set: str = ""
    identity: str = ""

    @property
    def sender_address(self) -> str:
        from email.utils import parseaddr

        return parseaddr(self.sender)[1]

    @property
    def identity_name(self) -> str:
        return self.identity or self.sender_address.rpartition("@")[2]


@dataclass(frozen=True)
class Stage:
    name: str
    region: str = "eu-west-1"
    domain: str = ""
    certificate_arn: str = ""
    admin_emails: tuple[str, ...] = ()
    oidc: Oidc = field(default_factory=Oidc)
    mail: Mail = field(default_factory=Mail)
    private_site: bool = True  # pages only with CloudFront signed cookies set at sign-in
    settings: tuple[tuple[str, str], ...] = ()  # other non-secret API settings, by name
    # What a flood may cost: the API's share of the account's Lambda concurrency, and API
    # Gateway's steady rate and burst per second, for the whole stage.
    reserved_concurrency: int = 25
    api_rate_limit: int = 50
    api_burst_limit: int = 100
    log_retention_days: int = 30  # the functions' logs
    access_log_days: int = 14  # CloudFront's access logs (see the privacy page)

    @property
    def stack_name(self) -> str:
        return f"plein-{self.name}"

    @property
    def session_secret_param(self) -> str:
        return f"/plein/{self.name}/session-secret"

    @property
    def site_key_param(self) -> str:
        return f"/plein/{self.name}/cloudfront-private-key"

    @property
    def vapid_key_param(self) -> str:
        return f"/plein/{self.name}/vapid-private-key"


def _check(ok: bool, where: str, reason: str) -> None:
    if not ok:
        raise StageError(f"{where}: {reason}")


def parse(data: dict, name: str, where: str = "stages.toml") -> Stage:
    stages = data.get("stages", {})
    _check(name in stages, where,
           f"no stage {name!r} (defined: {', '.join(sorted(stages)) or 'none'})")
    _check(bool(_NAME.match(name)), where,
           f"stage name {name!r} must be lower-case letters, digits and dashes")
    # "local" is what `plein dev` runs as: plain-http cookies without the __Host- prefix.
    # A deployed stage of that name would get them on the internet.
    _check(name != "local", where, "the stage name 'local' is reserved for `plein dev`; "
           "choose another name for a deployed stage")
    raw = dict(stages[name])
    at = f"{where} [stages.{name}]"
    oidc_raw = raw.pop("oidc", {}) or {}
    settings_raw = raw.pop("settings", {}) or {}
    mail_raw = raw.pop("mail", {}) or {}
    limits = ("reserved_concurrency", "api_rate_limit", "api_burst_limit", "log_retention_days",
              "access_log_days")
    known = {"region", "domain", "certificate_arn", "admin_emails", "private_site", *limits}
    unknown = set(raw) - known
    _check(not unknown, at, f"unknown keys {sorted(unknown)} (known: {sorted(known)})")
    stage = Stage(
        name=name,
        region=raw.get("region", "eu-west-1"),
        domain=raw.get("domain", "").lower(),
        certificate_arn=raw.get("certificate_arn", ""),
        admin_emails=tuple(e.strip().lower() for e in raw.get("admin_emails", [])),
        private_site=raw.get("private_site", True),
        settings=tuple(sorted((str(k), str(v)) for k, v in settings_raw.items())),
        oidc=Oidc(**{k: oidc_raw.get(k, "") for k in ("issuer", "client_id",
                                                      "client_secret_param")}),
        mail=Mail(**{k: str(mail_raw.get(k, "")) for k in ("sender", "configuration_set",
                                                           "identity")}),
        **{k: raw[k] for k in limits if k in raw},
    )
    for key in limits:
        value = getattr(stage, key)
        _check(isinstance(value, int) and not isinstance(value, bool) and value > 0, at,
               f"{key} is a whole number above 0")
    _check(stage.log_retention_days in LOG_RETENTION_DAYS, at,
           f"log_retention_days is one of CloudWatch's periods: {LOG_RETENTION_DAYS}")
    unknown = set(mail_raw) - {"sender", "configuration_set", "identity"}
    _check(not unknown, f"{at}.mail", f"unknown keys {sorted(unknown)}")
    _check(not stage.mail.sender or bool(_EMAIL.match(stage.mail.sender_address)), f"{at}.mail",
           f"sender {stage.mail.sender!r} has no email address")
    _check(not stage.mail.configuration_set or bool(
        re.match(r"^[A-Za-z0-9_-]{1,64}$", stage.mail.configuration_set)), f"{at}.mail",
        "configuration_set is an SES configuration set name (letters, digits, - and _)")
    _check(not (stage.mail.configuration_set or stage.mail.identity) or bool(stage.mail.sender),
           f"{at}.mail", "set sender too, or mail stays off")
    unknown = set(oidc_raw) - {"issuer", "client_id", "client_secret_param"}
    _check(not unknown, f"{at}.oidc", f"unknown keys {sorted(unknown)}")
    _check(isinstance(stage.private_site, bool), at, "private_site is true or false")
    _check(bool(re.match(r"^[a-z]{2}(-[a-z]+)+-\d$", stage.region)), at,
           f"region {stage.region!r} is not an AWS region name")
    _check(not stage.domain or bool(_DOMAIN.match(stage.domain)), at,
           f"domain {stage.domain!r} is not a host name")
    _check(bool(stage.domain) == bool(stage.certificate_arn), at,
           "domain and certificate_arn go together: set both or neither")
    _check(not stage.certificate_arn or bool(_CERT.match(stage.certificate_arn)), at,
           "certificate_arn must be an ACM certificate in us-east-1 (CloudFront needs that)")
    bad = [e for e in stage.admin_emails if not _EMAIL.match(e)]
    _check(not bad, at, f"admin_emails has addresses that are not emails: {bad}")
    for name, _value in stage.settings:
        _check(name.startswith("PLEIN_"), f"{at}.settings", f"{name} is not a Plein setting")
        # Secrets never go through this file; the API reads them from SSM (…_PARAM).
        _check(not name.endswith(("SECRET", "PRIVATE_KEY")), f"{at}.settings",
               f"{name} is a secret: store it in SSM and name its parameter instead")
        # The demo routes sign anyone in as anyone: only `plein dev` turns them on.
        _check(name != "PLEIN_DEMO_SIGNIN", f"{at}.settings",
               f"{name} is for `plein dev` only; a deployed stage never has demo sign-in")
    oidc = stage.oidc
    _check(not oidc.issuer or oidc.issuer.startswith("https://"), f"{at}.oidc",
           "issuer must be an https:// URL")
    _check(not oidc.client_secret_param or bool(_PARAM.match(oidc.client_secret_param)),
           f"{at}.oidc", "client_secret_param is an SSM parameter name like /plein/prod/x, "
           "never the secret itself")
    return stage


def load(name: str, path: Path = STAGES_FILE) -> Stage:
    try:
        data = tomllib.loads(Path(path).read_text())
    except FileNotFoundError:
        raise StageError(f"{path}: not found") from None
    except tomllib.TOMLDecodeError as err:
        raise StageError(f"{path}: {err}") from None
    return parse(data, name, where=str(path))
