-- infogov register schema, version 1.
--
-- This file is the whole current schema, readable on its own. A new register is
-- created by running it; an older register is brought up to date by the
-- migrations in src/store/migrate.rs, and a test proves both paths end with the
-- same schema. Every table is STRICT and carries CHECK constraints so that the
-- register itself refuses impossible rows, whoever writes to it.
--
-- Conventions:
--   dates      TEXT 'YYYY-MM-DD'
--   instants   TEXT RFC 3339 in UTC, 'YYYY-MM-DDTHH:MM:SSZ'
--   money      INTEGER, in fen (1/100 of a yuan), so sums are exact

-- Organisation (ORG-1) -------------------------------------------------------

CREATE TABLE department (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    code        TEXT UNIQUE CHECK (code IS NULL OR length(trim(code)) > 0),
    -- the department's IT liaison (信息员); a person of any department
    liaison_id  INTEGER REFERENCES person(id),
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    dept_id     INTEGER NOT NULL REFERENCES department(id),
    -- office: the IT office (reviews, fulfils); approver: a leader who approves
    role        TEXT NOT NULL DEFAULT 'staff' CHECK (role IN ('staff', 'office', 'approver')),
    created_at  TEXT NOT NULL,
    UNIQUE (name, dept_id)
) STRICT;

-- Information systems that backup policies and security grading refer to.
CREATE TABLE system (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    owner_dept_id INTEGER NOT NULL REFERENCES department(id),
    description   TEXT,
    stage         TEXT NOT NULL DEFAULT 'in-service'
                  CHECK (stage IN ('design', 'in-service', 'retired')),
    created_at    TEXT NOT NULL
) STRICT;

-- Assets (AST-1..AST-5, AST-7, AST-9) ----------------------------------------

CREATE TABLE asset (
    id            INTEGER PRIMARY KEY,
    tag           TEXT NOT NULL UNIQUE CHECK (length(trim(tag)) > 0),
    kind          TEXT NOT NULL CHECK (length(trim(kind)) > 0),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    model         TEXT,
    manufacturer  TEXT,
    supplier      TEXT,
    purchased     TEXT CHECK (purchased IS NULL OR date(purchased) = purchased),
    price         INTEGER CHECK (price IS NULL OR price >= 0),
    dept_id       INTEGER REFERENCES department(id),
    custodian_id  INTEGER REFERENCES person(id),
    location      TEXT,
    serial        TEXT,
    specs         TEXT,
    classified    INTEGER NOT NULL DEFAULT 0 CHECK (classified IN (0, 1)),
    network       TEXT NOT NULL DEFAULT 'internal'
                  CHECK (network IN ('internal', 'external', 'none')),
    status        TEXT NOT NULL DEFAULT 'in-use'
                  CHECK (status IN ('in-use', 'in-stock', 'under-repair', 'retired', 'disposed')),
    registered    TEXT NOT NULL CHECK (date(registered) = registered)
) STRICT;
CREATE INDEX asset_dept ON asset(dept_id);
CREATE INDEX asset_custodian ON asset(custodian_id);

-- A change of department, custodian or location (AST-3).
CREATE TABLE asset_transfer (
    id                INTEGER PRIMARY KEY,
    asset_id          INTEGER NOT NULL REFERENCES asset(id),
    date              TEXT NOT NULL CHECK (date(date) = date),
    from_dept_id      INTEGER REFERENCES department(id),
    to_dept_id        INTEGER REFERENCES department(id),
    from_custodian_id INTEGER REFERENCES person(id),
    to_custodian_id   INTEGER REFERENCES person(id),
    from_location     TEXT,
    to_location       TEXT,
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) STRICT;
CREATE INDEX asset_transfer_asset ON asset_transfer(asset_id);

-- Repairs, inspections, virus scans, upgrades (AST-4, OPS-1).
CREATE TABLE maintenance (
    id             INTEGER PRIMARY KEY,
    asset_id       INTEGER NOT NULL REFERENCES asset(id),
    date           TEXT NOT NULL CHECK (date(date) = date),
    kind           TEXT NOT NULL CHECK (kind IN ('repair', 'inspection', 'virus-scan', 'upgrade')),
    cost           INTEGER NOT NULL DEFAULT 0 CHECK (cost >= 0),
    charge_dept_id INTEGER REFERENCES department(id),
    vendor         TEXT,
    note           TEXT NOT NULL CHECK (length(trim(note)) > 0),
    -- a cost is always charged to someone (AST-4)
    CHECK (cost = 0 OR charge_dept_id IS NOT NULL)
) STRICT;
CREATE INDEX maintenance_asset ON maintenance(asset_id);

-- Damage by human cause and who pays for it (AST-5).
CREATE TABLE damage (
    id               INTEGER PRIMARY KEY,
    asset_id         INTEGER NOT NULL REFERENCES asset(id),
    date             TEXT NOT NULL CHECK (date(date) = date),
    cause            TEXT NOT NULL CHECK (length(trim(cause)) > 0),
    liable           TEXT NOT NULL CHECK (liable IN ('department', 'person')),
    liable_dept_id   INTEGER REFERENCES department(id),
    liable_person_id INTEGER REFERENCES person(id),
    amount           INTEGER NOT NULL CHECK (amount >= 0),
    CHECK ((liable = 'department' AND liable_dept_id IS NOT NULL AND liable_person_id IS NULL)
        OR (liable = 'person' AND liable_person_id IS NOT NULL))
) STRICT;
CREATE INDEX damage_asset ON damage(asset_id);

