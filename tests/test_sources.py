"""Step 1: reading a post's .ipynb and/or paired .py (scripts/sources.py)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import jupytext
import nbformat
import pytest
from builders import REPO, code, markdown, notebook, write_ipynb, write_text
from nbformat.v4 import new_output

from scripts.errors import ContentError
from scripts.sources import check_kernel, find_sources, read_source, slug_of

PY_POST = """\
# ---
# title: A post
# date: 2024-01-31
# ---

# %% [markdown]
# Some prose.

# %% tags=["solution"] exercise="first"
x = 1
"""


def write_pair(folder: Path, slug: str, nb) -> tuple[Path, Path]:
    """Write a notebook and its jupytext py:percent twin; return (ipynb, py)."""
    ipynb = write_ipynb(folder, slug, nb)
    py = folder / f"{slug}.py"
    jupytext.write(nb, py, fmt="py:percent")
    return ipynb, py


def set_mtime(path: Path, seconds: float) -> None:
    os.utime(path, (seconds, seconds))


def test_find_sources_lists_one_path_per_slug_preferring_the_notebook(tmp_path: Path):
    for name in ("b.py", "b.ipynb", "a.py", "c.ipynb", ".hidden.py", "_draft.py"):
        (tmp_path / name).write_text("")
    assert find_sources(tmp_path) == [tmp_path / "a.py", tmp_path / "b.ipynb", tmp_path / "c.ipynb"]


def test_when_only_the_py_file_exists_then_it_is_read(tmp_path: Path):
    source = read_source(write_text(tmp_path / "post.py", PY_POST))
    assert (source.slug, source.ipynb, source.py) == ("post", None, tmp_path / "post.py")
    assert [(cell.cell_type, cell.source) for cell in source.notebook.cells] == [
        ("raw", "---\ntitle: A post\ndate: 2024-01-31\n---"),
        ("markdown", "Some prose."),
        ("code", "x = 1"),
    ]
    assert source.notebook.cells[2].metadata == {"tags": ["solution"], "exercise": "first"}


def test_when_both_files_agree_then_the_notebook_is_read_and_the_pair_named(tmp_path: Path):
    ipynb, py = write_pair(tmp_path, "post", notebook(markdown("Prose"), code("x = 1", "solution")))
    source = read_source(py)
    assert (source.ipynb, source.py, source.path, source.paired) == (ipynb, py, ipynb, py)


def test_when_notebook_is_not_valid_json_then_error_names_file_position_and_fix(tmp_path: Path):
    path = write_text(tmp_path / "post.ipynb", '{"cells": [\n  {"cell_type": "code",\n')
    with pytest.raises(ContentError) as caught:
        read_source(path)
    assert str(caught.value) == (
        f"{path}: not valid JSON: Expecting property name enclosed in double quotes at line 3, column 1\n"
        "To fix: repair the file (a merge conflict or a truncated save is the usual cause)"
    )


def test_when_broken_notebook_has_a_py_twin_then_fix_says_to_rebuild_it_from_the_twin(tmp_path: Path):
    path = write_text(tmp_path / "post.ipynb", "<<<<<<< HEAD\n")
    write_text(tmp_path / "post.py", PY_POST)
    with pytest.raises(ContentError) as caught:
        read_source(path)
    assert caught.value.paired == str(tmp_path / "post.py")
    assert "rebuild it from its paired .py file with `make sync`" in caught.value.fix


@pytest.mark.parametrize("newer", ["py", "ipynb"])
def test_when_pair_disagrees_then_error_says_which_is_newer_and_how_to_sync(tmp_path: Path, newer: str):
    ipynb, py = write_pair(tmp_path, "post", notebook(markdown("Prose"), code("x = 1", "solution")))
    py.write_text(py.read_text().replace("x = 1", "x = 2"))
    set_mtime(ipynb, 1_000_000 if newer == "py" else 2_000_000)
    set_mtime(py, 2_000_000 if newer == "py" else 1_000_000)
    newest, oldest = (py, ipynb) if newer == "py" else (ipynb, py)
    with pytest.raises(ContentError) as caught:
        read_source(ipynb)
    error = caught.value
    assert error.cell == 3
    assert (
        error.message
        == f"post.ipynb and post.py disagree (first at cell 3: 3 cells in the notebook, 3 in the text file); {newest.name} is newer"
    )
    assert error.fix == f"run `make sync` (or `jupytext --sync {newest}`) to update {oldest.name} from the newer {newest.name}"
    assert str(error).startswith(f"{ipynb} (paired: {py}), cell 3: ")


def test_when_pair_differs_only_in_editor_state_then_it_agrees(tmp_path: Path):
    nb = notebook(code("x = 1"))
    ipynb, _ = write_pair(tmp_path, "post", nb)
    nb.cells[1].metadata["collapsed"] = True
    nb.cells[1].execution_count = 7
    write_ipynb(tmp_path, "post", nb)
    assert read_source(ipynb).notebook.cells[1].source == "x = 1"


def test_crlf_and_cr_line_endings_become_lf(tmp_path: Path):
    path = write_ipynb(tmp_path, "post", notebook(code("a = 1\r\nb = 2\rc = 3\r\n")))
    assert read_source(path).notebook.cells[1].source == "a = 1\nb = 2\nc = 3\n"


def test_crlf_py_file_reads_like_its_lf_twin(tmp_path: Path):
    crlf = read_source(write_text(tmp_path / "crlf.py", PY_POST.replace("\n", "\r\n")))
    lf = read_source(write_text(tmp_path / "lf.py", PY_POST))
    assert [cell.source for cell in crlf.notebook.cells] == [cell.source for cell in lf.notebook.cells]
    assert crlf.hash == lf.hash


def test_hash_changes_with_source_tags_and_names_but_not_with_outputs(tmp_path: Path):
    def hash_of(nb) -> str:
        return read_source(write_ipynb(tmp_path, "post", nb)).hash

    base = hash_of(notebook(code("x = 1")))
    assert base.startswith("sha256:") and len(base) == len("sha256:") + 64
    with_output = notebook(code("x = 1"))
    with_output.cells[1].outputs = [new_output("stream", name="stdout", text="saved output")]
    assert hash_of(with_output) == base
    assert hash_of(notebook(code("x = 2"))) != base
    assert hash_of(notebook(code("x = 1", "remove-input"))) != base
    assert hash_of(notebook(code("x = 1", alt="A figure"))) != base


def test_when_neither_file_exists_then_error_says_which_to_create(tmp_path: Path):
    with pytest.raises(ContentError) as caught:
        read_source(tmp_path / "missing.py")
    assert caught.value.message == "no such notebook"
    assert caught.value.fix == f"create {tmp_path / 'missing.ipynb'} or {tmp_path / 'missing.py'}"


def test_when_notebook_is_not_utf8_then_error_names_the_byte_instead_of_crashing(tmp_path: Path):
    path = tmp_path / "post.ipynb"
    path.write_bytes('{"cells": [], "title": "café"}'.encode("latin-1"))
    with pytest.raises(ContentError) as caught:
        read_source(path)
    assert caught.value.message == "not UTF-8 text: byte 0xe9 at offset 27 cannot be decoded"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("My post.ipynb", "my-post"),
        ("Über Netze 2.py", "uber-netze-2"),
        ("02.01-Understanding-Data-Types.ipynb", "02-01-understanding-data-types"),
    ],
)
def test_a_file_name_with_spaces_capitals_or_accents_gives_a_lowercase_ascii_slug(tmp_path: Path, name: str, slug: str):
    path = tmp_path / name
    if path.suffix == ".py":
        write_text(path, PY_POST)
    else:
        write_ipynb(tmp_path, path.stem, notebook(markdown("Prose")))
    assert slug_of(path) == slug
    assert read_source(path).slug == slug


def test_a_file_name_without_latin_letters_or_digits_is_refused_with_a_suggestion(tmp_path: Path):
    path = write_ipynb(tmp_path, "神经网络", notebook(markdown("Prose")))
    with pytest.raises(ContentError) as caught:
        read_source(path)
    assert str(caught.value) == (
        f"{path}: the file name '神经网络.ipynb' has no letters or digits to make the post's address (/post/SLUG/) from\n"
        "To fix: rename the notebook with Latin letters or digits, e.g. `post-1.ipynb`"
    )


LIGHT = """\
# ---
# title: A post
# date: 2024-01-31
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: light
# ---

