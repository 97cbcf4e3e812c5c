#!/usr/bin/env bash
# Spreadsheet import benchmark (issue 10): the same N asset rows imported from
# .xlsx (made by LibreOffice from the CSV) and from CSV, best of 3 each, and
# the peak memory (max RSS, /usr/bin/time -v) of each import.
# Target: the xlsx import within 2x the CSV import.
# Usage: bench/xlsx-import.sh [N=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
command -v soffice >/dev/null || { apt-get update -qq && apt-get install -y -qq libreoffice-calc >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
command -v bc >/dev/null || { apt-get update -qq && apt-get install -y -qq bc >/dev/null; }
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/infogov
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export TZ=UTC INFOGOV_ACTOR=bench INFOGOV_AS_OF=2026-11-28

# The register as an office keeps it: Chinese headers, a row number, dates
# and prices that LibreOffice turns into date and number cells.
awk -v n="$N" 'BEGIN {
  print "序号,资产编号,资产名称,资产类别,规格型号,品牌,供应商,购置日期,原值(元),使用科室,责任人,存放地点,出厂编号,使用状态";
  for (i = 1; i <= n; i++)
    printf "%d,A%07d,台式机%d,台式机,M%d,联想,某某科技,2025-%02d-%02d,%d.%02d,科室%d,员工%d,楼%d层,SN%d,在用\n",
      i, i, i, i % 50, i % 12 + 1, i % 28 + 1, 3000 + i % 5000, i % 100, i % 20, i % 2000, i % 9, i;
}' > "$W/register.csv"
echo "== converting $N rows to xlsx with LibreOffice"
(cd "$W" && soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx register.csv >/dev/null 2>&1)
ls -l "$W/register.csv" "$W/register.xlsx"

setup() { # setup DB: a register with the 20 departments
  rm -f "$1"*
  INFOGOV_DB=$1 "$BIN" init >/dev/null
  for d in $(seq 0 19); do INFOGOV_DB=$1 "$BIN" dept add "科室$d" >/dev/null; done
}
run_import() { # run_import FILE: one import into a fresh register (setup not timed)
  setup "$W/r.db"
  local s e
  s=$(date +%s.%N)
  INFOGOV_DB="$W/r.db" "$BIN" asset import "$1" >/dev/null
  e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
best() { # best FILE: the fastest of 3
  local b=""
  for _ in 1 2 3; do
    local t; t=$(run_import "$1")
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}
rss() { # rss FILE: max RSS in MB of one import
  setup "$W/r.db"
  INFOGOV_DB="$W/r.db" /usr/bin/time -v "$BIN" asset import "$1" 2>&1 >/dev/null |
    awk '/Maximum resident/ { printf "%.0f", $6 / 1024 }'
}

csv=$(best "$W/register.csv")
xlsx=$(best "$W/register.xlsx")
printf "import of %d rows: csv %.3f s, xlsx %.3f s, ratio %.2f (target 2)\n" \
  "$N" "$csv" "$xlsx" "$(echo "$xlsx / $csv" | bc -l)"
echo "peak memory: csv $(rss "$W/register.csv") MB, xlsx $(rss "$W/register.xlsx") MB max RSS"
