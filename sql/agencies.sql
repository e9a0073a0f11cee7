-- Fills the agency dimensions from the staged frames of pipelines/agencies and points every
-- report at its agency. Runs after load.sql, on a new file and on an amended copy alike:
-- the copy's rows are removed first (dimensions are rebuilt from all reports every load).

DELETE FROM report_cross_year;
DELETE FROM report_agency_years;
DELETE FROM report_yoy;
DELETE FROM report_peer_ranks;
DELETE FROM report_metric_peers;
DELETE FROM dim_agency_alias;
DELETE FROM dim_agency;
DELETE FROM dim_sector;

INSERT INTO dim_sector
SELECT code, label, sort_order FROM staged_sectors ORDER BY sort_order;

INSERT INTO dim_agency
SELECT agency_id, canonical_name, province, city, county, adcode, level, kind, sector,
       classified_by, merged_into_id, first_year, last_year, reports
FROM staged_agencies
ORDER BY agency_id;

INSERT INTO dim_agency_alias
SELECT agency_id, alias, first_year, last_year, reports, as_written, renamed_from,
       classified_by
FROM staged_agency_aliases
ORDER BY agency_id, alias;

UPDATE reports SET agency_id = s.agency_id
FROM staged_report_agencies AS s
WHERE reports.source_file = s.source_file;

-- A named agency that nothing places (no division in the name, no region) gets no id
-- rather than one shared with every other county's 卫生健康局: the reader is told. Rows of
-- an earlier load (kept by an amended copy or reuse.sql) are replaced, not repeated.
DELETE FROM report_issues WHERE check_name = 'agency_unplaced';

INSERT INTO report_issues
SELECT DISTINCT report_id, 'agency_unplaced', 'warning',
       concat(source_file, ': agency ', agency,
              ' names no division and the report gives no region: no agency_id')
FROM reports
WHERE agency IS NOT NULL AND agency_id IS NULL AND status <> 'rejected';

-- Peer groups: valid reports with a value, of the same year, level, kind and sector (and
-- province, for the province_* columns); nothing is a peer whose level, kind or sector no
-- rule could tell. is_peer is part of each partition, so peers are counted and ranked
-- among themselves, and the figures of the other rows are dropped.
INSERT INTO report_metric_peers
WITH rows AS (
    SELECT report_id, source_file, agency_id, canonical_name, year, status, level, kind,
           sector, province, metric, value,
           value IS NOT NULL AND status = 'valid' AND level IS NOT NULL
               AND kind <> 'other' AND sector <> 'other' AS is_peer,
           agency_id IS NOT NULL AND year IS NOT NULL
               AND row_number() OVER (PARTITION BY agency_id, year, metric
                                      ORDER BY source_file) = 1 AS agency_year_first
    FROM report_agency_metrics
),
ranked AS (
    SELECT *,
           count(*) OVER national AS peer_count,
           median(value) OVER national AS peer_median,
           percent_rank() OVER (national ORDER BY value) AS percentile_rank,
           count(*) OVER provincial AS province_peer_count,
           median(value) OVER provincial AS province_peer_median,
           percent_rank() OVER (provincial ORDER BY value) AS province_percentile_rank,
           lag(year) OVER yearly AS previous_year,
           lag(report_id) OVER yearly AS previous_report_id,
           lag(status) OVER yearly AS previous_status,
           lag(value) OVER yearly AS previous_value
    FROM rows
    WINDOW national AS (PARTITION BY metric, year, level, kind, sector, is_peer),
           provincial AS (PARTITION BY metric, year, level, kind, sector, province, is_peer),
           yearly AS (PARTITION BY agency_id, metric, agency_year_first ORDER BY year)
)
SELECT report_id, metric, value,
       CASE WHEN is_peer THEN peer_count END,
       CASE WHEN is_peer THEN peer_median END,
       CASE WHEN is_peer THEN percentile_rank END,
       CASE WHEN is_peer THEN province_peer_count END,
       CASE WHEN is_peer THEN province_peer_median END,
       CASE WHEN is_peer THEN province_percentile_rank END,
       agency_year_first,
       CASE WHEN agency_year_first THEN previous_year END,
       CASE WHEN agency_year_first THEN previous_report_id END,
       CASE WHEN agency_year_first THEN previous_status END,
       CASE WHEN agency_year_first THEN previous_value END,
       canonical_name, year, level, kind, sector, province
