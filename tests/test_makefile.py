"""The Makefile's own checks, run as a user runs them."""

from __future__ import annotations

import subprocess

from builders import REPO


def test_make_test_without_chromium_stops_at_once_with_the_command_that_installs_it():
    done = subprocess.run(
        ["make", "--no-print-directory", "test", "CHROMIUM=/nonexistent/chromium"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines()[:2] == [
        "make test needs Debian's chromium for its browser tests, and /nonexistent/chromium is missing. Install it with:",
        "  sudo apt-get install chromium",
    ]
