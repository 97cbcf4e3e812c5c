# Sourced by bench/import.sh and bench/audit-scale.sh: the baseline "the same
# writes done by sqlite3 itself", set-based, into the real schema: the asset
# rows with their indexes, and one audit entry each as the trail stores it
# (the command once, the row's values as a JSON array under the table's shape),
# without validation or hashing.
# same_writes DB CSV: DB is a register set up with the 20 departments.
same_writes() {
  sqlite3 "$1" <<SQL
.mode csv
CREATE TEMP TABLE raw (tag TEXT, kind TEXT, name TEXT, model TEXT, manufacturer TEXT, supplier TEXT, purchased TEXT, price TEXT, dept TEXT, custodian TEXT, location TEXT, serial TEXT, specs TEXT);
.import --skip 1 $2 raw
BEGIN;
INSERT INTO asset (tag, kind, name, model, manufacturer, supplier, purchased, price, dept_id, location, serial, specs, registered)
  SELECT r.tag, r.kind, r.name, r.model, r.manufacturer, r.supplier, r.purchased, CAST(round(r.price * 100) AS INTEGER), d.id, r.location, r.serial, r.specs, date('now')
  FROM raw r JOIN department d ON d.name = r.dept;
INSERT INTO audit_command (at, actor, os_user, line) VALUES ('2026-01-01T00:00:00Z', 'bench', 'bench', 'asset import');
INSERT OR IGNORE INTO audit_shape (entity, columns) VALUES ('asset',
  '["classified","custodian_id","dept_id","id","kind","location","manufacturer","model","name","network","price","purchased","registered","request_id","serial","specs","status","supplier","tag"]');
INSERT INTO audit_entry (seq, command, entity, key, action, shape, row, hash)
  SELECT a.id + 100, (SELECT max(id) FROM audit_command), 'asset', a.tag, 'insert',
         (SELECT id FROM audit_shape WHERE entity = 'asset'),
         json_array(a.classified, a.custodian_id, a.dept_id, a.id, a.kind, a.location, a.manufacturer, a.model,
                    a.name, a.network, a.price, a.purchased, a.registered, a.request_id, a.serial, a.specs,
                    a.status, a.supplier, a.tag),
         randomblob(32)
  FROM asset a;
COMMIT;
SQL
}
