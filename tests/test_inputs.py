"""Step 8: the files a post is made from besides its notebook, and the make rule that watches them (scripts/inputs.py)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from builders import REPO, code, notebook, write_ipynb, write_text

from scripts.errors import ContentError
from scripts.inputs import depfile_text, file_hash, helper_modules, input_folders, inputs_of
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
