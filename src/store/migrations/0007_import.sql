-- Version 7 (issue 10): serial numbers are looked up by every import row
-- (one serial, one asset). `asset import --update` records its changes as
-- amendments (version 3), as `asset edit` does.
CREATE INDEX asset_serial ON asset(serial);
