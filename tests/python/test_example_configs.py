"""examples/pptpkit.toml and examples/client.toml stay valid, and
`--check-config` says what is in force: each example is checked (its
secrets and password paths pointed at temporary files), the printed
settings are read back as TOML and must hold every key of the file with
its value, and reading the printed settings back prints them again. Every
data-path key is taken from a file; errors exit 2 and name the problem;
no password is ever printed.
"""
import os
import subprocess
import tomllib
from pathlib import Path

import pytest

SOURCE = Path(os.environ.get("PPTPKIT_SOURCE_DIR", Path(__file__).resolve().parents[2]))
PPTPKIT = Path(os.environ.get("PPTPKIT_BUILD_DIR", "build")) / "pptpkit"
PASSWORD = "wonderland"


@pytest.fixture
def files(tmp_path):
    if not PPTPKIT.is_file():
        pytest.skip(f"{PPTPKIT} not built")
    (tmp_path / "chap-secrets").write_text(f"alice * {PASSWORD} *\n")
    (tmp_path / "password").write_text(PASSWORD + "\n")
    return tmp_path


def check(command, config, *flags):
    return subprocess.run([str(PPTPKIT), command, "-c", str(config), "--check-config", *flags],
                          capture_output=True, text=True, timeout=20)


def effective(command, config, *flags):
    """The settings --check-config prints, as a dict; it must succeed."""
    result = check(command, config, *flags)
    assert result.returncode == 0, result.stderr
    assert PASSWORD not in result.stdout
    return tomllib.loads(result.stdout)[command]


@pytest.mark.parametrize("command,example,override", [
    ("server", "pptpkit.toml", ("secrets", "chap-secrets")),
    ("client", "client.toml", ("password-file", "password")),
])
def test_examples_check_and_say_what_is_in_force(files, command, example, override):
    path = SOURCE / "examples" / example
    key, name = override
    printed = effective(command, path, f"--{key}", str(files / name))
    written = tomllib.loads(path.read_text())[command]
    written[key] = str(files / name)  # the flag wins over the file
    for k, v in written.items():
        assert printed.get(k) == v, f"{k}: file says {v!r}, --check-config {printed.get(k)!r}"
    # What it prints is a configuration that means the same.
    again = files / "again.toml"
    again.write_text(f"[{command}]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in printed.items()))
    assert effective(command, again) == printed


def toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


def test_every_data_path_key_is_read_from_the_file(files):
    config = files / "server.toml"
    config.write_text(f"""[server]
secrets = "{files / 'chap-secrets'}"
mss-clamp = false
mru = 1300
lcp-echo-interval = "0"
lcp-echo-failure = 7
dns = ["198.51.100.53", "198.51.100.54"]
nbns = ["198.51.100.137"]
max-sessions = 5
max-sessions-per-user = 1
max-connections-per-source = 3
""")
    printed = effective("server", config)
    assert printed["mss-clamp"] is False
    assert printed["mru"] == 1300
    assert printed["lcp-echo-interval"] == 0
    assert printed["lcp-echo-failure"] == 7
    assert printed["dns"] == ["198.51.100.53", "198.51.100.54"]
    assert printed["nbns"] == ["198.51.100.137"]
    assert printed["max-sessions"] == 5
    assert printed["max-sessions-per-user"] == 1
    assert printed["max-connections-per-source"] == 3
    (files / "empty.toml").write_text("")
    defaults = effective("server", files / "empty.toml")
    assert defaults["mss-clamp"] is True and defaults["mru"] == 1400
    assert defaults["lcp-echo-interval"] == "30s" and defaults["lcp-echo-failure"] == 4


@pytest.mark.parametrize("command,text,error", [
    ("server", 'pool = "198.18.0.49-198.18.0.10"', "--pool: empty range"),
    ("server", 'local-ip = "198.18.0"', "--local-ip: not an IPv4 address"),
    ("server", 'dns = ["198.51.100.1", "198.51.100.2", "198.51.100.3"]', "--dns: at most two"),
    ("server", 'nbns = ["wins.example"]', "--nbns: not an IPv4 address"),
    ("server", 'auth = ["pap"]', "MS-CHAP"),
    ("server", 'secrets = "/nonexistent/chap-secrets"', "cannot read secrets file /nonexistent/chap-secrets"),
    ("server", 'secrets = "SECRETS"\n', ":1: "),
    ("server", "mru = 100", "mru"),
    ("server", "max-sesions = 1", "max-sesions"),
    ("client", 'server = "192.0.2.1"\nuser = "alice"\npassword-file = "/nonexistent"', "password-file"),
    ("client", 'server = "[2001:db8::1]"\nuser = "alice"\npassword-file = "PASSWORD"', "IPv4 server"),
    ("client", 'server = "192.0.2.1"\nuser = "alice"\npassword-file = "PASSWORD"\nauth = ["chap"]', "MS-CHAP"),
])
def test_errors_exit_2_and_say_what_is_wrong(files, command, text, error):
    (files / "bad-secrets").write_text("alice\n")  # a line without a secret
    config = files / "bad.toml"
    config.write_text(f"[{command}]\n" + text.replace("SECRETS", str(files / "bad-secrets"))
                      .replace("PASSWORD", str(files / "password")) + "\n")
    result = check(command, config)
    assert result.returncode == 2, result.stdout + result.stderr
    assert error in result.stderr, result.stderr
    assert result.stdout == ""
