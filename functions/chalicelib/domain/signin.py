"""What happens after the identity provider vouched for someone: find or create the employee."""

from ..errors import ApiError
from ..ids import Clock, IdMaker
from ..models import Person
from ..policy import RoleSources, role_for
from . import oidc, people
from .oidc import Identity, Provider


def sign_in(who: Identity, sources: RoleSources, clock: Clock, new_id: IdMaker) -> Person:
    """The employee for this identity, created from the token's claims on first sign-in.

    Two GetItems for a returning employee; one more write when the role changed or the
    profile is new. Two first sign-ins at once cannot make two profiles: the email link is
    written with the profile in one transaction, and the loser reads the winner's.
    """
    role = role_for(who.email, who.groups, sources)
    person = people.by_email(who.email)
    if person is None:
        try:
            return people.create({"email": who.email, "name": who.name, "role": role,
                                  **who.profile}, clock, new_id)
        except ApiError as err:
            person = people.by_email(who.email) if err.status == 409 else None
            if person is None:
                raise
    if person.role != role:
        person.update(actions=[Person.role.set(role)])
    return person


def complete(provider: Provider, params: dict, flow_token: str | None, sources: RoleSources,
             clock: Clock, new_id: IdMaker) -> tuple[Person, str]:
    """The provider's callback: (the signed-in employee, where they were going)."""
    flow = oidc.read_flow(flow_token, clock())
    who = oidc.finish(provider, params, flow, clock())
    return sign_in(who, sources, clock, new_id), flow["next"]
