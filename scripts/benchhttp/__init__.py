"""The HTTP benchmark of the production stack, run by scripts/bench_http.py (whose docstring
says what it measures and which bars it checks).

- `stack`: the running stack (its env file, Django set up against its database, gunicorn's
  master and workers, their memory) and the machine's load;
- `targets`: the pages to measure, chosen from the database;
- `wrk`: wrk runs, with the Lua scripts in scripts/bench/, and their figures;
- `clients`: plain HTTP clients: one timed request, a warm-up pass, slow clients, waiting for
  the workers to settle;
- `report`: how figures are printed, and the bars with PASS or FAIL;
- `run`: the run, every measurement in turn.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
