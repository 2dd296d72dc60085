"""Shared helpers for end-to-end tests of the whole VPN: `pptpkit server
--secrets` and `pptpkit client --user` as real processes in the namespaces of
a netns.Topology.

    with vpn_topology(tmp_path, ["s", "c"]) as vpn:    # skips without root, binary or TUN
        server = vpn.server("s", users={"alice": "wonderland"})
        client = vpn.client("c", "alice", "wonderland")
        up = client.wait_up()                           # address, dev, auth, mppe, call_id
        vpn.ping("c", SERVER_TUNNEL_ADDRESS)
        echo = vpn.echo_server("s")
        vpn.transfer("c", echo, 1 << 20, source=up.address)  # SHA-256 checked on both sides
        with vpn.capture("s", "br0", tmp_path / "all.pcap"):
            ...
        client.stop(signal.SIGTERM); server.wait_session_down("alice")

    vpn_topology(tmp_path, ["r", "c", "s"], routed="s")  # C reaches S through the router R

Programs, logs, waits and captures are programs.py's (Vpn is a Harness):
every program logs to a file in the test's directory, a failed wait names
what it waited for and shows the tail of every log, and waits poll with a
deadline; nothing sleeps as synchronisation.
"""
import contextlib
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import netns  # noqa: E402
from programs import Harness, Program  # noqa: E402

PPTPKIT = Path(os.environ.get("PPTPKIT_BUILD_DIR", "build")) / "pptpkit"
PYTHON = "/usr/bin/python3"
TRANSFER = Path(__file__).with_name("transfer.py")

SERVER_TUNNEL_ADDRESS = "198.18.0.1"
DEFAULT_POOL = "198.18.0.10-198.18.0.49"
ECHO_PORT = 5001


def unavailable_reason():
    """Why the VPN cannot run here, or None."""
    reason = netns.unavailable_reason()
    if reason:
        return reason
    if not PPTPKIT.is_file():
        return f"{PPTPKIT} not built"
    if not Path("/dev/net/tun").exists():
        return "/dev/net/tun is missing"
    return None


@contextlib.contextmanager
def vpn_topology(workdir, names, prefix="vpn", routed=None):
    """A Vpn on namespaces pk-<prefix>-<pid>-<name> (netns.Topology, `routed` as there); skips the test when it
    cannot run."""
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    with netns.Topology(f"pk-{prefix}-{os.getpid()}", names, routed=routed) as topology:
        yield Vpn(topology, Path(workdir))


@dataclass
class SessionUp:
    user: str
    address: str  # the client's end of the link
    server_end: str
    auth: str
    mppe: bool
    call_id: int  # the logging side's own Call ID (the server's in its log, the client's in its)
    dev: str = ""  # the client's TUN


SESSION_UP = re.compile(r"session up user=(\S+) address=(\S+) server_end=(\S+) peer=(\S+) call_id=(\d+) "
                        r"peer_call_id=(\d+) auth=(\S+) mppe=(\"[^\"]*\"|\S+)")


def session_up(match):
    return SessionUp(user=match.group(1), address=match.group(2), server_end=match.group(3), auth=match.group(7),
                     mppe=match.group(8) != "none", call_id=int(match.group(5)))


class PptpkitProgram(Program):
    """The server or a client: both log a `session up` line per session."""

    def sessions_up(self):
        """Every `session up` line so far, oldest first."""
        return [session_up(m) for m in SESSION_UP.finditer(self.log())]


class Server(PptpkitProgram):
    def __init__(self, vpn, ns, argv, log_path, secrets):
        super().__init__(vpn, ns, argv, log_path)
        self.secrets = secrets  # the chap-secrets file, to change before a SIGHUP

    def session_down_reasons(self, user):
        """The reasons of `user`'s sessions that ended, oldest first: "session down" once up, "session refused"
        or "session failed" if never up. The reason is quoted when it holds a space."""
        ends = re.findall(rf"session (?:down|refused|failed) user={re.escape(user)} call_id=\d+ "
                          r'reason=(?:"([^"]*)"|(\S+))', self.log())
        return [quoted or bare for quoted, bare in ends]

    def wait_session_down(self, user, count=1, timeout=10):
        """The reason of `user`'s `count`-th session end, once it is there."""
        def reasons():
            found = self.session_down_reasons(user)
            return found if len(found) >= count else None

        return self.harness.wait_until(f"session {count} of {user} down", reasons, timeout)[count - 1]


class Client(PptpkitProgram):
    def wait_up(self, timeout=15, count=1):
        """The client's `count`-th session (counting those a reconnect brings up), once it is up."""
        match = self.wait_for(SESSION_UP.pattern, timeout, f"session {count} up in {self.log_path.name}", count)
        up = session_up(match)
        up.dev = self.wait_for(r"tun configured dev=(\S+)", timeout, count=count).group(1)
        return up


class EchoServer(Program):
    """transfer.py serve: echoes every TCP connection, logs each one's SHA-256."""

    def __init__(self, vpn, ns, address, port, log_path):
        super().__init__(vpn, ns, [PYTHON, str(TRANSFER), "serve", address, str(port)], log_path)
        self.endpoint = (address, port)


