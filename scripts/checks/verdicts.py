"""What an exercise's session concluded, as types: the harness's plain data (JSON) read back.

A session (`sessions.Outcome`) says what its process did; its value, read here, says what
the check found: the solution's error, if any, then a verdict on each submission.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..parts import PARTS_BY_TAG

PEC, SAMPLE, SOLUTION, SCT = (PARTS_BY_TAG[tag].tag for tag in ("pre-exercise-code", "sample-code", "solution", "sct"))
ALTERNATIVE = PARTS_BY_TAG["solution-alternative"].tag


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
    message: str  # pythonwhat's feedback, as text for a terminal
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
    elapsed: float = 0.0  # how long the whole check took


def verdict_of(data: dict[str, Any] | None) -> Verdict | None:
    """Return the verdict (or error) that the harness wrote as data."""
    if data is None:
        return None
    kind = data["kind"]
    if kind == "raised":
        return Raised(data["part"], data["ename"], data["evalue"], data.get("line"), data.get("name"))
    if kind == "died":
        return Died(data["part"], data["how"])
    if kind == "timed_out":
        return TimedOut(data["part"], data["seconds"])
    student_error = verdict_of(data.get("student_error"))
    assert student_error is None or isinstance(student_error, Raised)
    return SctRun(data["correct"], data["message"], student_error, data.get("line"), data.get("html", ""), data.get("same_results"))


def outcome_of(data: dict[str, Any]) -> SctOutcome:
    """Return the check's outcome that the harness wrote as data."""
    error = verdict_of(data["solution_error"])
    assert not isinstance(error, SctRun)
    verdicts = [verdict_of(verdict) for verdict in data["verdicts"]]
    return SctOutcome(error, [verdict for verdict in verdicts if verdict is not None], data.get("seconds", []), data.get("elapsed", 0.0))
