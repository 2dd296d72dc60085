"""The VPN client's routes, tunnel loss and reconnect, end to end: real
`pptpkit server --secrets` and `pptpkit client --user` processes in network
namespaces this test creates (netns.py), routed like a real deployment:

    C 192.0.2.20 --br0-- R 192.0.2.10 | 203.0.113.1 --veth-- S 203.0.113.10

C's only way out is its default route via R; R forwards; S runs the server
and holds 198.51.100.1/24 (on its loopback), the network "behind the VPN",
which R has no route to: a packet from C reaches it only through the tunnel.
Each test asserts C's TUN device and routes with `ip -j` in C's namespace.
"""
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import netns  # noqa: E402

PPTPKIT = Path(os.environ.get("PPTPKIT_BUILD_DIR", "build")) / "pptpkit"
SERVER = "203.0.113.10"
ROUTER = "192.0.2.10"
BEHIND = "198.51.100.1"
TUN = "pptp-c0"


class Network:
    """The topology above, plus the logs and processes of one test."""

    def __init__(self, topology, tmp_path):
        self.t = topology
        self.tmp = tmp_path
        self.logs = []
        self.secrets = tmp_path / "chap-secrets"
        self.secrets.write_text("alice * wonderland *\n")
        self.password = tmp_path / "password"
        self.password.write_text("wonderland\n")
        self.server_runs = 0

    def ip(self, name, *args):
        subprocess.run(["ip", "-n", self.t.ns(name), *args], check=True, capture_output=True, text=True)

    def build(self):
        # S leaves the bridge for a link of its own to R: a routed hop.
        self.ip("r", "link", "delete", "to-s")
        self.ip("r", "link", "add", "to-s", "type", "veth", "peer", "name", "eth0", "netns", self.t.ns("s"))
        self.ip("r", "addr", "add", "203.0.113.1/24", "dev", "to-s")
        self.ip("r", "link", "set", "to-s", "up")
        self.ip("s", "addr", "add", f"{SERVER}/24", "dev", "eth0")
        self.ip("s", "link", "set", "eth0", "up")
        self.ip("s", "route", "add", "default", "via", "203.0.113.1")
        self.ip("s", "addr", "add", f"{BEHIND}/24", "dev", "lo")
        self.ip("c", "route", "add", "default", "via", ROUTER)
        out = self.t.run("r", ["sysctl", "-w", "net.ipv4.ip_forward=1"], timeout=5)
        assert out.returncode == 0, out.stderr

    def start_server(self):
        self.server_runs += 1
        log = self.tmp / f"server{self.server_runs}.log"
        self.logs.append(log)
        with log.open("w") as stream:
            server = self.t.spawn("s", [str(PPTPKIT), "server", "--listen", SERVER, "--secrets", str(self.secrets),
                                        "--pool", "198.18.0.10-198.18.0.49", "--local-ip", "198.18.0.1"],
                                  stdout=stream, stderr=stream)
        self.wait_until("server listening", lambda: f"listening on {SERVER}:1723" in read(log), 10)
        return server

    def start_client(self, *flags, name="client"):
        log = self.tmp / f"{name}.log"
        self.logs.append(log)
        with log.open("w") as stream:
            client = self.t.spawn("c", [str(PPTPKIT), "client", "--server", SERVER, "--user", "alice",
                                        "--password-file", str(self.password), "--log-level", "debug", *flags],
                                  stdout=stream, stderr=stream)
        return client, log

    def wait_until(self, what, check, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = check()
            if result:
                return result
            time.sleep(0.1)
        pytest.fail(f"{what} not seen in {timeout} s\n{self.dump()}")

    def wait_exit(self, process, timeout):
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"process {process.pid} still running after {timeout} s\n{self.dump()}")

    def dump(self):
        return "\n".join(f"--- {p.name}\n{read(p)[-3000:]}" for p in self.logs)

    def routes(self, *selector):
        """C's IPv4 routes (main table), optionally `ip route show` selectors."""
        out = self.t.run("c", ["ip", "-j", "-4", "route", "show", *selector], timeout=5)
        return json.loads(out.stdout or "[]") if out.returncode == 0 else []

    def destinations(self, device):
        return {r["dst"] for r in self.routes("dev", device)}

    def tun(self):
        """C's TUN device as `ip -j -s addr` shows it, or None."""
        out = self.t.run("c", ["ip", "-j", "-s", "addr", "show", "dev", TUN], timeout=5)
        if out.returncode != 0 or not out.stdout.strip():
            return None
        return json.loads(out.stdout)[0]

    def tun_addresses(self):
        link = self.tun()
        return [a["local"] for a in (link or {}).get("addr_info", []) if a.get("family") == "inet"]

    def tun_packets(self):
        link = self.tun()
        return link["stats64"]["tx"]["packets"], link["stats64"]["rx"]["packets"]

    def session_up(self, log, count=1):
        return len(re.findall(r"session up user=alice address=198\.18\.0\.\d+", read(log))) >= count

    def ping_through_tunnel(self):
        """Pings BEHIND and checks the packets went through C's TUN device."""
        sent, received = self.tun_packets()
        ping = self.t.run("c", ["ping", "-c", "3", "-i", "0.2", "-W", "2", BEHIND], timeout=15)
        assert ping.returncode == 0, ping.stdout + ping.stderr + self.dump()
        after_sent, after_received = self.tun_packets()
        assert after_sent - sent >= 3 and after_received - received >= 3, (sent, received, after_sent,
                                                                            after_received)

    def underlay_default(self):
        return [r for r in self.routes("default") if r.get("gateway") == ROUTER and r.get("dev") == "eth0"]


