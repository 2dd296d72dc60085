"""The server stopped with clients connected, then started again (vpn.py).

SIGTERM on the server tears every session down in order, which each client
logs as it receives it: LCP Terminate-Request, Call-Disconnect-Notify,
Stop-Control-Connection-Request; the clients exit and their TUNs go, the
server's TUN goes with its process. A new server in the same namespace gets
the same TUN name and address back, and new clients connect through it.
"""
import re
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from vpn import SERVER_TUNNEL_ADDRESS, vpn_topology  # noqa: E402

USERS = {"alice": "wonderland", "bob": "builder"}


def connect_both(vpn, name):
    clients = [vpn.client("c1", "alice", "wonderland", name=f"{name}-c1"),
               vpn.client("c2", "bob", "builder", name=f"{name}-c2")]
    ups = [client.wait_up() for client in clients]
    assert len({up.address for up in ups}) == 2
    for ns in ("c1", "c2"):
        vpn.ping(ns, SERVER_TUNNEL_ADDRESS, count=2)
    return clients, ups


def test_server_restart(tmp_path):
    with vpn_topology(tmp_path, ["s", "c1", "c2"], prefix="rs") as vpn:
        server = vpn.server("s", users=USERS, name="server-first")
        clients, ups = connect_both(vpn, "first")

        assert server.stop(signal.SIGTERM) == 0
        assert re.search(r"shutting down 2 sessions on 2 control connections", server.log())
        for client, up in zip(clients, ups):
            # The server's stop is not the client's own: exit code 1 (docs/configuration.md).
            assert client.wait_exit() == 1, client.log()[-3000:]
            log = client.log()
            term = log.find('rcvd [LCP TermReq')
            disconnect = log.find("recv Call-Disconnect-Notify")
            stop = log.find("recv Stop-Control-Connection-Request")
            assert 0 <= term < disconnect < stop, log[-3000:]
            assert not vpn.link_exists(client.ns, up.dev)
        assert not vpn.link_exists("s", "pptp0")

        # Same namespace, same TUN name and address: new clients connect.
        restarted = vpn.server("s", users=USERS, name="server-second")
        assert any(a["local"] == SERVER_TUNNEL_ADDRESS for a in vpn.addresses("s", "pptp0"))
        clients, ups = connect_both(vpn, "second")
        assert sorted(vpn.routes("s", "pptp0")) == sorted(up.address for up in ups)
        for client in clients:
            assert client.stop(signal.SIGTERM) == 0
        assert restarted.stop(signal.SIGTERM) == 0
