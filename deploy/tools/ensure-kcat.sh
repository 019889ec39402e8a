#!/usr/bin/env bash
# kcat (formerly kafkacat), the independent Kafka client the tests read the relay's topic with:
# proof that what the relay writes is plain Kafka, readable without kafkajs. Installs Debian's
# package when it is missing and this runs as root; otherwise says what to do.
set -euo pipefail
if command -v kcat >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "kcat: installing Debian's package (apt-get install kcat)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq kcat >/dev/null
  command -v kcat >/dev/null 2>&1 && exit 0
fi
echo "kcat is not installed: run 'sudo apt-get install kcat' (Debian/Ubuntu) or 'brew install kcat'" >&2
exit 1
