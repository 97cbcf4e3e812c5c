-- 11: the audit trail stored lean (#17). Run by migrate.rs around its
-- conversion of the entries: the old table is first renamed audit_log_v10,
-- these objects are made, every entry is moved over (commands and shapes
-- split out, each row checked to rebuild byte for byte), and audit_log_v10
-- is dropped. What each entry proves, its hash, is unchanged.
CREATE TABLE audit_command (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    os_user    TEXT NOT NULL,
    line       TEXT NOT NULL
) STRICT;
CREATE TABLE audit_shape (
    id         INTEGER PRIMARY KEY,
    entity     TEXT NOT NULL,
    columns    TEXT NOT NULL,
    UNIQUE (entity, columns)
) STRICT;
CREATE TABLE audit_entry (
    seq        INTEGER PRIMARY KEY,
    command    INTEGER NOT NULL,
    entity     TEXT NOT NULL,
    key        TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action = 'insert' OR action = 'update' OR action = 'delete'),
    shape      INTEGER,
    row        TEXT,
    hash       BLOB NOT NULL
) STRICT;
CREATE INDEX audit_entry_entity_key ON audit_entry(entity, key);
-- The few deletes (a record renamed leaves one under its old key), for the
-- full comparison, which must not take such a key for a row deleted behind the
-- tool's back.
CREATE INDEX audit_entry_delete ON audit_entry(entity, key) WHERE action = 'delete';
CREATE VIEW audit_log AS
SELECT e.seq, c.at, c.actor, c.os_user, c.line AS command, e.entity, e.key, e.action,
       CASE WHEN e.row IS NULL OR substr(e.row, 1, 1) = '{' THEN e.row
            ELSE (SELECT json_group_object(n.value, v.value)
                    FROM audit_shape s, json_each(s.columns) n, json_each(e.row) v
                   WHERE s.id = e.shape AND v.key = n.key) END AS row,
       coalesce((SELECT lower(hex(p.hash)) FROM audit_entry p WHERE p.seq < e.seq ORDER BY p.seq DESC LIMIT 1),
                '0000000000000000000000000000000000000000000000000000000000000000') AS prev_hash,
       lower(hex(e.hash)) AS hash, e.command AS command_id
FROM audit_entry e LEFT JOIN audit_command c ON c.id = e.command;
