"""The mutants and alternatives checks of an exercise, and what the author reads: the checks called directly
(checks_notebooks.Posts), and the mutants table, the generic-feedback warning and collection in pytest (pytester)."""

from __future__ import annotations

import json
import time

import pytest
from checks_notebooks import Blog, exercise, post

from scripts.checks import mutants
from scripts.checks.mutants import EQUIVALENT, GENERIC, SPECIFIC, SURVIVED

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
# The mutants of `z = x + y` that survive a check of `z`'s existence alone.
SURVIVORS = ("delete-term@1:5", "use-earlier-variable@1:5", "swap-operator@1:7", "delete-term@1:9", "use-earlier-variable@1:9")
GENERIC_FIX = (
    "To fix: give the checks of these lines a `missing_msg`, `incorrect_msg` or `error_msg` that says what is wrong "
    "(docs/checks.md: 'Writing SCTs that pass the bar')"
)


@pytest.fixture
def blog(pytester: pytest.Pytester) -> Blog:
    return Blog(pytester)


def sum_exercise(sct: str, **settings) -> str:
    return exercise("add", pec="import numpy as np\n" + PEC, sample=SAMPLE, solution=SOLUTION, sct=sct, **settings)


def verdicts(tally: mutants.Tally) -> list[tuple[str, str, str]]:
    """Return each mutant of a tally as (id, verdict, the reader's feedback)."""
    return [(mutant.id, verdict, feedback) for mutant, verdict, feedback in tally.verdicts]


def survivor(name: str, change: str, mutant: str) -> str:
    return (
        f"Mutant {name} ({change}) passes; pythonwhat's feedback: Great work!\n"
        f"--- solution\n+++ mutant {name}\n@@ -1 +1 @@\n-z = x + y\n+{mutant}"
    )


def test_a_weak_sct_fails_its_mutants_check_showing_each_surviving_mutant_as_a_diff(posts):
    posts.write("demo", post(sum_exercise(WEAK_SCT)))
    result = posts.check("demo", "add", "mutants")
    assert str(result.error) == (
        "notebooks/demo.py, cell 5, exercise 'add': the SCT passes 5 wrong answer(s): mutants of the solution\n"
        + "\n\n".join(
            [
                survivor("delete-term@1:5", "line 1: `x` left out of the sum", "z = y"),
                survivor("use-earlier-variable@1:5", "line 1: `x` -> `y`", "z = y + y"),
                survivor("swap-operator@1:7", "line 1: `+` -> `-`", "z = x - y"),
                survivor("delete-term@1:9", "line 1: `y` left out of the sum", "z = x"),
                survivor("use-earlier-variable@1:9", "line 1: `y` -> `x`", "z = x + x"),
            ]
        )
        + "\nTo fix: make the SCT check what each mutant gets wrong (docs/checks.md: 'Writing SCTs that pass the bar'); if a mutant "
        "is in fact a correct answer, or a mistake the exercise need not catch, accept it in the exercise's metadata: "
        'accept-mutants={"delete-term@1:5": "why this is a correct answer, or a mistake the exercise need not catch"}'
    )


def test_a_strong_sct_kills_every_mutant_with_its_own_messages(posts):
    posts.write("demo", post(sum_exercise(STRONG_SCT)))
    result = posts.check("demo", "add", "mutants")
    assert (result.passed, result.warning) == (True, None)
    incorrect = "`z` should be `x + y`, element by element; yours is "  # the feedback on one line, as the table shows it
    assert verdicts(result.measured) == [
        ("delete-statement@1:1", SPECIFIC, "Define `z`, the sum of `x` and `y`."),
        ("delete-term@1:5", SPECIFIC, incorrect + "`[ 0.5 0.5 -1. ]`."),
        ("use-earlier-variable@1:5", SPECIFIC, incorrect + "`[ 1. 1. -2.]`."),
        ("swap-operator@1:7", SPECIFIC, incorrect + "`[ 0.5 -2.5 4. ]`."),
        ("delete-term@1:9", SPECIFIC, incorrect + "`[ 1. -2. 3.]`."),
        ("use-earlier-variable@1:9", SPECIFIC, incorrect + "`[ 2. -4. 6.]`."),
    ]


