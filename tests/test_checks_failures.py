"""End to end (pytester): each way an exercise or a post can be broken, and the message the author reads."""

from __future__ import annotations

import io
from pathlib import Path

import jupytext
import pytest
from checks_notebooks import Blog, cell, exercise, post

from scripts.convert import convert

pytest_plugins = ["pytester"]

TOTAL_SCT = 'Ex().check_object("total").has_equal_value()'


@pytest.fixture
def blog(pytester: pytest.Pytester) -> Blog:
    return Blog(pytester)


def test_when_the_solution_raises_then_its_line_is_shown_numbered_as_in_the_cell(blog):
    blog.write(
        "demo",
        post(
            exercise(
                "divide",
                pec="import numpy as np",
                solution="""
        total = np.arange(3).sum()
        ratio = total / 0
        big = 1 // 0
        print(ratio)
    """,
            )
        ),
    )
    result = blog.run("-k", "solution")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ demo::divide::solution _*",
            "notebooks/demo.py, cell 3, exercise 'divide': the solution raised ZeroDivisionError",
            "  2 | ratio = total / 0",
            "> 3 | big = 1 // 0",
            "  4 | print(ratio)",
            "ZeroDivisionError: integer division or modulo by zero",
            "To fix: fix the solution; each exercise runs in a fresh Python session: the pre-exercise code, then the reader's code",
        ]
    )


def test_when_the_solution_uses_a_variable_of_another_cell_then_the_fresh_session_is_named(blog):
    blog.write(
        "demo",
        post(
            cell("", "data = [1, 2, 3]"),
            exercise("uses-data", pec="import numpy as np", solution="total = sum(data)", sct=TOTAL_SCT),
        ),
    )
    result = blog.run()
    # The notebook runs top to bottom (flow passes); the exercise alone does not (solution, sct, mutants).
    result.assert_outcomes(passed=1, failed=4)
    result.stdout.fnmatch_lines(
        [
            "*_ demo::uses-data::solution _*",
            "notebooks/demo.py, cell 4, exercise 'uses-data': the solution raised NameError",
            "> 1 | total = sum(data)",
            "NameError: name 'data' is not defined",
            "`data` is defined in cell 2 of the notebook, but the exercise does not see other cells.",
            "To fix: define or import `data` in the exercise's pre-exercise code (cell 3)",
            "*_ demo::uses-data::sct _*",
            "notebooks/demo.py, cell 4, exercise 'uses-data': the solution raised NameError, so the SCT cannot be checked",
        ]
    )


def test_when_the_sct_fails_on_the_solution_then_pythonwhat_feedback_and_the_sct_line_are_shown(blog):
    blog.write(
        "demo",
        post(
            exercise(
                "wrong-sct",
                sample="a = ___",
                solution="a = 5",
                sct="""
        Ex().check_object("a").has_equal_value()
        Ex().check_object("a").has_equal_value(override=4)
    """,
            )
        ),
    )
    result = blog.run("notebooks/demo.py::wrong-sct::sct")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "notebooks/demo.py, cell 4, exercise 'wrong-sct': the SCT fails on the solution",
            '  1 | Ex().check_object("a").has_equal_value()',
            '> 2 | Ex().check_object("a").has_equal_value(override=4)',
            "pythonwhat's feedback: Did you correctly define the variable `a`? Expected `4`, but got `5`.",
            "To fix: fix the SCT (or the solution): submitting the solution must pass",
        ]
    )


def test_when_the_sample_already_passes_its_sct_then_the_exercise_is_broken(blog):
    blog.write("demo", post(exercise("run-this", sample="x = 1", solution="x = 1", sct='Ex().check_object("x").has_equal_value()')))
    result = blog.run("-k", "sct")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "notebooks/demo.py, cell 2, exercise 'run-this': the sample code already passes the SCT",
            "pythonwhat's feedback on the untouched sample: Great work!",
            "To fix: make the SCT check what the reader has to change, or set `sample-may-pass: true` on the exercise*",
        ]
    )


def test_when_sample_may_pass_is_set_then_a_passing_sample_is_fine(blog):
    blog.write(
        "demo",
        post(exercise("run-this", sample="x = 1", solution="x = 1", sct='Ex().check_object("x").has_equal_value()', sample_may_pass=True)),
    )
    blog.run("-k", "sct").assert_outcomes(passed=1)


