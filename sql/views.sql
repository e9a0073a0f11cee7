-- Analyst views (SPEC §9), created by every load right after tables.sql.
--
-- One row per report: per distinct content (report_id), since files with identical bytes
-- are the same report and would otherwise be counted twice; `source_file` names the first
-- such file and `files` says how many there are. Rejected reports have no numbers and are
-- left out.
--
-- Ratios use the printed `total` column of table 3 and are NULL when the denominator is 0
-- or NULL (NULLIF), never a division error or a made-up 0. A sum over a group of rows
-- (all denied_*, all unable_*, all rejected_*) is NULL when any of its cells is blank, like
-- a check with a NULL operand (SPEC §6): a blank is unknown, not 0.
--
-- Every view here reads report_figures: the load (sql/figures.sql) picks each report's
-- first file and pivots the fact tables once, so no query groups millions of fact rows.

CREATE VIEW report_metadata AS
SELECT report_id, source_file, files, agency, year, province, city, county, adcode,
       template, status
FROM report_figures;

-- The total column of table 3, one column per row of the template (or group of rows).
CREATE VIEW report_applications_wide AS
SELECT report_id, new_received, carried_over, granted, partly_granted, denied,
       denied_state_secret, denied_prohibited_by_law, denied_security_stability,
       denied_third_party, denied_internal_affairs, denied_process_info,
       denied_enforcement_file, denied_admin_query, unable, unable_not_held, not_processed,
       total_processed, carried_forward
FROM report_figures
WHERE has_applications;

-- Table 4, one column per cell.
CREATE VIEW report_review_litigation_wide AS
SELECT report_id, reconsideration_corrected, reconsideration_pending, reconsideration_total,
       litigation_direct_corrected, litigation_direct_pending, litigation_direct_total,
       litigation_after_reconsideration_corrected, litigation_after_reconsideration_pending,
       litigation_after_reconsideration_total
FROM report_figures
WHERE has_review_litigation;

CREATE VIEW metric_applicant_mix AS
SELECT
    m.*,
    f.new_received,
    f.new_received_natural_person / NULLIF(f.new_received, 0) AS share_natural_person,
    f.new_received_commercial_enterprise / NULLIF(f.new_received, 0)
        AS share_commercial_enterprise,
    f.new_received_research_institution / NULLIF(f.new_received, 0)
        AS share_research_institution,
    f.new_received_social_welfare_org / NULLIF(f.new_received, 0) AS share_social_welfare_org,
    f.new_received_legal_service_org / NULLIF(f.new_received, 0) AS share_legal_service_org,
    f.new_received_other_org / NULLIF(f.new_received, 0) AS share_other_org
FROM report_metadata AS m
LEFT JOIN report_figures AS f USING (report_id);

CREATE VIEW metric_grant_rate AS
SELECT m.*, f.granted, f.total_processed,
       f.granted / NULLIF(f.total_processed, 0) AS grant_rate
FROM report_metadata AS m
LEFT JOIN report_figures AS f USING (report_id);

CREATE VIEW metric_disclosure_rate AS
SELECT m.*, f.granted, f.partly_granted, f.total_processed,
       (f.granted + f.partly_granted) / NULLIF(f.total_processed, 0) AS disclosure_rate
FROM report_metadata AS m
LEFT JOIN report_figures AS f USING (report_id);

CREATE VIEW metric_substantive_disclosure_rate AS
SELECT m.*, f.granted, f.partly_granted, f.denied, f.unable,
       (f.granted + f.partly_granted)
           / NULLIF(f.granted + f.partly_granted + f.denied + f.unable, 0)
           AS substantive_disclosure_rate
FROM report_metadata AS m
LEFT JOIN report_figures AS f USING (report_id);

CREATE VIEW metric_denial_rate AS
SELECT m.*, f.denied, f.total_processed,
       f.denied / NULLIF(f.total_processed, 0) AS denial_rate
FROM report_metadata AS m
LEFT JOIN report_figures AS f USING (report_id);

CREATE VIEW metric_denial_reasons AS
SELECT m.*, f.denied,
       f.denied_state_secret / NULLIF(f.denied, 0) AS share_state_secret,
       f.denied_prohibited_by_law / NULLIF(f.denied, 0) AS share_prohibited_by_law,
       f.denied_security_stability / NULLIF(f.denied, 0) AS share_security_stability,
       f.denied_third_party / NULLIF(f.denied, 0) AS share_third_party,
       f.denied_internal_affairs / NULLIF(f.denied, 0) AS share_internal_affairs,
       f.denied_process_info / NULLIF(f.denied, 0) AS share_process_info,
       f.denied_enforcement_file / NULLIF(f.denied, 0) AS share_enforcement_file,
       f.denied_admin_query / NULLIF(f.denied, 0) AS share_admin_query
