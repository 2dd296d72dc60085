"""TUN device and netlink configuration end to end, inside a namespace.

tun_tool creates pptp-t0 in a namespace this test creates (netns.py; deleted
afterwards, also on failure), configures it through net::Netlink (MTU 1400,
txqueuelen 1000, 198.18.0.1 peer 198.18.0.2, no automatic IPv6 address, up,
a /32 route, IPv6 address and route, a host pinned on the underlay's gateway)
and answers ICMP echo requests read from the device. The test
checks the configuration with `ip -j`, pings the peer through the userspace
path, then has tun_tool delete its routes and addresses and checks they are
gone. No packet leaves the namespace: the replies come from tun_tool.
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import netns  # noqa: E402

TUN_TOOL = os.environ.get("TUN_TOOL", "")
LOCAL, PEER, ROUTE = "198.18.0.1", "198.18.0.2", "198.18.0.99"
LOCAL6, ROUTE6 = "2001:db8:18::1", "2001:db8:18:99::"
MTU, TXQUEUELEN = 1400, 1000
# The underlay: the namespace's bridge (192.0.2.10/24) and a gateway route
# to a "server" network, whose host tun_tool pins as the client will.
GATEWAY, SERVER_NET, SERVER = "192.0.2.1", "203.0.113.0/24", "203.0.113.5"



@pytest.fixture
def topology():
    reason = netns.unavailable_reason()
    if reason:
        pytest.skip(reason)
    if not Path(TUN_TOOL).is_file():
        pytest.skip("tun_tool not built (TUN_TOOL is set by ctest)")
    if not Path("/dev/net/tun").exists():
        pytest.skip("/dev/net/tun is missing")
    if shutil.which("ping") is None:
        pytest.skip("ping (iputils-ping) is not installed")
    with netns.Topology(f"pk-tun-{os.getpid()}", ["a"]) as t:
        yield t


def ip_json(topology, *args):
    out = topology.run("a", ["ip", "-j", *args], timeout=10)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout or "[]")


def addresses(topology, name):
    return [(a["family"], a["local"], a.get("address"), a["prefixlen"])
            for link in ip_json(topology, "addr", "show", "dev", name) for a in link["addr_info"]]


def routes(topology, family, name):
    return {r["dst"]: r for r in ip_json(topology, family, "route", "show", "dev", name)}


def read_event(tool, expected):
    line = tool.stdout.readline()  # tun_tool exits after --duration at the latest
    assert line, f"tun_tool ended: {tool.stderr.read()}"
    event = json.loads(line)
    assert event["event"] == expected, event
    return event


def command(tool, text):
    tool.stdin.write(text + "\n")
    tool.stdin.flush()


def test_configured_tun_answers_ping_and_is_unconfigured(topology):
    underlay = topology.run("a", ["ip", "route", "add", SERVER_NET, "via", GATEWAY, "dev", "br0"], timeout=10)
    assert underlay.returncode == 0, underlay.stderr
    bridge = ip_json(topology, "link", "show", "dev", "br0")[0]["ifindex"]
    tool = topology.spawn("a", [TUN_TOOL, "--pin", SERVER, "--name", "pptp-t%d", "--address", f"{LOCAL}/32",
                                "--peer", PEER, "--mtu", str(MTU), "--txqueuelen", str(TXQUEUELEN),
                                "--route", f"{ROUTE}/32",
                                "--address6", f"{LOCAL6}/64", "--route6", f"{ROUTE6}/64", "--duration", "40"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready = read_event(tool, "ready")
    name, index = ready["name"], ready["index"]
    assert name == "pptp-t0"  # the kernel filled in %d

    link = ip_json(topology, "link", "show", "dev", name)[0]
    assert link["ifindex"] == index
    assert link["mtu"] == MTU and link["txqlen"] == TXQUEUELEN
    assert "UP" in link["flags"] and "POINTOPOINT" in link["flags"]

    assert ("inet", LOCAL, PEER, 32) in addresses(topology, name)
    assert ("inet6", LOCAL6, None, 64) in addresses(topology, name)
    # No automatic IPv6 address: the one configured is the only one (no fe80::).
    assert ip_json(topology, "-d", "link", "show", "dev", name)[0]["inet6_addr_gen_mode"] == "none"
    assert [a for a in addresses(topology, name) if a[0] == "inet6"] == [("inet6", LOCAL6, None, 64)]
    host = routes(topology, "-4", name)[ROUTE]
    assert host["scope"] == "link" and host["protocol"] == "static"
    assert PEER in routes(topology, "-4", name)  # the kernel's route to the point-to-point peer
    assert f"{ROUTE6}/64" in routes(topology, "-6", name)

    # RTM_GETROUTE agrees: both destinations leave through the device.
    assert ready["lookup"]["route"]["ifindex"] == index
    assert ready["lookup"]["peer"] == {"ifindex": index, "preferred_source": LOCAL}
    # The server pinned on the underlay: a /32 via the lookup's gateway and device.
    assert ready["pinned"] == {"ifindex": bridge, "gateway": GATEWAY}
    pinned = routes(topology, "-4", "br0")[SERVER]
    assert pinned["gateway"] == GATEWAY and pinned["protocol"] == "static"
    # Refusals say what was attempted, errno and (when the kernel gives one) why.
    assert ready["refused"]["duplicate_address"].startswith(
        f"add address {LOCAL} peer {PEER}/32 on {name} (index {index}): File exists")
    assert ready["refused"]["host_bits"].startswith(f"add route {ROUTE}/24 dev {name}")
    assert "Invalid argument" in ready["refused"]["host_bits"]

    ping = topology.run("a", ["ping", "-c", "3", "-i", "0.2", "-W", "2", PEER], timeout=20)
    assert ping.returncode == 0, ping.stdout + ping.stderr
    assert "3 received" in ping.stdout

    command(tool, "teardown")
    torn = read_event(tool, "torn_down")
    assert torn["error"] == ""
    assert torn["echo"]["echoed"] >= 3 and torn["echo"]["bad_headroom"] == 0
    assert torn["tun"]["errors"] == 0
    remaining = addresses(topology, name)
    assert not any(local in (LOCAL, LOCAL6) for _, local, _, _ in remaining), remaining
    assert ROUTE not in routes(topology, "-4", name) and PEER not in routes(topology, "-4", name)
    assert f"{ROUTE6}/64" not in routes(topology, "-6", name)
    assert SERVER not in routes(topology, "-4", "br0") and SERVER_NET in routes(topology, "-4", "br0")

    command(tool, "quit")
    assert tool.wait(timeout=10) == 0
    # Not persistent: the device goes with the descriptor.
    gone = topology.run("a", ["ip", "link", "show", "dev", name], timeout=10)
    assert gone.returncode != 0
