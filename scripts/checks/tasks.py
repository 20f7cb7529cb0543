"""What runs inside the exercise sessions: an exercise's code, and its SCT with pythonwhat.

pythonwhat's own harness (`pythonwhat.local.run_exercise`, then
`pythonwhat.test_exercise.test_exercise`) runs the solution and the
submission each in its own worker process, and the SCT in the parent, which
asks the workers for values, outputs and errors. `check_exercise` does the
same with fresh workers (`sessions.fresh_worker`: each starts as the warm
template started): one for the solution, which runs once and serves every
submission, as on DataCamp's backend, and one for every submission. The SCT
runs in the session's process (a session host, `sessions.Hosts`), which runs
the SCTs of one exercise after another, as the harness's parent does.

Each task returns plain data (no exceptions cross the pipe): None when all
went well, a `Raised` when the author's code raised, a `Died` when it ended
its process.
"""

from __future__ import annotations

import ast
import html
import io
import math
import os
import pickle
import random
import re
import shutil
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from typing import Any

from .. import sessions
from ..sessions import Template, Worker, WorkerDied

PEC, SAMPLE, SOLUTION, SCT = "pre-exercise-code", "sample-code", "solution", "sct"
ALTERNATIVE = "solution-alternative"

# matplotlib's backend in every exercise process: headless, as on DataCamp Light's backend.
SESSION_ENV = {"MPLBACKEND": "Agg"}

# What every exercise session may use without paying its import time; pythonwhat
# itself needs pandas (to compare values). It imports black only to show multi-line
# code in some feedback: a session host imports it the first time it does, once.
WARM_MODULES = (
    "numpy",
    "numpy.random",
    "numpy.linalg",
    "numpy.testing",
    "matplotlib.pyplot",
    "pandas",
    "pythonwhat.test_exercise",
    "pythonwhat.local",
    __name__,
)


@dataclass
class Raised:
    """An exception raised by one part of an exercise."""

    part: str  # the tag of the part whose code raised
    ename: str
    evalue: str
    line: int | None = None  # 1-based line within that part
    name: str | None = None  # the missing name (NameError) or module (ModuleNotFoundError)

    @property
    def detail(self) -> str:
        """The exception as Python prints its last line."""
        return f"{self.ename}: {self.evalue}" if self.evalue else self.ename


@dataclass
class Died:
    """One part of an exercise ended the Python process it ran in (os._exit, a crash in C code)."""

    part: str
    how: str  # "exit status 1", "signal 11 (SIGSEGV)"


@dataclass
class TimedOut:
    """One part of an exercise (or the SCT on a submission) ran longer than the time limit of a check."""

    part: str
    seconds: float  # the limit


@dataclass
class SctRun:
    """The SCT's verdict on one piece of student code."""

    correct: bool
    message: str  # pythonwhat's feedback, as the reader would see it
    student_error: Raised | None = None  # the student code's own exception, if any
    line: int | None = None  # the SCT line whose check failed, when pythonwhat's traceback shows it
    html: str = ""  # pythonwhat's feedback exactly as it returned it (HTML)
    same_results: bool | None = None  # with `compare`: are its results those of the first submission?


Verdict = SctRun | Raised | Died | TimedOut  # Raised with part SCT: the SCT itself raised


@dataclass
class SctOutcome:
    """The solution's run, then the SCT's verdict on each submission (none if the solution failed)."""

    solution_error: Raised | Died | TimedOut | None
    verdicts: list[Verdict] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)  # how long each submission's run and check took
    elapsed: float = 0.0  # how long the whole call took


def label(part: str) -> str:
    """The file name a part's code is compiled under, so tracebacks name it."""
    return f"<{part}>"


def raised(part: str, error: BaseException) -> Raised:
    """Return the Raised for `error`, pointing at the last line of `part` in its traceback."""
    evalue = error.msg if isinstance(error, SyntaxError) else str(error)
    name = getattr(error, "name", None) if isinstance(error, (NameError, ImportError)) else None
    return Raised(part, type(error).__name__, evalue, line_in(part, error), name)


def line_in(part: str, error: BaseException) -> int | None:
    """Return the line of `part` where `error` was raised (the last of its frames in the traceback), if any."""
    if isinstance(error, SyntaxError) and error.filename == label(part):
        return error.lineno
    # The frames themselves, not traceback.extract_tb: that reads every frame's source line.
    lines = [number for frame, number in traceback.walk_tb(error.__traceback__) if frame.f_code.co_filename == label(part)]
    return lines[-1] if lines else None


