"""Independent oracle: packets built by Debian's scapy, read by `pptpkit decode --json`.

scapy's PPTP, GRE and PPP layers were written from the RFCs by other people;
when pptpkit's decoder reads every field of their packets as scapy meant it,
the two implementations agree on the wire format.
"""
import json
import os
import subprocess
from pathlib import Path

import pytest

scapy_all = pytest.importorskip("scapy.all")
from scapy.all import GRE_PPTP, HDLC, IP, PPP, TCP, Ether, wrpcap  # noqa: E402
from scapy.layers import ppp as sppp  # noqa: E402
from scapy.layers import pptp as spptp  # noqa: E402

PPTPKIT = Path(os.environ.get("PPTPKIT_BUILD_DIR", Path(__file__).parents[2] / "build")) / "pptpkit"
PNS, PAC = "192.0.2.2", "192.0.2.1"

# scapy's field names -> the RFC names pptpkit prints; None: not printed.
FIELD_NAMES = {
    "pkt_window_size": "packet_recv_window_size",
    "pkt_proc_delay": "packet_processing_delay",
    "pkt_transmit_delay": "packet_transmit_delay",
    "channel_id": "physical_channel_id",
    "phone_number_len": "phone_number_length",
    "dialed_number_len": "dialed_number_length",
    "dialing_number_len": "dialing_number_length",
    "call_statistic": "call_statistics",
    "time_out_errors": "timeout_errors",
    "reserved_1": None,
    "reserved_2": None,
}

CONTROL_MESSAGES = [
    ("Start-Control-Connection-Request", PNS, spptp.PPTPStartControlConnectionRequest(
        framing_capabilities=3, bearer_capabilities=3, maximum_channels=0, firmware_revision=0x0102,
        host_name="scapy-pns", vendor_string="scapy")),
    ("Start-Control-Connection-Reply", PAC, spptp.PPTPStartControlConnectionReply(
        result_code=1, framing_capabilities=1, bearer_capabilities=2, maximum_channels=512,
        firmware_revision=7, host_name="pac-" + "h" * 60, vendor_string="v" * 64)),
    ("Echo-Request", PNS, spptp.PPTPEchoRequest(identifier=0xDEADBEEF)),
    ("Echo-Reply", PAC, spptp.PPTPEchoReply(identifier=0xDEADBEEF, result_code=1)),
    ("Outgoing-Call-Request", PNS, spptp.PPTPOutgoingCallRequest(
        call_id=0x1234, call_serial_number=77, minimum_bps=2400, maximum_bps=10000000, bearer_type=3,
        framing_type=3, pkt_window_size=64, pkt_proc_delay=2, phone_number_len=4, phone_number="5551",
        subaddress="sub")),
    ("Outgoing-Call-Reply", PAC, spptp.PPTPOutgoingCallReply(
        call_id=0x4321, peer_call_id=0x1234, result_code=1, error_code=0, cause_code=0,
        connect_speed=100000000, pkt_window_size=32, pkt_proc_delay=1, channel_id=9)),
    ("Incoming-Call-Request", PAC, spptp.PPTPIncomingCallRequest(
        call_id=0x0101, call_serial_number=3, bearer_type=2, channel_id=4, dialed_number_len=3,
        dialing_number_len=2, dialed_number="123", dialing_number="45", subaddress="x")),
    # scapy 2.5.0 gives Incoming-Call-Reply a default Length of 148 (that of
    # Call-Disconnect-Notify); the message is 24 octets (RFC 2637 2.10), and
    # pptpkit rightly refuses 148, so the test sets the true length.
    ("Incoming-Call-Reply", PNS, spptp.PPTPIncomingCallReply(
        len=24, call_id=0x0202, peer_call_id=0x0101, result_code=1, error_code=0, pkt_window_size=16,
        pkt_transmit_delay=0)),
    ("Incoming-Call-Connected", PAC, spptp.PPTPIncomingCallConnected(
        peer_call_id=0x0202, connect_speed=64000, pkt_window_size=8, pkt_transmit_delay=3, framing_type=2)),
    ("Set-Link-Info", PNS, spptp.PPTPSetLinkInfo(peer_call_id=0x4321, send_accm=0xFFFFFFFF, receive_accm=0)),
    ("WAN-Error-Notify", PAC, spptp.PPTPWANErrorNotify(
        peer_call_id=0x1234, crc_errors=1, framing_errors=2, hardware_overruns=3, buffer_overruns=4,
        time_out_errors=5, alignment_errors=6)),
    ("Call-Clear-Request", PNS, spptp.PPTPCallClearRequest(call_id=0x1234)),
    ("Call-Disconnect-Notify", PAC, spptp.PPTPCallDisconnectNotify(
        call_id=0x4321, result_code=3, error_code=0, cause_code=16, call_statistic="stats here")),
    ("Stop-Control-Connection-Request", PNS, spptp.PPTPStopControlConnectionRequest(reason=1)),
    ("Stop-Control-Connection-Reply", PAC, spptp.PPTPStopControlConnectionReply(result_code=1)),
]


def lcp_option_types(options):
    return [o.type for o in options]


