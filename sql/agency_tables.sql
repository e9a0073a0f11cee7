-- Agency identity (pipelines/agencies): who issued each report, across the names it used
-- and the years it reported. Created on the empty file right after tables.sql.
-- References (sector, alias -> agency, reports -> agency) are checked by sql/agencies.sql
-- rather than declared: an amended copy deletes and refills these tables in one
-- transaction, which DuckDB's foreign keys refuse.

CREATE TABLE dim_sector (
    code        VARCHAR PRIMARY KEY,
    label       VARCHAR NOT NULL,
    sort_order  INTEGER NOT NULL
);

CREATE TABLE dim_agency (
    agency_id       VARCHAR PRIMARY KEY,
    canonical_name  VARCHAR NOT NULL,
    province        VARCHAR,
    city            VARCHAR,
    county          VARCHAR,
    adcode          VARCHAR,
    level           VARCHAR CHECK (level IN ('province', 'city', 'county', 'township')),
    kind            VARCHAR NOT NULL CHECK (kind IN ('government', 'general_office',
                        'department', 'commission', 'zone_committee', 'dispatched_office',
                        'other')),
    sector          VARCHAR NOT NULL,
    classified_by   VARCHAR NOT NULL,
    merged_into_id  VARCHAR,
    first_year      INTEGER,
    last_year       INTEGER,
    reports         BIGINT NOT NULL
);

CREATE TABLE dim_agency_alias (
    agency_id     VARCHAR NOT NULL,
    alias         VARCHAR NOT NULL,
    first_year    INTEGER,
    last_year     INTEGER,
    reports       BIGINT NOT NULL,
    as_written    BOOLEAN NOT NULL,
    renamed_from  VARCHAR,
    classified_by VARCHAR NOT NULL,
    PRIMARY KEY (agency_id, alias)
);

-- Derived, like report_figures: each report's metrics beside its peers and its agency's
-- previous year, filled by sql/agencies.sql for the views metric_peer_rank and metric_yoy.
CREATE TABLE report_metric_peers (
    report_id                 VARCHAR NOT NULL,
    metric                    VARCHAR NOT NULL,
    value                     DOUBLE,
    peer_count                INTEGER,
    peer_median               DOUBLE,
    percentile_rank           DOUBLE,
    province_peer_count       INTEGER,
    province_peer_median      DOUBLE,
    province_percentile_rank  DOUBLE,
    agency_year_first         BOOLEAN NOT NULL,
    previous_year             INTEGER,
    previous_report_id        VARCHAR,
    previous_status           VARCHAR,
    previous_value            DOUBLE
);

