"""Which ready step an executor starts first when more steps are ready than it has slots.

After validation four checks and the warehouse load compete for two processes. The load
waits only for the blocking checks, so those go first and the load next; the checks that
only warn then run beside the load instead of in front of it.
"""

BLOCKING_CHECK = {"dagster/priority": "2"}
CRITICAL_PATH = {"dagster/priority": "1"}

# The Dagster pool of the step that writes the warehouse (one slot: dagster.yaml).
WAREHOUSE_POOL = "warehouse"
