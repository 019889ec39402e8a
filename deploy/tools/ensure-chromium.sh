#!/usr/bin/env bash
# Debian's Chromium, the real browser the dashboard tests drive with playwright-core (nothing
# downloads a browser of its own). Installs the package when it is missing and this runs as root.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium: installing Debian's package (apt-get install chromium)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] && exit 0
fi
echo "Chromium is not installed at /usr/bin/chromium: run 'sudo apt-get install chromium'" >&2
exit 1
