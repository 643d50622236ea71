from pathlib import Path

from chalicelib.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
# The overview and its focused documents (docs/settings.md holds the table).
DOCS = "\n".join(p.read_text() for p in [ROOT / "ARCHITECTURE.md", *(ROOT / "docs").glob("*.md")])


def test_every_setting_is_documented():
    missing = [name for name, _default, _help in SETTINGS if f"`{name}`" not in DOCS]
    assert not missing
