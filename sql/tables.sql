-- The warehouse contract (SPEC §8). Run once on an empty database file: every load builds
-- a fresh file and swaps it in, so there is no ALTER path and no IF NOT EXISTS.
-- Codes stay VARCHAR (not ENUM): measured no faster to load here, and analysts and
-- Parquet/polars readers get plain strings.

-- Dimensions: the template's vocabulary (pipelines/parsing/vocabulary.py).

CREATE TABLE dim_outcome (
    code        VARCHAR PRIMARY KEY,
    label       VARCHAR NOT NULL,
    code_group  VARCHAR NOT NULL,
    templates   VARCHAR[] NOT NULL,
    sort_order  INTEGER NOT NULL
);
CREATE TABLE dim_applicant_type (
    code        VARCHAR PRIMARY KEY,
    label       VARCHAR NOT NULL,
    code_group  VARCHAR NOT NULL,
    templates   VARCHAR[] NOT NULL,
    sort_order  INTEGER NOT NULL
);
CREATE TABLE dim_proceeding (
    code        VARCHAR PRIMARY KEY,
    label       VARCHAR NOT NULL,
    code_group  VARCHAR NOT NULL,
    templates   VARCHAR[] NOT NULL,
    sort_order  INTEGER NOT NULL
);
CREATE TABLE dim_result (
    code        VARCHAR PRIMARY KEY,
    label       VARCHAR NOT NULL,
    code_group  VARCHAR NOT NULL,
    templates   VARCHAR[] NOT NULL,
    sort_order  INTEGER NOT NULL
);
CREATE TABLE dim_item_measure (
    item           VARCHAR NOT NULL,
    item_label     VARCHAR NOT NULL,
    measure        VARCHAR NOT NULL,
    measure_label  VARCHAR NOT NULL,
    template       VARCHAR NOT NULL,
    sort_order     INTEGER NOT NULL,
    is_money       BOOLEAN NOT NULL,
    is_signed      BOOLEAN NOT NULL,
    PRIMARY KEY (template, item, measure)
);

-- One row per file in data/raw: two files with the same bytes are two rows sharing a
-- report_id, so the key is the file, not the content. The key is checked by
-- sql/violations.sql, not declared: with its index, emptying and refilling this table when
-- a load amends a copy of the warehouse (sql/prune.sql) took 11 s at 100k files, 0.5 s
-- without it.
CREATE TABLE reports (
    report_id          VARCHAR NOT NULL CHECK (regexp_full_match(report_id, '[0-9a-f]{64}')),
    source_file        VARCHAR NOT NULL,
    source_format      VARCHAR CHECK (source_format IN ('text', 'html', 'pdf', 'docx')),
    agency             VARCHAR,
    agency_as_written  VARCHAR,
    agency_former      VARCHAR,
    year               INTEGER,
    template           VARCHAR CHECK (template IN ('2019', '2021')),
    script             VARCHAR CHECK (script IN ('simplified', 'traditional')),
    province           VARCHAR,
    city               VARCHAR,
    county             VARCHAR,
    adcode             VARCHAR,
    published_on       DATE,
    status             VARCHAR NOT NULL CHECK (status IN ('valid', 'flagged', 'rejected')),
    loaded_at          TIMESTAMP NOT NULL,
    parser_version     VARCHAR NOT NULL,
    -- Filled by sql/agencies.sql; checked against dim_agency there.
    agency_id          VARCHAR
);

