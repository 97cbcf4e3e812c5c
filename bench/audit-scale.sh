#!/usr/bin/env bash
# The audit trail at scale (issue 17). On a register of N imported assets,
# measures in one run on one machine:
#   1. `audit check` when nothing changed since the last verified point,
#      against the same check without the audit area (`--only` the others);
#   2. `audit verify --full` against the sqlite3 CLI reading every stored
#      field of every entry of the same file (audit_entry with the command
#      row each refers to: what verification reads and hashes), and, for
#      scale, audit_entry alone;
#   3. the peak memory (max RSS) of `audit check`, `audit verify --full` and
#      `audit report`;
#   4. the register's size against a bare sqlite3 import of the same CSV;
#   5. `asset import` against sqlite3 making the same writes (set-based).
# Ratios are what to read: bare seconds vary with the machine and its load.
# Before any time is printed it checks the answers: the daily check gives
# the other areas' findings plus the audit line and nothing else, the full
# verification is clean, and a row changed with the sqlite3 CLI is named by
# the full verification (so it really compares); it exits 1 otherwise.
# Usage: bench/audit-scale.sh [N=1000000] [RUNS=3]
# Needs: cargo, sqlite3, bc, python3, GNU time (/usr/bin/time); checked first.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/same-writes.sh
. bench/same-writes.sh
N=${1:-1000000}
RUNS=${2:-3}
for p in cargo sqlite3 bc python3 /usr/bin/time; do
  command -v "$p" >/dev/null || { echo "bench/audit-scale.sh needs $p" >&2; exit 2; }
done
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/infogov
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# A config of its own: the witness file and the verified point in $W.
mkdir -p "$W/cfg"
printf '[audit]\nwitness = "%s/witness.jsonl"\n' "$W" >"$W/cfg/config.toml"
export TZ=UTC INFOGOV_ACTOR=bench XDG_CONFIG_HOME="$W/cfg"
ig() { INFOGOV_DB="$W/r.db" "$BIN" --config "$W/cfg/config.toml" "$@"; }

