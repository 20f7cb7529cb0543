"""End to end (pytester): the mutants and alternatives checks of an exercise, and what the author reads."""

from __future__ import annotations

import json

import pytest
from checks_notebooks import Blog, exercise, post

pytest_plugins = ["pytester"]

PEC = "import numpy as np\nx = np.array([1.0, -2.0, 3.0])\ny = np.array([0.5, 0.5, -1.0])"
SAMPLE = "z = ___"
SOLUTION = "z = x + y"
WEAK_SCT = 'Ex().check_object("z")'
STRONG_SCT = """
import numpy as np

def same(student, solution):
    try:
        return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
    except (TypeError, ValueError):
        return False

Ex().check_object("z", missing_msg="Define `z`, the sum of `x` and `y`.").has_equal_value(
    func=same, incorrect_msg="`z` should be `x + y`, element by element; yours is `{{stu_eval}}`."
)
"""


@pytest.fixture
def blog(pytester: pytest.Pytester) -> Blog:
    return Blog(pytester)


def sum_exercise(sct: str, **settings) -> str:
    return post(exercise("add", pec="import numpy as np\n" + PEC, sample=SAMPLE, solution=SOLUTION, sct=sct, **settings))


def test_a_weak_sct_fails_its_mutants_check_showing_each_surviving_mutant_as_a_diff(blog):
    blog.write("demo", sum_exercise(WEAK_SCT))
    result = blog.run("-k", "mutants")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ demo::add::mutants _*",
            "notebooks/demo.py, cell 5, exercise 'add': the SCT passes 5 wrong answer(s): mutants of the solution",
            "Mutant delete-term@1:5 (line 1: `x` left out of the sum) passes; pythonwhat's feedback: Great work!",
            "--- solution",
            "+++ mutant delete-term@1:5",
            "@@ -1 +1 @@",
            "-z = x + y",
            "+z = y",
            "",
            "Mutant swap-operator@1:7 (line 1: `+` -> `-`) passes; pythonwhat's feedback: Great work!",
            "--- solution",
            "+++ mutant swap-operator@1:7",
            "@@ -1 +1 @@",
            "-z = x + y",
            "+z = x - y",
            "*",
            'To fix: make the SCT check what each mutant gets wrong *accept-mutants={"delete-term@1:5": "why *"}',
        ]
    )


def test_a_strong_sct_kills_every_mutant_with_its_own_messages(blog):
    blog.write("demo", sum_exercise(STRONG_SCT))
    result = blog.run("-m", "mutants", "--mutants-table", "-v")  # as `make mutants` selects them
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        [
            "*= mutants =*",
            "exercise * mutants  equivalent  specific  generic  survived  seconds",
            "demo::add * 6 * 0 * 6 * 0 * 0 * *",
            "*",
            "demo::add:",
            "  delete-statement@1:1  specific  line 1: `z = x + y` left out: Define `z`, the sum of `x` and `y`.",
            "  delete-term@1:5  specific  line 1: `x` left out of the sum: `z` should be `x + y`, element by element; yours is `[ 0.5 0.5 -1. ]`.",
            "  use-earlier-variable@1:5  specific  line 1: `x` -> `y`: *",
            "  swap-operator@1:7  specific  line 1: `+` -> `-`: *",
            "  delete-term@1:9  specific  *",
            "  use-earlier-variable@1:9  specific  line 1: `y` -> `x`: *",
        ]
    )
    assert "warnings summary" not in result.stdout.str()


def test_mutants_whose_results_are_the_solution_s_are_equivalent_and_skipped(blog):
    # Swapping the arguments of np.maximum, or taking .T of a vector, changes nothing: no SCT could tell them apart.
    solution = "relu = np.maximum(0, x)\ntotal = relu @ y"
    blog.write(
        "demo", post(exercise("relu", pec=PEC, sample="relu = ___\ntotal = ___", solution=solution, sct=WEAK_SCT.replace('"z"', '"total"')))
    )
    result = blog.run("-k", "mutants", "--mutants-table", "-v")
    result.stdout.fnmatch_lines(
        [
            "demo::relu:",
            "  swap-arguments@1:8  equivalent  line 1: `0` and `x` swapped: Great work!",
            "  transpose@2:9  equivalent  line 2: `relu` -> `relu.T`: Great work!",
            "  transpose@2:16  equivalent  line 2: `y` -> `y.T`: Great work!",
        ]
    )
    assert "Mutant swap-arguments@1:8" not in result.stdout.str()  # not among the survivors the failure shows
    assert "Mutant transpose@" not in result.stdout.str()