FROM report_metadata AS m
LEFT JOIN report_figures AS f USING (report_id);

CREATE VIEW metric_not_held_rate AS
SELECT m.*, f.unable_not_held, f.total_processed,
       f.unable_not_held / NULLIF(f.total_processed, 0) AS not_held_rate
FROM report_metadata AS m
LEFT JOIN report_figures AS f USING (report_id);

CREATE VIEW metric_not_processed_rate AS
SELECT m.*, f.not_processed, f.total_processed,
       f.not_processed / NULLIF(f.total_processed, 0) AS not_processed_rate
FROM report_metadata AS m
LEFT JOIN report_figures AS f USING (report_id);

CREATE VIEW metric_carry_over_rate AS
SELECT m.*, f.new_received, f.carried_over, f.carried_forward,
       f.carried_forward / NULLIF(f.new_received + f.carried_over, 0) AS carry_over_rate
FROM report_metadata AS m
LEFT JOIN report_figures AS f USING (report_id);

CREATE VIEW metric_review_litigation_per_100 AS
SELECT m.*, f.total_processed,
       f.reconsideration_total AS reconsiderations,
       f.litigation_direct_total + f.litigation_after_reconsideration_total AS litigations,
       100.0 * f.reconsideration_total / NULLIF(f.total_processed, 0)
           AS reconsiderations_per_100,
       100.0 * (f.litigation_direct_total + f.litigation_after_reconsideration_total)
           / NULLIF(f.total_processed, 0) AS litigations_per_100
FROM report_metadata AS m
LEFT JOIN report_figures AS f USING (report_id);

CREATE VIEW metric_correction_rate AS
SELECT m.*, f.reconsideration_corrected, f.reconsideration_pending, f.reconsideration_total,
       f.litigation_direct_corrected, f.litigation_direct_pending, f.litigation_direct_total,
       f.litigation_after_reconsideration_corrected, f.litigation_after_reconsideration_pending,
       f.litigation_after_reconsideration_total,
       f.reconsideration_corrected
           / NULLIF(f.reconsideration_total - f.reconsideration_pending, 0)
           AS reconsideration_correction_rate,
       f.litigation_direct_corrected
           / NULLIF(f.litigation_direct_total - f.litigation_direct_pending, 0)
           AS litigation_direct_correction_rate,
       f.litigation_after_reconsideration_corrected
           / NULLIF(f.litigation_after_reconsideration_total
                    - f.litigation_after_reconsideration_pending, 0)
           AS litigation_after_reconsideration_correction_rate
FROM report_metadata AS m
LEFT JOIN report_figures AS f USING (report_id);

-- Every ratio of one report side by side, for dashboards and the comparison report: the
-- formulas of the views above over one join (joining those views would join again per
-- view).
CREATE VIEW metric_summary AS
SELECT m.*, f.new_received, f.total_processed,
       f.granted / NULLIF(f.total_processed, 0) AS grant_rate,
       (f.granted + f.partly_granted) / NULLIF(f.total_processed, 0) AS disclosure_rate,
       (f.granted + f.partly_granted)
           / NULLIF(f.granted + f.partly_granted + f.denied + f.unable, 0)
           AS substantive_disclosure_rate,
       f.denied / NULLIF(f.total_processed, 0) AS denial_rate,
       f.unable_not_held / NULLIF(f.total_processed, 0) AS not_held_rate,
       f.not_processed / NULLIF(f.total_processed, 0) AS not_processed_rate,
       f.carried_forward / NULLIF(f.new_received + f.carried_over, 0) AS carry_over_rate,
       100.0 * f.reconsideration_total / NULLIF(f.total_processed, 0)
           AS reconsiderations_per_100,
       100.0 * (f.litigation_direct_total + f.litigation_after_reconsideration_total)
           / NULLIF(f.total_processed, 0) AS litigations_per_100,
       f.reconsideration_corrected
           / NULLIF(f.reconsideration_total - f.reconsideration_pending, 0)
           AS reconsideration_correction_rate,
       f.litigation_direct_corrected
           / NULLIF(f.litigation_direct_total - f.litigation_direct_pending, 0)
           AS litigation_direct_correction_rate,
       f.litigation_after_reconsideration_corrected
           / NULLIF(f.litigation_after_reconsideration_total
                    - f.litigation_after_reconsideration_pending, 0)
           AS litigation_after_reconsideration_correction_rate
