-- The $limit reports furthest from their peers' median disclosure rate (ranked ones only),
-- for the comparison page.
SELECT p.canonical_name AS agency, p.year, p.level, p.kind, s.label AS sector, p.province,
       p.value AS disclosure_rate, p.peer_median, p.peer_count, p.percentile_rank,
       p.value - p.peer_median AS difference
FROM report_metric_peers AS p
JOIN dim_sector AS s ON s.code = p.sector
WHERE p.metric = 'disclosure_rate' AND p.peer_count >= 5
ORDER BY abs(p.value - p.peer_median) DESC, p.canonical_name, p.year, p.report_id
LIMIT $limit;
