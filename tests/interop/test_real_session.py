"""A real PPTP session, both ends real: pptp-linux 1.10.0 + pppd 2.4.9 in
the VM's namespace `irc` dial pptpd 1.4.0 in the VM (MS-CHAPv2,
require-mppe-128), ping through the tunnel and hang up. tcpdump in the VM
captures the VM-internal link (irv0); pptpkit only observes: `decode` must
read all of it, and the capture pins the peers' wire behaviour that later
interop tests rely on (docs/interop.md).
"""
import json
import os
import shutil
import subprocess
import time

import pytest

import interop_rig as r
from conftest import record_timing

CLIENT_IP = "203.0.113.2"  # irv1 in the VM's namespace irc
SERVER_IP = r.VM_INNER_IP  # irv0, the VM's root namespace (pptpd)
PINGS = 5

SCCRQ, SCCRP = "Start-Control-Connection-Request", "Start-Control-Connection-Reply"
OCRQ, OCRP = "Outgoing-Call-Request", "Outgoing-Call-Reply"
CCRQ, CDN = "Call-Clear-Request", "Call-Disconnect-Notify"

# No established TCP 1723 connection left, neither at pptpd nor at the client.
NO_CONTROL_CONNECTION = (
    '[ -z "$(ss -Htn state established \'( sport = :1723 )\'; '
    "ip netns exec irc ss -Htn state established '( dport = :1723 )')\" ]"
)


