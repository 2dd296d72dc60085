"""The control plane end to end: `pptpkit server`, `client` and `probe` as
real processes in network namespaces this test creates (netns.py), run and
waited on by programs.py.

Namespaces on a bridge: S (192.0.2.10) runs the server, C (.20) the client
or probe, G (.30) misbehaving peers and servers written here. tcpdump on S's
bridge captures TCP 1723 and `pptpkit decode --json` checks the messages on
the wire. Timers are shortened by flags so the whole file takes ~30 s.
"""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import netns  # noqa: E402
from programs import Harness  # noqa: E402

PPTPKIT = Path(os.environ.get("PPTPKIT_BUILD_DIR", "build")) / "pptpkit"
LOAD_CONNECTIONS = 200


@pytest.fixture
def harness(tmp_path):
    reason = netns.unavailable_reason()
    if reason:
        pytest.skip(reason)
    if not PPTPKIT.is_file():
        pytest.skip(f"{PPTPKIT} not built")
    with netns.Topology(f"pk-cc-{os.getpid()}", ["s", "c", "g"]) as t:
        yield Harness(t, tmp_path)


def start(harness, name, ns, args):
    return harness.program(ns, [str(PPTPKIT), *args], name)


def start_server(harness, *extra):
    server = start(harness, "server", "s",
                   ["server", "--listen", harness.topology.address("s"), "--log-level", "debug", *extra])
    server.wait_for(r"listening on 192\.0\.2\.10:1723")
    return server


def capture_control(harness, path):
    """tcpdump of TCP 1723 on S's bridge while the block runs."""
    if shutil.which("tcpdump") is None:
        pytest.skip("tcpdump is not installed")
    return harness.capture("s", "br0", path, ["tcp port 1723"])


def decode(path):
    """`pptpkit decode --json` of a capture: (source, message) of each PPTP message, and decode's result."""
    out = subprocess.run([str(PPTPKIT), "decode", "--json", str(path)], capture_output=True, text=True, timeout=30)
    records = [json.loads(line) for line in out.stdout.splitlines()] if out.returncode == 0 else []
    return [(r["src"], r["message"]) for r in records if r.get("kind") == "pptp"], out


def wait_on_wire(harness, path, source, message):
    """Waits until the running capture holds `source`'s `message`, the last one expected: what was in
    flight has reached it. A record tcpdump is still writing makes decode fail: that poll counts as not yet."""
    harness.wait_until(f"{message} from {source} in {path.name}", lambda: (source, message) in decode(path)[0], 10)


def wire_messages(path):
    """The PPTP messages of a finished capture, which must decode without error."""
    messages, out = decode(path)
    assert out.returncode == 0, out.stderr
    return messages


def call_ids(program):
    """(call_id, peer_call_id) of every `call connected` line."""
    return [(int(a), int(b))
            for a, b in re.findall(r"call connected .*?call_id=(\d+) peer_call_id=(\d+)", program.log())]


def echo_counts(programs):
    """Echo-Requests sent and Echo-Replies received, both sides together."""
    requests = sum(len(re.findall(r"send Echo-Request", p.log())) for p in programs)
    replies = sum(len(re.findall(r"recv Echo-Reply", p.log())) for p in programs)
    return requests, replies


def test_tunnel_call_echo_and_server_sigterm(harness, tmp_path):
    address = harness.topology.address
    pcap = tmp_path / "server-stop.pcap"
    with capture_control(harness, pcap):
        server = start_server(harness, "--echo-interval", "1s")
        client = start(harness, "client", "c",
                       ["client", "--server", address("s"), "--echo-interval", "1s", "--log-level", "debug"])
        server.wait_for(r"call connected")
        client.wait_for(r"call connected")
        assert re.search(r"tunnel up peer=192\.0\.2\.20:\d+ version=0x0100", server.log())
        assert re.search(r"tunnel up peer=192\.0\.2\.10:1723 version=0x0100 .*host=\"pptpkit\"", client.log())
        [(server_call, server_peer_call)] = call_ids(server)
        [(client_call, client_peer_call)] = call_ids(client)
        assert (server_call, server_peer_call) == (client_peer_call, client_call)

        # Echo-Requests keep a tunnel without traffic alive. Any message resets
        # the silence on both sides, so which side asks varies; together they
        # ask about once per interval: three asked and answered within 3.5
        # intervals, and 1.5 more for a loaded machine.
        def three_echoes():
            requests, replies = echo_counts((server, client))
            return requests >= 3 and replies >= requests - 1

        harness.wait_until("3 Echo-Requests and their replies", three_echoes, 5)
        assert not any("tunnel down" in p.log() for p in (server, client))

        assert server.stop(timeout=5) == 0
        assert client.wait_exit(5) == 0
        server.wait_for(r"tunnel down peer=192\.0\.2\.20:\d+ reason=\"local stop\"")
        client.wait_for(r"call cleared .*cause=\"peer disconnect\"")
        wait_on_wire(harness, pcap, address("c"), "Stop-Control-Connection-Reply")
    messages = wire_messages(pcap)
    server_sent = [m for src, m in messages if src == address("s")]
    client_sent = [m for src, m in messages if src == address("c")]
    assert server_sent.index("Call-Disconnect-Notify") < server_sent.index("Stop-Control-Connection-Request")
    assert "Stop-Control-Connection-Reply" in client_sent
    assert "Echo-Request" in server_sent + client_sent and "Echo-Reply" in server_sent + client_sent


