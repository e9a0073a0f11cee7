"""The value agency classification returns."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = (
    "government",  # 人民政府 at any level, 乡/镇人民政府 included
    "general_office",  # the government's 办公厅 / 办公室
    "department",  # a 厅, 局, 办公室 or other working department, vertical bodies included
    "commission",  # a 委员会 / 委 that is a working department
    "zone_committee",  # the 管理委员会 of a development zone, new area or pilot zone
    "dispatched_office",  # 街道办事处, 行政公署: offices a government sends out
    "other",  # no rule fits (institutions, party bodies, anything unrecognised)
)


@dataclass(frozen=True, slots=True)
class Agency:
    """One agency name, classified. `classified_by` names the rule behind every field, so
    a reader can see why (and a wrong rule can be found)."""

    name: str  # the name as given, normalised (NFKC, no whitespace)
    canonical_name: str  # full form: abbreviations expanded, 2018 renames applied
    body: str  # canonical name without place, zone and headquarters: the key's own part
    places: tuple[str, ...]  # divisions named in front of the body (山东省, 潍坊市)
    township: str | None  # 景芝镇, 兴安街道: a township-level unit named in the name
    zone: str | None  # 高新技术产业开发区: a special zone named in the name
    level: str | None  # province / city / county / township; None when nothing says
    kind: str  # one of KINDS
    sector: str  # a code of dim_sector
    classified_by: str  # the rules that decided, "field=rule:evidence" joined by "; "
    renamed_from: str | None = None  # the old body a 2018 rename table mapped from
    merged_into: str | None = None  # successor body of a 2018 merger, if this is an old one
