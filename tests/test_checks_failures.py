"""Each way an exercise or a post can be broken, and the message the author reads: the checks called directly
(checks_notebooks.Posts), and pytest's report of a failure and of a crash of the checks (pytester)."""

from __future__ import annotations

import io
import time
from pathlib import Path

import jupytext
import pytest
from checks_notebooks import Blog, cell, exercise, post

from scripts.checks import exercise_checks
from scripts.checks.results import guarded
from scripts.convert import convert

pytest_plugins = ["pytester"]

TOTAL_SCT = 'Ex().check_object("total").has_equal_value()'
TIMEOUT_FIX = (
    "To fix: look for an endless loop; if the code is just slow, raise the exercise's `timeout` setting "
    "(seconds; or `timeout` in the front matter for the whole notebook)"
)


@pytest.fixture
def blog(pytester: pytest.Pytester) -> Blog:
    return Blog(pytester)


def test_when_the_solution_raises_then_its_line_is_shown_numbered_as_in_the_cell(posts):
    solution = """
        total = np.arange(3).sum()
        ratio = total / 0
        big = 1 // 0
        print(ratio)
    """
    posts.write("demo", post(exercise("divide", pec="import numpy as np", solution=solution)))
    assert str(posts.check("demo", "divide", "solution").error) == (
        "notebooks/demo.py, cell 3, exercise 'divide': the solution raised ZeroDivisionError\n"
        "  1 | total = np.arange(3).sum()\n"
        "  2 | ratio = total / 0\n"
        "> 3 | big = 1 // 0\n"
        "  4 | print(ratio)\n"
        "ZeroDivisionError: integer division or modulo by zero\n"
        "To fix: fix the solution; each exercise runs in a fresh Python session: the pre-exercise code, then the reader's code"
    )


def test_when_the_solution_uses_a_variable_of_another_cell_then_the_fresh_session_is_named(posts):
    posts.write(
        "demo",
        post(cell("", "data = [1, 2, 3]"), exercise("uses-data", pec="import numpy as np", solution="total = sum(data)", sct=TOTAL_SCT)),
    )
    # The notebook runs top to bottom (flow passes); the exercise alone does not (solution, sct, mutants).
    assert posts.flow("demo").passed
    raised = (
        "> 1 | total = sum(data)\n"
        "NameError: name 'data' is not defined\n"
        "`data` is defined in cell 2 of the notebook, but the exercise does not see other cells.\n"
        "To fix: define or import `data` in the exercise's pre-exercise code (cell 3)"
    )
    headline = "notebooks/demo.py, cell 4, exercise 'uses-data': the solution raised NameError"
    assert str(posts.check("demo", "uses-data", "solution").error) == f"{headline}\n{raised}"
    assert str(posts.check("demo", "uses-data", "sct").error) == f"{headline}, so the SCT cannot be checked\n{raised}"
    assert str(posts.check("demo", "uses-data", "mutants").error) == f"{headline}, so its mutants cannot be checked\n{raised}"


def test_when_the_sct_fails_on_the_solution_then_pythonwhat_feedback_and_the_sct_line_are_shown(posts):
    sct = """
        Ex().check_object("a").has_equal_value()
        Ex().check_object("a").has_equal_value(override=4)
    """
    posts.write("demo", post(exercise("wrong-sct", sample="a = ___", solution="a = 5", sct=sct)))
    assert str(posts.check("demo", "wrong-sct", "sct").error) == (
        "notebooks/demo.py, cell 4, exercise 'wrong-sct': the SCT fails on the solution\n"
        '  1 | Ex().check_object("a").has_equal_value()\n'
        '> 2 | Ex().check_object("a").has_equal_value(override=4)\n'
        "pythonwhat's feedback: Did you correctly define the variable `a`? Expected `4`, but got `5`.\n"
        "To fix: fix the SCT (or the solution): submitting the solution must pass"
    )


def test_when_the_sample_already_passes_its_sct_then_the_exercise_is_broken(posts):
    posts.write("demo", post(exercise("run-this", sample="x = 1", solution="x = 1", sct='Ex().check_object("x").has_equal_value()')))
    assert str(posts.check("demo", "run-this", "sct").error) == (
        "notebooks/demo.py, cell 2, exercise 'run-this': the sample code already passes the SCT\n"
        "pythonwhat's feedback on the untouched sample: Great work!\n"
        "To fix: make the SCT check what the reader has to change, or set `sample-may-pass: true` on the exercise "
        "if it is a pure 'run this' exercise"
    )


