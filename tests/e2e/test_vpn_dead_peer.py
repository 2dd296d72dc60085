"""A client that vanishes without a word (vpn.py): its namespace drops every
packet (nftables), then it is SIGKILLed, so no FIN, RST, LCP Terminate or
Call-Clear-Request ever reaches the server. The server's PPTP keep-alive
(short --echo-interval and --echo-timeout) must notice, end the session with
a log line that says why, remove the host route and give the address back:
with a pool of one address, the next client gets it.
"""
import re
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from vpn import SERVER_TUNNEL_ADDRESS, vpn_topology  # noqa: E402

POOL_ADDRESS = "198.18.0.10"


def drop_everything(vpn, ns):
    """An nftables table in `ns` that drops every packet in and out."""
    commands = [["add", "table", "inet", "blackhole"]]
    for hook in ("input", "output"):
        commands.append(["add", "chain", "inet", "blackhole", hook,
                         f"{{ type filter hook {hook} priority 0 ; policy drop ; }}"])
    for command in commands:
        out = vpn.topology.run(ns, ["nft", *command], timeout=5)
        assert out.returncode == 0, out.stderr


def test_vanished_client_is_found_by_keepalive(tmp_path):
    with vpn_topology(tmp_path, ["s", "c1", "c2"], prefix="dp") as vpn:
        server = vpn.server("s", pool=POOL_ADDRESS, args=["--echo-interval", "1s", "--echo-timeout", "1s"])
        victim = vpn.client("c1")
        up = victim.wait_up()
        vpn.ping("c1", SERVER_TUNNEL_ADDRESS, count=2)

        drop_everything(vpn, "c1")
        assert victim.stop(signal.SIGKILL) == -signal.SIGKILL
        reason = server.wait_session_down("alice", timeout=15)
        assert reason == "control connection down: keep-alive timeout", server.log()[-3000:]
        assert re.search(r"pptp PAC 192\.0\.2\.20: no Echo-Reply in time: peer is gone", server.log())
        vpn.wait_until("the host route removed", lambda: up.address not in vpn.routes("s", "pptp0"), 5)
        server_call_id = server.sessions_up()[0].call_id
        assert f"route removed {up.address}/32 dev pptp0 call_id={server_call_id}" in server.log()

        # The address (the pool's only one) and the server are free for the next client.
        successor = vpn.client("c2")
        assert successor.wait_up().address == POOL_ADDRESS
        vpn.ping("c2", SERVER_TUNNEL_ADDRESS, count=2)
        assert successor.stop(signal.SIGTERM) == 0
        assert server.stop(signal.SIGTERM) == 0
