"""The control plane end to end: `pptpkit server`, `client` and `probe` as
real processes in network namespaces this test creates (netns.py).

Namespaces on a bridge: S (192.0.2.10) runs the server, C (.20) the client
or probe, G (.30) misbehaving peers and servers written here. tcpdump on S's
bridge captures TCP 1723 and `pptpkit decode --json` checks the messages on
the wire. Timers are shortened by flags so the whole file takes ~30 s.
"""
import json
import os
import re
import signal
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import netns  # noqa: E402

PPTPKIT = Path(os.environ.get("PPTPKIT_BUILD_DIR", "build")) / "pptpkit"
LOAD_CONNECTIONS = 200


@pytest.fixture
def topology():
    reason = netns.unavailable_reason()
    if reason:
        pytest.skip(reason)
    if not PPTPKIT.is_file():
        pytest.skip(f"{PPTPKIT} not built")
    with netns.Topology(f"pk-cc-{os.getpid()}", ["s", "c", "g"]) as t:
        yield t


class Log:
    """A process's stderr in a file, read while it runs."""

    def __init__(self, path):
        self.path = path

    def text(self):
        return self.path.read_text(errors="replace")

    def wait_for(self, pattern, count=1, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.findall(pattern, self.text())
            if len(found) >= count:
                return found
            time.sleep(0.05)
        pytest.fail(f"{self.path.name}: {count} x /{pattern}/ not seen in {timeout} s:\n{self.text()[-3000:]}")


def start(topology, tmp_path, name, ns, args):
    path = tmp_path / f"{name}.log"
    stream = path.open("w")
    process = topology.spawn(ns, [str(PPTPKIT), *args], stdout=stream, stderr=stream)
    return process, Log(path)


def start_server(topology, tmp_path, *extra):
    server, log = start(topology, tmp_path, "server", "s",
                        ["server", "--listen", topology.address("s"), "--log-level", "debug", *extra])
    log.wait_for(r"listening on 192\.0\.2\.10:1723")
    return server, log


def start_capture(topology, path):
    if shutil.which("tcpdump") is None:
        pytest.skip("tcpdump is not installed")
    capture = topology.spawn("s", ["tcpdump", "-i", "br0", "-n", "-U", "--immediate-mode", "-c", "100000", "-w",
                                   str(path), "tcp port 1723"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in capture.stderr:
        if "listening on" in line:
            return capture
    pytest.fail("tcpdump did not start")


def wire_messages(capture, path):
    time.sleep(0.3)  # what is in flight reaches the capture
    capture.send_signal(signal.SIGINT)
    capture.wait(timeout=5)
    out = subprocess.run([str(PPTPKIT), "decode", "--json", str(path)], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    return [(r["src"], r["message"]) for r in records if r.get("kind") == "pptp"]


def stop(process, timeout=5):
    os.kill(process.pid, signal.SIGTERM)
    return process.wait(timeout=timeout)


def call_ids(log):
    """(call_id, peer_call_id) of every `call connected` line."""
    return [(int(a), int(b)) for a, b in re.findall(r"call connected .*?call_id=(\d+) peer_call_id=(\d+)", log.text())]


def test_tunnel_call_echo_and_server_sigterm(topology, tmp_path):
    pcap = tmp_path / "server-stop.pcap"
    capture = start_capture(topology, pcap)
    server, server_log = start_server(topology, tmp_path, "--echo-interval", "1s")
    client, client_log = start(topology, tmp_path, "client", "c",
                               ["client", "--server", topology.address("s"), "--echo-interval", "1s",
                                "--log-level", "debug"])
    server_log.wait_for(r"call connected")
    client_log.wait_for(r"call connected")
    assert re.search(r"tunnel up peer=192\.0\.2\.20:\d+ version=0x0100", server_log.text())
    assert re.search(r"tunnel up peer=192\.0\.2\.10:1723 version=0x0100 .*host=\"pptpkit\"", client_log.text())
    [(server_call, server_peer_call)] = call_ids(server_log)
    [(client_call, client_peer_call)] = call_ids(client_log)
    assert (server_call, server_peer_call) == (client_peer_call, client_call)

    # Three and a half echo intervals without traffic: Echo-Requests keep the
    # tunnel alive. Any message resets the silence on both sides, so which
    # side asks varies; together they ask about once per interval.
    time.sleep(3.5)
    logs = (server_log, client_log)
    requests = sum(len(re.findall(r"send Echo-Request", log.text())) for log in logs)
    replies = sum(len(re.findall(r"recv Echo-Reply", log.text())) for log in logs)
    assert requests >= 3 and replies >= requests - 1, (requests, replies)
    assert not any("tunnel down" in log.text() for log in logs)

    assert stop(server) == 0
    assert client.wait(timeout=5) == 0
    server_log.wait_for(r"tunnel down peer=192\.0\.2\.20:\d+ reason=\"local stop\"")
    client_log.wait_for(r"call cleared .*cause=\"peer disconnect\"")
    messages = wire_messages(capture, pcap)
    server_sent = [m for src, m in messages if src == topology.address("s")]
    client_sent = [m for src, m in messages if src == topology.address("c")]
    assert server_sent.index("Call-Disconnect-Notify") < server_sent.index("Stop-Control-Connection-Request")
    assert "Stop-Control-Connection-Reply" in client_sent
    assert "Echo-Request" in server_sent + client_sent and "Echo-Reply" in server_sent + client_sent


def test_client_sigterm_clears_and_stops(topology, tmp_path):
    pcap = tmp_path / "client-stop.pcap"
    capture = start_capture(topology, pcap)
    server, server_log = start_server(topology, tmp_path)
    client, client_log = start(topology, tmp_path, "client", "c", ["client", "--server", topology.address("s")])
    client_log.wait_for(r"call connected")
    assert stop(client) == 0
    server_log.wait_for(r"tunnel down peer=192\.0\.2\.20:\d+ reason=\"peer stop\"")
    assert server.poll() is None  # the server goes on
    messages = wire_messages(capture, pcap)
    client_sent = [m for src, m in messages if src == topology.address("c")]
    server_sent = [m for src, m in messages if src == topology.address("s")]
    assert client_sent.index("Call-Clear-Request") < client_sent.index("Stop-Control-Connection-Request")
    assert "Call-Disconnect-Notify" in server_sent
    assert "Stop-Control-Connection-Reply" in server_sent
    assert stop(server) == 0


GARBAGE_SENDER = """
import socket, sys
s = socket.create_connection((sys.argv[1], 1723), timeout=5)
s.sendall(b"GET / HTTP/1.0\\r\\n\\r\\n" * 20)
s.settimeout(5)
while s.recv(4096):
    pass
print("dropped")
"""


def test_two_hundred_connections_and_a_garbage_sender(topology, tmp_path):
    server, server_log = start_server(topology, tmp_path, "--max-connections-per-source", "300",
                                      "--max-calls", "1000")
    client, client_log = start(topology, tmp_path, "client", "c",
                               ["client", "--server", topology.address("s"), "--connections",
                                str(LOAD_CONNECTIONS)])
    garbage = topology.run("g", [sys.executable, "-c", GARBAGE_SENDER, topology.address("s")], timeout=10)
    assert garbage.stdout.strip() == "dropped", garbage.stderr
    server_log.wait_for(r"call connected", count=LOAD_CONNECTIONS, timeout=20)
    client_log.wait_for(r"call connected", count=LOAD_CONNECTIONS, timeout=20)
    server_ids = call_ids(server_log)
    assert len({call for call, _ in server_ids}) == LOAD_CONNECTIONS  # server-wide unique Call IDs
    assert sorted(server_ids) == sorted((b, a) for a, b in call_ids(client_log))
    # Only the garbage sender's connection went down.
    downs = re.findall(r"tunnel down peer=(\S+)", server_log.text())
    assert len(downs) == 1 and downs[0].startswith("192.0.2.30:"), downs
    assert stop(client, timeout=15) == 0
    server_log.wait_for(r"tunnel down peer=192\.0\.2\.20", count=LOAD_CONNECTIONS)
    assert stop(server) == 0


def test_limits_refuse_and_count(topology, tmp_path):
    server, server_log = start_server(topology, tmp_path, "--max-connections-per-source", "2")
    client, client_log = start(topology, tmp_path, "client", "c",
                               ["client", "--server", topology.address("s"), "--connections", "3"])
    server_log.wait_for(r"connection refused peer=192\.0\.2\.20:\d+ reason=\"per-source connection limit")
    server_log.wait_for(r"call connected", count=2)
    stop(client)
    assert stop(server) == 0
    server_log.wait_for(r"stopped accepted=2 refused_total_limit=0 refused_source_limit=1")


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


def probe(topology, *args):
    return topology.run("c", [str(PPTPKIT), "probe", *args], timeout=15)


def test_probe(topology, tmp_path):
    server, server_log = start_server(topology, tmp_path)
    out = probe(topology, topology.address("s"), "--call", "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["ok"] and report["peer"]["protocol_version"] == 0x0100
    assert report["peer"]["host_name"] == "pptpkit" and report["peer"]["maximum_channels"] == 64
    assert report["call"]["connected"] and report["call"]["result_code"] == 1
    server_log.wait_for(r"call connected")
    [(server_call, server_peer_call)] = call_ids(server_log)
    assert (report["call"]["peer_call_id"], report["call"]["call_id"]) == (server_call, server_peer_call)
    server_log.wait_for(r"tunnel down peer=192\.0\.2\.20:\d+ reason=\"peer stop\"")  # closed cleanly

    text = probe(topology, topology.address("s"))
    assert text.returncode == 0 and "vendor            \"pptpkit\"" in text.stdout

    # Nobody listening, garbage, silence: one precise line and its exit code each.
    nobody = probe(topology, f"{topology.address('s')}:1724")
    assert nobody.returncode == 2 and "cannot connect: Connection refused" in nobody.stderr
    for port, mode in ((1800, "garbage"), (1801, "silent")):
        fake = topology.spawn("g", [sys.executable, "-c", FAKE_SERVER, topology.address("g"), str(port), mode],
                              stdout=subprocess.PIPE, text=True)
        assert fake.stdout.readline().strip() == "ready"
    garbage = probe(topology, f"{topology.address('g')}:1800", "--timeout", "2s")
    assert garbage.returncode == 4, garbage.stderr
    assert garbage.stderr.count("\n") == 1 and "not a PPTP control message" in garbage.stderr
    silent = probe(topology, f"{topology.address('g')}:1801", "--timeout", "1s", "--json")
    assert silent.returncode == 3
    assert "no Start-Control-Connection-Reply within 1 s" in json.loads(silent.stdout)["error"]
    assert stop(server) == 0
