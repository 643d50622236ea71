from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = ROOT / "functions"
CONTENT = ROOT / "content"
THEMES = ROOT / "themes"
SITE = ROOT / "site"
DEFAULT_DATA_DIR = ROOT / ".plein"
# The built site's list of pages, written by plugins/plein_pages next to them and read by the
# API (PLEIN_SITE_PAGES) to accept page comments and hits only for real pages.
PAGES_MANIFEST = "plein-pages.json"
