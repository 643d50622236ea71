"""Production settings: everything from pelicanconf.py, then what differs when deployed."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

PLEIN_STAGE = os.environ.get("PLEIN_STAGE", "prod")
SITEURL = os.environ.get("PLEIN_SITEURL", "")
# What is published is built from scratch, never from an earlier build's leftovers.
DELETE_OUTPUT_DIRECTORY = True
INCREMENTAL_BUILD = False
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
