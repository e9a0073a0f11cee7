-- Like-for-like comparison over agencies (dim_agency), created right after views.sql.
--
-- A report belongs to an agency through reports.agency_id; report_figures (one row per
-- distinct content) names its first file, whose reports row carries the agency. Peer
-- groups are agencies of the same level, kind and sector, compared within one year (the
-- template, and what is counted, changes between years). Groups of an unknown level or of
-- kind or sector `other` (no rule placed them) are never ranked: their members have
-- nothing known in common.

-- Stored by each load (sql/agencies.sql): spreading 25,000 agencies over their years and
-- grouping 100k reports took half a second per query.
CREATE VIEW agency_years AS SELECT * FROM report_agency_years;

-- The SPEC §9 metrics of one report, one row per metric (NULL values kept). Two lists
-- unnested side by side rather than UNPIVOT, which repeats the joins once per metric.
CREATE VIEW report_agency_metrics AS
SELECT ra.report_id, ra.source_file, ra.year, ra.template, ra.status, ra.agency_id,
       ra.canonical_name, ra.level, ra.kind, ra.sector, ra.province,
       unnest(['grant_rate', 'disclosure_rate', 'substantive_disclosure_rate', 'denial_rate',
               'not_held_rate', 'not_processed_rate', 'carry_over_rate',
               'reconsiderations_per_100', 'litigations_per_100']) AS metric,
       unnest([s.grant_rate, s.disclosure_rate, s.substantive_disclosure_rate, s.denial_rate,
               s.not_held_rate, s.not_processed_rate, s.carry_over_rate,
               s.reconsiderations_per_100, s.litigations_per_100]) AS value
FROM report_agency AS ra
JOIN metric_summary AS s USING (report_id);

-- Ranks and previous years are computed once per load (sql/agencies.sql) into
-- report_metric_peers and stored, a row per report beside its agency, in report_peer_ranks
-- and report_yoy (sql/agency_tables.sql): the windows, the pivot and the joins cost seconds
-- over 100k reports, too much for a view, and one row per metric would be nine times the rows.
CREATE VIEW metric_peer_rank AS SELECT * FROM report_peer_ranks;

CREATE VIEW metric_yoy AS SELECT * FROM report_yoy;

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
    'One row per loaded report: its SPEC §9 metrics beside its peer group, the valid reports of the same year, level, kind and sector (and, in the *_province_percentile_rank columns, province). Only valid reports with a known level, kind and sector are peers, and a metric ranks among the peers that have a value for it; a group smaller than min_peer_count is not ranked and rank_note says so.';
