#!/usr/bin/env bash
# Runs the execrole benchmarks side by side and writes bench/results/results.md,
# bench/results/results.json and bench/results/chart.png, copied to bench/RESULTS.md and
# bench/chart.png.
#
# The same app of N functions is built five ways (execrole declaring its features, execrole
# deriving them, plain aws-cdk-go L2 roles, the
# floor of what Go role code can cost, idiomatic TypeScript aws-cdk-lib; see bench/doc.go),
# each run as its own process, interleaved: every
# repetition runs every size of every app, in an order that rotates between repetitions.
# Then it counts jsii requests, takes a census of the templates, times the planner and a
# warm `go test ./...`.
#
# Run from a clone after the README's setup (`npm ci` at the repository root):
#
#   bench/run.sh
#
# Environment:
#   BENCH_REPS    repetitions (default 5)
#   BENCH_NS      app sizes (default "1 25 100 240")
#   BENCH_GOTEST  0 to skip timing `go test ./...` (default 1)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
reps="${BENCH_REPS:-5}"
read -r -a sizes <<<"${BENCH_NS:-1 25 100 240}"
gotest="${BENCH_GOTEST:-1}"
# The counted runs and the template census compare these two sizes (one stack each).
census_sizes=(1 25)

node="$root/node_modules/.bin/node"
if [[ ! -x "$node" ]]; then
  echo "run.sh: $node is missing: run 'npm ci' at the repository root first" >&2
  exit 1
fi
export PATH="$root/node_modules/.bin:$PATH" JSII_NODE="$node" CDK_DISABLE_CLI_TELEMETRY=true

out="$root/bench/results"
raw="$out/raw"
bin="$out/bin"
rm -rf "$raw" "$bin"
mkdir -p "$raw/calls" "$raw/asm" "$bin"

echo "== installing bench/ts dependencies"
(cd bench/ts && npm ci --no-audit --no-fund --loglevel=error)

echo "== building"
go build -o "$bin/synth" ./bench/cmd/synth
go build -o "$bin/report" ./bench/cmd/report
go build -o "$bin/chart" ./bench/cmd/chart

# app runs app $1 with $2 functions; it prints the app's timings as JSON.
app() {
  case "$1" in
    ts) "$node" "$root/bench/ts/app.ts" "$2" ;;
    *) "$bin/synth" -variant "$1" -n "$2" ;;
  esac
}

# timed runs app $1 with $2 functions in repetition $3 and appends its record to runs.jsonl:
# the wall-clock time of the whole process, measured here, and what the app printed.
timed() {
  local start end result
  start=$EPOCHREALTIME
  result="$(app "$1" "$2")"
  end=$EPOCHREALTIME
  printf '{"rep":%d,"wall_ms":%s,"run":%s}\n' "$3" \
    "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", (e - s) * 1000 }')" "$result" >>"$raw/runs.jsonl"
}

{
  echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo) ($(nproc) cores)"
  echo "load average at start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "go=$(go env GOVERSION)"
  echo "node=$("$node" --version)"
  echo "repetitions=$reps"
} >"$raw/env.txt"

echo "== warming up"
for a in execrole derived l2 floor ts; do app "$a" 1 >/dev/null; done

apps=(execrole derived l2 floor ts)
for ((r = 1; r <= reps; r++)); do
  echo "== repetition $r of $reps"
  for n in "${sizes[@]}"; do
    for ((i = 0; i < ${#apps[@]}; i++)); do
      a="${apps[(i + r) % ${#apps[@]}]}"
      timed "$a" "$n" "$r"
      printf '   N=%-4s %-9s %s ms\n' "$n" "$a" "$(tail -n1 "$raw/runs.jsonl" | sed 's/.*"wall_ms":\([0-9.]*\).*/\1/')"
    done
  done
done
echo "load average at end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$raw/env.txt"

echo "== counting jsii requests and taking the template census"
for n in "${census_sizes[@]}"; do
  for a in execrole derived l2 floor; do
    "$bin/synth" -variant "$a" -n "$n" -out "$raw/asm/$a-$n" -calls "$raw/calls/$a-$n.log" >"$raw/calls/$a-$n.json"
    rm "$raw/calls/$a-$n.log"
  done
  "$node" bench/ts/app.ts "$n" "$raw/asm/ts-$n" >/dev/null
done

echo "== timing the planner"
go test -run '^$' -bench '^BenchmarkResolve$' -benchtime 2s ./bench >"$raw/resolve.txt"

if [[ "$gotest" != 0 ]]; then
  echo "== timing a warm go test ./..."
  if go test -run '^$' ./... >/dev/null 2>&1; then
    start=$EPOCHREALTIME
    if go test -count=1 ./... >"$raw/gotest.log" 2>&1; then
      end=$EPOCHREALTIME
      awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f\n", e - s }' >"$raw/gotest.txt"
    else
      echo "go test ./... failed (see bench/results/raw/gotest.log)" >"$raw/gotest.txt"
    fi
  else
    echo "go test ./... did not build" >"$raw/gotest.txt"
  fi
else
  echo "not measured (BENCH_GOTEST=0)" >"$raw/gotest.txt"
fi

echo "== writing the results"
"$bin/report" -raw "$raw" -reps "$reps" -md "$out/results.md" -json "$out/results.json"
"$bin/chart" -in "$out/results.json" -out "$out/chart.png"
cp "$out/results.md" bench/RESULTS.md
cp "$out/chart.png" bench/chart.png
echo
cat "$out/results.md"