gen() { # gen ROWS FILE: the asset CSV of bench/import.sh
  awk -v n="$1" 'BEGIN {
    print "tag,kind,name,model,manufacturer,supplier,purchased,price,dept,custodian,location,serial,specs";
    for (i = 1; i <= n; i++)
      printf "A%07d,desktop,台式机%d,M%d,联想,某某科技,2025-%02d-%02d,%d.%02d,科室%d,员工%d,楼%d层,SN%d,i5/16G/512G\n",
        i, i, i % 50, i % 12 + 1, i % 28 + 1, 3000 + i % 5000, i % 100, i % 20, i % 2000, i % 9, i;
  }' > "$2"
}
setup() { # setup DB: a register with the 20 departments
  INFOGOV_DB=$1 "$BIN" --config "$W/cfg/config.toml" init >/dev/null
  for d in $(seq 0 19); do INFOGOV_DB=$1 "$BIN" --config "$W/cfg/config.toml" dept add "科室$d" >/dev/null; done
}
secs() { # secs CMD...: wall seconds of one run (its exit code is not a failure)
  local s e; s=$(date +%s.%N); "$@" >/dev/null || true; e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
best() { # best K CMD...: the fastest of K runs
  local k=$1; shift; local b=""
  for _ in $(seq 1 "$k"); do
    local t; t=$(secs "$@")
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}
rss() { # rss CMD...: max RSS in MiB of one run
  /usr/bin/time -f '%M' -o "$W/rss" "$@" >/dev/null || true
  echo "$(( $(tail -n 1 "$W/rss") / 1024 ))"   # after "Command exited with non-zero status"
}
ratio() { echo "$1 / $2" | bc -l; }

OTHERS=org,asset,software,request,consumable,backup,grade,duty

gen "$N" "$W/assets.csv"
echo "== import of $N assets"
import_infogov() { rm -f "$W/r.db"* "$W/witness"*; setup "$W/r.db"; ig asset import "$W/assets.csv"; }
import_same_work() {
  rm -f "$W/f.db"*; setup "$W/f.db"
  same_writes "$W/f.db" "$W/assets.csv"
}
import_bare() {
  rm -f "$W/bare.db"*
  sqlite3 "$W/bare.db" "CREATE TABLE asset (tag TEXT, kind TEXT, name TEXT, model TEXT, manufacturer TEXT, supplier TEXT, purchased TEXT, price TEXT, dept TEXT, custodian TEXT, location TEXT, serial TEXT, specs TEXT);"
  sqlite3 "$W/bare.db" ".import --csv --skip 1 $W/assets.csv asset"
}
t_setup=$(secs bash -c "rm -f $W/s.db*; $(declare -f setup); BIN=$BIN; W=$W; setup $W/s.db")
t_same=$(best "$RUNS" import_same_work)
t_imp=$(best "$RUNS" import_infogov)
import_bare
t_imp_net=$(echo "$t_imp - $t_setup" | bc -l)
t_same_net=$(echo "$t_same - $t_setup" | bc -l)
[ "$(sqlite3 "$W/r.db" 'SELECT count(*) FROM asset')" = "$N" ] ||
  { echo "FAIL: infogov imported $(sqlite3 "$W/r.db" 'SELECT count(*) FROM asset') of $N assets; no times printed" >&2; exit 1; }

echo "== answers"
# The first verification is a full one (no verified point yet); it must be clean.
ig audit verify --full >"$W/v.out" ||
  { echo "FAIL: audit verify --full on the imported register: $(cat "$W/v.out")" >&2; exit 1; }
grep -qx 'AUDIT OK - no findings' "$W/v.out" ||
  { echo "FAIL: audit verify --full printed $(cat "$W/v.out")" >&2; exit 1; }
# A row changed behind the tool's back is named by the full verification.
MID=$(printf 'A%07d' $((N / 2)))
sqlite3 "$W/r.db" "UPDATE asset SET name = name || '改' WHERE tag = '$MID'"
ig audit verify --full --format csv >"$W/v.csv" || true
grep -q "CRITICAL,audit,asset $MID,differs from its last audited state" "$W/v.csv" ||
  { echo "FAIL: the full verification did not name asset $MID changed behind its back: $(head -5 "$W/v.csv")" >&2; exit 1; }
sqlite3 "$W/r.db" "UPDATE asset SET name = substr(name, 1, length(name) - 1) WHERE tag = '$MID'"
ig audit verify --full >/dev/null ||
  { echo "FAIL: the register put right does not verify clean" >&2; exit 1; }
# The daily check: the other areas' findings, and the audit area's one line.
ig audit check --format csv >"$W/c.csv" || true
ig audit check --only "$OTHERS" --format csv >"$W/o.csv" || true
grep -v ',audit,' "$W/c.csv" >"$W/c-others.csv" || true
cmp -s "$W/c-others.csv" "$W/o.csv" ||
  { echo "FAIL: audit check and audit check --only $OTHERS disagree on the other areas" >&2; exit 1; }
[ "$(grep -c ',audit,' "$W/c.csv")" = 1 ] && grep -q '^OK,audit,full comparison,"verified from entry' "$W/c.csv" ||
  { echo "FAIL: the daily check's audit lines: $(grep ',audit,' "$W/c.csv")" >&2; exit 1; }
echo "answers: verify --full clean, names a changed row; the daily check adds one OK audit line to the other areas' $(($(wc -l <"$W/o.csv") - 1)) findings"

echo "== audit check, nothing changed since the verified point (best of $RUNS)"
t_check=$(best "$RUNS" ig audit check --format csv)
t_others=$(best "$RUNS" ig audit check --only "$OTHERS" --format csv)
printf 'audit check: %.3fs   without the audit area: %.3fs   ratio %.2f (target <= 2)\n' \
  "$t_check" "$t_others" "$(ratio "$t_check" "$t_others")"

echo "== audit verify --full against sqlite3 reading the same columns (best of $RUNS)"
COLS="SELECT e.seq, c.at, c.actor, c.os_user, c.line, e.entity, e.key, e.action, e.shape, e.row, e.hash
      FROM audit_entry e JOIN audit_command c ON c.id = e.command"
read_cols() { sqlite3 "$W/r.db" "$COLS" >/dev/null; }
read_entries() { sqlite3 "$W/r.db" "SELECT * FROM audit_entry" >/dev/null; }
t_full=$(best "$RUNS" ig audit verify --full)
t_cols=$(best "$RUNS" read_cols)
t_entries=$(best "$RUNS" read_entries)
ENTRIES=$(sqlite3 "$W/r.db" 'SELECT count(*) FROM audit_entry')
printf 'audit verify --full (%d entries): %.3fs   sqlite3 reading every field of every entry: %.3fs   ratio %.2f (target <= 3)\n' \
  "$ENTRIES" "$t_full" "$t_cols" "$(ratio "$t_full" "$t_cols")"
printf '   (sqlite3 reading audit_entry alone, without the command fields: %.3fs, ratio %.2f)\n' \
  "$t_entries" "$(ratio "$t_full" "$t_entries")"

echo "== peak memory"
printf 'audit check: %d MiB   audit verify --full: %d MiB   audit report: %d MiB (target <= 100)\n' \
  "$(rss env INFOGOV_DB="$W/r.db" "$BIN" --config "$W/cfg/config.toml" audit check)" \
  "$(rss env INFOGOV_DB="$W/r.db" "$BIN" --config "$W/cfg/config.toml" audit verify --full)" \
  "$(rss env INFOGOV_DB="$W/r.db" "$BIN" --config "$W/cfg/config.toml" audit report --format csv)"

echo "== register size"
sqlite3 "$W/r.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
size() { stat -c %s "$1"; }
trail=$(sqlite3 "$W/r.db" "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'audit_%'" 2>/dev/null || echo 0)
printf 'register: %.1f MB (audit trail %.0f%%)   bare sqlite3 .import: %.1f MB   ratio %.2f (target <= 3 at 100k)\n' \
  "$(echo "$(size "$W/r.db") / 1000000" | bc -l)" "$(echo "100 * $trail / $(size "$W/r.db")" | bc -l)" \
  "$(echo "$(size "$W/bare.db") / 1000000" | bc -l)" "$(ratio "$(size "$W/r.db")" "$(size "$W/bare.db")")"

echo "== asset import (best of $RUNS each)"
printf 'infogov asset import: %.3fs   sqlite3 making the same writes: %.3fs   ratio %.2f (target <= 1.3)\n' \
  "$t_imp_net" "$t_same_net" "$(ratio "$t_imp_net" "$t_same_net")"
