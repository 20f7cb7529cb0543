"""The execute step: each notebook runs on a fresh kernel forked from a warm template, with nbclient."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from builders import FRONT_MATTER, REPO, busy_cpus, code, markdown, write_ipynb, write_text
from nbformat.v4 import new_notebook, new_raw_cell

from scripts import execute as execute_module
from scripts.convert import notebook_to_post
from scripts.errors import ContentError
from scripts.execute import execute_posts, working_copy
from scripts.kernels import KernelTemplate
from scripts.model import Code
from scripts.sources import read_source


def notebook(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return new_notebook(cells=[new_raw_cell(FRONT_MATTER), *cells])


def run(template: KernelTemplate, tmp_path: Path, notebooks: dict[str, nbformat.NotebookNode], workers: int = 1) -> dict[str, object]:
    """Execute the notebooks, written into `tmp_path/notebooks`, in order on `workers` kernels forked from `template`;
    return each slug's executed post or error."""
    jobs = []
    for slug, nb in notebooks.items():
        source = read_source(write_ipynb(tmp_path / "notebooks", slug, nb))
        jobs.append((source, notebook_to_post(source)))
    results: dict[str, object] = {}
    execute_posts(jobs, workers, lambda source, result: results.__setitem__(source.slug, result), template)
    return results


def outputs(post) -> list[list[tuple[str, str]]]:
    """Return each code cell's outputs as (kind, text) pairs."""
    return [[(output.kind, output.text) for output in block.outputs] for block in post.blocks if isinstance(block, Code)]


# Everything a notebook can change in its interpreter, that a warm kernel would carry over.
LEAKY = notebook(
    code(
        "import os, sys, threading, time\n"
        "import numpy as np\n"
        "import matplotlib.pyplot as plt\n"
        "import leaky_helper\n"
        "np.set_printoptions(precision=2)\n"
        "os.environ['BLOG_LEAK'] = 'set by the first notebook'\n"
        "plt.rcParams['lines.linewidth'] = 9\n"
        "plt.figure()\n"
        "secret = 42\n"
        "threading.Thread(target=lambda: (time.sleep(1), print('printed by the first notebook')), daemon=True).start()\n"
        "os.chdir('/')"
    ),
)
PROBE = notebook(
    code("import numpy as np\nprint(np.array([1 / 3]))"),
    code("import os, sys\nprint(os.environ.get('BLOG_LEAK'), 'leaky_helper' in sys.modules, 'secret' in globals())"),
    code("import matplotlib.pyplot as plt\nprint(plt.rcParams['lines.linewidth'], len(plt.get_fignums()))"),
    code("print(open('data.txt').read().strip())"),
    code("import time\ntime.sleep(2)\nprint('done')"),
)
PROBED = [
    [("text", "[0.33333333]\n")],
    [("text", "None False False\n")],
    [("text", "1.5 0\n")],
    [("text", "beside the notebook\n")],
    [("text", "done\n")],
]


@pytest.fixture(scope="module")
def after_leaky(tmp_path_factory, kernel_template):
    """The probe run alone, and right after the leaky notebook on the same single worker."""
    tmp_path = tmp_path_factory.mktemp("isolation")
    write_text(tmp_path / "notebooks" / "data.txt", "beside the notebook\n")
    write_text(tmp_path / "notebooks" / "leaky_helper.py", "counter = 0\n")
    return run(kernel_template, tmp_path, {"leaky": LEAKY, "probe": PROBE}), run(kernel_template, tmp_path, {"probe": PROBE})


def test_a_notebook_sees_nothing_another_notebook_did_before_it_on_the_same_worker(after_leaky):
    together, alone = after_leaky
    assert not isinstance(together["leaky"], ContentError), together["leaky"]
    assert outputs(together["probe"]) == outputs(alone["probe"]) == PROBED


def test_the_outputs_are_the_same_whatever_the_order_and_the_number_of_workers(tmp_path, kernel_template, after_leaky):
    forward, _ = after_leaky  # the leaky notebook, then the probe, on one worker
    write_text(tmp_path / "notebooks" / "data.txt", "beside the notebook\n")
    write_text(tmp_path / "notebooks" / "leaky_helper.py", "counter = 0\n")
    backward = run(kernel_template, tmp_path, {"probe": PROBE, "leaky": LEAKY}, workers=2)
    assert outputs(forward["probe"]) == outputs(backward["probe"]) == PROBED
    assert outputs(forward["leaky"]) == outputs(backward["leaky"])


