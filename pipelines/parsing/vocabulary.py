"""The template's rows, columns and items with their SPEC codes (SPEC §2-§4).

This module is the single source of the vocabulary: the parser matches labels to these
codes, the warehouse fills its dimension tables from them, the checks read the groups.
"""

from __future__ import annotations

from dataclasses import dataclass

TEMPLATES = ("2019", "2021")


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    label: str
    group: str
    templates: tuple[str, ...]
    sort_order: int


def _terms(rows: list[tuple[str, str, str, tuple[str, ...]]]) -> tuple[Term, ...]:
    return tuple(
        Term(code, label, group, templates, order)
        for order, (code, label, group, templates) in enumerate(rows, start=1)
    )


BOTH = TEMPLATES
ONLY_2019 = ("2019",)
ONLY_2021 = ("2021",)

APPLICANT_TYPES = _terms(
    [
        ("natural_person", "自然人", "natural_person", BOTH),
        ("commercial_enterprise", "商业企业", "legal_person_or_org", BOTH),
        ("research_institution", "科研机构", "legal_person_or_org", BOTH),
        ("social_welfare_org", "社会公益组织", "legal_person_or_org", BOTH),
        ("legal_service_org", "法律服务机构", "legal_person_or_org", BOTH),
        ("other_org", "其他", "legal_person_or_org", BOTH),
        ("total", "总计", "total", BOTH),
    ]
)

OUTCOMES = _terms(
    [
        ("new_received", "一、本年新收政府信息公开申请数量", "received", BOTH),
        ("carried_over", "二、上年结转政府信息公开申请数量", "received", BOTH),
        ("granted", "（一）予以公开", "granted", BOTH),
        (
            "partly_granted",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "partly_granted",
            BOTH,
        ),
        ("denied_state_secret", "（三）1.属于国家秘密", "denied", BOTH),
        ("denied_prohibited_by_law", "（三）2.其他法律行政法规禁止公开", "denied", BOTH),
        ("denied_security_stability", "（三）3.危及“三安全一稳定”", "denied", BOTH),
        ("denied_third_party", "（三）4.保护第三方合法权益", "denied", BOTH),
        ("denied_internal_affairs", "（三）5.属于三类内部事务信息", "denied", BOTH),
        ("denied_process_info", "（三）6.属于四类过程性信息", "denied", BOTH),
        ("denied_enforcement_file", "（三）7.属于行政执法案卷", "denied", BOTH),
        ("denied_admin_query", "（三）8.属于行政查询事项", "denied", BOTH),
        ("unable_not_held", "（四）1.本机关不掌握相关政府信息", "unable", BOTH),
        ("unable_needs_creation", "（四）2.没有现成信息需要另行制作", "unable", BOTH),
        ("unable_unclear", "（四）3.补正后申请内容仍不明确", "unable", BOTH),
        ("rejected_petition", "（五）1.信访举报投诉类申请", "rejected", BOTH),
        ("rejected_duplicate", "（五）2.重复申请", "rejected", BOTH),
        ("rejected_publication", "（五）3.要求提供公开出版物", "rejected", BOTH),
        ("rejected_excessive", "（五）4.无正当理由大量反复申请", "rejected", BOTH),
        ("rejected_confirmation", "（五）5.要求行政机关确认或重新出具已获取信息", "rejected", BOTH),
        ("other", "（六）其他处理", "other", ONLY_2019),
        (
            "other_no_correction",
            "（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "other",
            ONLY_2021,
        ),
        (
            "other_unpaid_fee",
            "（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "other",
            ONLY_2021,
        ),
        ("other_misc", "（六）3.其他", "other", ONLY_2021),
        ("total_processed", "（七）总计", "total", BOTH),
        ("carried_forward", "四、结转下年度继续办理", "carried_forward", BOTH),
    ]
)

# Table 3 comes in two row sets, detected from the rows themselves (SPEC §2).
OUTCOME_CODES_SINGLE_OTHER = tuple(t.code for t in OUTCOMES if t.code not in {
    "other_no_correction", "other_unpaid_fee", "other_misc"})