-- report_metric_peers pivoted to one row per report, the shape metric_peer_rank and
-- metric_yoy show; sql/agencies.sql fills the two tables from these views once per load.
CREATE VIEW report_peer_rank_pivot AS
SELECT report_id,
       max(peer_count) AS peer_count,
       max(province_peer_count) AS province_peer_count,
       max(CASE WHEN metric = 'grant_rate' THEN value END) AS grant_rate,
       max(CASE WHEN metric = 'grant_rate' THEN peer_median END) AS grant_rate_peer_median,
       max(CASE WHEN metric = 'grant_rate' AND peer_count >= 5 THEN percentile_rank END)
       AS grant_rate_percentile_rank,
       max(CASE WHEN metric = 'grant_rate' AND province_peer_count >= 5
            THEN province_percentile_rank END) AS grant_rate_province_percentile_rank,
       max(CASE WHEN metric = 'disclosure_rate' THEN value END) AS disclosure_rate,
       max(CASE WHEN metric = 'disclosure_rate' THEN peer_median END) AS disclosure_rate_peer_median,
       max(CASE WHEN metric = 'disclosure_rate' AND peer_count >= 5 THEN percentile_rank END)
       AS disclosure_rate_percentile_rank,
       max(CASE WHEN metric = 'disclosure_rate' AND province_peer_count >= 5
            THEN province_percentile_rank END) AS disclosure_rate_province_percentile_rank,
       max(CASE WHEN metric = 'substantive_disclosure_rate' THEN value END) AS substantive_disclosure_rate,
       max(CASE WHEN metric = 'substantive_disclosure_rate' THEN peer_median END) AS substantive_disclosure_rate_peer_median,
       max(CASE WHEN metric = 'substantive_disclosure_rate' AND peer_count >= 5 THEN percentile_rank END)
       AS substantive_disclosure_rate_percentile_rank,
       max(CASE WHEN metric = 'substantive_disclosure_rate' AND province_peer_count >= 5
            THEN province_percentile_rank END) AS substantive_disclosure_rate_province_percentile_rank,
       max(CASE WHEN metric = 'denial_rate' THEN value END) AS denial_rate,
       max(CASE WHEN metric = 'denial_rate' THEN peer_median END) AS denial_rate_peer_median,
       max(CASE WHEN metric = 'denial_rate' AND peer_count >= 5 THEN percentile_rank END)
       AS denial_rate_percentile_rank,
       max(CASE WHEN metric = 'denial_rate' AND province_peer_count >= 5
            THEN province_percentile_rank END) AS denial_rate_province_percentile_rank,
       max(CASE WHEN metric = 'not_held_rate' THEN value END) AS not_held_rate,
       max(CASE WHEN metric = 'not_held_rate' THEN peer_median END) AS not_held_rate_peer_median,
       max(CASE WHEN metric = 'not_held_rate' AND peer_count >= 5 THEN percentile_rank END)
       AS not_held_rate_percentile_rank,
       max(CASE WHEN metric = 'not_held_rate' AND province_peer_count >= 5
            THEN province_percentile_rank END) AS not_held_rate_province_percentile_rank,
       max(CASE WHEN metric = 'not_processed_rate' THEN value END) AS not_processed_rate,
       max(CASE WHEN metric = 'not_processed_rate' THEN peer_median END) AS not_processed_rate_peer_median,
       max(CASE WHEN metric = 'not_processed_rate' AND peer_count >= 5 THEN percentile_rank END)
       AS not_processed_rate_percentile_rank,
       max(CASE WHEN metric = 'not_processed_rate' AND province_peer_count >= 5
            THEN province_percentile_rank END) AS not_processed_rate_province_percentile_rank,
       max(CASE WHEN metric = 'carry_over_rate' THEN value END) AS carry_over_rate,
       max(CASE WHEN metric = 'carry_over_rate' THEN peer_median END) AS carry_over_rate_peer_median,
       max(CASE WHEN metric = 'carry_over_rate' AND peer_count >= 5 THEN percentile_rank END)
       AS carry_over_rate_percentile_rank,
       max(CASE WHEN metric = 'carry_over_rate' AND province_peer_count >= 5
            THEN province_percentile_rank END) AS carry_over_rate_province_percentile_rank,
       max(CASE WHEN metric = 'reconsiderations_per_100' THEN value END) AS reconsiderations_per_100,
       max(CASE WHEN metric = 'reconsiderations_per_100' THEN peer_median END) AS reconsiderations_per_100_peer_median,
       max(CASE WHEN metric = 'reconsiderations_per_100' AND peer_count >= 5 THEN percentile_rank END)
       AS reconsiderations_per_100_percentile_rank,
       max(CASE WHEN metric = 'reconsiderations_per_100' AND province_peer_count >= 5
            THEN province_percentile_rank END) AS reconsiderations_per_100_province_percentile_rank,
       max(CASE WHEN metric = 'litigations_per_100' THEN value END) AS litigations_per_100,
       max(CASE WHEN metric = 'litigations_per_100' THEN peer_median END) AS litigations_per_100_peer_median,
       max(CASE WHEN metric = 'litigations_per_100' AND peer_count >= 5 THEN percentile_rank END)
       AS litigations_per_100_percentile_rank,
       max(CASE WHEN metric = 'litigations_per_100' AND province_peer_count >= 5
            THEN province_percentile_rank END) AS litigations_per_100_province_percentile_rank
FROM report_metric_peers
GROUP BY report_id;