FROM report_metadata AS m
LEFT JOIN report_figures AS f USING (report_id);

-- SPEC §6 across reports, per agency_id: stored by each load (sql/agencies.sql), since
-- pairing the years reads every table-3 cell, over a second at 100k reports.
CREATE VIEW check_cross_year AS SELECT * FROM report_cross_year;

-- Flagged reports with the errors that flagged them, for reviewers.
CREATE VIEW flagged_report_issues AS
SELECT m.report_id, m.source_file, m.files, m.agency, m.year, m.province, m.city,
       m.county, m.adcode, m.template, i.check_name, i.severity, i.message
FROM report_metadata AS m
JOIN report_issues AS i USING (report_id)
WHERE m.status = 'flagged' AND i.severity = 'error';

COMMENT ON VIEW report_metadata IS
    'One row per loaded report (distinct content; rejected files left out) with the columns every metric view starts with.';
COMMENT ON COLUMN report_metadata.report_id IS 'sha256 of the report''s bytes (reports.report_id).';
COMMENT ON COLUMN report_metadata.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN report_metadata.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN report_metadata.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN report_metadata.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN report_metadata.province IS 'Province of the agency.';
COMMENT ON COLUMN report_metadata.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN report_metadata.county IS 'County-level division of the agency.';
COMMENT ON COLUMN report_metadata.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN report_metadata.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN report_metadata.status IS 'valid or flagged (see report_issues); filter on it to leave out inconsistent reports.';

COMMENT ON VIEW report_applications_wide IS
    'Table 3, total column, one row per report_id: each outcome row (and the denied, unable and not-processed groups, NULL when any cell of the group is blank) as a column.';
COMMENT ON COLUMN report_applications_wide.denied IS 'Sum of the eight denied_* rows (不予公开); NULL when any of them is blank.';
COMMENT ON COLUMN report_applications_wide.unable IS 'Sum of the three unable_* rows (无法提供); NULL when any of them is blank.';
COMMENT ON COLUMN report_applications_wide.not_processed IS 'Sum of the five rejected_* rows (不予处理); NULL when any of them is blank.';

COMMENT ON VIEW report_review_litigation_wide IS
    'Table 4, one row per report_id: corrected, pending and total of each proceeding as columns.';

COMMENT ON VIEW metric_applicant_mix IS
    'Applicant mix (SPEC §9): share of new applications (new_received) by applicant type, over the printed total column; NULL when that total is 0 or blank.';
COMMENT ON COLUMN metric_applicant_mix.new_received IS 'New applications, total column (the denominator).';
COMMENT ON COLUMN metric_applicant_mix.share_natural_person IS '自然人 / total.';
COMMENT ON COLUMN metric_applicant_mix.share_commercial_enterprise IS '商业企业 / total.';
COMMENT ON COLUMN metric_applicant_mix.share_research_institution IS '科研机构 / total.';
COMMENT ON COLUMN metric_applicant_mix.share_social_welfare_org IS '社会公益组织 / total.';
COMMENT ON COLUMN metric_applicant_mix.share_legal_service_org IS '法律服务机构 / total.';
COMMENT ON COLUMN metric_applicant_mix.share_other_org IS '其他 (organisations) / total.';

COMMENT ON VIEW metric_grant_rate IS
    'Grant rate (SPEC §9): granted / total_processed, total column; NULL when total_processed is 0 or blank.';
COMMENT ON COLUMN metric_grant_rate.grant_rate IS '（一）予以公开 / （七）总计.';

COMMENT ON VIEW metric_disclosure_rate IS
    'Disclosure rate (SPEC §9): (granted + partly_granted) / total_processed, total column; NULL when total_processed is 0 or blank.';
COMMENT ON COLUMN metric_disclosure_rate.disclosure_rate IS '(（一）予以公开 + （二）部分公开) / （七）总计.';

COMMENT ON VIEW metric_substantive_disclosure_rate IS
    'Substantive disclosure rate (SPEC §9): (granted + partly_granted) / (granted + partly_granted + all denied_* + all unable_*), total column: disclosure among requests decided on their merits.';
