-- Loaded rows that break the contract in ways the DDL does not refuse (declaring keys and
-- foreign keys would cost an index on every table): a file listed twice in reports, a
-- cell with more than one row (two different values, or one report fed twice; files that
-- share their content were already reduced to one copy), a code that is not in the
-- vocabulary, rows of a report_id that has no file in reports.
-- Runs inside the load's transaction; one row per problem, and the load stops, naming
-- them, when this returns anything.

-- Duplicate cells are found in two passes: grouping ~20 M rows on three strings was most
-- of a 100k-report load, grouping their 64-bit hash is several times cheaper, and only the
-- rows whose hash repeats (a duplicate, or very rarely a collision) are grouped exactly.

WITH repeated_applications AS (
    SELECT hash(report_id, outcome, applicant_type) AS cell_hash
    FROM fact_applications
    GROUP BY cell_hash
    HAVING count(*) > 1
),
repeated_review_litigation AS (
    SELECT hash(report_id, proceeding, result) AS cell_hash
    FROM fact_review_litigation
    GROUP BY cell_hash
    HAVING count(*) > 1
),
repeated_proactive AS (
    SELECT hash(report_id, item, measure) AS cell_hash
    FROM fact_proactive_disclosure
    GROUP BY cell_hash
    HAVING count(*) > 1
),
problems AS (
    SELECT 'reports' AS table_name, min(report_id) AS report_id,
           concat('source_file ', source_file, ' is listed ', count(*), ' times') AS problem
    FROM reports
    GROUP BY source_file
    HAVING count(*) > 1

    UNION ALL
    SELECT 'fact_applications', report_id,
           concat('cell ', outcome, ' x ', applicant_type, ' has ', count(*), ' rows')
               AS problem
    FROM fact_applications
    WHERE hash(report_id, outcome, applicant_type)
          IN (SELECT cell_hash FROM repeated_applications)
    GROUP BY report_id, outcome, applicant_type
    HAVING count(*) > 1

    UNION ALL
    SELECT 'fact_review_litigation', report_id,
           concat('cell ', proceeding, ' x ', result, ' has ', count(*), ' rows')
    FROM fact_review_litigation
    WHERE hash(report_id, proceeding, result)
          IN (SELECT cell_hash FROM repeated_review_litigation)
    GROUP BY report_id, proceeding, result
    HAVING count(*) > 1

    UNION ALL
    SELECT 'fact_proactive_disclosure', report_id,
           concat('cell ', item, ' x ', measure, ' has ', count(*), ' rows')
    FROM fact_proactive_disclosure
    WHERE hash(report_id, item, measure) IN (SELECT cell_hash FROM repeated_proactive)
    GROUP BY report_id, item, measure
    HAVING count(*) > 1

    UNION ALL
    SELECT DISTINCT 'fact_applications', report_id,
           CASE WHEN outcome NOT IN (SELECT code FROM dim_outcome)
                THEN concat('unknown outcome ', outcome)
                ELSE concat('unknown applicant_type ', applicant_type) END
    FROM fact_applications
    WHERE outcome NOT IN (SELECT code FROM dim_outcome)
       OR applicant_type NOT IN (SELECT code FROM dim_applicant_type)

    UNION ALL
    SELECT DISTINCT 'fact_review_litigation', report_id,
           CASE WHEN proceeding NOT IN (SELECT code FROM dim_proceeding)
                THEN concat('unknown proceeding ', proceeding)
                ELSE concat('unknown result ', result) END
    FROM fact_review_litigation
    WHERE proceeding NOT IN (SELECT code FROM dim_proceeding)
       OR result NOT IN (SELECT code FROM dim_result)

    UNION ALL
    -- Which template a report uses is checked upstream; here the pair must exist in one.
    SELECT DISTINCT 'fact_proactive_disclosure', p.report_id,
           concat('unknown item x measure ', p.item, ' x ', p.measure)
    FROM fact_proactive_disclosure AS p
    ANTI JOIN dim_item_measure AS d ON d.item = p.item AND d.measure = p.measure

    UNION ALL
    SELECT t.table_name, t.report_id, 'report_id has no file in reports'
    FROM (
        SELECT DISTINCT 'fact_applications' AS table_name, report_id FROM fact_applications
        UNION ALL
        SELECT DISTINCT 'fact_review_litigation', report_id FROM fact_review_litigation
        UNION ALL
        SELECT DISTINCT 'fact_proactive_disclosure', report_id FROM fact_proactive_disclosure
        UNION ALL
        SELECT DISTINCT 'report_checks', report_id FROM report_checks
        UNION ALL
        SELECT DISTINCT 'report_issues', report_id FROM report_issues
    ) AS t
    ANTI JOIN reports AS r ON r.report_id = t.report_id
)
SELECT table_name, report_id, problem, count(*) OVER () AS problems
FROM problems
ORDER BY table_name, report_id, problem
LIMIT 20;
