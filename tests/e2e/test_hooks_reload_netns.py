"""ip-up/ip-down hooks, SIGHUP reload and the session log lines, end to end:
`pptpkit server --secrets` in S (192.0.2.10) and `pptpkit client --user` in
A, B, C, D (192.0.2.20-50), in network namespaces this test creates
(netns.py).

- Hooks on both sides write their arguments and environment to files: every
  variable is checked against the session's log lines, and ip-down starts
  after ip-up has ended.
- An ip-up that hangs does not hold up the session's traffic and is killed
  (with the child it started) at --hook-timeout.
- SIGHUP: a user added to the secrets file logs in, a broken secrets file is
  refused with an error line and the old users keep logging in, a user
  removed cannot log in again while its running session carries on; the
  -c file is read again (log level applied, a changed pool kept as it was).
- With debug logging (text and JSON), neither the password, its NT hash,
  the MS-CHAPv2 response nor any MPPE key of the session appears in a log;
  the keys are computed here from the captured handshake (RFC 3079).
"""
import hashlib
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import netns  # noqa: E402

PPTPKIT = Path(os.environ.get("PPTPKIT_BUILD_DIR", "build")) / "pptpkit"

# RFC 2759 section 9.2's example password: its hashes are given there.
PASSWORD = "clientPass"
NT_HASH = "44EBBA8D5312B8D611474411F56989AE"
NT_HASH_HASH = "41C00C584BD2D91C4017A2A12FA59F3F"


@pytest.fixture
def net():
    reason = netns.unavailable_reason()
    if reason:
        pytest.skip(reason)
    if not PPTPKIT.is_file():
        pytest.skip(f"{PPTPKIT} not built")
    if not Path("/dev/net/tun").exists():
        pytest.skip("/dev/net/tun is missing")
    with netns.Topology(f"pk-hk-{os.getpid()}", ["s", "a", "b", "c", "d"]) as t:
        yield t


class Log:
    def __init__(self, path):
        self.path = path

    def text(self):
        return self.path.read_text(errors="replace") if self.path.exists() else ""

    def wait(self, pattern, timeout=15):
        """The first match of `pattern`, waiting for it up to `timeout` s."""
        return wait_for(f"/{pattern}/ in {self.path.name}", lambda: re.search(pattern, self.text()), timeout,
                        [self])


def wait_for(what, check, timeout, logs):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.05)
    tails = "\n".join(f"--- {log.path.name}\n{log.text()[-4000:]}" for log in logs)
    pytest.fail(f"{what} not seen in {timeout} s\n{tails}")


def fields(line):
    """The key=value fields of a text log line (values maybe quoted)."""
    return {k: v1 if v1 else v2 for k, v1, v2 in re.findall(r'(\w+)=(?:"((?:[^"\\]|\\.)*)"|(\S+))', line)}


def spawn(net, ns, name, tmp_path, args):
    log = Log(tmp_path / f"{name}.log")
    with log.path.open("w") as stream:
        process = net.spawn(ns, [str(PPTPKIT), *args], stdout=stream, stderr=stream)
    return process, log


def start_server(net, tmp_path, secrets, *extra, config=None):
    """With `config`, the pool is the file's: a flag would override it."""
    before, after = (["-c", str(config)], []) if config else ([], ["--pool", "198.18.0.10-198.18.0.49"])
    server, log = spawn(net, "s", "server", tmp_path,
                        [*before, "server", "--listen", net.address("s"), "--secrets", str(secrets),
                         "--local-ip", "198.18.0.1", *after, *extra])
    log.wait(r"listening on 192\.0\.2\.10:1723")
    return server, log


def start_client(net, ns, tmp_path, user, password, *extra, name=None):
    name = name or f"client-{ns}"
    password_file = tmp_path / f"{name}.password"
    password_file.write_text(password + "\n")
    return spawn(net, ns, name, tmp_path, ["client", "--server", net.address("s"), "--user", user,
                                           "--password-file", str(password_file), *extra])