def new_namespace() -> dict:
    """A fresh module namespace, as a new IPython session has."""
    return {"__name__": "__main__", "__builtins__": __builtins__}


def run_part(namespace: dict, part: str, code: str) -> tuple[str, Raised | None, BaseException | None]:
    """Run one part's code in `namespace`; return (its stdout, the Raised or None, the exception or None)."""
    out = io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(io.StringIO()), warnings.catch_warnings():
            # plt.show() on a headless backend warns; the reader never sees that.
            warnings.filterwarnings("ignore", message=".*non-interactive.*")
            exec(compile(code, label(part), "exec"), namespace)
    except BaseException as error:  # SystemExit and KeyboardInterrupt from author code are failures too
        return out.getvalue(), raised(part, error), error
    return out.getvalue(), None, None


# Inside a worker: the session's one namespace, as pythonwhat's StubShell holds it.


class Shell:
    """The namespace a worker runs an exercise's code in (pythonwhat's tasks read `user_ns`)."""

    def __init__(self) -> None:
        self.user_ns = new_namespace()


SHELL: Shell | None = None


def shell() -> Shell:
    """Return this worker's shell, made on first use."""
    global SHELL
    if SHELL is None:
        SHELL = Shell()
    return SHELL


def run_code(part: str, code: str) -> Raised | None:
    """Run one part of the author's code in this worker's shell; return its exception, if any."""
    _, error, _ = run_part(shell().user_ns, part, code)
    return error


def run_submission(pec: str | None, part: str, code: str) -> tuple[str, str | None, Raised | None]:
    """Run the pre-exercise code, then a submission, in this worker's shell.

    Returns what pythonwhat's harness (`pythonwhat.local.run_code`) would pass
    on: the submission's output ("" if it raised), the error's text (`str(e)`)
    or None; and the Raised, for our own messages. The pre-exercise code's
    output and errors are dropped, as the harness drops them. With `pec` None,
    this worker is a copy of one that ran it (`run_pec_for_copies`).
    """
    if pec is None:
        restore_random_states()
    else:
        run_part(shell().user_ns, PEC, pec)
    output, error, exception = run_part(shell().user_ns, part, code)
    if exception is None:
        return output, None, None
    return "", str(exception), error


# A fork draws its random generators afresh (sessions._fork, and Python's own `random`); a copy of a worker
# that ran the pre-exercise code for it puts back the state the pre-exercise code left (a seed, draws).
RANDOM_STATES: tuple | None = None


def run_pec_for_copies(part: str, pec: str) -> Raised | None:
    """Run the pre-exercise code in this worker's shell, for copies of it to run code in; remember the random states."""
    global RANDOM_STATES
    error = run_code(part, pec)
    numpy = sys.modules.get("numpy")
    RANDOM_STATES = (random.getstate(), numpy.random.get_state() if numpy else None)
    return error


def restore_random_states() -> None:
    """Give Python's and numpy's global random generators the state the pre-exercise code left them in."""
    assert RANDOM_STATES is not None, "not a copy of a worker that ran the pre-exercise code"
    python_state, numpy_state = RANDOM_STATES
    random.setstate(python_state)
    if numpy_state is not None:
        sys.modules["numpy"].random.set_state(numpy_state)


def run_copied(part: str, code: str) -> Raised | None:
    """Run code in this copy of a worker that ran the pre-exercise code, from the random states it left."""
    restore_random_states()
    return run_code(part, code)


def execute_task(task):
    """Run one of pythonwhat's tasks on this worker's shell, answering as its WorkerProcess does."""
    try:
        return task(shell())
    except BaseException as error:  # pythonwhat.local.CaptureErrors catches everything
        return [{"type": "backend-error", "payload": str(error)}]


# In the session that runs the SCT


class OutOfTime(BaseException):
    """A check ran past its time limit (a BaseException, so that pythonwhat's `except Exception` lets it through)."""


def remaining(deadline: float | None) -> float | None:
    """Return the seconds left until `deadline` (None: no limit); raise OutOfTime when none are left."""
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise OutOfTime
    return left


