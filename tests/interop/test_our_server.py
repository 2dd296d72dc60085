"""The real client (pptp-linux 1.10.0 + pppd 2.4.9 in the VM) against
`pptpkit server` in irhost (issue 7, items 1, 3, 4 and 5).

The first four tests share one server (MPPE-128 required, stateless, a pool
of one address, at most one call) and run in order: two refusals, a session
the client ends, a session the server's SIGTERM ends. That the later
sessions are served at all shows the refused and ended ones gave their
address and Call ID back. Each successful session is captured on the tap
and decoded with `pptpkit decode --secrets`.
"""
import re

import pytest

import interop_rig as r
import our_endpoints as o

ROUTE = f"{o.POOL_ADDRESS} dev pptp0"
# mppe= is none or quoted, as "128-bit stateless"
SESSION_UP = rf'session up user=alice address={re.escape(o.POOL_ADDRESS)} .*mppe=(none|"[^"]*")'
ROUTE_REMOVED = rf"route removed {re.escape(o.POOL_ADDRESS)}/32 dev pptp0"
# pppd's reason when MPPE is required and cannot be agreed, in our log
PEER_REFUSED_MPPE = r"LCP terminated by peer \(MPPE required but peer negotiation failed\)"


def client_log(rig):
    return rig.run("cat /var/log/ppp-client.log", check=False).stdout


def pptp_linux_log(rig):
    return rig.run("grep ' pptp\\[' /var/log/messages", check=False).stdout


def vm_logs(rig):
    return rig.vm("logs", check=False, timeout=30).stdout


def fresh_client(rig):
    """No pptp client left from a previous scenario, empty logs. A call
    manager of pptp-linux that is still exiting delays the next dial by
    10 s, so wait for it too."""
    rig.run("/ir/guest/pptp-disconnect >/dev/null", check=False)
    assert rig.wait_in_vm("! pgrep -x pppd >/dev/null && ! pgrep -x pptp >/dev/null", timeout=20)
    rig.run(": > /var/log/ppp-client.log; : > /var/log/messages")


def dial(rig, mppe, *pppd_options):
    """pptp-connect to our server (`mppe`: --mppe or --nomppe), extra pppd
    options after it; returns after IPCP is up (rc 0) or pppd's end."""
    extra = ["--", *pppd_options] if pppd_options else []
    return rig.vm("pptp-connect", r.HOST_IP, mppe, "--timeout", "40", *extra, timeout=120, check=False)


def refused_dial(rig, server, reason, mppe, *pppd_options):
    """A dial that must fail: pppd gives up, our server never announces the
    session and ends it (refused by us, or failed when pppd ended it) with
    `reason` (a regex). Returns pppd's log and ours since the dial."""
    fresh_client(rig)
    since = server.mark()
    connect = dial(rig, mppe, *pppd_options)
    assert connect.returncode != 0, connect.stdout
    ended = rf'session (?:refused|failed) user=\S* call_id=\d+ reason="{reason}"'
    assert server.wait_for(ended, 10, since), server.tail()
    assert "session up" not in server.text(since)
    return client_log(rig), server.text(since)


def up_or_fail(rig, server, connect, since):
    assert connect.returncode == 0, connect.stdout + connect.stderr + "\n== our server\n" + server.tail()
    up = server.wait_for(SESSION_UP, 10, since)
    assert up, server.tail()
    assert o.POOL_ADDRESS in connect.stdout, connect.stdout
    return up


def hang_up_from_the_vm(rig, server, since):
    """pppd killed (SIGTERM): our server frees the route, the address and
    the call, and pppd saw an orderly end. (pppd itself exits only some
    5 s later, after waiting for pptp: fresh_client waits for that.)"""
    rig.run("kill $(head -1 /run/ppp-irpptp-root.pid)")
    down = server.wait_for(r'session down user=alice call_id=\d+ reason="([^"]*)"', 15, since)
    assert down, server.tail()
    assert server.wait_for(ROUTE_REMOVED, 5, since), server.tail()
    assert ROUTE not in o.host_routes(rig)
    # pppd on SIGTERM: LCP Terminate-Request (its text says "MPPE disabled":
    # pppd takes CCP down first), our Terminate-Ack; pptp-linux then sends
    # Call-Clear-Request and closes TCP without Stop-Control-Connection-Request.
    assert server.wait_for("peer closed TCP without Stop-Control-Connection-Request", 10, since), server.tail()
    log = client_log(rig)
    assert re.search(r"sent \[LCP TermReq id=0x\w+", log) and re.search(r"rcvd \[LCP TermAck id=0x\w+", log), log
    assert "recv Call-Clear-Request" in server.text(since)
    assert "Call-Clear-Request" in pptp_linux_log(rig)
    return down.group(1)


