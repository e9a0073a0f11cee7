-- Like-for-like comparison over agencies (dim_agency), created right after views.sql.
--
-- A report belongs to an agency through reports.agency_id; report_figures (one row per
-- distinct content) names its first file, whose reports row carries the agency. Peer
-- groups are agencies of the same level, kind and sector, compared within one year (the
-- template, and what is counted, changes between years). Groups of an unknown level or of
-- kind or sector `other` (no rule placed them) are never ranked: their members have
-- nothing known in common.

-- One row per report with its agency, for the views below.
CREATE VIEW report_agency AS
SELECT f.report_id, f.source_file, f.year, f.template, f.status, r.agency_id,
       a.canonical_name, a.level, a.kind, a.sector, a.province, a.city, a.county
FROM report_figures AS f
JOIN reports AS r ON r.source_file = f.source_file
LEFT JOIN dim_agency AS a ON a.agency_id = r.agency_id;

CREATE VIEW agency_years AS
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

-- The SPEC §9 metrics of one report, one row per metric (NULL values kept).
CREATE VIEW report_agency_metrics AS
SELECT report_id, source_file, year, template, status, agency_id, canonical_name, level,
       kind, sector, province, metric, value
FROM (
    SELECT ra.*, s.grant_rate, s.disclosure_rate, s.substantive_disclosure_rate,
           s.denial_rate, s.not_held_rate, s.not_processed_rate, s.carry_over_rate,
           s.reconsiderations_per_100, s.litigations_per_100
    FROM report_agency AS ra
    JOIN metric_summary AS s USING (report_id)
)
UNPIVOT INCLUDE NULLS (
    value FOR metric IN (grant_rate, disclosure_rate, substantive_disclosure_rate,
                         denial_rate, not_held_rate, not_processed_rate, carry_over_rate,
                         reconsiderations_per_100, litigations_per_100)
);

CREATE VIEW metric_peer_rank AS
WITH rows AS (
    SELECT *,
           value IS NOT NULL AND status = 'valid' AND level IS NOT NULL
               AND kind <> 'other' AND sector <> 'other' AS is_peer
    FROM report_agency_metrics
),
ranked AS (
    SELECT *,
           count(*) FILTER (is_peer) OVER national AS peer_count,
           median(value) FILTER (is_peer) OVER national AS peer_median,
           count(*) FILTER (is_peer) OVER provincial AS province_peer_count,
           median(value) FILTER (is_peer) OVER provincial AS province_peer_median
    FROM rows
    WINDOW national AS (PARTITION BY metric, year, level, kind, sector),
           provincial AS (PARTITION BY metric, year, level, kind, sector, province)
),
placed AS (
    -- Ranks among the peers only: a flagged report or a blank value takes no place.
    SELECT report_id, metric,
           percent_rank() OVER (PARTITION BY metric, year, level, kind, sector
                                ORDER BY value) AS percentile_rank,
           percent_rank() OVER (PARTITION BY metric, year, level, kind, sector, province
                                ORDER BY value) AS province_percentile_rank
    FROM rows
    WHERE is_peer
)
SELECT r.report_id, r.source_file, r.agency_id, r.canonical_name, r.year, r.level, r.kind,
       r.sector, r.province, r.status, r.metric, r.value,
       5 AS min_peer_count,
       CASE WHEN r.is_peer THEN r.peer_count END AS peer_count,
       CASE WHEN r.is_peer THEN r.peer_median END AS peer_median,
       CASE WHEN r.is_peer AND r.peer_count >= 5 THEN p.percentile_rank END
           AS percentile_rank,
       CASE WHEN r.is_peer THEN r.province_peer_count END AS province_peer_count,
       CASE WHEN r.is_peer THEN r.province_peer_median END AS province_peer_median,
       CASE WHEN r.is_peer AND r.province_peer_count >= 5 THEN p.province_percentile_rank END
           AS province_percentile_rank,
       CASE
           WHEN r.value IS NULL THEN 'no value'
           WHEN r.status <> 'valid' THEN 'not ranked: report flagged'
           WHEN r.level IS NULL OR r.kind = 'other' OR r.sector = 'other'
               THEN 'not ranked: no peer group (level, kind or sector unknown)'
           WHEN r.peer_count < 5
               THEN concat('not ranked: peer group of ', r.peer_count, ' < 5')
           ELSE 'ranked'
       END AS rank_note
FROM ranked AS r
LEFT JOIN placed AS p USING (report_id, metric);

