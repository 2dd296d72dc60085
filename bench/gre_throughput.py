#!/usr/bin/python3
"""Data-channel throughput over real raw GRE sockets, against the underlay.

Not a test. Two throw-away namespaces (tests/e2e/netns.py: A on a bridge, B
on a veth into it; 192.0.2.0/24 only, deleted on exit). For each payload
size, gre_peer in A sends one call to B as fast as the socket takes it for
SECONDS, twice in the same run:

  channel  gre::Channel encapsulates in place, B's gre::Demux + Channel
           decapsulate, check order and deliver (B acks as PPTP requires);
  raw      the same packets on the wire (12-octet GRE v1 header, same
           payload), built with the GRE encoder only and located by offset
           on receipt: no Channel, no Demux. Same socket, batching, event
           loop and payload check, so the ratio channel/raw is the share of
           the underlay's packet rate the data channel keeps.

Figures are B's: unique payloads delivered over the time between the first
and last one; Mbit/s counts payload octets; pkt/call is A's packets per
sendmmsg call (the batching). On a shared VM single runs vary by +-20%, so
each size runs ROUNDS rounds, alternating which mode goes first, and the
median is reported. With --source A names its own address as every
packet's source (IP_PKTINFO, as the server does for each tunnel), so a run
with and one without show what the control message per packet costs. Run
as root from the repository:
  bench/gre_throughput.py [--source] [build/tests/e2e/gre_peer]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
import netns  # noqa: E402

SECONDS = 5
ROUNDS = 3
SIZES = (64, 1400)
MODES = ("channel", "raw")


def run_once(topology, gre_peer, mode, size, source):
    common = ["--mode", mode, "--size", str(size), "--sync", "--rate", "0"]
    from_source = ["--source", topology.address("a")] if source else []
    receiver = topology.spawn("b", [gre_peer, *common, "--local", topology.address("b"), "--count", "0",
                                    "--duration", str(SECONDS + 2), "--call", f"2:1:{topology.address('a')}"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    sender = topology.spawn("a", [gre_peer, *common, "--local", topology.address("a"), "--count", "100000000",
                                  "--send-for", str(SECONDS), "--duration", str(SECONDS + 0.5),
                                  "--call", f"1:2:{topology.address('b')}", *from_source],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    for peer in (receiver, sender):
        assert peer.stdout.readline().strip() == "ready"
    for peer in (receiver, sender):
        peer.stdin.write("go\n")
        peer.stdin.flush()
    sender_summary = json.loads(sender.communicate(timeout=SECONDS + 10)[0])
    sent, io = sender_summary["calls"][0], sender_summary["io"]
    got = json.loads(receiver.communicate(timeout=SECONDS + 10)[0])["calls"][0]
    span = got["last_s"] - got["first_s"]
    pps = (got["unique"] - 1) / span if span > 0 else 0.0
    bad = got["out_of_order"] + got["duplicates"] + got["corrupt"] + io["errors"]
    batch = io["sent"] / io["send_calls"] if io["send_calls"] else 0.0
    return {"pps": pps, "sent": sent["sent"], "delivered": got["unique"], "bad": bad, "batch": batch}


def main():
    reason = netns.unavailable_reason()
    if reason:
        sys.exit(f"gre_throughput: {reason}")
    parser = argparse.ArgumentParser(description="GRE data-channel throughput against the underlay")
    parser.add_argument("--source", action="store_true", help="A sends every packet with IP_PKTINFO")
    parser.add_argument("gre_peer", nargs="?", default=str(ROOT / "build" / "tests" / "e2e" / "gre_peer"))
    args = parser.parse_args()
    with netns.Topology(f"pk-gthr-{os.getpid()}", ["a", "b"]) as topology:
        # Resolve ARP first so no run loses its first packets to it.
        topology.run("a", ["ping", "-c", "1", "-W", "1", topology.address("b")], timeout=5)
        print(f"{'size':>5} {'mode':>8} {'pkt/s':>11} {'Mbit/s':>9} {'lost%':>6} {'bad':>4} {'pkt/call':>8}"
              f"  (median of {ROUNDS} runs{', with --source' if args.source else ''})")
        for size in SIZES:
            runs = {mode: [] for mode in MODES}
            for round_ in range(ROUNDS):
                for mode in MODES if round_ % 2 == 0 else reversed(MODES):
                    runs[mode].append(run_once(topology, args.gre_peer, mode, size, args.source))
            median = {}
            for mode in MODES:
                r = runs[mode]
                median[mode] = statistics.median(x["pps"] for x in r)
                lost = 100.0 * (1 - sum(x["delivered"] for x in r) / sum(x["sent"] for x in r))
                print(f"{size:>5} {mode:>8} {median[mode]:>11,.0f} {median[mode] * size * 8 / 1e6:>9,.1f} "
                      f"{lost:>6.1f} {sum(x['bad'] for x in r):>4} {statistics.median(x['batch'] for x in r):>8.1f}"
                      "   runs: "
                      + " ".join(f"{x['pps']:,.0f}" for x in r))
            print(f"{size:>5}  channel/raw = {median['channel'] / median['raw']:.2f}")

if __name__ == "__main__":
    main()