GRE_PACKETS = [
    # (description, GRE fields, PPP payload, expected ppp JSON subset)
    ("LCP Configure-Request", dict(seqnum_present=1, call_id=0x4321, sequence_number=0),
     HDLC() / PPP(proto=0xC021) / sppp.PPP_LCP_Configure(code=1, id=1, options=[
         sppp.PPP_LCP_MRU_Option(max_recv_unit=1400),
         sppp.PPP_LCP_Magic_Number_Option(magic_number=0x12345678),
         sppp.PPP_LCP_Auth_Protocol_Option(auth_protocol=0xC223, algorithm=0x81)]),
     {"protocol": 0xC021, "name": "LCP", "code": 1, "identifier": 1, "option_types": [1, 5, 3]}),
    ("LCP Echo-Request with ack", dict(seqnum_present=1, acknum_present=1, call_id=0x1234,
                                      sequence_number=0xFFFFFFFF, ack_number=0x7FFFFFFF),
     HDLC() / PPP(proto=0xC021) / sppp.PPP_LCP_Echo(code=9, id=7, magic_number=0xCAFEBABE),
     {"protocol": 0xC021, "name": "LCP", "code": 9, "identifier": 7}),
    ("PAP Authenticate-Request", dict(seqnum_present=1, call_id=0x4321, sequence_number=2),
     HDLC() / PPP(proto=0xC023) / sppp.PPP_PAP_Request(id=3, username="alice", password="wonderland"),
     {"protocol": 0xC023, "name": "PAP", "code": 1, "identifier": 3}),
    ("CHAP Challenge", dict(seqnum_present=1, call_id=0x4321, sequence_number=3),
     HDLC() / PPP(proto=0xC223) / sppp.PPP_CHAP_ChallengeResponse(
         code=1, id=4, value=bytes(range(16)), optional_name="pac"),
     {"protocol": 0xC223, "name": "CHAP", "code": 1, "identifier": 4}),
    ("IPCP Configure-Request", dict(seqnum_present=1, call_id=0x4321, sequence_number=4),
     HDLC() / PPP(proto=0x8021) / sppp.PPP_IPCP(code=1, id=5, options=[
         sppp.PPP_IPCP_Option_IPAddress(data="198.18.0.1"),
         sppp.PPP_IPCP_Option_DNS1(data="198.18.0.53")]),
     {"protocol": 0x8021, "name": "IPCP", "code": 1, "identifier": 5, "option_types": [3, 129]}),
    ("IPv4 datagram, no ACFC", dict(seqnum_present=1, call_id=0x4321, sequence_number=5),
     HDLC() / PPP(proto=0x0021) / IP(src="198.18.0.2", dst="198.18.0.1") / b"hello",
     {"protocol": 0x0021, "name": "IPv4"}),
    ("ack only", dict(acknum_present=1, call_id=0x1234, ack_number=5), None, None),
]


def build_capture(path):
    packets = []
    seq = {PNS: 1000, PAC: 5000}
    for _, sender, message in CONTROL_MESSAGES:
        receiver = PAC if sender == PNS else PNS
        sport, dport = (40000, 1723) if sender == PNS else (1723, 40000)
        payload = bytes(message)
        packets.append(Ether() / IP(src=sender, dst=receiver) /
                       TCP(sport=sport, dport=dport, flags="PA", seq=seq[sender]) / payload)
        seq[sender] += len(payload)
    for _, gre_fields, ppp_payload, _ in GRE_PACKETS:
        gre = GRE_PPTP(**gre_fields)
        packets.append(Ether() / IP(src=PNS, dst=PAC) / (gre / ppp_payload if ppp_payload else gre))
    wrpcap(str(path), packets)


@pytest.fixture(scope="module")
def decoded(tmp_path_factory):
    path = tmp_path_factory.mktemp("scapy") / "scapy.pcap"
    build_capture(path)
    out = subprocess.run([str(PPTPKIT), "decode", "--json", str(path)], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def test_every_record_decodes_without_error(decoded):
    assert [r for r in decoded if r["kind"] == "error"] == []
    assert len(decoded) == len(CONTROL_MESSAGES) + len(GRE_PACKETS)


# RFC 2637 2.9 calls the bearer of an incoming call "Call Bearer Type".
MESSAGE_FIELD_NAMES = {("Incoming-Call-Request", "bearer_type"): "call_bearer_type"}


def expected_fields(message_name, message):
    fields = {}
    for f in message.fields_desc[5:]:
        field = MESSAGE_FIELD_NAMES.get((message_name, f.name)) or FIELD_NAMES.get(f.name, f.name)
        if field is None:
            continue
        value = message.getfieldval(f.name)
        if isinstance(value, bytes):
            value = value.rstrip(b"\0").decode()
        fields[field] = value
    return fields


@pytest.mark.parametrize("index", range(len(CONTROL_MESSAGES)), ids=[m[0] for m in CONTROL_MESSAGES])
def test_control_message_fields_match_scapy(decoded, index):
    name, sender, message = CONTROL_MESSAGES[index]
    record = [r for r in decoded if r["kind"] == "pptp"][index]
    assert record["message"] == name
    assert record["src"] == sender
    for field, value in expected_fields(name, message).items():
        assert field in record, f"{name}: field {field} missing from {record}"
        assert record[field] == value, f"{name}.{field}"


@pytest.mark.parametrize("index", range(len(GRE_PACKETS)), ids=[g[0] for g in GRE_PACKETS])
def test_gre_fields_match_scapy(decoded, index):
    _, gre_fields, ppp_payload, ppp_expected = GRE_PACKETS[index]
    record = [r for r in decoded if r["kind"] == "gre"][index]
    assert record["version"] == 1
    assert record["protocol_type"] == 0x880B
    assert record["call_id"] == gre_fields["call_id"]
    assert record["payload_length"] == (len(bytes(ppp_payload)) if ppp_payload else 0)
    assert record.get("sequence") == gre_fields.get("sequence_number")
    assert record.get("ack") == gre_fields.get("ack_number")
    if ppp_expected is None:
        assert "ppp" not in record
        return
    ppp = record["ppp"]
    for key, value in ppp_expected.items():
        if key == "option_types":
            assert [o["type"] for o in ppp["options"]] == value
        else:
            assert ppp[key] == value, key