def test_accepted_mutants_pass_with_their_reasons_and_an_accepted_mutant_that_no_longer_survives_fails(blog):
    reasons = {
        name: "the exercise only asks for a variable named z"
        for name in ("delete-term@1:5", "use-earlier-variable@1:5", "swap-operator@1:7", "delete-term@1:9", "use-earlier-variable@1:9")
    }
    blog.write("demo", sum_exercise(WEAK_SCT, accept_mutants=json.dumps(reasons)))
    result = blog.run("-k", "mutants", "--mutants-table")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["demo::add * 6 * 0 * 0 * 1 * 5 (5 accepted) * *"])

    blog.write("demo", sum_exercise(STRONG_SCT, accept_mutants=json.dumps(reasons)))
    result = blog.run("-k", "mutants")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "notebooks/demo.py, cell 5, exercise 'add': `accept-mutants` lists 5 mutant(s) that do not pass the SCT",
            "delete-term@1:5: the SCT fails it now",
            "*",
            "To fix: remove them from `accept-mutants` (`make mutants` lists the mutants of every exercise)",
        ]
    )


def test_an_accepted_id_that_names_no_mutant_is_reported(blog):
    blog.write("demo", sum_exercise(STRONG_SCT, accept_mutants='{"swap-operator@9:9": "an old line"}'))
    result = blog.run("-k", "mutants")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["swap-operator@9:9: the solution has no such mutant (any more)"])


GENERIC_SCT = 'Ex().check_object("h").has_equal_value()'
SHAPES_PEC = "import numpy as np\nw = np.arange(6.0).reshape(2, 3)\nx = np.array([1.0, 2.0, 3.0])"


def shapes_exercise() -> str:
    # `x @ w` and `w.T @ x` raise: check_object then only asks "Did you define the variable `h` without errors?".
    return post(exercise("shapes", pec=SHAPES_PEC, sample="h = ___", solution="h = w @ x", sct=GENERIC_SCT))


def test_generic_feedback_is_a_warning_naming_each_mutant(blog):
    blog.write("demo", shapes_exercise())
    result = blog.run("-k", "mutants")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        [
            "*GenericFeedbackWarning: notebooks/demo.py, cell 5, exercise 'shapes': 5 of the 6 mutants the SCT fails (83%) get only generic feedback",
            "  delete-statement@1:1 (line 1: `h = w @ x` left out): Did you define the variable `h` without errors?",
            "  transpose@1:5 (line 1: `w` -> `w.T`): Did you define the variable `h` without errors?",
            "  swap-operator@1:7 (line 1: `@` -> `*`): Did you correctly define the variable `h`? Expected something different.",
            "  swap-arguments@1:7 (line 1: `w` and `x` swapped): Did you define the variable `h` without errors?",
            "  use-earlier-variable@1:9 (line 1: `x` -> `w`): Did you define the variable `h` without errors?",
            "  To fix: give the checks of these lines a `missing_msg`, `incorrect_msg` or `error_msg` that says what is wrong*",
        ]
    )


@pytest.mark.parametrize("how", ["option", "environment"])
def test_strict_turns_generic_feedback_on_more_than_a_tenth_of_the_killed_mutants_into_a_failure(blog, monkeypatch, how):
    blog.write("demo", shapes_exercise())
    if how == "environment":
        monkeypatch.setenv("STRICT", "1")  # as `make test STRICT=1` exports it
    result = blog.run("-k", "mutants", *(["--strict-feedback"] if how == "option" else []))
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "notebooks/demo.py, cell 5, exercise 'shapes': 5 of the 6 mutants the SCT fails (83%) get only generic feedback, "
            "more than 10% (STRICT=1)",
            "delete-statement@1:1 (line 1: `h = w @ x` left out): Did you define the variable `h` without errors?",
        ]
    )


def test_a_mutant_that_runs_forever_is_stopped_at_the_exercise_s_timeout_and_counts_as_generic(blog):
    solution = "n = 3\nwhile n > 0:\n    n = n - 1"
    sct = 'Ex().check_object("n", missing_msg="Define `n`.").has_equal_value(incorrect_msg="`n` should count down to 0.")'
    blog.write("demo", post(exercise("countdown", sample="n = 3\nwhile ___:\n    ___", solution=solution, sct=sct, timeout=2)))
    result = blog.run("-k", "mutants", "--mutants-table", "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        [
            "*swap-operator@3:11 (line 3: `-` -> `+`): (the mutant and its check ran longer than 2 s)*",
            "demo::countdown:",
            "*  swap-operator@2:9  specific  line 2: `>` -> `>=`: `n` should count down to 0.",
        ]
    )
    assert result.duration < 60


