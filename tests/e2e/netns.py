"""Throw-away network namespaces joined by a bridge, for end-to-end runs.

Everything lives in namespaces named <prefix>-<name>, created here and deleted
on close (also when a test fails): the root namespace's addresses and routes
are never touched, and addresses come from 192.0.2.0/24 (RFC 5737) only.
The first namespace holds the bridge br0 (and its own address on it), so a
capture there sees every frame between any two of them; with bridge=False
there is none, only each namespace's loopback (127.0.0.1 and ::1). With
`routed`, one namespace sits instead on a link of its own behind the first,
in 203.0.113.0/24 (RFC 5737 too), and the first routes between the two.
Processes started through `spawn` are ended by PID on close.
"""
import os
import shutil
import signal
import subprocess

SUBNET_PREFIX = "192.0.2."
ROUTED_PREFIX = "203.0.113."
ROUTER_ADDRESS = f"{ROUTED_PREFIX}1"  # the first namespace's end of the routed link


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

    def __init__(self, prefix, names, bridge=True, routed=None):
        """bridge=False: namespaces with only their loopback (no underlay).
        routed: the name of one namespace (not the first) that is not on the
        bridge but on a link of its own to the first, 203.0.113.10/24 with the
        first at 203.0.113.1: the first forwards IPv4, and every other
        namespace's default route goes through it."""
        self.prefix = prefix
        self.names = list(names)
        self.bridge = bridge
        self.routed = routed
        self.processes = []
        self.created = []

    def ns(self, name):
        return f"{self.prefix}-{name}"

    def address(self, name):
        if name == self.routed:
            return f"{ROUTED_PREFIX}10"
        return f"{SUBNET_PREFIX}{10 * (self.names.index(name) + 1)}"

    def ip(self, name, *args):
        """`ip -n <namespace> args`; raises when it fails."""
        _ip("-n", self.ns(name), *args)

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
        if self.bridge:
            self._build_bridge()
        if self.routed:
            self._build_routed()

    def _build_bridge(self):
        hub = self.names[0]
        self.ip(hub, "link", "add", "br0", "type", "bridge")
        self.ip(hub, "addr", "add", f"{self.address(hub)}/24", "dev", "br0")
        self.ip(hub, "link", "set", "br0", "up")
        for name in self.names[1:]:
            if name != self.routed:
                self.ip(hub, "link", "set", self._link_to(name), "master", "br0", "up")

    def _build_routed(self):
        hub = self.names[0]
        port = self._link_to(self.routed)
        self.ip(hub, "addr", "add", f"{ROUTER_ADDRESS}/24", "dev", port)
        self.ip(hub, "link", "set", port, "up")
        self.ip(self.routed, "route", "add", "default", "via", ROUTER_ADDRESS)
        for name in self.names[1:]:
            if name != self.routed:
                self.ip(name, "route", "add", "default", "via", self.address(hub))
        subprocess.run(["ip", "netns", "exec", self.ns(hub), "sysctl", "-qw", "net.ipv4.ip_forward=1"], check=True,
                       capture_output=True)

    def _link_to(self, name):
        """A veth pair from the first namespace (its end's name, returned) to `name`'s eth0 with
        `address(name)`/24 on it, up."""
        port = f"to-{name}"[:15]
        self.ip(self.names[0], "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", self.ns(name))
        self.ip(name, "addr", "add", f"{self.address(name)}/24", "dev", "eth0")
        self.ip(name, "link", "set", "eth0", "up")
        return port

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