def read(path):
    return path.read_text(errors="replace") if path.exists() else ""


@pytest.fixture
def network(tmp_path):
    reason = netns.unavailable_reason()
    if reason:
        pytest.skip(reason)
    if not PPTPKIT.is_file():
        pytest.skip(f"{PPTPKIT} not built")
    if not Path("/dev/net/tun").exists():
        pytest.skip("/dev/net/tun is missing")
    with netns.Topology(f"pk-cli-{os.getpid()}", ["r", "c", "s"]) as t:
        n = Network(t, tmp_path)
        n.build()
        yield n


def test_route_through_the_tunnel_while_the_session_is_up(network):
    network.start_server()
    assert network.routes("198.51.100.0/24") == []
    client, log = network.start_client("--route", "198.51.100.0/24")
    network.wait_until("session up", lambda: network.session_up(log), 15)
    network.wait_until("the route", lambda: "198.51.100.0/24" in network.destinations(TUN), 5)
    # Nothing covers the server: no pin, and the underlay's default stays.
    assert network.routes(f"{SERVER}/32") == []
    assert network.underlay_default()
    network.ping_through_tunnel()

    os.kill(client.pid, signal.SIGTERM)
    assert network.wait_exit(client, 15) == 0, network.dump()
    assert network.tun() is None
    assert network.routes("198.51.100.0/24") == []
    assert "route removed 198.51.100.0/24 dev pptp-c0" in read(log)

    # A route to that prefix exists already (not the client's): the
    # client refuses to replace it, hangs up, exits 1 and leaves it alone.
    network.ip("c", "route", "add", "198.51.100.0/24", "via", ROUTER)
    before = network.routes("198.51.100.0/24")
    refused, refused_log = network.start_client("--route", "198.51.100.0/24", name="conflict")
    assert network.wait_exit(refused, 20) == 1, network.dump()
    assert "not ours to replace" in read(refused_log)
    assert network.routes("198.51.100.0/24") == before


