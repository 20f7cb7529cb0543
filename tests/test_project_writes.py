"""Whatever a notebook writes, its build leaves the project's files as they were: `git status` stays clean.

The notebook runs in a mirror of the project whose files `git status` shows are copies (scripts/execute.py,
working_copy): any write through `../`, from Python, a command, a C library or a Python started afresh, changes a copy.
Python's own write by an absolute path is refused (scripts/kernels.py, watch_files). What goes around Python by an
absolute path the build finds by comparing the project's files before and after the run: it stops naming the notebook
and the files (scripts/execute.py, Runs). It puts nothing back: the change may be the author's own, made meanwhile, and
an edit must never be lost. Each project here is a git repository, but the last.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
from pathlib import Path

import pytest
from builders import code, notebook, write_ipynb, write_text

from scripts.bundles import generated_data
from scripts.convert import convert
from scripts.errors import ContentError
from scripts.kernels import KernelTemplate

REFUSED_FIX = (
    "write by a path relative to the notebook's folder ('results.csv', '../figures/f.png'): the build runs "
    "the notebook in a copy of its folder, in a mirror of the project, where such writes change copies"
)
CHANGED_FIX = (
    "write by a path relative to the notebook's folder (`!cp out.csv ../data/x.csv`, `cv2.imwrite('../figures/f.png', …)`), "
    "never by the project's own path: the build runs the notebook in a copy of its folder, in a mirror of the project, "
    "where such writes change copies; then put back what the notebook changed (`git status` and `git checkout -- FILE`) "
    "and run the build again"
)
NOTHING_PUT_BACK = "If you (or another program) changed them meanwhile, run the build again: nothing was put back."


def git(project: Path, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=project, capture_output=True, text=True, check=True).stdout


def git_project(tmp_path: Path, *cells: str) -> Path:
    """Return a project with data/x.csv, data/y.csv and notes.md, and notebooks/post.ipynb made of `cells`, all committed to git."""
    project = tmp_path / "project"
    write_text(project / "data" / "x.csv", "a,b\n1,2\n")
    write_text(project / "data" / "y.csv", "y\n")
    write_text(project / "notes.md", "hand-written\n")
    write_text(project / ".gitignore", "/content/\n")  # the build's output
    write_ipynb(project / "notebooks", "post", notebook(*(code(cell) for cell in cells)))
    git(project, "init", "--quiet")
    commit(project)
    return project


def commit(project: Path) -> None:
    git(project, "add", ".")
    git(project, "-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "--quiet", "-m", "A post")


def build(project: Path, template: KernelTemplate, workers: int = 1, slugs: tuple[str, ...] = ("post",)) -> list[ContentError]:
    """Convert the project's notebooks into content/post/; return the errors."""
    paths = [project / "notebooks" / f"{slug}.ipynb" for slug in slugs]
    return convert(paths, project / "content" / "post", workers, force=True, out=io.StringIO(), template=template)


def texts(project: Path) -> list[str]:
    """Return the text of each output of the post."""
    return [output["text"] for output in generated_data(project / "content" / "post" / "post")["outputs"]]


def hash_of(project: Path, text: str) -> str:
    """Return the id git gives a file holding `text`."""
    return subprocess.run(["git", "hash-object", "--stdin"], input=text, cwd=project, capture_output=True, text=True).stdout.strip()


# Writes that go around Python: a command, a C library's own (as HDF5's or OpenCV's), a Python started afresh (no audit hook).
AROUND_PYTHON = {
    "!cp": "!cp {notes} {x}",
    "os.system": "import os\nstatus = os.system('cp {notes} {x}')",
    "C": "import ctypes, os\nlibc = ctypes.CDLL(None)\nfd = libc.open(b'{x}', os.O_WRONLY | os.O_TRUNC)\n"
    "libc.write(fd, b'hand-written\\n', 13)\nclosed = libc.close(fd)",
    "python": "import subprocess, sys\n"
    "done = subprocess.run([sys.executable, '-c', 'import shutil; shutil.copy(\"{notes}\", \"{x}\")'], check=True)",
}


