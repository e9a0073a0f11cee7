-- The comparison page's peer groups (pipelines/comparison_peers.py): the $groups largest
-- groups ranked on the disclosure rate, each main metric's spread over all its peers, and
-- up to $points peers per group and metric drawn as points (picked by a hash of the
-- report, so the same ones every time). One row per summary or point, told apart by
-- `row_kind`.
-- report_metric_peers carries each report's agency columns: no join with report_agency.
WITH groups AS (
    SELECT year, level, kind, sector, max(peer_count) AS peers
    FROM report_metric_peers
    WHERE metric = 'disclosure_rate' AND peer_count >= 5
    GROUP BY ALL
    ORDER BY peers DESC, year DESC, level, kind, sector
    LIMIT $groups
),
members AS (
    SELECT g.year, g.level, g.kind, g.sector, g.peers, p.canonical_name, p.province,
           p.report_id, p.metric, p.value, p.percentile_rank
    FROM groups AS g
    JOIN report_metric_peers AS p USING (year, level, kind, sector)
    WHERE p.metric IN ('disclosure_rate', 'grant_rate', 'denial_rate', 'not_held_rate')
      AND p.peer_count IS NOT NULL
)
SELECT 'summary' AS row_kind, year, level, kind, sector, peers, metric, count(*) AS n,
       min(value) AS low, quantile_cont(value, 0.25) AS q1, median(value) AS median,
       quantile_cont(value, 0.75) AS q3, max(value) AS high,
       NULL AS agency, NULL AS province, NULL AS value, NULL AS percentile_rank
FROM members
GROUP BY ALL
UNION ALL
SELECT 'point', year, level, kind, sector, peers, metric, NULL, NULL, NULL, NULL, NULL, NULL,
       canonical_name, province, value, percentile_rank
FROM members
QUALIFY row_number() OVER (PARTITION BY year, level, kind, sector, metric
                           ORDER BY hash(report_id), report_id) <= $points
ORDER BY peers DESC, year DESC, level, kind, sector, metric, row_kind DESC, agency;
