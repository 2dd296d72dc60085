"""ip-up/ip-down hooks, SIGHUP reload and the session log lines, end to end:
`pptpkit server --secrets` in S (192.0.2.10) and `pptpkit client --user` in
A, B, C, D (192.0.2.20-50), in network namespaces each test creates
(vpn.py).

- Hooks on both sides write their arguments and environment to files: every
  variable is checked against the session's log lines (DNS1/DNS2 against
  the server's --dns), and ip-down starts after ip-up has ended.
- An ip-up that hangs does not hold up the session's traffic and is killed
  (with the child it started) at --hook-timeout.
- SIGHUP: a user added to the secrets file logs in, a broken secrets file is
  refused with an error line and the old users keep logging in, a user
  removed cannot log in again while its running session carries on; the
  -c file is read again (log level and name servers applied, a changed pool
  kept as it was).
- With debug logging (text and JSON), neither the password, its NT hash,
  the MS-CHAPv2 response nor any MPPE key of the session appears in a log;
  the keys are computed here from the captured handshake (RFC 3079).
"""
import hashlib
import json
import re
import shutil
import signal
import struct
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from vpn import DEFAULT_POOL, SERVER_TUNNEL_ADDRESS, vpn_topology  # noqa: E402

NAMESPACES = ["s", "a", "b", "c", "d"]  # 192.0.2.10, .20, .30, .40, .50

# RFC 2759 section 9.2's example password: its hashes are given there.
PASSWORD = "clientPass"
NT_HASH = "44EBBA8D5312B8D611474411F56989AE"
NT_HASH_HASH = "41C00C584BD2D91C4017A2A12FA59F3F"

PATH = "/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin"
DNS = ("198.51.100.53", "198.51.100.54")  # pushed by the server, never queried


def fields(line):
    """The key=value fields of a text log line (values maybe quoted)."""
    return {k: v1 if v1 else v2 for k, v1, v2 in re.findall(r'(\w+)=(?:"((?:[^"\\]|\\.)*)"|(\S+))', line)}


def session_up(program, user):
    """The fields of `user`'s first `session up` line in `program`'s log, once it is there."""
    return fields(program.wait_for(rf"session up user={user} .*", 15).group(0))


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


def up_environment(ifname, local, remote, peer, call_id, peer_call_id, session):
    """The whole environment of alice's ip-up on one side (docs/operations.md); ip-down adds CONNECT_TIME,
    BYTES_SENT and BYTES_RCVD."""
    return {"PATH": PATH, "IFNAME": ifname, "DEVICE": "/dev/net/tun", "SPEED": "115200", "IPLOCAL": local,
            "IPREMOTE": remote, "PEERNAME": "alice", "DNS1": DNS[0], "DNS2": DNS[1], "PPTP_PEER": peer,
            "PPTP_CALL_ID": call_id, "PPTP_PEER_CALL_ID": peer_call_id, "PPTPKIT_SESSION": session}


def order(directory):
    path = directory / "order"
    return path.read_text().splitlines() if path.exists() else []


