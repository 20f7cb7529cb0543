"""Generated notebooks for the benchmarks: posts with prose, code, figures and exercises."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

PRE_EXERCISE_CODE = """\
import numpy as np
import matplotlib.pyplot as plt
np.random.seed({seed})
data = np.random.rand(20)"""

SAMPLE = """\
# Scale the data by {k} and sum it
scaled = ___
total_{n} = ___"""

SOLUTION = """\
# Scale the data by {k} and sum it
scaled = data * {k}
total_{n} = scaled.sum()"""

SCT = """\
Ex().check_object("scaled").has_equal_value()
Ex().check_object("total_{n}").has_equal_value()
success_msg("Well done")"""


def make_notebook(index: int, exercises: int, figures: bool = True) -> nbformat.NotebookNode:
    """Return a post with `exercises` exercises and, if `figures`, a code cell that draws one."""
    cells = [
        new_raw_cell(f"---\ntitle: Benchmark post {index}\ndate: 2026-01-{1 + index % 28:02d}\n---"),
        new_markdown_cell(f"# Post {index}\n\nSome prose with $x^2$ math and `code`."),
        new_code_cell(f"import numpy as np\nvalues = np.arange({10 + index})\nprint(values.sum())"),
    ]
    if figures:
        cells.append(
            new_code_cell(
                f"import matplotlib.pyplot as plt\nx = np.linspace(0, {1 + index % 5}, 50)\nplt.plot(x, np.sin(x))\nplt.show()",
                metadata={"alt": "A sine curve"},
            )
        )
    for n in range(exercises):
        number = index * 1000 + n
        cells += [
            new_markdown_cell(f"Exercise {n + 1}."),
            new_code_cell(PRE_EXERCISE_CODE.format(seed=number), metadata={"tags": ["pre-exercise-code"]}),
            new_code_cell(SAMPLE.format(k=n + 2, n=n), metadata={"tags": ["sample-code"]}),
            new_code_cell(SOLUTION.format(k=n + 2, n=n), metadata={"tags": ["solution"]}),
            new_raw_cell(SCT.format(n=n), metadata={"tags": ["sct"]}),
            new_markdown_cell(f"Multiply `data` by {n + 2}.", metadata={"tags": ["hint"]}),
        ]
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    return notebook


def write_corpus(directory: Path, notebooks: int, exercises_per_notebook: int, figures: bool = True, paired: bool = True) -> list[Path]:
    """Write `notebooks` generated posts into `directory` (as .ipynb, and paired .py if asked); return the .ipynb paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(notebooks):
        notebook = make_notebook(index, exercises_per_notebook, figures)
        path = directory / f"bench-{index:03d}.ipynb"
        nbformat.write(notebook, path)
        if paired:
            jupytext.write(notebook, path.with_suffix(".py"), fmt="py:percent")
        paths.append(path)
    return paths