FROM ranked;

INSERT INTO report_peer_ranks SELECT * FROM report_peer_rank_pivot;
INSERT INTO report_yoy SELECT * FROM report_yoy_pivot;

-- The rows of agency_years (sql/agency_views.sql).
INSERT INTO report_agency_years
WITH years AS (
    SELECT agency_id, canonical_name, level, kind, sector,
           unnest(range(first_year, last_year + 1)) AS year
    FROM dim_agency
    WHERE first_year IS NOT NULL
),
reported AS (
    -- Every file, rejected ones included: a year whose report could not be read is not a
    -- missing year. Several files with different content for one year are all counted.
    SELECT agency_id, year,
           arg_min(report_id, source_file) AS report_id,
           min(source_file) AS source_file,
           arg_min(status, source_file) AS status,
           count(DISTINCT report_id) AS reports
    FROM reports
    WHERE agency_id IS NOT NULL AND year IS NOT NULL
    GROUP BY agency_id, year
)
SELECT y.agency_id, y.canonical_name, y.level, y.kind, y.sector, y.year,
       p.report_id, p.source_file, p.status, coalesce(p.reports, 0) AS reports,
       p.report_id IS NULL AS missing
FROM years AS y
LEFT JOIN reported AS p USING (agency_id, year);

-- SPEC §6 across reports: carried_over of year t against carried_forward of year t-1 of
-- the same agency (its agency_id, so a renamed or abbreviated name is still followed), per
-- applicant column. An equi-join on (agency_id, year), so it stays a hash join on any
-- number of reports. One report per agency and year, its first file by name (as in
-- metric_yoy; agency_years counts the others): pairing every report of a year with every
-- report of the next multiplied the rows where an agency published several.
INSERT INTO report_cross_year
WITH yearly AS (
    SELECT m.report_id, m.source_file, m.agency, r.agency_id, m.year
    FROM report_metadata AS m
    JOIN reports AS r ON r.source_file = m.source_file
    WHERE r.agency_id IS NOT NULL AND m.year IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY r.agency_id, m.year ORDER BY m.source_file) = 1
),
cells AS (
    SELECT y.report_id, y.source_file, y.agency, y.agency_id, y.year, f.applicant_type,
           max(f.count) FILTER (f.outcome = 'carried_over') AS carried_over,
           max(f.count) FILTER (f.outcome = 'carried_forward') AS carried_forward
    FROM yearly AS y
    JOIN fact_applications AS f ON f.report_id = y.report_id
    WHERE f.outcome IN ('carried_over', 'carried_forward')
    GROUP BY ALL
)
SELECT
    cur.agency,
    cur.year,
    cur.applicant_type,
    prev.report_id AS previous_report_id,
    prev.source_file AS previous_source_file,
    cur.report_id,
    cur.source_file,
    prev.carried_forward AS previous_carried_forward,
    cur.carried_over,
    CASE
        WHEN cur.carried_over IS NULL OR prev.carried_forward IS NULL THEN 'not_checked'
        WHEN cur.carried_over = prev.carried_forward THEN 'pass'
        ELSE 'fail'
    END AS status,
    cur.agency_id
FROM cells AS cur
JOIN cells AS prev
  ON prev.agency_id = cur.agency_id
 AND prev.year = cur.year - 1
 AND prev.applicant_type = cur.applicant_type;

-- The references sql/agency_tables.sql does not declare. error() stops the load's
-- transaction, naming the first row that breaks one.
SELECT CASE WHEN count(*) > 0
            THEN error(concat('dangling agency reference: ', min(problem)))
       END AS dangling
FROM (
    SELECT concat('reports ', source_file, ' -> ', agency_id) AS problem
    FROM reports ANTI JOIN dim_agency USING (agency_id)
    WHERE reports.agency_id IS NOT NULL
    UNION ALL
    SELECT concat('dim_agency_alias ', alias, ' -> ', agency_id)
    FROM dim_agency_alias ANTI JOIN dim_agency USING (agency_id)
    UNION ALL
    SELECT concat('dim_agency ', agency_id, ' sector ', sector)
    FROM dim_agency AS a ANTI JOIN dim_sector AS s ON s.code = a.sector
);
