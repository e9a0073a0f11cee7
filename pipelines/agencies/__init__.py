"""Agency identity and classification: the stage between a report's metadata and the
warehouse's dim_agency.

Pure: names and regions in, classifications and identity frames out. No Dagster, no
DuckDB. The rules and tables are data (`_tables.py`); each result keeps the rule that
decided it (`Agency.classified_by`).
"""

from pipelines.agencies._classify import classify, normalize_name
from pipelines.agencies._places import LEVELS
from pipelines.agencies._tables import SECTORS, Sector
from pipelines.agencies._types import KINDS, Agency

__all__ = ["KINDS", "LEVELS", "SECTORS", "Agency", "Sector", "classify", "normalize_name"]
