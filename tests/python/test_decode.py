"""`pptpkit decode` end to end on captures written here with struct.

The captures are built byte by byte (no scapy) so the test pins the exact
layout decode must understand: pcap file header, Ethernet II, IPv4, TCP and
enhanced GRE (RFC 2637 sections 2.1 and 4.1).
"""
import json
import os
import struct
import subprocess
from pathlib import Path

import pytest

BUILD = Path(os.environ.get("PPTPKIT_BUILD_DIR", Path(__file__).parents[2] / "build"))
PPTPKIT = BUILD / "pptpkit"

CLIENT, SERVER = "192.0.2.2", "192.0.2.1"
T0 = 1_700_000_000
LINKTYPE_ETHERNET = 1


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def ip_bytes(dotted: str) -> bytes:
    return bytes(int(part) for part in dotted.split("."))


def ipv4(src: str, dst: str, protocol: int, payload: bytes, total_length=None) -> bytes:
    length = total_length if total_length is not None else 20 + len(payload)
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, length, 1, 0x4000, 64, protocol, 0, ip_bytes(src), ip_bytes(dst))
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    return header + payload


def ethernet(packet: bytes) -> bytes:
    return bytes.fromhex("020000000001") + bytes.fromhex("020000000002") + struct.pack("!H", 0x0800) + packet


def tcp(sport: int, dport: int, seq: int, flags: int, payload: bytes = b"") -> bytes:
    # Checksum left zero: decode does not judge it (offloaded captures lack it).
    return struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 5 << 4, flags, 8192, 0, 0) + payload


SYN, ACK, PSH = 0x02, 0x10, 0x08


def sccrq(host: bytes = b"pptpkit-test", vendor: bytes = b"pytest", cookie: int = 0x1A2B3C4D) -> bytes:
    """Start-Control-Connection-Request, RFC 2637 section 2.1: 156 octets."""
    body = struct.pack("!HHIHHHHIIHH64s64s", 156, 1, cookie, 1, 0, 0x0100, 0, 1, 1, 0, 0x0A00, host, vendor)
    assert len(body) == 156
    return body


def echo_request(identifier: int) -> bytes:
    return struct.pack("!HHIHHI", 16, 1, 0x1A2B3C4D, 5, 0, identifier)


def lcp_configure_request() -> bytes:
    options = bytes([1, 4]) + struct.pack("!H", 1400) + bytes([5, 6]) + struct.pack("!I", 0x12345678)
    lcp = struct.pack("!BBH", 1, 1, 4 + len(options)) + options
    return bytes([0xFF, 0x03]) + struct.pack("!H", 0xC021) + lcp


def gre_v1(call_id: int, seq: int, ack: int, payload: bytes, payload_length=None) -> bytes:
    """Enhanced GRE, RFC 2637 section 4.1: K and S set, A set, version 1."""
    length = payload_length if payload_length is not None else len(payload)
    return struct.pack("!BBHHHII", 0x30, 0x81, 0x880B, length, call_id, seq, ack) + payload


def write_pcap(path: Path, frames, linktype=LINKTYPE_ETHERNET):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype))
        for i, frame in enumerate(frames):
            f.write(struct.pack("<IIII", T0, 1000 * i, len(frame), len(frame)) + frame)


def run_decode(path: Path, *args):
    return subprocess.run([str(PPTPKIT), "decode", str(path), *args], capture_output=True, text=True, timeout=30)


def decode_json(path: Path):
    result = run_decode(path, "--json")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def basic_capture(tmp_path):
    """SYN, a SCCRQ split over two segments, a GRE LCP packet, a malformed GRE packet."""
    message = sccrq()
    frames = [
        ethernet(ipv4(CLIENT, SERVER, 6, tcp(40000, 1723, 1000, SYN))),
        ethernet(ipv4(CLIENT, SERVER, 6, tcp(40000, 1723, 1001, ACK, message[:100]))),
        ethernet(ipv4(CLIENT, SERVER, 6, tcp(40000, 1723, 1101, ACK | PSH, message[100:]))),
        ethernet(ipv4(SERVER, CLIENT, 47, gre_v1(0x1234, 7, 3, lcp_configure_request()))),
        # Payload Length claims 200 octets the packet does not have.
        ethernet(ipv4(SERVER, CLIENT, 47, gre_v1(0x1234, 8, 3, lcp_configure_request(), payload_length=200))),
    ]
    path = tmp_path / "basic.pcap"
    write_pcap(path, frames)
    return path


