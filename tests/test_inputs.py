"""Step 8: the files a post is made from besides its notebook, and the make rule that watches them (scripts/inputs.py)."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import REPO, code, markdown, notebook, write_ipynb, write_text

from scripts.bundles import generated_data
from scripts.convert import convert
from scripts.errors import ContentError
from scripts.inputs import depfile_text, file_hash, helper_modules, input_folders, inputs_of, with_earlier_reads
from scripts.kernels import KernelTemplate
from scripts.model import Code, Post
from scripts.sources import read_source


def post_with(tmp_path: Path, *sources: str, inputs: list[str] | None = None, attachments: dict[str, bytes] | None = None):
    """Return the source and post of `tmp_path/post.ipynb` with these code cells and front matter `inputs`."""
    source = read_source(write_ipynb(tmp_path, "post", notebook(*(code(text) for text in sources))))
    front = {"title": "T", "date": dt.date(2024, 1, 31)} | ({"inputs": inputs} if inputs else {})
    blocks = [Code(number, text) for number, text in enumerate(sources, start=2)]
    return source, Post("post", front, blocks, attachments=attachments or {})


def test_helper_modules_imported_by_code_cells_and_by_other_helpers_are_found(tmp_path: Path):
    write_text(tmp_path / "_plots.py", "import _style\nfrom numpy import pi\n")
    write_text(tmp_path / "_style.py", "COLOR = 'k'\n")
    write_text(tmp_path / "_unused.py", "")
    write_text(tmp_path / "_data.py", "")
    codes = ["import numpy as np\nimport _plots", "%matplotlib inline\nfrom _data import load", "import _missing"]
    assert helper_modules(tmp_path, codes) == [tmp_path / "_data.py", tmp_path / "_plots.py", tmp_path / "_style.py"]


def test_inputs_are_the_listed_files_the_helpers_and_the_attached_files_each_with_the_hash_of_its_bytes(tmp_path: Path):
    write_text(tmp_path / "data" / "a.csv", "1\n")
    write_text(tmp_path / "data" / "b.csv", "2\n")
    write_text(tmp_path / "data" / "raw" / "c.txt", "3\n")
    write_text(tmp_path / "notes.txt", "n\n")
    write_text(tmp_path / "_helper.py", "X = 1\n")
    source, post = post_with(
        tmp_path, "import _helper", inputs=["data/*.csv", "data/raw", "notes.txt"], attachments={"images/x.png": b"png"}
    )
    assert inputs_of(source, post) == {
        "_helper.py": file_hash(b"X = 1\n"),
        "data/a.csv": file_hash(b"1\n"),
        "data/b.csv": file_hash(b"2\n"),
        "data/raw/c.txt": file_hash(b"3\n"),
        "images/x.png": file_hash(b"png"),
        "notes.txt": file_hash(b"n\n"),
    }
    assert input_folders(tmp_path, ["data/*.csv", "data/raw", "notes.txt"]) == [
        tmp_path / "data",
        tmp_path / "data" / "raw",
        tmp_path / "data" / "raw",
    ]


def test_an_input_that_matches_no_file_is_an_error_on_the_front_matter(tmp_path: Path):
    source, post = post_with(tmp_path, "x = 1", inputs=["data/*.csv"])
    with pytest.raises(ContentError) as caught:
        inputs_of(source, post)
    assert str(caught.value) == (
        f"{tmp_path / 'post.ipynb'}, cell 1: `inputs`: 'data/*.csv' matches no file in {tmp_path}/\n"
        f"To fix: list the files the code reads, relative to {tmp_path}/ (e.g. `inputs: [data/points.csv]`)"
    )


def test_the_make_rule_escapes_spaces_and_lists_each_file_as_a_target_of_its_own():
    text = depfile_text("build/converted.stamp", ["notebooks/My post.py", "notebooks/data/a#1.csv", "notebooks/$x.csv"])
    assert text == (
        "build/converted.stamp: \\\n"
        "  notebooks/My\\ post.py \\\n"
        "  notebooks/data/a\\#1.csv \\\n"
        "  notebooks/$$x.csv \\\n"
        "\n"
        "notebooks/My\\ post.py:\n"
        "notebooks/data/a\\#1.csv:\n"
        "notebooks/$$x.csv:\n"
    )


@pytest.fixture
def make_project(tmp_path: Path) -> Path:
    """A project with the repository's Makefile, converted once: its stamp and rule are up to date."""
    shutil.copy(REPO / "Makefile", tmp_path / "Makefile")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / ".installed").touch()
    (tmp_path / "requirements.txt").touch()
    write_text(tmp_path / "notebooks" / "My post.py", "# ---\n# title: T\n# date: 2024-01-31\n# inputs: [data/points.csv]\n# ---\n")
    write_text(tmp_path / "notebooks" / "data" / "points.csv", "1,2\n")
    write_text(tmp_path / "notebooks" / "images" / "x.png", "png")
    files = ["notebooks/My post.py", "notebooks/data/points.csv", "notebooks/images/x.png"]
    write_text(tmp_path / "build" / "converted.d", depfile_text("build/converted.stamp", files))
    past = 1_000_000_000
    for path in [
        *(tmp_path / file for file in files),
        tmp_path / "notebooks",
        tmp_path / "requirements.txt",
        tmp_path / ".venv" / ".installed",
    ]:
        os.utime(path, (past, past))
    (tmp_path / "build" / "converted.stamp").touch()
    return tmp_path


