"""What runs inside the exercise sessions: an exercise's code, and its SCT with pythonwhat.

pythonwhat's own harness (`pythonwhat.local.run_exercise`, then
`pythonwhat.test_exercise.test_exercise`) runs the solution and the
submission each in its own worker process, and the SCT in the parent, which
asks the workers for values, outputs and errors. `check_exercise` does the
same with workers forked from the warm session (`sessions.Worker`): one for
the solution, which runs once and serves every submission, as on DataCamp's
backend, and a fresh one for every submission.

Each task returns plain data (no exceptions cross the pipe): None when all
went well, a `Raised` when the author's code raised, a `Died` when it ended
its process.
"""

from __future__ import annotations

import io
import os
import sys
import traceback
import warnings
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field

from .. import sessions
from ..sessions import Template, Worker, WorkerDied

PEC, SAMPLE, SOLUTION, SCT = "pre-exercise-code", "sample-code", "solution", "sct"

# matplotlib's backend in every exercise process: headless, as on DataCamp Light's backend.
SESSION_ENV = {"MPLBACKEND": "Agg"}

# What every exercise session may use without paying its import time; pythonwhat
# itself needs pandas (to compare values) and black (to show multi-line code).
WARM_MODULES = (
    "numpy",
    "numpy.random",
    "numpy.linalg",
    "numpy.testing",
    "matplotlib.pyplot",
    "pandas",
    "black",
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
class SctRun:
    """The SCT's verdict on one piece of student code."""

    correct: bool
    message: str  # pythonwhat's feedback, as the reader would see it
    student_error: Raised | None = None  # the student code's own exception, if any
    line: int | None = None  # the SCT line whose check failed, when pythonwhat's traceback shows it
    html: str = ""  # pythonwhat's feedback exactly as it returned it (HTML)


Verdict = SctRun | Raised | Died  # Raised with part SCT: the SCT itself raised


@dataclass
class SctOutcome:
    """The solution's run, then the SCT's verdict on each submission (none if the solution failed)."""

    solution_error: Raised | Died | None
    verdicts: list[Verdict] = field(default_factory=list)


def label(part: str) -> str:
    """The file name a part's code is compiled under, so tracebacks name it."""
    return f"<{part}>"


def raised(part: str, error: BaseException) -> Raised:
    """Return the Raised for `error`, pointing at the last line of `part` in its traceback."""
    line = None
    if isinstance(error, SyntaxError) and error.filename == label(part):
        line = error.lineno
    else:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == label(part)]
        line = frames[-1].lineno if frames else None
    evalue = error.msg if isinstance(error, SyntaxError) else str(error)
    name = getattr(error, "name", None) if isinstance(error, (NameError, ImportError)) else None
    return Raised(part, type(error).__name__, evalue, line, name)


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


def run_parts(parts: list[tuple[str, str]]) -> Raised | None:
    """Run `parts` (tag, code) one after another in one fresh namespace; return the first exception."""
    namespace = new_namespace()
    for part, code in parts:
        sessions.note(part)
        _, error, _ = run_part(namespace, part, code)
        if error:
            return error
    sessions.note("")
    return None


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


def run_submission(pec: str, part: str, code: str) -> tuple[str, str | None, Raised | None]:
    """Run the pre-exercise code, then a submission, in this worker's shell.

    Returns what pythonwhat's harness (`pythonwhat.local.run_code`) would pass
    on: the submission's output ("" if it raised), the error's text (`str(e)`)
    or None; and the Raised, for our own messages. The pre-exercise code's
    output and errors are dropped, as the harness drops them.
    """
    run_part(shell().user_ns, PEC, pec)
    output, error, exception = run_part(shell().user_ns, part, code)
    if exception is None:
        return output, None, None
    return "", str(exception), error


def execute_task(task):
    """Run one of pythonwhat's tasks on this worker's shell, answering as its WorkerProcess does."""
    try:
        return task(shell())
    except BaseException as error:  # pythonwhat.local.CaptureErrors catches everything
        return [{"type": "backend-error", "payload": str(error)}]


# In the session that runs the SCT


class SessionProcess:
    """A worker as pythonwhat sees a process: `executeTask(task)` runs `task(shell)` there.

    pythonwhat checks that the class name holds "Process" and tells processes
    apart by `_identity`.
    """

    def __init__(self, worker: Worker):
        self.worker = worker
        self._identity = (worker.pid,)

    def executeTask(self, task):  # noqa: N802 (pythonwhat's name)
        try:
            return self.worker.call(execute_task, task)
        except WorkerDied as died:
            return [{"type": "backend-error", "payload": f"the process ended with {died}"}]


def plain_feedback(message: str) -> str:
    """Return pythonwhat's HTML feedback as markdown-ish text (`<code>x</code>` -> `x`)."""
    return message.replace("<code>", "`").replace("</code>", "`")