def test_when_the_sample_has_a_syntax_error_then_it_does_not_compile_but_blanks_do(blog):
    blog.write(
        "demo",
        post(
            exercise("broken-sample", sample="a = (___\nprint(a)", solution="a = 5\nprint(a)"),
            exercise("blanks", sample="a = ___\nprint(___)", solution="a = 5\nprint(a)"),
        ),
    )
    result = blog.run("-k", "sample and not solution")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ demo::broken-sample::sample _*",
            "notebooks/demo.py, cell 2, exercise 'broken-sample': the sample code does not compile",
            "> 1 | a = (___",
            "  2 | print(a)",
            "SyntaxError: '(' was never closed",
        ]
    )


def test_when_the_solution_loops_forever_then_it_times_out_naming_the_exercise(blog):
    blog.write("demo", post(exercise("endless", solution="while True:\n    pass", sct="Ex().has_no_error()", timeout=1)))
    result = blog.run()
    # flow passes; solution, sct, content (no post yet) fail; `while True: pass` has no mutants
    result.assert_outcomes(passed=1, failed=3, skipped=1)
    result.stdout.fnmatch_lines(
        [
            "*_ demo::endless::solution _*",
            "notebooks/demo.py, cell 2, exercise 'endless': timed out after 1 s running the pre-exercise code and the solution",
            "To fix: look for an endless loop; if the code is just slow, raise the exercise's `timeout` setting*",
            "*_ demo::endless::sct _*",
            "notebooks/demo.py, cell 2, exercise 'endless': timed out after 1 s running the pre-exercise code and the solution, "
            "so the SCT cannot be checked",
        ]
    )
    assert result.duration < 30


def test_when_the_front_matter_sets_a_timeout_then_exercises_get_it(blog):
    header = "# ---\n# title: Demo\n# date: 2026-01-31\n# timeout: 0.5\n# ---\n"
    blog.write("demo", post(exercise("slow", solution="import time\ntime.sleep(5)"), header=header))
    result = blog.run("-k", "solution")
    result.stdout.fnmatch_lines(["*exercise 'slow': timed out after 0.5 s*"])


def test_when_the_post_on_disk_drifts_from_its_notebook_then_the_first_differing_line_is_shown(blog, pytester):
    path = blog.write("demo", post(cell("[markdown]", "# Hello\n#\n# Some prose."), cell("", "print(6 * 7)")))
    assert convert([Path("notebooks/demo.py")], Path("content/post"), workers=1, out=io.StringIO()) == []
    blog.run("-k", "content").assert_outcomes(passed=1)

    index = pytester.path / "content/post/demo/index.md"
    lines = index.read_text().split("\n")
    number = lines.index("Some prose.") + 1
    index.write_text(index.read_text().replace("Some prose.", "Some edited prose."))
    result = blog.run("-k", "content")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ demo::content _*",
            "notebooks/demo.py: content/post/demo/ is not what the pipeline generates from this notebook",
            f"index.md differs first at line {number}:",
            "  generated: 'Some prose.'",
            "  on disk:   'Some edited prose.'",
            "To fix: run `make site FORCE=1` and commit content/post/demo/ (generated posts are never edited by hand)",
        ]
    )
    path.write_text(path.read_text().replace("6 * 7", "6 * 9"))
    blog.run("-k", "content").stdout.fnmatch_lines(
        [
            "the notebook has changed since the post was generated (the recorded source hash differs)",
            "index.md differs first at line *",
            "  generated: '    { cell = 3, text = \"print(6 * 9)\", collapsed = false },'",
        ]
    )


def test_when_the_ipynb_and_py_disagree_then_the_content_check_names_both_and_the_fix(blog):
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


def test_when_the_checks_themselves_crash_then_the_report_says_so_with_the_traceback(blog, monkeypatch):
    from scripts.checks import exercise_checks

    real_job = exercise_checks.exercise_job

    def broken_job(*args, **kwargs):
        job = real_job(*args, **kwargs)
        del job.check["solution"]  # a bug in what the checks ask of the runtime
        return job

    monkeypatch.setattr(exercise_checks, "exercise_job", broken_job)
    blog.write("demo", post(exercise("fine", solution="a = 1")))
    result = blog.run("-k", "solution")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "INTERNAL ERROR in the exercise checks (a bug in scripts/checks, not in the notebook):",
            "RuntimeError: the isolated session for exercise 'fine' crashed:",
            "Traceback (most recent call last):",
            "*in check_exercise*",
            "KeyError: 'solution'",
        ]
    )
    assert "the solution raised" not in result.stdout.str()


