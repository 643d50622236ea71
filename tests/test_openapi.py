"""docs/openapi.yaml documents every route the app has, with every method, and per operation
exactly the error statuses its code can answer with, each as our JSON error."""

from pathlib import Path

import yaml

from infra.openapi import route_errors

TEXT = (Path(__file__).resolve().parent.parent / "docs/openapi.yaml").read_text()
SPEC = yaml.safe_load(TEXT)
OPERATIONS = {(path, method.upper()): op for path, ops in SPEC["paths"].items()
              for method, op in ops.items() if method != "parameters"}


def resolve(node: dict) -> dict:
    while "$ref" in node:
        *_, kind, name = node["$ref"].split("/")
        node = SPEC["components"][kind][name]
    return node


def test_every_route_and_method_is_documented(app):
    actual = {(path, method) for path, methods in app.routes.items() for method in methods}
    assert sorted(actual - set(OPERATIONS)) == []
    assert sorted(set(OPERATIONS) - actual) == []


def test_each_operation_lists_the_errors_its_code_can_answer_with():
    wrong = {}
    for key, statuses in route_errors().items():
        listed = {int(code) for code in OPERATIONS[key]["responses"] if int(code) >= 400}
        if listed != set(statuses):
            wrong[key] = {"add": sorted(set(statuses) - listed),
                          "remove": sorted(listed - set(statuses))}
    assert wrong == {}, "run `python -m infra.openapi` to rewrite the error lists"


def test_every_error_response_is_the_json_error():
    error = {"$ref": "#/components/schemas/Error"}
    for key, op in OPERATIONS.items():
        for code, response in op["responses"].items():
            if int(code) >= 400:
                body = resolve(response)["content"]["application/json"]["schema"]
                assert body == error, (key, code)


def test_the_reader_of_the_error_list_can_trust_it():
    """The analysis that the list is checked against does find what the guard raises."""
    errors = route_errors()
    assert errors[("/api/health", "GET")] == frozenset()
    assert errors[("/api/me", "GET")] == {401}
    assert {400, 401, 403, 413, 415} <= errors[("/api/posts/{post_id}", "PATCH")]
    assert 429 in errors[("/api/posts", "POST")]


def test_the_document_is_plain_block_yaml():
    # Anchors and flow collections make a reviewer jump around; the file is read by people.
    assert "&id" not in TEXT and "*id" not in TEXT
    flows = [line for line in TEXT.splitlines()
             if line.rstrip().endswith(("}", "]")) and not line.rstrip().endswith(("{}", "[]"))]
    assert flows == []
