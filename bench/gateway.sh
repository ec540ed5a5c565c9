#!/usr/bin/env bash
# What API Gateway's features cost per request: warm p50 (1 connection) and req/s (1 and 32 connections) of
# GET /calc through the emulator, side by side in one run, rounds interleaved, medians reported:
#   before   - a checkout from before these features (BASELINE=<dir>, optional: e.g. a `git worktree` of an older commit)
#   plain    - this tree, --no-throttling (template.yaml's access logs are written, as they always are)
#   console  - plain, and every access log line also printed (--access-log-console)
#   token    - plain, with the REST API behind the token authorizer (ApiAuth=TokenAuthorizer), its answer cached
#   throttle - this tree as it starts by default: template.yaml's 100 req/s, burst 200 (the 429s are counted)
# Usage: bench/gateway.sh <results-dir> [rounds=3]   (needs ports 3000-3002 free; WRK_SECONDS per wrk run, default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD
results=$1
rounds=${2:-3}
seconds=${WRK_SECONDS:-5}
calc="http://127.0.0.1:3000/prod/calc?operand1=1&operand2=2&operator=%2B"
token="bench-$(date +%s%N)"
log=$(mktemp)
running=""
# The emulator is the child of the `dotnet run` started here: stopped by that parent's id, never by name.
trap '[ -n "$running" ] && pkill -TERM -P "$running" 2>/dev/null; rm -f "$log"' EXIT

stop() {
  pkill -TERM -P "$1" || true
  wait "$1" 2>/dev/null || true
  running=""
}

# One configuration: prints "<p50 ms at 1 connection> <req/s at 1> <req/s at 32> <non-2xx share at 32>".
measure() {
  local dir=$1 header=$2 pid one many
  shift 2
  (cd "$dir" && exec dotnet run --project src/Backend.Local -- start-api "$@") > "$log" 2>&1 &
  pid=$!
  running=$pid
  until curl -s -o /dev/null -w '%{http_code}' ${header:+-H "$header"} "$calc" | grep -q 200; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  wrk -t1 -c32 -d1s ${header:+-H "$header"} "$calc" > /dev/null
  one=$(wrk -t1 -c1 -d"$seconds"s ${header:+-H "$header"} -s bench/wrk-report.lua "$calc" | sed -n 's/^WRK_JSON //p')
  many=$(wrk -t1 -c32 -d"$seconds"s ${header:+-H "$header"} -s bench/wrk-report.lua "$calc" | sed -n 's/^WRK_JSON //p')
  stop "$pid"
  python3 - "$one" "$many" <<'PY'
import json, sys
one, many = (json.loads(a) for a in sys.argv[1:])
rps = lambda r: r["requests"] / (r["duration_us"] / 1e6)
print(f'{one["p50_us"] / 1000:.3f} {rps(one):.0f} {rps(many):.0f} {many["non2xx"] / max(many["requests"], 1):.3f}')
PY
}

configs=(plain console token throttle)
[ -n "${BASELINE:-}" ] && configs=(before "${configs[@]}")
declare -A p50 rps1 rps32 refused
echo "  warm-up: build what changed ..." >&2
measure "$here" "" --no-throttling > /dev/null
[ -n "${BASELINE:-}" ] && measure "$BASELINE" "" > /dev/null
for round in $(seq "$rounds"); do
  for c in "${configs[@]}"; do
    case $c in
      before) out=$(measure "$BASELINE" "") ;;
      plain) out=$(measure "$here" "" --no-throttling) ;;
      console) out=$(measure "$here" "" --no-throttling --access-log-console) ;;
      token) out=$(measure "$here" "Authorization: Bearer $token" --no-throttling --parameter-overrides ApiAuth=TokenAuthorizer "ApiToken=$token") ;;
      throttle) out=$(measure "$here" "") ;;
    esac
    read -r a b d e <<< "$out"
    p50[$c]+="$a "; rps1[$c]+="$b "; rps32[$c]+="$d "; refused[$c]+="$e "
    echo "  round $round $c: p50 $a ms, $b req/s at 1, $d req/s at 32, non-2xx at 32: $e" >&2
  done
done

median() { printf '%s\n' $1 | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
{
  echo "GET /calc through the emulator (start-api), $rounds interleaved rounds, medians (wrk, $seconds s per run):"
  echo
  echo "| configuration | p50 ms, 1 connection | req/s, 1 connection | req/s, 32 connections | non-2xx share at 32 |"
  echo "|---|---:|---:|---:|---:|"
  for c in "${configs[@]}"; do
    echo "| $c | $(median "${p50[$c]}") | $(median "${rps1[$c]}") | $(median "${rps32[$c]}") | $(median "${refused[$c]}") |"
  done
} > "$results/gateway.md"
cat "$results/gateway.md"
