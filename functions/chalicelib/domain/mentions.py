"""@mentions: `@anna.de.vries` names the colleague whose email is anna.de.vries@<the writer's
domain>. Handles are resolved once, when the text is written (one BatchGet), and stored with
it; rendering only turns the stored ones into links to the profile page."""

import re

from ..models import EmailIndex

MAX_MENTIONS = 20
PROFILE_URL = "/mensen/profiel.html?id={id}"
# Not after a word character, so email addresses and paths are left alone.
HANDLE = re.compile(r"(?<![\w@/.])@([a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?)", re.IGNORECASE)


def handles(text: str) -> list[str]:
    found = []
    for match in HANDLE.finditer(text):
        handle = match.group(1).lower()
        if handle not in found:
            found.append(handle)
    return found[:MAX_MENTIONS]


def resolve(text: str, writer_email: str) -> dict:
    """{handle: person id} for every @handle in `text` that names a colleague."""
    domain = writer_email.rsplit("@", 1)[-1].lower()
    wanted = {f"{h}@{domain}": h for h in handles(text)}
    if not wanted:
        return {}
    keys = [EmailIndex.key(email) for email in wanted]
    return {wanted[link.pk.removeprefix("EMAIL#")]: link.person_id
            for link in EmailIndex.batch_get(keys)}


def link(text: str, mentions: dict) -> str:
    """Markdown with each resolved @handle as a link; handles and ids are [a-z0-9._-] only."""
    if not mentions:
        return text

    def replace(match: re.Match) -> str:
        person_id = mentions.get(match.group(1).lower())
        if not person_id:
            return match.group(0)
        return f"[@{match.group(1)}]({PROFILE_URL.format(id=person_id)})"

    return HANDLE.sub(replace, text)