def test_mutants_whose_results_are_the_solution_s_are_equivalent_and_skipped(posts):
    # Swapping the arguments of np.maximum, or taking .T of a vector, changes nothing: no SCT could tell them apart.
    solution = "relu = np.maximum(0, x)\ntotal = relu @ y"
    posts.write(
        "demo", post(exercise("relu", pec=PEC, sample="relu = ___\ntotal = ___", solution=solution, sct='Ex().check_object("total")'))
    )
    result = posts.check("demo", "relu", "mutants")
    assert [(name, feedback) for name, verdict, feedback in verdicts(result.measured) if verdict == EQUIVALENT] == [
        ("swap-arguments@1:8", "Great work!"),
        ("transpose@2:9", "Great work!"),
        ("swap-arguments@2:14", "Great work!"),
        ("transpose@2:16", "Great work!"),
    ]
    # Not among the survivors the failure shows.
    assert "the SCT passes 5 wrong answer(s)" in str(result.error)
    assert "Mutant swap-arguments@" not in str(result.error) and "Mutant transpose@" not in str(result.error)


def test_accepted_mutants_pass_with_their_reasons_and_an_accepted_mutant_that_no_longer_survives_fails(posts):
    reasons = json.dumps({name: "the exercise only asks for a variable named z" for name in SURVIVORS})
    posts.write("demo", post(sum_exercise(WEAK_SCT, accept_mutants=reasons)))
    result = posts.check("demo", "add", "mutants")
    assert result.passed
    row = result.measured.row("demo::add", json.loads(reasons))
    assert mutants.table([row])[1].split() == ["demo::add", "6", "0", "0", "1", "5", "(5", "accepted)", f"{row['seconds']:.1f}"]

    posts.write("demo", post(sum_exercise(STRONG_SCT, accept_mutants=reasons)))
    assert str(posts.check("demo", "add", "mutants").error) == (
        "notebooks/demo.py, cell 5, exercise 'add': `accept-mutants` lists 5 mutant(s) that do not pass the SCT\n"
        + "\n".join(f"{name}: the SCT fails it now" for name in SURVIVORS)
        + "\nTo fix: remove them from `accept-mutants` (`make mutants` lists the mutants of every exercise)"
    )


def test_an_accepted_id_that_names_no_mutant_is_reported(posts):
    posts.write("demo", post(sum_exercise(STRONG_SCT, accept_mutants='{"swap-operator@9:9": "an old line"}')))
    assert str(posts.check("demo", "add", "mutants").error) == (
        "notebooks/demo.py, cell 5, exercise 'add': `accept-mutants` lists 1 mutant(s) that do not pass the SCT\n"
        "swap-operator@9:9: the solution has no such mutant (any more)\n"
        "To fix: remove them from `accept-mutants` (`make mutants` lists the mutants of every exercise)"
    )


GENERIC_SCT = 'Ex().check_object("h").has_equal_value()'
SHAPES_PEC = "import numpy as np\nw = np.arange(6.0).reshape(2, 3)\nx = np.array([1.0, 2.0, 3.0])"
# `x @ w` and `w.T @ x` raise: check_object then only asks "Did you define the variable `h` without errors?".
SHAPES = exercise("shapes", pec=SHAPES_PEC, sample="h = ___", solution="h = w @ x", sct=GENERIC_SCT)
SHAPES_GENERIC = (
    "delete-statement@1:1 (line 1: `h = w @ x` left out): Did you define the variable `h` without errors?\n"
    "transpose@1:5 (line 1: `w` -> `w.T`): Did you define the variable `h` without errors?\n"
    "swap-operator@1:7 (line 1: `@` -> `*`): Did you correctly define the variable `h`? Expected something different.\n"
    "swap-arguments@1:7 (line 1: `w` and `x` swapped): Did you define the variable `h` without errors?\n"
    "use-earlier-variable@1:9 (line 1: `x` -> `w`): Did you define the variable `h` without errors?"
)