def is_up_to_date(project: Path) -> bool:
    """Does make consider the converted posts up to date (`make -q`)?"""
    result = subprocess.run(["make", "-q", "build/converted.stamp"], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode == 0


@pytest.mark.parametrize("changed", ["notebooks/data/points.csv", "notebooks/images/x.png", "notebooks/My post.py"])
def test_make_converts_again_when_a_data_file_an_image_or_a_notebook_with_a_space_changes(make_project: Path, changed: str):
    assert is_up_to_date(make_project)
    os.utime(make_project / changed)
    assert not is_up_to_date(make_project)


def test_make_converts_again_when_an_input_is_deleted_and_with_force(make_project: Path):
    assert not subprocess.run(["make", "-q", "build/converted.stamp", "FORCE=1"], cwd=make_project, check=False).returncode == 0
    (make_project / "notebooks" / "data" / "points.csv").unlink()
    assert not is_up_to_date(make_project)


# -- files the code reads without `inputs` naming them: the run records them -----------------------------------------


@pytest.fixture
def build(kernel_template: KernelTemplate) -> Callable[..., tuple[str, dict]]:
    """Return build(folder, force=False), which converts every notebook in `folder/notebooks` into `folder/posts`, with a make
    rule, and returns the progress and the post's data."""

    def build(folder: Path, force: bool = False) -> tuple[str, dict]:
        out = io.StringIO()
        notebooks = sorted((folder / "notebooks").glob("*.ipynb"))
        errors = convert(
            notebooks, folder / "posts", 1, force=force, out=out, depfile=(folder / "converted.d", "stamp"), template=kernel_template
        )
        assert errors == [], errors
        return out.getvalue(), generated_data(folder / "posts" / "post") or {}

    return build


def test_when_a_data_file_the_code_reads_without_listing_it_changes_then_the_next_build_runs_the_post_again_and_says_why(
    build, kernel_template, tmp_path: Path
):
    notebooks = tmp_path / "notebooks"
    write_text(notebooks / "data.csv", "x,y\n1,2\n")
    write_ipynb(notebooks, "post", notebook(code("import pandas as pd\nprint(pd.read_csv('data.csv').iloc[-1].tolist())")))
    log, data = build(tmp_path)
    assert "post: executed in " in log
    assert data["inputs"] == {"data.csv": file_hash(b"x,y\n1,2\n")}
    assert f"  {notebooks / 'data.csv'} \\\n" in (tmp_path / "converted.d").read_text()

    assert build(tmp_path)[0] == "[1/1] post: unchanged\n"
    write_text(notebooks / "data.csv", "x,y\n3,4\n")
    log, data = build(tmp_path)
    assert "post: executed in " in log and " s (data.csv changed)\n" in log
    assert data["outputs"][0]["text"] == "[3, 4]\n"
    assert data["inputs"] == {"data.csv": file_hash(b"x,y\n3,4\n")}
    assert f"  {notebooks / 'data.csv'} \\\n" in (tmp_path / "converted.d").read_text()

    (notebooks / "data.csv").unlink()  # the run fails, as it should: it is not taken for up to date
    out = io.StringIO()
    (error,) = convert([notebooks / "post.ipynb"], tmp_path / "posts", 1, out=out, template=kernel_template)
    assert "(data.csv changed)" not in out.getvalue() and error.kind == "execution" and "FileNotFoundError" in error.detail


def test_the_notebooks_own_files_its_helpers_and_the_files_it_wrote_before_reading_them_are_not_recorded_as_read(build, tmp_path: Path):
    notebooks = tmp_path / "notebooks"
    write_text(notebooks / "_helper.py", "X = 1\n")
    write_text(notebooks / "data" / "a.txt", "a\n")
    write_text(notebooks / "data" / "b.bin", "b")
    write_text(notebooks / "listed.txt", "listed\n")
    write_text(notebooks / "overwritten.csv", "committed\n")
    write_text(notebooks / "unread.txt", "never read\n")
    front = "---\ntitle: T\ndate: 2024-01-31\ninputs: [listed.txt]\n---"
    cells = [
        "import os, numpy as np, _helper\nopen('post.ipynb').read()\nopen('listed.txt').read()",
        "open('overwritten.csv', 'w').write('mine\\n')\nopen('overwritten.csv').read()",
        "open('made.txt', 'w').write('new')\nopen('made.txt').read()",
        "os.chdir('data')\nprint(open('a.txt').read(), end='')\nos.close(os.open(os.path.abspath('b.bin'), os.O_RDONLY))",
        "open('/etc/hostname').read() if os.path.exists('/etc/hostname') else None",
    ]
    write_ipynb(notebooks, "post", notebook(*(code(cell) for cell in cells), front_matter=front))
    log, data = build(tmp_path)
    assert data["inputs"] == {
        "_helper.py": file_hash(b"X = 1\n"),
        "data/a.txt": file_hash(b"a\n"),
        "data/b.bin": file_hash(b"b"),
        "listed.txt": file_hash(b"listed\n"),
    }
    before = (tmp_path / "posts" / "post" / "index.md").read_bytes()
    build(tmp_path, force=True)
    assert (tmp_path / "posts" / "post" / "index.md").read_bytes() == before  # the recorded reads are the same on every run


def test_an_earlier_read_is_hashed_again_and_one_that_is_gone_is_left_out(tmp_path: Path):
    write_text(tmp_path / "data.csv", "new\n")
    source, post = post_with(tmp_path, "import _helper")
    recorded = {"data.csv": file_hash(b"old\n"), "gone.csv": file_hash(b"gone\n")}
    assert with_earlier_reads(source, post, recorded).inputs == {"data.csv": file_hash(b"new\n")}


def test_make_serves_reuse_of_the_last_runs_outputs_ends_when_a_file_the_code_read_changes(kernel_template, tmp_path: Path):
    notebooks, executed = tmp_path / "notebooks", {}
    write_text(notebooks / "data.csv", "1\n")

    def save(text: str) -> str:
        """Save the notebook with this markdown, convert it as `make serve` does; return the progress line."""
        write_ipynb(notebooks, "post", notebook(markdown(text), code("print(open('data.csv').read(), end='')")))
        out = io.StringIO()
        assert convert([notebooks / "post.ipynb"], tmp_path / "posts", 1, out=out, executed=executed, template=kernel_template) == []
        return out.getvalue().splitlines()[-1]

    assert "post: executed in " in save("a")
    assert save("b") == "[1/1] post: converted (code unchanged: outputs of its last run)"
    write_text(notebooks / "data.csv", "2\n")
    assert save("c").endswith(" s (data.csv changed)")
    assert generated_data(tmp_path / "posts" / "post")["outputs"][0]["text"] == "2\n"
