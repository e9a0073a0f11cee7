-- Every stored cell of the three fact tables, keyed like the golden files' tables.
SELECT 'applications' AS golden_table, report_id, outcome AS row_code,
       applicant_type AS col_code, CAST(count AS DOUBLE) AS value
FROM fact_applications
UNION ALL
SELECT 'review_litigation', report_id, proceeding, result, CAST(count AS DOUBLE)
FROM fact_review_litigation
UNION ALL
SELECT 'proactive', report_id, item, measure, value
FROM fact_proactive_disclosure;
