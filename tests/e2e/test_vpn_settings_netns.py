"""The data-path settings end to end, with real processes in namespaces this
test creates (vpn.py): S (192.0.2.10) runs `pptpkit server --secrets`,
C (192.0.2.20) and D (192.0.2.30) run `pptpkit client --user`.

- Session MTU: the server's TUN takes the MRU, the session's host route
  carries the session's MTU (`ip route` shows `mtu`), the client's TUN the
  session's; a ping with DF one octet above the MTU is refused ("message
  too long"), one at the MTU passes. The client logs the DNS servers the
  server pushed (IPCP, RFC 1877).
- MSS clamping: a SYN with MSS 1460 sent into the tunnel by scapy is
  captured by tcpdump on the far end's TUN with the MSS the session's MTU
  carries (and a correct checksum), both ways; with `--mss-clamp false` on
  both ends it arrives unchanged.
- Limits: a second session of a user with max-sessions-per-user 1 is
  closed with a reason both ends see while the first keeps passing
  traffic; max-sessions 1 refuses a second client's call, and
  max-connections-per-source 1 a second connection from the same address.
"""
import re
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from vpn import PYTHON, SERVER_TUNNEL_ADDRESS, vpn_topology  # noqa: E402

scapy_all = pytest.importorskip("scapy.all")

USERS = {"alice": "wonderland", "bob": "builder"}


@pytest.fixture
def vpn(tmp_path):
    if shutil.which("tcpdump") is None:
        pytest.skip("tcpdump is not installed")
    with vpn_topology(tmp_path, ["s", "c", "d"], prefix="set") as vpn:
        yield vpn


def send_tcp(vpn, ns, source, destination, flags, mss):
    """One TCP segment with an MSS option, built by scapy and routed by the kernel."""
    script = ("from scapy.all import IP, TCP, L3RawSocket, conf, send\n"
              "conf.L3socket = L3RawSocket\n"
              f"send(IP(src='{source}', dst='{destination}') / TCP(sport=40000, dport=5001, flags='{flags}', "
              f"options=[('MSS', {mss})]), verbose=False)\n")
    out = vpn.topology.run(ns, [PYTHON, "-c", script], timeout=30)
    assert out.returncode == 0, out.stderr


def captured_mss(vpn, ns, device, send):
    """The MSS of the first TCP segment on `device` once send() ran; its checksum must verify."""
    pcap = vpn.workdir / f"{device}.pcap"
    with vpn.capture(ns, device, pcap, ["tcp"], packets=1):
        send()
    (packet,) = scapy_all.rdpcap(str(pcap))
    ip = scapy_all.IP(bytes(packet))
    received = ip[scapy_all.TCP].chksum
    del ip[scapy_all.TCP].chksum
    assert scapy_all.IP(bytes(ip))[scapy_all.TCP].chksum == received, "TCP checksum"
    return dict(ip[scapy_all.TCP].options)["MSS"]


def ping_refused(vpn, ns, destination, size):
    """A ping with DF that does not fit: ping's own error text."""
    out = vpn.topology.run(ns, ["ping", "-c", "1", "-W", "2", "-M", "do", "-s", str(size), destination], timeout=10)
    assert out.returncode != 0, out.stdout
    return out.stdout + out.stderr


