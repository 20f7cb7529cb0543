"""Whatever a notebook writes, its build leaves the project's files as they were: `git status` stays clean.

Python's own writes through `../` change copies (tests/test_boundaries.py). What goes around Python (a subprocess,
a C library, a Python started afresh) Linux refuses where it can confine the kernel (scripts/kernels.py, confine:
Landlock); where it cannot, the build compares the project's files before and after the run, stops naming the
notebook and the files, and puts back what git has (scripts/execute.py, Runs). Each project here is a git repository.
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
from scripts.kernels import KernelTemplate, landlock

CONFINED = landlock()[1] >= 2
needs_landlock = pytest.mark.skipif(not CONFINED, reason="Linux cannot confine a process here (Landlock, Linux 5.19 or later)")
REFUSED_FIX = (
    "write by a path relative to the notebook's folder ('results.csv', '../figures/f.png'): the build runs "
    "the notebook in a copy of its folder, in a mirror of the project, where such writes change copies"
)
UNCONFINED_FIX = (
    "write from Python by a path relative to the notebook's folder (`df.to_csv('../data/x.csv')`, `savefig`), which the "
    "build turns into writes to copies, and save what a command or a library writing from C writes (`!cp`, `cv2.imwrite`, "
    "HDF5, Arrow) into the notebook's folder, which is a copy: here the build cannot stop such writes from reaching the "
    "project (on Linux 5.19 or later with Landlock it refuses them)"
)


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


@pytest.fixture
def unconfined(kernel_template: KernelTemplate, monkeypatch: pytest.MonkeyPatch) -> KernelTemplate:
    """The tests' kernel template, never asking Linux to confine a kernel: as on macOS, or on Linux without Landlock."""
    monkeypatch.setattr(kernel_template, "confine", False)
    return kernel_template


@needs_landlock
def test_linux_refuses_every_process_of_the_notebook_any_change_to_the_project_and_git_status_stays_clean(
    tmp_path: Path, kernel_template: KernelTemplate
):
    project = git_project(
        tmp_path,
        "import ctypes, os, subprocess, sys\n"
        "def run(*command):\n"
        "    done = subprocess.run(command, capture_output=True, text=True)\n"
        "    print(done.returncode, *done.stderr.strip().splitlines()[-1:])",
        "run('cp', '../notes.md', '../data/x.csv')",  # over a committed file
        "run('cp', '../notes.md', '../data/new.csv')",  # a new file
        "run('rm', '../data/y.csv')",
        "run('mkdir', '../data/figures')",
        # The mirror's own entries (links to the project's) are the notebook's, as the copy of its folder is.
        "run('sh', '-c', 'rm ../notes.md; mkdir ../figures; touch ../figures/f.png')",
        # Python started afresh has no audit hook: its own open() goes to the project's file.
        "run(sys.executable, '-c', 'open(\"../data/x.csv\", \"w\")')",
        # A C library's own fopen(), as HDF5's or OpenCV's.
        "libc = ctypes.CDLL(None, use_errno=True)\nprint(libc.fopen(b'../data/x.csv', b'w') == 0, os.strerror(ctypes.get_errno()))",
        "print(os.system('echo changed > ../data/x.csv') != 0, sorted(os.listdir('../data')), sorted(os.listdir('..')))",
    )
    before = git(project, "ls-files", "--stage")
    assert build(project, kernel_template) == []
    assert texts(project) == [
        "1 cp: cannot create regular file '../data/x.csv': Permission denied\n",
        "1 cp: cannot create regular file '../data/new.csv': Permission denied\n",
        "1 rm: cannot remove '../data/y.csv': Permission denied\n",
        "1 mkdir: cannot create directory ‘../data/figures’: Permission denied\n",
        "0\n",
        "1 PermissionError: [Errno 13] Permission denied: '../data/x.csv'\n",
        "True Permission denied\n",
        "True ['x.csv', 'y.csv'] ['.gitignore', 'data', 'figures', 'notebooks']\n",
    ]
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""
    assert git(project, "ls-files", "--stage") == before
    assert (project / "data" / "x.csv").read_text() == "a,b\n1,2\n"