COMMENT ON COLUMN metric_substantive_disclosure_rate.denied IS 'Sum of the denied_* rows; NULL when any is blank.';
COMMENT ON COLUMN metric_substantive_disclosure_rate.unable IS 'Sum of the unable_* rows; NULL when any is blank.';
COMMENT ON COLUMN metric_substantive_disclosure_rate.substantive_disclosure_rate IS 'Disclosed share of substantively decided requests.';

COMMENT ON VIEW metric_denial_rate IS
    'Denial rate (SPEC §9): sum of the denied_* rows (（三）不予公开) / total_processed, total column.';
COMMENT ON COLUMN metric_denial_rate.denial_rate IS 'denied / total_processed.';

COMMENT ON VIEW metric_denial_reasons IS
    'Denial-reason mix (SPEC §9): each denied_* row as a share of all denials, total column; NULL when there were no denials or a denial cell is blank.';
COMMENT ON COLUMN metric_denial_reasons.denied IS 'Sum of the eight denied_* rows (the denominator).';
COMMENT ON COLUMN metric_denial_reasons.share_state_secret IS '1.属于国家秘密 / denied.';
COMMENT ON COLUMN metric_denial_reasons.share_prohibited_by_law IS '2.其他法律行政法规禁止公开 / denied.';
COMMENT ON COLUMN metric_denial_reasons.share_security_stability IS '3.危及“三安全一稳定” / denied.';
COMMENT ON COLUMN metric_denial_reasons.share_third_party IS '4.保护第三方合法权益 / denied.';
COMMENT ON COLUMN metric_denial_reasons.share_internal_affairs IS '5.属于三类内部事务信息 / denied.';
COMMENT ON COLUMN metric_denial_reasons.share_process_info IS '6.属于四类过程性信息 / denied.';
COMMENT ON COLUMN metric_denial_reasons.share_enforcement_file IS '7.属于行政执法案卷 / denied.';
COMMENT ON COLUMN metric_denial_reasons.share_admin_query IS '8.属于行政查询事项 / denied.';

COMMENT ON VIEW metric_not_held_rate IS
    'Not-held rate (SPEC §9): unable_not_held (本机关不掌握相关政府信息) / total_processed, total column.';
COMMENT ON COLUMN metric_not_held_rate.not_held_rate IS 'unable_not_held / total_processed.';

COMMENT ON VIEW metric_not_processed_rate IS
    'Not-processed rate (SPEC §9): sum of the rejected_* rows (（五）不予处理) / total_processed, total column.';
COMMENT ON COLUMN metric_not_processed_rate.not_processed IS 'Sum of the five rejected_* rows; NULL when any is blank.';
COMMENT ON COLUMN metric_not_processed_rate.not_processed_rate IS 'not_processed / total_processed.';

COMMENT ON VIEW metric_carry_over_rate IS
    'Carry-over rate (SPEC §9): carried_forward / (new_received + carried_over), total column: the share of the year''s workload left for next year.';
COMMENT ON COLUMN metric_carry_over_rate.carry_over_rate IS 'carried_forward / (new_received + carried_over).';

COMMENT ON VIEW metric_review_litigation_per_100 IS
    'Reconsideration and litigation per 100 handled requests (SPEC §9): table-4 totals per 100 of total_processed (table 3, total column).';
COMMENT ON COLUMN metric_review_litigation_per_100.reconsiderations IS 'Total of 行政复议.';
COMMENT ON COLUMN metric_review_litigation_per_100.litigations IS 'Total of both litigation proceedings (未经复议直接起诉 + 复议后起诉).';
COMMENT ON COLUMN metric_review_litigation_per_100.reconsiderations_per_100 IS '100 * reconsiderations / total_processed.';
COMMENT ON COLUMN metric_review_litigation_per_100.litigations_per_100 IS '100 * litigations / total_processed.';

COMMENT ON VIEW metric_correction_rate IS
    'Correction rate (SPEC §9) per proceeding: corrected / (total - pending), the share of decided cases that went against the agency.';
COMMENT ON COLUMN metric_correction_rate.reconsideration_correction_rate IS '行政复议: 结果纠正 / (总计 - 尚未审结).';
COMMENT ON COLUMN metric_correction_rate.litigation_direct_correction_rate IS '未经复议直接起诉: 结果纠正 / (总计 - 尚未审结).';
COMMENT ON COLUMN metric_correction_rate.litigation_after_reconsideration_correction_rate IS '复议后起诉: 结果纠正 / (总计 - 尚未审结).';

