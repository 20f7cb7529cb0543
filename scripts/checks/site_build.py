"""Building the whole site with Hugo into a temporary folder, to find its errors and warnings."""

from __future__ import annotations

import re
from pathlib import Path

from .. import hugo

SITE_TIMEOUT = 300  # seconds the whole Hugo build may take
# Hugo's log lines start with their level: `WARN  …`, `ERROR …`.
PROBLEM = re.compile(r"^(WARN|ERROR)\b")


def build_site(root: Path, timeout: float = SITE_TIMEOUT) -> tuple[int, list[str], str]:
    """Build the site at `root` into a temporary folder; return (exit status, problem lines, all output)."""
    done = hugo.build_in_temporary_folder(root, "--noBuildLock", "--logLevel", "warn", timeout=timeout)
    output = done.stdout + done.stderr
    return done.returncode, [line for line in output.splitlines() if PROBLEM.match(line)], output
