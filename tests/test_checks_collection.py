"""Which items the plugin collects and how to select them (pytester, collecting only), and that they pass on good posts
(the checks called directly, checks_notebooks.Posts). That pytest-xdist runs them: tests/test_own_blog.py."""

from __future__ import annotations

import io
from pathlib import Path

import jupytext
import pytest
from checks_notebooks import Blog, cell, exercise, post

from scripts.convert import convert

pytest_plugins = ["pytester"]

V1_SCT = 'test_object("a")\ntest_function("print")\nsuccess_msg("Great job!")'
V2_SCT = 'Ex().check_object("total").has_equal_value()\nEx().has_printout(0)\nsuccess_msg("Well done")'
GOOD = post(
    cell("[markdown]", "# Intro"),
    cell("", "import numpy as np\nprint(np.arange(3).sum())"),
    exercise("v1-print", sample="a = ___\nprint(a)", solution="a = 5\nprint(a)", sct=V1_SCT),
    cell("[markdown]", "# Now with numpy:"),
    exercise(
        "v2-total",
        pec="import numpy as np",
        sample="total = ___\nprint(total)",
        solution="total = np.arange(3).sum()\nprint(total)",
        sct=V2_SCT,
    ),
)


@pytest.fixture
def blog(pytester: pytest.Pytester) -> Blog:
    blog = Blog(pytester)
    blog.write("demo", GOOD)
    return blog


def test_each_post_yields_flow_then_each_exercise_s_solution_sct_sample_mutants_then_content(blog):
    result = blog.run("--collect-only", "-q")
    result.stdout.fnmatch_lines(
        [
            "notebooks/demo.py::flow",
            "notebooks/demo.py::v1-print::solution",
            "notebooks/demo.py::v1-print::sct",
            "notebooks/demo.py::v1-print::sample",
            "notebooks/demo.py::v1-print::mutants",
            "notebooks/demo.py::v2-total::solution",
            "notebooks/demo.py::v2-total::sct",
            "notebooks/demo.py::v2-total::sample",
            "notebooks/demo.py::v2-total::mutants",
            "notebooks/demo.py::content",
            "10 tests collected*",
        ]
    )


def test_v1_and_v2_scts_pass_on_their_solutions_fail_on_their_samples_and_on_their_mutants(posts):
    posts.write("demo", GOOD)
    for name in ("v1-print", "v2-total"):
        for check in ("solution", "sct", "sample", "mutants"):
            result = posts.check("demo", name, check)
            assert (result.passed, result.skipped) == (True, None), (name, check, result)


def test_when_a_post_has_both_files_then_it_is_collected_once_under_the_file_named(blog, pytester):
    path = pytester.path / "notebooks" / "demo.py"
    jupytext.write(jupytext.read(path), path.with_suffix(".ipynb"))
    blog.run("--collect-only", "-q").stdout.fnmatch_lines(["notebooks/demo.ipynb::flow", "*", "10 tests collected*"])
    blog.run("--collect-only", "-q", "notebooks/demo.py").stdout.fnmatch_lines(["notebooks/demo.py::flow", "*", "10 tests collected*"])
    blog.run("--collect-only", "-q", "notebooks/demo.ipynb").stdout.fnmatch_lines(
        ["notebooks/demo.ipynb::flow", "*", "10 tests collected*"]
    )


def test_k_name_selects_one_exercise_and_notebook_py_files_are_never_imported(blog, pytester):
    # Importing the notebook as a test module would run this line.
    blog.write("other", post(cell("", "raise SystemExit('imported!')"), exercise("other-one", solution="b = 2")))
    result = blog.run("-k", "v2-total", "--collect-only", "-q")
    assert result.stdout.lines[:5] == [
        "notebooks/demo.py::v2-total::solution",
        "notebooks/demo.py::v2-total::sct",
        "notebooks/demo.py::v2-total::sample",
        "notebooks/demo.py::v2-total::mutants",
        "",
    ]
    result.stdout.fnmatch_lines(["4/13 tests collected (9 deselected)*"])
    assert "imported!" not in result.stdout.str()
    result = blog.run("notebooks/other.py", "-k", "solution", "--collect-only", "-q")
    assert result.stdout.lines[:2] == ["notebooks/other.py::other-one::solution", ""]


def test_whole_posts_pass_including_flow_and_content_when_the_post_is_generated(posts, kernel_template):
    posts.write("demo", GOOD)
    assert convert([Path("notebooks/demo.py")], Path("content/post"), workers=1, out=io.StringIO(), template=kernel_template) == []
    assert posts.flow("demo").passed and posts.content("demo").passed
    for name in ("v1-print", "v2-total"):
        assert posts.items("demo", name) == ["solution", "sct", "sample", "mutants"]
        for check in posts.items("demo", name):
            assert posts.check("demo", name, check).passed, (name, check)


def test_a_flow_cell_tagged_raises_exception_may_raise_and_others_may_not(posts):
    posts.write("cells", post(cell('tags=["raises-exception"]', "1 / 0"), cell("", "x = 1"), cell("", "y = undefined_name")))
    assert str(posts.flow("cells").error) == (
        "notebooks/cells.py, cell 4: the cell raised NameError\n"
        "> 1 | y = undefined_name\n"
        "NameError: name 'undefined_name' is not defined\n"
        "To fix: fix the code, or tag the cell 'raises-exception' if the error is the point"
    )
