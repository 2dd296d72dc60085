"""`pptpkit client` in irhost against the real pptpd 1.4.0 (+ pppd 2.4.9)
in the VM (issue 7, items 2, 3, 4 and 5): sessions with stateless and
stateful MPPE-128 ended from either side, and the refusals. Each successful
session is captured on the tap and decoded with `pptpkit decode --secrets`.
"""
import re

import pytest

import interop_rig as r
import our_endpoints as o

SESSION_UP = rf'session up user=alice address={re.escape(o.POOL_ADDRESS)} .*mppe="128-bit (?:stateless|stateful)"'


def server_log(rig):
    return rig.run("cat /var/log/ppp-server.log", check=False).stdout


def vm_logs(rig):
    return rig.vm("logs", check=False, timeout=30).stdout


def restart_pptpd(rig, mode, stateful=False):
    """pptpd with `mode` (--mppe: require-mppe-128, --nomppe), and pppd's
    mppe-stateful added to its options when `stateful`. The calls of the
    previous pptpd must be gone first, else pptpd closes its first
    connections at once."""
    assert rig.wait_in_vm("! pgrep -x pptpctrl >/dev/null && ! pgrep -x pppd >/dev/null", timeout=20)
    rig.run(": > /var/log/ppp-server.log; : > /var/log/messages")
    rig.vm("pptpd-start", mode)
    if stateful:
        rig.run("echo mppe-stateful >> /etc/ppp/pptpd-options")


