"""HTML page -> lines: site chrome dropped, tables as cell grids honouring rowspan/colspan.

lxml's HTML parser (libxml2) is used: it is fast (C), recovers from the broken markup
that content-management systems emit, and gives the element tree with spans intact.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer
import lxml.etree
import lxml.html

from pipelines.parsing._formats._text import clean, join_fragments, table_lines
from pipelines.parsing._types import ReportRejected

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.:\-]+)""",
    re.IGNORECASE)
# Pages labelled GB2312 or GBK routinely contain characters outside those sets;
# GB18030 is their superset and decodes both.
_GB_FAMILY = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "x-euc-cn", "euc-cn", "cp936", "ms936",
              "csgb2312", "gb18030"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

# Never part of a report: code, forms and the site's own navigation.
_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed",
                 "svg", "canvas", "nav", "header", "footer", "aside", "form", "select",
                 "button", "input", "textarea", "head")
_CHROME = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|header|footer|foot|breadcrumbs?|crumbs?|sidebar|share|"
    r"copyright|banner|toolbar|search|login|position|location|dqwz|weizhi)($|[\s_-])",
    re.IGNORECASE)
_CHROME_LINE = re.compile(r"^(当前位置|您现在的位置|您的位置|所在位置|當前位置)")
_BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "section", "article", "main", "blockquote", "pre", "br", "hr", "center", "address",
    "figure", "figcaption", "caption", "body", "table", "tbody", "thead", "tfoot", "tr",
    "td", "th"})
_TITLE_WORDS = ("年度报告", "年度報告")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||--|—|–|-{1,2}\s)\s*")
_BREAK = None


def html_to_text(data: bytes) -> str:
    text = decode_html(data)
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ReportRejected(f"HTML page without content ({exc})") from None
    title = page_title(root)
    head = root.find("head/title")
    head_title = join_fragments(head.itertext()) if head is not None else ""
    _drop_chrome(root)
    body = root.find("body")
    tokens: list[str | list[str] | None] = []
    _emit(body if body is not None else root, tokens)
    lines = _lines(tokens)
    if not lines:
        raise ReportRejected("HTML page without text")
    if title and not _titled(lines):
        lines.insert(0, title)
    else:
        fuller = _fuller_title(head_title, lines)
        if fuller is not None:
            lines.insert(0, fuller)
    return "\n".join(lines) + "\n"


def decode_html(data: bytes) -> str:
    """Text of the page: the byte-order mark, else the declared charset, else detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = _DECLARED.search(data[:8192])
    if declared:
        name = (declared.group(1) or declared.group(2)).decode("ascii").lower()
        encoding = "gb18030" if name in _GB_FAMILY else name
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong label is common; detection below decides
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "gb18030"
    if encoding in _GB_FAMILY:
        encoding = "gb18030"
    return data.decode(encoding, errors="replace")


def page_title(root: lxml.html.HtmlElement) -> str | None:
    """The report title wherever the page puts it: a heading, a title block, <title>."""
    candidates = root.xpath(
        "//h1 | //h2 | //h3 | //*[contains(@class, 'title') or contains(@id, 'title')]"
        " | //title")
    for element in candidates:
        text = join_fragments(element.itertext())
        for part in _TITLE_SEPARATORS.split(text):
            if any(word in part for word in _TITLE_WORDS) and len(part) < 80:
                return part
    return None


def _fuller_title(head: str, lines: list[str]) -> str | None:
    """The page's <title>, where it is the body's title with more in front: the agency a
    site's article heading leaves to the page around it (<title>某某局2023年政府信息公开
    工作年度报告_某某市人民政府</title> above <h1>2023年政府信息公开工作年度报告</h1>)."""
    if not head:
        return None
    line = next((line for line in lines if "\t" in line
                 or any(word in line for word in _TITLE_WORDS)), "\t")
    if "\t" in line:  # no title above the first table
        return None
    body_title = "".join(line.split())
    for part in _TITLE_SEPARATORS.split(head):
        own = "".join(part.split())
        if own != body_title and own.endswith(body_title) and len(own) < 80:
            return part
    return None


def _titled(lines: list[str]) -> bool:
    """Whether the body itself prints the title before its first table."""
    for line in lines:
        if "\t" in line:
            return False
        if any(word in line for word in _TITLE_WORDS):
            return True
    return False


def _drop_chrome(root: lxml.html.HtmlElement) -> None:
    lxml.etree.strip_elements(root, lxml.etree.Comment, lxml.etree.ProcessingInstruction,
                              with_tail=False)
    for element in list(root.iter(*_DROPPED_TAGS)):
        if element.tag in ("header", "footer") and element.find(".//table") is not None:
            continue  # a page that wraps its article in <header> still has the report
        _remove(element)
    for element in list(root.iter()):
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if (marks.strip() and _CHROME.search(marks) and element.find(".//table") is None
                and element.getparent() is not None):
            _remove(element)


def _remove(element: lxml.html.HtmlElement) -> None:
    # drop_tree keeps the text that follows the element: it belongs to the parent.
    if element.getparent() is not None:
        element.drop_tree()


def _emit(element: lxml.html.HtmlElement, out: list) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "table" and element.find(".//table") is None:
        out.append(_BREAK)
        out.append(table_lines(_grid(element)))
        out.append(_BREAK)
    else:
        block = tag in _BLOCKS
        if block:
            out.append(_BREAK)
        if element.text:
            out.append(element.text)
        for child in element:
            _emit(child, out)
        if block:
            out.append(_BREAK)
    if element.tail:
        out.append(element.tail)


def _lines(tokens: list) -> list[str]:
    lines: list[str] = []
    run: list[str] = []

    def flush() -> None:
        line = clean("".join(run))
        run.clear()
        if line and not _CHROME_LINE.match(line):
            lines.append(line)

    for token in tokens:
        if token is _BREAK:
            flush()
        elif isinstance(token, list):
            flush()
            lines.extend(token)
        else:
            run.append(token)
    flush()
    return lines


def _grid(table: lxml.html.HtmlElement) -> list[list[str]]:
    """Rows of the table with merged cells placed: text in the first cell, the rest empty."""
    rows = [tr for tr in table.iter("tr")]
    placed: dict[tuple[int, int], str] = {}
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in placed:
                c += 1
            rowspan = min(_span(cell.get("rowspan")), len(rows) - r)
            colspan = min(_span(cell.get("colspan")), 1000)
            text = _cell_text(cell)
            for dr in range(rowspan):
                for dc in range(colspan):
                    placed[(r + dr, c + dc)] = text if dr == dc == 0 else ""
            c += colspan
            width = max(width, c)
    # A row ends at its own last cell: a <tr> with fewer cells than the table lost some
    # (a content system drops empty <td>s), and padding its end with blanks would pass
    # off its numbers, shifted left, as a full row. Short, the parser sees it is short.
    ends = {}
    for r, c in placed:
        ends[r] = max(ends.get(r, 0), c + 1)
    return [[placed.get((r, c), "") for c in range(ends.get(r, 0))]
            for r in range(len(rows))]


def _span(value: str | None) -> int:
    try:
        return max(1, int(str(value).strip()))
    except ValueError:
        return 1


def _cell_text(cell: lxml.html.HtmlElement) -> str:
    tokens: list = [cell.text] if cell.text else []
    for child in cell:
        _emit(child, tokens)
    return join_fragments(_lines(tokens))
