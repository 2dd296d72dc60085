"""The data path end to end: `pptpkit server --secrets` and `pptpkit client
--user` as real processes in network namespaces this test creates
(netns.py): S (192.0.2.10) runs the server with its TUN pptp0 at 198.18.0.1,
C (192.0.2.20) the client with its TUN pptp-c0. MS-CHAPv2 and MPPE-128 (the
defaults) bring the session up; ICMP echo crosses the tunnel; SIGTERM on the
client ends the session and the server removes the route; a wrong password
is refused.
"""
import json
import os
import re
import signal
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import netns  # noqa: E402

PPTPKIT = Path(os.environ.get("PPTPKIT_BUILD_DIR", "build")) / "pptpkit"


@pytest.fixture
def topology():
    reason = netns.unavailable_reason()
    if reason:
        pytest.skip(reason)
    if not PPTPKIT.is_file():
        pytest.skip(f"{PPTPKIT} not built")
    if not Path("/dev/net/tun").exists():
        pytest.skip("/dev/net/tun is missing")
    with netns.Topology(f"pk-vpn-{os.getpid()}", ["s", "c"]) as t:
        yield t


def read(path):
    return path.read_text(errors="replace")


def wait_until(what, check, timeout, log_paths):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    logs = "\n".join(f"--- {p.name}\n{read(p)[-3000:]}" for p in log_paths)
    pytest.fail(f"{what} not seen in {timeout} s\n{logs}")


def addresses(topology, ns, device):
    out = topology.run(ns, ["ip", "-j", "addr", "show", "dev", device], timeout=5)
    if out.returncode != 0 or not out.stdout.strip():
        return []
    return [a for link in json.loads(out.stdout) for a in link.get("addr_info", []) if a.get("family") == "inet"]


def routes(topology, ns, device):
    out = topology.run(ns, ["ip", "-j", "route", "show", "dev", device], timeout=5)
    return [r["dst"] for r in json.loads(out.stdout or "[]")]


def credentials(tmp_path):
    """alice's chap-secrets file and her password file."""
    secrets = tmp_path / "chap-secrets"
    secrets.write_text("alice * wonderland *\n")
    password = tmp_path / "password"
    password.write_text("wonderland\n")
    return secrets, password


def test_ping_through_the_tunnel(topology, tmp_path):
    secrets, password = credentials(tmp_path)
    server_log, client_log = tmp_path / "server.log", tmp_path / "client.log"
    logs = [server_log, client_log]

    with server_log.open("w") as stream:
        server = topology.spawn("s", [str(PPTPKIT), "server", "--listen", topology.address("s"), "--secrets",
                                      str(secrets), "--pool", "198.18.0.10-198.18.0.49", "--local-ip",
                                      "198.18.0.1", "--log-level", "debug"], stdout=stream, stderr=stream)
    wait_until("server listening", lambda: "listening on 192.0.2.10:1723" in read(server_log), 10, logs)
    assert any(a["local"] == "198.18.0.1" for a in addresses(topology, "s", "pptp0"))

    with client_log.open("w") as stream:
        client = topology.spawn("c", [str(PPTPKIT), "client", "--server", topology.address("s"), "--user", "alice",
                                      "--password-file", str(password), "--log-level", "debug"],
                                stdout=stream, stderr=stream)

    def client_address():
        found = [a for a in addresses(topology, "c", "pptp-c0") if a.get("address") == "198.18.0.1"]
        return found[0] if found else None

    assigned = wait_until("the client's TUN address", client_address, 15, logs)
    assert assigned["local"] == "198.18.0.10"
    up = re.search(r"session up user=alice address=(\S+)", read(client_log))
    assert up and up.group(1) == "198.18.0.10"
    assert re.search(r"session up user=alice address=198\.18\.0\.10 .*mppe=yes", read(server_log))
    assert "198.18.0.10" in routes(topology, "s", "pptp0")

    ping = topology.run("c", ["ping", "-c", "3", "-i", "0.2", "-W", "2", "198.18.0.1"], timeout=15)
    assert ping.returncode == 0, ping.stdout + ping.stderr + "\n".join(read(p)[-3000:] for p in logs)
    assert " 0% packet loss" in ping.stdout

    os.kill(client.pid, signal.SIGTERM)
    try:
        client.wait(timeout=10)
    except Exception:
        pytest.fail("client did not exit after SIGTERM\n" + read(client_log)[-3000:])
    assert client.returncode == 0, read(client_log)[-3000:]
    wait_until("the server's session down", lambda: re.search(r"session down user=alice", read(server_log)), 10,
               logs)
    wait_until("the route removed", lambda: "198.18.0.10" not in routes(topology, "s", "pptp0"), 5, logs)
    assert "route removed 198.18.0.10/32" in read(server_log)

    # A wrong password: the server refuses it, frees nothing it did not
    # hand out, and the client gives up with exit code 1.
    wrong = tmp_path / "wrong-password"
    wrong.write_text("looking-glass\n")
    refused_log = tmp_path / "refused.log"
    with refused_log.open("w") as stream:
        refused = topology.spawn("c", [str(PPTPKIT), "client", "--server", topology.address("s"), "--user", "alice",
                                       "--password-file", str(wrong)], stdout=stream, stderr=stream)
    try:
        refused.wait(timeout=15)
    except Exception:
        pytest.fail("client with a wrong password did not give up\n" + read(refused_log)[-3000:])
    assert refused.returncode == 1, read(refused_log)[-3000:]
    assert re.search(r"authentication failed user=alice", read(server_log)), read(server_log)[-3000:]
    assert routes(topology, "s", "pptp0") == []

    os.kill(server.pid, signal.SIGTERM)
    server.wait(timeout=15)
    assert server.returncode == 0, read(server_log)[-3000:]


