"""Agency identity and classification: the stage between a report's metadata and the
warehouse's dim_agency.

Pure: names and regions in, classifications and identity frames out. No Dagster, no
DuckDB. The rules and tables are data (`_tables.py`); each result keeps the rule that
decided it (`Agency.classified_by`).
"""

from pipelines.agencies._classify import classify, normalize_name
from pipelines.agencies._identity import (
    AGENCY_SCHEMA,
    ALIAS_SCHEMA,
    REPORT_AGENCY_SCHEMA,
    SECTOR_SCHEMA,
    AgencyFrames,
    agency_frames,
)
from pipelines.agencies._places import LEVELS
from pipelines.agencies._tables import SECTORS, Sector
from pipelines.agencies._types import KINDS, Agency

__all__ = [
    "AGENCY_SCHEMA",
    "ALIAS_SCHEMA",
    "KINDS",
    "LEVELS",
    "REPORT_AGENCY_SCHEMA",
    "SECTORS",
    "SECTOR_SCHEMA",
    "Agency",
    "AgencyFrames",
    "Sector",
    "agency_frames",
    "classify",
    "normalize_name",
]
