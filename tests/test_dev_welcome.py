"""`make dev`'s last line says where the intranet is and who to sign in as."""

import tomllib
from pathlib import Path

from infra.local.dev import welcome

PEOPLE = Path(__file__).resolve().parent.parent / "infra" / "demo" / "people.toml"


def test_the_welcome_names_the_address_and_a_demo_admin_to_sign_in_as():
    with open(PEOPLE, "rb") as fh:
        people = tomllib.load(fh)["people"]
    admin = next(p["name"] for p in people if p["role"] == "admin")
    line = welcome("127.0.0.1", 8000)
    assert "http://127.0.0.1:8000/" in line
    assert admin in line and "admin" in line
    assert "\n" not in line