def test_generic_feedback_is_a_warning_naming_each_mutant(posts):
    posts.write("demo", post(SHAPES))
    result = posts.check("demo", "shapes", "mutants")
    assert result.passed
    assert result.warning == (
        "notebooks/demo.py, cell 5, exercise 'shapes': 5 of the 6 mutants the SCT fails (83%) get only generic feedback\n"
        f"{SHAPES_GENERIC}\n{GENERIC_FIX}"
    )


def test_strict_turns_generic_feedback_on_more_than_a_tenth_of_the_killed_mutants_into_a_failure(posts):
    posts.write("demo", post(SHAPES))
    assert str(posts.check("demo", "shapes", "mutants", strict=True).error) == (
        "notebooks/demo.py, cell 5, exercise 'shapes': 5 of the 6 mutants the SCT fails (83%) get only generic feedback, "
        f"more than 10% (STRICT=1)\n{SHAPES_GENERIC}\n{GENERIC_FIX}"
    )


@pytest.mark.parametrize(("arguments", "strict"), [((), None), (("--strict-feedback",), None), ((), "1"), ((), "0")])
def test_strict_comes_from_the_option_or_from_strict_1_in_the_environment(pytester, monkeypatch, arguments, strict):
    if strict is None:
        monkeypatch.delenv("STRICT", raising=False)
    else:
        monkeypatch.setenv("STRICT", strict)  # as `make test STRICT=1` exports it
    config = pytester.parseconfig("-p", "scripts.checks.plugin", *arguments)
    assert config.getoption("strict_feedback") is (bool(arguments) or strict == "1")


def test_the_mutants_table_and_the_generic_feedback_warning_in_pytest_s_report(blog):
    blog.write("demo", post(sum_exercise(STRONG_SCT), SHAPES))
    result = blog.run("-m", "mutants", "--mutants-table", "-v")  # as `make mutants` selects them
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        [
            "*GenericFeedbackWarning: notebooks/demo.py, cell 9, exercise 'shapes': 5 of the 6 mutants the SCT fails (83%) get only generic feedback",
            "  delete-statement@1:1 (line 1: `h = w @ x` left out): Did you define the variable `h` without errors?",
            "*",
            "*= mutants =*",
            "exercise * mutants  equivalent  specific  generic  survived  seconds",
            "demo::add * 6 * 0 * 6 * 0 * 0 * *",
            "demo::shapes * 7 * 1 * 1 * 5 * 0 * *",
            "---*",
            "total (2 exercises) * 13 * 1 * 7 * 5 * 0 * *",
            "",
            "demo::add:",
            "  delete-statement@1:1  specific  line 1: `z = x + y` left out: Define `z`, the sum of `x` and `y`.",
            "  delete-term@1:5  specific  line 1: `x` left out of the sum: `z` should be `x + y`, element by element; yours is `[ 0.5 0.5 -1. ]`.",
            "  use-earlier-variable@1:5  specific  line 1: `x` -> `y`: *",
            "  swap-operator@1:7  specific  line 1: `+` -> `-`: *",
            "  delete-term@1:9  specific  *",
            "  use-earlier-variable@1:9  specific  line 1: `y` -> `x`: *",
            "",
            "demo::shapes:",
            "  delete-statement@1:1  generic  *",
        ]
    )