# Some prose.

# + tags=["solution"]
x = 1
"""


@pytest.mark.parametrize(
    ("text", "what", "fmt"),
    [
        (LIGHT, "in jupytext's light format", "light"),
        (LIGHT.replace("format_name: light", "format_name: nomarker"), "in jupytext's nomarker format", "nomarker"),
        (
            "# ---\n# title: A post\n# date: 2024-01-31\n# ---\n\nimport numpy\n# + tags=['solution']\nx = 1\n",
            "in jupytext's light format",
            "light",
        ),
        ("# ---\n# title: A post\n# date: 2024-01-31\n# ---\n\n# A comment\nprint(1)\n", "a plain Python script", "light"),
    ],
)
def test_a_py_file_without_percent_cell_markers_is_refused_with_the_command_that_converts_it(
    tmp_path: Path, text: str, what: str, fmt: str
):
    path = write_text(tmp_path / "post.py", text)
    with pytest.raises(ContentError) as caught:
        read_source(path)
    assert str(caught.value) == (
        f"{path}: no `# %%` cell markers: this file is {what}, not the percent format, so its cells (and their tags) cannot be read\n"
        f"To fix: convert it (check the cells it makes): .venv/bin/jupytext --from py:{fmt} --to py:percent '{path}' -o '{path}'"
    )


def test_the_suggested_conversion_of_a_light_file_reads_with_its_tags(tmp_path: Path):
    path = write_text(tmp_path / "post.py", LIGHT)
    subprocess.run(
        [str(REPO / ".venv/bin/jupytext"), "--from", "py:light", "--to", "py:percent", str(path), "-o", str(path)],
        check=True,
        capture_output=True,
    )
    cells = read_source(path).notebook.cells
    assert [(cell.cell_type, cell.source, cell.metadata.get("tags")) for cell in cells] == [
        ("raw", "---\ntitle: A post\ndate: 2024-01-31\n---", None),
        ("markdown", "Some prose.", None),
        ("code", "x = 1", ["solution"]),
    ]


def test_a_py_file_with_only_its_front_matter_is_a_post(tmp_path: Path):
    path = write_text(tmp_path / "post.py", "# ---\n# title: A post\n# date: 2024-01-31\n# ---\n")
    assert [cell.cell_type for cell in read_source(path).notebook.cells] == ["raw"]


@pytest.mark.parametrize(
    ("kernelspec", "language_info", "refused"),
    [
        ({"name": "ir", "display_name": "R", "language": "R"}, {"name": "R"}, "R (R)"),
        ({"name": "julia-1.10", "display_name": "Julia 1.10", "language": "julia"}, None, "Julia 1.10 (julia)"),
        (None, {"name": "javascript"}, "javascript (javascript)"),
        ({"name": "python3", "display_name": "Python 3", "language": "python"}, None, None),
        ({"name": "conda-env-nn-py", "display_name": "Python [conda env:nn]", "language": "python"}, None, None),
        (None, None, None),
    ],
)
def test_a_notebook_whose_kernel_is_not_python_is_refused(tmp_path: Path, kernelspec, language_info, refused):
    nb = notebook(code("x <- 1"))
    if kernelspec:
        nb.metadata["kernelspec"] = kernelspec
    if language_info:
        nb.metadata["language_info"] = language_info
    source = read_source(write_ipynb(tmp_path, "post", nb))
    if refused is None:
        check_kernel(source)
        return
    with pytest.raises(ContentError) as caught:
        check_kernel(source)
    assert str(caught.value) == (
        f"{tmp_path / 'post.ipynb'}: the notebook's kernel is {refused}; posts are Python notebooks, run with Python\n"
        "To fix: write the post in Python (Kernel > Change Kernel in Jupyter), or publish it elsewhere"
    )


def test_the_stored_outputs_count_in_the_hash_only_of_a_notebook_that_publishes_them():
    from scripts.sources import source_hash

    def with_output(front: str, text: str) -> nbformat.NotebookNode:
        notebook = nbformat.v4.new_notebook()
        output = nbformat.v4.new_output("stream", name="stdout", text=text)
        notebook.cells = [nbformat.v4.new_raw_cell(front), nbformat.v4.new_code_cell("print(1)", outputs=[output])]
        return notebook

    kept = "---\ntitle: T\ndate: 2024-01-31\nexecute: false\n---"
    run = "---\ntitle: T\ndate: 2024-01-31\n---"
    assert source_hash(with_output(kept, "1\n")) != source_hash(with_output(kept, "2\n"))
    assert source_hash(with_output(run, "1\n")) == source_hash(with_output(run, "2\n"))
