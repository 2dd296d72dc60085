"""IPv6 is not carried through the tunnel (vpn.py; docs/endpoint.md, "IPv6"):
neither end negotiates IPV6CP.

- Neither TUN has an IPv6 address of its own (no link-local: the kernels
  send no Router Solicitation or MLD report into them).
- The client, with MPPE as by default: IPv6 that the client's kernel routes
  into its TUN (once an address is added by hand) is refused by the link
  (counted as send_refused when the client stops) and never reaches the
  server's TUN.
- The server, on a session without MPPE (PAP, MPPE refused), where a
  client's PPP frames can be forged: a GRE packet carrying an IPv6 packet,
  and one carrying an IPV6CP Configure-Request, both in the call's
  sequence, are answered with LCP Protocol-Rejects (RFC 1661 5.7) naming
  0x0057 and 0x8057, and nothing arrives on the server's TUN; the session
  and its IPv4 traffic carry on.
"""
import re
import signal
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from vpn import SERVER_TUNNEL_ADDRESS, vpn_topology  # noqa: E402

CLIENT_IPV6 = "2001:db8:18::2"  # RFC 3849 documentation prefix, only on the client's TUN
SERVER_SIDE_IPV6 = "2001:db8:18::1"
PLAIN = ["--auth", "pap", "--mppe", "refused"]


def ipv6_arrivals(vpn, capture):
    """IPv6 packets the server wrote into its own TUN (tcpdump -Q in on pptp0)."""
    out = vpn.topology.run("s", ["tcpdump", "-n", "-r", str(capture)], timeout=30)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_client_refuses_ipv6_into_the_tunnel(tmp_path):
    with vpn_topology(tmp_path, ["s", "c"], prefix="v6c") as vpn:
        server = vpn.server("s")
        client = vpn.client("c")
        up = client.wait_up()
        # Neither TUN gets an IPv6 address of its own, so neither kernel
        # writes IPv6 (Router Solicitations, MLD) into a link that refuses it.
        for ns, dev in (("c", up.dev), ("s", "pptp0")):
            assert vpn.ipv6_addresses(ns, dev) == [], (ns, dev)
        arrivals = tmp_path / "server-tun-in.pcap"
        with vpn.capture("s", "pptp0", arrivals, ["-Q", "in", "ip6"]):
            added = vpn.topology.run("c", ["ip", "-6", "addr", "add", f"{CLIENT_IPV6}/64", "dev", up.dev,
                                           "nodad"], timeout=5)
            assert added.returncode == 0, added.stderr
            ping = vpn.topology.run("c", ["ping", "-6", "-n", "-c", "3", "-i", "0.2", "-W", "1", SERVER_SIDE_IPV6],
                                    timeout=15)
            assert ping.returncode != 0 and " 100% packet loss" in ping.stdout, ping.stdout + ping.stderr
            vpn.ping("c", SERVER_TUNNEL_ADDRESS, count=2)  # IPv4 is unaffected
        assert ipv6_arrivals(vpn, arrivals) == ""
        assert client.stop(signal.SIGTERM) == 0
        stopped = client.wait_for(r"data path stopped .*", 5).group(0)
        assert int(re.search(r"send_refused=(\d+)", stopped).group(1)) >= 3, stopped
        assert server.stop(signal.SIGTERM) == 0
        assert "tun_not_ipv4=0 " in server.wait_for(r"data path stopped .*", 5).group(0)


def last_sequence_number(pcap, source):
    """The highest GRE sequence number `source` sent in the capture."""
    from scapy.all import GRE_PPTP, IP, rdpcap
    numbers = [p[GRE_PPTP].sequence_number for p in rdpcap(str(pcap))
               if GRE_PPTP in p and p[IP].src == source and p[GRE_PPTP].seqnum_present]
    assert numbers, f"no GRE packet with a sequence number from {source}"
    return max(numbers)


def test_server_protocol_rejects_ipv6(tmp_path):
    pytest.importorskip("scapy.all")
    with vpn_topology(tmp_path, ["s", "c"], prefix="v6s") as vpn:
        server = vpn.server("s", args=PLAIN)
        client = vpn.client("c", args=PLAIN)
        assert not client.wait_up().mppe  # so a forged frame needs no keys
        underlay = tmp_path / "client-underlay.pcap"
        with vpn.capture("c", "eth0", underlay, ["proto", "gre"]):
            vpn.ping("c", SERVER_TUNNEL_ADDRESS, count=2)
        server_call_id = server.sessions_up()[0].call_id
        sequence = last_sequence_number(underlay, vpn.topology.address("c"))

        arrivals = tmp_path / "server-tun-in.pcap"
        with vpn.capture("s", "pptp0", arrivals, ["-Q", "in", "ip6"]):
            forged = vpn.topology.run("c", ["/usr/bin/python3", str(Path(__file__).with_name("forge_ppp.py")),
                                            vpn.topology.address("c"), vpn.topology.address("s"),
                                            str(server_call_id), str(sequence + 1), CLIENT_IPV6, SERVER_SIDE_IPV6],
                                      timeout=30)
            assert forged.returncode == 0, forged.stdout + forged.stderr
            server.wait_for(r"sent \[LCP ProtRej id=0x[0-9a-f]+ proto=0x57\]", 5)
            server.wait_for(r"sent \[LCP ProtRej id=0x[0-9a-f]+ proto=0x8057\]", 5)
            # The forged packets took the sequence numbers the client uses
            # next: the server drops its next two as duplicates. Then IPv4
            # flows again: the session carries on.
            vpn.topology.run("c", ["ping", "-n", "-c", "3", "-i", "0.2", "-W", "1", SERVER_TUNNEL_ADDRESS], timeout=15)
            vpn.ping("c", SERVER_TUNNEL_ADDRESS, count=2)
        assert ipv6_arrivals(vpn, arrivals) == ""
        assert "session down" not in server.log()
        assert client.stop(signal.SIGTERM) == 0
        assert server.stop(signal.SIGTERM) == 0
        stopped = server.wait_for(r"data path stopped .*", 5).group(0)
        assert "gre_duplicate=2 " in stopped and "unroutable_from_peer=0 " in stopped, stopped