-- Facts are keyed by content (report_id), so files with identical bytes share them.
-- No primary keys on the large tables: an index would cost more than the load itself;
-- the load runs sql/violations.sql instead.
CREATE TABLE fact_applications (
    report_id       VARCHAR NOT NULL,
    outcome         VARCHAR NOT NULL,
    applicant_type  VARCHAR NOT NULL,
    count           INTEGER,
    source_line     INTEGER,
    raw_text        VARCHAR
);
CREATE TABLE fact_review_litigation (
    report_id    VARCHAR NOT NULL,
    proceeding   VARCHAR NOT NULL,
    result       VARCHAR NOT NULL,
    count        INTEGER,
    source_line  INTEGER,
    raw_text     VARCHAR
);
CREATE TABLE fact_proactive_disclosure (
    report_id    VARCHAR NOT NULL,
    item         VARCHAR NOT NULL,
    measure      VARCHAR NOT NULL,
    value        DOUBLE,
    source_line  INTEGER,
    raw_text     VARCHAR
);
CREATE TABLE report_checks (
    report_id   VARCHAR NOT NULL,
    check_name  VARCHAR NOT NULL,
    subject     VARCHAR,
    status      VARCHAR NOT NULL CHECK (status IN ('pass', 'fail', 'not_checked')),
    lhs         DOUBLE,
    rhs         DOUBLE,
    detail      VARCHAR
);
CREATE TABLE report_issues (
    report_id   VARCHAR NOT NULL,
    check_name  VARCHAR NOT NULL,
    severity    VARCHAR NOT NULL CHECK (severity IN ('error', 'warning')),
    message     VARCHAR
);

-- Each report's text as the parser read it (a published format's rendering, a text
-- file's decoded text), a row per line: the line every source_line and every message
-- naming a line points into. Unique by (report_id, line_no) by construction (one
-- rendering per content), so without a key index, like the fact tables.
CREATE TABLE report_lines (
    report_id   VARCHAR NOT NULL,
    line_no     INTEGER NOT NULL,
    text        VARCHAR NOT NULL
);

-- Derived, not part of SPEC §8: one row per loaded report (distinct content) with the
-- fact tables pivoted into columns, filled by sql/figures.sql after the facts are in. The
-- analyst views read it (sql/views.sql).
-- One row per report_id by construction (a GROUP BY); no key index, like reports.
CREATE TABLE report_figures (
    report_id                                  VARCHAR NOT NULL,
    source_file                                VARCHAR NOT NULL,
    files                                      BIGINT NOT NULL,
    agency                                     VARCHAR,
    year                                       INTEGER,
    province                                   VARCHAR,
    city                                       VARCHAR,
    county                                     VARCHAR,
    adcode                                     VARCHAR,
    template                                   VARCHAR,
    status                                     VARCHAR NOT NULL,
    has_applications                           BOOLEAN NOT NULL,
    has_review_litigation                      BOOLEAN NOT NULL,
    new_received                               BIGINT,
    carried_over                               BIGINT,
    granted                                    BIGINT,
    partly_granted                             BIGINT,
    denied                                     BIGINT,
    denied_state_secret                        BIGINT,
    denied_prohibited_by_law                   BIGINT,
    denied_security_stability                  BIGINT,
    denied_third_party                         BIGINT,
    denied_internal_affairs                    BIGINT,
    denied_process_info                        BIGINT,
    denied_enforcement_file                    BIGINT,
    denied_admin_query                         BIGINT,
    unable                                     BIGINT,
    unable_not_held                            BIGINT,
    not_processed                              BIGINT,
    total_processed                            BIGINT,
    carried_forward                            BIGINT,
    new_received_natural_person                BIGINT,
    new_received_commercial_enterprise         BIGINT,
    new_received_research_institution          BIGINT,
    new_received_social_welfare_org            BIGINT,
    new_received_legal_service_org             BIGINT,
    new_received_other_org                     BIGINT,
    reconsideration_corrected                  BIGINT,
    reconsideration_pending                    BIGINT,
    reconsideration_total                      BIGINT,
    litigation_direct_corrected                BIGINT,
    litigation_direct_pending                  BIGINT,
    litigation_direct_total                    BIGINT,
    litigation_after_reconsideration_corrected BIGINT,
    litigation_after_reconsideration_pending   BIGINT,
    litigation_after_reconsideration_total     BIGINT
);

COMMENT ON TABLE dim_outcome IS
    'Rows of table 3 (applications), SPEC §2: code, the template''s label, group (all denied_* rows share denied), templates that print the row, printed order.';
COMMENT ON COLUMN dim_outcome.code IS 'Outcome code used in fact_applications.outcome.';
COMMENT ON COLUMN dim_outcome.label IS 'The row label as the template prints it.';
COMMENT ON COLUMN dim_outcome.code_group IS 'Group of the row: received, granted, partly_granted, denied, unable, rejected, other, total, carried_forward.';
COMMENT ON COLUMN dim_outcome.templates IS 'Templates (2019, 2021) whose table 3 has this row.';
COMMENT ON COLUMN dim_outcome.sort_order IS 'Position of the row in the printed table, from 1.';