COMMENT ON VIEW metric_summary IS
    'Every SPEC §9 ratio of a report side by side (one row per report), for dashboards and the comparison report.';

COMMENT ON VIEW check_cross_year IS
    'Cross-year check (SPEC §6): for each agency (dim_agency.agency_id, across its names; its first file by name where a year has several) with reports in consecutive years, carried_over of year t against carried_forward of year t-1, per applicant column.';
COMMENT ON COLUMN check_cross_year.year IS 'Year t (the later report).';
COMMENT ON COLUMN check_cross_year.applicant_type IS 'Column of table 3, see dim_applicant_type.';
COMMENT ON COLUMN check_cross_year.previous_carried_forward IS 'carried_forward (四、结转下年度继续办理) of year t-1.';
COMMENT ON COLUMN check_cross_year.carried_over IS 'carried_over (二、上年结转政府信息公开申请数量) of year t.';
COMMENT ON COLUMN check_cross_year.status IS 'pass, fail, or not_checked (a blank cell on either side).';

COMMENT ON VIEW flagged_report_issues IS
    'Flagged reports with each error that flagged them (report_issues of severity error).';

-- Columns not explained above: each view's copy of the shared columns.

COMMENT ON COLUMN check_cross_year.agency IS 'Issuing body (reports.agency) of year t; year t-1 may have used another name of the same agency.';
COMMENT ON COLUMN check_cross_year.agency_id IS 'The agency both reports belong to (dim_agency.agency_id).';
COMMENT ON COLUMN check_cross_year.previous_report_id IS 'report_id of the report of year t-1.';
COMMENT ON COLUMN check_cross_year.previous_source_file IS 'source_file of the report of year t-1.';
COMMENT ON COLUMN check_cross_year.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN check_cross_year.source_file IS 'First file (by name) with this content, relative to data/raw.';

COMMENT ON COLUMN flagged_report_issues.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN flagged_report_issues.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN flagged_report_issues.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN flagged_report_issues.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN flagged_report_issues.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN flagged_report_issues.province IS 'Province of the agency.';
COMMENT ON COLUMN flagged_report_issues.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN flagged_report_issues.county IS 'County-level division of the agency.';
COMMENT ON COLUMN flagged_report_issues.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN flagged_report_issues.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN flagged_report_issues.check_name IS 'Check or parser stage that raised the error (report_issues.check_name).';
COMMENT ON COLUMN flagged_report_issues.severity IS 'Always error here (report_issues.severity).';
COMMENT ON COLUMN flagged_report_issues.message IS 'What is wrong, naming the row, column or line (report_issues.message).';

COMMENT ON COLUMN metric_applicant_mix.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_applicant_mix.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN metric_applicant_mix.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN metric_applicant_mix.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN metric_applicant_mix.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN metric_applicant_mix.province IS 'Province of the agency.';
COMMENT ON COLUMN metric_applicant_mix.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN metric_applicant_mix.county IS 'County-level division of the agency.';
COMMENT ON COLUMN metric_applicant_mix.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN metric_applicant_mix.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN metric_applicant_mix.status IS 'valid or flagged (see report_issues).';

COMMENT ON COLUMN metric_carry_over_rate.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_carry_over_rate.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN metric_carry_over_rate.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN metric_carry_over_rate.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN metric_carry_over_rate.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN metric_carry_over_rate.province IS 'Province of the agency.';
COMMENT ON COLUMN metric_carry_over_rate.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN metric_carry_over_rate.county IS 'County-level division of the agency.';
COMMENT ON COLUMN metric_carry_over_rate.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN metric_carry_over_rate.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN metric_carry_over_rate.status IS 'valid or flagged (see report_issues).';
COMMENT ON COLUMN metric_carry_over_rate.new_received IS '一、本年新收政府信息公开申请数量, total column.';
COMMENT ON COLUMN metric_carry_over_rate.carried_over IS '二、上年结转政府信息公开申请数量, total column.';
COMMENT ON COLUMN metric_carry_over_rate.carried_forward IS '四、结转下年度继续办理, total column.';

