"""docs/openapi.yaml's error responses, read from the code, and the file kept plain block YAML.

`python -m infra.openapi` rewrites the file: every operation's error responses become exactly the
statuses its code can answer with, and the YAML is dumped without anchors or flow style. Run it
after adding a route or an error (tests/test_openapi.py says when).

The error statuses each API route can answer with are read from the code itself.

A route's handler is followed through every function it calls inside `chalicelib` (by name,
through the modules' imports) to the places that build an error: the constructors in
`errors.py` and `ApiError(<status>, ...)`. That over-approximates a little (a function that
builds an error on one branch counts everywhere it is called), which is the safe side for a
document that promises what a client must handle.
"""

import ast
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHALICELIB = ROOT / "functions" / "chalicelib"
SPEC = ROOT / "docs" / "openapi.yaml"
CONSTRUCTORS = {"invalid": 400, "unauthorized": 401, "forbidden": 403, "not_found": 404,
                "conflict": 409, "too_large": 413}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(CHALICELIB).with_suffix("").parts)


@cache
def _module(name: str):
    """(top-level functions, imported names) of one chalicelib module, or None."""
    path = CHALICELIB.joinpath(*name.split(".")).with_suffix(".py")
    if not path.exists():
        path = CHALICELIB.joinpath(*name.split("."), "__init__.py")
        if not path.exists():
            return None
    tree = ast.parse(path.read_text())
    functions = {node.name: node for node in tree.body
                 if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    imports = {}  # local name -> ("module", name) or ("module", None) for a module itself
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - node.level + 1]
            origin = ".".join(base + (node.module.split(".") if node.module else []))
            for alias in node.names:
                local = alias.asname or alias.name
                submodule = f"{origin}.{alias.name}" if origin else alias.name
                if _module(submodule) is not None:
                    imports[local] = (submodule, None)
                else:
                    imports[local] = (origin, alias.name)
    return functions, imports


@cache
def _statuses(module: str, function: str, seen: frozenset = frozenset()) -> frozenset:
    key = (module, function)
    found = _module(module)
    if key in seen or found is None or function not in found[0]:
        return frozenset()
    functions, imports = found
    seen = seen | {key}
    statuses = set()
    for node in ast.walk(functions[function]):
        # Errors are built by calls; other functions count wherever they are named, called or
        # passed on (`_group(standing.postable, ...)` calls it through a parameter).
        target = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id
            if name == "ApiError" and node.args and isinstance(node.args[0], ast.Constant):
                statuses.add(node.args[0].value)
            elif name in CONSTRUCTORS and imports.get(name, (None,))[0] == "errors":
                statuses.add(CONSTRUCTORS[name])
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            if node.id in functions:
                target = (module, node.id)
            elif node.id in imports and imports[node.id][1]:
                target = imports[node.id]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            imported = imports.get(node.value.id)
            if imported and imported[1] is None:
                target = (imported[0], node.attr)
        if target:
            statuses |= _statuses(*target, seen)
    return frozenset(statuses)


def _route(decorator) -> tuple[str, list[str]] | None:
    if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr == "route"):
        return None
    path = decorator.args[0].value
    methods = ["GET"]
    for keyword in decorator.keywords:
        if keyword.arg == "methods":
            methods = [m.value for m in keyword.value.elts]
    return path, methods


def route_errors(prefix: str = "/api") -> dict[tuple[str, str], frozenset]:
    """{(path, METHOD): statuses} for every route of every blueprint."""
    routes = {}
    for path in sorted((CHALICELIB / "routes").glob("*.py")):
        module = _module_name(path)
        for node in ast.parse(path.read_text()).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                found = _route(decorator)
                if found:
                    for method in found[1]:
                        routes[(prefix + found[0], method)] = _statuses(module, node.name)
    return routes


# One shared response per status, so each operation's list reads as a list of statuses.
RESPONSES = {
    400: ("BadRequest", "Invalid input; `field` names what to fix"),
    401: ("Unauthorized", "No valid session: sign in first"),
    403: ("Forbidden", "Not allowed for this employee, or (on a change) a foreign or missing "
                       "Origin"),
    404: ("NotFound", "No such item, or one the employee may not see"),
    409: ("Conflict", "Conflicts with the item's current state (`error` says how: conflict, "
                      "archived, busy)"),
    413: ("TooLarge", "Request body over 64 KiB, or a photo over the size limit"),
    415: ("UnsupportedMediaType", "State-changing requests must be application/json"),
    429: ("RateLimited", "Over the employee's limit for this action (`PLEIN_RATE_LIMITS`)"),
    503: ("Unavailable", "A dependency failed; retrying the same request is safe"),
}


def with_errors(spec: dict, errors: dict) -> dict:
    """`spec` with each operation's error responses set to its statuses in `errors`."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    shared = {}
    for status, (name, description) in RESPONSES.items():
        shared[name] = {"description": description, "content": error}
        if status == 429:
            shared[name] = {"description": description, "headers": {"Retry-After": {
                "description": "Seconds until the window ends", "schema": {"type": "integer"}}},
                "content": error}
    spec["components"]["responses"] = shared
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            kept = {code: r for code, r in operation["responses"].items() if int(code) < 400}
            for status in errors.get((path, method.upper()), ()):
                kept[str(status)] = {"$ref": f"#/components/responses/{RESPONSES[status][0]}"}
            operation["responses"] = dict(sorted(kept.items()))
    return spec


class _BlockDumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _text(dumper, data):
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_BlockDumper.add_representer(str, _text)


def dump(spec: dict) -> str:
    return yaml.dump(spec, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


def main() -> None:
    spec = yaml.safe_load(SPEC.read_text())
    SPEC.write_text(dump(with_errors(spec, route_errors())))
    print(f"Wrote {SPEC.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
