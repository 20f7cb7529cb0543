"""Exercise sessions: the solution and every submission run in processes of their own, as pythonwhat's harness runs them."""

from __future__ import annotations

import functools
import os

import pytest

from scripts import sessions
from scripts.checks import tasks
from scripts.checks.tasks import SAMPLE, SOLUTION, Died, Raised, SctRun
from scripts.sessions import Hosts, Running, Worker, WorkerDied, WorkerRaised, run_isolated


def check(pec: str, solution: str, sct: str | None, sample: str | None = None) -> tasks.SctOutcome:
    """Return the outcome of an exercise's session, run as the plugin runs it."""
    submissions = [(SOLUTION, solution)] + ([(SAMPLE, sample)] if sample is not None else [])
    outcome = run_isolated(tasks.template(), tasks.check_exercise, pec, solution, sct, submissions, timeout=60)
    assert outcome.ok, outcome.crash
    return outcome.value


def test_print_options_set_by_the_solution_do_not_reach_the_sample():
    # In one process, the sample would print [0.33] too and pass has_printout.
    result = check(
        "import numpy as np",
        "np.set_printoptions(precision=2)\nx = np.array([1/3])\nprint(x)",
        "Ex().has_printout(0)",
        "x = np.array([1/3])\nprint(x)",
    )
    on_solution, on_sample = result.verdicts
    assert (on_solution.correct, on_solution.message) == (True, "Great work!")
    assert (on_sample.correct, on_sample.message) == (False, "Have you used `print(x)` to do the appropriate printouts?")


