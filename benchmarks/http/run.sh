#!/usr/bin/env bash
# The HTTP benchmark: benchmarks/Credentials.HttpBenchmarks.Host on loopback, driven by wrk, variants interleaved.
#
#   benchmarks/http/run.sh                          # every variant, 5 rounds of 8 s each (about 8 minutes)
#   DURATION=5 ROUNDS=5 benchmarks/http/run.sh      # shorter measurements, more rounds
#   VARIANTS="none@memory apikey@memory apikey@postgres" benchmarks/http/run.sh
#
# A variant is <credential>@<store>: the credential is none (GET /ping, no authentication), apikey, webtoken or jwt
# (GET /authorized/ping with that credential as a bearer); the store is a name in the host's StoreVariants. Each store
# runs in its own host process for the whole run; every round measures every variant once, in the same order, so
# the load other users put on the machine lands on all of them alike. Read the ratios, not the requests/s.
#
# Settings (environment): DURATION and WARMUP (seconds per measurement and per warm-up pass), ROUNDS, THREADS and
# CONNECTIONS (wrk's -t and -c), WRK_CPUS and SERVER_CPUS (taskset CPU lists for wrk and for the hosts and servers;
# unset, nothing is pinned), STATEMENTS=0 to skip the statements-per-request probe, CREDENTIALS_POSTGRES_BIN (where
# initdb and pg_ctl are; default the newest /usr/lib/postgresql/*/bin).
#
# Needs: the .NET SDK, PostgreSQL server binaries (.ci/ensure-postgres.sh) for the postgres stores and redis-cached,
# redis-server for the redis stores, wrk. As root, wrk and redis-server are installed from the Debian packages when missing. PostgreSQL
# and Redis are throwaway servers, as the tests start them: a temporary directory, a free loopback port, no
# durability, stopped by their PID at the end. The seeded credentials live in a temporary owner-only directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${DURATION:-8}"
WARMUP="${WARMUP:-3}"
ROUNDS="${ROUNDS:-5}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
WRK_CPUS="${WRK_CPUS:-}"
SERVER_CPUS="${SERVER_CPUS:-}"
STATEMENTS="${STATEMENTS:-1}"
# The default reads issue 11's bars: each credential in memory, on PostgreSQL tuned, and behind the verification cache.
# The stores postgres and postgres-prepared (Npgsql's defaults, auto-prepare alone) remain for VARIANTS.
DEFAULT_VARIANTS="none@memory jwt@memory
  apikey@memory apikey@postgres-tuned apikey@postgres-cached
  webtoken@memory webtoken@postgres-tuned webtoken@postgres-cached webtoken@redis webtoken@redis-cached"
read -r -a VARIANT_LIST <<< "$(echo ${VARIANTS:-$DEFAULT_VARIANTS})"

HOST_PROJECT="$ROOT/benchmarks/Credentials.HttpBenchmarks.Host"
HOST_DLL="$HOST_PROJECT/bin/Release/net10.0/Credentials.HttpBenchmarks.Host.dll"
WORK="$(mktemp -d /tmp/credentials-http-XXXXXX)"   # mode 700: the credential files and wrk scripts live here
PG_DIR=""
PG_PID=""
PG_PORT=""
REDIS_PID=""
REDIS_PORT=""
PG_BIN=""
declare -A HOST_PID HOST_PORT FAILED_STORE
declare -a NOTES=()

log() { echo "[run.sh] $*" >&2; }
note() { NOTES+=("$*"); log "$*"; }

# taskset prefixes, empty when nothing is pinned. Arrays rather than a function, so a server started in the
# background is its own process ($! is its PID, not a subshell's).
WRK_PIN=(); [[ -z "$WRK_CPUS" ]] || WRK_PIN=(taskset -c "$WRK_CPUS")
SERVER_PIN=(); [[ -z "$SERVER_CPUS" ]] || SERVER_PIN=(taskset -c "$SERVER_CPUS")

wait_gone() { # wait_gone <pid>: up to 30 s
  for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  log "process $1 is still running"
}

