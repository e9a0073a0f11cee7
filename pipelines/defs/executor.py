"""The executor of the `ingest` job: processes on this machine, or Celery workers anywhere.

The choice is made per run, in the run's config, so the same job (same steps, same code
location) runs either way and two runs can be compared: without config it is the
multiprocess executor with a forkserver; with

    execution:
      config:
        celery:
          broker: redis://127.0.0.1:6379/0
          backend: redis://127.0.0.1:6379/1

every step is a task for dagster-celery's workers (`make cluster-demo`). dagster-celery is
imported only when a run asks for it: `make run` and the schedule do not need it installed.
"""

from __future__ import annotations

from collections.abc import Mapping

import dagster as dg

# A forkserver that has imported the code once makes a step start in well under a second
# instead of the ~10 s of a fresh interpreter (PLATFORM.md).
FORKSERVER = {"forkserver": {"preload_modules": ["pipelines.definitions"]}}

_CELERY_CONFIG = {
    "broker": dg.Field(dg.StringSource, description="The Celery broker's URL."),
    "backend": dg.Field(dg.StringSource, description="The Celery result backend's URL."),
    "config_source": dg.Field(dg.Permissive(), is_required=False,
                              description="More settings for the Celery app (lowercase "
                                          "Celery 4 names), the same the workers were given."),
}


def _with_forkserver(config: Mapping[str, object]) -> dict[str, object]:
    return {**config, "start_method": config.get("start_method") or FORKSERVER}


def _celery(init_context: dg.InitExecutorContext, config: Mapping[str, object]) -> dg.Executor:
    try:
        from dagster_celery import celery_executor
    except ImportError as missing:
        raise dg.DagsterInvariantViolationError(
            "this run asks for the celery executor, but dagster-celery is not installed "
            "(`uv sync --group cluster`, or `make cluster-demo`)") from missing
    # Steps have no retry policy; the key is required by dagster-celery's own config.
    celery_config = {"retries": {"enabled": {}}, **config}
    return celery_executor.executor_creation_fn(dg.InitExecutorContext(
        job=init_context.job, executor_def=celery_executor,
        executor_config=celery_config, instance=init_context.instance))


@dg.executor(
    name="multiprocess_or_celery",
    config_schema=dg.Field(
        dg.Selector({"multiprocess": dg.multiprocess_executor.config_schema.as_field(),
                     "celery": _CELERY_CONFIG}),
        default_value={"multiprocess": {}},
    ),
    # Both run steps outside the process that plans the run.
    requirements=dg.multiple_process_executor_requirements(),
)
def multiprocess_or_celery(init_context: dg.InitExecutorContext) -> dg.Executor:
    """Each step in a process of its own (default), or as a Celery task (`celery:`)."""
    (kind, config), = init_context.executor_config.items()
    if kind == "celery":
        return _celery(init_context, config)
    return dg.multiprocess_executor.executor_creation_fn(dg.InitExecutorContext(
        job=init_context.job, executor_def=dg.multiprocess_executor,
        executor_config=_with_forkserver(config), instance=init_context.instance))