COMMENT ON TABLE dim_applicant_type IS
    'Columns of table 3 (applications), SPEC §2: applicant types in printed order.';
COMMENT ON COLUMN dim_applicant_type.code IS 'Applicant type code used in fact_applications.applicant_type.';
COMMENT ON COLUMN dim_applicant_type.label IS 'The column label as the template prints it.';
COMMENT ON COLUMN dim_applicant_type.code_group IS 'natural_person, legal_person_or_org (the five organisation columns) or total.';
COMMENT ON COLUMN dim_applicant_type.templates IS 'Templates (2019, 2021) whose table 3 has this column.';
COMMENT ON COLUMN dim_applicant_type.sort_order IS 'Position of the column in the printed table, from 1.';

COMMENT ON TABLE dim_proceeding IS
    'Column groups of table 4 (reconsideration and litigation), SPEC §3.';
COMMENT ON COLUMN dim_proceeding.code IS 'Proceeding code used in fact_review_litigation.proceeding.';
COMMENT ON COLUMN dim_proceeding.label IS 'The template''s label (group header and sub-header joined).';
COMMENT ON COLUMN dim_proceeding.code_group IS 'reconsideration or litigation.';
COMMENT ON COLUMN dim_proceeding.templates IS 'Templates (2019, 2021) that print this proceeding.';
COMMENT ON COLUMN dim_proceeding.sort_order IS 'Position in the printed table, from 1.';

COMMENT ON TABLE dim_result IS
    'Columns inside each proceeding of table 4, SPEC §3.';
COMMENT ON COLUMN dim_result.code IS 'Result code used in fact_review_litigation.result.';
COMMENT ON COLUMN dim_result.label IS 'The column label as the template prints it.';
COMMENT ON COLUMN dim_result.code_group IS 'decided (upheld, corrected, other), pending or total.';
COMMENT ON COLUMN dim_result.templates IS 'Templates (2019, 2021) that print this column.';
COMMENT ON COLUMN dim_result.sort_order IS 'Position inside the proceeding, from 1.';

COMMENT ON TABLE dim_item_measure IS
    'Cells of table 2 (proactive disclosure) per template, SPEC §4. The templates measure different things: never compare a 2019 measure with a 2021 one.';
COMMENT ON COLUMN dim_item_measure.item IS 'Item code used in fact_proactive_disclosure.item.';
COMMENT ON COLUMN dim_item_measure.item_label IS 'The item label as this template prints it.';
COMMENT ON COLUMN dim_item_measure.measure IS 'Measure code used in fact_proactive_disclosure.measure.';
COMMENT ON COLUMN dim_item_measure.measure_label IS 'The measure label as this template prints it.';
COMMENT ON COLUMN dim_item_measure.template IS 'Template (2019 or 2021) that prints this cell.';
COMMENT ON COLUMN dim_item_measure.sort_order IS 'Position of the cell in the printed table of this template, from 1.';
COMMENT ON COLUMN dim_item_measure.is_money IS 'The value is an amount in 万元 (10,000 yuan).';
COMMENT ON COLUMN dim_item_measure.is_signed IS 'The value may be negative (本年增/减).';

COMMENT ON TABLE reports IS
    'One row per file in data/raw (its current version), also for files that could not be parsed (status rejected, reason in report_issues). Files with identical bytes share a report_id and its facts.';
