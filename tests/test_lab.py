"""`make lab`: JupyterLab, installed into .venv on first use, serves notebooks/ with jupytext keeping .ipynb and .py paired."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import jupytext
import pytest
from builders import REPO, code, markdown, notebook

TOKEN = "make-lab-test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port: int, path: str, data: dict | None = None) -> tuple[int, bytes]:
    """GET (or PUT `data` as JSON) on the server; return the status and the body, (0, b"") while it does not answer."""
    body = json.dumps(data).encode() if data is not None else None
    headers = {"Authorization": f"token {TOKEN}", "Content-Type": "application/json"}
    try:
        req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers=headers, method="PUT" if data else "GET")
        with urllib.request.urlopen(req, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


@pytest.mark.slow
def test_make_lab_installs_on_first_use_serves_the_notebooks_and_saves_both_files_of_a_pair(tmp_path: Path):
    # `make lab` in a folder of its own, sharing the repository's .venv (JupyterLab goes into the folder's .venv-lab).
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "requirements-lab.txt"):
        shutil.copy2(REPO / name, tmp_path / name)
    (tmp_path / ".venv").symlink_to(REPO / ".venv")
    nb = notebook(markdown("Some words."), code("print(1)"))
    nb.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    (tmp_path / "notebooks").mkdir()
    jupytext.write(nb, tmp_path / "notebooks" / "post.ipynb")
    jupytext.write(nb, tmp_path / "notebooks" / "post.py", fmt="py:percent")
    port = free_port()
    lab = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "-o",
            ".venv/.installed",
            "-o",
            ".venv/.dev-installed",
            "lab",
            f"LAB_PORT={port}",
            f"LAB_ARGS=--no-browser --IdentityProvider.token={TOKEN}",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300  # the first use installs JupyterLab from requirements-lab.txt
        while request(port, "/lab")[0] != 200 and lab.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
        status, page = request(port, "/lab")
        assert status == 200 and b"JupyterLab" in page, lab.stdout.read() if lab.poll() is not None else ""
        assert (tmp_path / ".venv-lab" / ".installed").is_file()
        assert not list((REPO / ".venv").glob("lib/python*/site-packages/jupyterlab")), "JupyterLab went into .venv"

        status, body = request(port, "/api/contents/post.ipynb")
        assert status == 200
        model = json.loads(body)
        assert model["type"] == "notebook"
        assert model["content"]["metadata"]["jupytext"]["formats"] == "ipynb,py:percent"
        # The .py opens as a notebook too (jupytext's contents manager).
        assert json.loads(request(port, "/api/contents/post.py")[1])["type"] == "notebook"

        # Saving the notebook from JupyterLab writes its paired .py.
        model["content"]["cells"][2]["source"] = "print(2)"
        status, _ = request(port, "/api/contents/post.ipynb", {"type": "notebook", "format": "json", "content": model["content"]})
        assert status == 200
        assert "# %%\nprint(2)\n" in (tmp_path / "notebooks" / "post.py").read_text()
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        try:
            lab.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
            lab.wait()
    assert request(port, "/lab") == (0, b"")  # stopped: the port answers no more
