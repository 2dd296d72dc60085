"""The data-path settings end to end, with real processes in namespaces this
test creates (netns.py): S (192.0.2.10) runs `pptpkit server --secrets`,
C (192.0.2.20) and D (192.0.2.30) run `pptpkit client --user`.

- Session MTU: the server's TUN takes the MRU, the session's host route
  carries the session's MTU (`ip route` shows `mtu`), the client's TUN the
  session's; a ping with DF one octet above the MTU is refused ("message
  too long"), one at the MTU passes. The client logs the DNS servers the
  server pushed (IPCP, RFC 1877).
- MSS clamping: a SYN with MSS 1460 sent into the tunnel by scapy is
  captured by tcpdump on the far end's TUN with the MSS the session's MTU
  carries (and a correct checksum), both ways; with `--mss-clamp false` on
  both ends it arrives unchanged.
- Limits: a second session of a user with max-sessions-per-user 1 is
  closed with a reason both ends see while the first keeps passing
  traffic; max-sessions 1 refuses a second client's call, and
  max-connections-per-source 1 a second connection from the same address.
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
from vpn import PPTPKIT, read  # noqa: E402

scapy_all = pytest.importorskip("scapy.all")

PYTHON = "/usr/bin/python3"
SERVER_END = "198.18.0.1"
SECRETS = "alice * wonderland *\nbob * builder *\n"
PASSWORDS = {"alice": "wonderland", "bob": "builder"}


@pytest.fixture
def vpn(tmp_path):
    reason = netns.unavailable_reason()
    if reason:
        pytest.skip(reason)
    for needed, what in [(PPTPKIT.is_file(), f"{PPTPKIT} not built"),
                         (Path("/dev/net/tun").exists(), "/dev/net/tun is missing"),
                         (shutil.which("tcpdump"), "tcpdump is not installed")]:
        if not needed:
            pytest.skip(what)
    with netns.Topology(f"pk-set-{os.getpid()}", ["s", "c", "d"]) as topology:
        yield Vpn(topology, tmp_path)


def wait_until(what, check, timeout, log_paths):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    logs = "\n".join(f"--- {p.name}\n{read(p)[-3000:]}" for p in log_paths)
    pytest.fail(f"{what} not seen in {timeout} s\n{logs}")


class Vpn:
    """Starts the server and clients with their logs in tmp_path."""

    def __init__(self, topology, tmp_path):
        self.topology = topology
        self.tmp = tmp_path
        self.logs = []
        (tmp_path / "chap-secrets").write_text(SECRETS)
        for user, password in PASSWORDS.items():
            (tmp_path / user).write_text(password + "\n")

    def _spawn(self, ns, name, argv):
        log = self.tmp / f"{name}.log"
        self.logs.append(log)
        with log.open("w") as stream:
            process = self.topology.spawn(ns, argv, stdout=stream, stderr=stream)
        return process, log

    def server(self, *flags):
        process, log = self._spawn("s", "server", [
            str(PPTPKIT), "server", "--listen", self.topology.address("s"), "--secrets",
            str(self.tmp / "chap-secrets"), "--pool", "198.18.0.10-198.18.0.49", "--local-ip", SERVER_END,
            "--log-level", "debug", *flags])
        self.wait("server listening", lambda: "listening on 192.0.2.10:1723" in read(log))
        return process, log

    def client(self, ns, name, user, *flags):
        return self._spawn(ns, name, [
            str(PPTPKIT), "client", "--server", self.topology.address("s"), "--user", user, "--password-file",
            str(self.tmp / user), "--log-level", "debug", *flags])

    def client_up(self, ns, name, user, *flags):
        """A client whose session is up: its process, log and tunnel address."""
        process, log = self.client(ns, name, user, *flags)
        up = self.wait(f"{name}'s session up",
                       lambda: re.search(r"tun configured dev=(\S+) local=(\S+) .*mtu=(\d+)", read(log)))
        return process, log, up.group(2)

    def wait(self, what, check, timeout=15):
        return wait_until(what, check, timeout, self.logs)

    def exit_code(self, process, log, timeout=20):
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{log.name}: did not exit\n{read(log)[-3000:]}")

    def ip_json(self, ns, *args):
        out = self.topology.run(ns, ["ip", "-j", *args], timeout=5)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout or "[]")

    def ping(self, ns, destination, *flags):
        return self.topology.run(ns, ["ping", "-c", "1", "-W", "2", *flags, destination], timeout=10)

    def send_tcp(self, ns, source, destination, flags, mss):
        """One TCP segment with an MSS option, built by scapy and routed by the kernel."""
        script = ("from scapy.all import IP, TCP, L3RawSocket, conf, send\n"
                  "conf.L3socket = L3RawSocket\n"
                  f"send(IP(src='{source}', dst='{destination}') / TCP(sport=40000, dport=5001, flags='{flags}', "
                  f"options=[('MSS', {mss})]), verbose=False)\n")
        out = self.topology.run(ns, [PYTHON, "-c", script], timeout=30)
        assert out.returncode == 0, out.stderr

    def captured_mss(self, ns, device, send):
        """The MSS of the first TCP segment on `device` once send() ran; its checksum must verify."""
        pcap = self.tmp / f"{device}.pcap"
        capture = subprocess.Popen(["ip", "netns", "exec", self.topology.ns(ns), "tcpdump", "-i", device, "-U",
                                    "-n", "-c", "1", "-w", str(pcap), "tcp"], stderr=subprocess.PIPE, text=True)
        try:
            # tcpdump says "listening on" once the capture is open.
            assert "listening on" in capture.stderr.readline()
            send()
            capture.wait(timeout=10)
        finally:
            if capture.poll() is None:
                os.kill(capture.pid, signal.SIGTERM)
                capture.wait()
        (packet,) = scapy_all.rdpcap(str(pcap))
        ip = scapy_all.IP(bytes(packet))
        received = ip[scapy_all.TCP].chksum
        del ip[scapy_all.TCP].chksum
        assert scapy_all.IP(bytes(ip))[scapy_all.TCP].chksum == received, "TCP checksum"
        return dict(ip[scapy_all.TCP].options)["MSS"]


def test_session_mtu_routes_and_name_servers(vpn):
    server, server_log = vpn.server("--dns", "198.51.100.53", "--dns", "198.51.100.54", "--nbns", "198.51.100.137")
    _, client_log, address = vpn.client_up("c", "client", "alice")
    # MRU 1400 both ways less MPPE's 4 octets.
    assert "tun configured dev=pptp-c0 local=198.18.0.10 peer=198.18.0.1 mtu=1396" in read(client_log)
    assert vpn.ip_json("c", "link", "show", "pptp-c0")[0]["mtu"] == 1396
    assert vpn.ip_json("s", "link", "show", "pptp0")[0]["mtu"] == 1400
    (route,) = vpn.ip_json("s", "route", "show", "dev", "pptp0")
    assert route["dst"] == address and route["metrics"] == [{"mtu": 1396}], route
    shown = vpn.topology.run("s", ["ip", "route", "show", "dev", "pptp0"], timeout=5).stdout
    assert f"{address} proto static scope link mtu 1396" in shown, shown
    # The client asks for DNS only (as pppd's usepeerdns does), so no NBNS.
    assert "name servers from the server dns=198.51.100.53,198.51.100.54 nbns=none" in read(client_log)

    # 1368 octets of ICMP payload + 28 of headers fill the 1396-octet MTU.
    for ns, destination in [("s", address), ("c", SERVER_END)]:
        fits = vpn.ping(ns, destination, "-M", "do", "-s", "1368")
        assert fits.returncode == 0, fits.stdout + fits.stderr
        too_big = vpn.ping(ns, destination, "-M", "do", "-s", "1369")
        assert too_big.returncode != 0
        assert "message too long, mtu=1396" in too_big.stdout + too_big.stderr, too_big.stdout + too_big.stderr

    os.kill(server.pid, signal.SIGTERM)
    assert vpn.exit_code(server, server_log) == 0


@pytest.mark.parametrize("clamp", [True, False], ids=["clamped", "not-clamped"])
def test_mss_clamping_both_ways(vpn, clamp):
    # MRU 1300: the session's MTU is 1296 and a full segment 1256 octets.
    flags = ["--mru", "1300"] + ([] if clamp else ["--mss-clamp", "false"])
    server, server_log = vpn.server(*flags)
    _, _, address = vpn.client_up("c", "client", "alice", *flags)
    assert vpn.ip_json("s", "link", "show", "pptp0")[0]["mtu"] == 1300
    expected = 1256 if clamp else 1460

    into_server = vpn.captured_mss("s", "pptp0", lambda: vpn.send_tcp("c", address, SERVER_END, "S", 1460))
    assert into_server == expected
    into_client = vpn.captured_mss("c", "pptp-c0", lambda: vpn.send_tcp("s", SERVER_END, address, "SA", 1460))
    assert into_client == expected

    os.kill(server.pid, signal.SIGTERM)
    assert vpn.exit_code(server, server_log) == 0
    # The client clamped its SYN before sending, the server its SYN-ACK.
    assert f"mss_clamped={1 if clamp else 0}" in read(server_log)


def test_second_session_of_a_user_is_refused(vpn):
    _, server_log = vpn.server("--max-sessions-per-user", "1")
    _, _, first = vpn.client_up("c", "first", "alice")
    second, second_log = vpn.client("d", "second", "alice")
    assert vpn.exit_code(second, second_log) == 1
    # Never up, closed by our policy: a refusal.
    assert re.search(r'session refused user=alice call_id=\d+ reason="too many sessions for this user" '
                     r'peer=192\.0\.2\.30 ', read(server_log)), read(server_log)[-3000:]
    # The client sees the reason in the server's LCP Terminate-Request.
    assert re.search(r"rcvd \[LCP TermReq .*Too many sessions for this user", read(second_log)), \
        read(second_log)[-3000:]
    # The first session keeps its route and passes traffic.
    assert [r["dst"] for r in vpn.ip_json("s", "route", "show", "dev", "pptp0")] == [first]
    ping = vpn.ping("c", SERVER_END)
    assert ping.returncode == 0, ping.stdout + ping.stderr


def test_session_and_per_source_limits(vpn):
    _, server_log = vpn.server("--max-sessions", "1", "--max-connections-per-source", "1")
    vpn.client_up("c", "first", "alice")
    # Another address: its call is refused (Outgoing-Call-Reply Do-Not-Accept).
    other, other_log = vpn.client("d", "other-address", "bob")
    assert vpn.exit_code(other, other_log) == 1
    assert re.search(r'call refused peer=192\.0\.2\.30 call_id=\d+ peer_call_id=\d+ reason="session limit reached"',
                     read(server_log)), read(server_log)[-3000:]
    # The first client's address again: its connection is refused.
    same, same_log = vpn.client("c", "same-address", "bob")
    assert vpn.exit_code(same, same_log) == 1
    assert re.search(r'connection refused peer=192\.0\.2\.20:\d+ reason="per-source connection limit reached"',
                     read(server_log)), read(server_log)[-3000:]
    ping = vpn.ping("c", SERVER_END)
    assert ping.returncode == 0, ping.stdout + ping.stderr
