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
    previous_value            DOUBLE,
    -- The report's agency (report_agency), so the comparison page groups without joins.
    canonical_name            VARCHAR,
    year                      INTEGER,
    level                     VARCHAR,
    kind                      VARCHAR,
    sector                    VARCHAR,
    province                  VARCHAR
);

-- One row per report with its agency, for the pivots below and sql/agency_views.sql.
CREATE VIEW report_agency AS
SELECT f.report_id, f.source_file, f.year, f.template, f.status, r.agency_id,
       a.canonical_name, a.level, a.kind, a.sector, a.province, a.city, a.county
FROM report_figures AS f
JOIN reports AS r ON r.source_file = f.source_file
LEFT JOIN dim_agency AS a ON a.agency_id = r.agency_id;

-- report_metric_peers pivoted to one row per report beside the report's agency: the rows
-- metric_peer_rank and metric_yoy show, stored by sql/agencies.sql once per load, so the
-- views only read a table (over 100k reports the pivot and the joins cost a second).
CREATE VIEW report_peer_rank_pivot AS
WITH pivoted AS (
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
GROUP BY report_id
)
SELECT a.report_id, a.agency_id, a.year, a.level, a.kind, a.sector, a.province, a.status,
       5 AS min_peer_count,
       p.* EXCLUDE (report_id),
       CASE
           WHEN a.status <> 'valid' THEN 'not ranked: report flagged'
           WHEN a.level IS NULL OR a.kind = 'other' OR a.sector = 'other'
               THEN 'not ranked: no peer group (level, kind or sector unknown)'
           WHEN p.peer_count IS NULL THEN 'not ranked: no metric has a value'
           WHEN p.peer_count < 5 THEN concat('not ranked: peer group of ', p.peer_count, ' < 5')
           ELSE 'ranked'
       END AS rank_note
FROM pivoted AS p
JOIN report_agency AS a USING (report_id);

CREATE VIEW report_yoy_pivot AS
WITH pivoted AS (
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
GROUP BY report_id
)
SELECT a.agency_id, a.canonical_name, a.level, a.kind, a.sector, a.year, a.report_id,
       a.status, p.* EXCLUDE (report_id)
FROM pivoted AS p
JOIN report_agency AS a USING (report_id);

-- Columns as the pivots make them, so the two never disagree.
CREATE TABLE report_peer_ranks AS SELECT * FROM report_peer_rank_pivot LIMIT 0;
CREATE TABLE report_yoy AS SELECT * FROM report_yoy_pivot LIMIT 0;

-- Derived by sql/agencies.sql: what agency_years shows (sql/agency_views.sql).
CREATE TABLE report_agency_years (
    agency_id       VARCHAR,
    canonical_name  VARCHAR,
    level           VARCHAR,
    kind            VARCHAR,
    sector          VARCHAR,
    year            BIGINT,
    report_id       VARCHAR,
    source_file     VARCHAR,
    status          VARCHAR,
    reports         BIGINT,
    missing         BOOLEAN
);

-- Derived by sql/agencies.sql: what check_cross_year shows (sql/views.sql).
CREATE TABLE report_cross_year (
    agency                    VARCHAR,
    year                      INTEGER,
    applicant_type            VARCHAR,
    previous_report_id        VARCHAR,
    previous_source_file      VARCHAR,
    report_id                 VARCHAR,
    source_file               VARCHAR,
    previous_carried_forward  INTEGER,
    carried_over              INTEGER,
    status                    VARCHAR,
    agency_id                 VARCHAR
);

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
COMMENT ON COLUMN dim_agency_alias.as_written IS 'Seen only as printed (a title''s agency_as_written, or a former name a report states), never as the resolved agency.';
COMMENT ON COLUMN dim_agency_alias.renamed_from IS 'The pre-2018 body this form names (卫生和计划生育局), linked to its successor by the reform''s rename table.';
COMMENT ON COLUMN dim_agency_alias.classified_by IS 'The rules that mapped this form to the agency.';

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

COMMENT ON TABLE report_agency_years IS
    'Derived by each load (sql/agencies.sql): the rows of agency_years, one per agency and year from its first to its last year reported.';

COMMENT ON TABLE report_cross_year IS
    'Derived by each load (sql/agencies.sql): the rows of check_cross_year, carried_over of each agency''s year t against carried_forward of its year t-1 per applicant column.';

COMMENT ON TABLE report_metric_peers IS
    'Derived by each load (sql/agencies.sql) for metric_peer_rank and metric_yoy: one row per loaded report and SPEC §9 metric with its peer-group figures (NULL when the report is no peer: flagged, no value, or level, kind or sector unknown) and its agency''s previous reported year.';
COMMENT ON COLUMN report_metric_peers.report_id IS 'reports.report_id (sha256 of the file).';
COMMENT ON COLUMN report_metric_peers.metric IS 'A column of metric_summary.';
COMMENT ON COLUMN report_metric_peers.canonical_name IS 'dim_agency.canonical_name of the report''s agency.';
COMMENT ON COLUMN report_metric_peers.year IS 'Year the data covers; peers share it.';
COMMENT ON COLUMN report_metric_peers.level IS 'dim_agency.level; peers share it.';
COMMENT ON COLUMN report_metric_peers.kind IS 'dim_agency.kind; peers share it.';
COMMENT ON COLUMN report_metric_peers.sector IS 'dim_agency.sector; peers share it.';
COMMENT ON COLUMN report_metric_peers.province IS 'dim_agency.province.';
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

