"""Programs in the namespaces of a netns.Topology, with logs and waits.

    harness = Harness(topology, tmp_path)
    server = harness.program("s", [...], "server")    # its output in 01-server.log
    server.wait_for(r"listening on")                  # polls the log with a deadline
    with harness.capture("s", "br0", tmp_path / "x.pcap", ["tcp port 1723"]):
        ...

Every program logs to a file in the test's directory; a failed wait names
what it waited for and shows the tail of every log. Waits poll with a
deadline; nothing sleeps as synchronisation. vpn.Vpn builds on this.
"""
import contextlib
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest


def read(path):
    return Path(path).read_text(errors="replace")


class Program:
    """A process in a namespace whose output goes to `log_path`."""

    def __init__(self, harness, ns, argv, log_path):
        self.harness = harness
        self.ns = ns
        self.log_path = log_path
        harness.logs.append(log_path)
        with log_path.open("w") as stream:
            self.process = harness.topology.spawn(ns, argv, stdout=stream, stderr=stream)

    @property
    def pid(self):
        return self.process.pid

    def log(self):
        return read(self.log_path)

    def wait_for(self, pattern, timeout=10, what=None, count=1):
        """The `count`-th match of regex `pattern` in the log, waiting up to `timeout` s."""
        def found():
            matches = list(re.finditer(pattern, self.log()))
            return matches[count - 1] if len(matches) >= count else None

        return self.harness.wait_until(what or f"{count} x {pattern!r} in {self.log_path.name}", found, timeout)

    def send_signal(self, number):
        os.kill(self.process.pid, number)

    def wait_exit(self, timeout=15):
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.harness.fail(f"{self.log_path.name}: process {self.pid} still running after {timeout} s")

    def stop(self, number=signal.SIGTERM, timeout=15):
        """Sends `number` and returns the exit code."""
        self.send_signal(number)
        return self.wait_exit(timeout)


class Harness:
    """The programs of one test on `topology`, their files in `workdir`."""

    def __init__(self, topology, workdir):
        self.topology = topology
        self.workdir = Path(workdir)
        self.logs = []
        self.files = 0  # numbers the files, in the order they were made

    # --- waiting and failing -------------------------------------------------------

    def tails(self):
        """The end of every log so far, for a failure's message."""
        return "\n".join(f"--- {p.name}\n{read(p)[-3000:]}" for p in self.logs if p.exists())

    def fail(self, message):
        pytest.fail(f"{message}\n{self.tails()}")

    def wait_until(self, what, check, timeout):
        deadline = time.monotonic() + timeout
        while True:
            result = check()
            if result:
                return result
            if time.monotonic() >= deadline:
                self.fail(f"{what} not seen in {timeout} s")
            time.sleep(0.05)

    def _path(self, name, suffix):
        self.files += 1
        return self.workdir / f"{self.files:02d}-{name}{suffix}"

    # --- programs ----------------------------------------------------------------------

    def program(self, ns, argv, name):
        """argv in namespace `ns`, its output in <n>-`name`.log."""
        return Program(self, ns, argv, self._path(name, ".log"))

    @contextlib.contextmanager
    def capture(self, ns, interface, path, args=(), packets=None):
        """tcpdump -w `path` on `interface` in `ns` while the block runs; `args`:
        more options, then a filter expression. With `packets`, tcpdump keeps
        only that many and the block's end waits (10 s at most) until it has them."""
        count = ["-c", str(packets)] if packets else []
        argv = ["tcpdump", "-i", interface, "-n", "--immediate-mode", "-U", "-s", "0", *count, "-w", str(path), *args]
        dump = self.program(ns, argv, f"tcpdump-{ns}-{interface}")
        dump.wait_for("listening on", 10)
        try:
            yield path
            if packets:
                self.wait_until(f"{packets} packets on {interface} in {ns}", lambda: dump.process.poll() is not None,
                                10)
        finally:
            if dump.process.poll() is None:
                dump.stop(signal.SIGINT, 10)