def test_session_mtu_routes_and_name_servers(vpn):
    server = vpn.server("s", users=USERS, args=["--dns", "198.51.100.53", "--dns", "198.51.100.54", "--nbns",
                                                "198.51.100.137"])
    client = vpn.client("c", "alice", "wonderland")
    address = client.wait_up().address
    # MRU 1400 both ways less MPPE's 4 octets.
    assert "tun configured dev=pptp-c0 local=198.18.0.10 peer=198.18.0.1 mtu=1396" in client.log()
    assert vpn.link("c", "pptp-c0")["mtu"] == 1396
    assert vpn.link("s", "pptp0")["mtu"] == 1400
    (route,) = vpn.route_list("s", "dev", "pptp0")
    assert route["dst"] == address and route["metrics"] == [{"mtu": 1396}], route
    shown = vpn.topology.run("s", ["ip", "route", "show", "dev", "pptp0"], timeout=5).stdout
    assert f"{address} proto static scope link mtu 1396" in shown, shown
    # The client asks for DNS only (as pppd's usepeerdns does), so no NBNS.
    assert "name servers from the server dns=198.51.100.53,198.51.100.54 nbns=none" in client.log()

    # 1368 octets of ICMP payload + 28 of headers fill the 1396-octet MTU.
    for ns, destination in [("s", address), ("c", SERVER_TUNNEL_ADDRESS)]:
        vpn.ping(ns, destination, count=1, args=["-M", "do", "-s", "1368"])
        too_big = ping_refused(vpn, ns, destination, 1369)
        assert "message too long, mtu=1396" in too_big, too_big

    assert server.stop() == 0


@pytest.mark.parametrize("clamp", [True, False], ids=["clamped", "not-clamped"])
def test_mss_clamping_both_ways(vpn, clamp):
    # MRU 1300: the session's MTU is 1296 and a full segment 1256 octets.
    flags = ["--mru", "1300"] + ([] if clamp else ["--mss-clamp", "false"])
    server = vpn.server("s", users=USERS, args=flags)
    address = vpn.client("c", "alice", "wonderland", args=flags).wait_up().address
    assert vpn.link("s", "pptp0")["mtu"] == 1300
    expected = 1256 if clamp else 1460

    server_end = SERVER_TUNNEL_ADDRESS
    into_server = captured_mss(vpn, "s", "pptp0", lambda: send_tcp(vpn, "c", address, server_end, "S", 1460))
    assert into_server == expected
    into_client = captured_mss(vpn, "c", "pptp-c0", lambda: send_tcp(vpn, "s", server_end, address, "SA", 1460))
    assert into_client == expected

    assert server.stop() == 0
    # The client clamped its SYN before sending, the server its SYN-ACK.
    assert f"mss_clamped={1 if clamp else 0}" in server.log()


def test_second_session_of_a_user_is_refused(vpn):
    server = vpn.server("s", users=USERS, args=["--max-sessions-per-user", "1"])
    first = vpn.client("c", "alice", "wonderland", name="first").wait_up().address
    second = vpn.client("d", "alice", "wonderland", name="second")
    assert second.wait_exit(20) == 1
    # Never up, closed by our policy: a refusal.
    assert re.search(r'session refused user=alice call_id=\d+ reason="too many sessions for this user" '
                     r'peer=192\.0\.2\.30 ', server.log()), server.log()[-3000:]
    # The client sees the reason in the server's LCP Terminate-Request.
    assert re.search(r"rcvd \[LCP TermReq .*Too many sessions for this user", second.log()), second.log()[-3000:]
    # The first session keeps its route and passes traffic.
    assert vpn.routes("s", "pptp0") == [first]
    vpn.ping("c", SERVER_TUNNEL_ADDRESS, count=1)


def test_session_and_per_source_limits(vpn):
    server = vpn.server("s", users=USERS, args=["--max-sessions", "1", "--max-connections-per-source", "1"])
    vpn.client("c", "alice", "wonderland", name="first").wait_up()
    # Another address: its call is refused (Outgoing-Call-Reply Do-Not-Accept).
    other = vpn.client("d", "bob", "builder", name="other-address")
    assert other.wait_exit(20) == 1
    assert re.search(r'call refused peer=192\.0\.2\.30 call_id=\d+ peer_call_id=\d+ reason="session limit reached"',
                     server.log()), server.log()[-3000:]
    # The first client's address again: its connection is refused.
    same = vpn.client("c", "bob", "builder", name="same-address")
    assert same.wait_exit(20) == 1
    assert re.search(r'connection refused peer=192\.0\.2\.20:\d+ reason="per-source connection limit reached"',
                     server.log()), server.log()[-3000:]
    vpn.ping("c", SERVER_TUNNEL_ADDRESS, count=1)
