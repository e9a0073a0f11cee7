-- Why reports were flagged or rejected, for the summary at the end of a run: per status,
-- each reason with the number of files it applies to, commonest first. A rejection's
-- reason is its message without the file name the message starts with; a flag's reason
-- is the name of the failed check (balance, row_total, possible_misread, parse_*, ...).
WITH reasons AS (
    SELECT DISTINCT r.source_file, r.status,
           CASE WHEN r.status = 'flagged' THEN i.check_name
                WHEN starts_with(i.message, r.source_file || ': ')
                    THEN substr(i.message, length(r.source_file) + 3)
                -- Same bytes under another name: the message names the first file.
                ELSE regexp_replace(i.message, '^[^:]*: ', '')
           END AS reason
    FROM reports r
    JOIN report_issues i USING (report_id)
    WHERE r.status IN ('flagged', 'rejected') AND i.severity = 'error'
)
SELECT status, reason, count(*) AS files
FROM reasons
GROUP BY status, reason
ORDER BY status, files DESC, reason;
