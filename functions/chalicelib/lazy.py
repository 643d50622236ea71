"""Modules imported on first use, so a cold start pays only for what its request needs.

Every Lambda of the app (the API, the stream consumer, the schedules) imports all of
`app.py`. A library only some routes use (icalendar for calendar feeds, the stemmers for
search, PyJWT for sessions) would otherwise be imported by every cold start of every one of
them. This is the recipe from the `importlib` documentation ("Implementing lazy imports"):
the module object exists at once and runs its code on the first attribute read.
"""

import importlib.util
import sys
from types import ModuleType


def module(name: str) -> ModuleType:
    """`name` as a module that is executed on first use. A top-level module only: finding a
    submodule would import its parent packages now."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    lazy = importlib.util.module_from_spec(spec)
    sys.modules[name] = lazy
    loader.exec_module(lazy)
    return lazy
