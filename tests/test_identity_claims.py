"""Who a verified ID token lets in: email, domain, required group, profile fields, roles."""

import pytest
from chalicelib.domain.oidc import Provider, SignInRefused, identity, safe_next

BASE = Provider(issuer="https://idp.example", client_id="plein", client_secret="s",
                redirect_uri="https://plein.example/api/auth/callback",
                allowed_domains=("voorbeeld.nl",))


def claims(**extra):
    return {"sub": "1", "email": "anna@voorbeeld.nl", "name": "Anna", **extra}


def refused_for(provider, token_claims):
    with pytest.raises(SignInRefused) as err:
        identity(provider, token_claims)
    return err.value.code


def test_required_group_must_be_present():
    provider = Provider(**{**BASE.__dict__, "required_group": "medewerkers"})
    assert refused_for(provider, claims(groups=["anders"])) == "group"
    assert refused_for(provider, claims()) == "group"
    assert identity(provider, claims(groups=["medewerkers"])).groups == ("medewerkers",)


def test_a_custom_groups_claim_is_read():
    provider = Provider(**{**BASE.__dict__, "required_group": "staff",
                           "groups_claim": "cognito:groups"})
    assert identity(provider, claims(**{"cognito:groups": ["staff"]})).email == "anna@voorbeeld.nl"


def test_no_configured_domain_lets_nobody_in_and_star_lets_anyone_in():
    assert refused_for(Provider(**{**BASE.__dict__, "allowed_domains": ()}), claims()) == "domain"
    star = Provider(**{**BASE.__dict__, "allowed_domains": ("*",)})
    assert identity(star, claims(email="x@elders.nl")).email == "x@elders.nl"


def test_entra_style_tokens_use_preferred_username_and_profile_claims():
    who = identity(BASE, {"sub": "1", "preferred_username": "Kees.Mulder@voorbeeld.nl",
                          "given_name": "Kees", "family_name": "Mulder",
                          "jobTitle": "Wijkbeheerder", "department": "Openbare Ruimte"})
    assert (who.email, who.name) == ("kees.mulder@voorbeeld.nl", "Kees Mulder")
    assert who.profile == {"title": "Wijkbeheerder", "department": "Openbare Ruimte"}


def test_a_token_without_an_email_is_refused():
    assert refused_for(BASE, {"sub": "1", "preferred_username": "kees"}) == "email"


@pytest.mark.parametrize("path, expected", [
    ("/nieuws/a.html", "/nieuws/a.html"), (None, "/"), ("", "/"), ("nieuws", "/"),
    ("//evil.example", "/"), ("/\\evil.example", "/"), ("/a\r\nSet-Cookie: x=1", "/"),
])
def test_safe_next(path, expected):
    assert safe_next(path) == expected
