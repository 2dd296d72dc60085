"""The VPN client's routes, tunnel loss and reconnect, end to end: real
`pptpkit server --secrets` and `pptpkit client --user` processes in network
namespaces this test creates (vpn.py), routed like a real deployment:

    C 192.0.2.20 --br0-- R 192.0.2.10 | 203.0.113.1 --veth-- S 203.0.113.10

C's only way out is its default route via R; R forwards; S runs the server
and holds 198.51.100.1/24 (on its loopback), the network "behind the VPN",
which R has no route to: a packet from C reaches it only through the tunnel.
Each test asserts C's TUN device and routes with `ip -j` in C's namespace.
"""
import re
import signal
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from vpn import vpn_topology  # noqa: E402

SERVER = "203.0.113.10"
ROUTER = "192.0.2.10"
BEHIND = "198.51.100.1"
TUN = "pptp-c0"


@pytest.fixture
def vpn(tmp_path):
    with vpn_topology(tmp_path, ["r", "c", "s"], prefix="cli", routed="s") as vpn:
        assert vpn.topology.address("s") == SERVER and vpn.topology.address("r") == ROUTER
        vpn.topology.ip("s", "addr", "add", f"{BEHIND}/24", "dev", "lo")
        yield vpn


def wait_up(client, count=1, timeout=15):
    """The client's `count`-th session, alice's, with an address from the server's pool."""
    up = client.wait_up(timeout, count)
    assert up.user == "alice" and re.fullmatch(r"198\.18\.0\.\d+", up.address), up
    return up


def routes(vpn, *selectors):
    """C's IPv4 routes (main table)."""
    return vpn.route_list("c", *selectors)


def through_tun(vpn):
    return set(vpn.routes("c", TUN))


def underlay_default(vpn):
    return [r for r in routes(vpn, "default") if r.get("gateway") == ROUTER and r.get("dev") == "eth0"]


def ping_through_tunnel(vpn):
    """Pings BEHIND and checks the packets went through C's TUN device."""
    before = vpn.link_stats("c", TUN)
    vpn.ping("c", BEHIND)
    after = vpn.link_stats("c", TUN)
    sent = after["tx"]["packets"] - before["tx"]["packets"]
    received = after["rx"]["packets"] - before["rx"]["packets"]
    assert sent >= 3 and received >= 3, (before, after)


def test_route_through_the_tunnel_while_the_session_is_up(vpn):
    vpn.server("s")
    assert routes(vpn, "198.51.100.0/24") == []
    client = vpn.client("c", args=["--route", "198.51.100.0/24"])
    wait_up(client)
    vpn.wait_until("the route", lambda: "198.51.100.0/24" in through_tun(vpn), 5)
    # Nothing covers the server: no pin, and the underlay's default stays.
    assert routes(vpn, f"{SERVER}/32") == []
    assert underlay_default(vpn)
    ping_through_tunnel(vpn)

    assert client.stop(signal.SIGTERM) == 0, vpn.tails()
    assert vpn.link("c", TUN) is None
    assert routes(vpn, "198.51.100.0/24") == []
    assert "route removed 198.51.100.0/24 dev pptp-c0" in client.log()

    # A route to that prefix exists already (not the client's): the
    # client refuses to replace it, hangs up, exits 1 and leaves it alone.
    vpn.topology.ip("c", "route", "add", "198.51.100.0/24", "via", ROUTER)
    before = routes(vpn, "198.51.100.0/24")
    refused = vpn.client("c", args=["--route", "198.51.100.0/24"], name="conflict")
    assert refused.wait_exit(20) == 1, vpn.tails()
    assert "not ours to replace" in refused.log()
    assert routes(vpn, "198.51.100.0/24") == before


def test_default_route_pins_the_server(vpn):
    vpn.server("s")
    client = vpn.client("c", args=["--default-route", "--echo-interval", "1s"])
    wait_up(client)
    vpn.wait_until("both halves", lambda: {"0.0.0.0/1", "128.0.0.0/1"} <= through_tun(vpn), 5)
    pin = routes(vpn, f"{SERVER}/32")
    assert [(r.get("gateway"), r.get("dev"), r.get("protocol")) for r in pin] == [(ROUTER, "eth0", "static")], pin
    assert underlay_default(vpn), routes(vpn)
    ping_through_tunnel(vpn)

    # The control connection goes on through the pin: Echo-Replies arrive
    # after the routes were added (an Echo-Request per second of silence).
    def echo_after_routes():
        text = client.log()
        added = text.find("route added 128.0.0.0/1")
        return added >= 0 and text.count("recv Echo-Reply", added) >= 2
    vpn.wait_until("Echo-Replies through the pinned route", echo_after_routes, 10)
    assert client.process.poll() is None

    assert client.stop(signal.SIGTERM) == 0, vpn.tails()
    assert routes(vpn, f"{SERVER}/32") == []
    assert vpn.link("c", TUN) is None
    assert [r["dst"] for r in routes(vpn)] == ["default", "192.0.2.0/24"]
    assert underlay_default(vpn)


