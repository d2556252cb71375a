#!/usr/bin/env bash
# Walks the README's curl session against the sample web host: start it on a free loopback port, log in, create a key,
# get a web token with it, use each credential on /v1.0/accesskeys and /whoami, check what each may not do (a key
# without a manage permission, a web token, a grace period past the maximum), then stop the host by its PID.
# Prints "e2e: ok" on success; any failed step exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
log=$(mktemp)
dotnet build samples/Credentials.Samples.WebApi -c Release -nologo -v q >/dev/null
dotnet run --no-build -c Release --project samples/Credentials.Samples.WebApi --urls "$base" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 120); do
  curl -fsS "$base/" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "e2e: the sample host exited"; exit 1; }
  sleep 0.5
done

step() { echo "e2e: $*"; }
expect_status() { # expected, then curl arguments
  local expected=$1; shift
  local status
  status=$(curl -s -o /tmp/e2e-body.$$ -w '%{http_code}' "$@")
  if [ "$status" != "$expected" ]; then
    echo "e2e: expected HTTP $expected, got $status for: $*"; cat /tmp/e2e-body.$$; echo; exit 1
  fi
  cat /tmp/e2e-body.$$; rm -f /tmp/e2e-body.$$
}

step "log in as admin"
TOKEN=$(expect_status 200 -X POST "$base/auth/login" -H 'Content-Type: application/json' \
  -d '{"username": "admin", "password": "admin-password"}' | jq -er .token)

step "wrong password is refused"
expect_status 401 -X POST "$base/auth/login" -H 'Content-Type: application/json' \
  -d '{"username": "admin", "password": "wrong"}' >/dev/null

step "create an API key"
created=$(expect_status 201 -X POST "$base/api/v1/api-keys" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name": "Production API Key", "expires_at": "2030-12-31T23:59:59.000000Z", "permissions": ["read", "write", "api.keys.manage.own"], "metadata": {"environment": "production"}}')
KEY=$(echo "$created" | jq -er .plain_key)
echo "$created" | jq -e '.api_key.key_prefix == "cc_live_" and .api_key.is_active == true and .api_key.user.email == "admin@example.com"' >/dev/null

step "a missing name is the documented 422"
expect_status 422 -X POST "$base/api/v1/api-keys" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{}' \
  | jq -e '.message == "Validation failed" and .errors.name == ["The name field is required."]' >/dev/null

step "bob may not create keys: 403"
BOB=$(expect_status 200 -X POST "$base/auth/login" -H 'Content-Type: application/json' \
  -d '{"username": "bob", "password": "bob-password"}' | jq -er .token)
expect_status 403 -X POST "$base/api/v1/api-keys" -H "Authorization: Bearer $BOB" -H 'Content-Type: application/json' \
  -d '{"name": "x"}' | jq -e '.message == "Forbidden"' >/dev/null

step "get a web token with the API key"
WEB=$(expect_status 200 "$base/web-token" -H "Authorization: Bearer $KEY" | jq -er 'select(.success == true) | .data.token')

step "each credential on /v1.0/accesskeys and /whoami"
expect_status 200 "$base/v1.0/accesskeys?accesskey=$KEY" | jq -e '.api_keys | length >= 1' >/dev/null
expect_status 200 "$base/v1.0/accesskeys" -H "Authorization: Bearer $TOKEN" | jq -e '.api_keys | length >= 1' >/dev/null
expect_status 200 "$base/v1.0/accesskeys?token=$TOKEN" >/dev/null
expect_status 200 "$base/whoami" -H "Authorization: Bearer $WEB" | jq -e '.credential_kind == "web_token"' >/dev/null

step "a web token never manages keys; a key without api.keys.manage.own may not list them"
expect_status 403 "$base/v1.0/accesskeys" -H "Authorization: Bearer $WEB" | jq -e '.message == "Forbidden"' >/dev/null
READER=$(expect_status 201 -X POST "$base/api/v1/api-keys" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name": "Reader", "permissions": ["read"]}' | jq -er .plain_key)
expect_status 403 "$base/v1.0/accesskeys?accesskey=$READER" >/dev/null
expect_status 200 "$base/whoami?accesskey=$READER" | jq -e '.permissions == ["read"]' >/dev/null

step "a key never carries a permission its owner lacks: 422"
expect_status 422 -X POST "$base/api/v1/api-keys" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name": "x", "permissions": ["reports.admin"]}' | jq -e '.errors.permissions | length == 1' >/dev/null

step "a new web token supersedes the old one"
expect_status 200 "$base/web-token" -H "Authorization: Bearer $KEY" >/dev/null
expect_status 401 "$base/whoami" -H "Authorization: Bearer $WEB" >/dev/null

step "rolling a key: a grace period beyond a week is refused, a roll ends the key's web token"
UUID=$(echo "$created" | jq -er .api_key.uuid)
WEB=$(expect_status 200 "$base/web-token" -H "Authorization: Bearer $KEY" | jq -er .data.token)
expect_status 422 -X POST "$base/api/v1/api-keys/$UUID/roll" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"grace_period_seconds": 2147483647}' | jq -e '.errors.grace_period_seconds | length == 1' >/dev/null
NEWKEY=$(expect_status 200 -X POST "$base/api/v1/api-keys/$UUID/roll" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"grace_period_seconds": 3600}' | jq -er .plain_key)
expect_status 401 "$base/whoami" -H "Authorization: Bearer $WEB" >/dev/null
expect_status 200 "$base/whoami" -H "Authorization: Bearer $KEY" | jq -e '.grace_secret == true' >/dev/null
expect_status 403 "$base/web-token" -H "Authorization: Bearer $KEY" >/dev/null
expect_status 200 "$base/v1.0/accesskeys" -H "Authorization: Bearer $NEWKEY" >/dev/null

step "no credential: 401"
expect_status 401 "$base/v1.0/accesskeys" >/dev/null

step "JWKS is published"
expect_status 200 "$base/.well-known/jwks.json" | jq -e '.keys | length >= 1' >/dev/null

step "logout ends the JWT's session: it is refused from then on"
expect_status 204 -X POST "$base/auth/logout" -H "Authorization: Bearer $TOKEN" >/dev/null
expect_status 401 "$base/v1.0/accesskeys" -H "Authorization: Bearer $TOKEN" >/dev/null

echo "e2e: ok"
