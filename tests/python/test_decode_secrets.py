"""`pptpkit decode --secrets` on a capture of pptpkit's own PPP links.

`session_capture` runs an authenticator Link and a peer Link per call
(MS-CHAPv2 with stateless and stateful MPPE-128, MS-CHAPv1 with MPPE-128,
CHAP-MD5 and PAP in the clear) behind a PPTP control connection, and lists
the inner packets each call carried. decode must pair the calls with their
GRE flows, verify every exchange against chap-secrets, and write exactly
those inner packets, which tshark (an independent reader) must dissect
without complaint.
"""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

BUILD = Path(os.environ.get("PPTPKIT_BUILD_DIR", Path(__file__).parents[2] / "build"))
PPTPKIT = BUILD / "pptpkit"
GENERATOR = BUILD / "tests" / "session_capture"

GOOD_SECRETS = """# client server secret addresses
alice pptpkit wonderland *
carol * "stateful pass" *
dave * v1secret *
erin pptpkit md5secret *
frank * papsecret *
"""
WRONG_SECRETS = """alice * wrong *
carol * wrong *
dave * wrong *
erin * wrong *
frank * wrong *
"""


@pytest.fixture(scope="module")
def capture(tmp_path_factory):
    work = tmp_path_factory.mktemp("secrets")
    pcap, manifest = work / "sessions.pcap", work / "sessions.json"
    subprocess.run([str(GENERATOR), str(pcap), str(manifest)], check=True, timeout=120)
    return work, pcap, json.loads(manifest.read_text())["sessions"]


def decode(work, pcap, secrets_text, name):
    secrets = work / f"{name}.secrets"
    secrets.write_text(secrets_text)
    out = work / f"{name}.pcap"
    result = subprocess.run([str(PPTPKIT), "decode", str(pcap), "--json", "--secrets", str(secrets),
                             "--write-decrypted", str(out)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert not [line for line in lines if line["kind"] == "error"]
    gre_times = {line["time"] for line in lines if line["kind"] == "gre"}
    return [line for line in lines if line["kind"] == "session"], out, gre_times


EXPERT_ERROR = 0x00800000  # Wireshark's PI_ERROR


def inner_packets(pcap, times=None):
    """(src, dst, payload text) per packet, as tshark reads them; none may be malformed."""
    if shutil.which("tshark") is None:
        pytest.skip("tshark is not installed")
    out = subprocess.run(["tshark", "-n", "-r", str(pcap), "-T", "fields", "-e", "ip.src", "-e", "ip.dst",
                          "-e", "data.data", "-e", "_ws.malformed", "-e", "_ws.expert.severity", "-e", "frame.time_epoch",
                          "-d", "udp.port==9,data"],
                         capture_output=True, text=True, timeout=120, check=True)
    packets = []
    for line in out.stdout.splitlines():
        src, dst, data, malformed, severity, time = (line.split("\t") + [""] * 6)[:6]
        # tshark prints the severity as a number (PI_ERROR is 0x00800000),
        # several comma-separated when a frame carries more than one.
        assert not malformed and all(int(s) < EXPERT_ERROR for s in severity.split(",") if s), line
        if times is not None:
            assert float(time) in times, line  # the carrying frame's capture time
        packets.append((src, dst, bytes.fromhex(data).decode()))
    return packets


def expected_packets(sessions, names):
    return sorted((p["src"], p["dst"], p["payload"]) for s in sessions if s["name"] in names for p in s["packets"])


def test_every_exchange_verifies_and_every_packet_is_recovered(capture):
    work, pcap, sessions = capture
    reports, out, gre_times = decode(work, pcap, GOOD_SECRETS, "good")
    assert len(reports) == len(sessions)
    for report, session in zip(reports, sessions):
        assert report["pns"] == "192.0.2.2" and report["pac"] == "192.0.2.1"
        assert report["pns_call_id"] == session["pns_call_id"]
        assert report["pac_call_id"] == session["pac_call_id"]
        assert report["auth"] == session["auth"]
        assert report["user"] == session["user"]
        assert report["authenticator"] == "pac"
        assert report["auth_result"] == "success"
        assert report["verified"] is True, session["name"]
        assert report["mppe"] == session["mppe"]
        expected = len(session["packets"])
        if session["mppe"]:
            assert report["decrypted_packets"] == expected
            assert report["encrypted_packets"] == expected
            assert report["plaintext_ip_packets"] == 0
        else:
            assert report["plaintext_ip_packets"] == expected
        assert report["decrypt_failures"] == 0
    recovered = inner_packets(out, gre_times)
    assert sorted(recovered) == expected_packets(sessions, {s["name"] for s in sessions})


def test_wrong_secrets_verify_false_and_decrypt_nothing(capture):
    work, pcap, sessions = capture
    reports, out, _ = decode(work, pcap, WRONG_SECRETS, "wrong")
    assert [r["verified"] for r in reports] == [False] * len(sessions)
    assert all(r["decrypted_packets"] == 0 and r["decrypt_failures"] == 0 for r in reports)
    # Only the calls without MPPE had inner packets in the clear.
    clear = {s["name"] for s in sessions if not s["mppe"]}
    assert sorted(inner_packets(out)) == expected_packets(sessions, clear)


def test_users_without_a_secret_are_unknown(capture):
    work, pcap, sessions = capture
    reports, _, _ = decode(work, pcap, "alice * wonderland *\n", "partial")
    assert reports[0]["verified"] is True
    assert [r["verified"] for r in reports[1:]] == [None] * (len(sessions) - 1)
    assert all(r["user"] == s["user"] for r, s in zip(reports, sessions))


def test_text_output_has_one_session_line_per_call(capture):
    work, pcap, sessions = capture
    secrets = work / "text.secrets"
    secrets.write_text(GOOD_SECRETS)
    result = subprocess.run([str(PPTPKIT), "decode", str(pcap), "--secrets", str(secrets)],
                            capture_output=True, text=True, timeout=120, check=True)
    lines = [line for line in result.stdout.splitlines() if line.startswith("SESSION ")]
    assert len(lines) == len(sessions)
    assert 'auth="MS-CHAPv2"' in lines[0] and 'user="alice"' in lines[0] and "verified=true" in lines[0]


def test_bad_secrets_file_is_an_error(capture):
    work, pcap, _ = capture
    secrets = work / "bad.secrets"
    secrets.write_text('alice * "unterminated\n')
    result = subprocess.run([str(PPTPKIT), "decode", str(pcap), "--secrets", str(secrets)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "bad.secrets:1: unterminated quote" in result.stderr