CREATE VIEW metric_yoy AS
WITH yearly AS (
    -- One report per agency and year (the first file by name), as in agency_years.
    SELECT *
    FROM report_agency_metrics
    WHERE agency_id IS NOT NULL AND year IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY agency_id, year, metric ORDER BY source_file) = 1
)
SELECT agency_id, canonical_name, level, kind, sector, metric, year, report_id, status, value,
       lag(year) OVER w AS previous_year,
       lag(report_id) OVER w AS previous_report_id,
       lag(status) OVER w AS previous_status,
       lag(value) OVER w AS previous_value,
       value - lag(value) OVER w AS change
FROM yearly
WINDOW w AS (PARTITION BY agency_id, metric ORDER BY year);

COMMENT ON VIEW report_agency IS
    'Each loaded report (distinct content) with its agency from dim_agency.';
COMMENT ON COLUMN report_agency.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN report_agency.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN report_agency.year IS 'Year the data covers.';
COMMENT ON COLUMN report_agency.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN report_agency.status IS 'valid or flagged.';
COMMENT ON COLUMN report_agency.agency_id IS 'dim_agency.agency_id; NULL when the report names no placeable agency.';
COMMENT ON COLUMN report_agency.canonical_name IS 'dim_agency.canonical_name.';
COMMENT ON COLUMN report_agency.level IS 'dim_agency.level.';
COMMENT ON COLUMN report_agency.kind IS 'dim_agency.kind.';
COMMENT ON COLUMN report_agency.sector IS 'dim_agency.sector.';
COMMENT ON COLUMN report_agency.province IS 'dim_agency.province.';
COMMENT ON COLUMN report_agency.city IS 'dim_agency.city.';
COMMENT ON COLUMN report_agency.county IS 'dim_agency.county.';

COMMENT ON VIEW agency_years IS
    'One row per agency and year from its first to its last year reported, with the report of that year or NULL where it is missing (missing = true), so gaps are visible. Rejected files count as present (status rejected).';
COMMENT ON COLUMN agency_years.agency_id IS 'dim_agency.agency_id.';
COMMENT ON COLUMN agency_years.canonical_name IS 'dim_agency.canonical_name.';
COMMENT ON COLUMN agency_years.level IS 'dim_agency.level.';
COMMENT ON COLUMN agency_years.kind IS 'dim_agency.kind.';
COMMENT ON COLUMN agency_years.sector IS 'dim_agency.sector.';
COMMENT ON COLUMN agency_years.year IS 'Year the data covers.';
COMMENT ON COLUMN agency_years.report_id IS 'The report of this year (of its first file by name); NULL when missing.';
COMMENT ON COLUMN agency_years.source_file IS 'First file (by name) of this agency and year.';
COMMENT ON COLUMN agency_years.status IS 'Status of that file: valid, flagged or rejected.';
COMMENT ON COLUMN agency_years.reports IS 'Distinct reports (contents) of this agency for this year: 0 when missing, more than 1 when it published several.';
COMMENT ON COLUMN agency_years.missing IS 'No report of this agency for this year.';

COMMENT ON VIEW report_agency_metrics IS
    'The SPEC §9 metrics of metric_summary for each report, one row per metric, NULL values kept, beside the report''s agency.';
COMMENT ON COLUMN report_agency_metrics.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN report_agency_metrics.source_file IS 'First file (by name) with this content.';
COMMENT ON COLUMN report_agency_metrics.year IS 'Year the data covers.';
COMMENT ON COLUMN report_agency_metrics.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN report_agency_metrics.status IS 'valid or flagged.';
COMMENT ON COLUMN report_agency_metrics.agency_id IS 'dim_agency.agency_id.';
COMMENT ON COLUMN report_agency_metrics.canonical_name IS 'dim_agency.canonical_name.';
COMMENT ON COLUMN report_agency_metrics.level IS 'dim_agency.level.';
COMMENT ON COLUMN report_agency_metrics.kind IS 'dim_agency.kind.';
COMMENT ON COLUMN report_agency_metrics.sector IS 'dim_agency.sector.';
COMMENT ON COLUMN report_agency_metrics.province IS 'dim_agency.province.';
COMMENT ON COLUMN report_agency_metrics.metric IS 'A column of metric_summary: grant_rate, disclosure_rate, substantive_disclosure_rate, denial_rate, not_held_rate, not_processed_rate, carry_over_rate, reconsiderations_per_100, litigations_per_100.';
COMMENT ON COLUMN report_agency_metrics.value IS 'The metric''s value; NULL when its denominator is 0 or a cell is blank.';

