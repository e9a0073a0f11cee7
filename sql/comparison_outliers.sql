-- The $limit reports furthest from their peers' median disclosure rate (ranked ones only),
-- for the comparison page.
SELECT a.canonical_name AS agency, a.year, a.level, a.kind, s.label AS sector, a.province,
       p.value AS disclosure_rate, p.peer_median, p.peer_count, p.percentile_rank,
       p.value - p.peer_median AS difference
FROM report_metric_peers AS p
JOIN report_agency AS a USING (report_id)
JOIN dim_sector AS s ON s.code = a.sector
WHERE p.metric = 'disclosure_rate' AND p.peer_count >= 5
ORDER BY abs(p.value - p.peer_median) DESC, a.canonical_name, a.year, p.report_id
LIMIT $limit;