@pytest.mark.parametrize("cell", AROUND_PYTHON.values(), ids=AROUND_PYTHON.keys())
def test_a_write_around_python_through_a_relative_path_changes_a_copy_and_git_status_stays_clean(
    tmp_path: Path, kernel_template: KernelTemplate, cell: str
):
    project = git_project(tmp_path, cell.format(notes="../notes.md", x="../data/x.csv"), "print(open('../data/x.csv').read())")
    assert build(project, kernel_template) == []
    assert texts(project) == ["hand-written\n\n"]  # the notebook reads back what it wrote
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""
    assert (project / "data" / "x.csv").read_text() == "a,b\n1,2\n"


def test_a_link_of_the_project_leads_to_the_copy_of_its_target(tmp_path: Path, kernel_template: KernelTemplate):
    project = git_project(tmp_path, "!cp ../notes.md ../data/latest.csv\nprint(open('../data/x.csv').read())")
    (project / "data" / "latest.csv").symlink_to("x.csv")
    commit(project)
    assert build(project, kernel_template) == []
    assert texts(project) == ["hand-written\n\n"]
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""


@pytest.mark.parametrize("cell", AROUND_PYTHON.values(), ids=AROUND_PYTHON.keys())
def test_a_write_around_python_into_the_project_by_its_own_path_stops_the_build_naming_the_notebook_and_the_file(
    tmp_path: Path, kernel_template: KernelTemplate, cell: str
):
    project = tmp_path / "project"
    project = git_project(tmp_path, "print('fine')", cell.format(notes=project / "notes.md", x=project / "data" / "x.csv"))
    (error,) = build(project, kernel_template)
    assert (error.kind, error.cell, error.path) == ("project-changed", None, str(project / "notebooks" / "post.ipynb"))
    assert error.message == "the project's files changed while the notebook ran, which a build must never do: data/x.csv (changed)"
    assert error.detail == NOTHING_PUT_BACK
    assert error.fix == CHANGED_FIX
    assert git(project, "status", "--porcelain", "--untracked-files=all") == " M data/x.csv\n"


@pytest.mark.parametrize(
    "cell",
    [
        "open({path!r}, 'w').write('new')",
        "import os\nos.makedirs({path!r})",
        "import pandas as pd\npd.DataFrame({{'a': [1]}}).to_csv({path!r})",
    ],
    ids=["open", "makedirs", "to_csv"],
)
def test_a_new_file_of_the_project_by_its_absolute_path_is_refused_naming_the_cell_and_the_fix(
    tmp_path: Path, kernel_template: KernelTemplate, cell: str
):
    target = tmp_path / "project" / "data" / "new.csv"
    project = git_project(tmp_path, "print('fine')", cell.format(path=str(target)))
    (error,) = build(project, kernel_template)
    assert (error.cell, error.kind, error.message) == (3, "execution", "the cell raised PermissionError")
    assert error.detail == (
        f"PermissionError: [Errno 13] the build keeps the project's files as they are: a notebook may not change one "
        f"by its own path: '{target}'"
    )
    assert error.fix == REFUSED_FIX
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""


def test_every_change_is_named_and_nothing_is_put_back(tmp_path: Path, kernel_template: KernelTemplate):
    project = tmp_path / "project"
    project = git_project(
        tmp_path,
        f"import os\nos.chdir({str(project)!r})\n"
        "os.system('cp notes.md data/x.csv; touch data/new.csv; rm data/y.csv; echo more >> draft.txt; chmod +x notes.md')\n"
        "print('done')",
    )
    write_text(project / "draft.txt", "not committed\n")
    (error,) = build(project, kernel_template)
    assert (error.kind, error.cell) == ("project-changed", None)
    assert error.message == (
        "the project's files changed while the notebook ran, which a build must never do: data/new.csv (created), "
        "data/x.csv (changed), data/y.csv (removed), draft.txt (changed), notes.md (changed)"
    )
    assert (error.detail, error.fix) == (NOTHING_PUT_BACK, CHANGED_FIX)
    assert (project / "data" / "x.csv").read_text() == "hand-written\n"
    assert (project / "notes.md").stat().st_mode & stat.S_IXUSR


def test_an_author_s_save_in_the_notebooks_folder_during_a_run_is_neither_reported_nor_undone(
    tmp_path: Path, kernel_template: KernelTemplate
):
    # The notebook runs in a copy of its folder; the author keeps editing the real one (`make serve`).
    project = git_project(tmp_path)
    other = project / "notebooks" / "_helper.py"
    write_ipynb(
        project / "notebooks",
        "post",
        notebook(code(f"import subprocess\nsubprocess.run(['sh', '-c', 'echo edited > {other}'], check=True)\nprint('fine')")),
    )
    commit(project)
    assert build(project, kernel_template) == []
    assert other.read_text() == "edited\n"


