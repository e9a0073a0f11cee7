-- Files per status (valid / flagged / rejected), for the load summary.
SELECT status, count(*) AS files
FROM reports
GROUP BY status
ORDER BY status;
