-- Each file's metadata and status as an analyst sees them, for bench/accuracy.py.
SELECT source_file, report_id, status, agency, year, template, script, province, city, county,
       adcode, published_on
FROM reports
ORDER BY source_file;