def test_hooks_see_the_session_as_pppd_scripts_do(tmp_path):
    with vpn_topology(tmp_path, NAMESPACES, prefix="hk") as vpn:
        server_hooks, client_hooks = tmp_path / "server-hooks", tmp_path / "client-hooks"
        server = vpn.server("s", users={"alice": PASSWORD},
                            args=[*hooks(server_hooks), "--dns", DNS[0], "--dns", DNS[1]])
        client = vpn.client("a", "alice", PASSWORD, args=hooks(client_hooks))
        up = session_up(server, "alice")
        seen = session_up(client, "alice")
        # What the server pushed and the client received (RFC 1877), in both lines.
        assert (up["dns1"], up["dns2"]) == DNS and (seen["dns1"], seen["dns2"]) == DNS, (up, seen)
        s, c = up["session"], seen["session"]
        vpn.wait_until("the hooks' ip-up", lambda: f"end ip-up {s}" in order(server_hooks)
                       and f"end ip-up {c}" in order(client_hooks), 10)
        vpn.ping("a", SERVER_TUNNEL_ADDRESS)
        assert client.stop() == 0
        down = fields(server.wait_for(r"session down user=alice .*").group(0))
        vpn.wait_until("the server's ip-down", lambda: f"end ip-down {s}" in order(server_hooks), 10)

        # pppd's six arguments: interface tty speed local remote ipparam.
        assert (server_hooks / f"ip-up.{s}.args").read_text().split() == [
            "pptp0", "/dev/net/tun", "115200", "198.18.0.1", "198.18.0.10", "192.0.2.20"]
        assert (client_hooks / f"ip-down.{c}.args").read_text().split() == [
            "pptp-c0", "/dev/net/tun", "115200", "198.18.0.10", "198.18.0.1", "192.0.2.10"]
        server_up = up_environment("pptp0", "198.18.0.1", "198.18.0.10", "192.0.2.20", up["call_id"],
                                   up["peer_call_id"], s)
        assert environment(server_hooks / f"ip-up.{s}.env") == server_up
        server_down = environment(server_hooks / f"ip-down.{s}.env")
        assert server_down == {**server_up, "CONNECT_TIME": server_down["CONNECT_TIME"],
                               "BYTES_SENT": down["bytes_out"], "BYTES_RCVD": down["bytes_in"]}
        assert int(server_down["CONNECT_TIME"]) >= 0
        assert int(down["bytes_in"]) >= 3 * 84 and int(down["bytes_out"]) >= 3 * 84  # the pings
        assert int(down["packets_in"]) >= 3 and int(down["packets_out"]) >= 3
        client_up = up_environment("pptp-c0", "198.18.0.10", "198.18.0.1", "192.0.2.10", up["peer_call_id"],
                                   up["call_id"], c)
        assert environment(client_hooks / f"ip-up.{c}.env") == client_up
        client_down = environment(client_hooks / f"ip-down.{c}.env")
        assert set(client_down) == set(client_up) | {"CONNECT_TIME", "BYTES_SENT", "BYTES_RCVD"}

        # One session's hooks one after the other, each ended by a logged status.
        for directory, session in ((server_hooks, s), (client_hooks, c)):
            assert order(directory) == [f"start ip-up {session}", f"end ip-up {session}",
                                        f"start ip-down {session}", f"end ip-down {session}"]
        for program, session in ((server, s), (client, c)):
            for name in ("ip-up", "ip-down"):
                assert re.search(rf"hook done name={name} session={session} command=\S+ duration=[\d.]+ status=0",
                                 program.log()), program.log()[-3000:]
        assert all(PASSWORD not in p.read_text() for p in [*server_hooks.iterdir(), *client_hooks.iterdir()])
        assert server.stop() == 0


def test_a_hanging_hook_holds_up_no_traffic_and_dies_at_the_timeout(tmp_path):
    with vpn_topology(tmp_path, NAMESPACES, prefix="hk") as vpn:
        directory = tmp_path / "hooks"
        # The sleep is a child: a kill of the script alone would leave it.
        flags = hooks(directory, middle=f"sleep 600 & echo $! > {directory}/sleeper; wait")
        server = vpn.server("s", users={"alice": PASSWORD}, args=[*flags, "--hook-timeout", "4s"])
        client = vpn.client("a", "alice", PASSWORD)
        s = session_up(server, "alice")["session"]
        started = time.monotonic()
        vpn.ping("a", SERVER_TUNNEL_ADDRESS, count=2)
        assert time.monotonic() - started < 3.5
        assert "hook timed out" not in server.log()  # traffic passed while ip-up still hung
        vpn.wait_until("the sleeper's pid", lambda: (directory / "sleeper").exists(), 5)
        sleeper = int((directory / "sleeper").read_text())

        line = server.wait_for(rf"hook timed out name=ip-up session={s} .*", 10).group(0)
        assert fields(line)["signal"] == "9" and fields(line)["timeout"] == "4.000", line

        def sleeper_gone():
            try:
                return ") Z " in Path(f"/proc/{sleeper}/stat").read_text()
            except FileNotFoundError:
                return True
        vpn.wait_until("the hook's child killed", sleeper_gone, 5)
        assert client.stop() == 0
        vpn.wait_until("ip-down", lambda: f"end ip-down {s}" in order(directory), 10)
        assert order(directory) == [f"start ip-up {s}", f"start ip-down {s}", f"end ip-down {s}"]
        assert server.stop() == 0


