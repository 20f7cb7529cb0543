"""`make sync` and the pre-commit hooks: pairs brought up to date, missing halves created, outputs stripped."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import nbformat
import yaml

from scripts.authoring import strip_outputs, sync
from scripts.authoring.new import create_post
from scripts.sources import read_source

ROOT = Path(__file__).resolve().parent.parent


def test_sync_updates_the_older_half_from_the_newer(tmp_path):
    ipynb, py = create_post("Pair", tmp_path, tmp_path / "posts", author="A")
    py.write_text(py.read_text().replace("Write the post here", "Edited in a text editor"))
    os.utime(ipynb, (1, 1))  # the .ipynb is older
    assert sync.main([str(py)]) == 0
    assert read_source(ipynb).notebook.cells[1].source.startswith("Edited in a text editor")
    assert "Edited in a text editor" in json.loads(ipynb.read_text())["cells"][1]["source"][0]


def test_sync_creates_the_missing_half_of_a_lone_file(tmp_path):
    ipynb, py = create_post("Lone Text", tmp_path, tmp_path / "posts", author="A")
    ipynb.unlink()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_raw_cell("---\ntitle: T\ndate: 2020-01-02\n---"), nbformat.v4.new_markdown_cell("Only a notebook")]
    lone = tmp_path / "lone-notebook.ipynb"
    nbformat.write(notebook, lone)  # no jupytext pairing in its metadata
    assert sync.main(["--notebooks-dir", str(tmp_path)]) == 0
    assert ipynb.exists() and read_source(ipynb).notebook.cells[1].source.startswith("Write the post here")
    paired = tmp_path / "lone-notebook.py"
    assert "# Only a notebook" in paired.read_text()
    assert read_source(lone).py == paired


def test_sync_reports_a_file_jupytext_cannot_read(tmp_path, capsys):
    (tmp_path / "broken.ipynb").write_text("{not json")
    assert sync.main(["--notebooks-dir", str(tmp_path)]) == 1
    assert "error: " + str(tmp_path / "broken") in capsys.readouterr().err


def test_strip_outputs_clears_outputs_and_counts_only(tmp_path):
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(1)", execution_count=3, outputs=[nbformat.v4.new_output("stream", name="stdout", text="1\n")])
    notebook.cells = [cell, nbformat.v4.new_markdown_cell("text")]
    path = tmp_path / "a.ipynb"
    nbformat.write(notebook, path)
    assert strip_outputs.main([str(path)]) == 1
    data = json.loads(path.read_text())
    assert data["cells"][0]["outputs"] == [] and data["cells"][0]["execution_count"] is None
    assert data["cells"][0]["source"] == ["print(1)"] and data["cells"][1]["source"] == ["text"]
    assert strip_outputs.main([str(path)]) == 0  # nothing left to strip: unchanged, and pre-commit passes


def test_strip_outputs_keeps_the_outputs_a_notebook_publishes_with_execute_false(tmp_path):
    notebook = nbformat.v4.new_notebook()
    output = nbformat.v4.new_output("stream", name="stdout", text="1\n")
    notebook.cells = [
        nbformat.v4.new_raw_cell("---\ntitle: T\ndate: 2024-01-31\nexecute: false\n---"),
        nbformat.v4.new_code_cell("print(1)", execution_count=1, outputs=[output]),
    ]
    path = tmp_path / "kept.ipynb"
    nbformat.write(notebook, path)
    before = path.read_bytes()
    assert strip_outputs.main([str(path)]) == 0
    assert path.read_bytes() == before


def test_pre_commit_hooks_run_offline_from_the_virtualenv():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    assert sorted(hooks) == ["jupytext-sync", "ruff", "strip-outputs"]
    assert all(hook["language"] == "system" and hook["entry"].startswith(".venv/bin/") for hook in hooks.values())
    result = subprocess.run(
        [str(ROOT / ".venv/bin/pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_sync_leaves_helper_modules_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    helper = tmp_path / "notebooks" / "_helper.py"
    helper.parent.mkdir()
    helper.write_text("def f():\n    return 1\n")
    assert sync.main([str(helper.relative_to(tmp_path))]) == 0
    assert sorted(path.name for path in helper.parent.iterdir()) == ["_helper.py"]
    assert helper.read_text() == "def f():\n    return 1\n"
