-- Distinct contents of a warehouse: what a load that reuses some of them compares with.
SELECT count(DISTINCT report_id) FROM reports;
