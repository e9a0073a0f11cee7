-- Fill a database freshly created by tables.sql from the staged_* relations that
-- pipelines/warehouse.py registers (polars frames and the vocabulary). All values arrive
-- through those relations, never through the text of this file.
-- The small tables are stored in a fixed order. The content-keyed tables (facts, checks,
-- issues: ~250 rows per report) are stored in arrival order: sorting 20 million rows made
-- the whole load several times slower, and no query may rely on stored order anyway.
-- Their rows are stored once per report_id: two files with the same bytes bring the same
-- rows twice.

INSERT INTO dim_outcome
SELECT code, label, code_group, templates, sort_order
FROM staged_terms WHERE dimension = 'outcome' ORDER BY sort_order;

INSERT INTO dim_applicant_type
SELECT code, label, code_group, templates, sort_order
FROM staged_terms WHERE dimension = 'applicant_type' ORDER BY sort_order;

INSERT INTO dim_proceeding
SELECT code, label, code_group, templates, sort_order
FROM staged_terms WHERE dimension = 'proceeding' ORDER BY sort_order;

INSERT INTO dim_result
SELECT code, label, code_group, templates, sort_order
FROM staged_terms WHERE dimension = 'result' ORDER BY sort_order;

INSERT INTO dim_item_measure
SELECT item, item_label, measure, measure_label, template, sort_order, is_money, is_signed
FROM staged_item_measures ORDER BY template, sort_order;

INSERT INTO warehouse_build
SELECT sql_version, parser_version, CAST(loaded_at AS TIMESTAMP) FROM staged_load;

-- Columns named: reports.agency_id is filled later, by sql/agencies.sql.
INSERT INTO reports (report_id, source_file, source_format, agency, agency_as_written,
                     agency_former, year, template, script, province, city, county, adcode,
                     published_on, status, loaded_at, parser_version)
SELECT
    r.report_id, r.source_file, r.source_format, r.agency, r.agency_as_written,
    r.agency_former, CAST(r.year AS INTEGER),
    r.template, r.script, r.province, r.city, r.county, r.adcode,
    CAST(r.published_on AS DATE), r.status, CAST(l.loaded_at AS TIMESTAMP), l.parser_version
FROM staged_reports AS r CROSS JOIN staged_load AS l
ORDER BY r.source_file;

-- Content shared by several files: only these report_ids can bring the same fact rows
-- twice. Deduplicating just them keeps DISTINCT (a hash of every column) off the bulk.
CREATE TEMP TABLE shared_report_ids AS
SELECT report_id FROM staged_reports GROUP BY report_id HAVING count(*) > 1;

-- A count that does not fit INTEGER (a misread phone number, say) stops the load with the
-- report named, where a bare CAST would only name the value.
CREATE TEMP VIEW applications_in AS
SELECT
    report_id, outcome, applicant_type,
    CASE
        WHEN count IS NULL OR count BETWEEN -2147483648 AND 2147483647
            THEN CAST(count AS INTEGER)
        ELSE error(concat('fact_applications ', report_id, ': count ', count,
                          ' does not fit INTEGER'))
    END AS count,
    CAST(source_line AS INTEGER) AS source_line, raw_text
FROM staged_applications;

INSERT INTO fact_applications
SELECT * FROM applications_in ANTI JOIN shared_report_ids USING (report_id)
UNION ALL
SELECT DISTINCT * FROM applications_in SEMI JOIN shared_report_ids USING (report_id);

CREATE TEMP VIEW review_litigation_in AS
SELECT
    report_id, proceeding, result,
    CASE
        WHEN count IS NULL OR count BETWEEN -2147483648 AND 2147483647
            THEN CAST(count AS INTEGER)
        ELSE error(concat('fact_review_litigation ', report_id, ': count ', count,
                          ' does not fit INTEGER'))
    END AS count,
    CAST(source_line AS INTEGER) AS source_line, raw_text
FROM staged_review_litigation;

INSERT INTO fact_review_litigation
SELECT * FROM review_litigation_in ANTI JOIN shared_report_ids USING (report_id)
UNION ALL
SELECT DISTINCT * FROM review_litigation_in SEMI JOIN shared_report_ids USING (report_id);

CREATE TEMP VIEW proactive_in AS
SELECT
    report_id, item, measure, CAST(value AS DOUBLE) AS value,
    CAST(source_line AS INTEGER) AS source_line, raw_text
FROM staged_proactive;

INSERT INTO fact_proactive_disclosure
SELECT * FROM proactive_in ANTI JOIN shared_report_ids USING (report_id)
UNION ALL
SELECT DISTINCT * FROM proactive_in SEMI JOIN shared_report_ids USING (report_id);

-- A report's checks are unique by (check_name, subject) (schemas/models.py), so only
-- content shared by several files needs DISTINCT, as with the facts.
CREATE TEMP VIEW checks_in AS
SELECT report_id, check_name, subject, status, CAST(lhs AS DOUBLE) AS lhs,
       CAST(rhs AS DOUBLE) AS rhs, detail
FROM staged_checks;

INSERT INTO report_checks
SELECT * FROM checks_in ANTI JOIN shared_report_ids USING (report_id)
UNION ALL
SELECT DISTINCT * FROM checks_in SEMI JOIN shared_report_ids USING (report_id);

-- One rendering per content (pipelines/frames.py), so no line arrives twice.
INSERT INTO report_lines
SELECT report_id, CAST(line_no AS INTEGER), text
FROM staged_lines;

-- Issues are few, and one report may raise the same message twice: stored once.
INSERT INTO report_issues
SELECT DISTINCT report_id, check_name, severity, message
FROM staged_issues;
