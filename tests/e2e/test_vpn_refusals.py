"""Refusals end to end (vpn.py): each is answered as the RFCs say (seen in
the client's debug log of what it received), named in the server's log,
leaves nothing behind, and the server goes on serving: a good client
connects right after.

- wrong password and unknown user: MS-CHAPv2 Failure E=691 (RFC 2759 6);
- the client refuses MPPE that the server requires: the client
  Protocol-Rejects CCP and the server ends the link with an LCP
  Terminate-Request that says why;
- the address pool is exhausted: LCP Terminate-Request, and a server log
  line that names the pool;
- the call limit (--max-calls 1): Outgoing-Call-Reply with result code 2
  (General Error) and error 4 (No-Resource) (RFC 2637 2.8), which the
  client logs.
"""
import re
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from vpn import SERVER_TUNNEL_ADDRESS, vpn_topology  # noqa: E402

USERS = {"alice": "wonderland", "bob": "builder"}


def refused(vpn, client):
    """The refused client gives up by itself with exit code 1 and leaves no TUN behind."""
    dev = client.wait_for(r"dev=(pptp-c\d+)", 10).group(1)
    assert client.wait_exit() == 1, client.log()[-3000:]
    assert not vpn.link_exists(client.ns, dev)


def still_serving(vpn, server, ns, name):
    """A good client connects right after a refusal, and traffic flows."""
    good = vpn.client(ns, "bob", "builder", name=name)
    up = good.wait_up()
    assert server.sessions_up()[-1].address == up.address
    vpn.ping(ns, SERVER_TUNNEL_ADDRESS, count=2)
    assert good.stop(signal.SIGTERM) == 0
    vpn.wait_until("the good client's route removed", lambda: up.address not in vpn.routes("s", "pptp0"), 10)


def test_authentication_refusals(tmp_path):
    with vpn_topology(tmp_path, ["s", "c"], prefix="ra") as vpn:
        server = vpn.server("s", users=USERS)

        wrong = vpn.client("c", "alice", "looking-glass", name="wrong-password")
        refused(vpn, wrong)
        assert re.search(r'rcvd \[CHAP Failure id=0x[0-9a-f]+ "E=691 R=0 C=[0-9A-F]{32} V=3 M=[^"]*"\]',
                         wrong.log()), wrong.log()[-3000:]
        assert re.search(r'authentication failed user=alice peer=192\.0\.2\.20 reason="wrong password"',
                         server.log())
        still_serving(vpn, server, "c", "good-after-wrong-password")

        stranger = vpn.client("c", "mallory", "anything", name="unknown-user")
        refused(vpn, stranger)
        assert re.search(r'rcvd \[CHAP Failure id=0x[0-9a-f]+ "E=691 ', stranger.log()), stranger.log()[-3000:]
        assert re.search(r'authentication failed user=mallory peer=192\.0\.2\.20 reason="unknown user"',
                         server.log())
        still_serving(vpn, server, "c", "good-after-unknown-user")

        assert vpn.routes("s", "pptp0") == []
        assert server.stop(signal.SIGTERM) == 0


def test_mppe_refused_by_the_client(tmp_path):
    with vpn_topology(tmp_path, ["s", "c"], prefix="rm") as vpn:
        server = vpn.server("s", users=USERS)
        plain = vpn.client("c", "alice", "wonderland", args=["--mppe", "refused"], name="no-mppe")
        refused(vpn, plain)
        assert re.search(r"sent \[LCP ProtRej id=0x[0-9a-f]+ proto=0x80fd\]", plain.log()), plain.log()[-3000:]
        assert re.search(r'rcvd \[LCP TermReq id=0x[0-9a-f]+ "MPPE required but peer refused"\]', plain.log())
        assert server.wait_session_down("alice") == "MPPE required but peer refused"
        assert re.search(r'session refused user=alice call_id=\d+ reason="MPPE required but peer refused"',
                         server.log())
        assert "session up" not in server.log()
        still_serving(vpn, server, "c", "good-after-no-mppe")
        assert server.stop(signal.SIGTERM) == 0


def test_pool_exhausted(tmp_path):
    with vpn_topology(tmp_path, ["s", "c1", "c2"], prefix="rp") as vpn:
        server = vpn.server("s", users=USERS, pool="198.18.0.10")
        first = vpn.client("c1", "alice", "wonderland")
        assert first.wait_up().address == "198.18.0.10"

        second = vpn.client("c2", "bob", "builder", name="pool-exhausted")
        refused(vpn, second)
        assert re.search(r'rcvd \[LCP TermReq id=0x[0-9a-f]+ "No IP address agreed"\]', second.log()), \
            second.log()[-3000:]
        assert server.wait_session_down("bob") == "address pool exhausted"
        assert re.search(r'session refused user=bob call_id=\d+ reason="address pool exhausted"', server.log())
        assert re.search(r"address pool exhausted", server.log())
        # The first session is untouched.
        vpn.ping("c1", SERVER_TUNNEL_ADDRESS, count=2)

        assert first.stop(signal.SIGTERM) == 0
        server.wait_session_down("alice")
        still_serving(vpn, server, "c2", "good-after-pool-exhausted")
        assert server.stop(signal.SIGTERM) == 0


def test_call_limit(tmp_path):
    with vpn_topology(tmp_path, ["s", "c1", "c2"], prefix="rc") as vpn:
        server = vpn.server("s", users=USERS, args=["--max-calls", "1"])
        first = vpn.client("c1", "alice", "wonderland")
        first.wait_up()

        second = vpn.client("c2", "bob", "builder", name="call-limit")
        refused(vpn, second)
        assert re.search(r"pptp PAC 192\.0\.2\.30: Outgoing-Call-Request \(peer call \d+\) refused: server call limit",
                         server.log()), server.log()[-3000:]
        assert re.search(r"call \d+ refused by the peer: result 2 \(General Error\), error 4 \(No-Resource\)",
                         second.log()), second.log()[-3000:]
        vpn.ping("c1", SERVER_TUNNEL_ADDRESS, count=2)

        assert first.stop(signal.SIGTERM) == 0
        server.wait_session_down("alice")
        still_serving(vpn, server, "c2", "good-after-call-limit")
        assert server.stop(signal.SIGTERM) == 0