def test_gre_leaves_from_the_address_the_client_reached(topology, tmp_path):
    """A multi-homed server: S holds 198.51.100.10/24 beside 192.0.2.10/24 and listens on every address; C
    reaches 198.51.100.10 through a route via 192.0.2.10. The kernel's own source for packets from S to C is
    192.0.2.10, but the client takes GRE only from the address its control connection reached (RFC 2637
    section 4), so the session comes up only if the server sends its GRE from 198.51.100.10."""
    second = "198.51.100.10"
    assert topology.run("s", ["ip", "addr", "add", f"{second}/24", "dev", "br0"], timeout=5).returncode == 0
    route = topology.run("c", ["ip", "route", "add", "198.51.100.0/24", "via", topology.address("s")], timeout=5)
    assert route.returncode == 0, route.stderr
    chosen = topology.run("s", ["ip", "-j", "route", "get", topology.address("c")], timeout=5)
    assert json.loads(chosen.stdout)[0]["prefsrc"] == topology.address("s"), chosen.stdout

    secrets, password = credentials(tmp_path)
    server_log, client_log = tmp_path / "server.log", tmp_path / "client.log"
    logs = [server_log, client_log]
    with server_log.open("w") as stream:
        topology.spawn("s", [str(PPTPKIT), "server", "--secrets", str(secrets), "--pool", "198.18.0.10-198.18.0.49",
                             "--local-ip", "198.18.0.1"], stdout=stream, stderr=stream)
    wait_until("server listening", lambda: "listening on 0.0.0.0:1723" in read(server_log), 10, logs)
    with client_log.open("w") as stream:
        topology.spawn("c", [str(PPTPKIT), "client", "--server", second, "--user", "alice", "--password-file",
                             str(password), "--log-level", "debug"], stdout=stream, stderr=stream)

    wait_until("the session up", lambda: re.search(r"session up user=alice .*peer=192\.0\.2\.20 ", read(server_log))
               and "session up user=alice" in read(client_log), 15, logs)
    ping = topology.run("c", ["ping", "-c", "3", "-i", "0.2", "-W", "2", "198.18.0.1"], timeout=15)
    assert ping.returncode == 0, ping.stdout + ping.stderr + "\n".join(read(p)[-3000:] for p in logs)
    assert " 0% packet loss" in ping.stdout
