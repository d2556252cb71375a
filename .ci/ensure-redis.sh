#!/usr/bin/env bash
# Makes sure redis-server is present for the Redis tests, whose fixture starts a throwaway server on a free loopback
# port. Idempotent: does nothing when redis-server is already on PATH.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends redis-server
command -v redis-server >/dev/null 2>&1 || { echo "redis-server installed, but not on PATH" >&2; exit 1; }
