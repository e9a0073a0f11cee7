"""Normalization of a whole text, called directly.

`normalize` works on the whole text at once for speed; line by line, each line must come
out as `normalize_fragment` makes it alone, and its squeezed form as `squeeze` makes it.
"""

from __future__ import annotations

import pytest

from pipelines.parsing._normalize import normalize, normalize_fragment, squeeze

_LINES = [
    "某某县2021年政府信息公开工作年度报告",
    "- 3 -",  # page mark
    "第 2 页，共 9 页",  # page mark
    "第2页" + "很长的一行正文" * 6,  # too long to be a page mark
    "12/40",  # page mark
    "<!-- PAGE BREAK -->",  # page mark, any case
    "\f",
    "公(gong)开(kai)的信息",  # pinyin after characters goes
    "(gong)开",  # pinyin at a line start stays: no character before it
    "其(qi)它处理",  # pinyin gone, then 其它 -> 其他
    "（一）予以公开\t１２\u3000３",  # full-width forms
    "申請人\u00a0逾期\u2028未補正",  # Traditional, a no-break space, a line separator
    "Ａ\u0301 ＝\u0338",  # full-width letters with combining marks
    "\t 1.属于国家秘密 \t0\t0\x0b0\x1c",
    "",
    # a browser's footer and header on a printed web page
    "https://www.example.gov.cn/art/2023/2/8/art_1_5.html 2/4",
    "2023/3/2 下午4:05 某某县2022年政府信息公开工作年度报告",
    "详见 https://www.example.gov.cn/ 网站",  # an address in the prose stays
]


def test_lines_come_out_as_each_line_alone() -> None:
    lines = normalize("\r\n".join(_LINES))
    assert lines.raw == tuple(_LINES)
    assert lines.norm == tuple(normalize_fragment(line) for line in _LINES)
    assert lines.squeezed == tuple(squeeze(line) for line in lines.norm)


def test_page_marks_and_pinyin() -> None:
    norm = normalize("\n".join(_LINES)).norm
    assert norm[1:3] == ("", "")
    assert norm[3].startswith("第2页")
    assert norm[4:7] == ("", "", "")
    assert norm[7] == "公开的信息"
    assert norm[8] == "(gong)开"
    assert norm[9] == "其他处理"
    assert norm[10] == "(一)予以公开\t12 3"
    assert norm[15:17] == ("", "")
    assert norm[17].startswith("详见")


# Each kind alone in its text: the whole-text passes skip what a text cannot hold, and
# must not skip it where it stands alone.
@pytest.mark.parametrize(("line", "norm", "squeezed"), [
    ("2024/1/9 上午9:30 某某区2023年政府信息公开工作年度报告", "", ""),
    ("http://xxgk.example.org.cn/col/art_77.html 3/6", "", ""),
    ("（六）其他处理\x0b7\u2028", "(六)其他处理\x0b7\u2028", "(六)其他处理7"),
    ("法律服务机构\x1f 2\u2029", "法律服务机构\x1f 2\u2029", "法律服务机构2"),
])
def test_each_kind_alone(line: str, norm: str, squeezed: str) -> None:
    lines = normalize(f"某某区人民政府\n{line}\n以上")
    assert lines.norm[1] == norm == normalize_fragment(line)
    assert lines.squeezed[1] == squeezed == squeeze(norm)


@pytest.mark.parametrize(("text", "script"), [
    ("本年度新收政府信息公开申请5件。", "simplified"),
    ("本年度新收政府資訊公開申請5件，處理結果如下。", "traditional"),
    ("1\t2\t3", "simplified"),
    ("", "simplified"),
    # one changed character among many is a typo, not a Traditional report
    ("政府信息公开工作年度报告" * 5 + "開", "simplified"),
])
def test_script(text: str, script: str) -> None:
    assert normalize(text).script == script


@pytest.mark.parametrize(("text", "norm"), [
    # t2s would write these counties 干县 and 干安县
    ("陕西省乾县财政局", "陕西省乾县财政局"),
    ("吉林省乾安县人民政府", "吉林省乾安县人民政府"),
    ("乾元镇", "乾元镇"),
    ("若干县级部门", "若干县级部门"),
    # a mirror site's s2t prints these, and t2s leaves them
    ("河南省濬縣人民政府", "河南省浚县人民政府"),
    ("雲南省澂江市", "云南省澄江市"),
    ("新鄉市衞輝市", "新乡市卫辉市"),
    ("瀘州市敍永縣", "泸州市叙永县"),
    # the rest of a Traditional text is still converted
    ("申請人逾期未補正", "申请人逾期未补正"),
])
def test_place_names_survive_the_conversion(text: str, norm: str) -> None:
    assert normalize(text).norm == (norm,)
    assert normalize_fragment(text) == norm


def test_squeeze_drops_every_whitespace_character() -> None:
    spaces = [chr(c) for c in range(0x3001) if chr(c).isspace()]
    assert len(spaces) == 29
    assert squeeze("行政\u200b许可".join(spaces)) == "行政\u200b许可" * (len(spaces) - 1)
    for space in spaces:
        assert squeeze(f"（二）部分{space}公开 4") == "（二）部分公开4"
