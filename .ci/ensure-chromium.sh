#!/usr/bin/env bash
# Makes sure the Debian packages chromium and chromium-driver (same release, so their versions match) are present for
# the browser tests, whose fixture drives /usr/bin/chromium through /usr/bin/chromedriver. Idempotent: does nothing
# when both are there. The fixture installs them itself when run as root; this keeps CI's test time for testing.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends chromium chromium-driver
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || { echo "chromium and chromium-driver installed, but /usr/bin/chromium or /usr/bin/chromedriver is missing" >&2; exit 1; }
