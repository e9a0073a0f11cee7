"""The synthetic generator prints each damage kind as it claims, and its expected values are
what the damaged text still says (read back here by hand, not by the parser)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from bench.corpus import (
    AMBIGUOUS_PLACES,
    AMBIGUOUS_TYPOS,
    DAMAGE_LAYOUTS,
    DAMAGES,
    LAYOUTS,
    SPECIAL_ZONES,
    TYPO_PLACES,
    UNKNOWN_PLACES,
    GeneratedReport,
    generate_report,
    variant,
)
from bench.corpus_print import T3_HEADER
from bench.places import changed_places, county_places
from pipelines.parsing import vocabulary as vocab
from pipelines.parsing._contact_clues import area_code_places, postcode_provinces
from pipelines.parsing._division_changes import in_force

ROUND = len(DAMAGES) + 1  # reports until every kind has had its turn once
APPLICANTS = [t.code for t in vocab.APPLICANT_TYPES]


def reports(damage: str, layout: str | None = None, n: int = 6) -> list[GeneratedReport]:
    """The first `n` reports of seed 0 with `damage` (in `layout`, if given)."""
    found = []
    for index in range(damage_offset(damage), 100 * ROUND * len(LAYOUTS), ROUND):
        report = generate_report(0, index, damages=DAMAGES)
        if layout is None or report.expected["layout"] == layout:
            found.append(report)
        if len(found) == n:
            return found
    raise AssertionError(f"no {damage} report in {layout}")


def damage_offset(damage: str) -> int:
    return ("none", *DAMAGES).index(damage)


def section(text: str, start: str, end: str) -> list[str]:
    return text[text.index(start):text.index(end)].split("\n")[1:]


def test_without_damage_kinds_the_layouts_take_turns() -> None:
    assert [variant(i, LAYOUTS, ()) for i in range(7)] == [
        *((layout, "none") for layout in LAYOUTS), ("tabs", "none")]


def test_every_kind_is_printed_in_every_layout_it_occurs_in() -> None:
    turns = max(len(LAYOUTS), *map(len, DAMAGE_LAYOUTS.values()))
    seen = {variant(i, LAYOUTS, DAMAGES) for i in range(ROUND * turns)}
    wanted = {(layout, kind) for kind, layouts in DAMAGE_LAYOUTS.items() for layout in layouts}
    assert seen == wanted | {(layout, "none") for layout in LAYOUTS}


def test_a_kind_with_no_layout_of_the_corpus_is_refused() -> None:
    with pytest.raises(ValueError, match="word_table2"):
        variant(damage_offset("word_table2"), ("pipes",), DAMAGES)


def test_blank_cells_are_null_and_printed_empty_in_their_column() -> None:
    for report in reports("blank_cells", "tabs"):
        t3 = report.expected["applications"]
        blanks = {row for row, cells in t3.items() if None in cells.values()}
        assert blanks
        lines = section(report.text, "三、收到", "四、政府")
        for row in blanks:
            line = next(ln for ln in lines if ln.endswith("\t") and _t3_label(row) in ln)
            cells = line.split("\t")[:-1][-len(APPLICANTS):]
            assert cells == ["" if t3[row][c] is None else str(t3[row][c]) for c in APPLICANTS]
        for table in ("review_litigation", "proactive"):
            assert any(None in cells.values() for cells in report.expected[table].values())
        assert report.expected["status"] == "valid" and report.expected["broken"] is None


def test_blank_cells_lost_in_spaced_text_leave_their_rows_null_and_flagged() -> None:
    # The text cannot say which cell of a row one number short was blank: the row's
    # printed cells are NULL, its unprinted first cell no fact, and the report flagged.
    for report in reports("blank_cells", "spaces"):
        e = report.expected
        lost = {row for row, cells in e["applications"].items() if "natural_person" not in cells}
        assert len(lost) == 2 and e["status"] == "flagged" and e["broken"] is None
        lines = section(report.text, "三、收到", "四、政府")
        for row in lost:
            assert e["applications"][row] == {c: None for c in APPLICANTS[1:]}
            line = next(ln for ln in lines if _t3_label(row) in ln)
            assert len(re.findall(r"(?<![.\d])\d+(?![.\d])", line.split(_t3_label(row))[-1])) == 6
        kept = set(e["applications"]) - lost
        assert all(None not in e["applications"][row].values() for row in kept)


def test_one_cell_per_line_keeps_a_trailing_blank_cell() -> None:
    for report in reports("blank_cells", "cells", n=10):
        table4 = report.expected["review_litigation"]
        printed = [v for p in vocab.PROCEEDINGS for v in table4[p.code].values()]
        lines = section(report.text, "四、政府", "五、")
        # The 15 numbers are the last 15 cell lines of the table, blanks as empty cells.
        cells = [ln.strip() for ln in lines if ln.startswith("\t")][-15:]
        assert cells == ["" if v is None else str(v) for v in printed]


def _t3_label(code: str) -> str:
    from bench.corpus_print import T3_LABELS

    return [cell for cell in T3_LABELS[code] if cell][-1]


def test_signed_changes_read_back_to_the_expected_sign() -> None:
    signs = {"增": 1, "增加": 1, "+": 1, "减": -1, "减少": -1, "-": -1, "－": -1}
    forms = set()
    for report in reports("signed_change", n=12):
        assert report.expected["template"] == "2019"
        text = report.text.replace("\t", " ")
        for item, label in (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"),
                            ("penalty", "行政处罚"), ("enforcement", "行政强制"),
                            ("fees", "行政事业性收费")):
            row = next(ln for ln in text.split("\n") if ln.startswith(label + " ")
                       or ln.startswith("| " + label))
            match = re.search(r"(增加|减少|增|减|\+|-|－) ?(\d+)", row.split(label, 1)[1])
            change = report.expected["proactive"][item]["change"]
            if match is None:
                assert change == 0
                continue
            forms.add(match.group(1))
            assert signs[match.group(1)] * int(match.group(2)) == change
    assert forms == set(signs)


def test_amounts_in_yuan_are_expected_in_10k_yuan() -> None:
    report = generate_report(0, 1, damages=("units_yuan",))
    assert report.file_name == "000001_tabs_units_yuan.txt"
    assert report.expected["template"] == "2019"
    assert "信息内容\t采购项目数量\t采购总金额（元）\n政府集中采购\t178\t743300\n" in report.text
    assert report.expected["proactive"]["procurement"] == {"projects": 178,
                                                           "amount_10k_yuan": 74.33}
    for report in reports("units_yuan", n=12):
        if report.expected["layout"] == "traditional":
            continue  # the same header in Traditional characters
        header = "采购总金额（元）" if report.expected["template"] == "2019" \
            else "本年收费金额（单位：元）"
        assert header in report.text and "万元" not in report.text.replace(
            "本年收费金额（单位：万元）", "")


def test_word_table2_rows_have_one_cell_more_than_their_measures() -> None:
    shapes = set()
    for report in reports("word_table2", n=8):
        lines = section(report.text, "二、主动", "三、收到")
        for item, measures in vocab.measures_by_item("2019").items():
            label = {"regulations": "规章", "normative_documents": "规范性文件",
                     "licensing": "行政许可", "other_services": "其他对外管理服务事项",
                     "penalty": "行政处罚", "enforcement": "行政强制",
                     "fees": "行政事业性收费", "procurement": "政府集中采购"}[item]
            cells = next(ln.split("\t") for ln in lines if label in ln.split("\t"))
            assert len(cells) == len(measures) + 2
            shapes.add(cells.index(label))
    assert shapes == {0, 1}  # the extra cell before the label, or among the numbers


def test_table4_as_three_small_tables_under_their_headings() -> None:
    for report in reports("table4_three_tables", "tabs", n=3):
        lines = section(report.text, "四、政府", "五、")
        for proceeding, heading in (("admin_reconsideration", "行政复议"),
                                    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
                                    ("litigation_after_reconsideration", "行政诉讼（复议后起诉）")):
            at = lines.index(heading)
            numbers = [int(n) for n in lines[at + 2].split("\t")]
            expected = report.expected["review_litigation"][proceeding]
            assert numbers == [expected[r.code] for r in vocab.RESULTS]


def test_a_header_row_is_printed_inside_table_3() -> None:
    for report in reports("invented_header", "tabs", n=3):
        lines = section(report.text, "三、收到", "四、政府")
        header = next(i for i, ln in enumerate(lines) if "自然人\t商业企业" in ln)
        first_row = next(i for i, ln in enumerate(lines) if "本年新收" in ln)
        assert first_row < header < len(lines) - 3


def test_markdown_converter_damage() -> None:
    below = reports("pipe_numbers_below", n=1)[0].text.split("\n")
    at = next(i for i, ln in enumerate(below) if ln == "|---|---|---|---|---|---|---|")
    assert re.fullmatch(r"\| \d+( \| \d+){6} \|", below[at + 1])
    grouped = reports("pipe_group_cells", n=1)[0].text
    assert "| 三、 | (三) 不予公开 | 1.属于国家秘密 |" in grouped
    assert "| 三、 | (三) 不予公开 | 2.其他法律行政法规禁止公开 |" in grouped
    own = reports("pipe_cell_own_line", n=1)[0].text.split("\n")
    assert any(re.fullmatch(r"\| \d+ \|", ln) for ln in own)
    for report in reports("pipe_label_split", n=4):
        lines = section(report.text, "## 三、", "## 四、")
        words = [[c for c in _pipe_cells(ln) if c and not c.isdigit()] for ln in lines]
        joined = {(a[-1] + b[-1]).replace(" ", "")
                  for a, b in zip(words, words[1:], strict=False) if a and b}
        labels = {_t3_label(code).replace(" ", "") for code in
                  vocab.OUTCOME_CODES_SPLIT_OTHER + vocab.OUTCOME_CODES_SINGLE_OTHER}
        assert len(joined & labels) == 2  # two labels, each broken over two rows


def _pipe_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def test_titles_split_or_after_page_marks() -> None:
    for report in reports("title_split", "tabs", n=3) + reports("title_split", "pipes", n=3):
        e = report.expected
        title = f"{e['agency']}{e['year']}年政府信息公开工作年度报告"
        first, second = report.text.lstrip("# ").split("\n")[:2]
        assert first + second == title and first and second
    firsts = set()
    for report in reports("title_preamble", n=14):
        if report.expected["layout"] == "html":
            continue  # a page prints no marks above its heading
        first = report.text.split("\n")[0]
        year = report.expected["year"]
        numbered = re.fullmatch(rf"[洛汾桐豫浙](?:政发|办函|便函|政發|辦函)〔{year + 1}〕\d+[号號]",
                                first)
        assert first in ("正文", "- 1 -", "— 1 —", "第 1 页", "第 1 頁") or numbered, first
        firsts.add("number" if numbered else first)
    assert "number" in firsts and len(firsts) >= 3


def test_places_that_must_not_resolve_and_special_zones() -> None:
    for damage, names in (("place_ambiguous", AMBIGUOUS_PLACES),
                          ("place_unknown", UNKNOWN_PLACES)):
        for report in reports(damage):
            assert report.expected["agency"].startswith(names)
            assert set(report.expected["region"].values()) == {None}
    zones = {zone: (province, city, county, adcode)
             for zone, province, city, county, adcode in SPECIAL_ZONES}
    for report in reports("special_zone", n=10):
        zone = next(z for z in zones if report.expected["agency"].startswith(z))
        assert tuple(report.expected["region"].values()) == zones[zone]
    assert zones["平潭综合实验区"] == ("福建省", "福州市", "平潭县", "350128")
    assert zones["舟山群岛新区"] == ("浙江省", "舟山市", None, "330900")  # a whole city


def test_divisions_changed_since_the_place_table_are_those_of_the_reports_year() -> None:
    kinds = set()
    for report in reports("place_changed", n=40):
        e = report.expected
        region = e["region"]
        assert in_force(region["adcode"], region["county"], e["year"])
        # The title prints the division, or its name before a change of an earlier year.
        kinds.add("made" if region["county"] in e["agency"] else "former")
    assert kinds == {"made", "former"}
    # By hand: 临平区 exists from 2021; 临安市 was 临安区 from 2017, 莱城区 济南市莱芜区 from 2018.
    assert ("临平区", "浙江省", "杭州市", "临平区", "330113") in changed_places(2021)
    assert not [p for p in changed_places(2020) if "临平区" in p[0]]
    assert ("临安市", "浙江省", "杭州市", "临安区", "330112") in changed_places(2019)
    assert ("莱城区", "山东省", "济南市", "莱芜区", "370116") in changed_places(2022)


def test_pages_that_are_not_reports_are_expected_rejected() -> None:
    firsts = set()
    for report in reports("not_a_report", n=15):
        e = report.expected
        assert e["status"] == "rejected" and e["agency"] is None and e["year"] is None
        assert e["applications"] == e["review_litigation"] == e["proactive"] == {}
        assert "第二十条" not in report.text and "结果维持" not in report.text
        first = report.text.split("\n")[0]
        firsts.add("notice" if first.endswith("的通知") else "news" if "召开" in first
                   else "links" if first == "政府信息公开年报" else first)
    assert firsts == {"notice", "news", "links"}


def test_a_mistyped_county_with_its_city_named_is_the_county() -> None:
    typos = {typo: (county, province, city, adcode)
             for county, typo, province, city, adcode in TYPO_PLACES}
    ambiguous = {typo: city for typo, _, city in AMBIGUOUS_TYPOS}
    kinds = set()
    for report in reports("place_typo_with_clue", n=30):
        e = report.expected
        if e["layout"] == "traditional":  # the title printed in another script
            continue
        typo = report.text.lstrip("# ").split("\n")[0][:3]
        if typo in ambiguous:  # two counties of the named city fit: nothing is known
            kinds.add("ambiguous")
            assert ambiguous[typo] in report.text and e["agency"].startswith(typo)
            assert set(e["region"].values()) == {None}
            continue
        kinds.add("read")
        county, province, city, adcode = typos[typo]
        assert county not in report.text and city in report.text
        assert e["agency"].startswith(county) and e["agency"][3:] in report.text
        assert e["region"] == {"province": province, "city": city, "county": county,
                               "adcode": adcode}
    assert kinds == {"read", "ambiguous"}
    assert set(typos) <= set(UNKNOWN_PLACES)  # without the city named, nothing is known


def test_the_agency_only_in_the_signature_or_fuller_below_the_title() -> None:
    for report in reports("agency_in_signature", "tabs", n=3):
        e = report.expected
        lines = report.text.split("\n")
        assert lines[0] == f"{e['year']}年政府信息公开工作年度报告"
        assert [ln for ln in lines if e["agency"] in ln] == [e["agency"]]
    for report in reports("agency_in_opening", "tabs", n=3):
        e = report.expected
        lines = report.text.split("\n")
        assert lines[0] == f"{e['year']}年政府信息公开工作年度报告"
        assert [ln for ln in lines if e["agency"] in ln] == [
            f"根据《中华人民共和国政府信息公开条例》规定，编制{e['agency']}{e['year']}年度政府"
            "信息公开工作年度报告。"]
    for report in reports("agency_in_page_title", n=3):
        e = report.expected
        title = f"{e['year']}年政府信息公开工作年度报告"
        page = re.search(r"<title>(.*?)</title>", report.text).group(1)
        assert page.startswith(e["agency"] + title) and f"<h1>{title}</h1>" in report.text
        assert report.text.count(e["agency"]) == 1
    for report in reports("agency_full_in_body", "tabs", n=3):
        e = report.expected
        short = report.text.split("\n")[0].split(str(e["year"]))[0]
        assert e["agency"] == e["region"]["city"] + short
        assert report.text.count(e["agency"]) == 2  # the prose and the signature


def test_figures_the_prose_restates() -> None:
    def stated(report: GeneratedReport) -> list[int]:
        prose = report.text[report.text.index("全年共收到"):report.text.index("二、主动")]
        return [int(n) for n in re.findall(r"(\d+)件", prose)]

    def table(report: GeneratedReport) -> list[int]:
        t3, t4 = report.expected["applications"], report.expected["review_litigation"]
        return [t3["new_received"]["total"], t3["total_processed"]["total"],
                t3["carried_forward"]["total"], t4["admin_reconsideration"]["total"]]

    for report in reports("narrative_figures", "tabs", n=3):
        assert stated(report) == table(report) and report.expected["status"] == "valid"
    for report in reports("narrative_contradiction", "tabs", n=3):
        differ = [a - b for a, b in zip(stated(report), table(report), strict=True) if a != b]
        assert len(differ) == 1 and differ[0] in (1, 2, 3, 10)
        assert report.expected["status"] == "flagged"


def test_rows_without_their_label_keep_their_place() -> None:
    for report in reports("pipe_label_lost", n=3):
        lines = section(report.text, "## 三、", "## 四、")
        bare = [ln for ln in lines if re.fullmatch(r"\|(  \|)+( \d+ \|){7}(  \|)?", ln)]
        assert len(bare) == 2
        t3 = report.expected["applications"]
        rows = [[str(t3[code][c]) for c in APPLICANTS] for code in t3]
        for line in bare:
            numbers = [c for c in _pipe_cells(line) if c]
            assert numbers in rows


def test_table_3_without_its_total_column() -> None:
    for report in reports("t3_no_total_column", "tabs", n=3):
        e = report.expected
        assert e["status"] == "flagged" and e["broken"] is None
        assert all(set(cells) == set(APPLICANTS[:-1]) for cells in e["applications"].values())
        lines = section(report.text, "三、收到", "四、政府")
        assert "总计" not in lines[0]
        row = next(ln for ln in lines if "本年新收" in ln).rstrip("\t").split("\t")
        assert row[-6:] == [str(e["applications"]["new_received"][c]) for c in APPLICANTS[:-1]]


def test_a_blank_cell_lost_inside_table_4_in_pdf_text() -> None:
    for report in reports("spaces_blank_lost", n=3):
        e = report.expected
        assert e["status"] == "flagged" and e["unplaceable"] == ["review_litigation"]
        cells = [v for p in vocab.PROCEEDINGS for v in e["review_litigation"][p.code].values()]
        assert cells[0] is not None and cells.count(None) == 1
        row = section(report.text, "四、政府", "五、")[-2]
        assert row == " ".join(str(v) for v in cells if v is not None)


def test_decisions_printed_in_wan() -> None:
    for report in reports("wan_in_numbers", "tabs", n=3):
        for item, label in (("licensing", "行政许可"), ("penalty", "行政处罚")):
            value = report.expected["proactive"][item]["decisions"]
            assert value % 100 == 0 and value >= 1_100  # 0.11万 and up
            row = next(ln for ln in report.text.split("\n") if ln.startswith(label + "\t"))
            assert row.split("\t")[-1] == f"{value / 10_000:g}万"


class _Tables(HTMLParser):
    """The rows of every <table> of a page, each cell's text stripped."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_a_saved_web_page_holds_the_tables_as_printed() -> None:
    for report in reports("html_blank_cells", n=3) + reports("html_page", n=2):
        assert report.file_name.endswith(".html")
        page = _Tables()
        page.feed(report.text)
        table2, table3, table4 = page.tables
        t3 = report.expected["applications"]
        for code, row in zip(t3, table3[len(T3_HEADER):], strict=True):
            assert row[-len(APPLICANTS):] == [
                "" if t3[code][c] is None else str(t3[code][c]) for c in APPLICANTS]
        t4 = report.expected["review_litigation"]
        assert table4[-1] == ["" if t4[p.code][r.code] is None else str(t4[p.code][r.code])
                              for p in vocab.PROCEEDINGS for r in vocab.RESULTS]
        assert len(table2) == (14 if report.expected["template"] == "2021" else 18)
        blanks = sum(v is None for cells in t3.values() for v in cells.values())
        if report.expected["damage"] == "html_blank_cells":
            assert 0 < blanks <= 3  # three drawn, two may fall on one cell
        else:
            assert blanks == 0