def test_client_sigterm_clears_and_stops(harness, tmp_path):
    address = harness.topology.address
    pcap = tmp_path / "client-stop.pcap"
    with capture_control(harness, pcap):
        server = start_server(harness)
        client = start(harness, "client", "c", ["client", "--server", address("s")])
        client.wait_for(r"call connected")
        assert client.stop(timeout=5) == 0
        server.wait_for(r"tunnel down peer=192\.0\.2\.20:\d+ reason=\"peer stop\"")
        assert server.process.poll() is None  # the server goes on
        wait_on_wire(harness, pcap, address("s"), "Stop-Control-Connection-Reply")
    messages = wire_messages(pcap)
    client_sent = [m for src, m in messages if src == address("c")]
    server_sent = [m for src, m in messages if src == address("s")]
    assert client_sent.index("Call-Clear-Request") < client_sent.index("Stop-Control-Connection-Request")
    assert "Call-Disconnect-Notify" in server_sent
    assert "Stop-Control-Connection-Reply" in server_sent
    assert server.stop(timeout=5) == 0


GARBAGE_SENDER = """
import socket, sys
s = socket.create_connection((sys.argv[1], 1723), timeout=5)
s.sendall(b"GET / HTTP/1.0\\r\\n\\r\\n" * 20)
s.settimeout(5)
while s.recv(4096):
    pass
print("dropped")
"""


def test_two_hundred_connections_and_a_garbage_sender(harness):
    server = start_server(harness, "--max-connections-per-source", "300", "--max-calls", "1000")
    client = start(harness, "client", "c",
                   ["client", "--server", harness.topology.address("s"), "--connections", str(LOAD_CONNECTIONS)])
    garbage = harness.topology.run("g", [sys.executable, "-c", GARBAGE_SENDER, harness.topology.address("s")],
                                   timeout=10)
    assert garbage.stdout.strip() == "dropped", garbage.stderr
    server.wait_for(r"call connected", count=LOAD_CONNECTIONS, timeout=20)
    client.wait_for(r"call connected", count=LOAD_CONNECTIONS, timeout=20)
    server_ids = call_ids(server)
    assert len({call for call, _ in server_ids}) == LOAD_CONNECTIONS  # server-wide unique Call IDs
    assert sorted(server_ids) == sorted((b, a) for a, b in call_ids(client))
    # Only the garbage sender's connection went down.
    downs = re.findall(r"tunnel down peer=(\S+)", server.log())
    assert len(downs) == 1 and downs[0].startswith("192.0.2.30:"), downs
    assert client.stop() == 0
    server.wait_for(r"tunnel down peer=192\.0\.2\.20", count=LOAD_CONNECTIONS)
    assert server.stop(timeout=5) == 0


def test_limits_refuse_and_count(harness):
    server = start_server(harness, "--max-connections-per-source", "2")
    client = start(harness, "client", "c", ["client", "--server", harness.topology.address("s"), "--connections", "3"])
    server.wait_for(r"connection refused peer=192\.0\.2\.20:\d+ reason=\"per-source connection limit")
    server.wait_for(r"call connected", count=2)
    client.stop(timeout=5)
    assert server.stop(timeout=5) == 0
    server.wait_for(r"stopped accepted=2 refused_total_limit=0 refused_source_limit=1")


FAKE_SERVER = """
import socket, sys
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind((sys.argv[1], int(sys.argv[2])))
listener.listen(4)
print("ready", flush=True)
while True:
    conn, _ = listener.accept()
    conn.recv(1024)
    if sys.argv[3] == "garbage":
        conn.sendall(b"SSH-2.0-OpenSSH_9.2\\r\\n" + bytes(200))
"""


def probe(harness, *args):
    return harness.topology.run("c", [str(PPTPKIT), "probe", *args], timeout=15)


def test_probe(harness):
    address = harness.topology.address
    server = start_server(harness)
    out = probe(harness, address("s"), "--call", "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["ok"] and report["peer"]["protocol_version"] == 0x0100
    assert report["peer"]["host_name"] == "pptpkit" and report["peer"]["maximum_channels"] == 64
    assert report["call"]["connected"] and report["call"]["result_code"] == 1
    server.wait_for(r"call connected")
    [(server_call, server_peer_call)] = call_ids(server)
    assert (report["call"]["peer_call_id"], report["call"]["call_id"]) == (server_call, server_peer_call)
    server.wait_for(r"tunnel down peer=192\.0\.2\.20:\d+ reason=\"peer stop\"")  # closed cleanly

    text = probe(harness, address("s"))
    assert text.returncode == 0 and "vendor            \"pptpkit\"" in text.stdout

    # Nobody listening, garbage, silence: one precise line and its exit code each.
    nobody = probe(harness, f"{address('s')}:1724")
    assert nobody.returncode == 2 and "cannot connect: Connection refused" in nobody.stderr
    for port, mode in ((1800, "garbage"), (1801, "silent")):
        fake = harness.topology.spawn("g", [sys.executable, "-c", FAKE_SERVER, address("g"), str(port), mode],
                                      stdout=subprocess.PIPE, text=True)
        assert fake.stdout.readline().strip() == "ready"
    garbage = probe(harness, f"{address('g')}:1800", "--timeout", "2s")
    assert garbage.returncode == 4, garbage.stderr
    assert garbage.stderr.count("\n") == 1 and "not a PPTP control message" in garbage.stderr
    silent = probe(harness, f"{address('g')}:1801", "--timeout", "1s", "--json")
    assert silent.returncode == 3
    assert "no Start-Control-Connection-Reply within 1 s" in json.loads(silent.stdout)["error"]
    assert server.stop(timeout=5) == 0