cleanup() {
  local pid
  for pid in "${HOST_PID[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${HOST_PID[@]}"; do wait_gone "$pid"; done
  if [[ -n "$REDIS_PID" ]]; then kill "$REDIS_PID" 2>/dev/null || true; wait_gone "$REDIS_PID"; fi
  # SIGQUIT is PostgreSQL's immediate shutdown: the cluster is thrown away anyway.
  if [[ -n "$PG_PID" ]]; then kill -QUIT "$PG_PID" 2>/dev/null || true; wait_gone "$PG_PID"; fi
  if [[ -n "$PG_DIR" ]]; then rm -rf "$PG_DIR"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

ensure_debian_package() { # ensure_debian_package <command> <package>
  command -v "$1" >/dev/null && return 0
  if [[ "$(id -u)" != 0 ]]; then log "$1 is missing: install the Debian package $2"; exit 1; fi
  log "installing the Debian package $2 (for $1)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
}

store_of() { echo "${1#*@}"; }
# Which servers a store needs: redis-cached keeps its API keys on PostgreSQL and its web tokens on Redis.
uses_postgres() { [[ "$1" == postgres* || "$1" == redis-cached ]]; }
uses_redis() { [[ "$1" == redis* ]]; }
credential_of() { echo "${1%@*}"; }

start_postgres() {
  local bin="${CREDENTIALS_POSTGRES_BIN:-}"
  if [[ -z "$bin" ]]; then bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"; fi
  PG_BIN="$bin"
  [[ -x "$bin/initdb" ]] || { log "PostgreSQL server binaries not found (run .ci/ensure-postgres.sh or set CREDENTIALS_POSTGRES_BIN)"; exit 1; }
  PG_DIR="$(mktemp -d /tmp/credentials-http-pg-XXXXXX)"
  local as_postgres=()
  # initdb refuses root: as root every server command runs as postgres, on a directory that user owns.
  if [[ "$(id -u)" == 0 ]]; then chown postgres:postgres "$PG_DIR"; as_postgres=(runuser -u postgres --); fi
  "${as_postgres[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust --no-sync -U postgres -E UTF8 --locale=C >/dev/null
  PG_PORT="$(free_port)"
  "${as_postgres[@]}" "${SERVER_PIN[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_preload_libraries=pg_stat_statements" \
    start >/dev/null
  PG_PID="$(head -1 "$PG_DIR/data/postmaster.pid")"
  psql_run "CREATE EXTENSION pg_stat_statements" >/dev/null
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (PID $PG_PID)"
}

psql_run() { # psql_run <sql> [database]
  "$PG_BIN/psql" -X -q -A -t -F ' ' \
    -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "${2:-postgres}" -c "$1"
}

start_redis() {
  ensure_debian_package redis-server redis-server
  mkdir -p "$WORK/redis"
  REDIS_PORT="$(free_port)"
  "${SERVER_PIN[@]}" redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --dir "$WORK/redis" --logfile "$WORK/redis/server.log" --daemonize no &
  REDIS_PID=$!
  for _ in $(seq 100); do [[ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]] && break; sleep 0.1; done
  log "$(redis-server --version | awk '{print $1, $2, $3}') on 127.0.0.1:$REDIS_PORT (PID $REDIS_PID)"
}

start_host() { # start_host <store>: 0 when it serves, 1 when it would not start
  local store="$1" port pid
  port="$(free_port)"
  "${SERVER_PIN[@]}" dotnet "$HOST_DLL" --urls "http://127.0.0.1:$port" --Benchmark:Store "$store" \
    --Benchmark:Postgres "Host=127.0.0.1;Port=${PG_PORT:-0};Username=postgres" \
    --Benchmark:Redis "127.0.0.1:${REDIS_PORT:-0}" \
    --Benchmark:CredentialsFile "$WORK/$store.credentials" >"$WORK/$store.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    if ! kill -0 "$pid" 2>/dev/null; then
      note "store $store did not start, its variants are left out: $(grep -m1 -E 'unavailable|Exception|Unknown' "$WORK/$store.log" || tail -1 "$WORK/$store.log")"
      return 1
    fi
    if curl -sf "http://127.0.0.1:$port/ping" >/dev/null 2>&1; then
      HOST_PID[$store]=$pid; HOST_PORT[$store]=$port
      return 0
    fi
    sleep 0.1
  done
  note "store $store did not answer within 60 s; its variants are left out"; kill "$pid"; return 1
}

# Writes the variant's wrk script and curl header file (so the secret never appears on a command line) and checks
# that the variant answers 200 and that /authorized/ping without a credential answers 401.
prepare_variant() { # prepare_variant <variant>
  local variant="$1" store credential secret="" path=/ping url status
  store="$(store_of "$variant")"; credential="$(credential_of "$variant")"
  url="http://127.0.0.1:${HOST_PORT[$store]}"
  : > "$WORK/$variant.header"
  if [[ "$credential" != none ]]; then
    path=/authorized/ping
    secret="$(grep "^$credential=" "$WORK/$store.credentials" | cut -d= -f2- || true)"
    [[ -n "$secret" ]] || { note "no $credential in the seeded credentials; $variant left out"; return 1; }
    echo "Authorization: Bearer $secret" > "$WORK/$variant.header"
    status="$(curl -s -o /dev/null -w '%{http_code}' "$url$path")"
    [[ "$status" == 401 ]] || { note "$variant: $path without a credential answered $status, not 401; left out"; return 1; }
  fi
  { echo "wrk.path = \"$path\""; [[ -z "$secret" ]] || echo "wrk.headers[\"Authorization\"] = \"Bearer $secret\""; } > "$WORK/$variant.lua"
  status="$(curl -s -o /dev/null -w '%{http_code}' -H @"$WORK/$variant.header" "$url$path")"
  [[ "$status" == 200 ]] || { note "$variant answered $status, not 200; left out"; return 1; }
}

cpu_ticks() { # cpu_ticks <pid...>: user + system clock ticks of the processes (and, for PostgreSQL, its backends)
  local total=0 pid
  for pid in "$@"; do
    [[ -r "/proc/$pid/stat" ]] || continue
    total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}

postgres_pids() { if [[ -n "$PG_PID" ]]; then echo "$PG_PID" $(pgrep -P "$PG_PID" || true); fi; }

# Runs wrk once; prints "<requests/s> <requests> <host CPU µs/request> <PostgreSQL CPU µs/request> <flag>".
measure() { # measure <variant> <seconds>
  local variant="$1" seconds="$2" store host_before pg_before output requests rps flag="" host_after pg_after tick_us
  store="$(store_of "$variant")"
  host_before="$(cpu_ticks "${HOST_PID[$store]}")"; pg_before="$(cpu_ticks $(postgres_pids))"
  output="$("${WRK_PIN[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" -s "$WORK/$variant.lua" "http://127.0.0.1:${HOST_PORT[$store]}")"
  host_after="$(cpu_ticks "${HOST_PID[$store]}")"; pg_after="$(cpu_ticks $(postgres_pids))"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<< "$output")"
  requests="$(awk '/requests in/ {print $1}' <<< "$output")"
  grep -q 'Non-2xx' <<< "$output" && flag="non-2xx"
  grep -q 'Socket errors' <<< "$output" && flag="${flag:+$flag,}socket-errors"
  tick_us=$((1000000 / $(getconf CLK_TCK)))
  awk -v rps="$rps" -v n="$requests" -v h=$((host_after - host_before)) -v p=$((pg_after - pg_before)) -v t="$tick_us" -v f="${flag:--}" \
    'BEGIN { printf "%s %d %.0f %.0f %s\n", rps, n, n ? h * t / n : 0, n ? p * t / n : 0, f }'
}

# Which statements one request costs PostgreSQL, by pg_stat_statements, over a short extra run per variant.
statements_per_request() { # statements_per_request <variant>
  local variant="$1" store database requests
  store="$(store_of "$variant")"
  database="credentials_http_${store//-/_}"
  psql_run "SELECT pg_stat_statements_reset()" >/dev/null
  requests="$(measure "$variant" 3 | awk '{print $2}')"
  psql_run "SELECT s.calls, COALESCE('SELECT ... FROM ' || substring(s.query FROM '^SELECT .*\\sFROM\\s+(\\S+)'), left(s.query, 60))
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = '$database' AND s.query NOT LIKE '%pg_stat_statements%' ORDER BY s.calls DESC, s.query LIMIT 10" |
    awk -v v="$variant" -v n="$requests" '{ total += $1 }
      $1 / n >= 0.01 { c = $1; $1 = ""; printf "| %s | %.2f | `%s` |\n", v, c / n, substr($0, 2); rows++ }
      END { if (!rows) printf "| %s | 0 | none: %d statements in %d requests |\n", v, total, n }'
}

# ---------------------------------------------------------------------------------------------------------------
ensure_debian_package wrk wrk
declare -A STORES=()
for variant in "${VARIANT_LIST[@]}"; do STORES[$(store_of "$variant")]=1; done

log "building the host (Release)"
dotnet build -c Release "$HOST_PROJECT" -nologo -v quiet >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }

for store in "${!STORES[@]}"; do uses_postgres "$store" && { start_postgres; break; }; done
for store in "${!STORES[@]}"; do uses_redis "$store" && { start_redis; break; }; done

MEASURED=()
for variant in "${VARIANT_LIST[@]}"; do
  store="$(store_of "$variant")"
  if [[ -z "${HOST_PORT[$store]:-}" && -z "${FAILED_STORE[$store]:-}" ]]; then
    start_host "$store" || FAILED_STORE[$store]=1
  fi
  [[ -n "${HOST_PORT[$store]:-}" ]] && prepare_variant "$variant" && MEASURED+=("$variant")
done
[[ ${#MEASURED[@]} -gt 0 ]] || { log "nothing to measure"; exit 1; }

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "warm-up: ${WARMUP} s per variant"
for variant in "${MEASURED[@]}"; do measure "$variant" "$WARMUP" >/dev/null; done

RESULTS="$WORK/results"
: > "$RESULTS"
for round in $(seq "$ROUNDS"); do
  for variant in "${MEASURED[@]}"; do
    line="$(measure "$variant" "$DURATION")"
    log "round $round $variant: $line"
    echo "$variant $round $line" >> "$RESULTS"
  done
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

STATEMENT_ROWS=""
if [[ "$STATEMENTS" == 1 && -n "$PG_PID" ]]; then
  for variant in "${MEASURED[@]}"; do
    uses_postgres "$(store_of "$variant")" && STATEMENT_ROWS+="$(statements_per_request "$variant")"$'\n'
  done
fi

# ---------------------------------------------------------------------------------------------------------------
echo
echo "HTTP benchmark, $(date -u +%Y-%m-%d), $(nproc) CPUs, load average $LOAD_BEFORE before and $LOAD_AFTER after;"
echo "wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds of ${DURATION} s, variants interleaved, after a ${WARMUP} s warm-up each;"
echo ".NET $(dotnet --version), $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')${WRK_CPUS:+, wrk on CPUs $WRK_CPUS}${SERVER_CPUS:+, servers on CPUs $SERVER_CPUS}."
echo
POSTGRES_VARIANTS=""
for variant in "${MEASURED[@]}"; do uses_postgres "$(store_of "$variant")" && POSTGRES_VARIANTS+=" $variant"; done
awk -v rounds="$ROUNDS" -v order="${MEASURED[*]}" -v postgres="$POSTGRES_VARIANTS " '
  function median(list, count,   sorted, i, j, t) {
    for (i = 1; i <= count; i++) sorted[i] = list[i]
    for (i = 2; i <= count; i++) for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) { t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t }
    return count % 2 ? sorted[(count + 1) / 2] : (sorted[count / 2] + sorted[count / 2 + 1]) / 2
  }
  { rps[$1, $2] = $3; host[$1, $2] = $5; pg[$1, $2] = $6; if ($7 != "-") flag[$1] = flag[$1] " " $7 " in round " $2 }
  END {
    n = split(order, variants, " ")
    for (v = 1; v <= n; v++) {
      name = variants[v]
      for (r = 1; r <= rounds; r++) { a[r] = rps[name, r]; b[r] = host[name, r]; c[r] = pg[name, r] }
      med[name] = median(a, rounds); hostmed[name] = median(b, rounds); pgmed[name] = median(c, rounds)
    }
    printf "| variant |"; for (r = 1; r <= rounds; r++) printf " round %d |", r
    print " median req/s | x unauthenticated | x in-memory store | host CPU us/req | PostgreSQL CPU us/req |"
    printf "| --- |"; for (r = 1; r <= rounds; r++) printf " ---: |"; print " ---: | ---: | ---: | ---: | ---: |"
    for (v = 1; v <= n; v++) {
      name = variants[v]; split(name, parts, "@")
      printf "| %s%s |", name, flag[name] ? " (" substr(flag[name], 2) ")" : ""
      for (r = 1; r <= rounds; r++) printf " %.0f |", rps[name, r]
      base = med["none@memory"]; memory = med[parts[1] "@memory"]
      printf " **%.0f** | %s | %s | %.0f | %s |\n", med[name],
        base ? sprintf("%.2f", med[name] / base) : "n/a",
        parts[1] != "none" && memory ? sprintf("%.2f", med[name] / memory) : "",
        hostmed[name], index(postgres, " " name " ") ? sprintf("%.0f", pgmed[name]) : ""
    }
  }' "$RESULTS"

if [[ -n "$STATEMENT_ROWS" ]]; then
  echo
  echo "Statements per request (pg_stat_statements over a 3 s run of each PostgreSQL variant):"
  echo
  echo "| variant | calls per request | statement |"
  echo "| --- | ---: | --- |"
  printf '%s' "$STATEMENT_ROWS" | sed '/^$/d'
fi

if [[ ${#NOTES[@]} -gt 0 ]]; then
  echo
  for item in "${NOTES[@]}"; do echo "- $item"; done
fi