class SessionProcess:
    """A worker as pythonwhat sees a process: `executeTask(task)` runs `task(shell)` there.

    pythonwhat checks that the class name holds "Process" and tells processes
    apart by `_identity`. A task still running at `deadline` is stopped (its
    worker killed) and the check ends with OutOfTime.
    """

    def __init__(self, worker: Worker, deadline: float | None = None):
        self.worker = worker
        self.deadline = deadline
        self._identity = (worker.pid,)

    def executeTask(self, task):  # noqa: N802 (pythonwhat's name)
        try:
            return self.worker.call(execute_task, task, timeout=remaining(self.deadline))
        except WorkerDied as died:
            return [{"type": "backend-error", "payload": f"the process ended with {died}"}]
        except TimeoutError:
            raise OutOfTime from None


def plain_feedback(message: str) -> str:
    """Return pythonwhat's HTML feedback as markdown-ish text for a terminal (`<code>x &lt; 1</code>` -> `x < 1`)."""
    return html.unescape(message.replace("<code>", "`").replace("</code>", "`"))


# Code parsed by pythonwhat (asttokens), by (code, how many times the same check had parsed it before).
# Every check parses the pre-exercise code, the solution and the submission, the costliest part of a
# simple SCT's run; a session host keeps the parses for the checks that follow. pythonwhat means to keep
# the pre-exercise code's parse across checks itself (Dispatcher._context_cache, whose lookup never
# hits). Within one check, code parsed twice (the solution, as the submission too) gets two trees, as
# it does without this.
PARSED: dict[tuple[str, int], Any] = {}
PARSED_MAX = 256


def run_test_exercise(
    sct: str,
    pec: str,
    solution_code: str,
    code: str,
    student: Worker,
    solution: Worker,
    output: str,
    error: str | None,
    deadline: float | None = None,
    compared: list[tuple[Any, Any]] | None = None,
) -> SctRun | Raised:
    """Run the SCT with pythonwhat's `test_exercise` against the two processes; return its verdict.

    Raises OutOfTime at `deadline`. Every pair of values the SCT compares (the
    submission's, the solution's) is appended to `compared`, if given.
    """
    from protowhat.failure import InstructorError
    from protowhat.Reporter import Reporter
    from pythonwhat.State import Dispatcher
    from pythonwhat.Test import EqualTest
    from pythonwhat.test_exercise import test_exercise

    failed_at: list[int | None] = []
    build_failed_payload = Reporter.build_failed_payload
    equal_test_init = EqualTest.__init__
    parse = Dispatcher.parse
    parsed_here: dict[str, int] = {}

    def remember_line(reporter, feedback):
        # test_exercise catches the Failure and keeps only its message; while it
        # is being handled, its traceback still shows which SCT line failed.
        error = sys.exc_info()[1]
        failed_at.append(line_in(SCT, error) if error else None)
        return build_failed_payload(reporter, feedback)

    def remember_values(test, obj1, obj2, *args, **kwargs):
        # has_expr (has_equal_value, has_equal_output, check_call's checks, ...) compares results
        # of running code; the other EqualTests compare code, which results do not depend on.
        if compared is not None and sys._getframe(1).f_code.co_name == "has_expr":
            compared.append((obj1, obj2))
        equal_test_init(test, obj1, obj2, *args, **kwargs)

    def parse_once(dispatcher, code):
        key = (code, parsed_here.get(code, 0))
        parsed_here[code] = key[1] + 1
        if key not in PARSED:
            if len(PARSED) >= PARSED_MAX:
                PARSED.clear()
            PARSED[key] = parse(dispatcher, code)
        return PARSED[key]

    # All three are put back below.
    Reporter.build_failed_payload = remember_line
    EqualTest.__init__ = remember_values
    Dispatcher.parse = parse_once
    sessions.note(SCT)
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            result = test_exercise(
                sct=compile(sct, label(SCT), "exec"),
                student_code=code,
                solution_code=solution_code,
                pre_exercise_code=pec,
                student_process=SessionProcess(student, deadline),
                solution_process=SessionProcess(solution, deadline),
                raw_student_output=output,
                ex_type="NormalExercise",
                error=error,
            )
    except InstructorError as problem:
        return Raised(SCT, "InstructorError", plain_feedback(str(problem)))
    except OutOfTime:
        raise
    except BaseException as problem:
        return raised(SCT, problem)
    finally:
        Reporter.build_failed_payload = build_failed_payload
        EqualTest.__init__ = equal_test_init
        Dispatcher.parse = parse
        sessions.note("")
    line = failed_at[-1] if failed_at else None
    feedback = str(result.get("message", ""))
    return SctRun(bool(result.get("correct")), plain_feedback(feedback), None, line, feedback)


