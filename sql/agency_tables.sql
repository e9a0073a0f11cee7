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