CREATE VIEW report_yoy_pivot AS
SELECT report_id,
       any_value(previous_year) AS previous_year,
       any_value(previous_report_id) AS previous_report_id,
       any_value(previous_status) AS previous_status,
       max(CASE WHEN metric = 'grant_rate' THEN value END) AS grant_rate,
       max(CASE WHEN metric = 'grant_rate' THEN value - previous_value END) AS grant_rate_change,
       max(CASE WHEN metric = 'disclosure_rate' THEN value END) AS disclosure_rate,
       max(CASE WHEN metric = 'disclosure_rate' THEN value - previous_value END) AS disclosure_rate_change,
       max(CASE WHEN metric = 'substantive_disclosure_rate' THEN value END) AS substantive_disclosure_rate,
       max(CASE WHEN metric = 'substantive_disclosure_rate' THEN value - previous_value END) AS substantive_disclosure_rate_change,
       max(CASE WHEN metric = 'denial_rate' THEN value END) AS denial_rate,
       max(CASE WHEN metric = 'denial_rate' THEN value - previous_value END) AS denial_rate_change,
       max(CASE WHEN metric = 'not_held_rate' THEN value END) AS not_held_rate,
       max(CASE WHEN metric = 'not_held_rate' THEN value - previous_value END) AS not_held_rate_change,
       max(CASE WHEN metric = 'not_processed_rate' THEN value END) AS not_processed_rate,
       max(CASE WHEN metric = 'not_processed_rate' THEN value - previous_value END) AS not_processed_rate_change,
       max(CASE WHEN metric = 'carry_over_rate' THEN value END) AS carry_over_rate,
       max(CASE WHEN metric = 'carry_over_rate' THEN value - previous_value END) AS carry_over_rate_change,
       max(CASE WHEN metric = 'reconsiderations_per_100' THEN value END) AS reconsiderations_per_100,
       max(CASE WHEN metric = 'reconsiderations_per_100' THEN value - previous_value END) AS reconsiderations_per_100_change,
       max(CASE WHEN metric = 'litigations_per_100' THEN value END) AS litigations_per_100,
       max(CASE WHEN metric = 'litigations_per_100' THEN value - previous_value END) AS litigations_per_100_change
FROM report_metric_peers
WHERE agency_year_first
GROUP BY report_id;

-- Columns as the pivots make them, so the two never disagree.
CREATE TABLE report_peer_ranks AS SELECT * FROM report_peer_rank_pivot LIMIT 0;
CREATE TABLE report_yoy AS SELECT * FROM report_yoy_pivot LIMIT 0;

COMMENT ON TABLE dim_sector IS
    'The fixed sector vocabulary of dim_agency.sector, with its Chinese label. general_government is a government, its general office, a zone committee or a dispatched office; other is any body no sector keyword claims.';
COMMENT ON COLUMN dim_sector.code IS 'Sector code used in dim_agency.sector.';
COMMENT ON COLUMN dim_sector.label IS 'Chinese label of the sector.';
COMMENT ON COLUMN dim_sector.sort_order IS 'Display order, from 1.';

COMMENT ON TABLE dim_agency IS
    'One row per agency identity: the names it reported under (dim_agency_alias) are one agency when they differ only by abbreviation or by a one-to-one rename of the 2018 reform, in the same division. agency_id is derived from the division, township or zone, and canonical body, never from load order: a rerun or a later year keeps it.';
COMMENT ON COLUMN dim_agency.agency_id IS '16 hex digits of a sha256 of the identity (division, township or zone, canonical body).';
COMMENT ON COLUMN dim_agency.canonical_name IS 'Full Simplified name, abbreviations expanded and 2018 renames applied, as of the latest year reported.';
COMMENT ON COLUMN dim_agency.province IS 'Province of the agency (as the parser found it in its latest report).';
COMMENT ON COLUMN dim_agency.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN dim_agency.county IS 'County-level division of the agency (for a township or street office, the county it belongs to).';
COMMENT ON COLUMN dim_agency.adcode IS '6-digit GB/T 2260 code of the division; NULL when ambiguous.';
COMMENT ON COLUMN dim_agency.level IS 'province, city, county or township, from the divisions named and the region; NULL when neither tells.';
COMMENT ON COLUMN dim_agency.kind IS 'government, general_office, department, commission, zone_committee, dispatched_office or other (no rule fits).';
COMMENT ON COLUMN dim_agency.sector IS 'Sector code, see dim_sector; other when no keyword claims the body.';
COMMENT ON COLUMN dim_agency.classified_by IS 'The rules that decided level, kind, sector and the canonical name, as field=rule:evidence joined by "; ".';
COMMENT ON COLUMN dim_agency.merged_into_id IS 'For a body the 2018 reform merged into another (工商行政管理局 -> 市场监督管理局): the successor''s agency_id, when the successor has reports here.';
COMMENT ON COLUMN dim_agency.first_year IS 'First year the agency reported on.';
COMMENT ON COLUMN dim_agency.last_year IS 'Last year the agency reported on.';
COMMENT ON COLUMN dim_agency.reports IS 'Report files naming this agency.';