def decode(*args):
    result = subprocess.run([str(r.PPTPKIT), "decode", *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def session(rig, artifacts):
    """Runs the session once; returns what the tests look at."""
    name = f"pk-interop-{os.getpid()}"
    vm_pcap = f"/xfer/{name}.pcap"
    rig.run("/ir/guest/pptp-disconnect --netns irc >/dev/null; : > /var/log/ppp-server.log; : > /var/log/ppp-client.log")
    rig.vm("pptpd-start", "--mppe")
    rig.run("/ir/guest/mk-client-netns irc")
    rig.run(
        f"tcpdump -i irv0 -nn -U -w {vm_pcap} 'proto 47 or tcp port 1723' >/tmp/{name}.log 2>&1 & "
        f"echo $! > /tmp/{name}.pid"
    )
    out = {}
    try:
        assert rig.wait_in_vm(f"grep -q listening /tmp/{name}.log", timeout=10), "tcpdump did not start"
        start = time.monotonic()
        out["connect"] = rig.vm("pptp-connect", SERVER_IP, "--mppe", "--netns", "irc", "--timeout", "50",
                                timeout=120, check=False)
        record_timing("pptp_connect_s", time.monotonic() - start)
        if out["connect"].returncode == 0:
            out["ping"] = rig.run(f"ip netns exec irc ping -c {PINGS} -i 0.2 -W 3 {r.TUNNEL_SERVER_IP}", check=False)
        out["disconnect"] = rig.vm("pptp-disconnect", "--netns", "irc", check=False)
        out["control_closed"] = rig.wait_in_vm(NO_CONTROL_CONNECTION, timeout=15)
    finally:
        rig.run(f"kill -INT $(cat /tmp/{name}.pid)", check=False)
        rig.wait_in_vm(f"! kill -0 $(cat /tmp/{name}.pid) 2>/dev/null", timeout=10)
        logs = rig.run("cat /var/log/ppp-server.log; echo '== client'; cat /var/log/ppp-client.log", check=False)
        (artifacts / "real_session_ppp.log").write_text(logs.stdout)
        host_pcap = r.xfer_dir() / f"{name}.pcap"
        if host_pcap.exists():
            shutil.move(host_pcap, artifacts / "real_session.pcap")
    out["pcap"] = artifacts / "real_session.pcap"
    out["ppp_log"] = logs.stdout
    out["records"] = json_lines(decode("--json", str(out["pcap"])).stdout)
    return out


def pptp(records, message, src=None):
    return [x for x in records if x["kind"] == "pptp" and x["message"] == message and (src is None or x["src"] == src)]


def gre(records, src):
    return [x for x in records if x["kind"] == "gre" and x["src"] == src]


def test_real_peers_connect_and_ping_through_mppe_tunnel(session):
    connect = session["connect"]
    assert connect.returncode == 0, connect.stdout + connect.stderr
    assert f"{PINGS} received" in session["ping"].stdout, session["ping"].stdout
    assert session["control_closed"], "TCP 1723 still established after pptp-disconnect"
    # both pppds agreed on MS-CHAPv2 and MPPE-128 (pppd's own logs)
    assert "CHAP authentication succeeded" in session["ppp_log"]
    assert session["ppp_log"].count("MPPE 128-bit") >= 2


def test_decode_reads_everything_without_errors(session):
    records = session["records"]
    assert records, "decode printed nothing"
    errors = [x for x in records if x["kind"] == "error"]
    assert not errors, errors[:5]


def test_control_messages_of_pptp_linux_and_pptpd(session):
    records = session["records"]
    (sccrq,) = pptp(records, SCCRQ, CLIENT_IP)
    assert sccrq["protocol_version"] == 0x0100
    assert sccrq["framing_capabilities"] == 3 and sccrq["bearer_capabilities"] == 3
    assert sccrq["maximum_channels"] == 65535
    assert sccrq["host_name"] == "local" and sccrq["vendor_string"] == "cananian"

    (sccrp,) = pptp(records, SCCRP, SERVER_IP)
    assert sccrp["result_code"] == 1 and sccrp["error_code"] == 0
    assert sccrp["framing_capabilities"] == 0 and sccrp["bearer_capabilities"] == 0
    assert sccrp["host_name"] == "local" and sccrp["vendor_string"] == "linux"

    (ocrq,) = pptp(records, OCRQ, CLIENT_IP)
    assert ocrq["packet_recv_window_size"] == 3
    (ocrp,) = pptp(records, OCRP, SERVER_IP)
    assert ocrp["result_code"] == 1 and ocrp["peer_call_id"] == ocrq["call_id"]
    # pptpd copies the PNS's receive window into its reply
    assert ocrp["packet_recv_window_size"] == ocrq["packet_recv_window_size"]


def test_gre_carries_lcp_chap_ccp_ipcp_and_mppe(session):
    records = session["records"]
    ocrq = pptp(records, OCRQ, CLIENT_IP)[0]
    ocrp = pptp(records, OCRP, SERVER_IP)[0]
    to_server, to_client = gre(records, CLIENT_IP), gre(records, SERVER_IP)
    # the GRE Key field carries the receiver's Call ID (RFC 2637 section 4.1)
    assert to_server and all(x["call_id"] == ocrp["call_id"] for x in to_server)
    assert to_client and all(x["call_id"] == ocrq["call_id"] for x in to_client)
    assert all(x["version"] == 1 and x["protocol_type"] == 0x880B for x in to_server + to_client)

    frames = [x["ppp"] for x in to_server + to_client if "ppp" in x]
    seen = {(f["name"], f.get("code_name")) for f in frames}
    for expected in [
        ("LCP", "Configure-Request"),
        ("LCP", "Configure-Ack"),
        ("CHAP", "Challenge"),
        ("CHAP", "Response"),
        ("CHAP", "Success"),
        ("CCP", "Configure-Request"),
        ("CCP", "Configure-Ack"),
        ("IPCP", "Configure-Request"),
        ("IPCP", "Configure-Ack"),
        ("LCP", "Terminate-Request"),
    ]:
        assert expected in seen, f"{expected} not decoded; seen {sorted(seen, key=str)}"
    lcp_auth = [
        o["value"]
        for f in frames
        if f["name"] == "LCP" and f.get("code_name") == "Configure-Ack"
        for o in f.get("options", [])
        if o["name"] == "auth"
    ]
    assert any("MS-v2" in value for value in lcp_auth), lcp_auth
    ccp = [o for f in frames if f["name"] == "CCP" for o in f.get("options", [])]
    assert ccp and all(o["name"] == "mppe" for o in ccp), ccp
    # every ping and its reply crossed the tunnel encrypted
    mppe = [f for f in frames if f["protocol"] == 0x00FD]
    assert len(mppe) >= 2 * PINGS


def test_gre_sequence_numbers_of_real_peers(session):
    """pptpd numbers from 0; pptp-linux from 1 and never acknowledges 0."""
    records = session["records"]
    client_seqs = [x["sequence"] for x in gre(records, CLIENT_IP) if "sequence" in x]
    server_seqs = [x["sequence"] for x in gre(records, SERVER_IP) if "sequence" in x]
    assert server_seqs[0] == 0, server_seqs[:5]
    assert client_seqs[0] == 1, client_seqs[:5]
    client_acks = [x["ack"] for x in gre(records, CLIENT_IP) if "ack" in x]
    assert client_acks and 0 not in client_acks, client_acks[:5]
    # both number every data packet consecutively
    assert client_seqs == list(range(1, 1 + len(client_seqs)))
    assert server_seqs == list(range(len(server_seqs)))


def test_pptp_linux_hangs_up_with_call_clear_and_no_stop(session):
    """pptp-linux sends Call-Clear-Request and closes TCP without a
    Stop-Control-Connection-Request; pptpd sends no Call-Disconnect-Notify."""
    records = session["records"]
    assert len(pptp(records, CCRQ, CLIENT_IP)) == 1
    assert not pptp(records, CDN)
    assert not pptp(records, "Stop-Control-Connection-Request")
    assert not pptp(records, "Stop-Control-Connection-Reply")
    keepalive = ("Echo-Request", "Echo-Reply")  # pptp-linux's timer: 60 s, longer than a slow run
    control = [x["message"] for x in records if x["kind"] == "pptp" and x["message"] not in keepalive]
    assert control == [SCCRQ, SCCRP, OCRQ, OCRP, CCRQ], control


def has_option(argv, option):
    result = subprocess.run(argv + ["--help"], capture_output=True, text=True, timeout=30)
    return result.returncode == 0 and option in result.stdout


@pytest.fixture(scope="module")
def decrypted(session, tmp_path_factory):
    if not has_option([str(r.PPTPKIT), "decode"], "--secrets") or not has_option(
        [str(r.PPTPKIT), "decode"], "--write-decrypted"
    ):
        pytest.skip("pptpkit decode has no --secrets/--write-decrypted yet")
    tmp = tmp_path_factory.mktemp("secrets")
    secrets = tmp / "chap-secrets"
    secrets.write_text(f"{r.USER} * {r.PASSWORD} *\n")
    inner = session["pcap"].with_name("real_session_decrypted.pcap")
    result = decode(str(session["pcap"]), "--json", "--secrets", str(secrets), "--write-decrypted", str(inner))
    return json_lines(result.stdout), inner


def test_decode_secrets_verifies_ms_chap_v2_of_real_peers(decrypted):
    records, _ = decrypted
    assert not [x for x in records if x["kind"] == "error"]
    (s,) = [x for x in records if x["kind"] == "session"]
    assert s["pns"] == CLIENT_IP and s["pac"] == SERVER_IP
    assert s["auth"] == "MS-CHAPv2" and s["authenticator"] == "pac"
    assert s["user"] == r.USER and s["auth_result"] == "success"
    assert s["verified"] is True
    assert s["mppe"]["strength"] == "128-bit"
    assert s["encrypted_packets"] >= 2 * PINGS
    assert s["decrypted_packets"] == s["encrypted_packets"] and s["decrypt_failures"] == 0


def tshark_count(pcap, display_filter):
    result = subprocess.run(
        ["tshark", "-n", "-r", str(pcap), "-Y", display_filter], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return len([line for line in result.stdout.splitlines() if line.strip()])


def test_decrypted_packets_are_the_pings(decrypted):
    if shutil.which("tshark") is None:
        pytest.skip("tshark is not installed")
    _, inner = decrypted
    total = tshark_count(inner, "frame")
    assert tshark_count(inner, "_ws.malformed") == 0
    requests = tshark_count(inner, f"ip.version == 4 and icmp.type == 8 and ip.dst == {r.TUNNEL_SERVER_IP}")
    replies = tshark_count(inner, f"ip.version == 4 and icmp.type == 0 and ip.src == {r.TUNNEL_SERVER_IP}")
    assert requests == PINGS and replies == PINGS
    assert total == requests + replies
