"""Jupyter's "Run All": every post's notebook runs top to bottom with plain nbclient (`jupyter nbconvert --execute`'s
engine), no pipeline code, as a reader who opens it in Jupyter runs it. The exercise parts that cannot run in sequence (the sample with
its blanks, the SCT) are raw cells, which Jupyter does not run (`make lint`: breaks-run-all)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert.filters.ansi import strip_ansi

from scripts.authoring.new import create_post
from scripts.parts import NOT_RUNNABLE

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
# Seconds one cell may run, as the build allows by default (the front matter's `timeout`).
CELL_TIMEOUT = 60


def run_all(notebook: Path) -> dict:
    """Run every cell of `notebook` as Jupyter's "Run All" does, on a fresh kernel of the environment the tests run in
    (.venv, with the site's packages), in the notebook's folder; return the executed notebook.

    nbclient is what `jupyter nbconvert --execute` and Jupyter's own execution run: a plain `python3` kernel,
    started by jupyter_client, with no pipeline code.
    """
    executed = nbformat.read(notebook, as_version=4)
    client = NotebookClient(executed, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        failed = next(
            number for number, cell in enumerate(executed.cells, 1) if any(o.output_type == "error" for o in cell.get("outputs", []))
        )
        trace = strip_ansi(str(error))[-3000:]
        pytest.fail(f"Run All of {notebook.name} failed in cell {failed}: {error.ename}: {error.evalue}\n{trace}", pytrace=False)
    return executed


def assert_ran_every_code_cell(executed: dict) -> None:
    """Every code cell ran without an error output; the raw cells (the samples and SCTs among them) did not run."""
    code = [cell for cell in executed["cells"] if cell["cell_type"] == "code"]
    assert code and all(cell["execution_count"] for cell in code)
    errors = [output for cell in code for output in cell["outputs"] if output["output_type"] == "error"]
    assert errors == []
    assert not [cell for cell in code if set(cell["metadata"].get("tags", [])) & set(NOT_RUNNABLE)]


POSTS = sorted(NOTEBOOKS.glob("[!_]*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("notebook", POSTS, ids=lambda path: path.stem)
def test_each_post_runs_all_in_jupyter(tmp_path, notebook):
    # A copy of notebooks/, as a reader's checkout has it: a notebook may read the files beside it.
    folder = shutil.copytree(NOTEBOOKS, tmp_path / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    executed = run_all(folder / notebook.name)
    assert_ran_every_code_cell(executed)
    samples = [cell for cell in executed["cells"] if "sample-code" in cell["metadata"].get("tags", [])]
    assert samples and all(cell["cell_type"] == "raw" for cell in samples)


@pytest.mark.slow
def test_a_new_post_runs_all_in_jupyter(tmp_path):
    (ipynb, _) = create_post("Run me", tmp_path / "notebooks", tmp_path / "posts", author="Ada")
    executed = run_all(ipynb)
    assert_ran_every_code_cell(executed)
    # The solution and its alternative ran (each prints the net input); the sample and SCT did not.
    printed = ["".join(output["text"]) for cell in executed["cells"] if cell["cell_type"] == "code" for output in cell["outputs"]]
    assert printed == ["4.5\n", "4.5\n"]


def test_a_failing_cell_is_named_with_its_error_in_plain_text(tmp_path):
    notebook = tmp_path / "broken.ipynb"
    nbformat.write(
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell("1 / 0")]), notebook
    )
    with pytest.raises(pytest.fail.Exception) as failed:
        run_all(notebook)
    assert str(failed.value).startswith("Run All of broken.ipynb failed in cell 2: ZeroDivisionError: division by zero\n")
    assert "\x1b" not in str(failed.value)


def test_a_sample_that_ran_as_code_would_fail(tmp_path):
    """Why the sample is a raw cell: in IPython, `___` is the third-to-last output (a string before any output)."""
    # The shell a kernel runs cells in, without the kernel, in a Python of its own, its profile in tmp_path.
    code = (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "result = InteractiveShell().run_cell('x = ___\\nx + 1.0')\n"
        "print(type(result.error_in_exec).__name__, result.error_in_exec)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env={**os.environ, "IPYTHONDIR": str(tmp_path)}
    )
    assert done.stdout.splitlines()[-1] == 'TypeError can only concatenate str (not "float") to str', done.stdout + done.stderr