def stop(process, log, timeout=15):
    os.kill(process.pid, signal.SIGTERM)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{log.path.name}: no exit {timeout} s after SIGTERM\n{log.text()[-4000:]}")


def session_up(log, user):
    return fields(log.wait(rf"session up user={user} .*").group(0))


def ping(net, ns, count=3):
    return net.run(ns, ["ping", "-c", str(count), "-i", "0.2", "-W", "2", "198.18.0.1"], timeout=20)


# A hook that records its arguments, its environment and when it starts
# and ends; `middle` runs in between.
HOOK = """#!/bin/sh
name=$(basename "$0")
out={dir}/$name.$PPTPKIT_SESSION
echo "start $name $PPTPKIT_SESSION" >> {dir}/order
printf '%s\\n' "$@" > "$out.args"
env > "$out.env"
{middle}
echo "end $name $PPTPKIT_SESSION" >> {dir}/order
"""


def hooks(directory, middle=""):
    """ip-up and ip-down scripts in `directory`; their flags."""
    directory.mkdir()
    for name in ("ip-up", "ip-down"):
        path = directory / name
        path.write_text(HOOK.format(dir=directory, middle=middle if name == "ip-up" else ""))
        path.chmod(0o755)
    return ["--ip-up", str(directory / "ip-up"), "--ip-down", str(directory / "ip-down")]


def environment(path):
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {k: v for k, v in pairs if k not in ("PWD", "SHLVL", "_")}  # what sh adds itself


def order(directory):
    path = directory / "order"
    return path.read_text().splitlines() if path.exists() else []


PATH = "/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin"


def test_hooks_see_the_session_as_pppd_scripts_do(net, tmp_path):
    secrets = tmp_path / "chap-secrets"
    secrets.write_text(f"alice * {PASSWORD} *\n")
    server_hooks, client_hooks = tmp_path / "server-hooks", tmp_path / "client-hooks"
    server, server_log = start_server(net, tmp_path, secrets, *hooks(server_hooks))
    client, client_log = start_client(net, "a", tmp_path, "alice", PASSWORD, *hooks(client_hooks))
    up = session_up(server_log, "alice")
    seen = session_up(client_log, "alice")
    s, c = up["session"], seen["session"]
    wait_for("the hooks' ip-up", lambda: f"end ip-up {s}" in order(server_hooks)
             and f"end ip-up {c}" in order(client_hooks), 10, [server_log, client_log])
    assert ping(net, "a").returncode == 0
    assert stop(client, client_log) == 0
    down = fields(server_log.wait(r"session down user=alice .*").group(0))
    wait_for("the server's ip-down", lambda: f"end ip-down {s}" in order(server_hooks), 10, [server_log])

    # pppd's six arguments: interface tty speed local remote ipparam.
    assert (server_hooks / f"ip-up.{s}.args").read_text().split() == [
        "pptp0", "/dev/net/tun", "115200", "198.18.0.1", "198.18.0.10", "192.0.2.20"]
    assert (client_hooks / f"ip-down.{c}.args").read_text().split() == [
        "pptp-c0", "/dev/net/tun", "115200", "198.18.0.10", "198.18.0.1", "192.0.2.10"]
    server_up = {"PATH": PATH, "IFNAME": "pptp0", "DEVICE": "/dev/net/tun", "SPEED": "115200",
                 "IPLOCAL": "198.18.0.1", "IPREMOTE": "198.18.0.10", "PEERNAME": "alice",
                 "PPTP_PEER": "192.0.2.20", "PPTP_CALL_ID": up["call_id"], "PPTP_PEER_CALL_ID": up["peer_call_id"],
                 "PPTPKIT_SESSION": s}
    assert environment(server_hooks / f"ip-up.{s}.env") == server_up
    server_down = environment(server_hooks / f"ip-down.{s}.env")
    assert server_down == {**server_up, "CONNECT_TIME": server_down["CONNECT_TIME"],
                           "BYTES_SENT": down["bytes_out"], "BYTES_RCVD": down["bytes_in"]}
    assert int(server_down["CONNECT_TIME"]) >= 0
    assert int(down["bytes_in"]) >= 3 * 84 and int(down["bytes_out"]) >= 3 * 84  # the pings
    assert int(down["packets_in"]) >= 3 and int(down["packets_out"]) >= 3
    client_up = {"PATH": PATH, "IFNAME": "pptp-c0", "DEVICE": "/dev/net/tun", "SPEED": "115200",
                 "IPLOCAL": "198.18.0.10", "IPREMOTE": "198.18.0.1", "PEERNAME": "alice",
                 "PPTP_PEER": "192.0.2.10", "PPTP_CALL_ID": up["peer_call_id"],
                 "PPTP_PEER_CALL_ID": up["call_id"], "PPTPKIT_SESSION": c}
    assert environment(client_hooks / f"ip-up.{c}.env") == client_up
    client_down = environment(client_hooks / f"ip-down.{c}.env")
    assert set(client_down) == set(client_up) | {"CONNECT_TIME", "BYTES_SENT", "BYTES_RCVD"}

    # One session's hooks one after the other, each ended by a logged status.
    for directory, session in ((server_hooks, s), (client_hooks, c)):
        assert order(directory) == [f"start ip-up {session}", f"end ip-up {session}", f"start ip-down {session}",
                                    f"end ip-down {session}"]
    for log, session in ((server_log, s), (client_log, c)):
        for name in ("ip-up", "ip-down"):
            assert re.search(rf"hook done name={name} session={session} command=\S+ duration=[\d.]+ status=0",
                             log.text()), log.text()[-3000:]
    assert all(PASSWORD not in p.read_text() for p in [*server_hooks.iterdir(), *client_hooks.iterdir()])
    assert stop(server, server_log) == 0


