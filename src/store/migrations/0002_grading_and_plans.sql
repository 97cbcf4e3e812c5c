
-- Grading as inspectors read it (issue 14) -------------------------------------

-- The grading report (定级报告) of an assessment: the file and its SHA-256,
-- so that the report shown to an inspector is the one that was recorded.
CREATE TABLE grade_report (
    id            INTEGER PRIMARY KEY,
    system_id     INTEGER NOT NULL REFERENCES system(id),
    assessment_id INTEGER NOT NULL REFERENCES grade_assessment(id),
    date          TEXT NOT NULL CHECK (date(date) = date),
    file          TEXT NOT NULL CHECK (length(trim(file)) > 0),
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64)
) STRICT;
CREATE INDEX grade_report_system ON grade_report(system_id);

-- A filing the public security bureau turned back (公通字[2007]43号 art. 17):
-- the system is re-graded and filed again.
CREATE TABLE grade_filing_rejection (
    id            INTEGER PRIMARY KEY,
    system_id     INTEGER NOT NULL REFERENCES system(id),
    assessment_id INTEGER NOT NULL REFERENCES grade_assessment(id),
    date          TEXT NOT NULL CHECK (date(date) = date),
    authority     TEXT NOT NULL CHECK (length(trim(authority)) > 0),
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) STRICT;
CREATE INDEX grade_filing_rejection_system ON grade_filing_rejection(system_id);

-- The cancellation of a system's filing (撤销备案): retired, or below grade 2.
CREATE TABLE grade_filing_cancellation (
    id            INTEGER PRIMARY KEY,
    system_id     INTEGER NOT NULL REFERENCES system(id),
    date          TEXT NOT NULL CHECK (date(date) = date),
    authority     TEXT NOT NULL CHECK (length(trim(authority)) > 0),
    reference     TEXT
) STRICT;
CREATE INDEX grade_filing_cancellation_system ON grade_filing_cancellation(system_id);

-- A material change of a system; its grading is re-assessed after it.
CREATE TABLE system_change (
    id            INTEGER PRIMARY KEY,
    system_id     INTEGER NOT NULL REFERENCES system(id),
    date          TEXT NOT NULL CHECK (date(date) = date),
    kind          TEXT NOT NULL CHECK (kind = 'business-scope' OR kind = 'interconnection'
                                       OR kind = 'upgrade' OR kind = 'move' OR kind = 'other'),
    detail        TEXT NOT NULL CHECK (length(trim(detail)) > 0)
) STRICT;
CREATE INDEX system_change_system ON system_change(system_id);

-- A receipt made outside an approved quarterly plan (CON-2): an emergency
-- purchase, with why. It stays a finding of its quarter.
CREATE TABLE consumable_unplanned (
    movement_id INTEGER PRIMARY KEY REFERENCES consumable_movement(id),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) STRICT;

-- A department's stated need of an item for a quarter (CON-2), from which
-- the quarter's plan is drafted; restating it updates the row.
CREATE TABLE consumable_need (
    id       INTEGER PRIMARY KEY,
    dept_id  INTEGER NOT NULL REFERENCES department(id),
    item_id  INTEGER NOT NULL REFERENCES consumable_item(id),
    quarter  TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'),
    qty      INTEGER NOT NULL CHECK (qty >= 0),
    note     TEXT CHECK (note IS NULL OR length(trim(note)) > 0),
    stated   TEXT NOT NULL CHECK (date(stated) = stated),
    UNIQUE (dept_id, item_id, quarter)
) STRICT;