def test_when_sample_may_pass_is_set_then_a_passing_sample_is_fine(posts):
    sct = 'Ex().check_object("x").has_equal_value()'
    posts.write("demo", post(exercise("run-this", sample="x = 1", solution="x = 1", sct=sct, sample_may_pass=True)))
    assert posts.check("demo", "run-this", "sct").passed


def test_when_the_sample_has_a_syntax_error_then_it_does_not_compile_but_blanks_do(posts):
    posts.write(
        "demo",
        post(
            exercise("broken-sample", sample="a = (___\nprint(a)", solution="a = 5\nprint(a)"),
            exercise("blanks", sample="a = ___\nprint(___)", solution="a = 5\nprint(a)"),
        ),
    )
    assert str(posts.check("demo", "broken-sample", "sample").error) == (
        "notebooks/demo.py, cell 2, exercise 'broken-sample': the sample code does not compile\n"
        "> 1 | a = (___\n"
        "  2 | print(a)\n"
        "SyntaxError: '(' was never closed\n"
        "To fix: fix the syntax; blanks for the reader must be valid names such as `___`"
    )
    assert posts.check("demo", "blanks", "sample").passed


def test_when_the_solution_loops_forever_then_it_times_out_naming_the_exercise(posts):
    posts.write("demo", post(exercise("endless", solution="while True:\n    pass", sct="Ex().has_no_error()", timeout=1)))
    started = time.monotonic()
    solution, sct = posts.check("demo", "endless", "solution"), posts.check("demo", "endless", "sct")
    assert time.monotonic() - started < 30
    timed_out = "notebooks/demo.py, cell 2, exercise 'endless': timed out after 1 s running the pre-exercise code and the solution"
    assert str(solution.error) == f"{timed_out}\n{TIMEOUT_FIX}"
    assert str(sct.error) == f"{timed_out}, so the SCT cannot be checked\n{TIMEOUT_FIX}"
    # The notebook itself never runs the exercise; `while True: pass` has no mutants; no post was generated yet.
    assert posts.flow("demo").passed
    assert posts.check("demo", "endless", "mutants").skipped.startswith("the solution has no mutants")
    assert str(posts.content("demo").error) == (
        "notebooks/demo.py: content/post/demo/ is not what the pipeline generates from this notebook\n"
        "content/post/demo/ does not exist\n"
        "To fix: run `make convert` and commit content/post/demo/"
    )


def test_when_the_front_matter_sets_a_timeout_then_exercises_get_it(posts):
    header = "# ---\n# title: Demo\n# date: 2026-01-31\n# timeout: 0.5\n# ---\n"
    posts.write("demo", post(exercise("slow", solution="import time\ntime.sleep(5)"), header=header))
    assert str(posts.check("demo", "slow", "solution").error) == (
        f"notebooks/demo.py, cell 2, exercise 'slow': timed out after 0.5 s running the pre-exercise code and the solution\n{TIMEOUT_FIX}"
    )


def test_when_the_post_on_disk_drifts_from_its_notebook_then_the_first_differing_line_is_shown(posts, kernel_template):
    path = posts.write("demo", post(cell("[markdown]", "# Hello\n#\n# Some prose."), cell("", "print(6 * 7)")))
    assert convert([Path("notebooks/demo.py")], Path("content/post"), workers=1, out=io.StringIO(), template=kernel_template) == []
    assert posts.content("demo").passed

    index = posts.root / "content/post/demo/index.md"
    lines = index.read_text().split("\n")
    number = lines.index("Some prose.") + 1
    index.write_text(index.read_text().replace("Some prose.", "Some edited prose."))
    assert str(posts.content("demo").error) == (
        "notebooks/demo.py: content/post/demo/ is not what the pipeline generates from this notebook\n"
        f"index.md differs first at line {number}:\n"
        "  generated: 'Some prose.'\n"
        "  on disk:   'Some edited prose.'\n"
        "To fix: run `make site FORCE=1` and commit content/post/demo/ (generated posts are never edited by hand)"
    )
    path.write_text(path.read_text().replace("6 * 7", "6 * 9"))
    drift = str(posts.content("demo").error)
    assert (
        "the notebook has changed since the post was generated (the recorded source hash differs)\nindex.md differs first at line " in drift
    )
    assert "\n  generated: '    { cell = 3, text = \"print(6 * 9)\", collapsed = false },'\n" in drift
    assert drift.endswith("To fix: run `make convert` and commit content/post/demo/")


