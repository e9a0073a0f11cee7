"""Step outputs kept per run, so runs that overlap never read each other's.

Dagster's default filesystem IO manager writes an asset's output to
`<storage>/<asset key>`, one path for every run of the instance: a run started while
another was between two steps read the other run's raw file listing and loaded a
warehouse of the other folder (PLATFORM.md). Here every output lives under
`<storage>/runs/<run id>/`, and a step reads its inputs from its own run. An asset that the
run did not materialize (a run of a few selected assets) is read from the run that last
materialized it, as Dagster's own IO manager would.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

import dagster as dg

RUNS_FOLDER = "runs"


def run_outputs(storage: Path, run_id: str) -> Path:
    """The folder of one run's outputs."""
    return storage / RUNS_FOLDER / run_id


def _output_path(storage: Path, run_id: str, identifier: list[str]) -> Path:
    return run_outputs(storage, run_id).joinpath(*identifier)


class RunScopedIOManager(dg.IOManager):
    """Pickled outputs below `<storage>/runs/<run id>/`."""

    def __init__(self, storage: Path) -> None:
        self._storage = storage

    @staticmethod
    def _identifier(context: dg.OutputContext | dg.InputContext) -> list[str]:
        if context.has_asset_key:
            return ["assets", *context.get_asset_identifier()]
        # run id, step, output (and mapping key): the run id names the folder already.
        return ["steps", *context.get_identifier()[1:]]

    def handle_output(self, context: dg.OutputContext, obj: object) -> None:
        path = _output_path(self._storage, context.run_id, self._identifier(context))
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed: a reader never sees half a pickle.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(obj, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def load_input(self, context: dg.InputContext) -> object:
        upstream = context.upstream_output
        if upstream is None:
            raise dg.DagsterInvariantViolationError(f"no upstream output for {context.name}")
        identifier = self._identifier(context)
        path = _output_path(self._storage, upstream.run_id, identifier)
        if not path.exists() and context.has_asset_key:
            # Not materialized by this run: the asset's latest materialization.
            event = context.instance.get_latest_materialization_event(context.asset_key)
            if event is not None:
                path = _output_path(self._storage, event.run_id, identifier)
        if not path.exists():
            raise FileNotFoundError(f"no stored output for {context.name} at {path}")
        with path.open("rb") as handle:
            return pickle.load(handle)


class RunScopedStorage(dg.ConfigurableIOManagerFactory):
    """RunScopedIOManager below `base_dir`, or below the Dagster instance's storage."""

    base_dir: str = ""

    def create_io_manager(self, context: dg.InitResourceContext) -> RunScopedIOManager:
        if self.base_dir:
            return RunScopedIOManager(Path(self.base_dir))
        if context.instance is None:
            raise dg.DagsterInvariantViolationError("run-scoped storage needs an instance")
        return RunScopedIOManager(Path(context.instance.storage_directory()))


# What every layout of the definitions adds to its resources: each run reads only its own
# step outputs (runs may overlap).
STORAGE_RESOURCES = {"io_manager": RunScopedStorage()}
