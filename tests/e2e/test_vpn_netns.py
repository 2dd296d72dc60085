"""The data path end to end: `pptpkit server --secrets` and `pptpkit client
--user` as real processes in network namespaces this test creates
(vpn.py): S (192.0.2.10) runs the server with its TUN pptp0 at 198.18.0.1,
C (192.0.2.20) the client with its TUN pptp-c0. MS-CHAPv2 and MPPE-128 (the
defaults) bring the session up; ICMP echo crosses the tunnel; SIGTERM on the
client ends the session and the server removes the route; a wrong password
is refused.
"""
import json
import re
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from vpn import SERVER_TUNNEL_ADDRESS, vpn_topology  # noqa: E402


def test_ping_through_the_tunnel(tmp_path):
    with vpn_topology(tmp_path, ["s", "c"]) as vpn:
        server = vpn.server("s", users={"alice": "wonderland"})
        assert any(a["local"] == SERVER_TUNNEL_ADDRESS for a in vpn.addresses("s", "pptp0"))

        client = vpn.client("c", "alice", "wonderland")
        up = client.wait_up()
        assert (up.address, up.server_end, up.dev) == ("198.18.0.10", SERVER_TUNNEL_ADDRESS, "pptp-c0")
        assigned = [a for a in vpn.addresses("c", "pptp-c0") if a.get("address") == SERVER_TUNNEL_ADDRESS]
        assert assigned and assigned[0]["local"] == "198.18.0.10"
        assert re.search(r'session up user=alice address=198\.18\.0\.10 .*mppe="128-bit stateless"', server.log())
        assert "198.18.0.10" in vpn.routes("s", "pptp0")

        vpn.ping("c", SERVER_TUNNEL_ADDRESS)

        assert client.stop(signal.SIGTERM) == 0
        server.wait_session_down("alice")
        vpn.wait_until("the route removed", lambda: "198.18.0.10" not in vpn.routes("s", "pptp0"), 5)
        assert "route removed 198.18.0.10/32" in server.log()

        # A wrong password: the server refuses it, frees nothing it did not
        # hand out, and the client gives up with exit code 1.
        refused = vpn.client("c", "alice", "looking-glass", name="refused")
        assert refused.wait_exit() == 1, refused.log()[-3000:]
        assert re.search(r"authentication failed user=alice", server.log()), server.log()[-3000:]
        assert vpn.routes("s", "pptp0") == []

        assert server.stop(signal.SIGTERM) == 0


def test_gre_leaves_from_the_address_the_client_reached(tmp_path):
    """A multi-homed server: S holds 198.51.100.10/24 beside 192.0.2.10/24 and listens on every address; C
    reaches 198.51.100.10 through a route via 192.0.2.10. The kernel's own source for packets from S to C is
    192.0.2.10, but the client takes GRE only from the address its control connection reached (RFC 2637
    section 4), so the session comes up only if the server sends its GRE from 198.51.100.10."""
    second = "198.51.100.10"
    with vpn_topology(tmp_path, ["s", "c"]) as vpn:
        topology = vpn.topology
        assert topology.run("s", ["ip", "addr", "add", f"{second}/24", "dev", "br0"], timeout=5).returncode == 0
        route = topology.run("c", ["ip", "route", "add", "198.51.100.0/24", "via", topology.address("s")], timeout=5)
        assert route.returncode == 0, route.stderr
        chosen = topology.run("s", ["ip", "-j", "route", "get", topology.address("c")], timeout=5)
        assert json.loads(chosen.stdout)[0]["prefsrc"] == topology.address("s"), chosen.stdout

        server = vpn.server("s", listen_all=True, name="multihomed-server")
        client = vpn.client("c", server_address=second, name="multihomed-client")
        client.wait_up()
        server.wait_for(r"session up user=alice .*peer=192\.0\.2\.20 ", 15)
        vpn.ping("c", SERVER_TUNNEL_ADDRESS)