def run_solution(
    worker: Worker, pec: str | None, solution_code: str, go_on: bool = False, time_limit: float | None = None
) -> Raised | Died | TimedOut | None:
    """Run the pre-exercise code, then the solution, in `worker`; return the first error, if any.

    With `go_on`, the solution runs even if the pre-exercise code raised, as in pythonwhat's harness.
    With `time_limit`, the two together may run that many seconds. With `pec` None, `worker` is a
    copy of one that ran it (`run_pec_for_copies`).
    """
    steps = [(PEC, run_code, pec), (SOLUTION, run_code, solution_code)] if pec is not None else [(SOLUTION, run_copied, solution_code)]
    return run_steps(worker, steps, go_on, time_limit)


def run_steps(
    worker: Worker, steps: list[tuple[str, Callable[[str, str], Raised | None], str]], go_on: bool = False, time_limit: float | None = None
) -> Raised | Died | TimedOut | None:
    """Run each (part, task, code) in `worker` in turn, all within `time_limit`; return the first error (the rest run only with `go_on`)."""
    first = None
    deadline = None if time_limit is None else time.monotonic() + time_limit
    for part, task, code in steps:
        sessions.note(part)
        try:
            error = worker.call(task, part, code, timeout=remaining(deadline))
        except WorkerDied as died:
            return Died(part, str(died))
        except (TimeoutError, OutOfTime):
            return TimedOut(part, time_limit or 0.0)
        first = first or error
        if first and not go_on:
            break
    return first


def check_exercise(
    pec: str,
    solution_code: str,
    sct: str | None,
    submissions: list[tuple[str, str]],
    as_harness: bool = False,
    compare: bool = False,
    time_limit: float | None = None,
    pec_once: bool = False,
) -> SctOutcome:
    """Run the solution once, then check each submission (part, code) with the SCT; return the outcome.

    The solution runs in a process of its own (`sessions.fresh_worker`, which
    starts as the template started). With an SCT, as on DataCamp's backend,
    that process runs the solution once and every submission is checked
    against it; every submission runs in a fresh process of its own, side by
    side. The SCT runs here, as pythonwhat's harness runs it in its own process.

    A solution that raises stops the checks (the author must fix it), unless
    `as_harness`: then, as in pythonwhat's harness, its error is only recorded
    and the submissions are checked all the same.

    With `compare`, each verdict tells whether the submission's results are the
    first submission's (`same_results`, see `same_results`). With `time_limit`,
    the solution's run, each submission's run, and the SCT's check of it may
    each take that many seconds; a submission that takes longer gets a TimedOut.

    With `pec_once`, the pre-exercise code runs once, in a worker that the
    solution's and every submission's worker are then forked from (each with a
    copy of the files it wrote, and the random generators' state it left),
    rather than in each: for many submissions (the mutants) of an exercise
    whose pre-exercise code is slow (imports, data).
    """
    workdir = os.getcwd()
    if sct is None:
        worker = sessions.fresh_worker(cwd=_folder(workdir, SOLUTION))
        try:
            return SctOutcome(solution_error=run_solution(worker, pec, solution_code))
        finally:
            worker.close()
    began = time.monotonic()
    pristine: Worker | None = None
    if pec_once:
        pristine = sessions.fresh_worker(cwd=_folder(workdir, PEC))
        failure = run_steps(pristine, [(PEC, run_pec_for_copies, pec)], time_limit=time_limit)
        if failure:
            pristine.close()
            return SctOutcome(solution_error=failure)
        solution = pristine.fork(cwd=copy_folder(workdir, PEC, "solution"))
        students = [pristine.fork(cwd=copy_folder(workdir, PEC, f"submission-{index + 1}")) for index in range(len(submissions))]
    else:
        solution = sessions.fresh_worker(cwd=_folder(workdir, "solution"))
        students = [sessions.fresh_worker(cwd=_folder(workdir, f"submission-{index + 1}")) for index in range(len(submissions))]
    first: Results | None = None
    try:
        started: list[Died | float] = []  # each submission starts at once, beside the solution: when, or how it died
        for student, (part, code) in zip(students, submissions):
            try:
                student.send(run_submission, None if pec_once else pec, part, code)
                started.append(time.monotonic())
            except WorkerDied as died:
                started.append(Died(part, str(died)))
        failure = run_solution(solution, None if pec_once else pec, solution_code, go_on=as_harness, time_limit=time_limit)
        if failure and not (as_harness and isinstance(failure, Raised)):
            return SctOutcome(solution_error=failure)
        outcome = SctOutcome(solution_error=failure)
        names = tuple(sorted(names_bound(solution_code)))
        for student, (part, code), start in zip(students, submissions, started):
            if isinstance(start, Died):
                outcome.verdicts.append(start)
                outcome.seconds.append(0.0)
                continue
            try:
                sessions.note(part)
                # The submission ran beside the others from `start`; its check gets a time limit of its own.
                ran_for = None if time_limit is None else max(0.0, start + time_limit - time.monotonic())
                output, error, student_error = student.receive(timeout=ran_for)
                deadline = None if time_limit is None else time.monotonic() + time_limit
                values = student.call(results_of, names + tuple(sorted(names_bound(code))), timeout=remaining(deadline)) if compare else {}
                compared: list[tuple[Any, Any]] = []
                verdict: Verdict = run_test_exercise(sct, pec, solution_code, code, student, solution, output, error, deadline, compared)
                if isinstance(verdict, SctRun):
                    verdict.student_error = student_error
                    if compare:
                        results = Results(output, values, compared)
                        first = first or results
                        verdict.same_results = same_results(results, first)
            except WorkerDied as died:
                verdict = Died(part, str(died))
            except (TimeoutError, OutOfTime):
                verdict = TimedOut(part, time_limit or 0.0)
            student.kill()
            student.close()
            outcome.verdicts.append(verdict)
            outcome.seconds.append(time.monotonic() - start)
        sessions.note("")
        outcome.elapsed = time.monotonic() - began
        return outcome
    finally:
        for worker in (solution, *students):
            worker.kill()  # a submission may still be running when the solution failed
            worker.close()
        if pristine is not None:
            pristine.close()  # after its forks: it reaps them


