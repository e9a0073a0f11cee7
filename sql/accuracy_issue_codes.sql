-- Which kinds of issue (errors and warnings) each report has: the truth of a synthetic
-- report names the ones a careful reader must report.
SELECT DISTINCT report_id, check_name
FROM report_issues
ORDER BY report_id, check_name;
