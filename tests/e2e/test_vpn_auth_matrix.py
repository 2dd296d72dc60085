"""Each authentication and encryption combination end to end (vpn.py):
MS-CHAPv2 with stateless and with stateful MPPE-128, MS-CHAPv1 with MPPE,
PAP without MPPE (refused) and CHAP-MD5 with MPPE optional (so none). For
each: ICMP echo and a TCP transfer checked by SHA-256 on both sides through
the tunnel; after the client hangs up, the server's host route and the
client's TUN are gone and the one pool address is free again (a second
connection gets it).
"""
import re
import signal
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from vpn import SERVER_TUNNEL_ADDRESS, vpn_topology  # noqa: E402

POOL_ADDRESS = "198.18.0.10"  # a pool of one: a reconnection gets it only if it was freed
TRANSFER_OCTETS = 3 * 1024 * 1024

# name: (server flags, client flags, auth, MPPE on, CCP Configure-Ack bits the client receives)
VARIANTS = {
    "mschapv2-mppe128-stateless": ([], [], "MS-CHAPv2", True, "+H -M +S -L -D -C"),
    "mschapv2-mppe128-stateful": (["--mppe-stateful"], ["--mppe-stateful"], "MS-CHAPv2", True,
                                  "-H -M +S -L -D -C"),
    "mschapv1-mppe128": (["--auth", "mschap"], ["--auth", "mschap"], "MS-CHAPv1", True, "+H -M +S -L -D -C"),
    "pap-mppe-refused": (["--auth", "pap", "--mppe", "refused"], ["--auth", "pap", "--mppe", "refused"], "PAP",
                         False, None),
    "chap-md5-mppe-optional": (["--auth", "chap", "--mppe", "optional"], ["--auth", "chap", "--mppe", "optional"],
                               "CHAP-MD5", False, None),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_session_carries_traffic_and_frees_everything(variant, tmp_path):
    server_args, client_args, auth, mppe, ccp_bits = VARIANTS[variant]
    with vpn_topology(tmp_path, ["s", "c"], prefix="mx") as vpn:
        server = vpn.server("s", users={"alice": "wonderland"}, pool=POOL_ADDRESS, args=server_args)
        echo = vpn.echo_server("s")

        client = vpn.client("c", args=client_args)
        up = client.wait_up()
        assert (up.address, up.server_end, up.auth, up.mppe) == (POOL_ADDRESS, SERVER_TUNNEL_ADDRESS, auth, mppe)
        assert server.sessions_up()[0].auth == auth
        if ccp_bits:
            # What was agreed, as the client logs the server's Configure-Ack.
            assert re.search(rf"rcvd \[CCP ConfAck id=0x[0-9a-f]+ <mppe {re.escape(ccp_bits)}>\]", client.log())
        else:
            assert "[CCP ConfAck" not in client.log()
        assert POOL_ADDRESS in vpn.routes("s", "pptp0")

        vpn.ping("c", SERVER_TUNNEL_ADDRESS)
        result = vpn.transfer("c", echo, TRANSFER_OCTETS, source=POOL_ADDRESS)
        assert result["received"] == TRANSFER_OCTETS

        assert client.stop(signal.SIGTERM) == 0
        assert server.wait_session_down("alice") == "LCP terminated by peer (User request)"
        vpn.wait_until("the host route removed", lambda: POOL_ADDRESS not in vpn.routes("s", "pptp0"), 5)
        assert not vpn.link_exists("c", up.dev)

        # The only pool address came back: a new connection gets it and works.
        again = vpn.client("c", args=client_args, name="client-again")
        assert again.wait_up().address == POOL_ADDRESS
        vpn.ping("c", SERVER_TUNNEL_ADDRESS, count=2)
        assert again.stop(signal.SIGTERM) == 0
        server.wait_session_down("alice", count=2)
        assert server.stop(signal.SIGTERM) == 0