# Telling a submission's results from the solution's: what it printed, the
# values it left in its variables (and its figures), and the values the SCT
# compared; numbers compared with a tolerance far below any SCT's.

RTOL, ATOL = 1e-9, 1e-12
FIGURES = "<figures>"  # the key of the figures' contents among a submission's values
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf")


@dataclass
class Results:
    """What a submission produced: its output, its values by name, and the (its, the solution's) values the SCT compared."""

    output: str
    values: dict[str, Any]
    compared: list[tuple[Any, Any]]


@dataclass(frozen=True)
class Opaque:
    """A value that cannot leave its process (it does not pickle): compared by type only."""

    kind: str


def names_bound(code: str) -> set[str]:
    """Return the names that code assigns anywhere (assignments, loop targets) and the functions and classes it defines.

    `results_of` then keeps those that hold data in the namespace (a function's locals are not there).
    """
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
    return names


def results_of(names: tuple[str, ...]) -> dict[str, Any]:
    """Return, in this worker, the values of `names` that are data (not functions, classes or modules), and the figures."""
    import types

    values: dict[str, Any] = {}
    namespace = shell().user_ns
    for name in names:
        if name in namespace:
            value = namespace[name]
            if not isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.ModuleType, type)):
                values[name] = portable(value)
    if "matplotlib.pyplot" in sys.modules:
        values[FIGURES] = figures()
    return values


def portable(value: Any) -> Any:
    """Return the value if it pickles, else an Opaque standing for it."""
    try:
        pickle.dumps(value)
    except Exception:
        return Opaque(type(value).__name__)
    return value


def figures() -> list:
    """Return what this process's matplotlib figures show: per axes, the lines' data and labels, and the texts."""
    import matplotlib.pyplot as plt
    import numpy as np

    shown = []
    for number in plt.get_fignums():
        for axes in plt.figure(number).axes:
            lines = [(np.asarray(line.get_xdata()), np.asarray(line.get_ydata()), line.get_label()) for line in axes.get_lines()]
            legend = axes.get_legend()
            texts = [axes.get_title(), axes.get_xlabel(), axes.get_ylabel()] + (
                [text.get_text() for text in legend.get_texts()] if legend else []
            )
            shown.append((lines, texts))
    return shown


def same_results(a: Results, b: Results) -> bool:
    """Are two submissions' results the same: output, values (names either binds) and the values the SCT compared?"""
    if not same_output(a.output, b.output):
        return False
    if not all(same_value(a.values.get(name), b.values.get(name)) for name in set(a.values) | set(b.values)):
        return False
    return all(same_value(mine, solutions) for results in (a, b) for mine, solutions in results.compared)