def test_a_hanging_hook_holds_up_no_traffic_and_dies_at_the_timeout(net, tmp_path):
    secrets = tmp_path / "chap-secrets"
    secrets.write_text(f"alice * {PASSWORD} *\n")
    directory = tmp_path / "hooks"
    # The sleep is a child: a kill of the script alone would leave it.
    flags = hooks(directory, middle=f"sleep 600 & echo $! > {directory}/sleeper; wait")
    server, server_log = start_server(net, tmp_path, secrets, *flags, "--hook-timeout", "4s")
    client, client_log = start_client(net, "a", tmp_path, "alice", PASSWORD)
    s = session_up(server_log, "alice")["session"]
    started = time.monotonic()
    result = ping(net, "a", count=2)
    assert result.returncode == 0, result.stdout + server_log.text()[-3000:]
    assert time.monotonic() - started < 3.5
    assert "hook timed out" not in server_log.text()  # traffic passed while ip-up still hung
    wait_for("the sleeper's pid", lambda: (directory / "sleeper").exists(), 5, [server_log])
    sleeper = int((directory / "sleeper").read_text())

    line = server_log.wait(rf"hook timed out name=ip-up session={s} .*", 10).group(0)
    assert fields(line)["signal"] == "9" and fields(line)["timeout"] == "4.000", line

    def sleeper_gone():
        try:
            return ") Z " in Path(f"/proc/{sleeper}/stat").read_text()
        except FileNotFoundError:
            return True
    wait_for("the hook's child killed", sleeper_gone, 5, [server_log])
    assert stop(client, client_log) == 0
    wait_for("ip-down", lambda: f"end ip-down {s}" in order(directory), 10, [server_log])
    assert order(directory) == [f"start ip-up {s}", f"start ip-down {s}", f"end ip-down {s}"]
    assert stop(server, server_log) == 0