@pytest.fixture(scope="module")
def secrets(tmp_path_factory):
    path = tmp_path_factory.mktemp("server") / "chap-secrets"
    path.write_text(f"{r.USER} * {r.PASSWORD} *\n")
    return path


@pytest.fixture(scope="module")
def server(rig, artifacts, secrets):
    rig.vm("pptpd-stop", check=False)
    o.install_tcp_echo(rig)
    ours = o.our_server(rig, artifacts / "our_server.log", secrets)
    yield ours
    rig.run("/ir/guest/pptp-disconnect >/dev/null", check=False)
    ours.stop()
    (artifacts / "our_server_vm.log").write_text(vm_logs(rig))


def test_wrong_password_is_answered_with_e691(rig, server):
    log, ours = refused_dial(rig, server, "Authentication failed", "--mppe", "password", "not-wonderland")
    assert re.search(r'authentication failed user=alice peer=192\.0\.2\.2 reason="wrong password"', ours), ours
    assert re.search(r'rcvd \[CHAP Failure id=0x\w+ "E=691 R=0 C=[0-9A-F]{32} V=3 M=[^"]*"\]', log), log
    assert "MS-CHAP authentication failed" in log, log


def test_client_without_mppe_is_refused(rig, server):
    log, _ = refused_dial(rig, server, "MPPE required but peer refused", "--nomppe")
    assert re.search(r'sent \[CCP ConfRej id=0x\w+ <mppe \+H -M \+S -L -D -C>\]', log), log
    assert 'LCP terminated by peer (MPPE required but peer refused)' in log, log


def test_stateless_session_carries_traffic_and_ends_from_the_client(rig, server, artifacts, secrets):
    fresh_client(rig)
    since = server.mark()
    capture = o.Capture(rig, artifacts / "our_server_stateless.pcap")
    try:
        connect = dial(rig, "--mppe")
        up = up_or_fail(rig, server, connect, since)
        assert up.group(1) == '"128-bit stateless"'
        assert ROUTE in o.host_routes(rig)
        log = client_log(rig)
        assert "MPPE 128-bit stateless compression enabled" in log, log
        # pppd asks for IPV6CP; we Protocol-Reject it and the session stays up
        assert "Protocol-Reject for 'IPv6 Control Protocol' (0x8057) received" in log, log
        assert re.search(r"sent \[LCP ProtRej id=0x\w+ proto=0x8057\]", server.text(since)), server.tail()
        o.traffic_both_ways(rig, server, r.TUNNEL_SERVER_IP, o.POOL_ADDRESS)
        reason = hang_up_from_the_vm(rig, server, since)
        assert reason == "LCP terminated by peer (MPPE disabled)", reason
    finally:
        pcap = capture.stop()
    session, records, _ = o.decoded_session(pcap, secrets, "stateless")
    assert session["pns"] == r.VM_IP and session["pac"] == r.HOST_IP
    # pptp-linux numbers its GRE packets from 1 (we take any first number)
    # and would never acknowledge a seq 0: we number from 1 as well, and its
    # (cumulative) acknowledgments follow ours.
    theirs, ours = o.gre_of(records, r.VM_IP), o.gre_of(records, r.HOST_IP)
    their_seqs = [x["sequence"] for x in theirs if "sequence" in x]
    assert their_seqs[0] == 1 and their_seqs == list(range(1, 1 + len(their_seqs)))
    their_acks = [x["ack"] for x in theirs if "ack" in x]
    assert 0 not in their_acks
    our_seqs = [x["sequence"] for x in ours if "sequence" in x]
    assert our_seqs[0] == 1 and our_seqs == list(range(1, 1 + len(our_seqs)))
    assert their_acks and their_acks == sorted(their_acks)
    assert o.pptp_of(records, "Call-Clear-Request", r.VM_IP)
    assert not o.pptp_of(records, "Stop-Control-Connection-Request")


