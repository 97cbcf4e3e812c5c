#!/usr/bin/env bash
# Stock-take benchmark (issue 13): a department of N assets (imported, so
# audited like real ones), then each step of a count as the officer runs it:
# start (N audited lines), the count sheet, a scanner file of every tag but
# one in a hundred, close (the rest become missing, N/100 status changes), the
# report, `audit check`, labels of the first 1,000, and depreciation. Prints
# each step's wall time and peak memory (GNU time). Bare seconds vary with the
# machine and its load; what to read is that no step grows faster than N.
#
#   bash bench/stocktake.sh          # 20,000 assets
#   N=100000 bash bench/stocktake.sh # the most this project runs on a shared machine
#
# Needs: cargo, GNU time (/usr/bin/time).
set -euo pipefail
N=${N:-20000}
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/infogov
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export TZ=UTC INFOGOV_ACTOR=bench INFOGOV_DB=$W/r.db INFOGOV_AS_OF=2026-11-28
"$BIN" init >/dev/null
"$BIN" dept add 内科 >/dev/null
{
  echo "tag,kind,name,dept,custodian,location,purchased,price"
  for i in $(seq 1 "$N"); do
    printf 'B-%06d,desktop,门诊电脑,内科,医生%d,门诊%d,2024-%02d-15,4999.00\n' "$i" $((i % 500)) $((i % 200)) $((i % 12 + 1))
  done
} >"$W/assets.csv"
awk -F, 'NR > 1 && (NR - 1) % 100 != 0 { print $1 }' "$W/assets.csv" >"$W/scan.txt"
step() { # step NAME COMMAND...
  local name=$1
  shift
  /usr/bin/time -f "$name: %e s, %M KB peak" "$@" >/dev/null
}
step "import $N assets" "$BIN" asset import "$W/assets.csv"
step "stocktake start" "$BIN" asset stocktake start --dept 内科
step "stocktake sheet (csv)" "$BIN" asset stocktake sheet 1 --format csv
step "stocktake scan $(wc -l <"$W/scan.txt") tags" "$BIN" asset stocktake scan 1 --file "$W/scan.txt"
step "stocktake close" "$BIN" asset stocktake close 1 --format csv
step "stocktake report (csv)" "$BIN" asset stocktake report 1 --format csv
step "audit check --only asset" sh -c "\"$BIN\" audit check --only asset --format csv || true"
step "asset label (first 1000)" sh -c "\"$BIN\" asset label \$(head -n 1000 \"$W/scan.txt\") -o \"$W/l.svg\""
step "asset depreciation (csv)" "$BIN" asset depreciation --format csv
step "audit verify" "$BIN" audit verify
echo "missing after close: $("$BIN" asset list --status missing --format csv | tail -n +2 | wc -l) (expected $((N / 100)))"