def same_output(a: str, b: str) -> bool:
    """Are two printed outputs the same, numbers within the tolerance?"""
    if a == b:
        return True
    if NUMBER.sub("#", a) != NUMBER.sub("#", b):
        return False
    return all(close(float(x), float(y)) for x, y in zip(NUMBER.findall(a), NUMBER.findall(b)))


def close(x: float, y: float) -> bool:
    return x == y or (math.isnan(x) and math.isnan(y)) or abs(x - y) <= ATOL + RTOL * abs(y)


def same_value(a: Any, b: Any) -> bool:
    """Are two values the same: numbers (and arrays of them) within the tolerance, containers element by element?"""
    import numpy as np

    if a is b:
        return True
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[key], b[key]) for key in a)
    numeric = (int, float, complex, np.number, np.bool_, np.ndarray)
    if isinstance(a, numeric) and isinstance(b, numeric):
        x, y = np.asarray(a), np.asarray(b)
        if x.shape != y.shape:
            return False
        if x.dtype.kind in "biufc" and y.dtype.kind in "biufc":
            return bool(np.allclose(x, y, rtol=RTOL, atol=ATOL, equal_nan=x.dtype.kind in "fc" and y.dtype.kind in "fc"))
        return bool(np.array_equal(x, y))
    if isinstance(a, BaseException) and isinstance(b, BaseException):
        return type(a) is type(b) and str(a) == str(b)
    if type(a) is not type(b):
        return False
    try:
        equal = a == b
        if isinstance(equal, bool):
            return equal
    except Exception:
        pass
    try:
        return pickle.dumps(a) == pickle.dumps(b)
    except Exception:
        return repr(a) == repr(b)


def _folder(parent: str, name: str) -> str:
    path = os.path.join(parent, name)
    os.makedirs(path, exist_ok=True)
    return path


def copy_folder(parent: str, source: str, name: str) -> str:
    """Return a new folder `name` in `parent` holding a copy of the files of its folder `source`."""
    path = os.path.join(parent, name)
    shutil.copytree(os.path.join(parent, source), path, dirs_exist_ok=True)
    return path


# Warming up the parent that sessions are forked from


class LocalProcess:
    """A process for pythonwhat that runs tasks here, on its own shell (for the rehearsal only)."""

    def __init__(self, code: str) -> None:
        self.shell = Shell()
        self._identity = (id(self),)
        run_part(self.shell.user_ns, SOLUTION, code)

    def executeTask(self, task):  # noqa: N802 (pythonwhat's name)
        return task(self.shell)


def rehearse() -> None:
    """Run a tiny exercise's SCT once, here, so that the modules and caches pythonwhat needs are loaded (not black: see WARM_MODULES)."""
    from pythonwhat.test_exercise import test_exercise

    pec = "import numpy as np\nimport pandas as pd"
    code = "x = np.arange(3)\ny = x.sum()\ndf = pd.DataFrame({'a': x})\nprint(y)\nif y:\n    z = y"
    sct = (
        'Ex().check_object("x").has_equal_value()\nEx().check_object("y").has_equal_value()\n'
        'Ex().check_object("df").has_equal_value()\nEx().has_printout(0)\nEx().check_if_else().check_body().check_object("z")\n'
        'test_function("print")\nsuccess_msg("ok")'
    )
    for student in (code, code.replace("3", "4")):
        with redirect_stdout(io.StringIO()):
            test_exercise(
                sct=sct,
                student_code=student,
                solution_code=code,
                pre_exercise_code=pec,
                student_process=LocalProcess(pec + "\n" + student),
                solution_process=LocalProcess(pec + "\n" + code),
                raw_student_output="3\n",
                ex_type="NormalExercise",
                error=None,
            )


_TEMPLATE: Template | None = None


def template() -> Template:
    """The warm process every exercise session of this process is forked from, started on first use."""
    global _TEMPLATE
    if _TEMPLATE is None or not _TEMPLATE.is_alive():
        _TEMPLATE = Template(WARM_MODULES, rehearse, env=SESSION_ENV)
    return _TEMPLATE


def template_running() -> bool:
    """Has this process a template process running?"""
    return _TEMPLATE is not None and _TEMPLATE.is_alive()


def stop_template() -> None:
    """End the template process, if one was started."""
    global _TEMPLATE
    if _TEMPLATE is not None:
        _TEMPLATE.close()
        _TEMPLATE = None
