#!/bin/sh
# `make test` runs this first: the browser tests drive Debian's Chromium. On a fresh machine
# it is installed when we are root; anyone else is told the one command to run, before the
# suite starts rather than as 27 failed tests at its end.
set -eu
CHROMIUM="${1:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "The browser tests need Chromium at $CHROMIUM, which is missing. Install it with:" >&2
  echo "    sudo make chromium" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing at $CHROMIUM and there is no apt-get to install Debian's;" >&2
  echo "install Chromium and set PLEIN_CHROMIUM to its path." >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
if [ ! -x "$CHROMIUM" ]; then
  echo "Debian's chromium is installed, but $CHROMIUM is still missing (PLEIN_CHROMIUM?)." >&2
  exit 1
fi
