"""wrk runs: the command line, the Lua scripts in scripts/bench/, and the figures they print."""

import json
import subprocess
import time
from pathlib import Path

from benchhttp import ROOT

LUA_REPORT = ROOT / "scripts" / "bench" / "wrk_report.lua"
LUA_COUNT = ROOT / "scripts" / "bench" / "wrk_count.lua"


class Wrk:
    def __init__(self, args, workdir):
        self.args = args
        self.workdir = Path(workdir)
        self.report_only = LUA_REPORT
        self.counting = self.workdir / "count.lua"
        self.counting.write_text(LUA_REPORT.read_text() + "\n" + LUA_COUNT.read_text())
        self.files = 0

    def paths_file(self, paths):
        self.files += 1
        path = self.workdir / f"paths-{self.files}.txt"
        path.write_text("\n".join(paths) + "\n")
        return path

    def run(
        self,
        url,
        seconds,
        *,
        connections=None,
        count=True,
        mode="same",
        paths=None,
        headers=(),
        timeout="60s",
    ):
        command = [
            "wrk",
            f"-t{self.args.threads}",
            f"-c{connections or self.args.connections}",
            f"-d{seconds}s",
            f"--timeout={timeout}",
            "-s",
            str(self.counting if count else self.report_only),
        ]
        for header in headers:
            command += ["-H", header]
        command.append(url)
        if count:
            command += ["--", mode]
            if paths:
                command += [
                    str(self.paths_file(paths)),
                    str(time.time_ns()),
                    str(self.args.threads),
                ]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        for line in result.stdout.splitlines():
            if line.startswith("WRKSTATS "):
                stats = json.loads(line.removeprefix("WRKSTATS "))
                stats["rate"] = stats["requests"] / (stats["duration_us"] / 1e6)
                return stats
        raise RuntimeError(f"no summary from wrk:\n{result.stdout}\n{result.stderr}")

    def measure(self, url, **kwargs):
        if self.args.warmup:
            self.run(url, self.args.warmup, **kwargs)
        return self.run(url, self.args.duration, **kwargs)
