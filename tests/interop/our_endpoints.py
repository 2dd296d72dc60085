"""What the tests of our server and our client against real peers share:
our processes in the rig's host namespace irhost, a capture of the tap,
a TCP transfer with a content check through the tunnel, and the checks on a
capture decoded with `pptpkit decode --secrets`.

Processes started here are ended by PID only. Every wait is a bounded poll
on an event (a log line, a process exit, an interface in the VM).
"""
import json
import re
import signal
import subprocess
from pathlib import Path

import interop_rig as r

TCP_ECHO = Path(__file__).with_name("tcp_echo.py")
ECHO_PORT = 5001
ECHO_SIZE = 256 * 1024
POOL_ADDRESS = "198.18.0.10"  # the one address of our server's pool, and pptpd's first


def read(path):
    try:
        return Path(path).read_text(errors="replace")
    except FileNotFoundError:
        return ""


class HostProcess:
    """A process of ours in irhost, its output in `log`."""

    def __init__(self, rig, argv, log):
        self.log = Path(log)
        with self.log.open("w") as stream:
            # `ip netns exec` execs the command: this PID is the process's own
            self.proc = subprocess.Popen(rig.host_argv(*argv), stdout=stream, stderr=subprocess.STDOUT)

    def tail(self, chars=4000):
        return self.text()[-chars:]

    def mark(self):
        """Where the log ends now: `since` for wait_for and text."""
        return len(self.text())

    def text(self, since=0):
        return read(self.log)[since:]

    def wait_for(self, pattern, timeout, since=0):
        """The first match of `pattern` in the log (from offset `since`),
        waiting up to `timeout` seconds; None if it did not come (or the
        process ended without it)."""
        r.wait_for(lambda: re.search(pattern, self.text(since)) or self.proc.poll() is not None, timeout)
        return re.search(pattern, self.text(since))

    def wait_exit(self, timeout):
        """The exit code, or None while it still runs after `timeout` s."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, timeout=15):
        """SIGTERM (by PID), then the exit code; SIGKILL after `timeout`."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        code = self.wait_exit(timeout)
        if code is None:
            self.proc.kill()
            code = self.proc.wait(timeout=5)
        return code


def our_server(rig, log, secrets, *extra):
    """`pptpkit server` on the tap address, with a pool of one address and
    at most one call: a second session is served only if the first gave
    both its address and its Call ID back."""
    server = HostProcess(rig, [str(r.PPTPKIT), "server", "--listen", r.HOST_IP, "--secrets", str(secrets),
                               "--pool", POOL_ADDRESS, "--local-ip", r.TUNNEL_SERVER_IP, "--max-calls", "1",
                               "--log-level", "debug", *extra], log)
    assert server.wait_for(rf"listening on {r.HOST_IP}:1723", 10), server.tail()
    return server


def our_client(rig, log, password_file, *extra):
    return HostProcess(rig, [str(r.PPTPKIT), "client", "--server", r.VM_IP, "--user", r.USER, "--password-file",
                             str(password_file), "--log-level", "debug", *extra], log)


class Capture:
    """tcpdump on irtap0 in irhost: PPTP control and GRE of one scenario."""

    def __init__(self, rig, pcap):
        self.pcap = Path(pcap)
        self.stderr = self.pcap.with_suffix(".tcpdump.log")
        with self.stderr.open("w") as stream:
            self.proc = subprocess.Popen(
                # a large buffer: on a busy machine the default one overflows
                # during the transfer, and stateful MPPE cannot be decrypted
                # past a lost packet
                rig.host_argv("tcpdump", "-i", "irtap0", "-nn", "-U", "--immediate-mode", "-B", "32768", "-w",
                              str(self.pcap), "proto 47 or tcp port 1723"),
                stdout=subprocess.DEVNULL, stderr=stream)
        if not r.wait_for(lambda: "listening on" in read(self.stderr) or self.proc.poll() is not None, 10) \
                or self.proc.poll() is not None:
            self.stop()
            raise AssertionError("tcpdump did not start: " + read(self.stderr))

    def stop(self):
        # tcpdump drops what it has not written yet when it is interrupted:
        # stop once the file has not grown for a while (the last packets of
        # a hang-up are a few milliseconds behind the log line it waited for)
        sizes = []

        def quiet():
            sizes.append(self.pcap.stat().st_size if self.pcap.exists() else 0)
            return len(sizes) > 3 and sizes[-1] == sizes[-4]

        r.wait_for(quiet, 5)
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        return self.pcap


def install_tcp_echo(rig):
    rig.vm("run", "-i", "cat > /tmp/tcp_echo.py", stdin=TCP_ECHO.read_text())