def test_a_correct_alternative_passes(blog):
    alternative = "z = np.add(y, x)"
    blog.write(
        "demo",
        post(
            exercise("add", pec=PEC, sample=SAMPLE, solution=SOLUTION, sct=STRONG_SCT)
            + f'\n# %% tags=["solution-alternative"]\n{alternative}\n'
        ),
    )
    result = blog.run("-k", "alternatives", "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*demo.py::add::alternatives PASSED*"])


def test_a_rejected_alternative_fails_with_its_diff_and_the_feedback(blog):
    cells = exercise("add", pec=PEC, sample=SAMPLE, solution=SOLUTION, sct='Ex().check_object("z").has_equal_value()')
    # The second alternative is right too, but 2e-16 away from the solution: pythonwhat's exact comparison rejects it.
    cells += '\n# %% tags=["solution-alternative"]\nz = np.add(x, y)\n\n# %% tags=["solution-alternative"]\nz = (x + y) * 0.1 / 0.1\n'
    blog.write("demo", post(cells))
    result = blog.run("-k", "alternatives")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ demo::add::alternatives _*",
            "notebooks/demo.py, cell 7, exercise 'add': the SCT rejects 1 of the 2 solution-alternative cell(s): correct answers written another way",
            "The solution-alternative in cell 7: pythonwhat's feedback: Did you correctly define the variable `z`? Expected something different.",
            "--- solution",
            "+++ solution-alternative (cell 7)",
            "@@ -1 +1 @@",
            "-z = x + y",
            "+z = (x + y) * 0.1 / 0.1",
            "To fix: make the SCT accept every correct answer: compare results rather than code, and numbers with a tolerance*",
        ]
    )


def test_alternatives_are_collected_only_when_the_exercise_has_some_and_share_the_exercise_s_session(blog):
    blog.write(
        "demo",
        post(
            exercise("add", pec=PEC, sample=SAMPLE, solution=SOLUTION, sct=STRONG_SCT)
            + '\n# %% tags=["solution-alternative"]\nz = y + x\n',
            exercise("plain", solution="a = 1", sct='Ex().check_object("a").has_equal_value()'),
        ),
    )
    result = blog.run("--collect-only", "-q")
    result.stdout.fnmatch_lines(
        [
            "notebooks/demo.py::flow",
            "notebooks/demo.py::add::solution",
            "notebooks/demo.py::add::sct",
            "notebooks/demo.py::add::sample",
            "notebooks/demo.py::add::mutants",
            "notebooks/demo.py::add::alternatives",
            "notebooks/demo.py::plain::solution",
            "notebooks/demo.py::plain::sct",
            "notebooks/demo.py::plain::mutants",
            "notebooks/demo.py::content",
        ]
    )


def test_a_solution_without_mutants_skips_its_mutants_check(blog):
    blog.write(
        "demo", post(exercise("given", sample="print('hi')", solution="print('hi')", sct="Ex().has_printout(0)", sample_may_pass=True))
    )
    result = blog.run("-k", "mutants", "-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(
        [
            "SKIPPED * the solution has no mutants: the sample code gives all of it, or nothing in it is one of the mistakes the operators make"
        ]
    )


def test_when_the_sct_fails_on_the_solution_the_mutants_check_says_so(blog):
    blog.write("demo", sum_exercise('Ex().check_object("z").has_equal_value(override=0)'))
    result = blog.run("-k", "mutants")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "notebooks/demo.py, cell 5, exercise 'add': the SCT does not pass the solution, so its mutants cannot be checked",
            "To fix: make the SCT pass the solution first (see demo::add::sct)",
        ]
    )


def test_make_new_s_example_exercise_passes_the_bar(blog, pytester):
    from scripts.authoring.new import create_post

    create_post("Example", pytester.path / "notebooks", pytester.path / "content" / "post", author="Ada")
    result = blog.run("-k", "mutants or alternatives", "--mutants-table", "-v", "-W", "error::UserWarning")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["example::example-example * 0 * 0 *"])  # no generic kill, no survivor
