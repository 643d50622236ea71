"""Production settings: everything from pelicanconf.py, then what differs when deployed."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

PLEIN_STAGE = os.environ.get("PLEIN_STAGE", "prod")
SITEURL = os.environ.get("PLEIN_SITEURL", "")
DELETE_OUTPUT_DIRECTORY = True