-- A status change that is not a transfer (e.g. sent for repair, back in stock).
CREATE TABLE asset_status_change (
    id          INTEGER PRIMARY KEY,
    asset_id    INTEGER NOT NULL REFERENCES asset(id),
    date        TEXT NOT NULL CHECK (date(date) = date),
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) STRICT;
CREATE INDEX asset_status_change_asset ON asset_status_change(asset_id);

-- The audit trail (SEC-4) ------------------------------------------------------
--
-- One entry per change to an audited row, appended in the same transaction as
-- the change. Each entry stores the full row after the change (NULL after a
-- delete) and the SHA-256 of the previous entry, so a rewritten or truncated
-- log, and any audited row changed without an entry, are found by `audit verify`.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    os_user    TEXT NOT NULL,
    command    TEXT NOT NULL,
    entity     TEXT NOT NULL,
    key        TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    row        TEXT CHECK (row IS NULL OR json_valid(row)),
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_log_entity_key ON audit_log(entity, key);

-- Backups (BAK-1, BAK-2, BAK-3) ----------------------------------------------
--
-- A policy per information system: the maximum age of the newest successful
-- backup of each kind (BAK-3), of the newest off-site copy (BAK-1) and of the
-- newest passed restore drill (BAK-2), and how far back the oldest full must
-- reach. Limits are intervals as typed ('7d', '1h', '1q'); NULL is not checked.
CREATE TABLE backup_policy (
    id          INTEGER PRIMARY KEY,
    system_id   INTEGER NOT NULL UNIQUE REFERENCES system(id),
    full        TEXT CHECK (full IS NULL OR full GLOB '[1-9]*[a-z]'),
    diff        TEXT CHECK (diff IS NULL OR diff GLOB '[1-9]*[a-z]'),
    log         TEXT CHECK (log IS NULL OR log GLOB '[1-9]*[a-z]'),
    offsite     TEXT CHECK (offsite IS NULL OR offsite GLOB '[1-9]*[a-z]'),
    drill       TEXT CHECK (drill IS NULL OR drill GLOB '[1-9]*[a-z]'),
    retain_full TEXT CHECK (retain_full IS NULL OR retain_full GLOB '[1-9]*[a-z]'),
    -- added to every age limit, for jobs that start late or run long
    grace       TEXT CHECK (grace IS NULL OR grace GLOB '[1-9]*[a-z]'),
    updated_at  TEXT NOT NULL
) STRICT;

-- One backup run, recorded by hand, imported from a backup tool's own output,
-- or made by `backup self`. A failed run is kept as evidence but never counts
-- as a backup. (tool, backup_id) is the natural key that makes a re-import
-- add nothing; runs recorded by hand may have no backup_id.
CREATE TABLE backup_run (
    id          INTEGER PRIMARY KEY,
    system_id   INTEGER NOT NULL REFERENCES system(id),
    kind        TEXT NOT NULL CHECK (kind IN ('full', 'diff', 'incr', 'log')),
    started     TEXT CHECK (started IS NULL OR started GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    finished    TEXT NOT NULL CHECK (finished GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    location    TEXT NOT NULL CHECK (location IN ('local', 'offsite')),
    bytes       INTEGER CHECK (bytes IS NULL OR bytes >= 0),
    checksum    TEXT,
    tool        TEXT NOT NULL CHECK (length(trim(tool)) > 0),
    backup_id   TEXT CHECK (backup_id IS NULL OR length(trim(backup_id)) > 0),
    status      TEXT NOT NULL CHECK (status IN ('success', 'failed')),
    note        TEXT,
    recorded_at TEXT NOT NULL,
    CHECK (started IS NULL OR started <= finished),
    UNIQUE (tool, backup_id)
) STRICT;
-- The check asks, per system, for the newest (and oldest) successful run of
-- each kind and the newest off-site one: each is one seek in these partial
-- indexes, however many runs the register holds. They carry `started` and
-- `status` so that SQLite answers from the index alone (covering), without
-- reading the run itself.
CREATE INDEX backup_run_kind ON backup_run(system_id, kind, finished, started, status) WHERE status = 'success';
CREATE INDEX backup_run_offsite ON backup_run(system_id, location, finished, status) WHERE status = 'success';
CREATE INDEX backup_run_system ON backup_run(system_id, finished);

-- A restore drill (BAK-2): a backup restored somewhere and checked.
CREATE TABLE backup_drill (
    id          INTEGER PRIMARY KEY,
    system_id   INTEGER NOT NULL REFERENCES system(id),
    at          TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    result      TEXT NOT NULL CHECK (result IN ('pass', 'fail')),
    restored_to TEXT,
    note        TEXT NOT NULL CHECK (length(trim(note)) > 0),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX backup_drill_system ON backup_drill(system_id, result, at);