def test_a_kernel_sees_none_of_the_pipelines_own_modules(tmp_path, kernel_template):
    nb = notebook(
        code(
            "import os, sys\n"
            "print(sorted(name for name in sys.modules if name.partition('.')[0] == 'scripts'))\n"
            f"print({str(REPO)!r} in [os.path.abspath(path or '.') for path in sys.path])"
        )
    )
    post = run(kernel_template, tmp_path, {"modules": nb})["modules"]
    assert outputs(post) == [[("text", "[]\nFalse\n")]]


def test_every_kernel_fixes_matplotlibs_svg_salt_even_through_a_reset_to_the_defaults(tmp_path, kernel_template):
    nb = notebook(
        code(
            "import matplotlib as mpl, matplotlib.pyplot as plt\n"
            "plt.style.use('default')\n"
            "salts = [mpl.rcParams['svg.hashsalt']]\n"
            "mpl.rcdefaults()\n"
            "salts.append(mpl.rcParams['svg.hashsalt'])\n"
            "mpl.rc_file_defaults()\n"
            "print(*salts, mpl.rcParams['svg.hashsalt'])"
        )
    )
    post = run(kernel_template, tmp_path, {"salt": nb})["salt"]
    assert outputs(post) == [[("text", "neural-networks-seminar neural-networks-seminar neural-networks-seminar\n")]]


def test_stdout_is_merged_stderr_is_shown_apart_and_memory_addresses_are_masked(tmp_path, kernel_template):
    nb = notebook(
        code("import sys\nprint('a')\nprint('oops', file=sys.stderr)\nprint('b')"),
        code("object()"),
        code("6 * 7"),
    )
    post = run(kernel_template, tmp_path, {"streams": nb})["streams"]
    assert outputs(post) == [[("text", "a\nb\n"), ("stderr", "oops\n")], [("text", "<object at 0x…>")], [("text", "42")]]


def test_a_figure_becomes_a_png_named_after_its_cell_with_the_cells_alt_text(tmp_path, kernel_template):
    nb = notebook(code("import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()", alt="A rising line"))
    post = run(kernel_template, tmp_path, {"figure": nb})["figure"]
    [[figure]] = [[output for output in block.outputs] for block in post.blocks if isinstance(block, Code)]
    assert (figure.kind, figure.text, figure.name) == ("image", "A rising line", "cell-2-1.png")
    assert figure.data.startswith(b"\x89PNG\r\n\x1a\n")


def test_when_a_cell_fails_then_the_error_names_the_cell_line_and_exception_and_the_kernel_recovers(tmp_path, kernel_template):
    broken = notebook(code("x = 1\ny = x / 0\nz = 2"))
    after = notebook(code("print('still works')"))
    results = run(kernel_template, tmp_path, {"broken": broken, "after": after})
    error = results["broken"]
    assert isinstance(error, ContentError)
    assert (error.cell, error.line, error.detail) == (2, 2, "ZeroDivisionError: division by zero")
    assert outputs(results["after"]) == [[("text", "still works\n")]]


def test_when_a_cell_runs_past_the_timeout_then_the_error_names_the_cell(tmp_path, kernel_template):
    nb = new_notebook(cells=[new_raw_cell("---\ntitle: Slow\ndate: 2024-01-31\ntimeout: 1\n---"), code("import time\ntime.sleep(30)")])
    error = run(kernel_template, tmp_path, {"slow": nb})["slow"]
    assert isinstance(error, ContentError)
    assert (error.cell, error.kind, error.message) == (2, "timeout", "the cell did not finish within 1 s")


def test_a_post_without_code_cells_is_returned_as_it_is_and_starts_no_kernel(tmp_path, monkeypatch):
    def no_template():
        raise AssertionError("a kernel template started")

    monkeypatch.setattr(execute_module, "KernelTemplate", no_template)
    source = read_source(write_ipynb(tmp_path, "prose", notebook(markdown("Words only."))))
    post = notebook_to_post(source)
    results: dict[str, object] = {}
    execute_posts([(source, post)], 2, lambda source, result: results.__setitem__(source.slug, result))
    assert results == {"prose": post}


