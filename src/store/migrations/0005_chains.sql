-- Version 5 (issue 15): restore chains, the recovery point objective and the
-- run a drill restored, in new tables (no audited row is rewritten).

-- Where a run sits in a restore chain, where the tool says so (BAK-2): SQL
-- Server's LSNs from msdb (decimal text: numeric(25,0) overflows an
-- integer), copy-only, pgBackRest's prior backup and WAL range, and what
-- pgBackRest says it copied. One row per run that has any of these.
CREATE TABLE backup_run_chain (
    id             INTEGER PRIMARY KEY,
    run_id         INTEGER NOT NULL UNIQUE REFERENCES backup_run(id),
    first_lsn      TEXT CHECK (first_lsn IS NULL OR (first_lsn GLOB '[0-9]*' AND NOT first_lsn GLOB '*[^0-9]*')),
    last_lsn       TEXT CHECK (last_lsn IS NULL OR (last_lsn GLOB '[0-9]*' AND NOT last_lsn GLOB '*[^0-9]*')),
    checkpoint_lsn TEXT CHECK (checkpoint_lsn IS NULL OR (checkpoint_lsn GLOB '[0-9]*' AND NOT checkpoint_lsn GLOB '*[^0-9]*')),
    -- a differential's base: the checkpoint LSN of the full it was taken against
    base_lsn       TEXT CHECK (base_lsn IS NULL OR (base_lsn GLOB '[0-9]*' AND NOT base_lsn GLOB '*[^0-9]*')),
    copy_only      INTEGER NOT NULL DEFAULT 0 CHECK (copy_only = 0 OR copy_only = 1),
    -- pgBackRest: the backup id (STANZA/repoN/LABEL) a diff or incr was taken against
    prior          TEXT CHECK (prior IS NULL OR length(trim(prior)) > 0),
    wal_start      TEXT,
    wal_stop       TEXT,
    -- why the tool's own output says the run cannot be restored
    unrestorable   TEXT,
    -- pgBackRest: bytes this backup copied (info.repository.delta) and its size in the repository
    copied_bytes   INTEGER CHECK (copied_bytes IS NULL OR copied_bytes >= 0),
    repo_bytes     INTEGER CHECK (repo_bytes IS NULL OR repo_bytes >= 0)
) STRICT;

-- A system's recovery point objective (BAK-3): how old the newest point its
-- data can be restored to may be.
CREATE TABLE backup_objective (
    id          INTEGER PRIMARY KEY,
    system_id   INTEGER NOT NULL UNIQUE REFERENCES system(id),
    rpo         TEXT CHECK (rpo IS NULL OR rpo GLOB '[1-9]*[a-z]'),
    updated_at  TEXT NOT NULL
) STRICT;

-- The run a restore drill restored (BAK-2): a drill proves that point.
CREATE TABLE backup_drill_point (
    id          INTEGER PRIMARY KEY,
    drill_id    INTEGER NOT NULL UNIQUE REFERENCES backup_drill(id),
    run_id      INTEGER NOT NULL REFERENCES backup_run(id)
) STRICT;