def test_when_an_exercise_imports_a_package_that_is_not_installed_then_one_line_says_so(blog):
    blog.write(
        "demo",
        post(
            exercise("images", pec="import skimage", solution="x = 1", sct=TOTAL_SCT),
            exercise("missing", pec="import numpy as np", solution="import not_a_package_here\ntotal = 1", sct=TOTAL_SCT),
        ),
    )
    result = blog.run("-k", "solution or sct")
    result.assert_outcomes(failed=4)
    result.stdout.fnmatch_lines(
        [
            "*_ demo::images::solution _*",
            "notebooks/demo.py, cell 2, exercise 'images': the pre-exercise code imports `skimage`, "
            "and package scikit-image is not in the exercise runtime",
            "> 1 | import skimage",
            "ModuleNotFoundError: No module named 'skimage'",
            "To fix: add `scikit-image==VERSION` to runtime/packages.txt (a version that installs on Python 3.6), "
            "then `make lock-runtime`: the page pins it for DataCamp Light and the checks install it",
            "*_ demo::images::sct _*",
            "*_ demo::missing::solution _*",
            "notebooks/demo.py, cell 6, exercise 'missing': the solution imports `not_a_package_here`, "
            "and package not-a-package-here is not in the exercise runtime",
            "*_ demo::missing::sct _*",
        ]
    )
    assert "fix the pre-exercise code" not in result.stdout.str()


def test_when_the_solution_ends_its_process_then_the_author_is_told_naming_the_cell(blog):
    blog.write("demo", post(exercise("exits", pec="import os", solution="x = 1\nos._exit(1)", sct=TOTAL_SCT)))
    result = blog.run("-k", "solution or sct")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "*_ demo::exits::solution _*",
            "notebooks/demo.py, cell 3, exercise 'exits': the solution ended the Python process it ran in (exit status 1)",
            "To fix: the solution must not end its process (os._exit, os.abort, a crash in compiled code): "
            "on DataCamp Light that ends the reader's session",
            "*_ demo::exits::sct _*",
            "notebooks/demo.py, cell 3, exercise 'exits': the solution ended the Python process it ran in (exit status 1), "
            "so the SCT cannot be checked",
        ]
    )
    assert "INTERNAL ERROR" not in result.stdout.str()


def test_when_the_sct_ends_its_process_then_the_sct_cell_is_named(blog):
    blog.write("demo", post(exercise("sct-exits", sample="x = ___", solution="x = 1", sct="import os\nos._exit(3)")))
    result = blog.run("-k", "solution or sct")
    result.assert_outcomes(passed=2, failed=2)  # the solution and the sample (its name holds "sct") pass; sct and mutants fail
    result.stdout.fnmatch_lines(
        [
            "*_ demo::sct-exits::sct _*",
            "notebooks/demo.py, cell 4, exercise 'sct-exits': the SCT ended the Python process it ran in (exit status 3)",
            "To fix: the SCT must not end the process it runs in (os._exit, os.abort)",
        ]
    )
    assert "INTERNAL ERROR" not in result.stdout.str()


def test_when_the_solution_needs_a_newer_python_than_the_runtime_then_its_check_names_the_cell_and_the_construct(blog):
    solution = "import math\nif (n := 3) > 2:\n    total = math.prod([1, 2, n])\nboth = {'a': 1} | {'b': 2}"
    blog.write("demo", post(exercise("newer", solution=solution, sct="Ex().check_object('total').has_equal_value()", sample="total = ___")))
    result = blog.run("-k", "solution")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ demo::newer::solution _*",
            "notebooks/demo.py, cell 3, exercise 'newer': the solution uses named expressions (Python 3.8 and later); "
            "DataCamp Light runs exercises on Python 3.6",
            "  1 | import math",
            "> 2 | if (n := 3) > 2:",
            "  3 |     total = math.prod([1, 2, n])",
            "  4 | both = {'a': 1} | {'b': 2}",
            "the solution (cell 3), line 2: named expressions (Python 3.8 and later)",
            "the solution (cell 3), line 3: 'math.prod' member (Python 3.8 and later)",
            "the solution (cell 3), line 4: dict union (dict | dict) (Python 3.9 and later)",
            "To fix: write it for Python 3.6 (docs/runtime.md)*",
        ]
    )
