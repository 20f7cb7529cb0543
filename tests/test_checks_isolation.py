"""Exercise sessions in the runtime: the solution and every submission run in processes of their own, as pythonwhat's harness runs them."""

from __future__ import annotations

import os
import sys
import time

import pytest

from scripts.checks.sessions import Runtime
from scripts.checks.verdicts import PEC, SAMPLE, SOLUTION, Died, Raised, SctOutcome, SctRun, TimedOut, outcome_of
from scripts.sessions import Worker, WorkerDied, WorkerRaised


def session(runtime: Runtime, check: dict, timeout: float = 60):
    return runtime.start({"sct": None, "submissions": [], **check}, timeout).outcome()


def check(runtime: Runtime, pec: str, solution: str, sct: str | None, sample: str | None = None) -> SctOutcome:
    """Return the outcome of an exercise's session, run as the plugin runs it."""
    submissions = [(SOLUTION, solution)] + ([(SAMPLE, sample)] if sample is not None else [])
    outcome = session(runtime, {"pec": pec, "solution": solution, "sct": sct, "submissions": submissions})
    assert outcome.ok, outcome.crash
    return outcome_of(outcome.value)


def test_print_options_set_by_the_solution_do_not_reach_the_sample(runtime):
    # In one process, the sample would print [0.33] too and pass has_printout.
    result = check(
        runtime,
        "import numpy as np",
        "np.set_printoptions(precision=2)\nx = np.array([1/3])\nprint(x)",
        "Ex().has_printout(0)",
        "x = np.array([1/3])\nprint(x)",
    )
    on_solution, on_sample = result.verdicts
    assert (on_solution.correct, on_solution.message) == (True, "Great work!")
    assert (on_sample.correct, on_sample.message) == (False, "Have you used `print(x)` to do the appropriate printouts?")


def test_matplotlib_state_read_in_the_solution_process_is_the_solutions(runtime):
    # In one process, the solution's current axes would be the sample's, titled by the solution.
    result = check(
        runtime,
        "import matplotlib.pyplot as plt",
        "plt.plot([1, 2, 3])\nplt.title('Line')",
        "Ex().has_equal_value(expr_code='plt.gca().get_title()')",
        "plt.plot([1, 2, 3])",
    )
    on_solution, on_sample = result.verdicts
    assert on_solution.correct is True
    assert (on_sample.correct, on_sample.message) == (
        False,
        "Running the expression `plt.gca().get_title()` didn't generate the expected result.",
    )


def test_working_directory_and_environment_do_not_reach_the_sample(runtime):
    result = check(
        runtime,
        "import os",
        "os.environ['MODE'] = 'solved'\nopen('answer.txt', 'w').write('42')\nfound = os.path.exists('answer.txt')",
        'Ex().has_equal_value(expr_code=\'(os.environ.get("MODE"), os.path.exists("answer.txt"))\')',
        "found = False",
    )
    on_solution, on_sample = result.verdicts
    assert on_solution.correct is True
    assert on_sample.correct is False


def test_every_fresh_process_draws_its_own_random_state_as_a_new_interpreter_would(runtime):
    # An unseeded random value differs between the solution's and the submission's processes,
    # as between DataCamp's: the SCT fails on the solution itself.
    result = check(runtime, "import numpy as np", "x = np.random.rand(3)", "Ex().check_object('x').has_equal_value()")
    (on_solution,) = result.verdicts
    assert on_solution.correct is False
    assert on_solution.message.startswith("Did you correctly define the variable `x`? Expected `[")


def test_output_printed_before_an_error_is_dropped_as_the_reference_harness_drops_it(runtime):
    result = check(runtime, "", "print('hello')", "Ex().has_output('hello')", "print('hello')\n1 / 0")
    on_solution, on_sample = result.verdicts
    assert on_solution.correct is True
    assert on_sample.correct is False
    assert on_sample.student_error == Raised(SAMPLE, "ZeroDivisionError", "division by zero", 2)


def test_when_the_solution_ends_its_process_the_outcome_names_the_solution(runtime):
    result = check(runtime, "", "import os\nos._exit(1)", "Ex().has_no_error()", "x = 1")
    assert result.solution_error == Died(SOLUTION, "exit status 1")
    assert result.verdicts == []


def test_when_the_sample_ends_its_process_only_its_verdict_says_so(runtime):
    result = check(runtime, "", "x = 1", "Ex().check_object('x').has_equal_value()", "import os\nos._exit(4)")
    on_solution, on_sample = result.verdicts
    assert isinstance(on_solution, SctRun) and on_solution.correct
    assert on_sample == Died(SAMPLE, "exit status 4")


def test_a_solution_without_sct_runs_in_its_session_which_it_may_end(runtime):
    solution = "import ctypes\nctypes.string_at(0)"
    outcome = session(runtime, {"pec": "", "solution": solution})
    assert (outcome.ok, outcome.at, outcome.died) == (False, SOLUTION, "signal 11 (SIGSEGV)")


