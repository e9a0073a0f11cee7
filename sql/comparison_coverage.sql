-- Report files by the level and sector of their agency and year, with their statuses, for
-- the comparison page's coverage section. An agency no rule placed is 'unknown'.
SELECT coalesce(a.level, 'unknown') AS level, coalesce(a.sector, 'unknown') AS sector,
       coalesce(s.label, '未识别') AS sector_label, r.year,
       count(*) AS reports,
       count(*) FILTER (r.status = 'valid') AS valid,
       count(*) FILTER (r.status = 'flagged') AS flagged,
       count(*) FILTER (r.status = 'rejected') AS rejected
FROM reports AS r
LEFT JOIN dim_agency AS a USING (agency_id)
LEFT JOIN dim_sector AS s ON s.code = a.sector
GROUP BY ALL
ORDER BY level, sector, r.year;
