import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from boundaries import violations  # noqa: E402

SRC = Path(os.environ.get("PPTPKIT_SOURCE_DIR", Path(__file__).parents[2])) / "src"


def test_protocol_layers_have_no_io():
    found = [f"{p}:{n}: {why}: {line}" for p, n, why, line in violations(SRC)]
    assert not found, "sans-I/O boundary broken:\n" + "\n".join(found)


BAD_SNIPPETS = {
    "includes net/": '#include "net/tun.h"\n',
    "includes an OS I/O header": "#include <sys/socket.h>\n",
    "uses a socket API": "int f() { return socket(2, 3, 47); }\n",
    "reads a clock": "auto t = std::chrono::steady_clock::now();\n",
    "sleeps": "void f() { std::this_thread::sleep_for(d); }\n",
    "draws randomness": "std::random_device rd;\n",
    "uses a file API": 'std::ifstream in(path);\n',
}


def test_checker_catches_each_kind_of_breach(tmp_path):
    for reason, code in BAD_SNIPPETS.items():
        layer = tmp_path / reason.replace(" ", "_") / "src" / "gre"
        layer.mkdir(parents=True)
        (layer / "bad.cpp").write_text(code)
        reasons = {why for _, _, why, _ in violations(layer.parent)}
        assert reason in reasons, f"{reason!r} not detected in {code!r}"


def test_checker_ignores_comments_strings_and_member_calls(tmp_path):
    layer = tmp_path / "src" / "wire"
    layer.mkdir(parents=True)
    (layer / "ok.cpp").write_text(
        "// we never call socket() here\n"
        'const char* s = "sleep(1)";\n'
        "auto v = reader.read(4);\n"
        "std::uint32_t timestamp_send(int now);\n"
    )
    assert list(violations(tmp_path / "src")) == []
