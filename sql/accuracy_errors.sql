-- The errors that explain a flag, in a stable order.
SELECT report_id, check_name, message
FROM report_issues
WHERE severity = 'error'
ORDER BY report_id, check_name, message;