def test_when_the_ipynb_and_py_disagree_then_the_content_check_names_both_and_the_fix(blog):
    # The post cannot be read, so it has no other item: its content item reports why.
    path = blog.write("demo", post(exercise("one", solution="a = 1")))
    notebook = jupytext.read(path)
    notebook.cells[1].source = "a = 2"
    jupytext.write(notebook, path.with_suffix(".ipynb"))
    result = blog.run()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ demo::content _*",
            "notebooks/demo.ipynb (paired: notebooks/demo.py), cell 2: demo.ipynb and demo.py disagree (first at cell 2: *); demo.ipynb is newer",
            "To fix: run `make sync` (or `jupytext --sync notebooks/demo.ipynb`) to update demo.py from the newer demo.ipynb",
        ]
    )


def test_a_failure_is_reported_under_slug_exercise_and_check_with_the_author_s_message_alone(blog):
    # Neither check needs a session: the Python version is read from the code, and the sample is compiled here.
    solution = "if (n := 3) > 2:\n    total = n"
    blog.write("demo", post(exercise("newer", solution=solution, sample="total = ___", sct=TOTAL_SCT)))
    result = blog.run("-k", "solution or sample")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ demo::newer::solution _*",
            "notebooks/demo.py, cell 3, exercise 'newer': the solution uses named expressions (Python 3.8 and later); "
            "DataCamp Light runs exercises on Python 3.6",
            "> 1 | if (n := 3) > 2:",
            "  2 |     total = n",
            "the solution (cell 3), line 1: named expressions (Python 3.8 and later)",
            "To fix: write it for Python 3.6 (docs/runtime.md)*",
            "*= short test summary info =*",
            "FAILED notebooks/demo.py::newer::solution - *",
        ]
    )
    assert "Traceback" not in result.stdout.str() and "scripts/checks" not in result.stdout.str()


def test_when_the_checks_themselves_crash_then_the_report_says_so_with_the_traceback(blog, monkeypatch):
    def broken_check(source, exercise):
        return {}[exercise.name]  # a bug in the checks

    monkeypatch.setattr(exercise_checks, "check_sample", guarded(broken_check))
    blog.write("demo", post(exercise("fine", sample="a = ___", solution="a = 1")))
    result = blog.run("-k", "sample")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ demo::fine::sample _*",
            "INTERNAL ERROR in the exercise checks (a bug in scripts/checks, not in the notebook):",
            "Traceback (most recent call last):",
            "*in broken_check*",
            "KeyError: 'fine'",
        ]
    )


def test_when_the_runtime_s_side_of_the_checks_crashes_then_the_check_says_so_not_the_author_s_code(posts, monkeypatch):
    real_job = exercise_checks.exercise_job

    def broken_job(*args, **kwargs):
        job = real_job(*args, **kwargs)
        del job.check["solution"]  # a bug in what the checks ask of the runtime
        return job

    monkeypatch.setattr(exercise_checks, "exercise_job", broken_job)
    posts.write("demo", post(exercise("fine", solution="a = 1")))
    result = posts.check("demo", "fine", "solution")
    assert result.error is None
    assert "RuntimeError: the isolated session for exercise 'fine' crashed:\nTraceback (most recent call last):\n" in result.internal
    assert "in check_exercise\n" in result.internal
    assert result.internal.rstrip().endswith("KeyError: 'solution'")


