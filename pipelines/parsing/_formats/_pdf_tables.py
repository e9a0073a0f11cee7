"""Ruled tables of a page: pdfplumber's "lines" strategy with its default tolerances,
computed over tuples, indexes and bit sets instead of dicts and all-pairs loops.

Every step is pdfplumber's (`pdfplumber.table`, version pinned in uv.lock), in the same
floating-point arithmetic, so the cells are the same to the last bit: edges snapped to
the average of their cluster, joined along their line, cut at the minimum length;
intersections; the smallest cell at each intersection; cells grouped into tables by
shared corners. tests/test_pdf_reading.py holds the two side by side.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from operator import itemgetter

from pipelines.parsing._formats._pdf_geometry import Edge

Bbox = tuple[float, float, float, float]
# A ruling line after snapping and joining: its position across (x of a vertical line,
# top of a horizontal one), where it starts and ends along, and its bit in the sets of
# lines that meet at a point.
_Line = tuple[float, float, float, int]

_SNAP = 3.0  # pdfplumber's DEFAULT_SNAP_TOLERANCE
_JOIN = 3.0  # DEFAULT_JOIN_TOLERANCE
_PREFILTER = 1.0  # edge_min_length_prefilter
_MIN_LENGTH = 3.0  # edge_min_length
_INTERSECT = 3.0  # intersection_x/y_tolerance


def find_tables(edges: Iterable[Edge]) -> list[list[Bbox]]:
    """The cells of each table, tables ordered top to bottom, then left to right."""
    # An edge: (x0, top, x1, bottom, width, height, orientation, kind).
    edges = list(edges)
    vertical = _lines([e for e in edges if e[6] == "v" and e[5] >= _PREFILTER], 0)
    horizontal = _lines([e for e in edges if e[6] == "h" and e[4] >= _PREFILTER], 1)
    return _cells_to_tables(_cells(_intersections(vertical, horizontal)))


def _lines(edges: list[Edge], axis: int) -> list[_Line]:
    """pdfplumber's snap_objects, merge_edges and the minimum length, in one: each edge
    moved to the average position of its cluster (x0 of a vertical edge, top of a
    horizontal one), edges at the same position joined where they overlap or nearly
    touch, lines shorter than the minimum dropped. Lines in position order, then from
    where they start.

    An edge is moved by adding (average - position) to its position, which need not
    give the average to the last bit; edges at one position move alike, so that is
    computed once a position. Only what later steps read is kept of a line: its
    position, its extent along, and its length (for the minimum)."""
    if not edges:
        return []
    at = axis  # x0 (0) of a vertical edge, top (1) of a horizontal one
    lo, hi = (1, 3) if axis == 0 else (0, 2)
    positions = [e[at] for e in edges]
    # pdfplumber's cluster_objects: distinct positions chained within the tolerance,
    # each cluster's average summed over its edges in input order.
    cluster: dict[float, list[float]] = {}
    clusters: list[list[float]] = []
    last = None
    for value in sorted(set(positions)):
        if last is None or value > last + _SNAP:
            clusters.append([])
        cluster[value] = clusters[-1]
        last = value
    for value in positions:
        cluster[value].append(value)
    averages = {id(values): sum(values) / len(values) for values in clusters}
    moved = {value: value + (averages[id(values)] - value) for value, values in cluster.items()}
    # Edges grouped by where they were moved to, each group in order of its start (ties
    # in input order: a stable sort, as pdfplumber's).
    groups: dict[float, list[Edge]] = {}
    for e in sorted(edges, key=itemgetter(lo)):
        position = moved[e[at]]
        group = groups.get(position)
        if group is None:
            groups[position] = [e]
        else:
            group.append(e)
    out: list[_Line] = []
    for position in sorted(groups):
        group = groups[position]
        first = group[0]
        start, end = first[lo], first[hi]
        length = first[5] if axis == 0 else first[4]
        for e in group[1:]:
            if e[lo] <= end + _JOIN:
                if e[hi] > end:
                    # pdfplumber's resize_object: a vertical line's height grows by what
                    # its bottom moves; a horizontal one's width is x1 - x0 again.
                    length = length + (e[hi] - end) if axis == 0 else e[hi] - start
                    end = e[hi]
            else:
                if length >= _MIN_LENGTH:
                    out.append((position, start, end, len(out)))
                start, end = e[lo], e[hi]
                length = e[5] if axis == 0 else e[4]
        if length >= _MIN_LENGTH:
            out.append((position, start, end, len(out)))
    return out


def _intersections(vertical: list[_Line], horizontal: list[_Line]
                   ) -> dict[tuple[float, float], list[int]]:
    """Each point where a vertical and a horizontal line meet (within the tolerance),
    with the set of vertical lines and the set of horizontal lines through it, as bits.
    Two lines are the same line for pdfplumber when their boxes are equal; no two lines
    here have the same box (joined lines at one position are apart), so a line's own
    bit stands for its box."""
    tops = [h[0] for h in horizontal]  # in position order already
    tolerance = _INTERSECT
    points: dict[tuple[float, float], list[int]] = {}
    for x, top, bottom, v_bit in vertical:
        v_mask = 1 << v_bit
        # v.top <= h.top + tol and v.bottom >= h.top - tol
        for k in range(bisect_left(tops, top - tolerance), bisect_right(tops, bottom + tolerance)):
            h_top, h_x0, h_x1, h_bit = horizontal[k]
            if (top <= h_top + tolerance and bottom >= h_top - tolerance
                    and x >= h_x0 - tolerance and x <= h_x1 + tolerance):
                vertex = (x, h_top)
                entry = points.get(vertex)
                if entry is None:
                    points[vertex] = [v_mask, 1 << h_bit]
                else:
                    entry[0] |= v_mask
                    entry[1] |= 1 << h_bit
    return points


def _cells(points: dict[tuple[float, float], list[int]]) -> list[tuple[Bbox, tuple[int, ...]]]:
    """pdfplumber's intersections_to_cells: for each point in sorted order, the first
    point below and the first to the right (in sorted order) that share an edge with it
    and close a rectangle with a fourth point. Each cell comes with the numbers of its
    four corners (a cell's corners are points), for grouping cells into tables.

    Two points are connected when they share an edge: pdfplumber tests a vertical edge
    for points one above the other, a horizontal one for points side by side. A point
    below shares `point`'s x, one to the right its y, and the corner the x of the one and
    the y of the other, so each test here is the one of the two that applies."""
    ordered = sorted(points)
    # Each column and row of points in sorted order, as (y or x, vertical lines,
    # horizontal lines, number), and where each point stands in both.
    column: dict[float, list[tuple[float, int, int, int]]] = {}
    row: dict[float, list[tuple[float, int, int, int]]] = {}
    places = []
    for number, point in enumerate(ordered):
        entry = points[point]
        entry.append(number)
        vertical, horizontal = entry[0], entry[1]
        same_x = column.get(point[0])
        if same_x is None:
            same_x = column[point[0]] = []
        same_y = row.get(point[1])
        if same_y is None:
            same_y = row[point[1]] = []
        places.append((same_x, len(same_x), same_y, len(same_y), vertical, horizontal))
        same_x.append((point[1], vertical, horizontal, number))
        same_y.append((point[0], vertical, horizontal, number))
    cells: list[tuple[Bbox, tuple[int, ...]]] = []
    for number, (point, place) in enumerate(zip(ordered, places, strict=True)):
        below, in_column, right, in_row, vertical, horizontal = place
        n_right = len(right)
        if in_row + 1 == n_right or in_column + 1 == len(below):
            continue  # nothing to the right or nothing below: no cell starts here
        # Most cells close on the next point below and the next to the right: the pair
        # the search below tries first.
        below_y, below_vertical, below_horizontal, below_number = below[in_column + 1]
        right_x, right_vertical, right_horizontal, right_number = right[in_row + 1]
        if below_vertical & vertical and right_horizontal & horizontal:
            corner = points.get((right_x, below_y))
            if (corner is not None and corner[0] & right_vertical
                    and corner[1] & below_horizontal):
                cells.append(((point[0], point[1], right_x, below_y),
                              (number, below_number, right_number, corner[2])))
                continue
        cell = None
        for k in range(in_column + 1, len(below)):
            below_y, below_vertical, below_horizontal, below_number = below[k]
            if not below_vertical & vertical:
                continue
            for j in range(in_row + 1, n_right):
                right_x, right_vertical, right_horizontal, right_number = right[j]
                if not right_horizontal & horizontal:
                    continue
                corner = points.get((right_x, below_y))
                if (corner is not None and corner[0] & right_vertical
                        and corner[1] & below_horizontal):
                    cell = ((point[0], point[1], right_x, below_y),
                            (number, below_number, right_number, corner[2]))
                    break
            if cell is not None:
                cells.append(cell)
                break
    return cells


def _cells_to_tables(cells: list[tuple[Bbox, tuple[int, ...]]]) -> list[list[Bbox]]:
    """pdfplumber's cells_to_tables: cells that share a corner, grown to a fixed point,
    the cells of each table in the order pdfplumber adds them."""
    remaining = cells
    joined: set[int] = set()
    current: list[Bbox] = []
    tables: list[list[Bbox]] = []
    while remaining:
        # One pass over the cells left, in order, each joining the table if it shares a
        # corner with a cell already in it (the first cell of a table always does).
        before = len(current)
        rest = []
        for item in remaining:
            corners = item[1]
            if not current or not joined.isdisjoint(corners):
                joined.update(corners)
                current.append(item[0])
            else:
                rest.append(item)
        remaining = rest
        if len(current) == before:
            tables.append(current)
            joined = set()
            current = []
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
