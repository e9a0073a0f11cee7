-- One file worth a closer look after a load, for the summary's `make inspect` hint: the
-- first flagged file by name, else the first rejected one.
SELECT source_file
FROM reports
WHERE status IN ('flagged', 'rejected')
ORDER BY status, source_file
LIMIT 1;