def test_two_kernels_execute_notebooks_side_by_side(tmp_path, kernel_template):
    notebooks = {f"nb{n}": notebook(code(f"print({n} * 2)")) for n in range(4)}
    results = run(kernel_template, tmp_path, notebooks, workers=2)
    assert {slug: outputs(post) for slug, post in results.items()} == {f"nb{n}": [[("text", f"{n * 2}\n")]] for n in range(4)}


# Prints and displays of one cell, interleaved: 3000 messages, sent faster than a busy build reads them, three times
# what zmq's queue held by default (with the kernel's IOPub queue back at 1000 messages, 3 runs of 3 lost outputs).
PRINTS = 1500


def printing(count: int) -> nbformat.NotebookNode:
    """Return a notebook whose one cell prints `count` lines and displays `count` HTML snippets, in turn."""
    return notebook(
        code(
            f"from IPython.display import HTML, display\nfor i in range({count}):\n    print(f'line {{i}}')\n    display(HTML(f'<p>html {{i}}</p>'))"
        )
    )


@pytest.mark.slow
def test_every_print_and_display_of_a_cell_reaches_the_page_in_order_on_every_run_on_a_busy_machine(tmp_path, kernel_template):
    # zmq dropped what the kernel's IOPub queue (1000 messages) could not hold, and nbclient what had not
    # arrived 4 s after the cell's end: most runs lost outputs, up to thousands of 6000.
    with busy_cpus():
        results = run(kernel_template, tmp_path, {f"printing{n}": printing(PRINTS) for n in range(3)}, workers=2)
    expected = [pair for i in range(PRINTS) for pair in (("text", f"line {i}\n"), ("html", f"<p>html {i}</p>"))]
    for slug, post in results.items():
        assert not isinstance(post, ContentError), post
        (cell,) = outputs(post)
        counts = {kind: sum(1 for output in cell if output[0] == kind) for kind in ("text", "html")}
        assert counts == {"text": PRINTS, "html": PRINTS}, slug
        assert cell == expected, slug


def test_when_a_later_notebook_on_the_same_worker_fails_then_the_error_still_names_the_line(tmp_path, kernel_template):
    # Each notebook's kernel counts its cells from 1, whatever ran before, so the traceback's `Cell In[N]` is found.
    results = run(
        kernel_template, tmp_path, {"first": notebook(code("x = 1"), code("y = 2")), "second": notebook(code("a = 1\nb = a / 0\nc = 2"))}
    )
    error = results["second"]
    assert isinstance(error, ContentError)
    assert (error.cell, error.line, error.detail) == (2, 2, "ZeroDivisionError: division by zero")


def test_the_working_copy_mirrors_the_folder_with_copies_that_writes_never_reach_and_is_removed_afterwards(tmp_path):
    folder = tmp_path / "notebooks"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "points.csv").write_text("x\n1\n")
    (folder / "post.py").write_text("# %%\n")
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "post-checkpoint.ipynb").write_text("{}")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "table.csv").write_text("y\n2\n")
    (folder / "shared").symlink_to(tmp_path / "shared")
    (folder / "gone.csv").symlink_to(tmp_path / "missing.csv")
    with working_copy(folder) as copy:
        assert copy.name == "notebooks" and copy != folder
        assert sorted(path.relative_to(copy).as_posix() for path in copy.rglob("*")) == [
            "data",
            "data/points.csv",
            "gone.csv",
            "post.py",
            "shared",
        ]
        copied = copy / "data" / "points.csv"
        assert not copied.is_symlink() and copied.read_text() == "x\n1\n"
        copied.write_text("overwritten\n")  # as df.to_csv("data/points.csv") would
        assert (copy / "shared" / "table.csv").read_text() == "y\n2\n"
        (copy / "written.txt").write_text("new")
    assert (folder / "data" / "points.csv").read_text() == "x\n1\n"
    assert not copy.parent.exists()
    assert sorted(path.name for path in folder.iterdir()) == [".ipynb_checkpoints", "data", "gone.csv", "post.py", "shared"]


def test_the_working_copy_leaves_out_the_files_named(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("post.ipynb", "post.py", "other.ipynb", "other.py", "data.csv"):
        (folder / name).write_text("x")
    with working_copy(folder, leave_out={"other.ipynb", "other.py"}) as copy:
        assert sorted(path.name for path in copy.iterdir()) == ["data.csv", "post.ipynb", "post.py"]