COMMENT ON COLUMN metric_peer_rank.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_peer_rank.agency_id IS 'dim_agency.agency_id.';
COMMENT ON COLUMN metric_peer_rank.year IS 'Year the data covers; peers share it.';
COMMENT ON COLUMN metric_peer_rank.level IS 'dim_agency.level; peers share it.';
COMMENT ON COLUMN metric_peer_rank.kind IS 'dim_agency.kind; peers share it.';
COMMENT ON COLUMN metric_peer_rank.sector IS 'dim_agency.sector; peers share it.';
COMMENT ON COLUMN metric_peer_rank.province IS 'dim_agency.province; the province percentile ranks compare within it.';
COMMENT ON COLUMN metric_peer_rank.status IS 'valid or flagged; a flagged report is shown but neither ranked nor a peer.';
COMMENT ON COLUMN metric_peer_rank.min_peer_count IS 'Smallest peer group that is ranked (5).';
COMMENT ON COLUMN metric_peer_rank.peer_count IS 'Peers with a value, the report itself included (the largest count over the metrics); NULL when the report is no peer.';
COMMENT ON COLUMN metric_peer_rank.province_peer_count IS 'Peers with a value in the same province (largest count over the metrics).';
COMMENT ON COLUMN metric_peer_rank.rank_note IS 'ranked, or why not: report flagged, no peer group, no value, or a peer group below min_peer_count.';
COMMENT ON COLUMN metric_peer_rank.grant_rate IS 'The report''s grant rate (metric_summary.grant_rate).';
COMMENT ON COLUMN metric_peer_rank.grant_rate_peer_median IS 'Median grant rate of the peers.';
COMMENT ON COLUMN metric_peer_rank.grant_rate_percentile_rank IS 'percent_rank() of the grant rate among the peers with one, 0 (lowest) to 1 (highest); NULL when fewer than min_peer_count.';
COMMENT ON COLUMN metric_peer_rank.grant_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN metric_peer_rank.disclosure_rate IS 'The report''s disclosure rate (metric_summary.disclosure_rate).';
COMMENT ON COLUMN metric_peer_rank.disclosure_rate_peer_median IS 'Median disclosure rate of the peers.';
COMMENT ON COLUMN metric_peer_rank.disclosure_rate_percentile_rank IS 'percent_rank() of the disclosure rate among the peers with one, 0 (lowest) to 1 (highest); NULL when fewer than min_peer_count.';
COMMENT ON COLUMN metric_peer_rank.disclosure_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN metric_peer_rank.substantive_disclosure_rate IS 'The report''s substantive disclosure rate (metric_summary.substantive_disclosure_rate).';
COMMENT ON COLUMN metric_peer_rank.substantive_disclosure_rate_peer_median IS 'Median substantive disclosure rate of the peers.';
COMMENT ON COLUMN metric_peer_rank.substantive_disclosure_rate_percentile_rank IS 'percent_rank() of the substantive disclosure rate among the peers with one, 0 (lowest) to 1 (highest); NULL when fewer than min_peer_count.';
COMMENT ON COLUMN metric_peer_rank.substantive_disclosure_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN metric_peer_rank.denial_rate IS 'The report''s denial rate (metric_summary.denial_rate).';
COMMENT ON COLUMN metric_peer_rank.denial_rate_peer_median IS 'Median denial rate of the peers.';
COMMENT ON COLUMN metric_peer_rank.denial_rate_percentile_rank IS 'percent_rank() of the denial rate among the peers with one, 0 (lowest) to 1 (highest); NULL when fewer than min_peer_count.';
COMMENT ON COLUMN metric_peer_rank.denial_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN metric_peer_rank.not_held_rate IS 'The report''s not-held rate (metric_summary.not_held_rate).';
COMMENT ON COLUMN metric_peer_rank.not_held_rate_peer_median IS 'Median not-held rate of the peers.';
COMMENT ON COLUMN metric_peer_rank.not_held_rate_percentile_rank IS 'percent_rank() of the not-held rate among the peers with one, 0 (lowest) to 1 (highest); NULL when fewer than min_peer_count.';
COMMENT ON COLUMN metric_peer_rank.not_held_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN metric_peer_rank.not_processed_rate IS 'The report''s not-processed rate (metric_summary.not_processed_rate).';
COMMENT ON COLUMN metric_peer_rank.not_processed_rate_peer_median IS 'Median not-processed rate of the peers.';
COMMENT ON COLUMN metric_peer_rank.not_processed_rate_percentile_rank IS 'percent_rank() of the not-processed rate among the peers with one, 0 (lowest) to 1 (highest); NULL when fewer than min_peer_count.';
COMMENT ON COLUMN metric_peer_rank.not_processed_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN metric_peer_rank.carry_over_rate IS 'The report''s carry-over rate (metric_summary.carry_over_rate).';
COMMENT ON COLUMN metric_peer_rank.carry_over_rate_peer_median IS 'Median carry-over rate of the peers.';
COMMENT ON COLUMN metric_peer_rank.carry_over_rate_percentile_rank IS 'percent_rank() of the carry-over rate among the peers with one, 0 (lowest) to 1 (highest); NULL when fewer than min_peer_count.';
COMMENT ON COLUMN metric_peer_rank.carry_over_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN metric_peer_rank.reconsiderations_per_100 IS 'The report''s reconsiderations per 100 handled (metric_summary.reconsiderations_per_100).';
COMMENT ON COLUMN metric_peer_rank.reconsiderations_per_100_peer_median IS 'Median reconsiderations per 100 handled of the peers.';
COMMENT ON COLUMN metric_peer_rank.reconsiderations_per_100_percentile_rank IS 'percent_rank() of the reconsiderations per 100 handled among the peers with one, 0 (lowest) to 1 (highest); NULL when fewer than min_peer_count.';
COMMENT ON COLUMN metric_peer_rank.reconsiderations_per_100_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN metric_peer_rank.litigations_per_100 IS 'The report''s litigations per 100 handled (metric_summary.litigations_per_100).';
COMMENT ON COLUMN metric_peer_rank.litigations_per_100_peer_median IS 'Median litigations per 100 handled of the peers.';
COMMENT ON COLUMN metric_peer_rank.litigations_per_100_percentile_rank IS 'percent_rank() of the litigations per 100 handled among the peers with one, 0 (lowest) to 1 (highest); NULL when fewer than min_peer_count.';
COMMENT ON COLUMN metric_peer_rank.litigations_per_100_province_percentile_rank IS 'The same among the peers of the province.';