@pytest.mark.parametrize("confine", [True, False], ids=["confined", "unconfined"])
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
    tmp_path: Path, kernel_template: KernelTemplate, monkeypatch: pytest.MonkeyPatch, cell: str, confine: bool
):
    if confine and not CONFINED:
        pytest.skip("Linux cannot confine a process here")
    monkeypatch.setattr(kernel_template, "confine", confine)
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


@needs_landlock
def test_a_c_library_refused_a_write_to_the_project_gets_the_fix_naming_the_notebooks_folder(
    tmp_path: Path, kernel_template: KernelTemplate
):
    opens = (
        "import ctypes, os\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "if libc.open(b'../data/x.csv', os.O_WRONLY) < 0:  # as a C library opens a file\n"
        "    error = ctypes.get_errno()\n"
        "    raise OSError(error, os.strerror(error), '../data/x.csv')"
    )
    project = git_project(tmp_path, opens)
    (error,) = build(project, kernel_template)
    assert (error.cell, error.line, error.detail) == (2, 5, "PermissionError: [Errno 13] Permission denied: '../data/x.csv'")
    assert error.fix == (
        "if the path is in the project, write the file into the notebook's folder instead ('out.h5'), which is a copy: "
        "the build refuses the notebook every change to the project's files but Python's own writes by a path relative "
        "to its folder (`to_csv('../data/x.csv')`), which change copies; else fix the code, or tag the cell 'raises-exception' if "
        "the error is the point"
    )
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""


@needs_landlock
def test_a_new_folder_beside_the_project_is_refused_naming_why_and_the_fix(tmp_path: Path, kernel_template: KernelTemplate):
    # As seaborn makes ~/seaborn-data for a project in ~/blog: Landlock cannot grant a folder but one of its entries.
    beside = tmp_path / "seaborn-data"
    project = git_project(tmp_path, f"import os\nos.makedirs({str(beside)!r}, exist_ok=True)")
    (error,) = build(project, kernel_template)
    assert error.detail == (
        "PermissionError: [Errno 13] the build lets a notebook add or remove files only inside folders that existed when it "
        f"started, not in a folder the project is in ({tmp_path}): '{beside}'"
    )
    assert error.fix == (
        "create the folder before the build (`mkdir -p ~/seaborn-data`, say, for a library's data folder), "
        "or have the code write into a folder that exists"
    )
    assert not beside.exists()
    # Made before the build, it is the notebook's to write in.
    beside.mkdir()
    write_ipynb(project / "notebooks", "post", notebook(code(f"open({str(beside / 'tips.csv')!r}, 'w').write('x')\nprint('saved')")))
    assert build(project, kernel_template) == []
    assert (beside / "tips.csv").read_text() == "x"


@needs_landlock
def test_a_mode_a_command_changes_which_linux_does_not_refuse_is_put_back_and_stops_the_build(
    tmp_path: Path, kernel_template: KernelTemplate
):
    project = git_project(tmp_path, "import subprocess\nsubprocess.run(['chmod', '+x', '../data/x.csv'], check=True)")
    (error,) = build(project, kernel_template)
    assert (error.kind, error.cell, error.path) == ("project-changed", None, str(project / "notebooks" / "post.ipynb"))
    assert error.message == "the project's files changed while the notebook ran, which a build must never do: data/x.csv (mode changed)"
    assert error.detail == "data/x.csv: its mode put back."
    assert error.fix == (
        "change no file's mode (`chmod`) outside the notebook's folder: Linux lets the build refuse the notebook every "
        "other change to the project's files, not that one"
    )
    assert not (project / "data" / "x.csv").stat().st_mode & stat.S_IXUSR
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""


