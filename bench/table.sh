#!/usr/bin/env bash
# Table memory benchmark (issue 11). `asset list` as a table of N assets,
# piped and on a terminal of 80 columns (through `script`), against the same
# listing as CSV (which streams): peak memory (max RSS) and wall time.
# A table is rendered a block of 1,000 rows at a time, so its memory should
# not grow with N.
# Usage: bench/table.sh [N=100000]   (at most 100,000 on a shared machine;
# run 1,000,000 where the machine is yours)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
command -v script >/dev/null || { apt-get update -qq && apt-get install -y -qq bsdutils >/dev/null; }
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/infogov
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export TZ=UTC INFOGOV_ACTOR=bench INFOGOV_DB=$W/r.db

awk -v n="$N" 'BEGIN {
  print "tag,kind,name,model,manufacturer,supplier,purchased,price,dept,custodian,location,serial,specs";
  for (i = 1; i <= n; i++)
    printf "A%07d,desktop,台式机%d 门诊挂号收费用,M%d,联想,某某科技,2025-%02d-%02d,%d.%02d,科室%d,员工%d,门诊楼%d层挂号处,SN%d,i5/16G/512G\n",
      i, i, i % 50, i % 12 + 1, i % 28 + 1, 3000 + i % 5000, i % 100, i % 20, i % 2000, i % 9, i;
}' > "$W/assets.csv"
"$BIN" init >/dev/null
for d in $(seq 0 19); do "$BIN" dept add "科室$d" >/dev/null; done
"$BIN" asset import "$W/assets.csv" >/dev/null

measure() { # measure LABEL CMD...: max RSS and wall seconds
  local label=$1; shift
  /usr/bin/time -f "%M %e" -o "$W/t" "$@" >/dev/null
  read -r kb s < "$W/t"
  printf '%-40s %8.1f MiB %8.2f s\n' "$label" "$(echo "$kb / 1024" | bc -l)" "$s"
}
command -v bc >/dev/null || { apt-get update -qq && apt-get install -y -qq bc >/dev/null; }

echo "== asset list of $N assets"
measure "table, piped (every column)" "$BIN" asset list
measure "csv" "$BIN" asset list --format csv
# On a terminal: `script` runs it in a pseudo-terminal of 80 columns; the
# RSS is of the whole `script` process tree's largest member, the binary.
measure "table, 80-column terminal" script -qec "stty cols 80; $BIN asset list --wide" /dev/null
