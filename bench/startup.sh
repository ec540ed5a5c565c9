#!/usr/bin/env bash
# Ready in seconds: README's command (`dotnet run --project src/Backend.Local`) on a tree where nothing changed, to
# its first answer to GET /calc, beside `dotnet run` of the same project printing only its help (MSBuild's
# up-to-date check and a process start: the part that is not ours). Also the first request's own latency after
# the banner with --warm-containers LAZY (the default) and EAGER, and the same with Packaging=native (the functions as
# Native AOT bootstraps, already built: the warm-up start builds them once), then req/s of GET /calc through the
# emulator at 1 and 32 connections (wrk), managed beside native. Rounds are interleaved; medians are reported.
# Usage: bench/startup.sh <results-dir> [rounds=5]   (needs ports 3000-3002 free)
set -euo pipefail
cd "$(dirname "$0")/.."
results=$1
rounds=${2:-5}
calc="http://127.0.0.1:3000/prod/calc?operand1=1&operand2=2&operator=%2B"
log=$(mktemp)
# The emulator is the child of the `dotnet run` started here: stopped by that parent's id, so an emulator of another
# checkout on the same machine is never touched.
running=""
trap '[ -n "$running" ] && pkill -TERM -P "$running" 2>/dev/null; rm -f "$log"' EXIT

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
stop() {
  pkill -TERM -P "$1" || true
  wait "$1" 2>/dev/null || true
  running=""
}

# When a process started (epoch seconds), from /proc: field 22 of its stat is its start in clock ticks after boot.
started_at() {
  local ticks boot
  ticks=$(sed 's/.*) //' "/proc/$1/stat" | awk '{ print $20 }')
  boot=$(awk '/^btime/ { print $2 }' /proc/stat)
  echo "$boot + $ticks / $(getconf CLK_TCK)" | bc -l
}

# One run of README's command: prints "<start to first 200> <banner to first 200> <emulator process start to first 200>".
serve() {
  local start pid banner first app
  start=$(now)
  dotnet run --project src/Backend.Local -- "$@" > "$log" 2>&1 &
  pid=$!
  running=$pid
  until grep -q "Ctrl+C stops" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.01
  done
  banner=$(now)
  until curl -sf -o /dev/null "$calc"; do sleep 0.01; done
  first=$(since "$start")
  app=$(since "$(started_at "$(pgrep -P "$pid" | head -1)")")
  echo "$first $(since "$banner") $app"
  stop "$pid"
}

native=(--parameter-overrides Packaging=native)
echo "  warm-up start, managed and native (builds what changed) ..." >&2
serve > /dev/null
serve "${native[@]}" > /dev/null
help=() lazy=() lazy_first=() eager_first=() own=() nlazy=() nlazy_first=()
for round in $(seq "$rounds"); do
  start=$(now); dotnet run --project src/Backend.Local -- --help > /dev/null; help+=("$(since "$start")")
  read -r total first app < <(serve); lazy+=("$total"); lazy_first+=("$first"); own+=("$app")
  read -r _ first _ < <(serve --warm-containers EAGER); eager_first+=("$first")
  read -r total first _ < <(serve "${native[@]}"); nlazy+=("$total"); nlazy_first+=("$first")
  echo "  round $round: dotnet run --help ${help[-1]} s, first answer ${lazy[-1]} s (${own[-1]} s of it after the emulator's process started), first request LAZY ${lazy_first[-1]} s, EAGER ${eager_first[-1]} s; native: first answer ${nlazy[-1]} s, first request ${nlazy_first[-1]} s" >&2
done

# req/s of GET /calc at 1 and 32 connections, managed then native (one emulator each, after a warm-up second).
rps() {
  local pid c out=()
  # --no-throttling: wrk measures the emulator, not template.yaml's 100 requests per second.
  dotnet run --project src/Backend.Local -- --no-throttling "$@" > "$log" 2>&1 &
  pid=$!
  running=$pid
  until curl -sf -o /dev/null "$calc"; do kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }; sleep 0.05; done
  wrk -t1 -c32 -d1s "$calc" > /dev/null
  for c in 1 32; do out+=("$(wrk -t1 -c"$c" -d"${WRK_SECONDS:-5}"s "$calc" | awk '/Requests\/sec/ { print $2 }')"); done
  echo "${out[*]}"
  stop "$pid"
}
read -r m1 m32 < <(rps)
read -r n1 n32 < <(rps "${native[@]}")

two() { printf '%.2f' "$1"; }
all() { local v out=(); for v in "$@"; do out+=("$(two "$v")"); done; echo "${out[*]}"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
h=$(median "${help[@]}"); l=$(median "${lazy[@]}"); lf=$(median "${lazy_first[@]}"); ef=$(median "${eager_first[@]}"); o=$(median "${own[@]}")
nl=$(median "${nlazy[@]}"); nlf=$(median "${nlazy_first[@]}")
{
  echo "README's command on an unchanged tree, $rounds interleaved rounds, medians (s):"
  echo
  echo "| | median s | all rounds |"
  echo "|---|---:|---|"
  echo "| \`dotnet run --project src/Backend.Local -- --help\` (not ours) | $(two "$h") | $(all "${help[@]}") |"
  echo "| \`dotnet run --project src/Backend.Local\` to the first 200 of GET /calc | $(two "$l") | $(all "${lazy[@]}") |"
  echo "| of which after the emulator's process started (from /proc: ours alone) | $(two "$o") | $(all "${own[@]}") |"
  echo "| first GET /calc after the banner, --warm-containers LAZY (default) | $(two "$lf") | $(all "${lazy_first[@]}") |"
  echo "| first GET /calc after the banner, --warm-containers EAGER | $(two "$ef") | $(all "${eager_first[@]}") |"
  echo "| \`… -- --parameter-overrides Packaging=native\` to the first 200 of GET /calc (bootstraps up to date) | $(two "$nl") | $(all "${nlazy[@]}") |"
  echo "| native: first GET /calc after the banner, LAZY | $(two "$nlf") | $(all "${nlazy_first[@]}") |"
  echo
  echo "GET /calc through the emulator, req/s (wrk, ${WRK_SECONDS:-5} s each, one run):"
  echo
  echo "| connections | managed | native | native ÷ managed |"
  echo "|---:|---:|---:|---:|"
  echo "| 1 | $m1 | $n1 | $(printf '%.2f' "$(echo "$n1 / $m1" | bc -l)")x |"
  echo "| 32 | $m32 | $n32 | $(printf '%.2f' "$(echo "$n32 / $m32" | bc -l)")x |"
  echo
  echo "- Ours: first answer - help = $(two "$(echo "$l - $h" | bc)") s; measured directly, from the emulator's process start to the first answer, $(two "$o") s (target <= 2 s). The rest is dotnet run's up-to-date check."
  echo "- EAGER / LAZY first request: $(two "$(echo "$ef / $lf" | bc -l)")x."
} > "$results/startup.md"
cat "$results/startup.md"
