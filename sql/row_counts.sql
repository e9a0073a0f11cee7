-- Rows per table of a freshly built warehouse, for the load summary.
SELECT 'reports' AS table_name, count(*) AS row_count FROM reports
UNION ALL SELECT 'fact_applications', count(*) FROM fact_applications
UNION ALL SELECT 'fact_review_litigation', count(*) FROM fact_review_litigation
UNION ALL SELECT 'fact_proactive_disclosure', count(*) FROM fact_proactive_disclosure
UNION ALL SELECT 'report_checks', count(*) FROM report_checks
UNION ALL SELECT 'report_issues', count(*) FROM report_issues
UNION ALL SELECT 'report_lines', count(*) FROM report_lines
UNION ALL SELECT 'dim_outcome', count(*) FROM dim_outcome
UNION ALL SELECT 'dim_applicant_type', count(*) FROM dim_applicant_type
UNION ALL SELECT 'dim_proceeding', count(*) FROM dim_proceeding
UNION ALL SELECT 'dim_result', count(*) FROM dim_result
UNION ALL SELECT 'dim_item_measure', count(*) FROM dim_item_measure;