def test_where_linux_cannot_confine_the_kernel_a_change_stops_the_build_and_what_git_has_is_put_back(
    tmp_path: Path, unconfined: KernelTemplate
):
    project = git_project(
        tmp_path,
        "import os\n"
        "os.system('cp ../notes.md ../data/x.csv; touch ../data/new.csv; rm ../data/y.csv; echo more >> ../draft.txt')\n"
        "print('done')",
    )
    write_text(project / "draft.txt", "not committed\n")  # a file git does not have: it cannot be put back
    (error,) = build(project, unconfined)
    written = subprocess.run(
        ["git", "hash-object", "--stdin"], input="hand-written\n", cwd=project, capture_output=True, text=True
    ).stdout.strip()
    assert (error.kind, error.cell) == ("project-changed", None)
    assert error.message == (
        "the project's files changed while the notebook ran, which a build must never do: data/new.csv (created), "
        "data/x.csv (changed), data/y.csv (removed), draft.txt (changed)"
    )
    assert error.detail == (
        f"data/x.csv: put back from git (what the run wrote is kept: `git cat-file blob {written[:12]}`).\n"
        "data/y.csv: put back from git.\n"
        "Left as they are now: data/new.csv, draft.txt."
    )
    assert error.fix == (
        f"{UNCONFINED_FIX}; then put back or remove data/new.csv, draft.txt (`git status` shows them) and run the build again"
    )
    assert git(project, "cat-file", "blob", written[:12]) == "hand-written\n"
    assert (project / "data" / "x.csv").read_text() == "a,b\n1,2\n"
    assert (project / "data" / "y.csv").read_text() == "y\n"
    assert git(project, "status", "--porcelain", "--untracked-files=all") == "?? data/new.csv\n?? draft.txt\n"


def test_where_linux_cannot_confine_the_kernel_a_change_names_every_notebook_that_ran_meanwhile_once(
    tmp_path: Path, unconfined: KernelTemplate
):
    signals = tmp_path / "signals"  # outside the project: the notebooks tell each other where they are
    signals.mkdir()
    project = git_project(tmp_path)
    waits = f"import os, time\nwhile not os.path.exists({str(signals / 'written')!r}):\n    time.sleep(0.05)\nprint('waited')"
    writes = f"import os\nos.system('echo changed > ../data/x.csv')\nopen({str(signals / 'written')!r}, 'w').close()"
    write_ipynb(project / "notebooks", "waits", notebook(code(waits)))
    write_ipynb(project / "notebooks", "writes", notebook(code(writes)))
    commit(project)
    errors = build(project, unconfined, workers=2, slugs=("waits", "writes"))
    # Either run may end first: the change is reported once, by that run, naming the other.
    assert len(errors) == 1, errors
    (error,) = errors
    other = {"waits.ipynb": "writes", "writes.ipynb": "waits"}[Path(error.path).name]
    assert error.message == "the project's files changed while the notebook ran, which a build must never do: data/x.csv (changed)"
    assert error.detail.splitlines()[0] == f"Ran at the same time: {other}, which may have made the change instead."
    assert (project / "data" / "x.csv").read_text() == "a,b\n1,2\n"
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""


def test_the_kernels_temporary_folder_is_its_run_s_and_goes_with_it(tmp_path: Path, kernel_template: KernelTemplate):
    project = git_project(tmp_path, "import os, tempfile\nfd, path = tempfile.mkstemp()\nos.write(fd, b'x')\nprint(path)")
    assert build(project, kernel_template) == []
    (path,) = texts(project)
    assert Path(path.strip()).parent.name == "tmp"
    assert Path(path.strip()).parent.parent.name.startswith("blog-run-")
    assert not Path(path.strip()).exists()
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""


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


def test_without_git_every_file_but_caches_and_environments_is_compared_and_none_is_put_back(tmp_path: Path, unconfined: KernelTemplate):
    project = tmp_path / "project"
    write_text(project / "data" / "x.csv", "a,b\n1,2\n")
    write_text(project / ".venv" / "pyvenv.cfg", "home = /usr/bin\n")  # a Python environment: not compared
    cells = (
        "import os\n"
        "os.system('echo changed > ../data/x.csv; touch ../.venv/new; mkdir ../data/__pycache__; touch ../data/__pycache__/m.pyc')"
    )
    write_ipynb(project / "notebooks", "post", notebook(code(cells)))
    (error,) = build(project, unconfined)
    assert error.message == "the project's files changed while the notebook ran, which a build must never do: data/x.csv (changed)"
    assert error.detail == "Left as they are now: data/x.csv."
    assert (project / "data" / "x.csv").read_text() == "changed\n"