def test_sighup_reloads_secrets_and_the_configuration(net, tmp_path):
    secrets = tmp_path / "chap-secrets"
    secrets.write_text(f"alice * {PASSWORD} *\n")
    config = tmp_path / "pptpkit.toml"
    config.write_text('[server]\nlog-level = "info"\npool = "198.18.0.10-198.18.0.49"\n')
    server, server_log = start_server(net, tmp_path, secrets, config=config)
    alice, alice_log = start_client(net, "a", tmp_path, "alice", PASSWORD)
    session_up(server_log, "alice")

    # bob added; the file now asks for debug lines and another pool.
    secrets.write_text(f"alice * {PASSWORD} *\nbob * builder *\n")
    config.write_text('[server]\nlog-level = "debug"\npool = "198.18.1.10-198.18.1.20"\n')
    os.kill(server.pid, signal.SIGHUP)
    server_log.wait(r"reload done .*reloads=1 failures=0")
    assert re.search(r'reload kept key=pool reason="needs a restart"', server_log.text())
    bob, bob_log = start_client(net, "b", tmp_path, "bob", "builder")
    assert session_up(server_log, "bob")["address"] == "198.18.0.11"  # still the pool it started with
    assert re.search(r"session up user=bob .*", server_log.text())
    before_bob = server_log.text().index("session up user=bob")
    assert "sent [LCP ConfReq" in server_log.text()[server_log.text().index("reload done"):before_bob]

    # A broken file: an error line, and the users it had still log in.
    secrets.write_text('alice * "unterminated\n')
    os.kill(server.pid, signal.SIGHUP)
    error = fields(server_log.wait(r"reload failed .*").group(0))
    assert error["error"].startswith(f"{secrets}:1: ") and error["failures"] == "1", error
    bob_again, bob_again_log = start_client(net, "c", tmp_path, "bob", "builder", name="bob-again")
    server_log.wait(r"session up user=bob (?:.*\n.*)*session up user=bob ")

    # bob removed: no new login, while his sessions carry on.
    secrets.write_text(f"alice * {PASSWORD} *\n")
    os.kill(server.pid, signal.SIGHUP)
    server_log.wait(r"reload done .*reloads=2 failures=1")
    late, late_log = start_client(net, "d", tmp_path, "bob", "builder", name="bob-late")
    assert late.wait(timeout=15) == 1
    assert re.search(r'authentication failed user=bob peer=192\.0\.2\.50 reason="unknown user"', server_log.text())
    assert re.search(r'session refused user=bob call_id=\d+ reason="Authentication failed" peer=192\.0\.2\.50 ',
                     server_log.text())
    for ns in ("a", "b", "c"):
        assert ping(net, ns, count=2).returncode == 0, ns
    for process, log in ((alice, alice_log), (bob, bob_log), (bob_again, bob_again_log)):
        assert stop(process, log) == 0
    assert stop(server, server_log) == 0


def pcap_gre_payloads(path):
    """The GRE payloads (PPP frames) of an Ethernet pcap, in order."""
    data = path.read_bytes()
    assert struct.unpack_from("<I", data)[0] == 0xA1B2C3D4, "little-endian pcap expected"
    offset, payloads = 24, []
    while offset + 16 <= len(data):
        captured = struct.unpack_from("<I", data, offset + 8)[0]
        frame = data[offset + 16:offset + 16 + captured]
        offset += 16 + captured
        if len(frame) < 34 or frame[12:14] != b"\x08\x00" or frame[23] != 47:
            continue
        gre = frame[14 + (frame[14] & 0x0F) * 4:]
        flags = gre[0] << 8 | gre[1]
        header = 4 + 4 * bool(flags & 0x2000) + 4 * bool(flags & 0x1000) + 4 * bool(flags & 0x0080)
        payloads.append(gre[header:])
    return payloads


