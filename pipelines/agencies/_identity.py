"""Reports' agency names -> one identity per agency: the rows of dim_agency,
dim_agency_alias and each report's agency_id.

An agency_id is derived from what stays the same while its name is written differently:
the division it belongs to (the parser's adcode, else its province/city/county), the
township or zone it is part of, and its canonical body (卫健局 and 卫生和计划生育局 both
become 卫生健康局). Load order plays no part, so a rerun or a later year keeps the id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import polars as pl

from pipelines.agencies._classify import classify, normalize_name
from pipelines.agencies._tables import RENAME_ALTERNATIVES, SECTORS
from pipelines.agencies._types import Agency

AGENCY_SCHEMA: dict[str, pl.DataType] = {
    "agency_id": pl.String,
    "canonical_name": pl.String,
    "province": pl.String,
    "city": pl.String,
    "county": pl.String,
    "adcode": pl.String,
    "level": pl.String,
    "kind": pl.String,
    "sector": pl.String,
    "classified_by": pl.String,
    "merged_into_id": pl.String,
    "first_year": pl.Int32,
    "last_year": pl.Int32,
    "reports": pl.Int64,
}
ALIAS_SCHEMA: dict[str, pl.DataType] = {
    "agency_id": pl.String,
    "alias": pl.String,
    "first_year": pl.Int32,
    "last_year": pl.Int32,
    "reports": pl.Int64,
    "as_written": pl.Boolean,
    "renamed_from": pl.String,
    "classified_by": pl.String,
}
REPORT_AGENCY_SCHEMA: dict[str, pl.DataType] = {"source_file": pl.String, "agency_id": pl.String}
SECTOR_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String, "label": pl.String, "sort_order": pl.Int32,
}


@dataclass(frozen=True, slots=True)
class AgencyFrames:
    agencies: pl.DataFrame  # AGENCY_SCHEMA, one row per agency_id
    aliases: pl.DataFrame  # ALIAS_SCHEMA, one row per agency_id and form seen
    report_agencies: pl.DataFrame  # REPORT_AGENCY_SCHEMA, one row per report file
    sectors: pl.DataFrame  # SECTOR_SCHEMA


def sector_frame() -> pl.DataFrame:
    return pl.DataFrame([s._asdict() for s in SECTORS], schema=SECTOR_SCHEMA)


def agency_key(agency: Agency, province: str | None, city: str | None, county: str | None,
               adcode: str | None) -> str | None:
    """What identifies the agency, or None when nothing places it (a bare 卫生健康局 with
    no region could be any county's: it gets no id rather than a shared wrong one)."""
    if adcode:
        where = f"adcode:{adcode}"
    elif province or city or county:
        where = f"region:{province or ''}/{city or ''}/{county or ''}"
    elif agency.places:
        where = "named:" + "".join(agency.places)
    else:
        return None
    return "|".join((where, agency.zone or "", agency.township or "", agency.body))


def agency_id(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def agency_frames(reports: pl.DataFrame) -> AgencyFrames:
    """Identities of the agencies of `reports` (columns source_file, agency,
    agency_as_written, year, province, city, county, adcode; rejected files included:
    their agency is whatever the parser could read, often NULL)."""
    former = (pl.col("agency_former") if "agency_former" in reports.columns
              else pl.lit(None, pl.String).alias("agency_former"))
    rows = reports.select(
        "source_file", "agency", "agency_as_written", former, "year", "province", "city",
        "county", "adcode",
    )
    combos = rows.group_by(
        "agency", "agency_as_written", "agency_former", "province", "city", "county", "adcode"
    ).agg(
        pl.col("year").min().alias("first_year"),
        pl.col("year").max().alias("last_year"),
        pl.len().alias("reports"),
        pl.col("source_file"),
    ).sort(  # group_by's order varies: the rows' ties (classified_by) must not
        "agency", "agency_as_written", "agency_former", "province", "city", "county", "adcode",
        nulls_last=True)
    agency_rows: dict[str, dict] = {}
    alias_rows: dict[tuple[str, str], dict] = {}
    files: list[str] = []
    ids: list[str | None] = []
    classified = []
    for combo in combos.iter_rows(named=True):
        name = combo["agency"] or combo["agency_as_written"]
        region = (combo["province"], combo["city"], combo["county"], combo["adcode"])
        found = classify(name, *region) if name else None
        classified.append((combo, name, region, found,
                           agency_key(found, *region) if found else None))
    # Keys some report names under a current (not a pre-2018) name.
    current = {key for _, _, _, found, key in classified
               if key and found and found.renamed_from is None}
    stated = _stated_renames(classified)
    formers: list[tuple[dict, str, Agency, str]] = []
    for combo, name, region, found, key in classified:
        note = ""
        if key and found and found.renamed_from and key not in current:
            named = _as_named(key, found.body, current)
            if named != key:
                note = f"; rename_2018_as_named:{named[len(key) - len(found.body):]}"
                key = named
        if key in stated:
            note += f"; former_name_stated:{stated[key][1]}"
            key = stated[key][0]
        if key and found and combo["agency_former"]:
            former_found = _former(found, combo["agency_former"], region)
            formers.append((combo, key, former_found, combo["agency_former"]))
        the_id = agency_id(key) if key else None
        files.extend(combo["source_file"])
        ids.extend([the_id] * len(combo["source_file"]))
        if the_id is None or found is None:
            continue
        _merge_agency(agency_rows, the_id, found, combo, region)
        forms = {normalize_name(name): False}
        if combo["agency_as_written"]:
            forms.setdefault(normalize_name(combo["agency_as_written"]), True)
        for form, as_written in forms.items():
            _merge_alias(alias_rows, the_id, form, as_written, combo, region, note)
    for combo, key, former_found, as_stated in formers:
        region = (combo["province"], combo["city"], combo["county"], combo["adcode"])
        _merge_alias(alias_rows, agency_id(key), former_found.name, True, combo, region,
                     f"; former_name_stated:（原{as_stated}）", former_found)
    for row in agency_rows.values():
        row.pop("_rank")
        successor = row.pop("_merged_into")
        # A merged body whose reports a stated former name moved into its successor is
        # the successor: it is not merged into itself.
        row["merged_into_id"] = (successor if successor in agency_rows
                                 and successor != row["agency_id"] else None)
    return AgencyFrames(
        agencies=pl.DataFrame(list(agency_rows.values()), schema=AGENCY_SCHEMA).sort("agency_id"),
        aliases=pl.DataFrame(list(alias_rows.values()), schema=ALIAS_SCHEMA).sort(
            "agency_id", "first_year", "alias", nulls_last=True),
        report_agencies=pl.DataFrame({"source_file": files, "agency_id": ids},
                                     schema=REPORT_AGENCY_SCHEMA),
        sectors=sector_frame(),
    )


def _merge_agency(rows: dict[str, dict], the_id: str, found: Agency, combo: dict,
                  region: tuple[str | None, ...]) -> None:
    # The row speaks with its latest name (then the longest), and among the forms that
    # give that name with the most complete region, then the fewest rules (a name written
    # out beats its abbreviation), then the first by region and rules. Every field is in
    # the rank, so the row is the same whatever order the reports arrive in: parse steps
    # finish in any order, and group_by keeps none. A current name outranks a pre-2018
    # one, which may have been linked to a successor its own canonical name does not
    # spell (_as_named).
    rank = (found.renamed_from is None, combo["last_year"] or 0, len(found.canonical_name),
            found.canonical_name, sum(part is not None for part in region),
            -len(found.classified_by), tuple(part or "" for part in region),
            found.classified_by)
    row = rows.get(the_id)
    if row is None:
        row = rows[the_id] = {"first_year": combo["first_year"], "last_year": combo["last_year"],
                              "reports": 0, "_rank": None}
    else:
        row["first_year"] = _least(row["first_year"], combo["first_year"])
        row["last_year"] = _most(row["last_year"], combo["last_year"])
    row["reports"] += combo["reports"]
    if row["_rank"] is None or rank > row["_rank"]:
        merged_into = None
        if found.merged_into:
            successor = classify(_successor_name(found), *region)
            key = agency_key(successor, *region)
            # A merger links only within one sector: where the old body's sector is not
            # its successor's, which part of it went where is not known.
            if key and successor.sector == found.sector:
                merged_into = agency_id(key)
        row.update(
            agency_id=the_id, canonical_name=found.canonical_name, province=region[0],
            city=region[1], county=region[2], adcode=region[3], level=found.level,
            kind=found.kind, sector=found.sector, classified_by=found.classified_by,
            _rank=rank, _merged_into=merged_into,
        )


def _former(found: Agency, stated: str, region: tuple[str | None, ...]) -> Agency:
    """The former name a report states, classified, with the current name's places in
    front where it names none (（原卫生和计划生育局）)."""
    former = classify(stated, *region)
    if not former.places and not former.zone and not former.township:
        prefix = found.canonical_name[: len(found.canonical_name) - len(found.body)]
        former = classify(prefix + former.name, *region)
    return former


def _stated_renames(classified: list) -> dict[str, tuple[str, str]]:
    """Former body's key -> (the key of the agency whose report says it was that body,
    the words it said), where a report states （原…） and both are of one sector. A former
    name two agencies claim links to neither."""
    claims: dict[str, set[tuple[str, str]]] = {}
    for combo, _, region, found, key in classified:
        if not (key and found and combo["agency_former"]):
            continue
        former = _former(found, combo["agency_former"], region)
        former_key = agency_key(former, *region)
        if former_key and former_key != key and former.sector == found.sector:
            claims.setdefault(former_key, set()).add(
                (key, f"（原{combo['agency_former']}）"))
    return {former: min(by) for former, by in claims.items()
            if len({k for k, _ in by}) == 1}


def _as_named(key: str, body: str, current: set[str]) -> str:
    """The key of the successor a division named otherwise (国土资源局 -> its
    自然资源和规划局): only when exactly one alternative of the usual successor has reports
    there; otherwise the usual successor's key."""
    head = key[: len(key) - len(body)]
    named = [head + alt for alt in RENAME_ALTERNATIVES.get(body, ()) if head + alt in current]
    return named[0] if len(named) == 1 else key


def _successor_name(found: Agency) -> str:
    return found.canonical_name[: len(found.canonical_name) - len(found.body)] + (
        found.merged_into or "")


def _merge_alias(rows: dict[tuple[str, str], dict], the_id: str, form: str, as_written: bool,
                 combo: dict, region: tuple[str | None, ...], note: str = "",
                 found: Agency | None = None) -> None:
    row = rows.get((the_id, form))
    if row is None:
        found = found or classify(form, *region)
        rows[(the_id, form)] = {
            "agency_id": the_id, "alias": form, "first_year": combo["first_year"],
            "last_year": combo["last_year"], "reports": combo["reports"],
            "as_written": as_written, "renamed_from": found.renamed_from,
            "classified_by": found.classified_by + note,
        }
        return
    row["first_year"] = _least(row["first_year"], combo["first_year"])
    row["last_year"] = _most(row["last_year"], combo["last_year"])
    row["reports"] += combo["reports"]
    row["as_written"] = row["as_written"] and as_written


def _least(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def _most(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


