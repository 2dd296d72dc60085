"""Every C++ file of the project is formatted with the repository's .clang-format."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("PPTPKIT_SOURCE_DIR", Path(__file__).parents[2]))


def cpp_files():
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--cached", "--others", "--exclude-standard",
                          "*.h", "*.cpp"], capture_output=True, text=True)
    if out.returncode == 0:
        return [ROOT / f for f in out.stdout.split() if (ROOT / f).exists()]
    return [p for d in ("src", "tests", "bench") for p in (ROOT / d).rglob("*") if p.suffix in (".h", ".cpp")]


def test_all_code_is_clang_formatted():
    tool = shutil.which("clang-format")
    if tool is None:
        pytest.skip("clang-format is not installed")
    files = cpp_files()
    assert files
    result = subprocess.run([tool, "--dry-run", "-Werror", *map(str, files)], capture_output=True, text=True)
    assert result.returncode == 0, "run clang-format -i on:\n" + result.stderr[:4000]