def test_a_change_names_every_notebook_that_ran_meanwhile_once(tmp_path: Path, kernel_template: KernelTemplate):
    signals = tmp_path / "signals"  # outside the project: the notebooks tell each other where they are
    signals.mkdir()
    project = git_project(tmp_path)
    waits = f"import os, time\nwhile not os.path.exists({str(signals / 'written')!r}):\n    time.sleep(0.05)\nprint('waited')"
    writes = f"import os\nos.system('echo changed > {project / 'data' / 'x.csv'}')\nopen({str(signals / 'written')!r}, 'w').close()"
    write_ipynb(project / "notebooks", "waits", notebook(code(waits)))
    write_ipynb(project / "notebooks", "writes", notebook(code(writes)))
    commit(project)
    errors = build(project, kernel_template, workers=2, slugs=("waits", "writes"))
    # Either run may end first: the change is reported once, by that run, naming the other.
    assert len(errors) == 1, errors
    (error,) = errors
    other = {"waits.ipynb": "writes", "writes.ipynb": "waits"}[Path(error.path).name]
    assert error.message == "the project's files changed while the notebook ran, which a build must never do: data/x.csv (changed)"
    assert error.detail.splitlines() == [f"Ran at the same time: {other}, which may have made the change instead.", NOTHING_PUT_BACK]
    assert (project / "data" / "x.csv").read_text() == "changed\n"


def test_python_s_own_writes_through_relative_paths_still_change_copies_and_git_status_stays_clean(
    tmp_path: Path, kernel_template: KernelTemplate
):
    project = git_project(
        tmp_path,
        "import os, pandas as pd\npd.DataFrame({'a': [9]}).to_csv('../data/x.csv', index=False)\n"
        "os.remove('../notes.md')\nos.makedirs('../figures')\nprint(open('../data/x.csv').read(), sorted(os.listdir('..')))",
    )
    assert build(project, kernel_template) == []
    assert texts(project) == ["a\n9\n ['.gitignore', 'data', 'figures', 'notebooks']\n"]
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""
    assert not (project / "figures").exists()
    assert os.path.exists(project / "notes.md")


def test_without_git_every_file_but_caches_and_environments_is_compared(tmp_path: Path, kernel_template: KernelTemplate):
    project = tmp_path / "project"
    write_text(project / "data" / "x.csv", "a,b\n1,2\n")
    write_text(project / ".venv" / "pyvenv.cfg", "home = /usr/bin\n")  # a Python environment: not compared
    cells = (
        f"import os\nos.chdir({str(project)!r})\n"
        "os.system('echo changed > data/x.csv; touch .venv/new; mkdir data/__pycache__; touch data/__pycache__/m.pyc')"
    )
    write_ipynb(project / "notebooks", "post", notebook(code(cells)))
    (error,) = build(project, kernel_template)
    assert error.message == "the project's files changed while the notebook ran, which a build must never do: data/x.csv (changed)"
    assert (error.detail, error.fix) == (NOTHING_PUT_BACK, CHANGED_FIX)
    assert (project / "data" / "x.csv").read_text() == "changed\n"


def test_what_git_ignores_is_linked_and_python_s_writes_through_the_link_change_copies(tmp_path: Path, kernel_template: KernelTemplate):
    project = git_project(
        tmp_path,
        "import os\nprint(os.path.islink('../big'), os.path.islink('../data'))\n"
        "open('../big/weights.bin', 'wb').write(b'trained')\nos.remove('../big/old.bin')\n"
        "print(sorted(os.listdir('../big')), open('../big/weights.bin', 'rb').read())",
    )
    write_text(project / ".gitignore", "/content/\n/big/\n")
    write_text(project / "big" / "weights.bin", "initial")
    write_text(project / "big" / "old.bin", "old")
    commit(project)
    assert build(project, kernel_template) == []
    assert texts(project) == ["True False\n['weights.bin'] b'trained'\n"]
    assert sorted(path.name for path in (project / "big").iterdir()) == ["old.bin", "weights.bin"]
    assert (project / "big" / "weights.bin").read_text() == "initial"
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""