COMMENT ON VIEW metric_peer_rank IS
    'Each report''s SPEC §9 metrics beside its peer group: valid reports of the same year, level, kind and sector (and, in the province_* columns, province). Only valid reports with a value and a known level, kind and sector are peers; a group smaller than min_peer_count is not ranked and rank_note says so.';
COMMENT ON COLUMN metric_peer_rank.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_peer_rank.source_file IS 'First file (by name) with this content.';
COMMENT ON COLUMN metric_peer_rank.agency_id IS 'dim_agency.agency_id.';
COMMENT ON COLUMN metric_peer_rank.canonical_name IS 'dim_agency.canonical_name.';
COMMENT ON COLUMN metric_peer_rank.year IS 'Year the data covers; peers share it.';
COMMENT ON COLUMN metric_peer_rank.level IS 'dim_agency.level; peers share it.';
COMMENT ON COLUMN metric_peer_rank.kind IS 'dim_agency.kind; peers share it.';
COMMENT ON COLUMN metric_peer_rank.sector IS 'dim_agency.sector; peers share it.';
COMMENT ON COLUMN metric_peer_rank.province IS 'dim_agency.province; peers of the province_* columns share it.';
COMMENT ON COLUMN metric_peer_rank.status IS 'valid or flagged; a flagged report is shown but neither ranked nor a peer.';
COMMENT ON COLUMN metric_peer_rank.metric IS 'The metric, a column of metric_summary.';
COMMENT ON COLUMN metric_peer_rank.value IS 'The report''s value of the metric.';
COMMENT ON COLUMN metric_peer_rank.min_peer_count IS 'Smallest peer group that is ranked (5).';
COMMENT ON COLUMN metric_peer_rank.peer_count IS 'Peers in the group, the report itself included; NULL when the report is no peer.';
COMMENT ON COLUMN metric_peer_rank.peer_median IS 'Median value of the peers.';
COMMENT ON COLUMN metric_peer_rank.percentile_rank IS 'Share of the other peers with a lower value, 0 (lowest) to 1 (highest), percent_rank(); NULL when not ranked.';
COMMENT ON COLUMN metric_peer_rank.province_peer_count IS 'Peers in the same province.';
COMMENT ON COLUMN metric_peer_rank.province_peer_median IS 'Median value of the peers in the same province.';
COMMENT ON COLUMN metric_peer_rank.province_percentile_rank IS 'Percentile rank among the peers in the same province; NULL when not ranked.';
COMMENT ON COLUMN metric_peer_rank.rank_note IS 'ranked, or why not: no value, report flagged, no peer group, or a peer group below min_peer_count.';

COMMENT ON VIEW metric_yoy IS
    'Per agency (across its names) and metric, the change from the previous year it reported (not necessarily year - 1: see previous_year). One report per agency and year, its first file by name.';
COMMENT ON COLUMN metric_yoy.agency_id IS 'dim_agency.agency_id.';
COMMENT ON COLUMN metric_yoy.canonical_name IS 'dim_agency.canonical_name.';
COMMENT ON COLUMN metric_yoy.level IS 'dim_agency.level.';
COMMENT ON COLUMN metric_yoy.kind IS 'dim_agency.kind.';
COMMENT ON COLUMN metric_yoy.sector IS 'dim_agency.sector.';
COMMENT ON COLUMN metric_yoy.metric IS 'The metric, a column of metric_summary.';
COMMENT ON COLUMN metric_yoy.year IS 'Year the data covers.';
COMMENT ON COLUMN metric_yoy.report_id IS 'The report of this year.';
COMMENT ON COLUMN metric_yoy.status IS 'valid or flagged.';
COMMENT ON COLUMN metric_yoy.value IS 'The metric this year.';
COMMENT ON COLUMN metric_yoy.previous_year IS 'The agency''s previous year with a report; NULL for its first.';
COMMENT ON COLUMN metric_yoy.previous_report_id IS 'The report of previous_year.';
COMMENT ON COLUMN metric_yoy.previous_status IS 'Status of the previous report: a change from a flagged report is suspect.';
COMMENT ON COLUMN metric_yoy.previous_value IS 'The metric in previous_year.';
COMMENT ON COLUMN metric_yoy.change IS 'value - previous_value; NULL when either is NULL.';
