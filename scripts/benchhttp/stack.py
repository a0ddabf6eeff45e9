"""The running stack: its env file, Django set up against it, gunicorn's master and workers
and their memory; and the machine's load."""

import os
import subprocess
import sys
import time
from pathlib import Path

from benchhttp import ROOT

MIB = 1024 * 1024


def read_env(run_dir):
    path = Path(run_dir) / "env"
    if not path.exists():
        sys.exit(f"{path} not found: start the stack first (scripts/prodstack.sh start)")
    env = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            name, value = line.split("=", 1)
            env[name] = value
    return env


def setup_django(env):
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gsef.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def gunicorn_master(run_dir):
    pid = int((Path(run_dir) / "gunicorn.pid").read_text())
    os.kill(pid, 0)
    return pid


def worker_pids(master):
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def memory_of(pid):
    """(RSS, PSS) in bytes. RSS counts the pages shared with the master too."""
    rss = pss = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) * 1024
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


def machine_state():
    load = Path("/proc/loadavg").read_text().split()[:3]
    busiest = subprocess.run(
        ["ps", "-eo", "pcpu,pid,args", "--sort=-pcpu"], capture_output=True, text=True
    ).stdout.splitlines()[1:6]
    return load, [line.strip()[:110] for line in busiest]


def print_machine_state(title):
    load, busiest = machine_state()
    print(f"{title}: load average {' '.join(load)} (1, 5, 15 min) on {os.cpu_count()} cores")
    print("  busiest processes (%CPU since start, PID, command):")
    for line in busiest:
        print(f"    {line}")
    return load


def sample(workers):
    return {pid: memory_of(pid) for pid in workers}


def wait_for_new_workers(master, old, timeout=60):
    deadline = time.monotonic() + timeout
    expected = len(old)
    while time.monotonic() < deadline:
        current = set(worker_pids(master))
        if len(current) == expected and not current & old:
            time.sleep(1)  # let them finish booting
            return sorted(current)
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not replace its workers within a minute")