def chap_responses(payloads):
    """The Value of every CHAP Response (RFC 1994 4.1) among PPP frames."""
    for frame in payloads:
        if frame[:2] == b"\xff\x03":
            frame = frame[2:]
        protocol, rest = (frame[0], frame[1:]) if frame and frame[0] & 1 else (frame[:2], frame[2:])
        if protocol == b"\xc2\x23" and rest[:1] == b"\x02":
            yield rest[5:5 + rest[4]]


def mppe_secrets(nt_response):
    """RFC 3079 for MS-CHAPv2 and 128-bit keys: master key, both start keys
    and both first session keys."""
    magic1 = b"This is the MPPE Master Key"
    magic2 = b"On the client side, this is the send key; on the server side, it is the receive key."
    magic3 = b"On the client side, this is the receive key; on the server side, it is the send key."
    pad1, pad2 = b"\x00" * 40, b"\xf2" * 40
    master = hashlib.sha1(bytes.fromhex(NT_HASH_HASH) + nt_response + magic1).digest()[:16]
    starts = [hashlib.sha1(master + pad1 + magic + pad2).digest()[:16] for magic in (magic2, magic3)]
    sessions = [hashlib.sha1(key + pad1 + key + pad2).digest()[:16] for key in starts]
    return [master, *starts, *sessions]


def test_debug_logs_hold_no_password_hash_response_or_key(net, tmp_path):
    if shutil.which("tcpdump") is None:
        pytest.skip("tcpdump is not installed")
    secrets = tmp_path / "chap-secrets"
    secrets.write_text(f"alice * {PASSWORD} *\n")
    capture_path = tmp_path / "gre.pcap"
    capture = net.spawn("s", ["tcpdump", "-i", "br0", "-n", "-U", "--immediate-mode", "-c", "10000", "-w",
                              str(capture_path), "ip proto 47"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in capture.stderr:
        if "listening on" in line:
            break
    server, server_log = start_server(net, tmp_path, secrets, "--log-level", "debug", "--log-format", "json")
    client, client_log = start_client(net, "a", tmp_path, "alice", PASSWORD, "--log-level", "debug")
    seen = session_up(client_log, "alice")
    assert ping(net, "a").returncode == 0
    assert stop(client, client_log) == 0
    server_log.wait(r'"event":"session down"')
    assert stop(server, server_log) == 0
    time.sleep(0.3)  # what is in flight reaches the capture
    capture.send_signal(signal.SIGINT)
    capture.wait(timeout=5)

    responses = list(chap_responses(pcap_gre_payloads(capture_path)))
    assert len(responses) == 1 and len(responses[0]) == 49, responses
    nt_response = responses[0][24:48]
    forbidden = [PASSWORD, NT_HASH, NT_HASH_HASH, nt_response.hex(), *(k.hex() for k in mppe_secrets(nt_response))]
    for log in (server_log, client_log):
        text = log.text().lower()
        assert "rcvd [ccp confack" in text  # debug lines are there
        for secret in forbidden:
            assert secret.lower() not in text, (log.path.name, secret)

    # The JSON log: one object per line, the session's lines with their fields as keys.
    records = [json.loads(line) for line in server_log.text().splitlines()]
    up = next(r for r in records if r.get("event") == "session up")
    assert {k: str(up[k]) for k in ("user", "address", "server_end", "call_id", "peer_call_id", "mtu")} == {
        "user": "alice", "address": seen["address"], "server_end": seen["server_end"],
        "call_id": seen["peer_call_id"], "peer_call_id": seen["call_id"], "mtu": seen["mtu"]}
    assert up["mppe"] == "128-bit stateless" and up["peer"] == "192.0.2.20" and isinstance(up["call_id"], int)
    assert up["message"].startswith("session up user=alice address=")
    down = next(r for r in records if r.get("event") == "session down")
    assert down["session"] == up["session"] and down["bytes_in"] >= 3 * 84 and down["packets_out"] >= 3
    assert isinstance(down["duration"], float)
