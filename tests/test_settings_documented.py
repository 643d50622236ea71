from pathlib import Path

from chalicelib.settings import SETTINGS

ARCHITECTURE = (Path(__file__).resolve().parent.parent / "ARCHITECTURE.md").read_text()


def test_every_setting_is_documented():
    missing = [name for name, _default, _help in SETTINGS if f"`{name}`" not in ARCHITECTURE]
    assert not missing
