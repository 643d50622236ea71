"""The front end's one-way-to-do-it rules, checked on the source: one element builder, one API
client, no English from the API on screen, and every string a widget asks for exists once."""

import re
from collections import Counter
from pathlib import Path

THEME = Path(__file__).resolve().parent.parent / "themes" / "plein"
SCRIPTS = {p.name: p.read_text() for p in (THEME / "static" / "js").glob("*.js")}
MESSAGES = (THEME / "templates" / "partial" / "messages.json").read_text()
KEYS = re.findall(r'^\s*"(\w+)":\s*_\(', MESSAGES, re.MULTILINE)


def test_dom_js_is_the_only_element_builder():
    builders = sorted(name for name, text in SCRIPTS.items()
                      if name != "dom.js" and ("document.createElement(" in text
                                               or re.search(r"function el\(", text)))
    assert builders == []


def test_only_api_js_calls_the_api_with_fetch():
    # beacon.js must outlive the page (sendBeacon / keepalive); photos.js posts the upload form
    # to the bucket, which is not our API.
    callers = sorted(name for name, text in SCRIPTS.items() if "fetch(" in text)
    assert callers == ["api.js", "beacon.js", "photos.js"]


def test_no_widget_shows_the_apis_english_reason():
    readers = sorted(name for name, text in SCRIPTS.items() if re.search(r"\.reason\b", text))
    assert readers == []


def test_every_message_key_is_defined_once():
    assert [key for key, n in Counter(KEYS).items() if n > 1] == []


def test_every_message_a_widget_asks_for_exists():
    asked = {(name, key) for name, text in SCRIPTS.items()
             for key in re.findall(r'\bt\("(\w+)"\)', text)}
    assert sorted((name, key) for name, key in asked if key not in KEYS) == []


def test_every_api_error_code_has_a_translated_message():
    from chalicelib.web.errors import _CHALICE_CODES

    chalicelib = THEME.parent.parent / "functions" / "chalicelib"
    raised = {code for path in chalicelib.rglob("*.py")
              for code in re.findall(r'ApiError\(\s*\d+,\s*"(\w+)"', path.read_text())}
    # No widget sends a wrong method; "network" and "upload" are the browser's own failures.
    codes = raised | set(_CHALICE_CODES.values()) - {"method_not_allowed"} | {"network", "upload"}
    assert len(raised) >= 8  # the pattern still finds the constructors
    assert sorted(code for code in codes if f"error_{code}" not in KEYS) == []


def test_no_widget_names_a_site_page_outside_the_readers_language():
    """Pages live under the reader's language's root (/en/…): a path to a page goes through
    dom.js's sitePath, or it would lead an English reader back to Dutch (docs/languages.md)."""
    page = re.compile(r"""(\w+\()?["'`]/[\w./-]*\.html""")
    code = {name: re.sub(r"(^|\s)//.*", "", text) for name, text in SCRIPTS.items()}
    bare = sorted((name, m.group(0)) for name, text in code.items()
                  for m in page.finditer(text) if m.group(1) not in ("sitePath(", "endsWith("))
    assert bare == []
