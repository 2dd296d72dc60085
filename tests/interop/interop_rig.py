"""Host side of the interop rig (shared/interop, see its README.md).

The rig is a qemu VM with Debian 12's pppd 2.4.9, pptpd 1.4.0 and
pptp-linux 1.10.0, reached over a tap link from the host namespace
`irhost` (192.0.2.1 <-> 192.0.2.2). Everything here drives the rig's own
`vm` tool: it never adds addresses or routes in the root namespace, and the
only processes it ends are the ones it started (by PID) and the rig's VM
(`vm down`).

Where the rig is: $PPTPKIT_INTEROP_RIG, else `<repo>/../shared/interop`,
else the first `shared/interop` beside an ancestor of the repository (a
git worktree under a folder of worktrees).
"""
import os
import shutil
import subprocess
import time
from pathlib import Path

SOURCE = Path(os.environ.get("PPTPKIT_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BUILD = Path(os.environ.get("PPTPKIT_BUILD_DIR", SOURCE / "build"))
PPTPKIT = BUILD / "pptpkit"
PYTHON = "/usr/bin/python3"

HOST_IP = "192.0.2.1"  # irhost, on the tap
VM_IP = "192.0.2.2"  # the VM's eth0: pptpd listens here
VM_INNER_IP = "203.0.113.1"  # the VM's root namespace on the VM-internal veth (irv0)
VM_CLIENT_NS = "irc"  # VM-internal namespace of the real pptp client (irv1 203.0.113.2)
TUNNEL_SERVER_IP = "198.18.0.1"  # pptpd's local tunnel address
USER, PASSWORD = "alice", "wonderland"  # guest/etc/chap-secrets

IMAGE_TIMEOUT = float(os.environ.get("PPTPKIT_INTEROP_IMAGE_TIMEOUT", 1200))
BOOT_TIMEOUT = 360


class RigUnavailable(Exception):
    """The machine cannot run the rig; the message says why (tests skip)."""


def locate_rig():
    explicit = os.environ.get("PPTPKIT_INTEROP_RIG")
    if explicit:
        return Path(explicit)
    candidates = [SOURCE.parent / "shared" / "interop"]
    candidates += [parent / "shared" / "interop" for parent in SOURCE.parents[1:]]
    for candidate in candidates:
        if (candidate / "vm").is_file():
            return candidate
    return candidates[0]


def cache_dir():
    return Path(os.environ.get("IR_CACHE", "/var/cache/pptp-interop"))


def xfer_dir():
    """The host side of the VM's /xfer."""
    return cache_dir() / "run" / "xfer"


def unavailable_reason(rig):
    if os.environ.get("PPTPKIT_INTEROP_SKIP"):
        return "PPTPKIT_INTEROP_SKIP is set"
    if os.geteuid() != 0:
        return "needs root (qemu on a tap in a network namespace)"
    if not (rig / "vm").is_file():
        return f"no interop rig at {rig} (set PPTPKIT_INTEROP_RIG)"
    for tool in ("qemu-system-x86_64", "debootstrap", "mkfs.ext4", "ip", "flock"):
        if shutil.which(tool) is None:
            return f"`{tool}` is not installed (./scripts/install-deps installs it)"
    if not os.path.exists("/dev/net/tun"):
        return "no /dev/net/tun for the VM's tap"
    if subprocess.run(["ip", "netns", "list"], capture_output=True).returncode != 0:
        return "`ip netns` is unavailable"
    if not PPTPKIT.is_file():
        return f"{PPTPKIT} is not built"
    return None


def _tail(text, lines=15):
    return "\n".join(text.strip().splitlines()[-lines:])


def image_lock_path():
    """Serialises image builds (scripts/test starts one while it compiles)."""
    return Path(os.environ.get("PPTPKIT_INTEROP_LOCK", "/run/lock/pptpkit-interop-image.lock"))


class Rig:
    def __init__(self, path):
        self.path = Path(path)
        self.env = dict(os.environ, IR_PROJECT=str(BUILD))
        self.booted_here = False
        self.timings = {}

    # -- the rig's tools -------------------------------------------------

    def vm(self, *args, timeout=150, check=True, stdin=None):
        """`vm ARGS...`; returns the CompletedProcess (text)."""
        result = subprocess.run(
            ["bash", str(self.path / "vm"), *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"vm {' '.join(args)} exited {result.returncode}\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
            )
        return result

    def run(self, command, timeout=60, check=True):
        """Runs bash -c COMMAND in the VM (root namespace) via the agent."""
        return self.vm("run", "-t", str(timeout), command, timeout=timeout + 30, check=check)

    def host_argv(self, *argv):
        """argv to run in the host namespace irhost, where the tap is."""
        return ["ip", "netns", "exec", "irhost", *argv]

    def is_up(self):
        if self.vm("status", check=False, timeout=10).returncode != 0:
            return False
        return self.run("true", timeout=5, check=False).returncode == 0

    # -- life cycle ------------------------------------------------------

    def build_image(self):
        lock = image_lock_path()
        lock.parent.mkdir(parents=True, exist_ok=True)
        start = time.monotonic()
        try:
            result = subprocess.run(
                ["flock", str(lock), "bash", str(self.path / "build-image.sh")],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=IMAGE_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise RigUnavailable(f"VM image build took over {IMAGE_TIMEOUT:.0f} s (package mirror slow?)")
        self.timings["image_s"] = round(time.monotonic() - start, 1)
        if result.returncode != 0:
            raise RigUnavailable(
                "VM image build failed (package mirror unreachable?):\n" + _tail(result.stdout + result.stderr)
            )
        self.timings["image_cached"] = "image cached" in result.stdout

    def up(self):
        if self.is_up():
            self.timings["boot_s"] = 0.0
            self.timings["reused_running_vm"] = True
            return
        self.build_image()
        start = time.monotonic()
        try:
            result = self.vm("up", timeout=BOOT_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            self.down()
            raise RigUnavailable(f"VM did not boot within {BOOT_TIMEOUT} s")
        self.booted_here = True
        self.timings["boot_s"] = round(time.monotonic() - start, 1)
        if result.returncode != 0 or not self.is_up():
            console = self.vm("console", "30", check=False, timeout=10).stdout
            self.down()
            raise RigUnavailable(
                "VM boot failed:\n" + _tail(result.stdout + result.stderr) + "\nconsole:\n" + _tail(console)
            )

    def down(self):
        self.vm("down", check=False, timeout=60)

    # -- helpers for the tests -------------------------------------------

    def wait_in_vm(self, condition, timeout=10.0, interval=0.1):
        """Polls the shell condition inside the VM (one agent call, bounded
        loop); True once it holds, False after `timeout` seconds."""
        rounds = max(1, int(timeout / interval))
        script = f"for i in $(seq {rounds}); do if {condition}; then exit 0; fi; sleep {interval}; done; exit 1"
        return self.run(script, timeout=int(timeout) + 10, check=False).returncode == 0


def wait_for(predicate, timeout, interval=0.1):
    """Polls predicate() until it is truthy or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)