COMMENT ON COLUMN metric_correction_rate.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_correction_rate.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN metric_correction_rate.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN metric_correction_rate.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN metric_correction_rate.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN metric_correction_rate.province IS 'Province of the agency.';
COMMENT ON COLUMN metric_correction_rate.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN metric_correction_rate.county IS 'County-level division of the agency.';
COMMENT ON COLUMN metric_correction_rate.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN metric_correction_rate.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN metric_correction_rate.status IS 'valid or flagged (see report_issues).';
COMMENT ON COLUMN metric_correction_rate.reconsideration_corrected IS '行政复议 结果纠正.';
COMMENT ON COLUMN metric_correction_rate.reconsideration_pending IS '行政复议 尚未审结.';
COMMENT ON COLUMN metric_correction_rate.reconsideration_total IS '行政复议 总计.';
COMMENT ON COLUMN metric_correction_rate.litigation_direct_corrected IS '行政诉讼 未经复议直接起诉 结果纠正.';
COMMENT ON COLUMN metric_correction_rate.litigation_direct_pending IS '行政诉讼 未经复议直接起诉 尚未审结.';
COMMENT ON COLUMN metric_correction_rate.litigation_direct_total IS '行政诉讼 未经复议直接起诉 总计.';
COMMENT ON COLUMN metric_correction_rate.litigation_after_reconsideration_corrected IS '行政诉讼 复议后起诉 结果纠正.';
COMMENT ON COLUMN metric_correction_rate.litigation_after_reconsideration_pending IS '行政诉讼 复议后起诉 尚未审结.';
COMMENT ON COLUMN metric_correction_rate.litigation_after_reconsideration_total IS '行政诉讼 复议后起诉 总计.';

COMMENT ON COLUMN metric_denial_rate.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_denial_rate.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN metric_denial_rate.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN metric_denial_rate.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN metric_denial_rate.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN metric_denial_rate.province IS 'Province of the agency.';
COMMENT ON COLUMN metric_denial_rate.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN metric_denial_rate.county IS 'County-level division of the agency.';
COMMENT ON COLUMN metric_denial_rate.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN metric_denial_rate.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN metric_denial_rate.status IS 'valid or flagged (see report_issues).';
COMMENT ON COLUMN metric_denial_rate.denied IS 'Sum of the eight denied_* rows (（三）不予公开); NULL when any is blank.';
COMMENT ON COLUMN metric_denial_rate.total_processed IS '（七）总计, total column: requests handled this year.';

COMMENT ON COLUMN metric_denial_reasons.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_denial_reasons.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN metric_denial_reasons.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN metric_denial_reasons.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN metric_denial_reasons.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN metric_denial_reasons.province IS 'Province of the agency.';
COMMENT ON COLUMN metric_denial_reasons.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN metric_denial_reasons.county IS 'County-level division of the agency.';
COMMENT ON COLUMN metric_denial_reasons.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN metric_denial_reasons.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN metric_denial_reasons.status IS 'valid or flagged (see report_issues).';

COMMENT ON COLUMN metric_disclosure_rate.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_disclosure_rate.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN metric_disclosure_rate.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN metric_disclosure_rate.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN metric_disclosure_rate.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN metric_disclosure_rate.province IS 'Province of the agency.';
COMMENT ON COLUMN metric_disclosure_rate.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN metric_disclosure_rate.county IS 'County-level division of the agency.';
COMMENT ON COLUMN metric_disclosure_rate.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN metric_disclosure_rate.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN metric_disclosure_rate.status IS 'valid or flagged (see report_issues).';
COMMENT ON COLUMN metric_disclosure_rate.granted IS '（一）予以公开, total column.';
COMMENT ON COLUMN metric_disclosure_rate.partly_granted IS '（二）部分公开, total column.';
COMMENT ON COLUMN metric_disclosure_rate.total_processed IS '（七）总计, total column: requests handled this year.';

COMMENT ON COLUMN metric_grant_rate.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_grant_rate.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN metric_grant_rate.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN metric_grant_rate.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN metric_grant_rate.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN metric_grant_rate.province IS 'Province of the agency.';
COMMENT ON COLUMN metric_grant_rate.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN metric_grant_rate.county IS 'County-level division of the agency.';
COMMENT ON COLUMN metric_grant_rate.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN metric_grant_rate.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN metric_grant_rate.status IS 'valid or flagged (see report_issues).';
COMMENT ON COLUMN metric_grant_rate.granted IS '（一）予以公开, total column.';
COMMENT ON COLUMN metric_grant_rate.total_processed IS '（七）总计, total column: requests handled this year.';

