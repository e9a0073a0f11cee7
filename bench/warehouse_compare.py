"""Two warehouses compared relation by relation: row counts and a content digest that does
not depend on row order (rows are stored in the order the parse steps finished).

Only columns that legitimately differ between two loads of the same files are left out of
the digest: `EXCLUDED_COLUMNS`, each with its reason. Everything else, every table and
every view of either warehouse, must be equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.warehouse import connect_readonly, load_sql

# Column name -> why two loads of the same files may differ there.
EXCLUDED_COLUMNS = {
    "loaded_at": "the time of the load (reports, warehouse_build)",
}


@dataclass(frozen=True)
class Digest:
    kind: str  # "table" or "view"
    rows: int
    digest: int
    excluded: tuple[str, ...]


@dataclass(frozen=True)
class RelationComparison:
    relation: str
    kind: str
    rows: tuple[int | None, int | None]  # None: the relation is missing on that side
    equal: bool
    excluded: tuple[str, ...]


def digest_warehouse(path: Path) -> dict[str, Digest]:
    """Every table and view of the warehouse at `path` -> its row count and digest."""
    relations_sql = load_sql("compare_relations.sql")
    digest_sql = load_sql("compare_digest.sql")
    out: dict[str, Digest] = {}
    with connect_readonly(path) as con:
        for relation, kind, columns in con.execute(relations_sql).fetchall():
            excluded = tuple(c for c in columns if c in EXCLUDED_COLUMNS)
            rows, digest = con.execute(
                digest_sql, {"relation": relation, "excluded": list(excluded)}).fetchone()
            out[relation] = Digest(kind, int(rows), int(digest), excluded)
    return out


def compare_warehouses(left: Path, right: Path) -> list[RelationComparison]:
    """Every relation of either warehouse, sorted by name; `equal` only when both hold it
    with the same rows (in any order) outside the excluded columns."""
    a, b = digest_warehouse(left), digest_warehouse(right)
    out = []
    for relation in sorted(a.keys() | b.keys()):
        x, y = a.get(relation), b.get(relation)
        either = x or y
        assert either is not None
        out.append(RelationComparison(
            relation=relation,
            kind=either.kind,
            rows=(x.rows if x else None, y.rows if y else None),
            equal=x is not None and y is not None and (x.kind, x.rows, x.digest, x.excluded)
            == (y.kind, y.rows, y.digest, y.excluded),
            excluded=either.excluded,
        ))
    return out


def comparison_lines(comparisons: list[RelationComparison], names: tuple[str, str]) -> list[str]:
    """The comparison as a text table, one relation a line, and a verdict."""
    width = max([len("relation"), *(len(c.relation) for c in comparisons)])
    header = (f"{'relation':<{width}}  {'kind':<5}  {'rows (' + names[0] + ')':>16}  "
              f"{'rows (' + names[1] + ')':>21}  content")
    lines = [header, "-" * len(header)]
    for c in comparisons:
        left, right = (("missing" if n is None else f"{n:,}") for n in c.rows)
        verdict = "equal" if c.equal else "DIFFERENT"
        note = f" (without {', '.join(c.excluded)})" if c.excluded else ""
        lines.append(f"{c.relation:<{width}}  {c.kind:<5}  {left:>16}  {right:>21}  "
                     f"{verdict}{note}")
    different = [c.relation for c in comparisons if not c.equal]
    tables = sum(1 for c in comparisons if c.kind == "table")
    lines.append(f"{len(comparisons)} relations compared ({tables} tables, "
                 f"{len(comparisons) - tables} views): "
                 + ("all equal" if comparisons and not different
                    else f"{len(different)} different: {', '.join(different) or 'none found'}"))
    lines.extend(f"excluded everywhere: {column}, {why}"
                 for column, why in EXCLUDED_COLUMNS.items())
    return lines


def all_equal(comparisons: list[RelationComparison]) -> bool:
    """True when there was something to compare and every relation is equal."""
    return bool(comparisons) and all(c.equal for c in comparisons)