COMMENT ON TABLE dim_agency_alias IS
    'Every form of an agency''s name seen in the reports (the resolved agency and the title''s agency_as_written), with the years it was used: abbreviations and renamed forms are visible here.';
COMMENT ON COLUMN dim_agency_alias.agency_id IS 'dim_agency.agency_id.';
COMMENT ON COLUMN dim_agency_alias.alias IS 'The name as seen (NFKC, whitespace removed).';
COMMENT ON COLUMN dim_agency_alias.first_year IS 'First year a report used this form.';
COMMENT ON COLUMN dim_agency_alias.last_year IS 'Last year a report used this form.';
COMMENT ON COLUMN dim_agency_alias.reports IS 'Report files that used this form.';
COMMENT ON COLUMN dim_agency_alias.as_written IS 'Seen only in report titles (agency_as_written), never as the resolved agency.';
COMMENT ON COLUMN dim_agency_alias.renamed_from IS 'The pre-2018 body this form names (卫生和计划生育局), linked to its successor by the reform''s rename table.';
COMMENT ON COLUMN dim_agency_alias.classified_by IS 'The rules that mapped this form to the agency.';

COMMENT ON TABLE report_metric_peers IS
    'Derived by each load (sql/agencies.sql) for metric_peer_rank and metric_yoy: one row per loaded report and SPEC §9 metric with its peer-group figures (NULL when the report is no peer: flagged, no value, or level, kind or sector unknown) and its agency''s previous reported year.';
COMMENT ON COLUMN report_metric_peers.report_id IS 'reports.report_id (sha256 of the file).';
COMMENT ON COLUMN report_metric_peers.metric IS 'A column of metric_summary.';
COMMENT ON COLUMN report_metric_peers.value IS 'The report''s value of the metric.';
COMMENT ON COLUMN report_metric_peers.peer_count IS 'Valid reports with a value of the same year, level, kind and sector.';
COMMENT ON COLUMN report_metric_peers.peer_median IS 'Median of their values.';
COMMENT ON COLUMN report_metric_peers.percentile_rank IS 'percent_rank() among them, 0 to 1.';
COMMENT ON COLUMN report_metric_peers.province_peer_count IS 'Peers in the same province.';
COMMENT ON COLUMN report_metric_peers.province_peer_median IS 'Median of the province''s peers.';
COMMENT ON COLUMN report_metric_peers.province_percentile_rank IS 'percent_rank() among the province''s peers.';
COMMENT ON COLUMN report_metric_peers.agency_year_first IS 'The first file (by name) of its agency and year: the one report metric_yoy follows.';
COMMENT ON COLUMN report_metric_peers.previous_year IS 'The agency''s previous year with a report.';
COMMENT ON COLUMN report_metric_peers.previous_report_id IS 'The report of that year.';
COMMENT ON COLUMN report_metric_peers.previous_status IS 'Its status.';
COMMENT ON COLUMN report_metric_peers.previous_value IS 'Its value of the metric.';