COMMENT ON COLUMN reports.report_id IS 'sha256 hex of the raw bytes; key of the fact, check and issue tables.';
COMMENT ON COLUMN reports.source_file IS 'Path of the file relative to data/raw; the key of this table.';
COMMENT ON COLUMN reports.source_format IS 'What the file was: text, html, pdf or docx. HTML, PDF and Word files are read as a text rendering (paragraphs as lines, table rows as tab-separated lines), so source_line in the fact tables counts lines of that rendering. NULL for a rejected file whose extension names none of these.';
COMMENT ON COLUMN reports.agency IS 'Issuing body, Simplified, full name where the report spells it out.';
COMMENT ON COLUMN reports.agency_as_written IS 'Issuing body as the title writes it.';
COMMENT ON COLUMN reports.agency_former IS 'The body''s former name where the report states it (（原…） in the title or opening paragraph), as printed; dim_agency_alias links it.';
COMMENT ON COLUMN reports.year IS 'Year the data covers (from the title), not the publication year.';
COMMENT ON COLUMN reports.template IS 'National template of the tables: 2019 (国办公开办函〔2019〕60号) or 2021 (〔2021〕30号), detected from table 2.';
COMMENT ON COLUMN reports.script IS 'Script of the source before conversion: simplified or traditional.';
COMMENT ON COLUMN reports.province IS 'Province of the agency.';
COMMENT ON COLUMN reports.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN reports.county IS 'County-level division of the agency.';
COMMENT ON COLUMN reports.adcode IS '6-digit GB/T 2260 code of the agency''s division; NULL when ambiguous.';
COMMENT ON COLUMN reports.published_on IS 'Date printed at the end of the report, if any.';
COMMENT ON COLUMN reports.status IS 'valid, flagged (at least one error in report_issues) or rejected (nothing could be loaded).';
COMMENT ON COLUMN reports.agency_id IS 'The agency (dim_agency.agency_id) across its names and years; NULL when the report names no agency or nothing places it.';
COMMENT ON COLUMN reports.loaded_at IS 'UTC time of the load that built this warehouse file (one value per load).';
COMMENT ON COLUMN reports.parser_version IS 'Digest of the parser, its vocabulary and the check definitions that produced this report''s rows (pipelines/versions.py); a load reparses reports of any other version.';

COMMENT ON TABLE fact_applications IS
    'Table 3: applications received and how they were handled, one row per cell (outcome x applicant type) of each distinct report content.';
COMMENT ON COLUMN fact_applications.report_id IS 'reports.report_id (sha256 of the file).';
COMMENT ON COLUMN fact_applications.outcome IS 'Row code, see dim_outcome.';
COMMENT ON COLUMN fact_applications.applicant_type IS 'Column code, see dim_applicant_type.';
COMMENT ON COLUMN fact_applications.count IS 'Number in the cell; NULL when the cell is blank or marked not applicable (无 is 0).';
COMMENT ON COLUMN fact_applications.source_line IS '1-based line of the decoded source file the value was read from (of its text rendering for html, pdf and docx files: see reports.source_format).';
COMMENT ON COLUMN fact_applications.raw_text IS 'The cell exactly as printed, before number parsing.';

COMMENT ON TABLE fact_review_litigation IS
    'Table 4: administrative reconsideration and litigation, one row per cell (proceeding x result) of each distinct report content.';
COMMENT ON COLUMN fact_review_litigation.report_id IS 'reports.report_id (sha256 of the file).';
COMMENT ON COLUMN fact_review_litigation.proceeding IS 'Proceeding code, see dim_proceeding.';
COMMENT ON COLUMN fact_review_litigation.result IS 'Result code, see dim_result.';
COMMENT ON COLUMN fact_review_litigation.count IS 'Number in the cell; NULL when blank or not applicable.';
COMMENT ON COLUMN fact_review_litigation.source_line IS '1-based line of the decoded source file the value was read from (of its text rendering for html, pdf and docx files: see reports.source_format).';
COMMENT ON COLUMN fact_review_litigation.raw_text IS 'The cell exactly as printed, before number parsing.';

COMMENT ON TABLE fact_proactive_disclosure IS
    'Table 2: proactive disclosure, one row per cell (item x measure) of each distinct report content. Measures depend on the template (dim_item_measure).';
COMMENT ON COLUMN fact_proactive_disclosure.report_id IS 'reports.report_id (sha256 of the file).';
COMMENT ON COLUMN fact_proactive_disclosure.item IS 'Item code, see dim_item_measure.';
COMMENT ON COLUMN fact_proactive_disclosure.measure IS 'Measure code, see dim_item_measure.';
COMMENT ON COLUMN fact_proactive_disclosure.value IS 'Count, signed change, or amount in 万元; NULL when blank or not applicable.';
COMMENT ON COLUMN fact_proactive_disclosure.source_line IS '1-based line of the decoded source file the value was read from (of its text rendering for html, pdf and docx files: see reports.source_format).';
COMMENT ON COLUMN fact_proactive_disclosure.raw_text IS 'The cell exactly as printed, before number parsing.';

