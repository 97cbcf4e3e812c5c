-- Corrections (nothing is deleted) -------------------------------------------
--
-- A record entered by mistake is voided, not deleted: it stays in every
-- listing, history, ledger and report, marked void with the reason and who
-- voided it, and every check and total ignores it (docs/design.md,
-- "Corrections"). A consumable movement is voided by a reversing movement,
-- the way a ledger corrects itself, so stock follows from the sum as ever.
CREATE TABLE record_void (
    id          INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity = 'backup_run' OR entity = 'backup_drill' OR
                                     entity = 'consumable_movement' OR entity = 'maintenance' OR
                                     entity = 'damage' OR entity = 'duty_done' OR
                                     entity = 'grade_assessment' OR entity = 'grade_filing' OR
                                     entity = 'grade_evaluation' OR entity = 'grade_inspection' OR
                                     entity = 'grade_rectification'),
    record_id   INTEGER NOT NULL,
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    voided_by   TEXT NOT NULL CHECK (length(trim(voided_by)) > 0),
    -- the real time of the void (RFC 3339, UTC), as the audit trail has it
    voided_at   TEXT NOT NULL,
    reversal_id INTEGER REFERENCES consumable_movement(id),
    CHECK (reversal_id IS NULL OR entity = 'consumable_movement'),
    UNIQUE (entity, record_id)
) STRICT;
CREATE INDEX record_void_reversal ON record_void(reversal_id) WHERE reversal_id IS NOT NULL;

-- A registration field corrected after the fact (asset, person, department,
-- system): the old and the new value as typed, and why.
CREATE TABLE amendment (
    id          INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity = 'asset' OR entity = 'person' OR
                                     entity = 'department' OR entity = 'system'),
    record_id   INTEGER NOT NULL,
    field       TEXT NOT NULL CHECK (length(trim(field)) > 0),
    old_value   TEXT,
    new_value   TEXT,
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    date        TEXT NOT NULL CHECK (date(date) = date),
    amended_by  TEXT NOT NULL CHECK (length(trim(amended_by)) > 0),
    amended_at  TEXT NOT NULL
) STRICT;
CREATE INDEX amendment_record ON amendment(entity, record_id);