def tcp_transfer(rig, host_address, size=ECHO_SIZE, timeout=60):
    """The VM sends `size` random octets to our end (a listener in irhost on
    `host_address`), which echoes them back; returns (listener's report,
    sender's report)."""
    listener = subprocess.Popen(
        rig.host_argv(r.PYTHON, str(TCP_ECHO), "listen", host_address, str(ECHO_PORT), str(timeout)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = listener.stdout.readline()  # "listening", or EOF if it failed
        assert first.strip() == "listening", first + listener.stderr.read()
        sent = rig.run(f"python3 /tmp/tcp_echo.py send {host_address} {ECHO_PORT} {size} {timeout}",
                       timeout=timeout + 10, check=False)
        out, err = listener.communicate(timeout=timeout + 10)
    finally:
        if listener.poll() is None:
            listener.kill()
            listener.wait(timeout=5)
    assert sent.returncode == 0, sent.stdout + sent.stderr
    return json.loads(out.strip().splitlines()[-1]), json.loads(sent.stdout.strip().splitlines()[-1])


def assert_transfer_intact(listener, sender, size=ECHO_SIZE):
    assert sender["sent"] == size and listener["received"] == size, (listener, sender)
    assert sender["echoed"] == size, (listener, sender)
    # the same octets arrived at our end and came back
    assert listener["sha256"] == sender["sent_sha256"] == sender["echoed_sha256"], (listener, sender)


def host_ping(rig, address, count=3):
    return subprocess.run(rig.host_argv("ping", "-c", str(count), "-i", "0.2", "-W", "3", address),
                          capture_output=True, text=True, timeout=30)


def vm_ping(rig, address, count=3):
    return rig.run(f"ping -c {count} -i 0.2 -W 3 {address}", check=False)


def traffic_both_ways(rig, ours, our_address, their_address):
    """Pings both ways through the tunnel (`our_address`: our end, in
    irhost; `their_address`: the VM's end) and a TCP transfer with content
    check, the VM sending to a listener at our end. `ours` is our process,
    whose log explains a failure."""
    ping = host_ping(rig, their_address)
    assert ping.returncode == 0, ping.stdout + ping.stderr + "\n" + ours.tail()
    ping = vm_ping(rig, our_address)
    assert ping.returncode == 0, ping.stdout + ping.stderr + "\n" + ours.tail()
    listener, sender = tcp_transfer(rig, our_address)
    assert_transfer_intact(listener, sender)


def host_routes(rig):
    return subprocess.run(rig.host_argv("ip", "route", "show"), capture_output=True, text=True,
                          timeout=10).stdout


def host_links(rig):
    return subprocess.run(rig.host_argv("ip", "-br", "link", "show"), capture_output=True, text=True,
                          timeout=10).stdout


def decode(*args):
    result = subprocess.run([str(r.PPTPKIT), "decode", *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def tshark_packets(pcap):
    """What tshark makes of each packet of a raw-IP capture: IP version,
    ICMP type, TCP ports and payload length and whether it found the packet
    malformed (one
    tshark run: each takes most of a second to start)."""
    fields = ["ip.version", "icmp.type", "tcp.srcport", "tcp.dstport", "tcp.len", "_ws.malformed"]
    argv = ["tshark", "-n", "-r", str(pcap), "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f"]
    for field in fields:
        argv += ["-e", field]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return [dict(zip(fields, line.split("\t"))) for line in result.stdout.splitlines()]


def decoded_session(pcap, secrets, mppe_mode):
    """Decodes a capture of one successful session with the secrets: the
    MS-CHAPv2 exchange verifies, MPPE (`mppe_mode`, or None for none) is
    what was agreed and every encrypted frame decrypts to a valid IP
    packet. Returns (session record, every record, decrypted pcap)."""
    report = read(Path(pcap).with_suffix(".tcpdump.log"))
    assert re.search(r"^0 packets dropped by kernel", report, re.MULTILINE), "the capture is incomplete:\n" + report
    inner = Path(pcap).with_name(Path(pcap).stem + "_decrypted.pcap")
    records = decode(str(pcap), "--json", "--secrets", str(secrets), "--write-decrypted", str(inner))
    assert not [x for x in records if x["kind"] == "error"], [x for x in records if x["kind"] == "error"][:5]
    sessions = [x for x in records if x["kind"] == "session"]
    assert len(sessions) == 1, sessions
    s = sessions[0]
    assert s["auth"] == "MS-CHAPv2" and s["user"] == r.USER, s
    assert s["auth_result"] == "success" and s["verified"] is True, s
    if mppe_mode is None:
        assert s["mppe"] is None and s["encrypted_packets"] == 0, s
        assert s["plaintext_ip_packets"] > 0, s
    else:
        assert s["mppe"] == {"strength": "128-bit", "mode": mppe_mode}, s
        assert s["encrypted_packets"] > 0, s
        assert s["decrypted_packets"] == s["encrypted_packets"] and s["decrypt_failures"] == 0, s
    packets = tshark_packets(inner)
    assert packets and all(p["ip.version"] == "4" and not p["_ws.malformed"] for p in packets), packets[:5]
    # the pings both ways and the transfer are in there
    icmp = [p["icmp.type"] for p in packets]
    assert "8" in icmp and "0" in icmp, icmp
    # every octet of the transfer, both ways (retransmissions may add more)
    port = str(ECHO_PORT)
    assert sum(int(p["tcp.len"]) for p in packets if port in (p["tcp.srcport"], p["tcp.dstport"])) >= 2 * ECHO_SIZE
    return s, records, inner


def gre_of(records, src):
    return [x for x in records if x["kind"] == "gre" and x["src"] == src]


def pptp_of(records, message, src=None):
    return [x for x in records
            if x["kind"] == "pptp" and x["message"] == message and (src is None or x["src"] == src)]
