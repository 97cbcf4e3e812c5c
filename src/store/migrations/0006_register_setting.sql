-- Version 6 (issue 11): the register's time zone.
CREATE TABLE register_setting (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE CHECK (key = 'timezone'),
    value       TEXT NOT NULL CHECK (length(trim(value)) > 0),
    set_at      TEXT NOT NULL
) STRICT;
