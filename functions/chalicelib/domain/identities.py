"""Which employee an identity provider's (issuer, sub) is, and keeping their email in step.

Emails change (marriage, a renamed domain) and get reassigned to someone new; the provider's
`sub` does neither. So sign-in matches on (issuer, sub), and falls back to the email only for
a profile no one has signed in as yet (made by the HR import, or before subjects were stored),
which it then links for good.
"""

from ..models import EmailIndex, Person, SubjectIndex
from ..models.transactions import Conflict, transaction
from . import people


def by_subject(issuer: str, subject: str) -> Person | None:
    try:
        link = SubjectIndex.get(*SubjectIndex.key(issuer, subject))
    except SubjectIndex.DoesNotExist:
        return None
    return people.get(link.person_id)


def link(person: Person, issuer: str, subject: str) -> Person | None:
    """Ties a profile that has no identity yet to this one; None when another sign-in tied it
    (or the identity) first."""
    try:
        with transaction() as tx:
            tx.save(SubjectIndex(*SubjectIndex.key(issuer, subject), person_id=person.id),
                    condition=SubjectIndex.pk.does_not_exist())
            tx.update(person, actions=[Person.issuer.set(issuer), Person.subject.set(subject)],
                      condition=Person.subject.does_not_exist())
    except Conflict:  # another sign-in got there first
        return None
    person.issuer, person.subject = issuer, subject
    return person


def change_email(person: Person, email: str) -> bool:
    """The provider says this person's address is now `email`: the profile and its email link
    follow. False (nothing changed) when another profile holds that address: two profiles
    cannot share one, and the other may be someone else's (see ARCHITECTURE.md)."""
    if people.by_email(email) is not None:
        return False
    old = EmailIndex(*EmailIndex.key(person.email))
    try:
        with transaction() as tx:
            tx.delete(old, condition=EmailIndex.person_id == person.id)
            tx.save(EmailIndex(*EmailIndex.key(email), person_id=person.id),
                    condition=EmailIndex.pk.does_not_exist())
            tx.update(person, actions=[Person.email.set(email)],
                      condition=Person.email == person.email)
    except Conflict:
        return False
    person.email = email
    return True
