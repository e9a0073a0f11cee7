-- Fills the agency dimensions from the staged frames of pipelines/agencies and points every
-- report at its agency. Runs after load.sql, on a new file and on an amended copy alike:
-- the copy's rows are removed first (dimensions are rebuilt from all reports every load).

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