def test_when_an_exercise_imports_a_package_that_is_not_installed_then_one_line_says_so(posts):
    posts.write(
        "demo",
        post(
            exercise("images", pec="import skimage", solution="x = 1", sct=TOTAL_SCT),
            exercise("missing", pec="import numpy as np", solution="import not_a_package_here\ntotal = 1", sct=TOTAL_SCT),
        ),
    )
    images = (
        "notebooks/demo.py, cell 2, exercise 'images': the pre-exercise code imports `skimage`, "
        "and package scikit-image is not in the exercise runtime\n"
        "> 1 | import skimage\n"
        "ModuleNotFoundError: No module named 'skimage'\n"
        "To fix: add `scikit-image==VERSION` to runtime/packages.txt (a version that installs on Python 3.6), "
        "then `make lock-runtime`: the page pins it for DataCamp Light and the checks install it"
    )
    missing = (
        "notebooks/demo.py, cell 6, exercise 'missing': the solution imports `not_a_package_here`, "
        "and package not-a-package-here is not in the exercise runtime\n"
        "> 1 | import not_a_package_here\n"
        "  2 | total = 1\n"
        "ModuleNotFoundError: No module named 'not_a_package_here'\n"
        "To fix: add `not-a-package-here==VERSION` to runtime/packages.txt (a version that installs on Python 3.6), "
        "then `make lock-runtime`: the page pins it for DataCamp Light and the checks install it"
    )
    for name, message in (("images", images), ("missing", missing)):
        assert str(posts.check("demo", name, "solution").error) == message
        assert str(posts.check("demo", name, "sct").error) == message


def test_when_the_solution_ends_its_process_then_the_author_is_told_naming_the_cell(posts):
    posts.write("demo", post(exercise("exits", pec="import os", solution="x = 1\nos._exit(1)", sct=TOTAL_SCT)))
    ended = "notebooks/demo.py, cell 3, exercise 'exits': the solution ended the Python process it ran in (exit status 1)"
    fix = (
        "To fix: the solution must not end its process (os._exit, os.abort, a crash in compiled code): "
        "on DataCamp Light that ends the reader's session"
    )
    assert str(posts.check("demo", "exits", "solution").error) == f"{ended}\n{fix}"
    assert str(posts.check("demo", "exits", "sct").error) == f"{ended}, so the SCT cannot be checked\n{fix}"


def test_when_the_sct_ends_its_process_then_the_sct_cell_is_named(posts):
    posts.write("demo", post(exercise("sct-exits", sample="x = ___", solution="x = 1", sct="import os\nos._exit(3)")))
    assert posts.check("demo", "sct-exits", "solution").passed and posts.check("demo", "sct-exits", "sample").passed
    ended = (
        "notebooks/demo.py, cell 4, exercise 'sct-exits': the SCT ended the Python process it ran in (exit status 3)\n"
        "To fix: the SCT must not end the process it runs in (os._exit, os.abort)"
    )
    assert str(posts.check("demo", "sct-exits", "sct").error) == ended
    assert str(posts.check("demo", "sct-exits", "mutants").error) == ended


def test_when_the_solution_needs_a_newer_python_than_the_runtime_then_its_check_names_the_cell_and_the_construct(posts):
    solution = "import math\nif (n := 3) > 2:\n    total = math.prod([1, 2, n])\nboth = {'a': 1} | {'b': 2}"
    posts.write(
        "demo", post(exercise("newer", solution=solution, sct="Ex().check_object('total').has_equal_value()", sample="total = ___"))
    )
    assert str(posts.check("demo", "newer", "solution").error) == (
        "notebooks/demo.py, cell 3, exercise 'newer': the solution uses named expressions (Python 3.8 and later); "
        "DataCamp Light runs exercises on Python 3.6\n"
        "  1 | import math\n"
        "> 2 | if (n := 3) > 2:\n"
        "  3 |     total = math.prod([1, 2, n])\n"
        "  4 | both = {'a': 1} | {'b': 2}\n"
        "the solution (cell 3), line 2: named expressions (Python 3.8 and later)\n"
        "the solution (cell 3), line 3: 'math.prod' member (Python 3.8 and later)\n"
        "the solution (cell 3), line 4: dict union (dict | dict) (Python 3.9 and later)\n"
        "To fix: write it for Python 3.6 (docs/runtime.md): e.g. str.format for a self-documenting f-string, "
        "a loop for math.prod, {**a, **b} for a | b, an assignment before the test for `:=`"
    )
