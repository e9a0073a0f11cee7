-- Rows of unchanged content, streamed from the previous warehouse after load.sql has
-- inserted the new content. Each previous_* relation reads the old file through a
-- read-only connection that serves one result at a time, so each is scanned exactly once,
-- one after the other. They need no deduplication: the old file stored them once per
-- report_id, and new and reused content never share a report_id (pipelines/ingest.py).
-- When nothing is reused, each previous_* relation is empty.

INSERT INTO fact_applications
    (report_id, outcome, applicant_type, count, source_line, raw_text)
SELECT report_id, outcome, applicant_type, count, source_line, raw_text
FROM previous_applications;

INSERT INTO fact_review_litigation (report_id, proceeding, result, count, source_line, raw_text)
SELECT report_id, proceeding, result, count, source_line, raw_text
FROM previous_review_litigation;

INSERT INTO fact_proactive_disclosure (report_id, item, measure, value, source_line, raw_text)
SELECT report_id, item, measure, value, source_line, raw_text
FROM previous_proactive;

INSERT INTO report_checks (report_id, check_name, subject, status, lhs, rhs, detail)
SELECT report_id, check_name, subject, status, lhs, rhs, detail
FROM previous_checks;

INSERT INTO report_lines (report_id, line_no, text)
SELECT report_id, line_no, text
FROM previous_lines;

INSERT INTO report_issues (report_id, check_name, severity, message)
SELECT report_id, check_name, severity, message
FROM previous_issues;