def test_matplotlib_state_read_in_the_solution_process_is_the_solutions():
    # In one process, the solution's current axes would be the sample's, titled by the solution.
    result = check(
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


def test_working_directory_and_environment_do_not_reach_the_sample():
    result = check(
        "import os",
        "os.environ['MODE'] = 'solved'\nopen('answer.txt', 'w').write('42')\nfound = os.path.exists('answer.txt')",
        'Ex().has_equal_value(expr_code=\'(os.environ.get("MODE"), os.path.exists("answer.txt"))\')',
        "found = False",
    )
    on_solution, on_sample = result.verdicts
    assert on_solution.correct is True
    assert on_sample.correct is False


def test_every_fresh_process_draws_its_own_random_state_as_a_new_interpreter_would():
    # An unseeded random value differs between the solution's and the submission's processes,
    # as between DataCamp's: the SCT fails on the solution itself.
    result = check("import numpy as np", "x = np.random.rand(3)", "Ex().check_object('x').has_equal_value()")
    (on_solution,) = result.verdicts
    assert on_solution.correct is False
    assert on_solution.message.startswith("Did you correctly define the variable `x`? Expected `[")


def test_output_printed_before_an_error_is_dropped_as_the_reference_harness_drops_it():
    result = check("", "print('hello')", "Ex().has_output('hello')", "print('hello')\n1 / 0")
    on_solution, on_sample = result.verdicts
    assert on_solution.correct is True
    assert on_sample.correct is False
    assert on_sample.student_error == Raised(SAMPLE, "ZeroDivisionError", "division by zero", 2)


def test_when_the_solution_ends_its_process_the_outcome_names_the_solution():
    result = check("", "import os\nos._exit(1)", "Ex().has_no_error()", "x = 1")
    assert result.solution_error == Died(SOLUTION, "exit status 1")
    assert result.verdicts == []


def test_when_the_sample_ends_its_process_only_its_verdict_says_so():
    result = check("", "x = 1", "Ex().check_object('x').has_equal_value()", "import os\nos._exit(4)")
    on_solution, on_sample = result.verdicts
    assert isinstance(on_solution, SctRun) and on_solution.correct
    assert on_sample == Died(SAMPLE, "exit status 4")


def test_a_solution_without_sct_runs_in_a_process_of_its_own_which_may_die():
    solution = "import ctypes\nctypes.string_at(0)"
    outcome = run_isolated(tasks.template(), tasks.check_exercise, "", solution, None, [(SOLUTION, solution)], timeout=60)
    assert outcome.ok, outcome.crash
    assert outcome.value.solution_error == Died(SOLUTION, "signal 11 (SIGSEGV)")


def test_when_the_session_itself_dies_the_outcome_says_where_and_how():
    outcome = run_isolated(tasks.template(), tasks.check_exercise, "", "x = 1", "import os\nos._exit(3)", [(SOLUTION, "x = 1")], timeout=60)
    assert (outcome.ok, outcome.at, outcome.died) == (False, "sct", "exit status 3")


def test_feedback_reads_as_text_with_the_html_kept_beside_it():
    sct = "Ex().check_object('light').has_equal_value(incorrect_msg='Use `bmi < 21` to define `light`.')"
    outcome = check("bmi = 20", "light = bmi < 21", sct, sample="light = bmi > 21")
    on_sample = outcome.verdicts[1]
    assert on_sample.message == "Use `bmi < 21` to define `light`."
    assert on_sample.html == "Use <code>bmi &lt; 21</code> to define <code>light</code>."


def test_one_solution_process_serves_many_submissions():
    submissions = [(SAMPLE, f"x = {n}") for n in range(5)]
    outcome = run_isolated(
        tasks.template(), tasks.check_exercise, "", "x = 3", "Ex().check_object('x').has_equal_value()", submissions, timeout=60
    )
    assert [verdict.correct for verdict in outcome.value.verdicts] == [False, False, False, True, False]
    # The session, the solution, and one process per submission.
    assert outcome.forks == 1 + 1 + 5


def compared(pec: str, solution: str, sct: str, submissions: list[str], **options) -> list:
    """Return the verdicts of a session that compares every submission's results with the first's (the mutants' way)."""
    subs = [(SOLUTION, code) for code in submissions]
    task = functools.partial(tasks.check_exercise, compare=True, time_limit=options.get("limit"), pec_once=options.get("pec_once", False))
    outcome = run_isolated(tasks.template(), task, pec, solution, sct, subs, timeout=120)
    assert outcome.ok, outcome.crash
    return outcome.value.verdicts


def test_results_are_compared_with_the_solution_s_output_values_and_what_the_sct_compared():
    pec = "import numpy as np\nx = np.array([-1.0, 0.0, 2.0])"
    solution = "def relu(z):\n    return np.maximum(0, z)\nr = relu(x)\nprint(r.sum())"
    sct = "Ex().check_function_def('relu').check_call('f(np.array([-3.0, 4.0]))').has_equal_value()"
    verdicts = compared(
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


def test_with_pec_once_a_submission_starts_from_the_state_the_pre_exercise_code_left_random_generators_and_files_included():
    pec = "import numpy as np, random\nnp.random.seed(7)\nrandom.seed(7)\nopen('data.txt', 'w').write('42')"
    solution = "a = np.random.rand()\nb = random.random()\nc = int(open('data.txt').read())"
    sct = "Ex().multi(check_object('a').has_equal_value(), check_object('b').has_equal_value(), check_object('c').has_equal_value())"
    verdicts = compared(pec, solution, sct, [solution, solution, "a = np.random.rand()\nb = random.random()\nc = 41"], pec_once=True)
    assert [(verdict.correct, verdict.same_results) for verdict in verdicts] == [(True, True), (True, True), (False, False)]


def test_with_pec_once_pre_exercise_code_that_raises_is_the_solution_s_error_and_nothing_is_checked():
    task = functools.partial(tasks.check_exercise, compare=True, pec_once=True)
    outcome = run_isolated(tasks.template(), task, "x = 1 / 0", "y = 1", "Ex().check_object('y')", [(SOLUTION, "y = 1")], timeout=120)
    assert outcome.ok, outcome.crash
    error = outcome.value.solution_error
    assert (error.part, error.ename) == (tasks.PEC, "ZeroDivisionError") and outcome.value.verdicts == []


def test_a_submission_past_the_time_limit_times_out_and_the_next_is_checked():
    solution = "n = 3\nwhile n > 0:\n    n = n - 1"
    verdicts = compared(
        "", solution, "Ex().check_object('n').has_equal_value()", [solution, solution.replace("n - 1", "n + 1"), "n = 0"], limit=1.0
    )
    assert verdicts[1] == tasks.TimedOut(SOLUTION, 1.0)
    assert [verdict.correct for verdict in (verdicts[0], verdicts[2])] == [True, True]


def test_an_sct_whose_checks_run_past_the_time_limit_times_out():
    sct = "Ex().check_function_def('f').check_call('f()').has_equal_value()"
    verdicts = compared("", "def f():\n    return 1", sct, ["def f():\n    while True:\n        pass"], limit=1.0)
    assert verdicts == [tasks.TimedOut(SOLUTION, 1.0)]


def test_a_forked_worker_keeps_the_state_of_the_worker_it_was_forked_from():
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


# Session hosts: one process runs sessions one after another; what must start afresh is forked by the template.


def host_probe(value: str) -> tuple[int, str | None, int]:
    """A session's task: change this host's state, then return (host pid, what a fresh worker sees of it, its parent)."""
    os.environ["HOST_STATE"] = value
    worker = sessions.fresh_worker()
    try:
        return os.getpid(), worker.call(os.getenv, "HOST_STATE"), worker.call(os.getppid)
    finally:
        worker.close()


def host_hangs() -> None:
    """A session's task that starts a fresh worker on an endless call, notes its pid, then hangs itself."""
    import time

    worker = sessions.fresh_worker()
    worker.send(time.sleep, 600)
    sessions.note(str(worker.pid))
    time.sleep(600)


def leaves_files() -> list[str]:
    """A session's task: list its directory, then leave a file there and one in a fresh worker's folder."""
    found = sorted(os.listdir("."))
    with open("left.txt", "w") as file:
        file.write("from an earlier session")
    os.makedirs("solution", exist_ok=True)
    worker = sessions.fresh_worker(cwd="solution")
    try:
        worker.call(exec, "open('left.txt', 'w').write('from an earlier worker')", {})
    finally:
        worker.close()
    os.makedirs("submission-1", exist_ok=True)  # left empty
    return found


def gone(pid: int, within: float = 10.0) -> bool:
    """Has process `pid` ended (a zombie counts as ended) within `within` seconds?"""
    import time

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


def test_a_host_runs_sessions_one_after_another_and_the_template_forks_their_fresh_workers():
    template = tasks.template()
    hosts = Hosts(template)
    try:
        first = Running(template, host_probe, ("first",), 60, hosts=hosts).outcome()
        second = Running(template, host_probe, ("second",), 60, hosts=hosts).outcome()
        assert first.ok and second.ok, (first.crash, second.crash)
        # The same host ran both; the state the first session left in it reached no fresh worker.
        assert first.value[0] == second.value[0] != template.pid
        assert first.value[1:] == second.value[1:] == (None, template.pid)
        assert hosts.started == 1
    finally:
        hosts.close()


def test_a_host_s_sessions_each_find_its_directory_empty():
    template = tasks.template()
    hosts = Hosts(template)
    try:
        found = [Running(template, leaves_files, (), 60, hosts=hosts).outcome() for _ in range(3)]
        assert [outcome.value for outcome in found] == [[], ["submission-1"], ["submission-1"]]
        assert hosts.started == 1
        (workdir,) = hosts.workdirs.values()
    finally:
        hosts.close()
    assert not os.path.exists(workdir)


@pytest.mark.parametrize("task", [host_hangs, functools.partial(os._exit, 3)], ids=["timeout", "death"])
def test_a_host_whose_session_fails_is_replaced_and_its_workers_end_with_it(task):
    template = tasks.template()
    hosts = Hosts(template)
    try:
        failed = Running(template, task, (), 2, hosts=hosts)
        host = failed.worker.pid
        outcome = failed.outcome()
        assert not outcome.ok
        if task is host_hangs:
            assert outcome.timed_out
            assert gone(int(outcome.at)), "the fresh worker of a host that timed out still runs"
        else:
            assert outcome.died == "exit status 3"
        assert gone(host)
        after = Running(template, host_probe, ("after",), 60, hosts=hosts).outcome()
        assert after.ok, after.crash
        assert after.value[0] != host and hosts.started == 2
    finally:
        hosts.close()


def test_workers_and_hosts_find_modules_on_the_search_path_as_it_is_when_they_are_forked(tmp_path, monkeypatch):
    template = tasks.template()  # started before the folder below is on the search path
    hosts = Hosts(template)
    try:
        Running(template, host_probe, ("before",), 60, hosts=hosts).outcome()
        (tmp_path / "late_module.py").write_text("def answer():\n    return 42\n")
        monkeypatch.syspath_prepend(str(tmp_path))
        import late_module

        worker = template.fork()
        try:
            assert worker.call(late_module.answer) == 42
        finally:
            worker.close()
        outcome = Running(template, late_module.answer, (), 60, hosts=hosts).outcome()
        assert outcome.ok, outcome.crash
        assert outcome.value == 42 and hosts.started == 2  # the first host could not have found it
    finally:
        hosts.close()


def huge_pages_after_collapse() -> tuple[int, int, int]:
    """In a worker: allocate and touch 16 MiB, gather the heap into huge pages; return (collapsed, huge KiB before, after)."""

    def huge_kib() -> int:
        with open("/proc/self/smaps_rollup") as rollup:
            return next(int(line.split()[1]) for line in rollup if line.startswith("AnonHugePages:"))

    block = bytearray(16 << 20)
    block[::4096] = b"x" * len(block[::4096])
    before = huge_kib()
    return sessions.collapse_heap(), before, huge_kib()


def test_the_heap_goes_into_huge_pages_only_where_the_kernel_took_them():
    worker = tasks.template().fork()
    try:
        collapsed, before, after = worker.call(huge_pages_after_collapse)
    finally:
        worker.close()
    # Every 2 MiB range it counts is a huge page afterwards (one the kernel had made already counts too);
    # where the kernel takes none (before Linux 6.1, THP "never"), nothing changes.
    assert after >= collapsed * 2048
    if collapsed == 0:
        assert after == before
