"""A whole session captured and read back (vpn.py), with stateless and with
stateful MPPE-128: tcpdump on the bridge in the server's namespace, started
before the client, records everything from Start-Control-Connection-Request
to the last Stop. tshark (an independent dissector) finds no malformed
packet and no expert error; `pptpkit decode --secrets` verifies the
MS-CHAPv2 exchange against the chap-secrets file, decrypts every MPPE frame,
and its --write-decrypted pcap holds exactly the ICMP echoes that crossed
the tunnel, readable by tshark.
"""
import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from vpn import PPTPKIT, SERVER_TUNNEL_ADDRESS, vpn_topology  # noqa: E402

PINGS = 4
MODES = {"stateless": [], "stateful": ["--mppe-stateful"]}


EXPERT_ERROR = 0x00800000  # Wireshark's PI_ERROR; a malformed packet carries one too


def dissect(pcap, *fields):
    """tshark's reading of every frame: `fields` per frame, after checking
    that none is malformed or carries an expert error."""
    out = subprocess.run(["tshark", "-n", "-r", str(pcap), "-T", "fields", "-E", "occurrence=a", "-e",
                          "_ws.malformed", "-e", "_ws.expert.severity", *[a for f in fields for a in ("-e", f)]],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    rows = []
    for line in out.stdout.splitlines():
        malformed, severities, *values = line.split("\t")
        assert not malformed, line
        assert all(int(s) < EXPERT_ERROR for s in severities.split(",") if s), line
        rows.append(values)
    return rows


@pytest.mark.parametrize("mode", MODES)
def test_capture_verifies_and_decrypts(mode, tmp_path):
    if shutil.which("tshark") is None:
        pytest.skip("tshark is not installed")
    with vpn_topology(tmp_path, ["s", "c"], prefix=f"cap{mode[:5]}") as vpn:
        server = vpn.server("s", users={"alice": "wonderland"}, args=MODES[mode])
        pcap = tmp_path / "session.pcap"
        with vpn.capture("s", "br0", pcap):
            client = vpn.client("c", args=MODES[mode])
            up = client.wait_up()
            vpn.ping("c", SERVER_TUNNEL_ADDRESS, count=PINGS)
            assert client.stop(signal.SIGTERM) == 0
            server.wait_session_down("alice")
        assert server.stop(signal.SIGTERM) == 0

    protocols = {row[0] for row in dissect(pcap, "frame.protocols")}
    assert {"eth:ethertype:ip:tcp:pptp", "eth:ethertype:ip:gre:ppp:chap", "eth:ethertype:ip:gre:ppp:ccp",
            "eth:ethertype:ip:gre:ppp:comp_data"} <= protocols, protocols

    secrets = tmp_path / "decode-secrets"
    secrets.write_text("alice * wonderland *\n")
    inner = tmp_path / "inner.pcap"
    decoded = subprocess.run([str(PPTPKIT), "decode", str(pcap), "--json", "--secrets", str(secrets),
                              "--write-decrypted", str(inner)], capture_output=True, text=True, timeout=60)
    assert decoded.returncode == 0, decoded.stderr
    lines = [json.loads(line) for line in decoded.stdout.splitlines()]
    assert [line for line in lines if line["kind"] == "error"] == []
    sessions = [line for line in lines if line["kind"] == "session"]
    assert len(sessions) == 1, sessions
    session = sessions[0]
    assert session["user"] == "alice" and session["auth"] == "MS-CHAPv2"
    assert session["auth_result"] == "success" and session["verified"] is True
    assert session["mppe"] == {"strength": "128-bit", "mode": mode}
    assert session["encrypted_packets"] >= 2 * PINGS
    assert session["decrypted_packets"] == session["encrypted_packets"]
    assert session["decrypt_failures"] == 0 and session["plaintext_ip_packets"] == 0

    packets = dissect(inner, "ip.src", "ip.dst", "icmp.type")
    request = [up.address, SERVER_TUNNEL_ADDRESS, "8"]
    reply = [SERVER_TUNNEL_ADDRESS, up.address, "0"]
    assert packets.count(request) == PINGS and packets.count(reply) == PINGS, packets