def test_a_mutant_that_runs_forever_is_stopped_at_the_exercise_s_timeout_and_counts_as_generic(posts):
    solution = "n = 3\nwhile n > 0:\n    n = n - 1"
    sct = 'Ex().check_object("n", missing_msg="Define `n`.").has_equal_value(incorrect_msg="`n` should count down to 0.")'
    posts.write("demo", post(exercise("countdown", sample="n = 3\nwhile ___:\n    ___", solution=solution, sct=sct, timeout=2)))
    started = time.monotonic()
    result = posts.check("demo", "countdown", "mutants")
    assert time.monotonic() - started < 60
    assert result.passed
    assert ("swap-operator@3:11", GENERIC, "(the mutant and its check ran longer than 2 s)") in verdicts(result.measured)
    assert ("swap-operator@2:9", SPECIFIC, "`n` should count down to 0.") in verdicts(result.measured)
    assert "\nswap-operator@3:11 (line 3: `-` -> `+`): (the mutant and its check ran longer than 2 s)\n" in result.warning


def test_a_correct_alternative_passes(posts):
    alternative = "z = np.add(y, x)"
    cells = (
        exercise("add", pec=PEC, sample=SAMPLE, solution=SOLUTION, sct=STRONG_SCT)
        + f'\n# %% tags=["solution-alternative"]\n{alternative}\n'
    )
    posts.write("demo", post(cells))
    assert posts.check("demo", "add", "alternatives").passed


def test_a_rejected_alternative_fails_with_its_diff_and_the_feedback(posts):
    cells = exercise("add", pec=PEC, sample=SAMPLE, solution=SOLUTION, sct='Ex().check_object("z").has_equal_value()')
    # The second alternative is right too, but 2e-16 away from the solution: pythonwhat's exact comparison rejects it.
    cells += '\n# %% tags=["solution-alternative"]\nz = np.add(x, y)\n\n# %% tags=["solution-alternative"]\nz = (x + y) * 0.1 / 0.1\n'
    posts.write("demo", post(cells))
    assert str(posts.check("demo", "add", "alternatives").error) == (
        "notebooks/demo.py, cell 7, exercise 'add': the SCT rejects 1 of the 2 solution-alternative cell(s): correct answers written another way\n"
        "The solution-alternative in cell 7: pythonwhat's feedback: Did you correctly define the variable `z`? Expected something different.\n"
        "--- solution\n"
        "+++ solution-alternative (cell 7)\n"
        "@@ -1 +1 @@\n"
        "-z = x + y\n"
        "+z = (x + y) * 0.1 / 0.1\n"
        "To fix: make the SCT accept every correct answer: compare results rather than code, and numbers with a tolerance "
        "(has_equal_value(func=...) with np.allclose; docs/checks.md: 'Writing SCTs that pass the bar'); "
        "if the solution-alternative is in fact wrong, fix or delete it"
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


def test_a_solution_without_mutants_skips_its_mutants_check(posts):
    posts.write(
        "demo", post(exercise("given", sample="print('hi')", solution="print('hi')", sct="Ex().has_printout(0)", sample_may_pass=True))
    )
    assert posts.check("demo", "given", "mutants").skipped == (
        "the solution has no mutants: the sample code gives all of it, or nothing in it is one of the mistakes the operators make"
    )


def test_when_the_sct_fails_on_the_solution_the_mutants_check_says_so(posts):
    posts.write("demo", post(sum_exercise('Ex().check_object("z").has_equal_value(override=0)')))
    assert str(posts.check("demo", "add", "mutants").error) == (
        "notebooks/demo.py, cell 5, exercise 'add': the SCT does not pass the solution, so its mutants cannot be checked\n"
        "pythonwhat's feedback: Did you correctly define the variable `z`? Expected `0`, but got `[ 1.5 -1.5  2. ]`.\n"
        "To fix: make the SCT pass the solution first (see demo::add::sct)"
    )


def test_make_new_s_example_exercise_passes_the_bar(posts):
    from scripts.authoring.new import create_post

    create_post("Example", posts.root / "notebooks", posts.root / "content" / "post", author="Ada")
    [name] = [exercise.name for exercise in posts.read("example")[1].exercises]
    tally = posts.check("example", name, "mutants")
    assert (tally.passed, tally.warning) == (True, None)
    assert tally.measured.of(GENERIC) == [] and tally.measured.of(SURVIVED) == []  # no generic kill, no survivor
    assert posts.check("example", name, "alternatives").passed