OUTCOME_CODES_SPLIT_OTHER = tuple(t.code for t in OUTCOMES if t.code != "other")
# Rows that add up to total_processed, per row set.
HANDLED_OUTCOMES_SINGLE_OTHER = OUTCOME_CODES_SINGLE_OTHER[
    OUTCOME_CODES_SINGLE_OTHER.index("granted") : OUTCOME_CODES_SINGLE_OTHER.index(
        "total_processed")
]
HANDLED_OUTCOMES_SPLIT_OTHER = OUTCOME_CODES_SPLIT_OTHER[
    OUTCOME_CODES_SPLIT_OTHER.index("granted") : OUTCOME_CODES_SPLIT_OTHER.index(
        "total_processed")
]

PROCEEDINGS = _terms(
    [
        ("admin_reconsideration", "行政复议", "reconsideration", BOTH),
        ("litigation_direct", "行政诉讼：未经复议直接起诉", "litigation", BOTH),
        ("litigation_after_reconsideration", "行政诉讼：复议后起诉", "litigation", BOTH),
    ]
)

RESULTS = _terms(
    [
        ("upheld", "结果维持", "decided", BOTH),
        ("corrected", "结果纠正", "decided", BOTH),
        ("other", "其他结果", "decided", BOTH),
        ("pending", "尚未审结", "pending", BOTH),
        ("total", "总计", "total", BOTH),
    ]
)


@dataclass(frozen=True, slots=True)
class ItemMeasure:
    item: str
    item_label: str
    measure: str
    measure_label: str
    template: str
    sort_order: int
    is_money: bool = False
    is_signed: bool = False


def _item_measures() -> tuple[ItemMeasure, ...]:
    doc_2019 = [("made", "本年新制作数量"), ("published", "本年新公开数量"),
                ("total_published", "对外公开总数量")]
    doc_2021 = [("issued", "本年制发件数"), ("repealed", "本年废止件数"),
                ("in_force", "现行有效件数")]
    matter_2019 = [("prior_items", "上一年项目数量"), ("change", "本年增/减"),
                   ("decisions", "处理决定数量")]
    decisions_2021 = [("decisions", "本年处理决定数量")]
    layout = {
        "2019": [
            ("regulations", "规章", doc_2019),
            ("normative_documents", "规范性文件", doc_2019),
            ("licensing", "行政许可", matter_2019),
            ("other_services", "其他对外管理服务事项", matter_2019),
            ("penalty", "行政处罚", matter_2019),
            ("enforcement", "行政强制", matter_2019),
            ("fees", "行政事业性收费", matter_2019[:2]),
            ("procurement", "政府集中采购",
             [("projects", "采购项目数量"), ("amount_10k_yuan", "采购总金额")]),
        ],
        "2021": [
            ("regulations", "规章", doc_2021),
            ("normative_documents", "行政规范性文件", doc_2021),
            ("licensing", "行政许可", decisions_2021),
            ("penalty", "行政处罚", decisions_2021),
            ("enforcement", "行政强制", decisions_2021),
            ("fees", "行政事业性收费", [("amount_10k_yuan", "本年收费金额（单位：万元）")]),
        ],
    }
    out: list[ItemMeasure] = []
    for template, items in layout.items():
        order = 0
        for item, item_label, measures in items:
            for measure, measure_label in measures:
                order += 1
                out.append(ItemMeasure(
                    item, item_label, measure, measure_label, template, order,
                    is_money=measure == "amount_10k_yuan", is_signed=measure == "change"))
    return tuple(out)


ITEM_MEASURES = _item_measures()


def item_measures(template: str) -> tuple[ItemMeasure, ...]:
    return tuple(m for m in ITEM_MEASURES if m.template == template)


def measures_by_item(template: str) -> dict[str, list[str]]:
    """Item code -> measure codes in printed column order, for one template."""
    out: dict[str, list[str]] = {}
    for m in item_measures(template):
        out.setdefault(m.item, []).append(m.measure)
    return out