COMMENT ON TABLE report_checks IS
    'Every SPEC §6 check attempted on a report, passed or not: how many reports pass a check is a query on this table.';
COMMENT ON COLUMN report_checks.report_id IS 'reports.report_id (sha256 of the file).';
COMMENT ON COLUMN report_checks.check_name IS 'Name of the check.';
COMMENT ON COLUMN report_checks.subject IS 'The row, column or item checked.';
COMMENT ON COLUMN report_checks.status IS 'pass, fail, or not_checked (an operand was NULL).';
COMMENT ON COLUMN report_checks.lhs IS 'Left-hand side of the checked equation.';
COMMENT ON COLUMN report_checks.rhs IS 'Right-hand side of the checked equation.';
COMMENT ON COLUMN report_checks.detail IS 'Human-readable explanation.';

COMMENT ON TABLE report_issues IS
    'What a reader must know about a report: failed checks, guesses of the parser (right-aligned short rows, assumed units, labels matched by position), reasons for rejection.';
COMMENT ON COLUMN report_issues.report_id IS 'reports.report_id (sha256 of the file).';
COMMENT ON COLUMN report_issues.check_name IS 'Check or parser stage that raised the issue.';
COMMENT ON COLUMN report_issues.severity IS 'error (the report is flagged) or warning (it stays valid).';
COMMENT ON COLUMN report_issues.message IS 'Human-readable description naming the row, column or line.';

COMMENT ON TABLE report_lines IS
    'Each report''s text as the parser read it, one row per line: for text files the decoded file, for HTML, PDF and .docx the rendering (paragraphs as lines, table rows as tab-separated cells). The facts'' source_line is a line_no here.';
COMMENT ON COLUMN report_lines.report_id IS 'reports.report_id (sha256 of the file).';
COMMENT ON COLUMN report_lines.line_no IS 'Line number, from 1: what source_line and the line numbers in messages count.';
COMMENT ON COLUMN report_lines.text IS 'The line as read, before normalization (Traditional characters, full-width forms and page marks kept).';

COMMENT ON TABLE report_figures IS
    'One row per loaded report (distinct content, rejected files left out): report_metadata''s columns, then tables 3 and 4 pivoted into columns, the figures the metric views divide. Built by each load from reports and the fact tables, which stay the source. Counts as BIGINT; NULL where the cell is blank or absent.';
