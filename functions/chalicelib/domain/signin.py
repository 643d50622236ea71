"""What happens after the identity provider vouched for someone: find or create the employee."""

from ..clock import Clock
from ..errors import ApiError
from ..ids import IdMaker
from ..models import Person
from . import identities, oidc, people
from .oidc import Identity, Provider, SignInRefused
from .roles import RoleSources, role_for


def _find(who: Identity) -> Person | None:
    """By (issuer, sub); by email only a profile that no identity claimed yet, which is then
    linked to this one. An address that another identity holds is refused: the provider gave
    it to someone new, and the old profile is theirs, not this person's."""
    person = identities.by_subject(who.issuer, who.subject)
    if person is not None:
        return person
    person = people.by_email(who.email)
    if person is None:
        return None
    if person.subject is None:
        linked = identities.link(person, who.issuer, who.subject)
        if linked is not None:
            return linked
        person = identities.by_subject(who.issuer, who.subject)  # a parallel sign-in linked it
        if person is not None:
            return person
    raise SignInRefused("email", "the address belongs to another identity's profile")


def sign_in(who: Identity, sources: RoleSources, clock: Clock, new_id: IdMaker) -> Person:
    """The employee for this identity, created from the token's claims on first sign-in.

    Two GetItems for a returning employee; one more write when the role or the email changed
    or the profile is new. Two first sign-ins at once cannot make two profiles: the email and
    identity links are written with the profile in one transaction, and the loser reads the
    winner's.
    """
    role = role_for(who.email, who.groups, sources)
    person = _find(who)
    if person is None:
        try:
            return people.create({"email": who.email, "name": who.name, "role": role,
                                  **who.profile}, clock, new_id, (who.issuer, who.subject))
        except ApiError as err:
            person = _find(who) if err.status == 409 else None
            if person is None:
                raise
    if person.email != who.email:
        identities.change_email(person, who.email)
    if person.role != role:
        # A changed role ends the sessions issued under the old one, on every device.
        person.update(actions=[Person.role.set(role), Person.session_version.add(1)])
    return person


def complete(provider: Provider, params: dict, flow_token: str | None, sources: RoleSources,
             clock: Clock, new_id: IdMaker) -> tuple[Person, str, str]:
    """The provider's callback: (the signed-in employee, where they were going, the ID token
    to hint the provider's sign-out with)."""
    flow = oidc.read_flow(flow_token, clock())
    who = oidc.finish(provider, params, flow, clock())
    return sign_in(who, sources, clock, new_id), flow["next"], who.id_token