class Vpn(Harness):
    """The server, clients, traffic and the kernel's view of a VPN on a Topology."""

    # --- the programs --------------------------------------------------------------

    def secrets_file(self, users):
        """A chap-secrets file: user -> password, any server name, any address."""
        path = self._path("chap-secrets", "")
        path.write_text("".join(f"{user} * {password} *\n" for user, password in users.items()))
        return path

    def server(self, ns="s", users=None, pool=DEFAULT_POOL, args=(), name="server", listen_all=False, config=None,
               log_level="debug"):
        """`pptpkit server --secrets` on namespace `ns`'s address (with `listen_all`, no --listen: every
        address), listening when it returns. `config`: a TOML file for -c; `pool` or `log_level` None
        leaves that key to it."""
        secrets = self.secrets_file(users or {"alice": "wonderland"})
        address = "0.0.0.0" if listen_all else self.topology.address(ns)
        argv = [str(PPTPKIT), *(["-c", str(config)] if config else []), "server",
                *([] if listen_all else ["--listen", address]), "--secrets", str(secrets),
                *(["--pool", pool] if pool else []), "--local-ip", SERVER_TUNNEL_ADDRESS,
                *(["--log-level", log_level] if log_level else []), *args]
        server = Server(self, ns, argv, self._path(name, ".log"), secrets)
        server.wait_for(rf"listening on {re.escape(address)}:1723", 10)
        return server

    def client(self, ns, user="alice", password="wonderland", args=(), server_ns="s", name=None,
               server_address=None):
        """`pptpkit client --user` in `ns`, to `server_address` (by default `server_ns`'s address)."""
        password_file = self._path(f"password-{user}", "")
        password_file.write_text(password + "\n")
        argv = [str(PPTPKIT), "client", "--server", server_address or self.topology.address(server_ns), "--user",
                user, "--password-file", str(password_file), "--log-level", "debug", *args]
        return Client(self, ns, argv, self._path(name or f"client-{ns}", ".log"))

    # --- the network, as the kernel sees it ------------------------------------------

    def ip_json(self, ns, *args):
        """`ip -j args` in `ns`, parsed; [] when it fails (a device that is gone)."""
        out = self.topology.run(ns, ["ip", "-j", *args], timeout=5)
        if out.returncode != 0 or not out.stdout.strip():
            return []
        return json.loads(out.stdout)

    def link(self, ns, dev):
        """`dev` as `ip -j -s addr show` reports it (flags, mtu, addr_info, stats64), or None when it is gone."""
        links = self.ip_json(ns, "-s", "addr", "show", "dev", dev)
        return links[0] if links else None

    def link_exists(self, ns, dev):
        return self.link(ns, dev) is not None

    def addresses(self, ns, dev):
        """IPv4 addresses on `dev` as ip -j reports them (local, address = the peer)."""
        return [a for a in (self.link(ns, dev) or {}).get("addr_info", []) if a.get("family") == "inet"]

    def ipv6_addresses(self, ns, dev):
        """IPv6 addresses on `dev`, link-local ones included."""
        return [a["local"] for a in (self.link(ns, dev) or {}).get("addr_info", []) if a.get("family") == "inet6"]

    def link_stats(self, ns, dev):
        """The kernel's counters of `dev`: {"rx": {...}, "tx": {...}}."""
        return (self.link(ns, dev) or {}).get("stats64", {})

    def route_list(self, ns, *selectors):
        """`ip -j route show selectors` in `ns`: IPv4 routes of the main table, each a dict (dst, gateway,
        dev, protocol, metrics, ...)."""
        return self.ip_json(ns, "route", "show", *selectors)

    def routes(self, ns, dev):
        """Destinations routed through `dev`."""
        return [r["dst"] for r in self.route_list(ns, "dev", dev)]

    # --- traffic ----------------------------------------------------------------------

    def ping(self, ns, destination, count=3, interval=0.2, args=()):
        """ICMP echo from `ns` (`args`: more ping options); fails the test unless every reply came back."""
        out = self.topology.run(ns, ["ping", "-n", "-q", "-c", str(count), "-i", str(interval), "-W", "2", *args,
                                     destination], timeout=count * interval + 10)
        if out.returncode != 0 or " 0% packet loss" not in out.stdout:
            self.fail(f"ping {destination} from {ns}:\n{out.stdout}{out.stderr}")
        return out.stdout

    def echo_server(self, ns="s", address=SERVER_TUNNEL_ADDRESS, port=ECHO_PORT):
        """transfer.py's echo server on `address`:`port`, listening when it returns."""
        echo = EchoServer(self, ns, address, port, self._path("echo", ".log"))
        echo.wait_for("listening on", 10)
        return echo

    def start_transfer(self, ns, echo, octets):
        """transfer.py send from `ns` to the echo server; finish_transfer() checks it."""
        address, port = echo.endpoint
        return self.topology.spawn(ns, [PYTHON, str(TRANSFER), "send", address, str(port), str(octets)],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def finish_transfer(self, process, echo, source, timeout=60):
        """Waits for the sender; fails unless the echo is what was sent and the
        echo server saw the same octets (SHA-256) from `source`."""
        try:
            out, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            self.fail(f"transfer from {source} did not end in {timeout} s")
        lines = out.strip().splitlines()
        result = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else None
        if process.returncode != 0 or result is None:
            self.fail(f"transfer from {source} failed (exit {process.returncode}):\n{out}")
        echo.wait_for(rf"received peer={re.escape(source)} octets={result['sent']} "
                      rf"sha256={result['sent_sha256']}", 10,
                      f"the echo server's checksum of {result['sent']} octets from {source}")
        return result

    def transfer(self, ns, echo, octets, source, timeout=60):
        return self.finish_transfer(self.start_transfer(ns, echo, octets), echo, source, timeout)
