#!/usr/bin/env bash
# Backup check benchmark (issue 5). In one run on one machine, for a register
# of SYSTEMS information systems and first SMALL, then BIG backup runs:
#   `infogov backup check --format csv` against the same question asked of the
#   sqlite3 CLI on the same file: per system, its policy and its newest (and
#   oldest) successful run of each kind, newest off-site copy and drills.
# Ratios are what to read: bare seconds vary with the machine and its load.
# The check must stay within 2x of sqlite3, and its time must not grow with
# the number of runs (each question is one index seek).
# The runs are generated with SQL straight into the register (not through
# the audited commands: a million audited imports would measure the import,
# not the check; the check does not read the audit trail).
# Before timing anything at a size, it checks that infogov's findings agree
# with sqlite3's answer (which systems lack a policy or a successful run of
# each kind, and the oldest full backup it names) and exits 1 if they do not.
# Usage: bench/backup.sh [SYSTEMS=1000] [SMALL=100000] [BIG=1000000] [REPEAT=15]
# Needs: cargo, sqlite3, bc, python3 (3.10 or newer); checked before anything runs.
set -euo pipefail
cd "$(dirname "$0")/.."
SYSTEMS=${1:-1000}
SMALL=${2:-100000}
BIG=${3:-1000000}
K=${4:-15}
for p in cargo sqlite3 bc python3; do
  command -v "$p" >/dev/null || { echo "bench/backup.sh needs $p" >&2; exit 2; }
done
python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
  { echo "bench/backup.sh needs python3 3.10 or newer" >&2; exit 2; }
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/infogov
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export TZ=UTC INFOGOV_ACTOR=bench
# The instant the check is asked about: the newest run finishes just before it.
NOW_EPOCH=1795824000 # 2026-11-28T00:00:00Z
AS_OF=2026-11-28T00:00:00Z

setup() { # setup DB RUNS: SYSTEMS systems, policies, RUNS hourly runs spread over them
  local db=$1 runs=$2 per=$(($2 / SYSTEMS))
  INFOGOV_DB=$db "$BIN" init >/dev/null
  sqlite3 "$db" <<SQL
BEGIN;
INSERT INTO department (name, created_at) VALUES ('信息科', '2026-01-01');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $SYSTEMS)
INSERT INTO system (name, owner_dept_id, created_at) SELECT printf('SYS%05d', i), 1, '2026-01-01' FROM n;
-- Every system but one in a hundred has a policy (those few are findings).
INSERT INTO backup_policy (system_id, full, diff, log, offsite, drill, retain_full, grace, updated_at)
  SELECT id, '1d', '1d', '2h', '1d', '90d', '2d', '1h', '2026-01-01T00:00:00Z' FROM system WHERE id % 100 <> 0;
-- Run j of system s finishes (per - j) hours before now: kinds in a cycle of
-- ten hours (full, diff, incr, then logs), one in 24 off-site, one in 50 failed.
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $runs - 1)
INSERT INTO backup_run (system_id, kind, started, finished, location, tool, status, recorded_at)
  SELECT 1 + i % $SYSTEMS,
         CASE (i / $SYSTEMS) % 10 WHEN 0 THEN 'full' WHEN 1 THEN 'diff' WHEN 2 THEN 'incr' ELSE 'log' END,
         strftime('%Y-%m-%dT%H:%M:%SZ', $NOW_EPOCH - ($per - i / $SYSTEMS) * 3600 - 600, 'unixepoch'),
         strftime('%Y-%m-%dT%H:%M:%SZ', $NOW_EPOCH - ($per - i / $SYSTEMS) * 3600, 'unixepoch'),
         CASE WHEN (i / $SYSTEMS) % 24 = 0 THEN 'offsite' ELSE 'local' END,
         'bench',
         CASE WHEN i % 50 = 7 THEN 'failed' ELSE 'success' END,
         '2026-01-01T00:00:00Z'
  FROM n;
INSERT INTO backup_drill (system_id, at, result, note, recorded_at)
  SELECT id, '2026-11-01T00:00:00Z', 'pass', 'bench', '2026-11-01T00:00:00Z' FROM system;
COMMIT;
ANALYZE;
SQL
}

# The same question, asked of SQLite directly.
QUERY="SELECT s.name, p.full, p.diff, p.log, p.offsite, p.drill, p.retain_full, p.grace,
  (SELECT max(finished) FROM backup_run WHERE system_id = s.id AND kind = 'full' AND status = 'success' AND finished <= '$AS_OF'),
  (SELECT min(finished) FROM backup_run WHERE system_id = s.id AND kind = 'full' AND status = 'success' AND finished <= '$AS_OF'),
  (SELECT max(finished) FROM backup_run WHERE system_id = s.id AND kind = 'diff' AND status = 'success' AND finished <= '$AS_OF'),
  (SELECT coalesce(started, finished) FROM backup_run WHERE system_id = s.id AND kind = 'diff' AND status = 'success' AND finished <= '$AS_OF' ORDER BY finished DESC LIMIT 1),
  (SELECT max(finished) FROM backup_run WHERE system_id = s.id AND kind = 'incr' AND status = 'success' AND finished <= '$AS_OF'),
  (SELECT coalesce(started, finished) FROM backup_run WHERE system_id = s.id AND kind = 'incr' AND status = 'success' AND finished <= '$AS_OF' ORDER BY finished DESC LIMIT 1),
  (SELECT max(finished) FROM backup_run WHERE system_id = s.id AND kind = 'log' AND status = 'success' AND finished <= '$AS_OF'),
  (SELECT coalesce(started, finished) FROM backup_run WHERE system_id = s.id AND kind = 'log' AND status = 'success' AND finished <= '$AS_OF' ORDER BY finished DESC LIMIT 1),
  (SELECT max(finished) FROM backup_run WHERE system_id = s.id AND location = 'offsite' AND status = 'success' AND finished <= '$AS_OF'),
  (SELECT max(at) FROM backup_drill WHERE system_id = s.id AND result = 'pass' AND at <= '$AS_OF'),
  (SELECT max(at) FROM backup_drill WHERE system_id = s.id AND result = 'fail' AND at <= '$AS_OF')