-- The agency columns beside the metrics (as metric_peer_rank, metric_yoy and
-- check_cross_year show them).
COMMENT ON COLUMN report_peer_rank_pivot.agency_id IS 'dim_agency.agency_id.';
COMMENT ON COLUMN report_peer_rank_pivot.year IS 'Year the data covers; peers share it.';
COMMENT ON COLUMN report_peer_rank_pivot.level IS 'dim_agency.level; peers share it.';
COMMENT ON COLUMN report_peer_rank_pivot.kind IS 'dim_agency.kind; peers share it.';
COMMENT ON COLUMN report_peer_rank_pivot.sector IS 'dim_agency.sector; peers share it.';
COMMENT ON COLUMN report_peer_rank_pivot.province IS 'dim_agency.province; the province percentile ranks compare within it.';
COMMENT ON COLUMN report_peer_rank_pivot.status IS 'valid or flagged; a flagged report is neither ranked nor a peer.';
COMMENT ON COLUMN report_peer_rank_pivot.min_peer_count IS 'Smallest peer group that is ranked (5).';
COMMENT ON COLUMN report_peer_rank_pivot.rank_note IS 'ranked, or why not (see metric_peer_rank.rank_note).';
COMMENT ON COLUMN report_peer_ranks.agency_id IS 'dim_agency.agency_id.';
COMMENT ON COLUMN report_peer_ranks.year IS 'Year the data covers; peers share it.';
COMMENT ON COLUMN report_peer_ranks.level IS 'dim_agency.level; peers share it.';
COMMENT ON COLUMN report_peer_ranks.kind IS 'dim_agency.kind; peers share it.';
COMMENT ON COLUMN report_peer_ranks.sector IS 'dim_agency.sector; peers share it.';
COMMENT ON COLUMN report_peer_ranks.province IS 'dim_agency.province; the province percentile ranks compare within it.';
COMMENT ON COLUMN report_peer_ranks.status IS 'valid or flagged; a flagged report is neither ranked nor a peer.';
COMMENT ON COLUMN report_peer_ranks.min_peer_count IS 'Smallest peer group that is ranked (5).';
COMMENT ON COLUMN report_peer_ranks.rank_note IS 'ranked, or why not (see metric_peer_rank.rank_note).';
COMMENT ON COLUMN report_yoy_pivot.agency_id IS 'dim_agency.agency_id.';
COMMENT ON COLUMN report_yoy_pivot.canonical_name IS 'dim_agency.canonical_name.';
COMMENT ON COLUMN report_yoy_pivot.level IS 'dim_agency.level.';
COMMENT ON COLUMN report_yoy_pivot.kind IS 'dim_agency.kind.';
COMMENT ON COLUMN report_yoy_pivot.sector IS 'dim_agency.sector.';
COMMENT ON COLUMN report_yoy_pivot.year IS 'Year the data covers.';
COMMENT ON COLUMN report_yoy_pivot.status IS 'valid or flagged.';
COMMENT ON COLUMN report_yoy.agency_id IS 'dim_agency.agency_id.';
COMMENT ON COLUMN report_yoy.canonical_name IS 'dim_agency.canonical_name.';
COMMENT ON COLUMN report_yoy.level IS 'dim_agency.level.';
COMMENT ON COLUMN report_yoy.kind IS 'dim_agency.kind.';
COMMENT ON COLUMN report_yoy.sector IS 'dim_agency.sector.';
COMMENT ON COLUMN report_yoy.year IS 'Year the data covers.';
COMMENT ON COLUMN report_yoy.status IS 'valid or flagged.';
COMMENT ON COLUMN report_cross_year.agency IS 'Issuing body (reports.agency) of year t.';
COMMENT ON COLUMN report_cross_year.year IS 'Year t (the later report).';
COMMENT ON COLUMN report_cross_year.applicant_type IS 'Column of table 3, see dim_applicant_type.';
COMMENT ON COLUMN report_cross_year.previous_report_id IS 'report_id of the report of year t-1.';
COMMENT ON COLUMN report_cross_year.previous_source_file IS 'source_file of the report of year t-1.';
COMMENT ON COLUMN report_cross_year.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN report_cross_year.source_file IS 'First file (by name) with this content.';
COMMENT ON COLUMN report_cross_year.previous_carried_forward IS 'carried_forward of year t-1.';
COMMENT ON COLUMN report_cross_year.carried_over IS 'carried_over of year t.';
COMMENT ON COLUMN report_cross_year.status IS 'pass, fail, or not_checked (a blank cell on either side).';
COMMENT ON COLUMN report_cross_year.agency_id IS 'The agency both reports belong to (dim_agency.agency_id).';
COMMENT ON COLUMN report_agency_years.agency_id IS 'dim_agency.agency_id.';
COMMENT ON COLUMN report_agency_years.canonical_name IS 'dim_agency.canonical_name.';
COMMENT ON COLUMN report_agency_years.level IS 'dim_agency.level.';
COMMENT ON COLUMN report_agency_years.kind IS 'dim_agency.kind.';
COMMENT ON COLUMN report_agency_years.sector IS 'dim_agency.sector.';
COMMENT ON COLUMN report_agency_years.year IS 'Year the data covers.';
COMMENT ON COLUMN report_agency_years.report_id IS 'The report of this year; NULL when missing.';
COMMENT ON COLUMN report_agency_years.source_file IS 'First file (by name) of this agency and year.';
COMMENT ON COLUMN report_agency_years.status IS 'Status of that file: valid, flagged or rejected.';
COMMENT ON COLUMN report_agency_years.reports IS 'Distinct reports of this agency for this year (0 when missing).';
COMMENT ON COLUMN report_agency_years.missing IS 'No report of this agency for this year.';