COMMENT ON COLUMN metric_not_held_rate.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_not_held_rate.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN metric_not_held_rate.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN metric_not_held_rate.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN metric_not_held_rate.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN metric_not_held_rate.province IS 'Province of the agency.';
COMMENT ON COLUMN metric_not_held_rate.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN metric_not_held_rate.county IS 'County-level division of the agency.';
COMMENT ON COLUMN metric_not_held_rate.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN metric_not_held_rate.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN metric_not_held_rate.status IS 'valid or flagged (see report_issues).';
COMMENT ON COLUMN metric_not_held_rate.unable_not_held IS '（四）1.本机关不掌握相关政府信息, total column.';
COMMENT ON COLUMN metric_not_held_rate.total_processed IS '（七）总计, total column: requests handled this year.';

COMMENT ON COLUMN metric_not_processed_rate.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_not_processed_rate.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN metric_not_processed_rate.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN metric_not_processed_rate.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN metric_not_processed_rate.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN metric_not_processed_rate.province IS 'Province of the agency.';
COMMENT ON COLUMN metric_not_processed_rate.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN metric_not_processed_rate.county IS 'County-level division of the agency.';
COMMENT ON COLUMN metric_not_processed_rate.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN metric_not_processed_rate.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN metric_not_processed_rate.status IS 'valid or flagged (see report_issues).';
COMMENT ON COLUMN metric_not_processed_rate.total_processed IS '（七）总计, total column: requests handled this year.';

COMMENT ON COLUMN metric_review_litigation_per_100.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_review_litigation_per_100.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN metric_review_litigation_per_100.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN metric_review_litigation_per_100.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN metric_review_litigation_per_100.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN metric_review_litigation_per_100.province IS 'Province of the agency.';
COMMENT ON COLUMN metric_review_litigation_per_100.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN metric_review_litigation_per_100.county IS 'County-level division of the agency.';
COMMENT ON COLUMN metric_review_litigation_per_100.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN metric_review_litigation_per_100.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN metric_review_litigation_per_100.status IS 'valid or flagged (see report_issues).';
COMMENT ON COLUMN metric_review_litigation_per_100.total_processed IS '（七）总计, total column: requests handled this year.';

COMMENT ON COLUMN metric_substantive_disclosure_rate.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_substantive_disclosure_rate.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN metric_substantive_disclosure_rate.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN metric_substantive_disclosure_rate.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN metric_substantive_disclosure_rate.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN metric_substantive_disclosure_rate.province IS 'Province of the agency.';
COMMENT ON COLUMN metric_substantive_disclosure_rate.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN metric_substantive_disclosure_rate.county IS 'County-level division of the agency.';
COMMENT ON COLUMN metric_substantive_disclosure_rate.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN metric_substantive_disclosure_rate.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN metric_substantive_disclosure_rate.status IS 'valid or flagged (see report_issues).';
COMMENT ON COLUMN metric_substantive_disclosure_rate.granted IS '（一）予以公开, total column.';
COMMENT ON COLUMN metric_substantive_disclosure_rate.partly_granted IS '（二）部分公开, total column.';

COMMENT ON COLUMN metric_summary.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN metric_summary.source_file IS 'First file (by name) with this content, relative to data/raw.';
COMMENT ON COLUMN metric_summary.files IS 'How many files in data/raw have this content.';
COMMENT ON COLUMN metric_summary.agency IS 'Issuing body (reports.agency).';
COMMENT ON COLUMN metric_summary.year IS 'Year the data covers (reports.year).';
COMMENT ON COLUMN metric_summary.province IS 'Province of the agency.';
COMMENT ON COLUMN metric_summary.city IS 'Prefecture-level city of the agency.';
COMMENT ON COLUMN metric_summary.county IS 'County-level division of the agency.';
COMMENT ON COLUMN metric_summary.adcode IS '6-digit GB/T 2260 code; NULL when ambiguous.';
COMMENT ON COLUMN metric_summary.template IS 'National template of the tables: 2019 or 2021.';
COMMENT ON COLUMN metric_summary.status IS 'valid or flagged (see report_issues).';
COMMENT ON COLUMN metric_summary.new_received IS '一、本年新收政府信息公开申请数量, total column.';
COMMENT ON COLUMN metric_summary.total_processed IS '（七）总计, total column: requests handled this year.';
COMMENT ON COLUMN metric_summary.grant_rate IS 'granted / total_processed (metric_grant_rate).';
COMMENT ON COLUMN metric_summary.disclosure_rate IS '(granted + partly_granted) / total_processed (metric_disclosure_rate).';
COMMENT ON COLUMN metric_summary.substantive_disclosure_rate IS 'See metric_substantive_disclosure_rate.';
COMMENT ON COLUMN metric_summary.denial_rate IS 'denied / total_processed (metric_denial_rate).';
COMMENT ON COLUMN metric_summary.not_held_rate IS 'unable_not_held / total_processed (metric_not_held_rate).';
COMMENT ON COLUMN metric_summary.not_processed_rate IS 'not_processed / total_processed (metric_not_processed_rate).';
COMMENT ON COLUMN metric_summary.carry_over_rate IS 'carried_forward / (new_received + carried_over) (metric_carry_over_rate).';
COMMENT ON COLUMN metric_summary.reconsiderations_per_100 IS '100 * reconsiderations / total_processed.';
COMMENT ON COLUMN metric_summary.litigations_per_100 IS '100 * litigations / total_processed.';
COMMENT ON COLUMN metric_summary.reconsideration_correction_rate IS '行政复议: 结果纠正 / (总计 - 尚未审结).';
COMMENT ON COLUMN metric_summary.litigation_direct_correction_rate IS '未经复议直接起诉: 结果纠正 / (总计 - 尚未审结).';
COMMENT ON COLUMN metric_summary.litigation_after_reconsideration_correction_rate IS '复议后起诉: 结果纠正 / (总计 - 尚未审结).';