def test_when_the_session_itself_dies_the_outcome_says_where_and_how(runtime):
    outcome = session(runtime, {"pec": "", "solution": "x = 1", "sct": "import os\nos._exit(3)", "submissions": [(SOLUTION, "x = 1")]})
    assert (outcome.ok, outcome.at, outcome.died) == (False, "sct", "exit status 3")


def test_feedback_reads_as_text_with_the_html_kept_beside_it(runtime):
    sct = "Ex().check_object('light').has_equal_value(incorrect_msg='Use `bmi < 21` to define `light`.')"
    outcome = check(runtime, "bmi = 20", "light = bmi < 21", sct, sample="light = bmi > 21")
    on_sample = outcome.verdicts[1]
    assert on_sample.message == "Use `bmi < 21` to define `light`."
    assert on_sample.html == "Use <code>bmi &lt; 21</code> to define <code>light</code>."


def test_one_solution_process_serves_many_submissions(runtime):
    submissions = [(SAMPLE, f"x = {n}") for n in range(5)]
    outcome = session(
        runtime, {"pec": "", "solution": "x = 3", "sct": "Ex().check_object('x').has_equal_value()", "submissions": submissions}
    )
    assert [verdict.correct for verdict in outcome_of(outcome.value).verdicts] == [False, False, False, True, False]


def compared(runtime: Runtime, pec: str, solution: str, sct: str, submissions: list[str], **options) -> list:
    """Return the verdicts of a session that compares every submission's results with the first's (the mutants' way)."""
    names = sorted({"r", "a", "b", "c", "n"})
    check = {"pec": pec, "solution": solution, "sct": sct, "submissions": [(SOLUTION, code) for code in submissions]}
    check.update(compare=True, names=[names] * len(submissions), time_limit=options.get("limit"), pec_once=options.get("pec_once", False))
    outcome = session(runtime, check, 120)
    assert outcome.ok, outcome.crash
    return outcome_of(outcome.value).verdicts


def test_results_are_compared_with_the_solution_s_output_values_and_what_the_sct_compared(runtime):
    pec = "import numpy as np\nx = np.array([-1.0, 0.0, 2.0])"
    solution = "def relu(z):\n    return np.maximum(0, z)\nr = relu(x)\nprint(r.sum())"
    sct = "Ex().check_function_def('relu').check_call('f(np.array([-3.0, 4.0]))').has_equal_value()"
    verdicts = compared(
        runtime,
        pec,
        solution,
        sct,
        [
            solution,
            solution.replace("np.maximum(0, z)", "np.maximum(z, 0)"),  # the same results everywhere
            solution.replace("np.maximum(0, z)", "np.maximum(0, z) * (1 + 1e-13)"),  # within the tolerance (the exact SCT fails it)
            solution.replace("print(r.sum())", "print(r.sum() + 1)"),  # another output
            solution.replace("r = relu(x)", "r = relu(x) + 1"),  # another value of r
            solution.replace("np.maximum(0, z)", "np.maximum(-1, z)"),  # differs only for the SCT's call
        ],
    )
    assert [(verdict.correct, verdict.same_results) for verdict in verdicts] == [
        (True, True),
        (True, True),
        (False, True),
        (True, False),
        (True, False),
        (False, False),
    ]


def test_with_pec_once_a_submission_starts_from_the_state_the_pre_exercise_code_left_random_generators_and_files_included(runtime):
    pec = "import numpy as np, random\nnp.random.seed(7)\nrandom.seed(7)\nopen('data.txt', 'w').write('42')"
    solution = "a = np.random.rand()\nb = random.random()\nc = int(open('data.txt').read())"
    sct = "Ex().multi(check_object('a').has_equal_value(), check_object('b').has_equal_value(), check_object('c').has_equal_value())"
    verdicts = compared(
        runtime, pec, solution, sct, [solution, solution, "a = np.random.rand()\nb = random.random()\nc = 41"], pec_once=True
    )
    assert [(verdict.correct, verdict.same_results) for verdict in verdicts] == [(True, True), (True, True), (False, False)]


def test_with_pec_once_pre_exercise_code_that_raises_is_the_solution_s_error_and_nothing_is_checked(runtime):
    check = {"pec": "x = 1 / 0", "solution": "y = 1", "sct": "Ex().check_object('y')", "submissions": [(SOLUTION, "y = 1")]}
    outcome = session(runtime, {**check, "compare": True, "names": [["y"]], "pec_once": True}, 120)
    assert outcome.ok, outcome.crash
    result = outcome_of(outcome.value)
    assert (result.solution_error.part, result.solution_error.ename) == (PEC, "ZeroDivisionError") and result.verdicts == []


def test_a_submission_past_the_time_limit_times_out_and_the_next_is_checked(runtime):
    solution = "n = 3\nwhile n > 0:\n    n = n - 1"
    verdicts = compared(
        runtime,
        "",
        solution,
        "Ex().check_object('n').has_equal_value()",
        [solution, solution.replace("n - 1", "n + 1"), "n = 0"],
        limit=1.0,
    )
    assert verdicts[1] == TimedOut(SOLUTION, 1.0)
    assert [verdict.correct for verdict in (verdicts[0], verdicts[2])] == [True, True]


