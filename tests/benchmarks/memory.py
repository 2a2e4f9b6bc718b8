"""Peak memory and CPU time of this process plus the embedded engine's JVM, from /proc (Linux).

CPU seconds say more than wall time on a shared machine: they count only what the load
itself cost, whatever else competes for the cores."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _status_kb(pid: int, key: str) -> int:
    """A `VmRSS`/`VmHWM`-style field of /proc/<pid>/status in kB (0 when the pid is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


class MemorySampler:
    """Samples the summed RSS of some pids in a thread; keeps the peak of the sum.

    The kernel's per-process high-water marks (VmHWM) are read too: their sum bounds the
    true peak from above, the sampled peak bounds it from below."""

    def __init__(self, pids: list[int], interval: float = 0.25):
        self.pids = list(pids)
        self.interval = interval
        self.peak_kb = 0
        self.peak_by_pid: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def add(self, pid: int) -> None:
        if pid not in self.pids:
            self.pids.append(pid)

    def _sample(self) -> None:
        total = 0
        for pid in list(self.pids):
            rss = _status_kb(pid, "VmRSS")
            total += rss
            self.peak_by_pid[pid] = max(self.peak_by_pid.get(pid, 0), rss)
        self.peak_kb = max(self.peak_kb, total)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> MemorySampler:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._sample()
        self._stop.set()
        self._thread.join()

    def hwm_kb(self) -> int:
        """Sum of the processes' own peak RSS (still-running processes only)."""
        return sum(_status_kb(pid, "VmHWM") for pid in self.pids)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def self_pid() -> int:
    return os.getpid()


def mib(kb: int) -> float:
    return kb / 1024
