"""Development settings. Branding lives here alone: change it, rebuild, and the site follows."""

# --- Branding -------------------------------------------------------------------------------
SITENAME = "Plein"  # the intranet's own name
ORGANISATION = "Gemeente Voorbeeld"
SITESUBTITLE = "Het intranet van Gemeente Voorbeeld"
BRAND_LOGO = "images/logo.svg"
BRAND_FAVICON = "images/favicon.svg"
BRAND_HERO = "images/hero.jpg"
BRAND_HERO_ALT = "Het stadhuis van Voorbeeld aan de gracht"
BRAND_COLOURS = {
    "primary": "#0b5c6b",  # header, buttons, links
    "primary-dark": "#073f4a",
    "accent": "#e8a33d",  # highlights; only behind dark text
    "text": "#1d2a30",
    "background": "#f5f7f7",
}

# --- Language -------------------------------------------------------------------------------
# The site is built in every language of LANGUAGES: DEFAULT_LANG at the root, each other one
# under its own prefix (/en/). The news is written once, in DEFAULT_LANG; the words around it
# come from the theme's catalogs, and each language's own texts from LANG_SETTINGS, which
# replaces the settings above for that language's pages (docs/languages.md).
DEFAULT_LANG = "nl"  # the language at the root: "nl" or "en"
LANGUAGES = ["nl", "en"]
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}  # the switcher names each in its own
CATEGORY_TITLES = {}  # a category's name as shown, where it differs from its name in content
LANG_SETTINGS = {
    "en": {
        "SITESUBTITLE": "The intranet of Gemeente Voorbeeld",
        "BRAND_HERO_ALT": "Voorbeeld's town hall on the canal",
        "CATEGORY_TITLES": {"Nieuws": "News"},
        "DEFAULT_DATE_FORMAT": "%-d %b %Y",
        "LOCALE": ["en_GB.UTF-8", "en_US.UTF-8", "C.UTF-8", "C"],
    },
}
TIMEZONE = "Europe/Amsterdam"
DEFAULT_DATE_FORMAT = "%d-%m-%Y"

# --- Where things are -----------------------------------------------------------------------
PATH = "content"
THEME = "themes/plein"
PLUGIN_PATHS = ["plugins"]
# plein_incremental removes pages no longer built before plein_pages lists what is there;
# plein_images sizes an article's images, plein_app writes the manifest, icons and sw.js.
PLUGINS = ["plein_i18n", "plein_brand", "plein_groups", "plein_events",
           "plein_incremental", "plein_pages", "plein_images", "plein_app"]
STATIC_PATHS = ["images"]
ARTICLE_EXCLUDES = ["groups", "events"]  # see plugins/plein_groups and plugins/plein_events
SITEURL = ""
RELATIVE_URLS = False

# The API stage the pages talk to; "local" shows the demo sign-in picker.
PLEIN_STAGE = "local"
PLEIN_API = "/api"

# --- URLs: flat .html files, so S3 + CloudFront need no directory-index rewriting ------------
ARTICLE_URL = ARTICLE_SAVE_AS = "nieuws/{slug}.html"
PAGE_URL = PAGE_SAVE_AS = "{slug}.html"
CATEGORY_URL = CATEGORY_SAVE_AS = "{slug}.html"
TAG_URL = TAG_SAVE_AS = "onderwerp/{slug}.html"
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = TAGS_SAVE_AS = CATEGORIES_SAVE_AS = ""
# groups/group, people/profile: runtime data, loaded by query string; dashboard: usage;
# inloggen: the sign-in page; mijn-gegevens: download or delete own data; meldingen: notifications;
# moderation: the moderators' queue and the admins' audit log; ambassadors: the colleagues to ask
# offline: what the service worker shows for a page not read before
DIRECT_TEMPLATES = ["index", "404", "groups", "group", "dashboard", "people", "profile",
                    "inloggen", "mijn-gegevens", "events", "event", "meldingen", "search",
                    "moderation", "ambassadors", "offline"]
SEARCH_SAVE_AS = "zoeken.html"  # ?q=<words>&type=<tab>: results page (the header's search)
MODERATION_SAVE_AS = "moderatie.html"  # ?group=<id> for a group's queue
AMBASSADORS_SAVE_AS = "ambassadeurs.html"
GROUPS_SAVE_AS = "groepen.html"
GROUP_SAVE_AS = "groep.html"
PEOPLE_SAVE_AS = "mensen.html"  # the directory
PROFILE_SAVE_AS = "mensen/profiel.html"  # ?id=<person id>; mentions in posts link here
EVENTS_SAVE_AS = "evenementen.html"  # upcoming, mine, past; ?group=<id> for one group's
EVENT_SAVE_AS = "evenement.html"  # ?id=<event id>; events from content/events/ get their own
EVENT_PAGE_SAVE_AS = "evenementen/{id}.html"  # pages (plugins/plein_events)
# Listings are paginated so that a page stays small however much news there is; the home page
# (index) shows the latest five and is not a listing.
DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {"category": None, "tag": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{name}-{number}.html", "{name}-{number}.html"),
)
DEFAULT_CATEGORY = "Nieuws"

FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

# --- Builds: keep what did not change (see plugins/plein_incremental) --------------------------
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "mtime"
INCREMENTAL_BUILD = True

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}
