"""`make cluster-demo`: the `ingest` job on Celery workers builds the same warehouse as on
the multiprocess executor.

On a temporary corpus (the seeds, generated text reports and published documents) it
starts Redis on loopback and two dagster-celery workers of one task each, runs the job on
the multiprocess executor into one warehouse and on the Celery executor into another, each
with its own Dagster instance, and compares the two relation by relation
(bench/warehouse_compare.py). Exit 0 when every table and view is equal, 1 otherwise, 0
with one line when Redis or dagster-celery is missing (nothing to prove here then).
Redis and the workers are stopped on every way out (bench/cluster_services.py).

    .venv/bin/python -m bench.cluster_demo [--reports 300] [--documents 20] [--keep DIR]
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from bench.cluster_services import ServiceError, Services, stop_on_signals, tail
from bench.warehouse_compare import all_equal, compare_warehouses, comparison_lines

WORKERS = ("worker1", "worker2")


@dataclass(frozen=True)
class Run:
    name: str
    seconds: float
    warehouse: Path
    storage: Path


def _missing_prerequisite() -> str | None:
    if shutil.which("redis-server") is None:
        return ("cluster demo skipped: redis-server is not installed and could not be "
                "installed here (Debian: apt-get install redis-server, as root)")
    try:
        import dagster_celery  # noqa: F401
    except ImportError:
        return ("cluster demo skipped: dagster-celery is not installed and could not be "
                "installed here (uv sync --group cluster)")
    return None


def build_corpus(raw: Path, seeds: Path, reports: int, documents: int, seed: int) -> str:
    """The seeds, `reports` generated text reports (every damage kind among them) and
    `documents` published documents below `raw`; returns what it holds, in words."""
    shutil.copytree(seeds, raw / "seeds")
    parts = [f"{len(list((raw / 'seeds').iterdir()))} seeds"]
    if reports:
        from bench.corpus import DAMAGES, write_corpus

        with tempfile.TemporaryDirectory() as scratch:
            shutil.copytree(write_corpus(Path(scratch), reports, seed, damages=DAMAGES),
                            raw / "text")
        parts.append(f"{reports} generated text reports")
    if documents:
        from bench.documents import write_documents

        # The renderers' font (bench.documents makes their module importable).
        font = importlib.import_module("format_fixtures").CJK_FONT
        if font.exists():
            # fontTools names every font table it drops while subsetting: not news here.
            logging.getLogger("fontTools").setLevel(logging.ERROR)
            with tempfile.TemporaryDirectory() as scratch:
                shutil.copytree(write_documents(Path(scratch), documents, seed),
                                raw / "documents")
            parts.append(f"{documents} published documents (PDF, HTML, .docx)")
        else:
            parts.append(f"no documents ({font} missing: install fonts-wqy-zenhei)")
    total = sum(1 for path in raw.rglob("*") if path.is_file())
    return f"{' + '.join(parts)} = {total} files"


def run_config(raw: Path, warehouse: Path, report: Path, buckets: int,
               celery: bool) -> dict[str, object]:
    """The same run config for both runs but the executor: paths as resource config (a
    worker on another machine knows no environment of ours), and the parse cut into
    `buckets` steps even for a small corpus, so that both workers parse."""
    config: dict[str, object] = {
        "resources": {"raw_folder": {"config": {"path": str(raw)}},
                      "warehouse": {"config": {"path": str(warehouse)}},
                      "report_file": {"config": {"path": str(report)}}},
        "ops": {"parsed_reports": {"ops": {"plan_parse": {"config": {
            "buckets": buckets, "min_files_per_bucket": 1}}}}},
    }
    if celery:
        # The workers were given the same broker and backend (environment of both).
        config["execution"] = {"config": {"celery": {
            "broker": {"env": "CELERY_BROKER_URL"},
            "backend": {"env": "CELERY_RESULT_BACKEND"}}}}
    return config


def _instance_env(base: dict[str, str], folder: Path, storage: Path) -> dict[str, str]:
    """A Dagster instance of its own: DAGSTER_HOME with the project's dagster.yaml (pools,
    run monitoring), its storage (runs, event log, step outputs, staged parts) in `storage`."""
    home = folder / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy("dagster.yaml", home / "dagster.yaml")
    storage.mkdir(parents=True, exist_ok=True)
    return {**base, "DAGSTER_HOME": str(home), "DAGSTER_STORAGE_DIR": str(storage)}


def run_ingest(services: Services, name: str, env: dict[str, str], config: dict[str, object],
               folder: Path, warehouse: Path, storage: Path) -> Run:
    """`dagster job execute -j ingest`, as the schedule runs it, timed."""
    config_file = folder / f"{name}.run_config.json"  # JSON is YAML to `--config`
    config_file.write_text(json.dumps(config, indent=2), encoding="utf-8")
    command = [str(Path(sys.executable).parent / "dagster"), "job", "execute",
               "-m", "pipelines.definitions", "-j", "ingest", "--config", str(config_file)]
    log = folder / f"{name}.log"
    started = time.perf_counter()
    code = services.run(name, command, log, env, Path.cwd())
    seconds = time.perf_counter() - started
    if code != 0 or not warehouse.exists():
        raise ServiceError(f"the {name} run failed (exit {code}):\n{tail(log, 25)}")
    return Run(name, seconds, warehouse, storage)


def steps_by_worker(storage: Path) -> dict[str, list[str]]:
    """Celery worker -> the steps it executed, from the run's event log."""
    import dagster as dg

    from bench.run import open_storage

    out: dict[str, list[str]] = {}
    with open_storage(storage) as instance:
        run = instance.get_runs(limit=1)[0]
        for entry in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ENGINE_EVENT):
            event = entry.dagster_event
            data = event.engine_event_data if event is not None else None
            worker = data.metadata.get("Celery worker") if data is not None else None
            if worker is not None and entry.step_key:
                out.setdefault(str(worker.value), []).append(entry.step_key.rsplit(".", 1)[-1])
    return out