def test_json_fields(basic_capture):
    lines = decode_json(basic_capture)
    assert [line["kind"] for line in lines] == ["pptp", "gre", "error"]

    pptp = lines[0]
    assert pptp["frame"] == 3  # the message completes in the second segment
    assert pptp["time"] == pytest.approx(T0 + 0.002)
    assert (pptp["src"], pptp["dst"]) == (CLIENT, SERVER)
    assert pptp["message"] == "Start-Control-Connection-Request"
    assert pptp["protocol_version"] == 0x0100
    assert pptp["framing_capabilities"] == 1
    assert pptp["bearer_capabilities"] == 1
    assert pptp["maximum_channels"] == 0
    assert pptp["firmware_revision"] == 0x0A00
    assert pptp["host_name"] == "pptpkit-test"
    assert pptp["vendor_string"] == "pytest"

    gre = lines[1]
    assert gre["frame"] == 4
    assert (gre["src"], gre["dst"]) == (SERVER, CLIENT)
    assert gre["version"] == 1
    assert gre["protocol_type"] == 0x880B
    assert gre["call_id"] == 0x1234
    assert gre["payload_length"] == len(lcp_configure_request())
    assert gre["sequence"] == 7
    assert gre["ack"] == 3
    ppp = gre["ppp"]
    assert ppp["protocol"] == 0xC021
    assert ppp["name"] == "LCP"
    assert ppp["code"] == 1
    assert ppp["identifier"] == 1
    assert [(o["type"], o["name"]) for o in ppp["options"]] == [(1, "mru"), (5, "magic")]
    assert ppp["options"][0]["value"] == "1400"
    assert ppp["options"][1]["value"] == "0x12345678"

    error = lines[2]
    assert error["frame"] == 5
    assert error["src"] == SERVER
    assert "GRE" in error["error"]


def test_text_output(basic_capture):
    result = run_decode(basic_capture)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"#3 0.002000 {CLIENT} -> {SERVER} PPTP Start-Control-Connection-Request ")
    assert 'host_name="pptpkit-test"' in lines[0]
    assert lines[1].startswith(f"#4 0.003000 {SERVER} -> {CLIENT} GRE call_id=4660 seq=7 ack=3 PPP LCP ")
    assert "<mru 1400> <magic 0x12345678>" in lines[1]
    assert lines[2].startswith("#5 ") and "ERROR" in lines[2]


def test_bad_cookie_stops_only_that_stream(tmp_path):
    frames = [
        ethernet(ipv4(CLIENT, SERVER, 6, tcp(40000, 1723, 1000, SYN))),
        ethernet(ipv4(SERVER, CLIENT, 6, tcp(1723, 40000, 5000, SYN | ACK))),
        ethernet(ipv4(CLIENT, SERVER, 6, tcp(40000, 1723, 1001, ACK, sccrq(cookie=0xDEADBEEF)))),
        ethernet(ipv4(CLIENT, SERVER, 6, tcp(40000, 1723, 1157, ACK, echo_request(1)))),
        ethernet(ipv4(SERVER, CLIENT, 6, tcp(1723, 40000, 5001, ACK, echo_request(2)))),
    ]
    path = tmp_path / "cookie.pcap"
    write_pcap(path, frames)
    lines = decode_json(path)
    assert [(line["frame"], line["kind"]) for line in lines] == [(3, "error"), (5, "pptp")]
    assert "magic cookie" in lines[0]["error"]
    assert lines[1]["message"] == "Echo-Request"
    assert lines[1]["identifier"] == 2


def test_out_of_order_segments_are_reassembled(tmp_path):
    message = sccrq()
    frames = [
        ethernet(ipv4(CLIENT, SERVER, 6, tcp(40000, 1723, 1000, SYN))),
        ethernet(ipv4(CLIENT, SERVER, 6, tcp(40000, 1723, 1101, ACK, message[100:]))),
        ethernet(ipv4(CLIENT, SERVER, 6, tcp(40000, 1723, 1001, ACK, message[:100]))),
        ethernet(ipv4(CLIENT, SERVER, 6, tcp(40000, 1723, 1001, ACK, message[:100]))),  # retransmission
    ]
    path = tmp_path / "reorder.pcap"
    write_pcap(path, frames)
    lines = decode_json(path)
    assert [(line["frame"], line.get("message")) for line in lines] == [(3, "Start-Control-Connection-Request")]


def test_unsupported_link_type_is_a_clear_error(tmp_path):
    path = tmp_path / "wifi.pcap"
    write_pcap(path, [b"\0" * 40], linktype=105)  # IEEE 802.11
    result = run_decode(path)
    assert result.returncode != 0
    assert "unsupported link type" in result.stderr


def test_missing_file_fails(tmp_path):
    result = run_decode(tmp_path / "absent.pcap")
    assert result.returncode != 0
    assert result.stderr.strip()
