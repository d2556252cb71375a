#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries are present for the EF Core tests, whose fixture starts a throwaway server
# from /usr/lib/postgresql/<version>/bin. Idempotent: does nothing when initdb is already there.
set -euo pipefail

if [ -x /usr/lib/postgresql/15/bin/initdb ] || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# The versioned package where the distribution has it, the distribution's default otherwise.
$sudo apt-get install -y -q --no-install-recommends postgresql-15 || $sudo apt-get install -y -q --no-install-recommends postgresql
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || { echo "PostgreSQL installed, but no initdb under /usr/lib/postgresql" >&2; exit 1; }
