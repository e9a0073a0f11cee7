"""Ruled tables of a page: pdfplumber's "lines" strategy with its default tolerances,
computed over tuples with indexes instead of dicts and all-pairs loops.

Every step is pdfplumber's (`pdfplumber.table`, version pinned in uv.lock), in the same
floating-point arithmetic, so the cells are the same to the last bit: edges snapped to
the average of their cluster, joined along their line, cut at the minimum length;
intersections; the smallest cell at each intersection; cells grouped into tables by
shared corners. tests/test_pdf_reading.py holds the two side by side.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter

from pipelines.parsing._formats._pdf_geometry import Edge

Bbox = tuple[float, float, float, float]

_SNAP = 3.0  # pdfplumber's DEFAULT_SNAP_TOLERANCE
_JOIN = 3.0  # DEFAULT_JOIN_TOLERANCE
_PREFILTER = 1.0  # edge_min_length_prefilter
_MIN_LENGTH = 3.0  # edge_min_length
_INTERSECT = 3.0  # intersection_x/y_tolerance


def find_tables(edges: Iterable[Edge]) -> list[list[Bbox]]:
    """The cells of each table, tables ordered top to bottom, then left to right."""
    # An edge: (x0, top, x1, bottom, width, height, orientation, kind); the steps below
    # read the first six.
    vertical = [e for e in edges if e[6] == "v" and e[5] >= _PREFILTER]
    horizontal = [e for e in edges if e[6] == "h" and e[4] >= _PREFILTER]
    vertical = [e for e in _join(_snap(vertical, 0), 0, 1) if e[5] >= _MIN_LENGTH]
    horizontal = [e for e in _join(_snap(horizontal, 1), 1, 0) if e[4] >= _MIN_LENGTH]
    return _cells_to_tables(_cells(_intersections(vertical, horizontal)))


def _clusters(values: list[float], tolerance: float) -> dict[float, int]:
    """pdfplumber's make_cluster_dict: sorted distinct values chained within tolerance."""
    out: dict[float, int] = {}
    group, last = -1, None
    for value in sorted(set(values)):
        if last is None or value > last + tolerance:
            group += 1
        out[value] = group
        last = value
    return out


def _snap(edges: list[list[float]], axis: int) -> list[list[float]]:
    """Each edge moved to the average position of its cluster (x0 for vertical edges, top
    for horizontal ones), as pdfplumber's snap_objects; clusters in position order, edges
    in input order inside a cluster."""
    if not edges:
        return []
    key = 0 if axis == 0 else 1
    cluster = _clusters([e[key] for e in edges], _SNAP)
    # Clusters in position order, each with its edges in input order (a stable sort by
    # cluster, without sorting).
    clusters: list[list[list[float]]] = [[] for _ in range(max(cluster.values()) + 1)]
    for e in edges:
        clusters[cluster[e[key]]].append(e)
    out: list[list[float]] = []
    for members in clusters:
        average = sum([e[key] for e in members]) / len(members)
        if axis == 0:  # moved along x: x0 and x1
            out += [[e[0] + (average - e[0]), e[1], e[2] + (average - e[0]), e[3], e[4], e[5]]
                    for e in members]
        else:  # moved along y: top and bottom
            out += [[e[0], e[1] + (average - e[1]), e[2], e[3] + (average - e[1]), e[4], e[5]]
                    for e in members]
    return out


def _join(edges: list[list[float]], axis: int, along: int) -> list[list[float]]:
    """Edges on the same line (same x0, or same top) that overlap or nearly touch, as one;
    lines in position order as pdfplumber's merge_edges."""
    position = 0 if axis == 0 else 1
    lo, hi = (1, 3) if along == 1 else (0, 2)
    out: list[list[float]] = []
    at, start = itemgetter(position), itemgetter(lo)
    for _, group in groupby(sorted(edges, key=at), key=at):
        line = sorted(group, key=start)
        joined = [line[0]]
        for e in line[1:]:
            last = joined[-1]
            if e[lo] <= last[hi] + _JOIN:
                if e[hi] > last[hi]:
                    resized = list(last)
                    if hi == 3:  # bottom
                        resized[5] = last[5] + (e[3] - last[3])
                    else:  # x1
                        resized[4] = e[2] - last[0]
                    resized[hi] = e[hi]
                    joined[-1] = resized
            else:
                joined.append(e)
        out += joined
    return out