def test_a_district_settled_by_its_telephone_or_postcode() -> None:
    for report in reports("place_contact_clue", "tabs"):
        region = report.expected["region"]
        title = report.text.split("\n")[0]
        assert region["county"] in title and region["adcode"] is not None
        assert area_code_places(report.text) or postcode_provinces(report.text)
        prefixes = [*area_code_places(report.text), *postcode_provinces(report.text)]
        assert [p for p in prefixes if region["adcode"].startswith(p)] == prefixes


def test_a_title_printed_with_the_year_of_publication() -> None:
    for report in reports("title_publication_year", "tabs", n=3):
        year = report.expected["year"]
        assert f"{year + 1}年政府信息公开工作年度报告" in report.text
        assert f"{year}年，" in report.text
        assert report.expected["published_on"].startswith(str(year + 1))


def test_agencies_are_placed_in_counties_of_every_province() -> None:
    places = county_places()
    assert len(places) == 2626
    assert len({province for _, province, _, _ in places}) == 27  # no municipalities
    assert len({name for name, _, _, _ in places}) == len(places)
    assert ("山丹县", "甘肃省", "张掖市", "620725") in places
    assert not {"五大连池市", "梅县区", "朝阳区", "鼓楼区"} & {name for name, *_ in places}
    # The divisions of the corpus's years (2019-2024): 潞城市 has been 潞城区 since 2018;
    # 临平区 (2021) did not exist in 2019.
    assert ("潞城区", "山西省", "长治市", "140406") in places
    assert not {"潞城市", "上饶县", "临平区"} & {name for name, *_ in places}
    # Names two divisions had in some of those years: 南沙区 (广州市's, and 三沙市's from
    # 2020), 桥东区 (张家口市's, and 邢台市's until 2020), 友好区 (伊春市's, a new code
    # from the 2019 merger).
    assert not {"南沙区", "桥东区", "友好区"} & {name for name, *_ in places}
    # A 100k corpus: about 25,000 agencies, most of them county bodies of distinct counties.
    drawn = Counter(generate_report(20240601, index).expected["agency_identity"]
                    for index in range(0, 100000, 97))
    assert len(drawn) == 980  # of 1,031 reports drawn (with 32 counties: far fewer)


