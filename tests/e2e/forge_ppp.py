"""Forges what a client that spoke IPv6 would send on an unencrypted PPTP
call, for test_vpn_ipv6.py (run inside the test's client namespace by
Debian's /usr/bin/python3 with scapy):

  forge_ppp.py SOURCE SERVER SERVER_CALL_ID SEQUENCE IPV6_SOURCE IPV6_DESTINATION

Two GRE packets to SERVER in the call's sequence (SEQUENCE, SEQUENCE + 1):
an ICMPv6 echo request as PPP protocol 0x0057, then an IPV6CP
Configure-Request (PPP 0x8057) with an Interface-Identifier option.
"""
import sys

from scapy.all import GRE_PPTP, HDLC, IP, PPP, ICMPv6EchoRequest, IPv6, Raw, send

IPV6 = 0x0057
IPV6CP = 0x8057
# Code 1 (Configure-Request), Identifier 1, Length 14; option 1
# (Interface-Identifier, RFC 5072 4.1), length 10, a non-zero identifier.
IPV6CP_CONFIGURE_REQUEST = bytes([1, 1, 0, 14, 1, 10, 2, 0, 0, 0xff, 0xfe, 0, 0, 1])


def gre(source, server, call_id, sequence, protocol, payload):
    return (IP(src=source, dst=server) / GRE_PPTP(seqnum_present=1, sequence_number=sequence, call_id=call_id) /
            HDLC() / PPP(proto=protocol) / payload)


def main(argv):
    source, server, call_id, sequence, ipv6_source, ipv6_destination = argv
    call_id, sequence = int(call_id), int(sequence)
    echo = IPv6(src=ipv6_source, dst=ipv6_destination) / ICMPv6EchoRequest(id=1, seq=1)
    send(gre(source, server, call_id, sequence, IPV6, echo), verbose=False)
    send(gre(source, server, call_id, sequence + 1, IPV6CP, Raw(IPV6CP_CONFIGURE_REQUEST)), verbose=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
