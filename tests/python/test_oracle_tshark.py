"""Independent oracle: packets built by pptpkit's encoders, dissected by Debian's tshark.

`oracle_capture` writes one frame per PPTP control message, GRE variant and
PPP packet type, and a manifest of the fields each frame must show. tshark's
dissectors were written by other people from the same RFCs: every expected
field must be there with the intended value, and no frame may be malformed.
"""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

BUILD = Path(os.environ.get("PPTPKIT_BUILD_DIR", Path(__file__).parents[2] / "build"))
GENERATOR = BUILD / "tests" / "oracle_capture"


def flatten(node, out):
    """tshark -T json nests subtrees; collect every field name -> [values]."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str):
                out.setdefault(key, []).append(value)
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                out.setdefault(key, []).extend(value)  # a repeated field (--no-duplicate-keys)
            else:
                flatten(value, out)
    elif isinstance(node, list):
        for item in node:
            flatten(item, out)
    return out


@pytest.fixture(scope="module")
def dissected(tmp_path_factory):
    if shutil.which("tshark") is None:
        pytest.skip("tshark is not installed")
    work = tmp_path_factory.mktemp("oracle")
    pcap, manifest = work / "oracle.pcap", work / "oracle.json"
    subprocess.run([str(GENERATOR), str(pcap), str(manifest)], check=True, timeout=60)
    out = subprocess.run(["tshark", "-n", "-r", str(pcap), "-T", "json", "--no-duplicate-keys", "-o", "tcp.check_checksum:TRUE"],
                         capture_output=True, text=True, timeout=120, check=True)
    packets = json.loads(out.stdout)
    frames = [flatten(p["_source"]["layers"], {}) for p in packets]
    return json.loads(manifest.read_text()), frames


def same(expected, observed):
    if isinstance(expected, bool):
        expected = int(expected)
    if isinstance(expected, int):
        try:
            return int(observed, 0) == expected
        except ValueError:
            return False
    return observed == expected


def test_every_frame_is_dissected(dissected):
    manifest, frames = dissected
    assert len(frames) == len(manifest) > 40


def test_no_frame_is_malformed_or_flagged_as_error(dissected):
    manifest, frames = dissected
    problems = []
    for entry, fields in zip(manifest, frames):
        if "_ws.malformed" in fields:
            problems.append(f"frame {entry['frame']} ({entry['description']}): malformed")
        severities = fields.get("_ws.expert.severity", [])
        # 8388608 is PI_ERROR, 6291456 is PI_WARN in Wireshark's expert info.
        if any(int(s) >= 6291456 for s in severities):
            messages = fields.get("_ws.expert.message", [])
            problems.append(f"frame {entry['frame']} ({entry['description']}): expert {messages}")
    assert not problems, "\n".join(problems)


def test_every_field_has_the_intended_value(dissected):
    manifest, frames = dissected
    mismatches = []
    for entry, fields in zip(manifest, frames):
        assert fields["ip.src"][0] == entry["src"]
        for name, expected in entry["expect"].items():
            observed = fields.get(name)
            if observed is None:
                mismatches.append(f"frame {entry['frame']} ({entry['description']}): {name} missing")
            elif not any(same(expected, value) for value in observed):
                mismatches.append(f"frame {entry['frame']} ({entry['description']}): {name}={observed}, "
                                  f"expected {expected}")
    assert not mismatches, "\n".join(mismatches)


def test_dissected_as_the_intended_protocols(dissected):
    manifest, frames = dissected
    for entry, fields in zip(manifest, frames):
        protocols = fields["frame.protocols"][0].split(":")
        if "pptp.control_message_type" in entry["expect"]:
            assert "pptp" in protocols, (entry, protocols)
        elif "ppp.protocol" in entry["expect"]:
            assert "gre" in protocols and "ppp" in protocols, (entry, protocols)
        else:
            assert "gre" in protocols, (entry, protocols)