COMMENT ON VIEW report_peer_rank_pivot IS 'report_metric_peers, one row per report and a column group per metric: what sql/agencies.sql stores in report_peer_ranks.';
COMMENT ON VIEW report_yoy_pivot IS 'report_metric_peers of the first file of each agency and year, one row per report: what sql/agencies.sql stores in report_yoy.';
COMMENT ON TABLE report_peer_ranks IS 'Derived by each load: each report''s metrics, peer medians and percentile ranks (NULL below 5 peers), one row per report, read by metric_peer_rank.';
COMMENT ON TABLE report_yoy IS 'Derived by each load: the metrics of the first file of each agency and year and their change from the agency''s previous reported year, read by metric_yoy.';
COMMENT ON COLUMN report_peer_ranks.report_id IS 'reports.report_id (sha256 of the file).';
COMMENT ON COLUMN report_peer_rank_pivot.report_id IS 'reports.report_id (sha256 of the file).';
COMMENT ON COLUMN report_peer_ranks.peer_count IS 'Peers with a value, the report included (the largest count over the metrics); NULL when the report is no peer.';
COMMENT ON COLUMN report_peer_rank_pivot.peer_count IS 'Peers with a value, the report included (the largest count over the metrics); NULL when the report is no peer.';
COMMENT ON COLUMN report_peer_ranks.province_peer_count IS 'Peers with a value in the same province (largest count over the metrics).';
COMMENT ON COLUMN report_peer_rank_pivot.province_peer_count IS 'Peers with a value in the same province (largest count over the metrics).';
COMMENT ON COLUMN report_peer_ranks.grant_rate IS 'The report''s grant rate (metric_summary.grant_rate).';
COMMENT ON COLUMN report_peer_ranks.grant_rate_peer_median IS 'Median grant rate of the peers.';
COMMENT ON COLUMN report_peer_ranks.grant_rate_percentile_rank IS 'percent_rank() of the grant rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_ranks.grant_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_rank_pivot.grant_rate IS 'The report''s grant rate (metric_summary.grant_rate).';
COMMENT ON COLUMN report_peer_rank_pivot.grant_rate_peer_median IS 'Median grant rate of the peers.';
COMMENT ON COLUMN report_peer_rank_pivot.grant_rate_percentile_rank IS 'percent_rank() of the grant rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_rank_pivot.grant_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_ranks.disclosure_rate IS 'The report''s disclosure rate (metric_summary.disclosure_rate).';
COMMENT ON COLUMN report_peer_ranks.disclosure_rate_peer_median IS 'Median disclosure rate of the peers.';
COMMENT ON COLUMN report_peer_ranks.disclosure_rate_percentile_rank IS 'percent_rank() of the disclosure rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_ranks.disclosure_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_rank_pivot.disclosure_rate IS 'The report''s disclosure rate (metric_summary.disclosure_rate).';
COMMENT ON COLUMN report_peer_rank_pivot.disclosure_rate_peer_median IS 'Median disclosure rate of the peers.';
COMMENT ON COLUMN report_peer_rank_pivot.disclosure_rate_percentile_rank IS 'percent_rank() of the disclosure rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_rank_pivot.disclosure_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_ranks.substantive_disclosure_rate IS 'The report''s substantive disclosure rate (metric_summary.substantive_disclosure_rate).';
COMMENT ON COLUMN report_peer_ranks.substantive_disclosure_rate_peer_median IS 'Median substantive disclosure rate of the peers.';
COMMENT ON COLUMN report_peer_ranks.substantive_disclosure_rate_percentile_rank IS 'percent_rank() of the substantive disclosure rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_ranks.substantive_disclosure_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_rank_pivot.substantive_disclosure_rate IS 'The report''s substantive disclosure rate (metric_summary.substantive_disclosure_rate).';
COMMENT ON COLUMN report_peer_rank_pivot.substantive_disclosure_rate_peer_median IS 'Median substantive disclosure rate of the peers.';
COMMENT ON COLUMN report_peer_rank_pivot.substantive_disclosure_rate_percentile_rank IS 'percent_rank() of the substantive disclosure rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_rank_pivot.substantive_disclosure_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_ranks.denial_rate IS 'The report''s denial rate (metric_summary.denial_rate).';
COMMENT ON COLUMN report_peer_ranks.denial_rate_peer_median IS 'Median denial rate of the peers.';
COMMENT ON COLUMN report_peer_ranks.denial_rate_percentile_rank IS 'percent_rank() of the denial rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_ranks.denial_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_rank_pivot.denial_rate IS 'The report''s denial rate (metric_summary.denial_rate).';
COMMENT ON COLUMN report_peer_rank_pivot.denial_rate_peer_median IS 'Median denial rate of the peers.';
COMMENT ON COLUMN report_peer_rank_pivot.denial_rate_percentile_rank IS 'percent_rank() of the denial rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_rank_pivot.denial_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_ranks.not_held_rate IS 'The report''s not-held rate (metric_summary.not_held_rate).';
COMMENT ON COLUMN report_peer_ranks.not_held_rate_peer_median IS 'Median not-held rate of the peers.';
COMMENT ON COLUMN report_peer_ranks.not_held_rate_percentile_rank IS 'percent_rank() of the not-held rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_ranks.not_held_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_rank_pivot.not_held_rate IS 'The report''s not-held rate (metric_summary.not_held_rate).';
COMMENT ON COLUMN report_peer_rank_pivot.not_held_rate_peer_median IS 'Median not-held rate of the peers.';
COMMENT ON COLUMN report_peer_rank_pivot.not_held_rate_percentile_rank IS 'percent_rank() of the not-held rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_rank_pivot.not_held_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_ranks.not_processed_rate IS 'The report''s not-processed rate (metric_summary.not_processed_rate).';
COMMENT ON COLUMN report_peer_ranks.not_processed_rate_peer_median IS 'Median not-processed rate of the peers.';
COMMENT ON COLUMN report_peer_ranks.not_processed_rate_percentile_rank IS 'percent_rank() of the not-processed rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_ranks.not_processed_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_rank_pivot.not_processed_rate IS 'The report''s not-processed rate (metric_summary.not_processed_rate).';
COMMENT ON COLUMN report_peer_rank_pivot.not_processed_rate_peer_median IS 'Median not-processed rate of the peers.';
COMMENT ON COLUMN report_peer_rank_pivot.not_processed_rate_percentile_rank IS 'percent_rank() of the not-processed rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_rank_pivot.not_processed_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_ranks.carry_over_rate IS 'The report''s carry-over rate (metric_summary.carry_over_rate).';
COMMENT ON COLUMN report_peer_ranks.carry_over_rate_peer_median IS 'Median carry-over rate of the peers.';
COMMENT ON COLUMN report_peer_ranks.carry_over_rate_percentile_rank IS 'percent_rank() of the carry-over rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_ranks.carry_over_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_rank_pivot.carry_over_rate IS 'The report''s carry-over rate (metric_summary.carry_over_rate).';
COMMENT ON COLUMN report_peer_rank_pivot.carry_over_rate_peer_median IS 'Median carry-over rate of the peers.';
COMMENT ON COLUMN report_peer_rank_pivot.carry_over_rate_percentile_rank IS 'percent_rank() of the carry-over rate among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_rank_pivot.carry_over_rate_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_ranks.reconsiderations_per_100 IS 'The report''s reconsiderations per 100 handled (metric_summary.reconsiderations_per_100).';
COMMENT ON COLUMN report_peer_ranks.reconsiderations_per_100_peer_median IS 'Median reconsiderations per 100 handled of the peers.';
COMMENT ON COLUMN report_peer_ranks.reconsiderations_per_100_percentile_rank IS 'percent_rank() of the reconsiderations per 100 handled among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_ranks.reconsiderations_per_100_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_rank_pivot.reconsiderations_per_100 IS 'The report''s reconsiderations per 100 handled (metric_summary.reconsiderations_per_100).';
COMMENT ON COLUMN report_peer_rank_pivot.reconsiderations_per_100_peer_median IS 'Median reconsiderations per 100 handled of the peers.';
COMMENT ON COLUMN report_peer_rank_pivot.reconsiderations_per_100_percentile_rank IS 'percent_rank() of the reconsiderations per 100 handled among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_rank_pivot.reconsiderations_per_100_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_ranks.litigations_per_100 IS 'The report''s litigations per 100 handled (metric_summary.litigations_per_100).';
COMMENT ON COLUMN report_peer_ranks.litigations_per_100_peer_median IS 'Median litigations per 100 handled of the peers.';
COMMENT ON COLUMN report_peer_ranks.litigations_per_100_percentile_rank IS 'percent_rank() of the litigations per 100 handled among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_ranks.litigations_per_100_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_peer_rank_pivot.litigations_per_100 IS 'The report''s litigations per 100 handled (metric_summary.litigations_per_100).';
COMMENT ON COLUMN report_peer_rank_pivot.litigations_per_100_peer_median IS 'Median litigations per 100 handled of the peers.';
COMMENT ON COLUMN report_peer_rank_pivot.litigations_per_100_percentile_rank IS 'percent_rank() of the litigations per 100 handled among the peers with one; NULL below 5 of them.';
COMMENT ON COLUMN report_peer_rank_pivot.litigations_per_100_province_percentile_rank IS 'The same among the peers of the province.';
COMMENT ON COLUMN report_yoy.report_id IS 'reports.report_id (sha256 of the file).';
COMMENT ON COLUMN report_yoy.previous_year IS 'The agency''s previous year with a report.';
COMMENT ON COLUMN report_yoy.previous_report_id IS 'The report of that year.';
COMMENT ON COLUMN report_yoy.previous_status IS 'Its status.';
COMMENT ON COLUMN report_yoy.grant_rate IS 'The grant rate this year.';
COMMENT ON COLUMN report_yoy.grant_rate_change IS 'The grant rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy.disclosure_rate IS 'The disclosure rate this year.';
COMMENT ON COLUMN report_yoy.disclosure_rate_change IS 'The disclosure rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy.substantive_disclosure_rate IS 'The substantive disclosure rate this year.';
COMMENT ON COLUMN report_yoy.substantive_disclosure_rate_change IS 'The substantive disclosure rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy.denial_rate IS 'The denial rate this year.';
COMMENT ON COLUMN report_yoy.denial_rate_change IS 'The denial rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy.not_held_rate IS 'The not-held rate this year.';
COMMENT ON COLUMN report_yoy.not_held_rate_change IS 'The not-held rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy.not_processed_rate IS 'The not-processed rate this year.';
COMMENT ON COLUMN report_yoy.not_processed_rate_change IS 'The not-processed rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy.carry_over_rate IS 'The carry-over rate this year.';
COMMENT ON COLUMN report_yoy.carry_over_rate_change IS 'The carry-over rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy.reconsiderations_per_100 IS 'The reconsiderations per 100 handled this year.';
COMMENT ON COLUMN report_yoy.reconsiderations_per_100_change IS 'The reconsiderations per 100 handled minus that of previous_year.';
COMMENT ON COLUMN report_yoy.litigations_per_100 IS 'The litigations per 100 handled this year.';
COMMENT ON COLUMN report_yoy.litigations_per_100_change IS 'The litigations per 100 handled minus that of previous_year.';
COMMENT ON COLUMN report_yoy_pivot.report_id IS 'reports.report_id (sha256 of the file).';
COMMENT ON COLUMN report_yoy_pivot.previous_year IS 'The agency''s previous year with a report.';
COMMENT ON COLUMN report_yoy_pivot.previous_report_id IS 'The report of that year.';
COMMENT ON COLUMN report_yoy_pivot.previous_status IS 'Its status.';
COMMENT ON COLUMN report_yoy_pivot.grant_rate IS 'The grant rate this year.';
COMMENT ON COLUMN report_yoy_pivot.grant_rate_change IS 'The grant rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy_pivot.disclosure_rate IS 'The disclosure rate this year.';
COMMENT ON COLUMN report_yoy_pivot.disclosure_rate_change IS 'The disclosure rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy_pivot.substantive_disclosure_rate IS 'The substantive disclosure rate this year.';
COMMENT ON COLUMN report_yoy_pivot.substantive_disclosure_rate_change IS 'The substantive disclosure rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy_pivot.denial_rate IS 'The denial rate this year.';
COMMENT ON COLUMN report_yoy_pivot.denial_rate_change IS 'The denial rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy_pivot.not_held_rate IS 'The not-held rate this year.';
COMMENT ON COLUMN report_yoy_pivot.not_held_rate_change IS 'The not-held rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy_pivot.not_processed_rate IS 'The not-processed rate this year.';
COMMENT ON COLUMN report_yoy_pivot.not_processed_rate_change IS 'The not-processed rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy_pivot.carry_over_rate IS 'The carry-over rate this year.';
COMMENT ON COLUMN report_yoy_pivot.carry_over_rate_change IS 'The carry-over rate minus that of previous_year.';
COMMENT ON COLUMN report_yoy_pivot.reconsiderations_per_100 IS 'The reconsiderations per 100 handled this year.';
COMMENT ON COLUMN report_yoy_pivot.reconsiderations_per_100_change IS 'The reconsiderations per 100 handled minus that of previous_year.';
COMMENT ON COLUMN report_yoy_pivot.litigations_per_100 IS 'The litigations per 100 handled this year.';
COMMENT ON COLUMN report_yoy_pivot.litigations_per_100_change IS 'The litigations per 100 handled minus that of previous_year.';