COMMENT ON COLUMN report_figures.report_id IS 'reports.report_id (sha256 of the file).';
COMMENT ON COLUMN report_figures.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN report_figures.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN report_figures.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN report_figures.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN report_figures.province IS 'Province of the agency.';
COMMENT ON COLUMN report_figures.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN report_figures.county IS 'County-level division of the agency.';
COMMENT ON COLUMN report_figures.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN report_figures.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN report_figures.status IS 'valid or flagged (see report_issues).';
COMMENT ON COLUMN report_figures.has_applications IS 'Table 3 has cells in its total column for this report.';
COMMENT ON COLUMN report_figures.has_review_litigation IS 'Table 4 has cells for this report.';
COMMENT ON COLUMN report_figures.new_received IS '一、本年新收政府信息公开申请数量, total column.';
COMMENT ON COLUMN report_figures.carried_over IS '二、上年结转政府信息公开申请数量, total column.';
COMMENT ON COLUMN report_figures.granted IS '（一）予以公开, total column.';
COMMENT ON COLUMN report_figures.partly_granted IS '（二）部分公开, total column.';
COMMENT ON COLUMN report_figures.denied IS 'Sum of the denied_* rows (不予公开), total column; NULL when any of them is blank.';
COMMENT ON COLUMN report_figures.denied_state_secret IS '（三）1.属于国家秘密, total column.';
COMMENT ON COLUMN report_figures.denied_prohibited_by_law IS '（三）2.其他法律行政法规禁止公开, total column.';
COMMENT ON COLUMN report_figures.denied_security_stability IS '（三）3.危及“三安全一稳定”, total column.';
COMMENT ON COLUMN report_figures.denied_third_party IS '（三）4.保护第三方合法权益, total column.';
COMMENT ON COLUMN report_figures.denied_internal_affairs IS '（三）5.属于三类内部事务信息, total column.';
COMMENT ON COLUMN report_figures.denied_process_info IS '（三）6.属于四类过程性信息, total column.';
COMMENT ON COLUMN report_figures.denied_enforcement_file IS '（三）7.属于行政执法案卷, total column.';
COMMENT ON COLUMN report_figures.denied_admin_query IS '（三）8.属于行政查询事项, total column.';
COMMENT ON COLUMN report_figures.unable IS 'Sum of the unable_* rows (无法提供), total column; NULL when any of them is blank.';
COMMENT ON COLUMN report_figures.unable_not_held IS '（四）1.本机关不掌握相关政府信息, total column.';
COMMENT ON COLUMN report_figures.not_processed IS 'Sum of the rejected_* rows (不予处理), total column; NULL when any of them is blank.';
COMMENT ON COLUMN report_figures.total_processed IS '（七）总计, total column: requests handled this year.';
COMMENT ON COLUMN report_figures.carried_forward IS '四、结转下年度继续办理, total column.';
COMMENT ON COLUMN report_figures.new_received_natural_person IS 'New applications (一、本年新收) from 自然人.';
COMMENT ON COLUMN report_figures.new_received_commercial_enterprise IS 'New applications from 商业企业.';
COMMENT ON COLUMN report_figures.new_received_research_institution IS 'New applications from 科研机构.';
COMMENT ON COLUMN report_figures.new_received_social_welfare_org IS 'New applications from 社会公益组织.';
COMMENT ON COLUMN report_figures.new_received_legal_service_org IS 'New applications from 法律服务机构.';
COMMENT ON COLUMN report_figures.new_received_other_org IS 'New applications from 其他 (organisations).';
COMMENT ON COLUMN report_figures.reconsideration_corrected IS '行政复议 结果纠正.';
COMMENT ON COLUMN report_figures.reconsideration_pending IS '行政复议 尚未审结.';
COMMENT ON COLUMN report_figures.reconsideration_total IS '行政复议 总计.';
COMMENT ON COLUMN report_figures.litigation_direct_corrected IS '行政诉讼 未经复议直接起诉 结果纠正.';
COMMENT ON COLUMN report_figures.litigation_direct_pending IS '行政诉讼 未经复议直接起诉 尚未审结.';
COMMENT ON COLUMN report_figures.litigation_direct_total IS '行政诉讼 未经复议直接起诉 总计.';
COMMENT ON COLUMN report_figures.litigation_after_reconsideration_corrected IS '行政诉讼 复议后起诉 结果纠正.';
COMMENT ON COLUMN report_figures.litigation_after_reconsideration_pending IS '行政诉讼 复议后起诉 尚未审结.';
COMMENT ON COLUMN report_figures.litigation_after_reconsideration_total IS '行政诉讼 复议后起诉 总计.';

-- What built this file: one row. A load compares sql_version with the digest of sql/ to
-- decide whether an unchanged corpus still needs a rebuild (a new view, say).
CREATE TABLE warehouse_build (
    sql_version     VARCHAR NOT NULL,
    parser_version  VARCHAR NOT NULL,
    loaded_at       TIMESTAMP NOT NULL
);
COMMENT ON TABLE warehouse_build IS
    'The load that built this warehouse file: digests of its sql/ files and of the parser (pipelines/versions.py).';
COMMENT ON COLUMN warehouse_build.sql_version IS 'Digest of the files in sql/ that built this file; a load rebuilds a warehouse of another.';
COMMENT ON COLUMN warehouse_build.parser_version IS 'Digest of the parser, its vocabulary and the check definitions (the version in reports.parser_version).';
COMMENT ON COLUMN warehouse_build.loaded_at IS 'UTC time of the load (reports.loaded_at).';