def run_test_exercise(
    sct: str, pec: str, solution_code: str, code: str, student: Worker, solution: Worker, output: str, error: str | None
) -> SctRun | Raised:
    """Run the SCT with pythonwhat's `test_exercise` against the two processes; return its verdict."""
    from protowhat.failure import InstructorError
    from protowhat.Reporter import Reporter
    from pythonwhat.test_exercise import test_exercise

    failed_at: list[int | None] = []
    build_failed_payload = Reporter.build_failed_payload

    def remember_line(reporter, feedback):
        # test_exercise catches the Failure and keeps only its message; while it
        # is being handled, its traceback still shows which SCT line failed.
        failed_at.append(raised(SCT, sys.exc_info()[1]).line if sys.exc_info()[1] else None)
        return build_failed_payload(reporter, feedback)

    Reporter.build_failed_payload = remember_line  # only in this forked session
    sessions.note(SCT)
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            result = test_exercise(
                sct=compile(sct, label(SCT), "exec"),
                student_code=code,
                solution_code=solution_code,
                pre_exercise_code=pec,
                student_process=SessionProcess(student),
                solution_process=SessionProcess(solution),
                raw_student_output=output,
                ex_type="NormalExercise",
                error=error,
            )
    except InstructorError as problem:
        return Raised(SCT, "InstructorError", plain_feedback(str(problem)))
    except BaseException as problem:
        return raised(SCT, problem)
    finally:
        Reporter.build_failed_payload = build_failed_payload
        sessions.note("")
    line = failed_at[-1] if failed_at else None
    html = str(result.get("message", ""))
    return SctRun(bool(result.get("correct")), plain_feedback(html), None, line, html)


def run_solution(worker: Worker, pec: str, solution_code: str, go_on: bool = False) -> Raised | Died | None:
    """Run the pre-exercise code, then the solution, in `worker`; return the first error, if any.

    With `go_on`, the solution runs even if the pre-exercise code raised, as in pythonwhat's harness.
    """
    first = None
    for part, code in ((PEC, pec), (SOLUTION, solution_code)):
        sessions.note(part)
        try:
            error = worker.call(run_code, part, code)
        except WorkerDied as died:
            return Died(part, str(died))
        first = first or error
        if first and not go_on:
            break
    return first


def check_exercise(
    pec: str, solution_code: str, sct: str | None, submissions: list[tuple[str, str]], as_harness: bool = False
) -> SctOutcome:
    """Run the solution once, then check each submission (part, code) with the SCT; return the outcome.

    Without an SCT, the solution runs in this session itself. With one, as on
    DataCamp's backend, the solution runs once in a process of its own, which
    every submission is checked against; every submission runs in a fresh
    process. All of them are forked from this session before the SCT first runs
    here, so each starts as the session started; the submissions run side by
    side. The SCT runs here, as pythonwhat's harness runs it in its own process.

    A solution that raises stops the checks (the author must fix it), unless
    `as_harness`: then, as in pythonwhat's harness, its error is only recorded
    and the submissions are checked all the same.
    """
    if sct is None:
        return SctOutcome(solution_error=run_parts([(PEC, pec), (SOLUTION, solution_code)]))
    workdir = os.getcwd()
    solution = Worker.start(cwd=_folder(workdir, "solution"))
    students = [Worker.start(cwd=_folder(workdir, f"submission-{index + 1}")) for index in range(len(submissions))]
    try:
        started: list[Died | None] = []  # each submission starts at once, beside the solution
        for student, (part, code) in zip(students, submissions):
            try:
                student.send(run_submission, pec, part, code)
                started.append(None)
            except WorkerDied as died:
                started.append(Died(part, str(died)))
        failure = run_solution(solution, pec, solution_code, go_on=as_harness)
        if failure and not (as_harness and isinstance(failure, Raised)):
            return SctOutcome(solution_error=failure)
        outcome = SctOutcome(solution_error=failure)
        for student, (part, code), died in zip(students, submissions, started):
            verdict: Verdict | None = died
            if verdict is None:
                try:
                    sessions.note(part)
                    output, error, student_error = student.receive()
                    verdict = run_test_exercise(sct, pec, solution_code, code, student, solution, output, error)
                    if isinstance(verdict, SctRun):
                        verdict.student_error = student_error
                except WorkerDied as ended:
                    verdict = Died(part, str(ended))
            student.close()
            outcome.verdicts.append(verdict)
        sessions.note("")
        return outcome
    finally:
        for worker in (solution, *students):
            worker.kill()  # a submission may still be running when the solution failed
            worker.close()


def _folder(parent: str, name: str) -> str:
    path = os.path.join(parent, name)
    os.makedirs(path, exist_ok=True)
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
    """Run a tiny exercise's SCT once, here, so that every module and cache pythonwhat needs is loaded."""
    from pythonwhat.test_exercise import test_exercise

    pec = "import numpy as np\nimport pandas as pd"
    code = "x = np.arange(3)\ny = x.sum()\ndf = pd.DataFrame({'a': x})\nprint(y)\nif y:\n    z = y"
    sct = (
        'Ex().check_object("x").has_equal_value()\nEx().check_object("y").has_equal_value()\n'
        'Ex().check_object("df").has_equal_value()\nEx().has_printout(0)\nEx().check_if_else().has_equal_ast()\n'
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


def stop_template() -> None:
    """End the template process, if one was started."""
    global _TEMPLATE
    if _TEMPLATE is not None:
        _TEMPLATE.close()
        _TEMPLATE = None
