"""docs/openapi.yaml documents every route the app has, with every method."""

from pathlib import Path

import yaml

SPEC = yaml.safe_load((Path(__file__).resolve().parent.parent / "docs/openapi.yaml").read_text())


def test_every_route_and_method_is_documented(app):
    documented = {(path, method.upper()) for path, ops in SPEC["paths"].items()
                  for method in ops if method != "parameters"}
    actual = {(path, method) for path, methods in app.routes.items() for method in methods}
    assert sorted(actual - documented) == []
    assert sorted(documented - actual) == []
