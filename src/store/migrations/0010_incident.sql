-- Version 9 (issue 15, security operations): the incident register.
--
-- An incident can be voided, so `record_void.entity` gains 'incident'. A CHECK
-- of a STRICT table cannot be altered, so `record_void` is rebuilt as
-- migration 4 rebuilt `asset`: its rows copied aside, the table created anew
-- with schema.sql's text, the rows copied back unchanged (same ids, same
-- values: every audit entry still matches its row, so none is needed).
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE record_void_v8 AS SELECT * FROM main.record_void;
DROP TABLE main.record_void;
CREATE TABLE record_void (
    id          INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity = 'backup_run' OR entity = 'backup_drill' OR
                                     entity = 'consumable_movement' OR entity = 'maintenance' OR
                                     entity = 'damage' OR entity = 'duty_done' OR
                                     entity = 'grade_assessment' OR entity = 'grade_filing' OR
                                     entity = 'grade_evaluation' OR entity = 'grade_inspection' OR
                                     entity = 'grade_rectification' OR entity = 'incident'),
    record_id   INTEGER NOT NULL,
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    voided_by   TEXT NOT NULL CHECK (length(trim(voided_by)) > 0),
    -- the real time of the void (RFC 3339, UTC), as the audit trail has it
    voided_at   TEXT NOT NULL,
    reversal_id INTEGER REFERENCES consumable_movement(id),
    CHECK (reversal_id IS NULL OR entity = 'consumable_movement'),
    UNIQUE (entity, record_id)
) STRICT;
INSERT INTO main.record_void SELECT * FROM temp.record_void_v8;
DROP TABLE temp.record_void_v8;
CREATE INDEX record_void_reversal ON record_void(reversal_id) WHERE reversal_id IS NOT NULL;

CREATE TABLE incident (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind = 'virus' OR kind = 'intrusion' OR kind = 'outage' OR
                                     kind = 'fault' OR kind = 'violation' OR kind = 'data-loss'),
    system_id   INTEGER REFERENCES system(id),
    asset_id    INTEGER REFERENCES asset(id),
    detected    TEXT NOT NULL CHECK (detected GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    contained   TEXT CHECK (contained IS NULL OR contained >= detected),
    resolved    TEXT CHECK (resolved IS NULL OR (resolved >= detected AND
                                                 (contained IS NULL OR resolved >= contained))),
    person_id   INTEGER REFERENCES person(id),
    note        TEXT,
    remedy      TEXT,
    cleaned     INTEGER NOT NULL DEFAULT 0 CHECK (cleaned IN (0, 1)),
    CHECK ((system_id IS NULL) <> (asset_id IS NULL)),
    CHECK (kind <> 'violation' OR person_id IS NOT NULL),
    CHECK (cleaned = 0 OR (kind = 'virus' AND asset_id IS NOT NULL)),
    CHECK (resolved IS NULL OR kind <> 'virus' OR asset_id IS NULL OR cleaned = 1)
) STRICT;
CREATE INDEX incident_asset ON incident(asset_id) WHERE asset_id IS NOT NULL;
CREATE INDEX incident_system ON incident(system_id) WHERE system_id IS NOT NULL;