COMMENT ON VIEW metric_yoy IS
    'One row per agency (across its names) and year it reported: each SPEC §9 metric and its change from the previous year the agency reported (not necessarily year - 1: see previous_year). One report per agency and year, its first file by name.';
COMMENT ON COLUMN metric_yoy.agency_id IS 'dim_agency.agency_id.';
COMMENT ON COLUMN metric_yoy.canonical_name IS 'dim_agency.canonical_name.';
COMMENT ON COLUMN metric_yoy.level IS 'dim_agency.level.';
COMMENT ON COLUMN metric_yoy.kind IS 'dim_agency.kind.';
COMMENT ON COLUMN metric_yoy.sector IS 'dim_agency.sector.';
COMMENT ON COLUMN metric_yoy.year IS 'Year the data covers.';
COMMENT ON COLUMN metric_yoy.report_id IS 'The report of this year.';
COMMENT ON COLUMN metric_yoy.status IS 'valid or flagged.';
COMMENT ON COLUMN metric_yoy.previous_year IS 'The agency''s previous year with a report; NULL for its first.';
COMMENT ON COLUMN metric_yoy.previous_report_id IS 'The report of previous_year.';
COMMENT ON COLUMN metric_yoy.previous_status IS 'Status of the previous report: a change from a flagged report is suspect.';
COMMENT ON COLUMN metric_yoy.grant_rate IS 'The grant rate this year.';
COMMENT ON COLUMN metric_yoy.grant_rate_change IS 'The grant rate minus that of previous_year; NULL when either is NULL.';
COMMENT ON COLUMN metric_yoy.disclosure_rate IS 'The disclosure rate this year.';
COMMENT ON COLUMN metric_yoy.disclosure_rate_change IS 'The disclosure rate minus that of previous_year; NULL when either is NULL.';
COMMENT ON COLUMN metric_yoy.substantive_disclosure_rate IS 'The substantive disclosure rate this year.';
COMMENT ON COLUMN metric_yoy.substantive_disclosure_rate_change IS 'The substantive disclosure rate minus that of previous_year; NULL when either is NULL.';
COMMENT ON COLUMN metric_yoy.denial_rate IS 'The denial rate this year.';
COMMENT ON COLUMN metric_yoy.denial_rate_change IS 'The denial rate minus that of previous_year; NULL when either is NULL.';
COMMENT ON COLUMN metric_yoy.not_held_rate IS 'The not-held rate this year.';
COMMENT ON COLUMN metric_yoy.not_held_rate_change IS 'The not-held rate minus that of previous_year; NULL when either is NULL.';
COMMENT ON COLUMN metric_yoy.not_processed_rate IS 'The not-processed rate this year.';
COMMENT ON COLUMN metric_yoy.not_processed_rate_change IS 'The not-processed rate minus that of previous_year; NULL when either is NULL.';
COMMENT ON COLUMN metric_yoy.carry_over_rate IS 'The carry-over rate this year.';
COMMENT ON COLUMN metric_yoy.carry_over_rate_change IS 'The carry-over rate minus that of previous_year; NULL when either is NULL.';
COMMENT ON COLUMN metric_yoy.reconsiderations_per_100 IS 'The reconsiderations per 100 handled this year.';
COMMENT ON COLUMN metric_yoy.reconsiderations_per_100_change IS 'The reconsiderations per 100 handled minus that of previous_year; NULL when either is NULL.';
COMMENT ON COLUMN metric_yoy.litigations_per_100 IS 'The litigations per 100 handled this year.';
COMMENT ON COLUMN metric_yoy.litigations_per_100_change IS 'The litigations per 100 handled minus that of previous_year; NULL when either is NULL.';