def test_server_stop_ends_a_session_orderly(rig, server, artifacts):
    """Runs after the sessions above, on the same server: one address, one
    call at most, so being served shows both came back."""
    fresh_client(rig)
    since = server.mark()
    connect = dial(rig, "--mppe")
    up_or_fail(rig, server, connect, since)
    ping = o.vm_ping(rig, r.TUNNEL_SERVER_IP, count=1)
    assert ping.returncode == 0, ping.stdout
    code = server.stop()
    assert code == 0, server.tail()
    text = server.text(since)
    assert re.search(r'sent \[LCP TermReq id=0x\w+ "User request"\]', text), text[-3000:]
    assert re.search(ROUTE_REMOVED, text), text[-3000:]
    assert 'session down user=alice' in text and "send Call-Disconnect-Notify" in text, text[-3000:]
    assert "send Stop-Control-Connection-Request" in text and "recv Stop-Control-Connection-Reply" in text
    assert "shutdown timed out" not in text
    assert "pptp0" not in o.host_links(rig)
    assert rig.wait_in_vm("! pgrep -x pppd >/dev/null", timeout=20)
    log = client_log(rig)
    assert "LCP terminated by peer (User request)" in log, log
    pptp = pptp_linux_log(rig)
    assert "Call disconnect notification received" in pptp and "Received Stop Control Connection Request" in pptp


@pytest.fixture
def own_server(rig, artifacts, secrets, request):
    """A server of this test only, with extra flags; stopped at the end."""
    started = []

    def start(*extra):
        rig.vm("pptpd-stop", check=False)
        o.install_tcp_echo(rig)
        started.append(o.our_server(rig, artifacts / f"{request.node.name}.log", secrets, *extra))
        return started[-1]

    yield start
    rig.run("/ir/guest/pptp-disconnect >/dev/null", check=False)
    for ours in started:
        assert ours.stop() == 0, ours.tail()


def test_stateful_mppe(rig, own_server, artifacts, secrets):
    """--mppe-stateful asks for stateful mode: pppd agrees only with its own
    mppe-stateful (it still asks for stateless and takes our Nak toward
    stateful); by default it refuses and ends the link."""
    server = own_server("--mppe-stateful")
    log, _ = refused_dial(rig, server, PEER_REFUSED_MPPE, "--mppe")
    assert "Refusing MPPE stateful mode offered by peer" in log, log

    fresh_client(rig)
    since = server.mark()
    capture = o.Capture(rig, artifacts / "our_server_stateful.pcap")
    try:
        connect = dial(rig, "--mppe", "mppe-stateful")
        assert up_or_fail(rig, server, connect, since).group(1) == '"128-bit stateful"'
        log = client_log(rig)
        assert re.search(r"rcvd \[CCP ConfNak id=0x\w+ <mppe -H -M \+S -L -D -C>\]", log), log
        assert "MPPE 128-bit stateful compression enabled" in log, log
        o.traffic_both_ways(rig, server, r.TUNNEL_SERVER_IP, o.POOL_ADDRESS)
        hang_up_from_the_vm(rig, server, since)
    finally:
        pcap = capture.stop()
    o.decoded_session(pcap, secrets, "stateful")


def test_no_mppe_when_both_sides_allow_it(rig, own_server, artifacts, secrets):
    server = own_server("--mppe", "optional")
    fresh_client(rig)
    since = server.mark()
    capture = o.Capture(rig, artifacts / "our_server_plaintext.pcap")
    try:
        connect = dial(rig, "--nomppe")
        assert up_or_fail(rig, server, connect, since).group(1) == "none"
        assert "compression enabled" not in client_log(rig)
        o.traffic_both_ways(rig, server, r.TUNNEL_SERVER_IP, o.POOL_ADDRESS)
        hang_up_from_the_vm(rig, server, since)
    finally:
        pcap = capture.stop()
    o.decoded_session(pcap, secrets, None)


def test_server_refusing_mppe_against_a_client_requiring_it(rig, own_server):
    """We Protocol-Reject CCP; pppd, which requires MPPE, ends the link. The
    server goes on serving: a client without MPPE comes up right after."""
    server = own_server("--mppe", "refused")
    log, ours = refused_dial(rig, server, PEER_REFUSED_MPPE, "--mppe")
    assert re.search(r"sent \[LCP ProtRej id=0x\w+ proto=0x80fd\]", ours), ours
    assert "Protocol-Reject for 'Compression Control Protocol' (0x80fd) received" in log, log

    fresh_client(rig)
    since = server.mark()
    connect = dial(rig, "--nomppe")
    assert up_or_fail(rig, server, connect, since).group(1) == "none"
    ping = o.vm_ping(rig, r.TUNNEL_SERVER_IP, count=2)
    assert ping.returncode == 0, ping.stdout
    hang_up_from_the_vm(rig, server, since)