@pytest.fixture(scope="module")
def files(rig, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("client")
    (tmp / "password").write_text(r.PASSWORD + "\n")
    (tmp / "wrong-password").write_text("not-" + r.PASSWORD + "\n")
    (tmp / "chap-secrets").write_text(f"{r.USER} * {r.PASSWORD} *\n")
    o.install_tcp_echo(rig)
    yield tmp
    rig.vm("pptpd-stop", check=False)


def session_up(rig, client):
    """Our client's session is up, and pptpd's pppd has configured its end
    (it drops IP that arrives before: the first pings would be lost)."""
    up = client.wait_for(SESSION_UP, 30)
    assert up and client.proc.poll() is None, client.tail() + "\n" + vm_logs(rig)
    assert rig.wait_in_vm(f"grep -q 'remote IP address {o.POOL_ADDRESS}' /var/log/ppp-server.log", timeout=15)


def tun_gone(rig):
    return "pptp-c" not in o.host_links(rig)


def test_stateless_session_carries_traffic_and_ends_on_sigterm(rig, artifacts, files):
    restart_pptpd(rig, "--mppe")
    capture = o.Capture(rig, artifacts / "our_client_stateless.pcap")
    client = o.our_client(rig, artifacts / "our_client_stateless.log", files / "password")
    try:
        session_up(rig, client)
        log = server_log(rig)
        assert "MPPE 128-bit stateless compression enabled" in log, log
        # pptpd's pppd asks for IPV6CP; we Protocol-Reject it and the session stays up
        assert "Protocol-Reject for 'IPv6 Control Protocol' (0x8057) received" in log, log
        assert re.search(r"sent \[LCP ProtRej id=0x\w+ proto=0x8057\]", client.text()), client.tail()
        o.traffic_both_ways(rig, client, o.POOL_ADDRESS, r.TUNNEL_SERVER_IP)
        since = client.mark()
        code = client.stop()
    finally:
        client.stop()
        pcap = capture.stop()
    assert code == 0, client.tail()
    text = client.text(since)
    # pptpd answers our Call-Clear-Request by closing TCP, without the
    # Call-Disconnect-Notify: handled as the end of the tunnel, at once
    assert "send Call-Clear-Request" in text and "recv Call-Disconnect-Notify" not in text, text
    assert "peer closed TCP without Stop-Control-Connection-Request: handled as a stop" in text, text
    assert "shutdown timed out" not in text
    assert tun_gone(rig)
    assert rig.wait_in_vm("! pgrep -x pppd >/dev/null", timeout=20)
    assert "LCP terminated by peer (User request)" in server_log(rig)

    session, records, _ = o.decoded_session(pcap, files / "chap-secrets", "stateless")
    assert session["pns"] == r.HOST_IP and session["pac"] == r.VM_IP
    # pptpd's Start-Control-Connection-Reply claims no framing and no
    # bearer capability; our client takes it (the session came up)
    (sccrp,) = o.pptp_of(records, "Start-Control-Connection-Reply", r.VM_IP)
    assert sccrp["framing_capabilities"] == 0 and sccrp["bearer_capabilities"] == 0, sccrp
    assert o.pptp_of(records, "Call-Clear-Request", r.HOST_IP)
    assert not o.pptp_of(records, "Call-Disconnect-Notify")
    # pptpd numbers its GRE packets from 0
    seqs = [x["sequence"] for x in o.gre_of(records, r.VM_IP) if "sequence" in x]
    assert seqs[0] == 0 and seqs == list(range(len(seqs)))


def test_stateful_session_ends_when_pptpds_pppd_dies(rig, artifacts, files):
    restart_pptpd(rig, "--mppe", stateful=True)
    capture = o.Capture(rig, artifacts / "our_client_stateful.pcap")
    client = o.our_client(rig, artifacts / "our_client_stateful.log", files / "password", "--mppe-stateful")
    try:
        session_up(rig, client)
        log = server_log(rig)
        assert "MPPE 128-bit stateful compression enabled" in log, log
        o.traffic_both_ways(rig, client, o.POOL_ADDRESS, r.TUNNEL_SERVER_IP)
        since = client.mark()
        rig.run("kill $(head -1 /run/ppp0.pid)")
        code = client.wait_exit(20)
    finally:
        client.stop()
        pcap = capture.stop()
    assert code == 1, client.tail()
    text = client.text(since)
    assert re.search(r'session down user=alice call_id=\d+ reason="LCP terminated by peer \(MPPE disabled\)"',
                     text), text
    assert "tunnel down" in text, text
    assert tun_gone(rig)
    o.decoded_session(pcap, files / "chap-secrets", "stateful")


def refused(rig, artifacts, files, name, password="password", *extra):
    client = o.our_client(rig, artifacts / f"our_client_{name}.log", files / password, *extra)
    try:
        code = client.wait_exit(40)
    finally:
        client.stop()
    assert code == 1, client.tail()
    assert "session up" not in client.text()
    assert tun_gone(rig)
    return client.text()


def test_wrong_password(rig, artifacts, files):
    restart_pptpd(rig, "--mppe")
    text = refused(rig, artifacts, files, "wrong_password", "wrong-password")
    assert re.search(r'authentication failed user=alice peer=\S+ reason="rejected by the authenticator"', text), text
    log = server_log(rig)
    assert re.search(r'sent \[CHAP Failure id=0x\w+ "E=691 R=1 C=[0-9a-f]{32} V=0 M=Access denied"\]', log), log


def test_client_requiring_mppe_against_pptpd_refusing_it(rig, artifacts, files):
    restart_pptpd(rig, "--nomppe")
    text = refused(rig, artifacts, files, "mppe_required")
    assert re.search(r'session refused user=alice call_id=\d+ reason="MPPE required but peer refused"', text), text
    log = server_log(rig)
    assert re.search(r"sent \[CCP ConfRej id=0x\w+ <mppe \+H -M \+S -L -D -C>\]", log), log
    assert "LCP terminated by peer (MPPE required but peer refused)" in log, log


def test_client_refusing_mppe_against_pptpd_requiring_it(rig, artifacts, files):
    restart_pptpd(rig, "--mppe")
    text = refused(rig, artifacts, files, "mppe_refused", "password", "--mppe", "refused")
    assert re.search(r"sent \[LCP ProtRej id=0x\w+ proto=0x80fd\]", text), text
    # pptpd's pppd ended the link: a failure, not our refusal.
    assert re.search(r'session failed user=alice call_id=\d+ reason="LCP terminated by peer '
                     r'\(MPPE required but peer negotiation failed\)"', text), text
    log = server_log(rig)
    assert "Protocol-Reject for 'Compression Control Protocol' (0x80fd) received" in log, log
