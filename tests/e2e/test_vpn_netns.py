"""The data path end to end: `pptpkit server --secrets` and `pptpkit client
--user` as real processes in network namespaces this test creates
(vpn.py): S (192.0.2.10) runs the server with its TUN pptp0 at 198.18.0.1,
C (192.0.2.20) the client with its TUN pptp-c0. MS-CHAPv2 and MPPE-128 (the
defaults) bring the session up; ICMP echo crosses the tunnel; SIGTERM on the
client ends the session and the server removes the route; a wrong password
is refused.
"""
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
        assert re.search(r"session up user=alice address=198\.18\.0\.10 .*mppe=yes", server.log())
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