FROM system s LEFT JOIN backup_policy p ON p.system_id = s.id
WHERE s.stage = 'in-service' ORDER BY s.name;"

secs() { # secs CMD...: wall seconds of one run (a check's non-zero exit is its finding)
  local s e; s=$(date +%s.%N); "$@" >/dev/null || true; e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
best() { # best K CMD...: the fastest of K runs (the least disturbed by other load)
  local k=$1; shift
  for _ in $(seq 1 "$k"); do secs "$@"; done | sort -n | head -1
}
check_infogov() { INFOGOV_DB=$1 "$BIN" --as-of "$AS_OF" backup check --format csv; }
check_sqlite() { sqlite3 -csv "$1" "$QUERY"; }

# same INFOGOV_CSV SQLITE_CSV: the findings infogov gives that follow from
# the data alone (no policy; no successful run of a kind; the oldest full
# backup, when it is after WINDOW_START) against what sqlite3's answer says.
# Usage: same INFOGOV_CSV SQLITE_CSV WINDOW_START
same() {
  python3 - "$1" "$2" "$3" <<'PY'
import csv, sys
got, want = set(), set()
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        m, s = r["message"], r["subject"]
        for key, prefix in [("policy", "no backup policy"),
                            ("full", "no successful full backup recorded"),
                            ("diff", "no successful differential or incremental"),
                            ("log", "no successful transaction-log"),
                            ("offsite", "no successful off-site copy")]:
            if m.startswith(prefix):
                got.add((s, key))
        if m.startswith("the oldest successful full backup finished "):
            got.add((s, "oldest " + m.split()[6]))
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    for r in csv.reader(f):
        name, policy, retain = r[0], r[1], r[6]
        max_full, min_full, diff, incr, log, offsite = r[8], r[9], r[10], r[12], r[14], r[16]
        if not policy:
            want.add((name, "policy"))
            continue
        if not max_full:
            want.add((name, "full"))
        if not diff and not incr:
            want.add((name, "diff"))
        if not log:
            want.add((name, "log"))
        if not offsite:
            want.add((name, "offsite"))
        if min_full and retain == "2d" and min_full > sys.argv[3]:
            want.add((name, "oldest " + min_full))
if not want:
    sys.exit("the data gives no finding to compare")
if got != want:
    sys.exit(f"only infogov: {sorted(got - want)[:5]}; only sqlite3: {sorted(want - got)[:5]}")
PY
}

declare -A T S
for runs in "$SMALL" "$BIG"; do
  db="$W/r$runs.db"
  echo "== $SYSTEMS systems, $runs runs: generating"
  setup "$db" "$runs"
  echo "-- query plan (every subquery must SEARCH a covering index, none SCAN backup_run):"
  sqlite3 "$db" "EXPLAIN QUERY PLAN $QUERY" | grep -E "SEARCH|SCAN" | sort | uniq -c
  if sqlite3 "$db" "EXPLAIN QUERY PLAN $QUERY" | grep -qE "SCAN backup_run|SEARCH backup_run USING INDEX"; then
    echo "FAIL: the check scans backup_run or reads its rows" >&2; exit 1
  fi
  (check_infogov "$db" || true) >"$W/check.infogov"
  check_sqlite "$db" >"$W/check.sqlite3"
  # Two days before the instant asked about: the retention window of 2d.
  if ! same "$W/check.infogov" "$W/check.sqlite3" "2026-11-26T00:00:00Z"; then
    echo "FAIL: infogov's findings and sqlite3's answer disagree; no times printed" >&2
    exit 1
  fi
  echo "-- answers: infogov's findings agree with sqlite3's answer"
  findings=$(tail -n +2 "$W/check.infogov" | wc -l)
  check_infogov "$db" >/dev/null && code=0 || code=$?
  ti=$(best "$K" check_infogov "$db")
  ts=$(best "$K" check_sqlite "$db")
  T[$runs]=$ti
  S[$runs]=$ts
  # Pages the question reads from the file: bounded by the seeks (12 per
  # system), whatever the number of runs.
  misses=$(sqlite3 -cmd ".stats on" "$db" "$QUERY" | awk '/Page cache misses/ {print $NF}')
  printf "backup check: infogov %.3fs, sqlite3 %.3fs, ratio %.2f (%d findings, exit %d; %d pages read)\n" \
    "$ti" "$ts" "$(echo "$ti / $ts" | bc -l)" "$findings" "$code" "$misses"
done
printf "growth from %d to %d runs: infogov %.2fx, sqlite3 %.2fx\n" "$SMALL" "$BIG" \
  "$(echo "${T[$BIG]} / ${T[$SMALL]}" | bc -l)" "$(echo "${S[$BIG]} / ${S[$SMALL]}" | bc -l)"