def test_an_sct_whose_checks_run_past_the_time_limit_times_out(runtime):
    sct = "Ex().check_function_def('f').check_call('f()').has_equal_value()"
    verdicts = compared(runtime, "", "def f():\n    return 1", sct, ["def f():\n    while True:\n        pass"], limit=1.0)
    assert verdicts == [TimedOut(SOLUTION, 1.0)]


def test_a_forked_worker_keeps_the_state_of_the_worker_it_was_forked_from():
    # The build's kernels start from forks of a warm template (scripts/sessions.py).
    worker = Worker.start()
    try:
        worker.call(exec, "import os\nos.environ['STATE'] = 'set'", {})
        copy = worker.fork()
        assert copy.call(os.getenv, "STATE") == "set"
        assert copy.pid != worker.pid
        copy.call(exec, "import os\nos.environ.pop('STATE')", {})
        assert copy.call(os.getenv, "STATE") is None
        assert worker.call(os.getenv, "STATE") == "set"
        copy.close()
        with pytest.raises(WorkerRaised, match="ZeroDivisionError"):
            worker.call(eval, "1 / 0")
        with pytest.raises(WorkerDied, match="exit status 7"):
            worker.call(os._exit, 7)
    finally:
        worker.close()


# The runtime is DataCamp Light's Python, with the packages the page pins.


def test_an_sct_that_checks_the_interpreter_s_version_passes_only_inside_the_runtime(runtime, exercise_sessions):
    solution = "import sys\nversion = '%d.%d' % sys.version_info[:2]"
    sct = "Ex().check_object('version').has_equal_value(override='3.6', incorrect_msg='Not on Python 3.6.')"
    result = check(runtime, "", solution, sct)
    assert (result.verdicts[0].correct, result.verdicts[0].message) == (True, "Great work!")
    # The same solution on the site's Python binds another version: the SCT's override would not match it.
    probe = session(exercise_sessions.runtime("site"), {"pec": "", "solution": solution + "\nassert version == '3.6', version"})
    error = outcome_of(probe.value).solution_error
    assert (error.part, error.ename, error.evalue) == (SOLUTION, "AssertionError", "{}.{}".format(*sys.version_info[:2]))


@pytest.mark.parametrize("pin", sorted(__import__("scripts.runtime", fromlist=["pinned"]).pinned().items()), ids=lambda pin: pin[0])
def test_a_package_pinned_for_the_page_is_the_one_the_checks_import(runtime, pin):
    from scripts.runtime import DISTRIBUTIONS

    name, version = pin
    module = next((module for module, package in DISTRIBUTIONS.items() if package == name), name)
    solution = f"import {module}\nfound = {module}.__version__"
    sct = f"Ex().check_object('found').has_equal_value(override={version!r})"
    result = check(runtime, "", solution, sct)
    assert result.verdicts[0].correct, result.verdicts[0]


def test_the_runtime_says_what_it_runs(runtime):
    versions = runtime.wait_ready()
    assert versions["python"].startswith("3.6.")
    assert versions["numpy"] == __import__("scripts.runtime", fromlist=["pinned"]).pinned()["numpy"]


def gone(pid: int, within: float = 10.0) -> bool:
    """Has process `pid` ended (a zombie counts as ended) within `within` seconds?"""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False


def test_a_session_that_times_out_is_killed_with_every_process_the_exercise_started(runtime):
    solution = "import subprocess, sys\nchild = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\nopen('child', 'w').write(str(child.pid))\nimport time\ntime.sleep(600)"
    started = runtime.start({"pec": "", "solution": solution, "sct": None, "submissions": []}, 3)
    workdir = started.workdir
    deadline = time.monotonic() + 30
    pid = None
    while pid is None and time.monotonic() < deadline:
        try:
            pid = int(open(os.path.join(workdir, "solution", "child")).read())
        except (OSError, ValueError):
            time.sleep(0.05)
    outcome = started.outcome()
    assert outcome.timed_out and outcome.at == SOLUTION
    assert pid is not None and gone(pid), "a process the solution started outlived its session"
    assert not os.path.exists(workdir)


def test_objects_without_an_equality_of_their_own_compare_by_their_state(runtime):
    # A random generator compares equal only to itself: two in the same state are the same result.
    solution = "import numpy as np\nr = np.random.RandomState(0)\nn = 3"
    sct = "Ex().check_object('n').has_equal_value()"
    verdicts = compared(runtime, "", solution, sct, [solution, solution.replace("n = 3", "n = 2 + 1")])
    assert [verdict.same_results for verdict in verdicts] == [True, True]
    moved = solution + "\nr.rand()"
    assert [verdict.same_results for verdict in compared(runtime, "", solution, sct, [solution, moved])] == [True, False]
