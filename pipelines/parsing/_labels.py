"""Row labels of table 3 -> outcome codes, by words first and numbered position second.

Labels arrive damaged (wrapped, spaced, typos, merged with their group label), so a
label is matched on key phrases of its squeezed form rather than on the whole string.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipelines.parsing._normalize import squeeze
from pipelines.parsing.vocabulary import OUTCOMES

# Checked in this order: specific phrases before the generic ones that they contain.
_OUTCOME_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("new_received", ("本年新收", "新收政府信息")),
    ("carried_over", ("上年结转",)),
    ("carried_forward", ("结转下年", "下年度继续办理")),
    ("partly_granted", ("部分公开",)),
    ("granted", ("予以公开",)),
    ("denied_state_secret", ("国家秘密",)),
    ("denied_prohibited_by_law", ("行政法规禁止", "法规禁止", "其他法律")),
    ("denied_security_stability", ("三安全一稳定", "三安全", "危及")),
    ("denied_third_party", ("第三方",)),
    ("denied_internal_affairs", ("内部事务",)),
    ("denied_process_info", ("过程性",)),
    ("denied_enforcement_file", ("执法案卷",)),
    ("denied_admin_query", ("行政查询", "查询事项")),
    ("unable_not_held", ("不掌握",)),
    ("unable_needs_creation", ("另行制作", "没有现成")),
    ("unable_unclear", ("仍不明确", "补正后申请")),
    ("rejected_petition", ("信访", "举报投诉")),
    ("rejected_duplicate", ("重复申请",)),
    ("rejected_publication", ("出版物",)),
    ("rejected_excessive", ("大量反复", "大量重复")),
    ("rejected_confirmation", ("确认或重新出具", "重新出具", "已获取信息", "确认或重新")),
    ("other_no_correction", ("不补正",)),
    ("other_unpaid_fee", ("缴纳费用", "收费通知")),
    ("other", ("其他处理",)),
    ("total_processed", ("总计", "合计")),
)
# Group headers carry no numbers; they set the context for numbered positions.
_GROUP_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("三", ("不予公开",)),
    ("四", ("无法提供",)),
    ("五", ("不予处理",)),
    ("result", ("办理结果",)),
)
_BY_POSITION = {
    "三": ("denied_state_secret", "denied_prohibited_by_law", "denied_security_stability",
          "denied_third_party", "denied_internal_affairs", "denied_process_info",
          "denied_enforcement_file", "denied_admin_query"),
    "四": ("unable_not_held", "unable_needs_creation", "unable_unclear"),
    "五": ("rejected_petition", "rejected_duplicate", "rejected_publication",
          "rejected_excessive", "rejected_confirmation"),
    "六": ("other_no_correction", "other_unpaid_fee", "other_misc"),
}
GROUP_OF = {code: group for group, codes in _BY_POSITION.items() for code in codes}
GROUP_OF["other"] = "六"

_GROUP_MARK = re.compile(r"[(（]([一二三四五六七])[)）]")
_ITEM_MARK = re.compile(r"(?:^|[)）、])(\d{1,2})\s*[.、．,]")
_ARTICLE = re.compile(r"^第二十条第[一二三四五六七八九十]+项")
_PUNCT = re.compile(r"[()（）\[\]【】、，,.．:：;；\"“”‘’'「」《》\-—_·]")


@dataclass(frozen=True, slots=True)
class LabelMatch:
    code: str | None  # outcome code, or None for a group header / unknown text
    group: str | None  # group context the label sets (三 四 五 六), if any
    by_position: bool = False  # matched by position or likeness, not by its words


@functools.lru_cache(maxsize=8192)
def match_outcome(text: str, group: str | None) -> LabelMatch:
    """Match one label cell. `group` is the group context from the labels before it."""
    squeezed = squeeze(text)
    marks = _GROUP_MARK.findall(squeezed)
    own_group = marks[-1] if marks and marks[-1] in _BY_POSITION else None
    core = _PUNCT.sub("", squeezed)
    for code, phrases in _OUTCOME_PHRASES:
        if any(p in core for p in phrases):
            return LabelMatch(code, GROUP_OF.get(code, own_group))
    item = _ITEM_MARK.search(squeezed)
    context = own_group or group
    if item and context in _BY_POSITION:
        rows = _BY_POSITION[context]
        index = int(item.group(1)) - 1
        if 0 <= index < len(rows):
            # 3.其他 under （六） is the template's own wording, not a guess.
            exact = context == "六" and index == 2 and core.endswith("其他")
            return LabelMatch(rows[index], context, by_position=not exact)
    for group_code, phrases in _GROUP_PHRASES:
        if any(p in core for p in phrases):
            return LabelMatch(None, group_code if group_code in _BY_POSITION else None)
    fuzzy = _closest_outcome(core)
    if fuzzy is not None:
        return LabelMatch(fuzzy, GROUP_OF.get(fuzzy, own_group), by_position=True)
    return LabelMatch(None, own_group)


# Asked of most labels of every table 3, which repeat from report to report.
@functools.lru_cache(maxsize=8192)
def opens_with_number(text: str) -> bool:
    """Whether a label opens with a number of its own (1. 一、 （六）): the start of a
    row's label, not the rest of one wrapped over lines."""
    return _NUMBERED.match(text) is not None


_NUMBERED = re.compile(
    r"\s*(?:\d{1,2}\s*[.、．,]|[一二三四五六七]\s*、|[(（][一二三四五六七][)）])")


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def _label_core(label: str) -> str:
    core = _PUNCT.sub("", squeeze(label))
    return re.sub(r"^(?:[一二三四五六七]|\d{1,2})+", "", core)


@functools.cache
def _outcome_bigrams() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((t.code, _bigrams(_label_core(t.label))) for t in OUTCOMES)


# Share of character pairs two labels must have in common to be taken as the same row
# when no key phrase survived (OCR damage in several places of one label).
_FUZZY_MIN = 0.6


def _closest_outcome(core: str) -> str | None:
    grams = _bigrams(re.sub(r"^(?:[一二三四五六七]|\d{1,2})+", "", core))
    if len(grams) < 3:
        return None
    scored = sorted(((2 * len(grams & ref) / (len(grams) + len(ref)), code)
                     for code, ref in _outcome_bigrams()), reverse=True)
    best_score, best = scored[0]
    if best_score >= _FUZZY_MIN and best_score - scored[1][0] >= 0.1:
        return best
    return None


_ITEM_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("normative_documents", ("规范性文件",)),
    ("regulations", ("规章",)),
    ("other_services", ("对外管理服务", "其他对外管理")),
    ("licensing", ("行政许可",)),
    ("penalty", ("行政处罚",)),
    ("enforcement", ("行政强制",)),
    ("fees", ("事业性收费",)),
    ("procurement", ("集中采购",)),
)


@functools.lru_cache(maxsize=4096)
def match_item(text: str) -> str | None:
    """Table 2 item label -> item code; headers and prose return None."""
    # The Word layout prints the article's cell in the item rows; PDF text puts it on the
    # line of the row it is centred on (第二十条第（一）项 规章 0 1 3).
    core = _ARTICLE.sub("", _PUNCT.sub("", squeeze(text)))
    for code, phrases in _ITEM_PHRASES:
        for phrase in phrases:
            # An item cell is the label alone; longer text holding the phrase is prose
            # or a header ("第二十条第（五）项" never holds these words).
            if phrase in core and len(core) <= len(phrase) + 6:
                return code
    return None
