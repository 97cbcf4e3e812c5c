#!/usr/bin/env bash
# Benchmark of the consumables' ledger (台账) and assessment over 1,000,000
# movements: infogov against the same question asked of the sqlite3 CLI with
# hand-written SQL, on the same register, in the same run. First checks that
# both give the same answer, cell for cell, to every question, and exits 1
# before printing any time if they disagree; then prints the times, the
# ratios (infogov / sqlite3; the target is at most 2.0) and infogov's peak
# memory.
#
#   bash bench/consumable.sh            # 1,000,000 movements
#   N=200000 bash bench/consumable.sh   # a smaller run
#
# Needs: cargo, sqlite3, python3 (3.10 or newer, for the comparison), GNU
# time (/usr/bin/time); checked before anything runs.
set -euo pipefail

N=${N:-1000000}
RUNS=${RUNS:-3}
cd "$(dirname "$0")/.."
for p in cargo sqlite3 python3 /usr/bin/time; do
  command -v "$p" >/dev/null || { echo "bench/consumable.sh needs $p" >&2; exit 2; }
done
python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
  { echo "bench/consumable.sh needs python3 3.10 or newer (zip strict)" >&2; exit 2; }
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/infogov
WORK=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
export INFOGOV_DB=$WORK/register.db INFOGOV_CONFIG=/dev/null INFOGOV_ACTOR=bench TZ=UTC

echo "== generating $N movements in $WORK"
"$BIN" init >/dev/null
# Departments, people, items and quotas through the tool; the movements
# directly (a million audited commands would take hours), in date order as
# they are recorded in life.
for d in $(seq 1 20); do "$BIN" dept add "科室$d" >/dev/null; done
for d in $(seq 1 20); do "$BIN" person add "员工$d" --dept "科室$d" >/dev/null; done
cats=(toner ink paper media cables)
for i in $(seq 1 50); do
  c=${cats[$((i % 5))]}
  "$BIN" --as-of 2025-01-01 consumable item add "SKU-$i" --name "物品$i" --category "$c" \
    --unit piece --reorder-level 10 >/dev/null
done
sqlite3 "$INFOGOV_DB" <<SQL
PRAGMA synchronous = OFF;
INSERT INTO consumable_quota (dept_id, category, quarter, standing, qty)
  SELECT d.id, c.category, '2025Q1', 1, 900
  FROM department d, (SELECT DISTINCT category FROM consumable_item) c;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO consumable_movement (item_id, kind, date, qty, unit_cost, supplier, ref,
                                 dept_id, person_id, over_quota, reason)
SELECT 1 + (i * 7) % 50,
       CASE WHEN i % 10 = 0 THEN 'receive' WHEN i % 97 = 0 THEN 'adjust' ELSE 'issue' END,
       date('2025-01-01', '+' || (i * 730 / $N) || ' days'),
       CASE WHEN i % 10 = 0 THEN 40 WHEN i % 97 = 0 THEN -1 ELSE -(1 + i % 3) END,
       CASE WHEN i % 97 = 0 AND i % 10 <> 0 THEN NULL ELSE 1000 + (i * 7) % 50 * 25 END,
       CASE WHEN i % 10 = 0 THEN '供应商' || (i % 3) END,
       CASE WHEN i % 10 = 0 THEN 'PO-' || i END,
       CASE WHEN i % 10 <> 0 AND i % 97 <> 0 THEN 1 + (i / 7) % 20 END,
       CASE WHEN i % 10 <> 0 AND i % 97 <> 0 AND i % 4 = 0 THEN 1 + (i / 7) % 20 END,
       CASE WHEN i % 10 <> 0 AND i % 97 <> 0 AND i % 50 = 1 THEN 1 ELSE 0 END,
       CASE WHEN i % 10 <> 0 AND i % 97 = 0 THEN 'stock-taking'
            WHEN i % 10 <> 0 AND i % 50 = 1 THEN 'urgent' END
FROM n;
ANALYZE;
SQL
echo "movements: $(sqlite3 "$INFOGOV_DB" 'SELECT count(*) FROM consumable_movement')"

# The hand-written equivalents: the same columns, order and formatting.
LEDGER_SQL="SELECT m.id, m.date, m.kind, i.sku, i.name, i.category, i.unit, m.qty,
  sum(m.qty) OVER (PARTITION BY m.item_id ORDER BY m.date, m.id) AS balance,
  d.name AS dept, p.name AS person, a.tag AS asset,
  CASE WHEN m.unit_cost IS NOT NULL THEN printf('%d.%02d', m.unit_cost / 100, m.unit_cost % 100) END AS unit_cost,
  CASE m.over_quota WHEN 1 THEN 'yes' ELSE 'no' END AS over_quota,
  m.supplier, m.ref, m.reason
FROM consumable_movement m
  JOIN consumable_item i ON i.id = m.item_id
  LEFT JOIN department d ON d.id = m.dept_id
  LEFT JOIN person p ON p.id = m.person_id
  LEFT JOIN asset a ON a.id = m.asset_id
ORDER BY m.date, m.id;"

