"""Reproduce the missed wakeup on a kernel's shell socket: build interact.py and training-log.py on 2 kernels, N times.

    .venv/bin/python tools/repro_shell_wakeup.py [RUNS] [TIMEOUT]

Each build converts the pair from scratch in a temporary project (as tests/test_corpus_outputs.py does), with
`timeout: TIMEOUT` (default 10 s) added to each front matter so that a stall costs TIMEOUT seconds, not 60. A post
whose run took TIMEOUT seconds or more stalled: its cell's reply was queued, but the build waited out its timeout.
Prints each build's times and the number of stalls. Not a test (a minute or more): see test_shell_wakeup.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus" / "outputs"
SLUGS = ("interact", "training-log")


def build(timeout: int) -> dict[str, float]:
    """Convert the pair once on 2 kernels; return each post's run time in seconds."""
    with tempfile.TemporaryDirectory(prefix="wakeup-") as root:
        (Path(root) / "notebooks").mkdir()
        (Path(root) / "content" / "post").mkdir(parents=True)
        for slug in SLUGS:
            text = (CORPUS / f"{slug}.py").read_text()
            text = re.sub(r"^(# date: .*)$", rf"\1\n# timeout: {timeout}", text, count=1, flags=re.M)
            (Path(root) / "notebooks" / f"{slug}.py").write_text(text)
        done = subprocess.run(
            [sys.executable, "-m", "scripts.convert", "-j", "2"],
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise SystemExit(done.stdout + done.stderr)
        return {slug: float(seconds) for slug, seconds in re.findall(r"\] (\S+): executed in ([\d.]+) s", done.stdout)}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    timeout = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    stalls = 0
    for run in range(1, runs + 1):
        times = build(timeout)
        stalled = [slug for slug, seconds in times.items() if seconds >= timeout]
        stalls += bool(stalled)
        print(
            f"{run:3d} " + "  ".join(f"{slug} {seconds:5.1f} s" for slug, seconds in times.items()) + ("  STALL" if stalled else ""),
            flush=True,
        )
    print(f"{stalls} of {runs} builds stalled")


if __name__ == "__main__":
    main()