def test_sighup_hangs_up_and_removes_everything_it_added(vpn):
    """A closed terminal sends SIGHUP: the client hangs up as on SIGTERM (pppd does the same) instead of
    dying with its pinned route and /1 routes left behind."""
    vpn.server("s")
    client = vpn.client("c", args=["--default-route"])
    wait_up(client)
    vpn.wait_until("both halves", lambda: {"0.0.0.0/1", "128.0.0.0/1"} <= through_tun(vpn), 5)
    vpn.wait_until("the pin", lambda: routes(vpn, f"{SERVER}/32"), 5)

    assert client.stop(signal.SIGHUP) == 0, vpn.tails()
    assert f"signal {int(signal.SIGHUP)}: stopping" in client.log()
    assert "route removed 128.0.0.0/1 dev pptp-c0" in client.log()
    assert routes(vpn, f"{SERVER}/32") == []
    assert vpn.link("c", TUN) is None
    assert [r["dst"] for r in routes(vpn)] == ["default", "192.0.2.0/24"]
    assert underlay_default(vpn)


def blackhole_control_port(vpn):
    """Drops C's SYNs to the server's port 1723 (nftables in C's namespace): nothing ever answers."""
    commands = [["add", "table", "inet", "blackhole"],
                ["add", "chain", "inet", "blackhole", "output", "{ type filter hook output priority 0 ; }"],
                ["add", "rule", "inet", "blackhole", "output", "ip", "daddr", SERVER, "tcp", "dport", "1723", "drop"]]
    for command in commands:
        out = vpn.topology.run("c", ["nft", *command], timeout=5)
        assert out.returncode == 0, out.stderr


def test_connect_timeout_bounds_a_dead_server_address(vpn):
    blackhole_control_port(vpn)
    timed_out = f"connect to {SERVER}:1723 failed: Connection timed out"

    started = time.monotonic()
    client = vpn.client("c", args=["--connect-timeout", "1s"])
    assert client.wait_exit(10) == 1, vpn.tails()
    elapsed = time.monotonic() - started
    assert 1 <= elapsed < 5, elapsed  # not the kernel's two minutes of SYN retries
    assert f"no session: {timed_out}" in client.log(), client.log()[-3000:]
    assert vpn.link("c", TUN) is None

    # With --reconnect each attempt is bounded the same way, and retried.
    started = time.monotonic()
    retried = vpn.client("c", args=["--connect-timeout", "500ms", "--reconnect", "--reconnect-delay", "200ms",
                                    "--reconnect-attempts", "2"], name="retried")
    assert retried.wait_exit(15) == 1, vpn.tails()
    elapsed = time.monotonic() - started
    assert retried.log().count(timed_out) >= 2, retried.log()[-3000:]
    assert elapsed < 8, elapsed
    assert "giving up" in retried.log()


def test_tunnel_loss_without_reconnect_exits_and_cleans_up(vpn):
    server = vpn.server("s")
    client = vpn.client("c", args=["--default-route", "--route", "198.51.100.0/24"])
    wait_up(client)
    vpn.wait_until("the pin", lambda: routes(vpn, f"{SERVER}/32"), 5)

    server.send_signal(signal.SIGKILL)
    assert client.wait_exit(20) == 1, vpn.tails()
    assert re.search(r"tunnel lost: ", client.log()), client.log()[-3000:]
    assert "giving up: --reconnect is off" in client.log()
    assert vpn.link("c", TUN) is None
    assert [r["dst"] for r in routes(vpn)] == ["default", "192.0.2.0/24"]
    assert underlay_default(vpn)


def test_reconnect_after_the_server_is_killed(vpn):
    server = vpn.server("s")
    client = vpn.client("c", args=["--route", "198.51.100.0/24", "--reconnect", "--reconnect-delay", "300ms",
                                   "--reconnect-max-delay", "3s"])
    wait_up(client)
    vpn.wait_until("the route", lambda: "198.51.100.0/24" in through_tun(vpn), 5)
    ping_through_tunnel(vpn)

    server.send_signal(signal.SIGKILL)
    client.wait_for("tunnel lost: ", 10)

    # Torn down while it waits: the same TUN device stays, down, without
    # its address or routes.
    def waits():
        return [float(w) for w in re.findall(r"reconnecting in ([\d.]+)s", client.log())]
    vpn.wait_until("three retries", lambda: len(waits()) >= 3, 20)
    tun = vpn.link("c", TUN)
    assert tun is not None
    assert vpn.addresses("c", TUN) == []
    assert through_tun(vpn) == set()
    assert "UP" not in tun["flags"]
    first = waits()[:3]
    assert first[0] < first[1] < first[2], first
    assert first[0] <= 0.3 and first[2] <= 1.2, first
    assert "no session: connect to 203.0.113.10:1723 failed" in client.log()
    assert client.process.poll() is None

    vpn.server("s", name="server-again")
    wait_up(client, count=2, timeout=20)
    vpn.wait_until("the route again", lambda: "198.51.100.0/24" in through_tun(vpn), 5)
    assert len(vpn.addresses("c", TUN)) == 1
    ping_through_tunnel(vpn)

    assert client.stop(signal.SIGTERM) == 0, vpn.tails()
    assert vpn.link("c", TUN) is None
    assert routes(vpn, "198.51.100.0/24") == []

    # A wrong password is not retried, --reconnect or not.
    refused = vpn.client("c", "alice", "looking-glass", args=["--reconnect", "--reconnect-delay", "300ms"],
                         name="refused")
    assert refused.wait_exit(20) == 1, vpn.tails()
    assert "giving up: authentication failed" in refused.log()
    assert "reconnecting in" not in refused.log()
