-- An amended warehouse starts as a byte copy of the previous one (pipelines/warehouse.py).
-- This empties everything that a load fills afresh, the reports, the dimensions and the
-- derived figures, and keeps of the content tables only the rows of the content this load
-- reuses (staged_reused_ids); load.sql and figures.sql then fill the file as they fill a
-- new one.

DELETE FROM dim_outcome;
DELETE FROM dim_applicant_type;
DELETE FROM dim_proceeding;
DELETE FROM dim_result;
DELETE FROM dim_item_measure;
DELETE FROM reports;
DELETE FROM warehouse_build;
DELETE FROM report_figures;

DELETE FROM fact_applications
WHERE report_id NOT IN (SELECT report_id FROM staged_reused_ids);

DELETE FROM fact_review_litigation
WHERE report_id NOT IN (SELECT report_id FROM staged_reused_ids);

DELETE FROM fact_proactive_disclosure
WHERE report_id NOT IN (SELECT report_id FROM staged_reused_ids);

DELETE FROM report_checks
WHERE report_id NOT IN (SELECT report_id FROM staged_reused_ids);

DELETE FROM report_issues
WHERE report_id NOT IN (SELECT report_id FROM staged_reused_ids);

DELETE FROM report_lines
WHERE report_id NOT IN (SELECT report_id FROM staged_reused_ids);
