"""Where a finished message goes: Amazon SES v2 when deployed, an outbox folder of `.eml` files
locally (`PLEIN_MAIL_OUTBOX`), so an admin sees exactly what would be sent.

Hard bounces and complaints: SES's account-level suppression list (and the configuration
set's suppression options) hold the addresses that bounced hard or complained. Before each
message we ask SES whether the address is on it, and send nothing when it is. Locally the
outbox's `suppressed.txt` (one address a line) plays that list.
"""

import logging
import os
import tempfile
from email.message import EmailMessage
from email.utils import parseaddr
from functools import lru_cache
from hashlib import sha256
from pathlib import Path

from ...settings import Settings, settings

log = logging.getLogger(__name__)
SUPPRESSED_FILE = "suppressed.txt"


class Outbox:
    """Every message as an RFC 5322 file, named so the folder lists oldest first."""

    def __init__(self, folder: str | Path, sender: str = ""):
        self.folder = Path(folder)
        self.sender = sender

    def suppressed(self, address: str) -> bool:
        listed = self.folder / SUPPRESSED_FILE
        if not listed.exists():
            return False
        wanted = address.strip().lower()
        return any(line.strip().lower() == wanted for line in listed.read_text().splitlines())

    def send(self, message: EmailMessage, stamp: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = message.as_bytes()
        name = f"{stamp}-{sha256(data).hexdigest()[:12]}.eml"
        # Written aside and renamed, so the outbox page never shows half a message.
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        target = self.folder / name
        os.replace(tmp, target)
        return target


class Ses:
    """Amazon SES v2: raw content, so the message is sent exactly as built."""

    def __init__(self, client, sender: str, configuration_set: str = ""):
        self.client = client
        self.sender = sender
        self.configuration_set = configuration_set

    def suppressed(self, address: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.get_suppressed_destination(EmailAddress=address)
        except ClientError as err:
            # Not on the list is SES's NotFoundException, an HTTP 404.
            if err.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
                return False
            raise
        return True

    def send(self, message: EmailMessage, stamp: str) -> str:
        extra = {"ConfigurationSetName": self.configuration_set} \
            if self.configuration_set else {}
        answer = self.client.send_email(
            FromEmailAddress=parseaddr(str(message["From"]))[1],
            Destination={"ToAddresses": [parseaddr(str(message["To"]))[1]]},
            Content={"Raw": {"Data": message.as_bytes()}}, **extra)
        return answer.get("MessageId", "")


def for_settings(config: Settings):
    """The transport these settings ask for; None when mail is not configured at all."""
    if config.mail_outbox:
        return Outbox(config.mail_outbox, config.mail_sender)
    if config.mail_sender:
        import boto3

        client = boto3.client("sesv2", region_name=config.region,
                              endpoint_url=config.ses_endpoint)
        return Ses(client, config.mail_sender, config.mail_configuration_set)
    return None


@lru_cache(maxsize=1)
def default():
    found = for_settings(settings)
    if found is None:
        log.warning("No PLEIN_MAIL_OUTBOX or PLEIN_MAIL_SENDER: notification mail is off.")
    return found
