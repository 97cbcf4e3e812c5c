#!/usr/bin/env bash
# Dynamic completion benchmark (issue 18). On a register of N assets (default
# 100,000) over 20 departments and 2,000 people, times what bash runs when
# the user presses Tab (`COMPLETE=bash infogov -- WORDS`), best of 10 each:
#   1. a department (`asset list --dept 科室1`),
#   2. a person (`asset list --custodian 员工12`),
#   3. a tag with a typed prefix (`asset show A00123`: 100 candidates),
#   4. every tag (`asset show ` with nothing typed: N candidates),
#   5. the process alone (`infogov --version`), the floor of any completion.
# Target: under 50 ms for what a user types (1-3).
# Usage: bench/complete.sh [N=100000]    (never run it above 100,000 on a shared machine)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
command -v bc >/dev/null || { apt-get update -qq && apt-get install -y -qq bc >/dev/null; }
cargo build --release --locked --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/infogov
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export TZ=UTC INFOGOV_ACTOR=bench INFOGOV_DB=$W/register.db

awk -v n="$N" 'BEGIN {
  print "tag,kind,name,purchased,price,dept,custodian";
  for (i = 1; i <= n; i++)
    printf "A%07d,desktop,台式机%d,2025-%02d-%02d,%d,科室%d,员工%d\n",
      i, i, i % 12 + 1, i % 28 + 1, 3000 + i % 5000, i % 20, i % 2000;
}' > "$W/assets.csv"
"$BIN" init >/dev/null
for d in $(seq 0 19); do "$BIN" dept add "科室$d" >/dev/null; done
"$BIN" asset import "$W/assets.csv" >/dev/null

secs() { # secs CMD...: wall seconds of one run
  local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
best() { # best K CMD...: the fastest of K runs, in ms
  local k=$1; shift; local b=""
  for _ in $(seq 1 "$k"); do
    local t; t=$(secs "$@")
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  printf '%.1f' "$(echo "$b * 1000" | bc -l)"
}
tab() { # tab INDEX WORDS...: what bash's completion function runs
  local i=$1; shift
  COMPLETE=bash _CLAP_COMPLETE_INDEX=$i _CLAP_COMPLETE_COMP_TYPE=9 _CLAP_COMPLETE_SPACE=true \
    "$BIN" -- infogov "$@"
}
count() { tab "$@" | tr '\013' '\n' | grep -c . || true; }

printf '| completion | candidates | ms (best of 10) |\n|---|---|---|\n'
printf '| `--dept 科室1` | %s | %s |\n' "$(count 4 asset list --dept 科室1)" "$(best 10 tab 4 asset list --dept 科室1)"
printf '| `--custodian 员工12` | %s | %s |\n' "$(count 4 asset list --custodian 员工12)" "$(best 10 tab 4 asset list --custodian 员工12)"
printf '| `asset show A00123` | %s | %s |\n' "$(count 3 asset show A00123)" "$(best 10 tab 3 asset show A00123)"
printf '| `asset show ` (all tags) | %s | %s |\n' "$(count 3 asset show '')" "$(best 10 tab 3 asset show '')"
printf '| `infogov --version` (the floor) | | %s |\n' "$(best 10 "$BIN" --version)"
