"""Session fixture `rig`: the interop VM, booted once per test run.

It builds the VM image the first time (`build-image.sh`, cached in
$IR_CACHE), boots it with `vm up` and ends it with `vm down` after the last
test. A VM that was already running is reused and left running. When the
machine cannot run the VM (not root, no qemu, the image cannot be built,
the boot fails) every test skips with the reason, and ctest reports the
test as skipped (exit code 77 from tests/all_skipped.py's hook,
SKIP_RETURN_CODE in CMakeLists.txt), never as passed.
"""
import json
import os
import sys
import time
from pathlib import Path

import pytest

import interop_rig as rigmod

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from all_skipped import pytest_sessionfinish  # noqa: E402,F401  (a hook: pytest finds it by name)

_timings = {}


@pytest.fixture(scope="session")
def rig():
    path = rigmod.locate_rig()
    reason = rigmod.unavailable_reason(path)
    if reason:
        pytest.skip(reason)
    vm = rigmod.Rig(path)
    try:
        vm.up()
    except rigmod.RigUnavailable as e:
        _timings.update(vm.timings)
        pytest.skip(str(e))
    except BaseException:
        if vm.booted_here:
            vm.down()
        raise
    _timings.update(vm.timings)
    try:
        yield vm
    finally:
        if vm.booted_here and not os.environ.get("PPTPKIT_INTEROP_KEEP_VM"):
            vm.down()


@pytest.fixture(scope="session")
def artifacts():
    """Captures and logs of this run stay here for a look afterwards."""
    path = rigmod.BUILD / "interop"
    path.mkdir(parents=True, exist_ok=True)
    return path


def record_timing(name, seconds):
    _timings[name] = round(seconds, 1)


def pytest_runtest_logreport(report):
    """Every test's time: set-up, call and tear-down. A file's shared set-up
    (a module fixture) counts for its first test, the boot (`boot_s`) for
    the first test of the run."""
    key = report.nodeid.split("::")[-1] + "_s"
    _timings[key] = round(_timings.get(key, 0) + report.duration, 1)


_session_start = time.monotonic()


def pytest_terminal_summary(terminalreporter):
    _timings["pytest_total_s"] = round(time.monotonic() - _session_start, 1)
    terminalreporter.write_line("interop timings: " + json.dumps(_timings))
    out = rigmod.BUILD / "interop"
    if out.is_dir():
        (out / "timings.json").write_text(json.dumps(_timings, indent=1) + "\n")

