"""pythonwhat compares numpy values as shipped in the runtime: with its pandas, `is_equal` needs no workaround."""

from __future__ import annotations

import pytest

from scripts.checks.sessions import Runtime
from scripts.checks.verdicts import SAMPLE, SctRun, outcome_of

SCT = 'Ex().check_object("total").has_equal_value()'
PEC = "import numpy as np"
SOLUTION = "total = np.arange(3).sum()"


def sct_on(runtime: Runtime, student: str, solution: str = SOLUTION, sct: str = SCT) -> SctRun:
    """Return the SCT's verdict on `student`, run as the plugin runs it (in the runtime)."""
    outcome = runtime.start({"pec": PEC, "solution": solution, "sct": sct, "submissions": [(SAMPLE, student)]}, 30).outcome()
    assert outcome.ok, outcome.crash
    verdict = outcome_of(outcome.value).verdicts[0]
    assert isinstance(verdict, SctRun)
    return verdict


def test_a_correct_numpy_scalar_passes_has_equal_value(runtime):
    result = sct_on(runtime, "total = np.arange(3).sum()")
    assert (result.correct, result.message) == (True, "Great work!")


def test_a_wrong_numpy_scalar_fails_has_equal_value_with_both_values(runtime):
    result = sct_on(runtime, "total = np.arange(4).sum()")
    assert result.correct is False
    assert result.message == "Did you correctly define the variable `total`? Expected `3`, but got `6`."


@pytest.mark.parametrize(
    ("x", "y", "equal"),
    [
        ("np.int64(3)", "np.int64(3)", True),
        ("np.int64(3)", "np.int64(4)", False),
        ("np.float32(0.5)", "np.float32(0.5)", True),
        ("[np.int64(1), np.int64(2)]", "[np.int64(1), np.int64(2)]", True),
        ("{'a': np.bool_(True)}", "{'a': np.bool_(False)}", False),
        ("np.arange(3)", "np.arange(3)", True),
        ("np.arange(3)", "np.arange(4)", False),
        ("range(3)", "range(3)", True),
    ],
)
def test_is_equal_in_the_checks_sessions(runtime, x, y, equal):
    assert sct_on(runtime, f"total = {y}", solution=f"total = {x}").correct is equal


def test_the_checks_default_timeout_is_the_build_s():
    from scripts import execute
    from scripts.checks import exercise_checks

    assert exercise_checks.DEFAULT_TIMEOUT == execute.DEFAULT_TIMEOUT == 60