def demo(work: Path, reports: int, documents: int, seed: int, buckets: int) -> int:
    raw = work / "raw"
    print(f"corpus: {build_corpus(raw, Path('data/raw'), reports, documents, seed)}",
          flush=True)
    base = {key: value for key, value in os.environ.items()
            if key not in {"RAW_DIR", "WAREHOUSE_PATH", "REPORT_PATH", "DAGSTER_HOME",
                           "DAGSTER_STORAGE_DIR"}}
    with Services() as services:
        port = services.start_redis(work)
        broker = {"CELERY_BROKER_URL": f"redis://127.0.0.1:{port}/0",
                  "CELERY_RESULT_BACKEND": f"redis://127.0.0.1:{port}/1"}
        # Every worker and the process that runs the job see this one storage folder: on
        # one machine a local folder, on several a shared filesystem mounted on each.
        shared = work / "celery" / "shared_storage"
        celery_env = _instance_env({**base, **broker}, work / "celery", shared)
        nodes = services.start_workers(WORKERS, Path(sys.executable).parent / "celery",
                                       celery_env, Path.cwd(), work)
        print(f"redis-server on 127.0.0.1:{port} (no persistence, in {work}); Celery "
              f"workers {', '.join(nodes)}, concurrency 1 each", flush=True)

        folder = work / "multiprocess"
        storage = folder / "storage"
        warehouse = folder / "warehouse.duckdb"
        multi = run_ingest(services, "multiprocess", _instance_env(base, folder, storage),
                           run_config(raw, warehouse, folder / "comparison.html", buckets,
                                      celery=False), work, warehouse, storage)
        print(f"multiprocess executor: {multi.seconds:.1f} s", flush=True)

        folder = work / "celery"
        warehouse = folder / "warehouse.duckdb"
        cel = run_ingest(services, "celery", celery_env,
                         run_config(raw, warehouse, folder / "comparison.html", buckets,
                                    celery=True), work, warehouse, shared)
        print(f"celery executor: {cel.seconds:.1f} s", flush=True)
    workers = steps_by_worker(cel.storage)
    print("steps per Celery worker:")
    for node in nodes:
        steps = workers.get(node, [])
        print(f"  {node}: {len(steps)} steps ({', '.join(sorted(steps))})")
    comparisons = compare_warehouses(cel.warehouse, multi.warehouse)
    for line in comparison_lines(comparisons, ("celery", "multiprocess")):
        print(line)
    if len([node for node in nodes if workers.get(node)]) < len(nodes):
        print("not every worker executed a step: the run did not use the whole cluster")
        return 1
    return 0 if all_equal(comparisons) else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=300,
                        help="generated text reports besides the seeds (default 300)")
    parser.add_argument("--documents", type=int, default=20,
                        help="published documents: PDF, HTML, .docx (default 20)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--buckets", type=int, default=4, help="parse steps (default 4)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep it (logs, warehouses)")
    args = parser.parse_args(argv)
    missing = _missing_prerequisite()
    if missing:
        print(missing)
        return 0
    stop_on_signals()
    with ExitStack() as stack:
        if args.keep is not None:
            if args.keep.exists() and any(args.keep.iterdir()):
                print(f"--keep {args.keep}: give a new or empty folder", file=sys.stderr)
                return 2
            args.keep.mkdir(parents=True, exist_ok=True)
            work = args.keep.resolve()
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cluster-")))
        try:
            return demo(work, args.reports, args.documents, args.seed, args.buckets)
        except (ServiceError, subprocess.SubprocessError) as error:
            print(f"cluster demo failed: {error}", file=sys.stderr)
            return 1


if __name__ == "__main__":
    sys.exit(main())