def _intersections(vertical: list[list[float]], horizontal: list[list[float]]
                   ) -> dict[tuple[float, float], tuple[set[tuple], set[tuple]]]:
    by_top = sorted(horizontal, key=_TOP)
    tops = [e[1] for e in by_top]
    keys = [(h[0], h[1], h[2], h[3]) for h in by_top]
    tolerance = _INTERSECT
    points: dict[tuple[float, float], tuple[set[tuple], set[tuple]]] = {}
    for v in vertical:
        x, top, bottom = v[0], v[1], v[3]
        key = (x, top, v[2], bottom)
        # v.top <= h.top + tol and v.bottom >= h.top - tol
        start = bisect_left(tops, top - tolerance)
        end = bisect_right(tops, bottom + tolerance)
        for k in range(start, end):
            h = by_top[k]
            h_top = h[1]
            if (top <= h_top + tolerance and bottom >= h_top - tolerance
                    and x >= h[0] - tolerance and x <= h[2] + tolerance):
                vertex = (x, h_top)
                entry = points.get(vertex)
                if entry is None:
                    entry = points[vertex] = (set(), set())
                entry[0].add(key)
                entry[1].add(keys[k])
    return points


_TOP = itemgetter(1)


def _cells(points: dict[tuple[float, float], tuple[set[tuple], set[tuple]]]) -> list[Bbox]:
    """pdfplumber's intersections_to_cells: for each point in sorted order, the first
    point below and the first to the right (in sorted order) that share an edge with it
    and close a rectangle with a fourth point."""

    ordered = sorted(points)
    column: dict[float, list[tuple[float, float]]] = defaultdict(list)
    row: dict[float, list[tuple[float, float]]] = defaultdict(list)
    # Where each point stands in its column and in its row (both in sorted order).
    places: list[tuple[int, int]] = []
    for point in ordered:
        same_x, same_y = column[point[0]], row[point[1]]
        places.append((len(same_x), len(same_y)))
        same_x.append(point)
        same_y.append(point)
    cells: list[Bbox] = []
    for point, (in_column, in_row) in zip(ordered, places, strict=True):
        below = column[point[0]][in_column + 1:]
        right = row[point[1]][in_row + 1:]
        cell = _smallest_cell(point, below, right, points)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(point, below, right, points) -> Bbox | None:
    """Two points are connected when they share an edge: pdfplumber tests a vertical
    edge for points one above the other, a horizontal one for points side by side. A
    point below shares `point`'s x, one to the right its y, and the corner the x of the
    one and the y of the other, so each test here is the one of the two that applies."""
    vertical, horizontal = points[point]
    for below_point in below:
        below_vertical, below_horizontal = points[below_point]
        if vertical.isdisjoint(below_vertical):
            continue
        for right_point in right:
            right_vertical, right_horizontal = points[right_point]
            if horizontal.isdisjoint(right_horizontal):
                continue
            corner = (right_point[0], below_point[1])
            edges = points.get(corner)
            if (edges is not None and not edges[0].isdisjoint(right_vertical)
                    and not edges[1].isdisjoint(below_horizontal)):
                return (point[0], point[1], corner[0], corner[1])
    return None


def _cells_to_tables(cells: list[Bbox]) -> list[list[Bbox]]:
    """pdfplumber's cells_to_tables: cells that share a corner, grown to a fixed point."""
    remaining = list(cells)
    corners: set[tuple[float, float]] = set()
    current: list[Bbox] = []
    tables: list[list[Bbox]] = []
    while remaining:
        # One pass over the cells left, in order, each joining the table if it shares a
        # corner with a cell already in it (the first cell of a table always does).
        before = len(current)
        rest = []
        for cell in remaining:
            x0, top, x1, bottom = cell
            own = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or not corners.isdisjoint(own):
                corners.update(own)
                current.append(cell)
            else:
                rest.append(cell)
        remaining = rest
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
