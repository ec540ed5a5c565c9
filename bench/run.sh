#!/usr/bin/env bash
# Runs every benchmark and writes the report into bench/results/ (git-ignored):
#   runtime.md / runtime.csv  cold start, warm invocation, memory, package size and build time: managed .NET,
#                             Native AOT and the tutorials' Node.js peers side by side, with the Native AOT targets
#   load.md / load.csv        req/s and latency through the emulator at several concurrencies, vs a trivial Kestrel floor
#                             and the three-exchange floor (bench/RequestFloor: front, Runtime API /next, /response)
#   latency.png               the latency percentiles, charted
#   peers.png                 req/s of the emulator vs serverless-offline (load.md's "Peer" section), charted
#   startup.md                README's command to its first answer on an unchanged tree, LAZY vs EAGER first request
#   reload.md                 hot reload: save to first response of the new code, idle and under load (RELOAD=0 skips it)
#   micro/                    BenchmarkDotNet: time and allocations of the hot paths (MICRO=0 skips it)
# Usage: bench/run.sh [cold-starts=10] [warm=1000] [soak=10000,20000]   (RUNTIME_ONLY=1: publish and runtime.md only)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/bench/results"
publish="$root/.local/bench/publish"
mkdir -p "$results" "$publish"

need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
command -v gnuplot >/dev/null || need_apt+=(gnuplot-nox)
for tool in autoconf automake libtool; do command -v "$tool" >/dev/null || need_apt+=("$tool"); done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} (Debian) ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -d bench/node/node_modules/aws-lambda-ric ] || [ ! -d bench/node/node_modules/aws-sdk ]; then
  echo "Installing the Node.js peers' packages (aws-lambda-ric builds natively; takes a few minutes) ..."
  (cd bench/node && npm install --no-audit --no-fund --no-package-lock --foreground-scripts >/dev/null)
fi

# serverless-offline, the load benchmark's peer. --no-package-lock, as for bench/node: both direct packages are
# pinned exactly in package.json, and package-lock.json is git-ignored repository-wide, so a lockfile would be
# written here only to be left out of the repository.
if [ "${RUNTIME_ONLY:-0}" != "1" ] && { [ ! -d bench/peers/serverless-offline/node_modules/serverless ] || [ ! -d bench/peers/serverless-offline/node_modules/serverless-offline ]; }; then
  echo "Installing serverless-offline (the load benchmark's peer) ..."
  (cd bench/peers/serverless-offline && npm install --no-audit --no-fund --no-package-lock >/dev/null)
fi

# Each function twice: managed (ReadyToRun, run as `dotnet exec`, the dotnet10 runtime) and native (Native AOT, an
# executable named bootstrap, provided.al2023), each publish timed into build-seconds.tsv for runtime.md. What a
# time covers: restore and the shared library (Backend.Lambda) are done first, untimed; then the function's own
# bin/ and obj/ output for that configuration is removed, so the time is the function's compile plus ReadyToRun or
# ILC over the whole program, never an up-to-date no-op.
echo "Publishing the functions, managed and native, and the floor (Release) ..."
: > "$publish/build-seconds.tsv"
for packaging in managed native; do
  if [ "$packaging" = native ]; then flags=(-p:Packaging=native); out="$publish/native"; own=native/Release; else flags=(-p:SelfContained=false); out="$publish"; own=Release; fi
  dotnet build src/Backend.Lambda -c Release "${flags[@]}" --nologo -v q
  for project in Calc RandomNumber DynamoDbManager; do
    dotnet restore "src/Backend.$project" -r linux-x64 "${flags[@]}" --nologo -v q
    rm -rf "$out/$project" "src/Backend.$project/bin/$own" "src/Backend.$project/obj/$own"
    start=$(date +%s.%N)
    dotnet publish "src/Backend.$project" -c Release -r linux-x64 "${flags[@]}" --no-restore -o "$out/$project" --nologo -v q
    printf '%s\t%s\t%s\n' "$project" "$packaging" "$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')" >> "$publish/build-seconds.tsv"
  done
done
dotnet publish bench/Floor -c Release -o "$publish/Floor" --nologo -v q
dotnet publish bench/RequestFloor -c Release -o "$publish/RequestFloor" --nologo -v q

echo "Cold start, warm invocations, memory, package sizes ..."
dotnet run --project bench/Backend.RuntimeBench -c Release -- "$publish" bench/node "$results" "${1:-10}" "${2:-1000}" "${3:-10000,20000}"
# RUNTIME_ONLY=1 stops here: runtime.md is the whole report.
if [ "${RUNTIME_ONLY:-0}" = "1" ]; then echo "Report: $results/runtime.md"; exit 0; fi

echo "Load through the emulator (wrk) ..."
dotnet run --project bench/Backend.LoadBench -c Release -- "$publish" "$results" "${LOAD_SECONDS:-10}" "${LOAD_CONNECTIONS:-1,8,32,64}"

# A clustered histogram with a log y axis: histogram <png> <title> <y label> <gnuplot plot arguments>
histogram() {
  gnuplot <<GNUPLOT
set terminal pngcairo size 1000,560 noenhanced font ",10"
set output "$1"
set title "$2"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set ylabel "$3"
set logscale y
set key top left
set xtics rotate by -20
plot $4
GNUPLOT
}

echo "Charts ..."
histogram "$results/latency.png" "Latency percentiles at 32 connections (wrk, loopback; lower is better)" "ms" \
  "\"$results/latency.dat\" using 2:xtic(1) title \"p50\", \"\" using 3 title \"p90\", \"\" using 4 title \"p99\""
histogram "$results/peers.png" "Requests per second, ours vs serverless-offline (wrk, loopback; higher is better)" "req/s" \
  "\"$results/peers.dat\" using 2:xtic(1) title \"ours (Backend.Local)\", \"\" using 3 title \"serverless-offline\""

echo "Start-up (README's command, unchanged tree) ..."
bench/startup.sh "$results" "${STARTUP_ROUNDS:-5}"

if [ "${RELOAD:-1}" = "1" ]; then
  echo "Hot reload (the emulator on a temporary copy of the repository) ..."
  dotnet build src/Backend.Local -c Release --nologo -v q
  dotnet run --project bench/Backend.ReloadBench -c Release -- "$results"
fi

if [ "${MICRO:-1}" = "1" ]; then
  echo "Micro-benchmarks (BenchmarkDotNet) ..."
  dotnet run --project bench/Backend.Benchmarks -c Release -- --filter '*' --artifacts "$results/micro" >/dev/null
fi

{
  echo "# Benchmarks - $(date -u +%Y-%m-%d) - $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r)"
  echo
  echo "## Start-up"
  cat "$results/startup.md"
  echo
  echo "## Cold start, warm invocation, memory (functions at 128 MB)"
  cat "$results/runtime.md"
  echo
  echo "## Through the emulator"
  # load.md ends with the peer's section: the latency chart goes with the emulator's part, before it.
  sed '/^## Peer: serverless-offline/,$d' "$results/load.md"
  echo
  echo "![latency](latency.png)"
  echo
  sed -n '/^## Peer: serverless-offline/,$p' "$results/load.md"
  echo
  echo "![peers](peers.png)"
  if [ "${RELOAD:-1}" = "1" ]; then
    echo
    echo "## Hot reload"
    cat "$results/reload.md"
  fi
  if ls "$results"/micro/results/*-report-github.md >/dev/null 2>&1; then
    echo
    echo "## Micro-benchmarks"
    for f in "$results"/micro/results/*-report-github.md; do cat "$f"; echo; done
  fi
} > "$results/report.md"
echo "Report: $results/report.md"