ASSESS_SQL="WITH used AS (
  SELECT m.dept_id, i.category, -sum(m.qty) AS used, sum(m.over_quota) AS flagged
  FROM consumable_movement m JOIN consumable_item i ON i.id = m.item_id
  WHERE m.kind = 'issue' AND m.date BETWEEN '2026-04-01' AND '2026-06-30'
  GROUP BY m.dept_id, i.category),
quota AS (
  SELECT dept_id, category, qty FROM (
    SELECT dept_id, category, qty, row_number() OVER (PARTITION BY dept_id, category
                                                      ORDER BY standing, quarter DESC) AS rn
    FROM consumable_quota
    WHERE (standing = 0 AND quarter = '2026Q2') OR (standing = 1 AND quarter <= '2026Q2'))
  WHERE rn = 1),
pairs AS (SELECT dept_id, category FROM used UNION SELECT dept_id, category FROM quota)
SELECT d.name AS dept, p.category, q.qty AS quota, coalesce(u.used, 0) AS used,
  CASE WHEN q.qty > 0 THEN printf('%.1f', coalesce(u.used, 0) * 100.0 / q.qty) END AS percent,
  CASE WHEN q.qty IS NOT NULL AND coalesce(u.used, 0) > q.qty THEN 'yes' ELSE 'no' END AS over,
  coalesce(u.flagged, 0) AS over_quota_issues
FROM pairs p JOIN department d ON d.id = p.dept_id
  LEFT JOIN quota q ON q.dept_id = p.dept_id AND q.category = p.category
  LEFT JOIN used u ON u.dept_id = p.dept_id AND u.category = p.category
ORDER BY d.name, p.category;"

TOTALS_SQL="SELECT d.name AS dept, i.category, count(*) AS issues, -sum(m.qty) AS qty,
  printf('%.2f', -sum(m.qty * m.unit_cost) / 100.0) AS value, sum(m.over_quota) AS over_quota
FROM consumable_movement m JOIN consumable_item i ON i.id = m.item_id
  JOIN department d ON d.id = m.dept_id
WHERE m.kind = 'issue' GROUP BY 1, 2 ORDER BY 1, 2;"

# best-of-RUNS wall time in seconds (to the millisecond), and the peak RSS
# (KiB) of that run
measure() {
  local out=$1; shift
  local best="" rss=""
  for _ in $(seq 1 "$RUNS"); do
    local t0 t1 t m
    t0=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$WORK/time" "$@" >"$out"
    t1=$(date +%s%N)
    t=$(awk "BEGIN{printf \"%.3f\", ($t1 - $t0) / 1e9}")
    m=$(cat "$WORK/time")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; rss=$m; fi
  done
  echo "$best $rss"
}

# The same answer, cell for cell (sqlite3 quotes non-ASCII text, and the
# tool ends a totals table with a TOTAL row). Every question is answered and
# compared before anything is timed: a fast wrong answer is no result.
same() {
  python3 - "$1" "$2" <<'PY'
import csv, sys
a, b = (open(f, newline="", encoding="utf-8") for f in sys.argv[1:])
ra = (r for r in csv.reader(a) if r[:1] != ["TOTAL"])
n = -1
for n, (x, y) in enumerate(zip(ra, csv.reader(b), strict=True)):
    if x != y:
        sys.exit(f"row {n}: {x} != {y}")
if n < 1:
    sys.exit("no rows to compare")
PY
}
QUESTIONS=("ledger (all, csv)" "assess --quarter 2026Q2" "ledger --by dept,category")
SQLS=("$LEDGER_SQL" "$ASSESS_SQL" "$TOTALS_SQL")
ARGS=("consumable ledger --format csv" "consumable assess --quarter 2026Q2 --format csv"
      "consumable ledger --by dept,category --format csv")
for q in 0 1 2; do
  name=${QUESTIONS[$q]}
  # shellcheck disable=SC2086 # the arguments are words
  "$BIN" ${ARGS[$q]} >"$WORK/$name.infogov"
  sqlite3 -csv -header "$INFOGOV_DB" "${SQLS[$q]}" >"$WORK/$name.sqlite3"
  if ! same "$WORK/$name.infogov" "$WORK/$name.sqlite3"; then
    echo "FAIL: $name: infogov and sqlite3 disagree; no times printed" >&2
    exit 1
  fi
done
echo "answers: infogov and sqlite3 agree cell for cell on all ${#QUESTIONS[@]} questions"

printf '\n%-28s %10s %10s %7s %12s\n' question infogov sqlite3 ratio "infogov RSS"
for q in 0 1 2; do
  name=${QUESTIONS[$q]}
  # shellcheck disable=SC2086
  read -r ti mi < <(measure "$WORK/$name.infogov" "$BIN" ${ARGS[$q]})
  read -r ts _ < <(measure "$WORK/$name.sqlite3" sqlite3 -csv -header "$INFOGOV_DB" "${SQLS[$q]}")
  ratio=$(awk "BEGIN{printf \"%.2f\", $ti / ($ts > 0 ? $ts : 0.001)}")
  printf '%-28s %9ss %9ss %7s %9s MiB\n' "$name" "$ti" "$ts" "$ratio" "$((mi / 1024))"
done
echo
echo "rows: ledger $(($(wc -l <"$WORK/ledger (all, csv).infogov") - 1))"
