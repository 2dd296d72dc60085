"""The GRE data channel end to end over real raw sockets.

Three namespaces on a bridge (netns.py): peers A (192.0.2.10) and B (.20)
run gre_peer with three calls each way through gre::Channel and gre::Demux;
C (.30) sends traffic B must drop: an unknown Call ID, a known Call ID from
the wrong peer, and GRE version 0. tcpdump on A's bridge captures it all and
tshark must read the capture without a malformed packet.

IPv6: two gre_peers in one namespace of their own exchange GRE over ::1
through raw IPv6 sockets.

Sources (IP_PKTINFO, IPV6_PKTINFO): a peer bound to one address sends every
packet from a second one (198.51.100.10, or 2001:db8::10 on the loopback),
and the receiver takes the calls only from that second address.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import netns  # noqa: E402

GRE_PEER = os.environ.get("GRE_PEER", "")
CALLS = [(100, 200), (101, 201), (102, 202)]  # (A's Call ID, B's Call ID)
COUNT = 300  # payloads per call and direction
RATE = 1000  # per call per second
SIZE = 200
BAD = 10  # packets of each bad kind
UNKNOWN_CALL = 999
CAPTURE_LIMIT = 20000  # tcpdump -c: well above what the run sends
IPV6_CALLS = [(300, 400), (301, 401)]  # (A's Call ID, B's Call ID), both ends on ::1
SECOND_V4 = "198.51.100.10"  # A's second address, beside 192.0.2.10
SECOND_V6 = "2001:db8::10"  # a second address on the loopback, beside ::1


def require_namespaces():
    reason = netns.unavailable_reason()
    if reason:
        pytest.skip(reason)
    if not Path(GRE_PEER).is_file():
        pytest.skip("gre_peer not built (GRE_PEER is set by ctest)")


@pytest.fixture
def topology():
    require_namespaces()
    with netns.Topology(f"pk-gre-{os.getpid()}", ["a", "b", "c"]) as t:
        yield t


@pytest.fixture
def loopback():
    """One namespace with only its loopback: both peers run in it."""
    require_namespaces()
    with netns.Topology(f"pk-gre6-{os.getpid()}", ["lo"], bridge=False) as t:
        if not t.has_ipv6_loopback("lo"):
            pytest.skip("IPv6 is disabled here: no ::1 in the namespace")
        yield t


def peer_args(local, calls, peer, count=COUNT, expect=COUNT, duration=10):
    """`peer` as --call writes it: 192.0.2.20 or [::1]."""
    args = [GRE_PEER, "--local", local, "--count", str(count), "--expect", str(expect),
            "--rate", str(RATE), "--size", str(SIZE), "--duration", str(duration), "--sync"]
    for our_call, peer_call in calls:
        args += ["--call", f"{our_call}:{peer_call}:{peer}"]
    return args


def start_pair(topology, namespaces, args_a, args_b):
    """Starts A and B (--sync) and waits until both are ready to send."""
    peers = [topology.spawn(ns, args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for ns, args in zip(namespaces, (args_a, args_b))]
    for peer in peers:
        assert peer.stdout.readline().strip() == "ready"
    return peers


def go(peers):
    """Lets the started peers send; returns their JSON summaries."""
    for peer in peers:
        peer.stdin.write("go\n")
        peer.stdin.flush()
    outputs = [peer.communicate(timeout=20)[0] for peer in peers]
    assert all(peer.returncode == 0 for peer in peers)
    return [json.loads(out) for out in outputs]


def start_capture(topology, path):
    if shutil.which("tcpdump") is None:
        pytest.skip("tcpdump is not installed")
    capture = topology.spawn("a", ["tcpdump", "-i", "br0", "-n", "-U", "-B", "16384", "-c", str(CAPTURE_LIMIT), "-w", str(path),
                                   "ip proto 47"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # tcpdump says "listening on br0" once its filter is installed.
    for line in capture.stderr:
        if "listening on" in line:
            return capture
    pytest.fail("tcpdump did not start")


def stop_capture(capture, path):
    # tcpdump may still hold packets it received but has not written: stop
    # it once the file has stopped growing (bounded).
    size = -1
    for _ in range(50):
        time.sleep(0.1)
        if path.stat().st_size == size:
            break
        size = path.stat().st_size
    capture.send_signal(signal.SIGINT)  # flushes and closes the file
    capture.wait(timeout=5)


def tshark(path, display_filter):
    out = subprocess.run(["tshark", "-r", str(path), "-Y", display_filter], capture_output=True, text=True,
                         timeout=30)
    assert out.returncode == 0, out.stderr
    return [line for line in out.stdout.splitlines() if line.strip()]


def check_calls(summary):
    for call in summary["calls"]:
        assert call["sent"] == COUNT, call
        assert call["delivered"] == COUNT, call
        assert call["unique"] == COUNT and call["in_order"] == COUNT, call
        assert call["out_of_order"] == 0 and call["duplicates"] == 0 and call["corrupt"] == 0, call
    assert summary["io"]["errors"] == 0, summary["io"]


def test_valid_traffic_delivered_and_bad_traffic_dropped_by_reason(topology, tmp_path):
    capture_file = tmp_path / "gre.pcap"
    capture = start_capture(topology, capture_file)

    address = topology.address
    peers = start_pair(topology, ("a", "b"), peer_args(address("a"), CALLS, address("b")),
                       peer_args(address("b"), [(r, l) for l, r in CALLS], address("a")))

    # C: for B's Call ID 200 (known there, but C is not its peer) and 999 (unknown).
    bad = topology.run("c", [GRE_PEER, "--mode", "bad", "--call", f"0:200:{address('b')}",
                             "--unknown-call", str(UNKNOWN_CALL), "--bad-count", str(BAD)], timeout=10)
    assert bad.returncode == 0, bad.stderr

    summary_a, summary_b = go(peers)
    stop_capture(capture, capture_file)

    check_calls(summary_a)
    check_calls(summary_b)
    assert all(n == 0 for n in summary_a["drops"].values()), summary_a["drops"]
    expected_drops = {reason: 0 for reason in summary_b["drops"]}
    expected_drops.update({"unknown_call": BAD, "wrong_peer": BAD, "unknown_gre_version": BAD})
    assert summary_b["drops"] == expected_drops
    assert bad.stdout and json.loads(bad.stdout)["wrong_peer"] == BAD

    if shutil.which("tshark") is None:
        pytest.skip("tshark is not installed: capture not checked")
    assert tshark(capture_file, "_ws.malformed || _ws.expert.severity >= error") == []
    pptp = tshark(capture_file, "gre.flags.version == 1 && gre.proto == 0x880b && ppp.protocol == 0x00fd")
    # tcpdump may drop packets when the machine is slow (sanitizer builds, a
    # busy CI host); what matters is that what it saw dissects cleanly.
    assert len(pptp) >= len(CALLS) * COUNT
    assert len(tshark(capture_file, "gre.flags.version == 0 && ip.proto == 253")) == BAD


def test_ipv6_over_loopback_every_socket_sees_every_packet(loopback):
    """Every raw GRE socket receives a copy of every GRE packet, so each peer
    also reads back what it sent itself: those carry the other side's Call
    IDs, which it does not have. Each must count exactly what it sent as
    unknown-call drops, and nothing else (::1 is every call's peer)."""
    summaries = go(start_pair(loopback, ("lo", "lo"), peer_args("::1", IPV6_CALLS, "[::1]"),
                              peer_args("::1", [(r, l) for l, r in IPV6_CALLS], "[::1]")))
    for summary in summaries:
        check_calls(summary)
        for call in summary["calls"]:
            assert all(n == 0 for n in call["drops"].values()), call
        expected_drops = {reason: 0 for reason in summary["drops"]}
        expected_drops["unknown_call"] = summary["io"]["sent"]
        assert summary["drops"] == expected_drops, summary["io"]
        # Its own copies, then at least the other side's data.
        assert summary["io"]["received"] >= summary["io"]["sent"] + len(IPV6_CALLS) * COUNT, summary["io"]


def check_sent_from_source(topology, namespaces, local, source, peer):
    """A (bound to `local`) sends every packet from `source`; B sends nothing
    and has the calls from `source` only, so it gets every payload only if the
    kernel used that source. A stops after 3 s: B's acks go to `source`,
    which A's bound socket does not read."""
    bracket = (lambda a: f"[{a}]") if ":" in source else (lambda a: a)
    sender = peer_args(local, CALLS, bracket(peer), expect=0, duration=3) + ["--source", source]
    receiver = peer_args(peer, [(r, l) for l, r in CALLS], bracket(source), count=0)
    summary_a, summary_b = go(start_pair(topology, namespaces, sender, receiver))
    assert summary_a["io"]["errors"] == 0 and summary_a["io"]["sent"] >= len(CALLS) * COUNT, summary_a["io"]
    for call in summary_b["calls"]:
        assert call["unique"] == COUNT and call["in_order"] == COUNT, call
        assert all(n == 0 for n in call["drops"].values()), call
    assert all(n == 0 for n in summary_b["drops"].values()), summary_b["drops"]


def test_ipv4_packets_leave_from_the_source_asked_not_the_bound_address(topology):
    assert topology.run("a", ["ip", "addr", "add", f"{SECOND_V4}/24", "dev", "br0"], timeout=5).returncode == 0
    route = topology.run("b", ["ip", "route", "add", "198.51.100.0/24", "via", topology.address("a")], timeout=5)
    assert route.returncode == 0, route.stderr
    check_sent_from_source(topology, ("a", "b"), topology.address("a"), SECOND_V4, topology.address("b"))


def test_ipv6_packets_leave_from_the_source_asked_not_the_bound_address(loopback):
    added = loopback.run("lo", ["ip", "-6", "addr", "add", f"{SECOND_V6}/128", "dev", "lo", "nodad"], timeout=5)
    assert added.returncode == 0, added.stderr
    check_sent_from_source(loopback, ("lo", "lo"), "::1", SECOND_V6, "::1")
