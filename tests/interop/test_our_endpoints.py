"""Our endpoints against real peers (issue 7, tests 1 and 2).

1. pptp-linux 1.10.0 + pppd 2.4.9 in the VM dial `pptpkit server` in the
   host namespace irhost (MS-CHAPv2, require-mppe-128), ping its local
   tunnel address and hang up.
2. `pptpkit client` in irhost dials pptpd 1.4.0 in the VM
   (require-mppe-128), pings pptpd's tunnel address through its TUN and
   ends cleanly on SIGTERM.

Our processes run in irhost only; the test ends them by PID.
"""
import re
import signal
import subprocess

import pytest

import interop_rig as r


def read(path):
    try:
        return path.read_text(errors="replace")
    except FileNotFoundError:
        return ""


def spawn_in_host(rig, argv, log):
    with log.open("w") as stream:
        # `ip netns exec` execs the command, so this PID is pptpkit's own
        return subprocess.Popen(rig.host_argv(*argv), stdout=stream, stderr=subprocess.STDOUT)


def stop(proc, timeout=10):
    """Ends a process this test started, by PID; returns its exit code."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    return proc.returncode


def vm_logs(rig):
    return rig.vm("logs", check=False, timeout=30).stdout


def test_real_client_against_our_server(rig, artifacts, tmp_path):
    rig.vm("pptpd-stop", check=False)
    rig.run("/ir/guest/pptp-disconnect >/dev/null; : > /var/log/ppp-client.log")
    secrets = tmp_path / "chap-secrets"
    secrets.write_text("alice * wonderland *\n")
    log = artifacts / "our_server.log"
    server = spawn_in_host(rig, [str(r.PPTPKIT), "server", "--listen", r.HOST_IP, "--secrets", str(secrets),
                                 "--pool", "198.18.0.10-198.18.0.49", "--local-ip", r.TUNNEL_SERVER_IP,
                                 "--log-level", "debug"], log)
    connected = False
    try:
        assert r.wait_for(lambda: f"listening on {r.HOST_IP}:1723" in read(log), 10), read(log)
        connect = rig.vm("pptp-connect", r.HOST_IP, "--mppe", "--timeout", "40", timeout=120, check=False)
        connected = connect.returncode == 0
        assert connected, connect.stdout + connect.stderr + "\n== our server\n" + read(log)[-3000:]
        up = r.wait_for(lambda: re.search(r"session up user=alice address=(\S+) .*mppe=(?!none)", read(log)), 10)
        assert up, read(log)[-3000:]
        assert up.group(1) in connect.stdout, connect.stdout
        ping = rig.run(f"ping -c 3 -i 0.2 -W 3 {r.TUNNEL_SERVER_IP}", check=False)
        assert ping.returncode == 0, ping.stdout + ping.stderr + "\n" + vm_logs(rig) + read(log)[-3000:]
        disconnect = rig.vm("pptp-disconnect", check=False)
        connected = False
        assert disconnect.returncode == 0, disconnect.stdout + disconnect.stderr
        assert r.wait_for(lambda: re.search(r"session down user=alice", read(log)), 15), read(log)[-3000:]
    finally:
        if connected:
            rig.vm("pptp-disconnect", check=False)
        code = stop(server)
        (artifacts / "our_server_vm.log").write_text(vm_logs(rig))
    assert code == 0, read(log)[-3000:]


def test_our_client_against_real_pptpd(rig, artifacts, tmp_path):
    rig.run(": > /var/log/ppp-server.log")
    rig.vm("pptpd-start", "--mppe")
    password = tmp_path / "password"
    password.write_text(r.PASSWORD + "\n")
    log = artifacts / "our_client.log"
    client = spawn_in_host(rig, [str(r.PPTPKIT), "client", "--server", r.VM_IP, "--user", r.USER,
                                 "--password-file", str(password), "--log-level", "debug"], log)
    try:
        up = r.wait_for(lambda: re.search(r"session up user=alice address=(\S+)", read(log)) or client.poll() is not None,
                        30)
        assert up and client.poll() is None, read(log)[-3000:] + "\n" + vm_logs(rig)
        ping = subprocess.run(rig.host_argv("ping", "-c", "3", "-i", "0.2", "-W", "3", r.TUNNEL_SERVER_IP),
                              capture_output=True, text=True, timeout=30)
        assert ping.returncode == 0, ping.stdout + ping.stderr + "\n" + read(log)[-3000:] + "\n" + vm_logs(rig)
        assert rig.run("grep -q 'MPPE 128-bit' /var/log/ppp-server.log", check=False).returncode == 0, vm_logs(rig)
    finally:
        code = stop(client)
        # let pptpd's per-call pptpctrl/pppd finish before the next test
        # restarts pptpd (else its first connections are closed at once)
        rig.wait_in_vm("! pgrep -x pptpctrl >/dev/null && ! pgrep -x pppd >/dev/null", timeout=20)
        (artifacts / "our_client_vm.log").write_text(vm_logs(rig))
        rig.vm("pptpd-stop", check=False)
    assert code == 0, read(log)[-3000:]
