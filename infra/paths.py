from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = ROOT / "functions"
CONTENT = ROOT / "content"
THEMES = ROOT / "themes"
SITE = ROOT / "site"
DEFAULT_DATA_DIR = ROOT / ".plein"
