"""Agreement with pythonwhat's own test suite: through the checks' sessions, every case gets the reference harness's verdict.

The cases (`tests/data/pythonwhat-cases.json`) are the exercises of pythonwhat's
tests (and 27 matplotlib exercises of ours: its suite has none), run through its
reference harness (`pythonwhat.local.run_exercise`, then `test_exercise`) by
`tools/pythonwhat_cases.py`, in the exercise runtime. Here each runs as the plugin
runs exercises: one session of the runtime per solution and SCT, the solution in a
process of its own that every submission, each in a fresh process, is checked
against. As pythonwhat's harness does, a solution that raises does not stop its
submissions' checks.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from scripts.checks.sessions import Session
from scripts.checks.verdicts import SAMPLE, Died, Raised, SctRun, outcome_of

DATA = json.loads((Path(__file__).parent / "data" / "pythonwhat-cases.json").read_text(encoding="utf-8"))
CASES = DATA["cases"]
TIMEOUT = 60.0  # seconds for one session (one solution and SCT, all their submissions)

# Cases whose feedback differs from the reference harness's (same verdict), and why.
KNOWN_DIFFERENCES: dict[str, str] = {}

# How many cases each part of pythonwhat must have, at least.
COVERAGE = {
    "check_object": 20,
    "check_function": 20,
    "has_printout": 5,
    "has_output": 5,
    "has_equal_ast": 10,
    "check_function_def": 10,
    "loop checks": 10,
    "v1 test_* functions": 20,
    "matplotlib": 3,
    "pandas": 10,
}


def normalized(message: str) -> str:
    """Return feedback without what changes from run to run (memory addresses)."""
    return re.sub(r" at 0x[0-9a-f]+", " at 0x…", message)


def verdict_of(result: SctRun | Raised | Died) -> tuple[str, str]:
    """Return (pass, fail or error; the feedback as pythonwhat gave it) for one of our verdicts."""
    if isinstance(result, SctRun):
        return ("pass" if result.correct else "fail"), result.html
    if isinstance(result, Raised) and result.ename == "InstructorError":
        return "error", result.evalue
    return "crashed", repr(result)


@pytest.fixture(scope="module")
def results(runtime) -> dict[str, SctRun | Raised | Died]:
    """Run every case, one session per solution and SCT, as the plugin runs them (CPUs + 1 at once)."""
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for case in CASES:
        groups.setdefault((case["pec"], case["solution"], case["sct"]), []).append(case)
    pending = list(groups.items())
    running: list[tuple[list[dict], Session]] = []
    found: dict[str, SctRun | Raised | Died] = {}
    window = len(os.sched_getaffinity(0)) + 1
    while pending or running:
        while pending and len(running) < window:
            (pec, solution, sct), cases = pending.pop(0)
            submissions = [(SAMPLE, case["student"]) for case in cases]
            check = {"pec": pec, "solution": solution, "sct": sct, "submissions": submissions, "check_after_solution_error": True}
            running.append((cases, runtime.start(check, TIMEOUT)))
        cases, session = running.pop(0)
        outcome = session.outcome()
        for index, case in enumerate(cases):
            if outcome.ok:
                found[case["id"]] = outcome_of(outcome.value).verdicts[index]
            else:
                found[case["id"]] = Raised("session", "crash", outcome.crash or f"timed out after {TIMEOUT:g} s")
    return found


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_the_checks_give_the_reference_verdict(case, results):
    verdict, message = verdict_of(results[case["id"]])
    assert verdict == case["verdict"], f"SCT: {case['sct']}\nstudent code: {case['student']}\nours: {message}\nreference: {case['message']}"
    if case["id"] in KNOWN_DIFFERENCES:
        assert normalized(message) != normalized(case["message"]), "the feedback now agrees: remove the case from KNOWN_DIFFERENCES"
    else:
        assert normalized(message) == normalized(case["message"])


def test_the_cases_come_from_the_runtime_s_pythonwhat(runtime):
    assert DATA["pythonwhat"] == runtime.wait_ready()["pythonwhat"]


def test_the_cases_cover_what_the_blog_uses():
    assert len(CASES) >= 200
    short = {kind: DATA["counts"].get(kind, 0) for kind, least in COVERAGE.items() if DATA["counts"].get(kind, 0) < least}
    assert not short, f"too few cases: {short}"
    assert {case["verdict"] for case in CASES} == {"pass", "fail", "error"}
