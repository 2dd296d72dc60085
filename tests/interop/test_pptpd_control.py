"""Control-connection behaviour of the real pptpd 1.4.0, seen from the
rig's host namespace irhost over the tap (192.0.2.1 -> 192.0.2.2:1723):
by a scripted PNS (pptp_peer.py) and, once it exists, by `pptpkit probe`.
"""
import json
import re
import subprocess
from pathlib import Path

import pytest

import interop_rig as r

PEER = Path(__file__).with_name("pptp_peer.py")


@pytest.fixture(scope="module")
def pptpd(rig):
    rig.vm("pptpd-start", "--mppe")
    return rig


def test_pptpd_closes_tcp_on_call_clear_request(pptpd):
    """RFC 2637 section 2.12 wants a Call-Disconnect-Notify; pptpd 1.4.0
    logs one but closes the control connection (FIN) instead, and answers a
    later Stop-Control-Connection-Request with nothing."""
    result = subprocess.run(
        pptpd.host_argv(r.PYTHON, str(PEER), "call-clear", r.VM_IP, "8"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert "error" not in out, out
    messages = out["messages"]
    sccrp = next(m for m in messages if m["type"] == 2)
    assert (sccrp["vendor"], sccrp["host_name"], sccrp["framing"], sccrp["bearer"]) == ("linux", "local", 0, 0)
    ocrp = next(m for m in messages if m["type"] == 8)
    assert ocrp["result"] == 1 and ocrp["peer_call_id"] == 0x4B50
    assert ocrp["recv_window"] == 16  # pptpd copies the window the PNS offered (pptp_peer.py: 16)
    assert out["after_call_clear"] == "fin", out
    assert not [m for m in messages if m["dir"] == "<-" and m["type"] in (13, 4)], messages
    assert out["after_stop"] != "open"


def pptpkit_has(command):
    """Whether this build has `pptpkit COMMAND` (listed by `pptpkit --help`),
    and that command's usage text."""
    listing = subprocess.run([str(r.PPTPKIT), "--help"], capture_output=True, text=True, timeout=30).stdout
    if not re.search(rf"^\s+{command}\b", listing, re.MULTILINE):
        return False, ""
    usage = subprocess.run([str(r.PPTPKIT), command, "--help"], capture_output=True, text=True, timeout=30)
    return usage.returncode == 0, usage.stdout


def probe(rig, *args):
    return subprocess.run(
        rig.host_argv(str(r.PPTPKIT), "probe", *args), capture_output=True, text=True, timeout=90
    )


def test_probe_reads_pptpd_vendor(pptpd):
    exists, usage = pptpkit_has("probe")
    if not exists:
        pytest.skip("pptpkit has no probe command yet")
    result = probe(pptpd, r.VM_IP)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "linux" in result.stdout, result.stdout
    if "--json" in usage:
        result = probe(pptpd, r.VM_IP, "--json")
        assert result.returncode == 0, result.stdout + result.stderr
        peer = json.loads(result.stdout)["peer"]
        assert peer["vendor_string"] == "linux" and peer["host_name"] == "local"
        assert peer["framing_capabilities"] == 0 and peer["bearer_capabilities"] == 0


def test_probe_call_gets_result_and_call_id(pptpd):
    exists, usage = pptpkit_has("probe")
    if not exists or "--call" not in usage:
        pytest.skip("pptpkit probe has no --call yet")
    result = probe(pptpd, r.VM_IP, "--call")
    assert result.returncode == 0, result.stdout + result.stderr
    text = result.stdout.lower()
    assert re.search(r"result[ _-]?(code)?\W{0,3}\d+", text), result.stdout
    assert re.search(r"call[ _-]?id\W{0,3}\d+", text), result.stdout
    if "--json" in usage:
        result = probe(pptpd, r.VM_IP, "--call", "--json")
        assert result.returncode == 0, result.stdout + result.stderr
        call = json.loads(result.stdout)["call"]
        assert call["result_code"] == 1 and call["connected"] is True, call  # 1 = Connected
        assert "peer_call_id" in call and "call_id" in call
