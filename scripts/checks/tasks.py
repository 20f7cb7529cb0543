"""What runs inside an isolated session: an exercise's code, and its SCT with pythonwhat.

Each task returns plain data (no exceptions cross the pipe): None when all
went well, a `Raised` when the author's code raised.
"""

from __future__ import annotations

import io
import sys
import traceback
import warnings
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

PEC, SAMPLE, SOLUTION, SCT = "pre-exercise-code", "sample-code", "solution", "sct"


@dataclass
class Raised:
    """An exception raised by one part of an exercise."""

    part: str  # the tag of the part whose code raised
    ename: str
    evalue: str
    line: int | None = None  # 1-based line within that part
    name: str | None = None  # the missing name, for a NameError

    @property
    def detail(self) -> str:
        """The exception as Python prints its last line."""
        return f"{self.ename}: {self.evalue}" if self.evalue else self.ename


@dataclass
class SctRun:
    """The SCT's verdict on one piece of student code."""

    correct: bool
    message: str  # pythonwhat's feedback, as the reader would see it
    student_error: Raised | None = None  # the student code's own exception, if any
    line: int | None = None  # the SCT line whose check failed, when pythonwhat's traceback shows it


@dataclass
class SctOutcome:
    """The SCT run on the solution, then (unless skipped) on the sample."""

    solution_error: Raised | None  # the solution itself failed to run
    on_solution: SctRun | Raised | None = None  # Raised: the SCT itself raised
    on_sample: SctRun | Raised | None = None


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
    return Raised(part, type(error).__name__, evalue, line, getattr(error, "name", None) if isinstance(error, NameError) else None)


def new_namespace() -> dict:
    """A fresh module namespace, as a new IPython session has."""
    return {"__name__": "__main__", "__builtins__": __builtins__}


def run_part(namespace: dict, part: str, code: str) -> tuple[str, Raised | None]:
    """Run one part's code in `namespace`; return (its stdout, the exception or None)."""
    out = io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(io.StringIO()), warnings.catch_warnings():
            # plt.show() on a headless backend warns; the reader never sees that.
            warnings.filterwarnings("ignore", message=".*non-interactive.*")
            exec(compile(code, label(part), "exec"), namespace)
    except BaseException as error:  # SystemExit and KeyboardInterrupt from author code are failures too
        return out.getvalue(), raised(part, error)
    return out.getvalue(), None


def run_parts(parts: list[tuple[str, str]]) -> Raised | None:
    """Run `parts` (tag, code) one after another in one fresh namespace; return the first exception."""
    namespace = new_namespace()
    for part, code in parts:
        _, error = run_part(namespace, part, code)
        if error:
            return error
    return None


class Session:
    """A fresh namespace that pythonwhat reads objects from, like its own in-process StubProcess."""

    def __init__(self, pec: str, code: str, part: str):
        from pythonwhat.local import StubProcess

        self.process = StubProcess()
        self.process.shell.user_ns.update(new_namespace())
        _, self.pec_error = run_part(self.process.shell.user_ns, PEC, pec)
        self.output, self.error = run_part(self.process.shell.user_ns, part, code)


def plain_feedback(message: str) -> str:
    """Return pythonwhat's HTML feedback as markdown-ish text (`<code>x</code>` -> `x`)."""
    return message.replace("<code>", "`").replace("</code>", "`")


def run_sct_on(sct: str, pec: str, solution: Session, solution_code: str, code: str, part: str) -> SctRun | Raised:
    """Run the SCT against `code` as the student's submission, in its own fresh namespace."""
    from protowhat.failure import InstructorError
    from protowhat.Reporter import Reporter
    from pythonwhat.test_exercise import test_exercise

    student = Session(pec, code, part)
    error = student.error
    failed_at: list[int | None] = []
    build_failed_payload = Reporter.build_failed_payload

    def remember_line(reporter, feedback):
        # test_exercise catches the Failure and keeps only its message; while it
        # is being handled, its traceback still shows which SCT line failed.
        failed_at.append(raised(SCT, sys.exc_info()[1]).line if sys.exc_info()[1] else None)
        return build_failed_payload(reporter, feedback)

    Reporter.build_failed_payload = remember_line  # only in this forked session
    try:
        result = test_exercise(
            sct=compile(sct, label(SCT), "exec"),
            student_code=code,
            solution_code=solution_code,
            pre_exercise_code=pec,
            student_process=student.process,
            solution_process=solution.process,
            raw_student_output=student.output,
            ex_type="NormalExercise",
            error=error.detail if error else None,  # DataCamp's backend passes the error's text
        )
    except InstructorError as problem:
        return Raised(SCT, "InstructorError", plain_feedback(str(problem)))
    except BaseException as problem:
        return raised(SCT, problem)
    finally:
        Reporter.build_failed_payload = build_failed_payload
        import matplotlib.pyplot as plt

        plt.close("all")
    line = failed_at[-1] if failed_at else None
    return SctRun(bool(result.get("correct")), plain_feedback(str(result.get("message", ""))), error, line)


def run_sct_on_code(sct: str, pec: str, solution_code: str, code: str) -> SctRun | Raised:
    """Return the SCT's verdict on `code` as the submission (for tests and tools: one submission)."""
    return run_sct_on(sct, pec, Session(pec, solution_code, SOLUTION), solution_code, code, SAMPLE)


def run_sct(sct: str, pec: str, solution_code: str, sample_code: str | None) -> SctOutcome:
    """Check the SCT: on the solution as submission, then on the sample (None: skip)."""
    solution = Session(pec, solution_code, SOLUTION)
    failure = solution.pec_error or solution.error
    if failure:
        return SctOutcome(solution_error=failure)
    outcome = SctOutcome(solution_error=None)
    outcome.on_solution = run_sct_on(sct, pec, solution, solution_code, solution_code, SOLUTION)
    if sample_code is not None:
        outcome.on_sample = run_sct_on(sct, pec, solution, solution_code, sample_code, SAMPLE)
    return outcome


def rehearse() -> None:
    """Run a tiny exercise's SCT once, so that every module and cache it needs is loaded."""
    sct = 'Ex().check_object("x").has_equal_value()\nEx().check_object("y").has_equal_value()\ntest_function("print")\nsuccess_msg("ok")'
    run_sct(sct, "import numpy as np", "x = np.arange(3)\ny = x.sum()\nprint(y)", "x = ___")