def test_sighup_reloads_secrets_and_the_configuration(tmp_path):
    with vpn_topology(tmp_path, NAMESPACES, prefix="hk") as vpn:
        config = tmp_path / "pptpkit.toml"
        config.write_text(f'[server]\nlog-level = "info"\npool = "{DEFAULT_POOL}"\ndns = ["{DNS[0]}"]\n')
        # The log level and the pool come from the file: a flag would override it.
        server = vpn.server("s", users={"alice": PASSWORD}, pool=None, log_level=None, config=config)
        secrets = server.secrets
        alice = vpn.client("a", "alice", PASSWORD)
        assert session_up(server, "alice")["dns1"] == DNS[0]

        # bob added; the file now asks for debug lines, another name server and another pool.
        secrets.write_text(f"alice * {PASSWORD} *\nbob * builder *\n")
        config.write_text(f'[server]\nlog-level = "debug"\npool = "198.18.1.10-198.18.1.20"\ndns = ["{DNS[1]}"]\n')
        server.send_signal(signal.SIGHUP)
        server.wait_for(r"reload done .*reloads=1 failures=0")
        assert re.search(r'reload kept key=pool reason="needs a restart"', server.log())
        assert "reload kept key=dns" not in server.log()
        bob = vpn.client("b", "bob", "builder")
        bob_up = session_up(server, "bob")
        assert bob_up["address"] == "198.18.0.11"  # still the pool it started with
        assert bob_up["dns1"] == DNS[1] and "dns2" not in bob_up  # the new name server
        assert session_up(bob, "bob")["dns1"] == DNS[1]
        before_bob = server.log().index("session up user=bob")
        assert "sent [LCP ConfReq" in server.log()[server.log().index("reload done"):before_bob]

        # A broken file: an error line, and the users it had still log in.
        secrets.write_text('alice * "unterminated\n')
        server.send_signal(signal.SIGHUP)
        error = fields(server.wait_for(r"reload failed .*").group(0))
        assert error["error"].startswith(f"{secrets}:1: ") and error["failures"] == "1", error
        bob_again = vpn.client("c", "bob", "builder", name="bob-again")
        server.wait_for(r"session up user=bob (?:.*\n.*)*session up user=bob ", 15)

        # bob removed: no new login, while his sessions carry on.
        secrets.write_text(f"alice * {PASSWORD} *\n")
        server.send_signal(signal.SIGHUP)
        server.wait_for(r"reload done .*reloads=2 failures=1")
        late = vpn.client("d", "bob", "builder", name="bob-late")
        assert late.wait_exit() == 1
        assert re.search(r'authentication failed user=bob peer=192\.0\.2\.50 reason="unknown user"', server.log())
        assert re.search(r'session refused user=bob call_id=\d+ reason="Authentication failed" peer=192\.0\.2\.50 ',
                         server.log())
        for ns in ("a", "b", "c"):
            vpn.ping(ns, SERVER_TUNNEL_ADDRESS, count=2)
        for client in (alice, bob, bob_again):
            assert client.stop() == 0
        assert server.stop() == 0


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


def test_debug_logs_hold_no_password_hash_response_or_key(tmp_path):
    if shutil.which("tcpdump") is None:
        pytest.skip("tcpdump is not installed")
    with vpn_topology(tmp_path, NAMESPACES, prefix="hk") as vpn:
        with vpn.capture("s", "br0", tmp_path / "gre.pcap", args=["ip", "proto", "47"]) as capture_path:
            server = vpn.server("s", users={"alice": PASSWORD}, args=["--log-format", "json"])
            client = vpn.client("a", "alice", PASSWORD)
            seen = session_up(client, "alice")
            vpn.ping("a", SERVER_TUNNEL_ADDRESS)
            assert client.stop() == 0
            server.wait_for(r'"event":"session down"')
            assert server.stop() == 0

        responses = list(chap_responses(pcap_gre_payloads(capture_path)))
        assert len(responses) == 1 and len(responses[0]) == 49, responses
        nt_response = responses[0][24:48]
        forbidden = [PASSWORD, NT_HASH, NT_HASH_HASH, nt_response.hex(),
                     *(k.hex() for k in mppe_secrets(nt_response))]
        for program in (server, client):
            text = program.log().lower()
            assert "rcvd [ccp confack" in text  # debug lines are there
            for secret in forbidden:
                assert secret.lower() not in text, (program.log_path.name, secret)

        # The JSON log: one object per line, the session's lines with their fields as keys.
        records = [json.loads(line) for line in server.log().splitlines()]
        up = next(r for r in records if r.get("event") == "session up")
        assert {k: str(up[k]) for k in ("user", "address", "server_end", "call_id", "peer_call_id", "mtu")} == {
            "user": "alice", "address": seen["address"], "server_end": seen["server_end"],
            "call_id": seen["peer_call_id"], "peer_call_id": seen["call_id"], "mtu": seen["mtu"]}
        assert up["mppe"] == "128-bit stateless" and up["peer"] == "192.0.2.20" and isinstance(up["call_id"], int)
        assert up["message"].startswith("session up user=alice address=")
        down = next(r for r in records if r.get("event") == "session down")
        assert down["session"] == up["session"] and down["bytes_in"] >= 3 * 84 and down["packets_out"] >= 3
        assert isinstance(down["duration"], float)