def test_garbled_table2_headers_print_no_template_word_and_expect_no_table2() -> None:
    from pipelines.parsing._table2 import _SIGNATURES

    for report in reports("t2_headers_garbled", "tabs", n=8):
        table2 = "\n".join(section(report.text, "二、主动公开", "三、收到"))
        assert not [w for words in _SIGNATURES.values() for w in words if w in table2]
        e = report.expected
        assert e["proactive"] == {} and e["status"] == "flagged"
        # The template the text still tells: the （六）1-3 rows, or a year before 2021.
        split = "3.其他" in report.text
        assert e["template"] == ("2021" if split else "2019")
        assert split or e["year"] < 2021


def test_ruled_pdf_draws_its_blank_cells_as_empty_cells_of_the_grid() -> None:
    import pypdfium2

    for report in reports("pdf_ruled_blanks", n=2):
        assert report.file_name.endswith("_pdf_ruled_pdf_ruled_blanks.pdf")
        e = report.expected
        for table in ("applications", "review_litigation", "proactive"):
            assert any(None in cells.values() for cells in e[table].values()), table
        assert e["status"] == "valid"
        pdf = pypdfium2.PdfDocument(report.data)
        # Ruling lines: the table's cells are drawn as path objects on its pages.
        paths = sum(1 for page in pdf for obj in page.get_objects()
                    if obj.type == pypdfium2.raw.FPDF_PAGEOBJ_PATH)
        pdf.close()
        assert paths > 100


