"""Throw-away network namespaces joined by a bridge, for end-to-end runs.

Everything lives in namespaces named <prefix>-<name>, created here and deleted
on close (also when a test fails): the root namespace's addresses and routes
are never touched, and addresses come from 192.0.2.0/24 (RFC 5737) only.
The first namespace holds the bridge br0 (and its own address on it), so a
capture there sees every frame between any two of them; a lone namespace gets
no bridge, only its loopback (127.0.0.1 and ::1). Processes started through
`spawn` are ended by PID on close.
"""
import os
import shutil
import signal
import subprocess

SUBNET_PREFIX = "192.0.2."


def unavailable_reason():
    """Why namespaces cannot be used here, or None."""
    if os.geteuid() != 0:
        return "needs root (network namespaces and raw GRE sockets)"
    if shutil.which("ip") is None:
        return "iproute2's `ip` is not installed"
    if subprocess.run(["ip", "netns", "list"], capture_output=True).returncode != 0:
        return "`ip netns` is unavailable"
    return None


def _ip(*args):
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True)


class Topology:
    """Namespaces `names` on one bridge; `address(name)` is 192.0.2.<10 * (i + 1)>."""

    def __init__(self, prefix, names):
        self.prefix = prefix
        self.names = list(names)
        self.processes = []
        self.created = []

    def ns(self, name):
        return f"{self.prefix}-{name}"

    def address(self, name):
        return f"{SUBNET_PREFIX}{10 * (self.names.index(name) + 1)}"

    def __enter__(self):
        try:
            self._build()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def _build(self):
        for name in self.names:
            _ip("netns", "add", self.ns(name))
            self.created.append(self.ns(name))
            _ip("-n", self.ns(name), "link", "set", "lo", "up")
        if len(self.names) > 1:
            self._build_bridge()

    def _build_bridge(self):
        hub = self.ns(self.names[0])
        _ip("-n", hub, "link", "add", "br0", "type", "bridge")
        _ip("-n", hub, "addr", "add", f"{self.address(self.names[0])}/24", "dev", "br0")
        _ip("-n", hub, "link", "set", "br0", "up")
        for name in self.names[1:]:
            port = f"to-{name}"[:15]
            _ip("-n", hub, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", self.ns(name))
            _ip("-n", hub, "link", "set", port, "master", "br0", "up")
            _ip("-n", self.ns(name), "addr", "add", f"{self.address(name)}/24", "dev", "eth0")
            _ip("-n", self.ns(name), "link", "set", "eth0", "up")

    def spawn(self, name, argv, **kwargs):
        """Starts argv inside namespace `name`; ended by PID on close."""
        process = subprocess.Popen(["ip", "netns", "exec", self.ns(name), *argv], **kwargs)
        self.processes.append(process)
        return process

    def has_ipv6_loopback(self, name):
        """Whether ::1 is up in namespace `name` (not when IPv6 is disabled)."""
        out = subprocess.run(["ip", "-n", self.ns(name), "-6", "addr", "show", "dev", "lo"], capture_output=True,
                             text=True)
        return "::1/128" in out.stdout

    def run(self, name, argv, timeout):
        return subprocess.run(["ip", "netns", "exec", self.ns(name), *argv], capture_output=True, text=True,
                              timeout=timeout)

    def close(self):
        for process in self.processes:
            if process.poll() is None:
                os.kill(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    os.kill(process.pid, signal.SIGKILL)
                    process.wait()
        self.processes.clear()
        for ns in reversed(self.created):
            subprocess.run(["ip", "netns", "delete", ns], capture_output=True)
        self.created.clear()