COMMENT ON COLUMN report_applications_wide.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN report_applications_wide.new_received IS '一、本年新收政府信息公开申请数量, total column.';
COMMENT ON COLUMN report_applications_wide.carried_over IS '二、上年结转政府信息公开申请数量, total column.';
COMMENT ON COLUMN report_applications_wide.granted IS '（一）予以公开, total column.';
COMMENT ON COLUMN report_applications_wide.partly_granted IS '（二）部分公开, total column.';
COMMENT ON COLUMN report_applications_wide.denied_state_secret IS '（三）1.属于国家秘密, total column.';
COMMENT ON COLUMN report_applications_wide.denied_prohibited_by_law IS '（三）2.其他法律行政法规禁止公开, total column.';
COMMENT ON COLUMN report_applications_wide.denied_security_stability IS '（三）3.危及“三安全一稳定”, total column.';
COMMENT ON COLUMN report_applications_wide.denied_third_party IS '（三）4.保护第三方合法权益, total column.';
COMMENT ON COLUMN report_applications_wide.denied_internal_affairs IS '（三）5.属于三类内部事务信息, total column.';
COMMENT ON COLUMN report_applications_wide.denied_process_info IS '（三）6.属于四类过程性信息, total column.';
COMMENT ON COLUMN report_applications_wide.denied_enforcement_file IS '（三）7.属于行政执法案卷, total column.';
COMMENT ON COLUMN report_applications_wide.denied_admin_query IS '（三）8.属于行政查询事项, total column.';
COMMENT ON COLUMN report_applications_wide.unable_not_held IS '（四）1.本机关不掌握相关政府信息, total column.';
COMMENT ON COLUMN report_applications_wide.total_processed IS '（七）总计, total column: requests handled this year.';
COMMENT ON COLUMN report_applications_wide.carried_forward IS '四、结转下年度继续办理, total column.';

COMMENT ON COLUMN report_review_litigation_wide.report_id IS 'sha256 of the raw bytes (reports.report_id).';
COMMENT ON COLUMN report_review_litigation_wide.reconsideration_corrected IS '行政复议 结果纠正.';
COMMENT ON COLUMN report_review_litigation_wide.reconsideration_pending IS '行政复议 尚未审结.';
COMMENT ON COLUMN report_review_litigation_wide.reconsideration_total IS '行政复议 总计.';
COMMENT ON COLUMN report_review_litigation_wide.litigation_direct_corrected IS '行政诉讼 未经复议直接起诉 结果纠正.';
COMMENT ON COLUMN report_review_litigation_wide.litigation_direct_pending IS '行政诉讼 未经复议直接起诉 尚未审结.';
COMMENT ON COLUMN report_review_litigation_wide.litigation_direct_total IS '行政诉讼 未经复议直接起诉 总计.';
COMMENT ON COLUMN report_review_litigation_wide.litigation_after_reconsideration_corrected IS '行政诉讼 复议后起诉 结果纠正.';
COMMENT ON COLUMN report_review_litigation_wide.litigation_after_reconsideration_pending IS '行政诉讼 复议后起诉 尚未审结.';
COMMENT ON COLUMN report_review_litigation_wide.litigation_after_reconsideration_total IS '行政诉讼 复议后起诉 总计.';