def test_unruled_pdf_prints_no_trace_of_its_blank_cells() -> None:
    import pypdfium2

    for report in reports("pdf_unruled_blanks", n=3):
        assert report.file_name.endswith(".pdf") and report.data.startswith(b"%PDF-")
        e = report.expected
        for table in ("applications", "review_litigation", "proactive"):
            assert any(None in cells.values() for cells in e[table].values()), table
        assert e["status"] == "valid"
        pdf = pypdfium2.PdfDocument(report.data)
        text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
        pdf.close()
        table3 = re.sub(r"第 \d+ 页 共 \d+ 页", "", text[text.index("三、收到"):
                                                      text.index("四、政府信息公开行政复议")])
        numbers = re.findall(r"(?<![\S])\d+(?![\S])", table3)
        cells = [v for row in e["applications"].values() for v in row.values()]
        # Every number printed, and nothing where a cell is blank.
        assert len(numbers) == len([v for v in cells if v is not None])


def test_blank_cells_lost_inside_spaced_rows_leave_them_null_and_flagged() -> None:
    from bench.corpus_print import T2_BLOCKS

    # 规范性文件 (2019) and 行政规范性文件 (2021) print one item: labels by template.
    labels = {template: {item: label for _, _, items in blocks for item, label in items}
              for template, blocks in T2_BLOCKS.items()}
    for report in reports("spaces_blank_lost_rows", n=12):
        e = report.expected
        assert e["status"] == "flagged"
        [item] = [i for i, cells in e["proactive"].items() if set(cells.values()) == {None}]
        measures = vocab.measures_by_item(e["template"])[item]
        assert list(e["proactive"][item]) == list(measures[1:])
        table2 = section(report.text, "二、主动公开", "三、收到")
        label = labels[e["template"]][item]
        line = next(ln for ln in table2 if ln.startswith(label + " "))
        # One number fewer than the item's measures, and no trace of the blank (a change
        # prints as 增 4 / 减 3).
        printed = re.findall(r"(?:[增减] )?\d+(?:\.\d+)?", line[len(label):])
        assert len(printed) == len(measures) - 1
        [row] = [r for r, cells in e["applications"].items() if "natural_person" not in cells]
        assert e["applications"][row] == dict.fromkeys(APPLICANTS[1:])
