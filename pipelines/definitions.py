"""The one Dagster entry point, as `dg` expects it: every module of pipelines/defs/ is
discovered (pyproject.toml's [tool.dg]); nothing is listed here by hand."""

import warnings
from pathlib import Path

import dagster as dg

# Dagster's own parser of `--assets` selections calls a beta parameter of AssetSelection.all
# for every selection string; the warning is about Dagster's code, not this project's.
warnings.filterwarnings("ignore", message=r"Parameter `include_sources` of function "
                        r"`AssetSelection.all` is currently in beta", category=dg.BetaWarning)

defs = dg.load_from_defs_folder(path_within_project=Path(__file__))
