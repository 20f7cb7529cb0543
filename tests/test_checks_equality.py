"""pythonwhat compares numpy values as shipped: with pandas installed, its `is_equal` needs no workaround."""

from __future__ import annotations

import numpy as np
import pytest

from scripts.checks import tasks
from scripts.sessions import run_isolated

SCT = 'Ex().check_object("total").has_equal_value()'
PEC = "import numpy as np"
SOLUTION = "total = np.arange(3).sum()"


def sct_on(student: str, sct: str = SCT) -> tasks.SctRun:
    """Return the SCT's verdict on `student`, run as the plugin runs it (forked sessions)."""
    outcome = run_isolated(tasks.template(), tasks.check_exercise, PEC, SOLUTION, sct, [(tasks.SAMPLE, student)], timeout=30)
    assert outcome.ok, outcome.crash
    return outcome.value.verdicts[0]


def test_a_correct_numpy_scalar_passes_has_equal_value():
    result = sct_on("total = np.arange(3).sum()")
    assert (result.correct, result.message) == (True, "Great work!")


def test_a_wrong_numpy_scalar_fails_has_equal_value_with_both_values():
    result = sct_on("total = np.arange(4).sum()")
    assert result.correct is False
    assert result.message == "Did you correctly define the variable `total`? Expected `3`, but got `6`."


def is_equal(x, y) -> bool:
    """pythonwhat's own comparison, as an exercise session runs it."""
    from pythonwhat import Test

    return bool(Test.is_equal(x, y))


@pytest.mark.parametrize(
    ("x", "y", "equal"),
    [
        (np.int64(3), np.int64(3), True),
        (np.int64(3), np.int64(4), False),
        (np.float32(0.5), np.float32(0.5), True),
        ([np.int64(1), np.int64(2)], [np.int64(1), np.int64(2)], True),
        ({"a": np.bool_(True)}, {"a": np.bool_(False)}, False),
        (np.arange(3), np.arange(3), True),
        (np.arange(3), np.arange(4), False),
        (range(3), range(3), True),
    ],
)
def test_is_equal_in_the_checks_sessions(x, y, equal):
    outcome = run_isolated(tasks.template(), is_equal, x, y, timeout=30)
    assert outcome.ok, outcome.crash
    assert outcome.value is equal


def test_the_checks_default_timeout_is_the_build_s():
    from scripts import execute
    from scripts.checks import runner

    assert runner.DEFAULT_TIMEOUT == execute.DEFAULT_TIMEOUT == 60