def test_default_route_pins_the_server(network):
    network.start_server()
    client, log = network.start_client("--default-route", "--echo-interval", "1s")
    network.wait_until("session up", lambda: network.session_up(log), 15)
    network.wait_until("both halves", lambda: {"0.0.0.0/1", "128.0.0.0/1"} <= network.destinations(TUN), 5)
    pin = network.routes(f"{SERVER}/32")
    assert [(r.get("gateway"), r.get("dev"), r.get("protocol")) for r in pin] == [(ROUTER, "eth0", "static")], pin
    assert network.underlay_default(), network.routes()
    network.ping_through_tunnel()

    # The control connection goes on through the pin: Echo-Replies arrive
    # after the routes were added (an Echo-Request per second of silence).
    def echo_after_routes():
        text = read(log)
        added = text.find("route added 128.0.0.0/1")
        return added >= 0 and text.count("recv Echo-Reply", added) >= 2
    network.wait_until("Echo-Replies through the pinned route", echo_after_routes, 10)
    assert client.poll() is None

    os.kill(client.pid, signal.SIGTERM)
    assert network.wait_exit(client, 15) == 0, network.dump()
    assert network.routes(f"{SERVER}/32") == []
    assert network.tun() is None
    assert [r["dst"] for r in network.routes()] == ["default", "192.0.2.0/24"]
    assert network.underlay_default()


def test_tunnel_loss_without_reconnect_exits_and_cleans_up(network):
    server = network.start_server()
    client, log = network.start_client("--default-route", "--route", "198.51.100.0/24")
    network.wait_until("session up", lambda: network.session_up(log), 15)
    network.wait_until("the pin", lambda: network.routes(f"{SERVER}/32"), 5)

    os.kill(server.pid, signal.SIGKILL)
    assert network.wait_exit(client, 20) == 1, network.dump()
    assert re.search(r"tunnel lost: ", read(log)), read(log)[-3000:]
    assert "giving up: --reconnect is off" in read(log)
    assert network.tun() is None
    assert [r["dst"] for r in network.routes()] == ["default", "192.0.2.0/24"]
    assert network.underlay_default()


def test_reconnect_after_the_server_is_killed(network):
    server = network.start_server()
    client, log = network.start_client("--route", "198.51.100.0/24", "--reconnect", "--reconnect-delay", "300ms",
                                       "--reconnect-max-delay", "3s")
    network.wait_until("session up", lambda: network.session_up(log), 15)
    network.wait_until("the route", lambda: "198.51.100.0/24" in network.destinations(TUN), 5)
    network.ping_through_tunnel()

    os.kill(server.pid, signal.SIGKILL)
    network.wait_until("tunnel lost", lambda: "tunnel lost: " in read(log), 10)

    # Torn down while it waits: the same TUN device stays, down, without
    # its address or routes.
    def waits():
        return [float(w) for w in re.findall(r"reconnecting in ([\d.]+)s", read(log))]
    network.wait_until("three retries", lambda: len(waits()) >= 3, 20)
    assert network.tun() is not None
    assert network.tun_addresses() == []
    assert network.destinations(TUN) == set()
    assert "UP" not in network.tun()["flags"]
    first = waits()[:3]
    assert first[0] < first[1] < first[2], first
    assert first[0] <= 0.3 and first[2] <= 1.2, first
    assert "no session: connect to 203.0.113.10:1723 failed" in read(log)
    assert client.poll() is None

    network.start_server()
    network.wait_until("the session again", lambda: network.session_up(log, 2), 20)
    network.wait_until("the route again", lambda: "198.51.100.0/24" in network.destinations(TUN), 5)
    assert len(network.tun_addresses()) == 1
    network.ping_through_tunnel()

    os.kill(client.pid, signal.SIGTERM)
    assert network.wait_exit(client, 15) == 0, network.dump()
    assert network.tun() is None
    assert network.routes("198.51.100.0/24") == []

    # A wrong password is not retried, --reconnect or not.
    network.password.write_text("looking-glass\n")
    refused, refused_log = network.start_client("--reconnect", "--reconnect-delay", "300ms", name="refused")
    assert network.wait_exit(refused, 20) == 1, network.dump()
    assert "giving up: authentication failed" in read(refused_log)
    assert "reconnecting in" not in read(refused_log)
