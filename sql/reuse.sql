-- Rows of unchanged content, copied from the previous warehouse before load.sql reads them.
-- Each previous_* relation streams from a read-only connection to the old file, and that
-- connection serves one stream at a time: read directly, the two scans load.sql makes of a
-- table (rows of shared and of unshared content) would break each other's stream once the
-- rows outgrow one batch. Copied here one after the other, they are read as often as needed.
-- When nothing is reused, each previous_* relation is empty.

CREATE TEMP TABLE reused_applications AS SELECT * FROM previous_applications;
CREATE TEMP TABLE reused_review_litigation AS SELECT * FROM previous_review_litigation;
CREATE TEMP TABLE reused_proactive AS SELECT * FROM previous_proactive;
CREATE TEMP TABLE reused_checks AS SELECT * FROM previous_checks;
CREATE TEMP TABLE reused_issues AS SELECT * FROM previous_issues;
