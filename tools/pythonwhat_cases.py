"""Turn pythonwhat's own test suite into agreement cases for the exercise checks, run in the exercise runtime.

    .venv/bin/python tools/pythonwhat_cases.py                # a throwaway Python 3.6 environment, tests from PyPI
    .venv/bin/python tools/pythonwhat_cases.py --python PATH  # run the suite with an interpreter that has them all
    .venv/bin/python tools/pythonwhat_cases.py --sdist DIR    # the tests/ of an unpacked sdist or a checkout

Exercises are checked in the exercise runtime (Python 3.6, `runtime/requirements.txt`),
so the cases are the verdicts of the runtime's pythonwhat: the suite, its helper and
the reference harness run on the runtime's interpreter. By default this script makes
a throwaway virtual environment from the runtime's base interpreter (`RUNTIME_PYTHON`,
else pyenv's Python `RUNTIME_PYTHON_VERSION` of the Makefile) with
`runtime/requirements.txt` and the pytest pythonwhat's tests need (`TEST_REQUIREMENTS`),
in a temporary folder; `.venv-runtime` is never touched.

pythonwhat's source distributions ship their tests (`tests/`) from 2.25.0 on, never
the helper they import (`tests/helper.py`). For an older pythonwhat, such as the
runtime's, the tests of 2.25.0's sdist are run: they are those of git tag v2.24.4
(one parameter renamed), and those that expect what changed since (the feedback
2.24 reworded) fail and are left out. Only the sdist's `tests/` is copied, so the
installed pythonwhat is the one tested. This script writes the helper: its `run()` is
pythonwhat's reference harness, `pythonwhat.local.run_exercise` (solution and
student code in worker processes) followed by `pythonwhat.test_exercise.test_exercise`,
and it records every exercise it runs: pre-exercise code, solution, student code,
SCT and the harness's verdict and feedback. It then runs the suite with pytest and
keeps the exercises of the tests that passed, so each verdict is both the harness's
and what pythonwhat's authors expect. Left out, with their counts printed: exercises
that do not run their code (`run_code=False`), force pythonwhat's diagnose mode or
its v2-only mode, need the network, or stop the harness with an error other than
pythonwhat's InstructorError, and those of tests that fail on this pythonwhat.

The cases are written as JSON (default `tests/data/pythonwhat-cases.json`), with
the pythonwhat version they come from, memory addresses in feedback written as
`0x…` so that two runs write the same bytes; `tests/test_checks_agreement.py` runs
each through the checks' sessions.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "pythonwhat-cases.json"
RUNTIME_REQUIREMENTS = ROOT / "runtime" / "requirements.txt"
# The first pythonwhat whose sdist ships its tests; an older pythonwhat is tested with these.
FIRST_SDIST_WITH_TESTS = "2.25.0"
# The last pip for Python 3.6 (as the Makefile's RUNTIME_PIP): the one Python 3.6 ships skips no
# release that needs a newer Python.
RUNTIME_PIP = "pip==21.3.1"
# What pythonwhat's tests need besides the runtime: the pytest of pythonwhat's requirements.txt
# (6.2.5, which runs on Python 3.6) and its dependencies at releases that run on Python 3.6. The
# other test packages there (bs4, h5py, requests, ...) serve only exercises that need the network,
# which are left out.
TEST_REQUIREMENTS = ["pytest==6.2.5", "pluggy==0.13.1", "py==1.11.0", "iniconfig==1.1.1", "packaging==21.3"]
# Memory addresses in feedback (`<ast.Name object at 0x7f…>`) change from run to run.
ADDRESS = re.compile(r" at 0x[0-9a-f]+")

HELPER = '''\
import ast
import json
import os
import re
import tempfile
from contextlib import contextmanager

import pytest
from protowhat.failure import InstructorError, TestFail
from protowhat.sct_syntax import Chain
from pythonwhat.local import ChDir, StubProcess, run_exercise
import importlib
from pythonwhat.test_exercise import test_exercise

test_data = {}
# Tests that build a state with setup_state and call SCT functions on it directly:
# their calls are written down as SCT text and run through `run` too (see Recorder).
# (pythonwhat/__init__.py hides the module behind its function of the same name)
_module = importlib.import_module("pythonwhat.test_exercise")
_setup_state = _module.setup_state
_module.setup_state = lambda *args, **kwargs: recording_setup_state(*args, **kwargs)


def record(case):
    case["test"] = os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" (", 1)[0]
    with open(os.environ["PYTHONWHAT_CASES"], "a", encoding="utf-8") as log:
        log.write(json.dumps(case) + "\\n")


@contextmanager
def in_temp_dir():
    with tempfile.TemporaryDirectory() as folder:
        with ChDir(folder):
            yield folder


def run(data, run_code=True, expected=None):
    case = {
        "expected": expected,
        "pec": data.get("DC_PEC", ""),
        "solution": data.get("DC_SOLUTION", ""),
        "student": data.get("DC_CODE", ""),
        "sct": data.get("DC_SCT", ""),
        "force_diagnose": data.get("DC_FORCE_DIAGNOSE", False),
        "run_code": run_code,
        "v2_only": os.environ.get("PYTHONWHAT_V2_ONLY", "") == "1",
    }
    try:
        with in_temp_dir():
            if run_code:
                solution, student, output, error = run_exercise(case["pec"], case["solution"], case["student"])
            else:
                solution, student, output, error = StubProcess(), StubProcess(), "", None
            result = test_exercise(
                sct=case["sct"],
                student_code=case["student"],
                solution_code=case["solution"],
                pre_exercise_code=case["pec"],
                student_process=student,
                solution_process=solution,
                raw_student_output=output,
                ex_type="NormalExercise",
                force_diagnose=case["force_diagnose"],
                error=error,
            )
    except Exception as problem:
        record({**case, "raised": type(problem).__name__, "message": str(problem)})
        raise
    record({**case, "correct": bool(result["correct"]), "message": result["message"]})
    return result


class Recorder:
    """A chain from setup_state that also writes down its calls as SCT text (`Ex().check_object('x')...`)."""

    def __init__(self, chain, root, text, parent=None):
        self.chain, self.root, self.text = chain, root, text
        if parent is not None and parent in root["ends"]:
            root["ends"].remove(parent)
        root["ends"].append(self)

    def __getattr__(self, name):
        method = getattr(self.chain, name)
        if not callable(method):
            return method

        def call(*args, **kwargs):
            sources = [literal(value) for value in args] + [literal(value) for value in kwargs.values()]
            if None in sources:
                self.root["unwritable"] = True  # a lambda, a chain, an object: not plain SCT text
            words = sources[: len(args)] + [f"{key}={source}" for key, source in zip(kwargs, sources[len(args) :])]
            # Written down before the call: a call that fails the SCT ends the text.
            end = Recorder(None, self.root, f"{self.text}.{name}({', '.join(str(word) for word in words)})", parent=self)
            result = method(*[plain(value) for value in args], **{key: plain(value) for key, value in kwargs.items()})
            if isinstance(result, Chain):
                end.chain = result
                return end
            self.root["unwritable"] = True  # not a chain: the SCT text cannot go on from here
            return result

        return call


def literal(value):
    """Return the value as Python source if it is plain data (what literal_eval reads back), else None."""
    try:
        return repr(value) if ast.literal_eval(repr(value)) == value else None
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


def plain(value):
    return value.chain if isinstance(value, Recorder) else value


def recording_setup_state(stu_code="", sol_code="", pec="", **kwargs):
    chain = _setup_state(stu_code, sol_code, pec, **kwargs)
    if kwargs:
        return chain
    root = {"pec": pec, "solution": sol_code, "student": stu_code, "ends": [], "unwritable": False}
    ROOTS.append(root)
    return Recorder(chain, root, "Ex()")


ROOTS = []


def record_direct(correct):
    """Run the SCTs written down since the last time through the reference harness, noting the verdict expected."""
    for root in ROOTS:
        ends, root["ends"] = root["ends"], []
        if root["unwritable"] or not ends:
            continue
        sct = "\\n".join(end.text for end in ends)
        data = {"DC_PEC": root["pec"], "DC_SOLUTION": root["solution"], "DC_CODE": root["student"], "DC_SCT": sct}
        try:
            run(data, expected="pass" if correct else "fail")
        except Exception:
            pass


def passes(state):
    assert isinstance(plain(state), Chain)
    record_direct(True)


@contextmanager
def verify_sct(correct):
    if correct:
        yield
    else:
        with pytest.raises(TestFail):
            yield
    record_direct(correct)


def with_line_info(output, line_start, line_end, column_start, column_end):
    assert (output["line_start"], output["line_end"]) == (line_start, line_end)
    assert (output["column_start"], output["column_end"]) == (column_start, column_end)


def no_line_info(output):
    assert not {"line_start", "line_end", "column_start", "column_end"} & set(output)


def remove_lambdas(sct, count=0, with_args=False):
    return re.sub("lambda.*?:" if with_args else "lambda:", "", sct, count=count)


def replace_test_if(sct):
    return re.sub(r"test_if_else\\(", "test_if_exp(", sct)


@contextmanager
def set_v2_only_env(value):
    old = os.environ.get("PYTHONWHAT_V2_ONLY")
    os.environ["PYTHONWHAT_V2_ONLY"] = value
    try:
        yield
    finally:
        if old is None:
            del os.environ["PYTHONWHAT_V2_ONLY"]
        else:
            os.environ["PYTHONWHAT_V2_ONLY"] = old
'''

CONFTEST = """\
import json
import os

import pytest
from pythonwhat.local import WorkerProcess

import tests.helper  # noqa: F401 (records the tests that call setup_state, before they import it)


@pytest.fixture(autouse=True)
def kill_workers():
    tests.helper.ROOTS.clear()
    yield
    WorkerProcess.kill_all()


def pytest_runtest_logreport(report):
    if report.when == "call" or report.outcome != "passed":
        with open(os.environ["PYTHONWHAT_OUTCOMES"], "a", encoding="utf-8") as log:
            log.write(json.dumps({"test": report.nodeid, "outcome": report.outcome, "when": report.when}) + "\\n")
"""

# pythonwhat's suite has no matplotlib exercise: these are ours, in the style of the blog's
# exercises. Each is run through the reference harness with the others, and kept only if the
# harness gives the verdict written here.
MATPLOTLIB = "import numpy as np\nimport matplotlib.pyplot as plt\nx = np.linspace(0, 1, 11)"
PLOT = "plt.plot(x, x ** 2, color='red')\nplt.title('Squares')\nplt.xlabel('x')\nplt.show()"
MATPLOTLIB_EXERCISES = [
    (
        PLOT,
        "Ex().check_function('matplotlib.pyplot.plot').check_args(['args', 0]).has_equal_value()",
        [(PLOT, "pass"), ("plt.plot(x, x)", "pass"), ("plt.plot(x ** 2, x)", "fail"), ("", "fail")],
    ),
    (
        PLOT,
        "Ex().check_function('matplotlib.pyplot.plot').check_args(['args', 1]).has_equal_value()",
        [(PLOT, "pass"), ("plt.plot(x, x ** 3)", "fail")],
    ),
    (
        PLOT,
        "Ex().check_function('matplotlib.pyplot.plot').check_args(['kwargs', 'color']).has_equal_value()",
        [(PLOT, "pass"), ("plt.plot(x, x ** 2, color='blue')", "fail"), ("plt.plot(x, x ** 2)", "fail")],
    ),
    (
        PLOT,
        "Ex().check_function('matplotlib.pyplot.title').check_args('label').has_equal_value()",
        [(PLOT, "pass"), ("plt.title('squares')", "fail")],
    ),
    (
        PLOT,
        "Ex().has_equal_value(expr_code='plt.gca().get_title()')",
        [(PLOT, "pass"), ("plt.plot(x, x ** 2)\nplt.title('Cubes')", "fail"), ("plt.plot(x, x ** 2)", "fail")],
    ),
    (
        PLOT,
        "Ex().has_equal_value(expr_code='[line.get_ydata().tolist() for line in plt.gca().get_lines()]')",
        [(PLOT, "pass"), ("plt.plot(x, x ** 2)", "pass"), ("plt.plot(x, x)", "fail")],
    ),
    (PLOT, "Ex().check_function('matplotlib.pyplot.show')", [(PLOT, "pass"), ("plt.plot(x, x ** 2)", "fail")]),
    (PLOT, "test_function('matplotlib.pyplot.xlabel')\nsuccess_msg('Nice plot')", [(PLOT, "pass"), ("plt.xlabel('y')", "fail")]),
    (
        "fig, ax = plt.subplots()\nax.scatter(x, 1 - x)\nax.set_ylabel('1 - x')",
        "Ex().check_function('ax.scatter').multi(check_args(0).has_equal_value(), check_args(1).has_equal_value())",
        [("fig, ax = plt.subplots()\nax.scatter(x, 1 - x)", "pass"), ("fig, ax = plt.subplots()\nax.scatter(x, x)", "fail")],
    ),
    (
        "counts, edges, bars = plt.hist(x, bins=5)",
        "Ex().check_function('matplotlib.pyplot.hist').check_args('bins').has_equal_ast()\nEx().check_object('counts').has_equal_value()",
        [("counts, edges, bars = plt.hist(x, bins=5)", "pass"), ("counts, edges, bars = plt.hist(x, bins=4)", "fail")],
    ),
    # has_equal_value on an argument copies the solution's namespace, and matplotlib 3.0 (the runtime's)
    # cannot copy the bars plt.hist returns: pythonwhat stops with an InstructorError, on DataCamp too.
    (
        "counts, edges, bars = plt.hist(x, bins=5)",
        "Ex().check_function('matplotlib.pyplot.hist').check_args('bins').has_equal_value()\nEx().check_object('counts').has_equal_value()",
        [("counts, edges, bars = plt.hist(x, bins=5)", "error"), ("counts, edges, bars = plt.hist(x, bins=4)", "error")],
    ),
]
MATPLOTLIB_TESTS = """\
import pytest
from protowhat.failure import InstructorError

import tests.helper as helper

EXERCISES = {exercises!r}
PEC = {pec!r}


@pytest.mark.parametrize(
    "solution, sct, student, verdict",
    [(solution, sct, student, verdict) for solution, sct, students in EXERCISES for student, verdict in students],
)
def test_matplotlib(solution, sct, student, verdict):
    data = {{"DC_PEC": PEC, "DC_SOLUTION": solution, "DC_CODE": student, "DC_SCT": sct}}
    if verdict == "error":
        with pytest.raises(InstructorError):
            helper.run(data)
    else:
        assert helper.run(data)["correct"] == (verdict == "pass")
"""

# What the cases are counted by: the SCT functions of the list, and the libraries the code uses.
V1_PREFIX = "test_"
LOOP_CHECKS = {"check_for_loop", "check_while", "test_for_loop", "test_while_loop"}
LIBRARIES = {"matplotlib": ("matplotlib", "plt."), "pandas": ("pandas", "pd.")}


def download_tests(version: str, folder: Path) -> Path:
    """Download pythonwhat's source distribution from PyPI into `folder`, unpack it; return its root."""
    download = ["download", "--quiet", "--no-binary", ":all:", "--no-deps", f"pythonwhat=={version}", "-d", str(folder)]
    subprocess.run([sys.executable, "-m", "pip", *download], check=True)
    archive = next(folder.glob(f"pythonwhat-{version}.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder / f"pythonwhat-{version}"


def version_key(version: str) -> tuple[int, ...]:
    """Return a release number as a tuple to compare (`2.24.4` -> (2, 24, 4))."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


def runtime_base_python() -> Path:
    """Return the interpreter the exercise runtime is made from, as the Makefile finds it (RUNTIME_PYTHON overrides)."""
    if os.environ.get("RUNTIME_PYTHON"):
        return Path(os.environ["RUNTIME_PYTHON"])
    version = re.search(r"^RUNTIME_PYTHON_VERSION\s*:?=\s*(\S+)", (ROOT / "Makefile").read_text(), re.M).group(1)
    pyenv = subprocess.run(["pyenv", "root"], capture_output=True, text=True) if shutil.which("pyenv") else None
    root = Path(pyenv.stdout.strip()) if pyenv and pyenv.returncode == 0 else Path.home() / ".pyenv"
    return root / "versions" / version / "bin" / "python3"


def make_environment(base: Path, folder: Path) -> Path:
    """Make a virtual environment in `folder` from `base` with the runtime's packages and the tests'; return its python."""
    if not base.exists():
        raise SystemExit(f"error: the runtime's interpreter {base} is missing (pyenv install it, or set RUNTIME_PYTHON)")
    print(f"making a throwaway environment from {base}: runtime/requirements.txt and {' '.join(TEST_REQUIREMENTS)}", flush=True)
    subprocess.run([str(base), "-m", "venv", str(folder)], check=True)
    python = folder / "bin" / "python"
    for packages in ([RUNTIME_PIP], ["-r", str(RUNTIME_REQUIREMENTS), *TEST_REQUIREMENTS]):
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *packages], capture_output=True, text=True
        )
        if done.returncode:
            raise SystemExit(f"error: pip install {' '.join(packages)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return python


def installed(python: Path) -> tuple[str, str]:
    """Return the pythonwhat version installed for `python`, and that Python's version."""
    code = "import platform, pythonwhat; print(pythonwhat.__version__, platform.python_version())"
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"error: {python} cannot import pythonwhat:\n{done.stderr[-2000:]}")
    pythonwhat, python_version = done.stdout.split()
    return pythonwhat, python_version


def run_suite(python: Path, tests: Path, work: Path) -> tuple[list[dict], dict[str, str]]:
    """Run pythonwhat's tests (a copy of `tests`) on `python` with the recording helper; return the recorded exercises and each test's outcome."""
    suite = work / "suite"
    shutil.copytree(tests, suite / "tests")
    (suite / "tests" / "helper.py").write_text(HELPER)
    (suite / "tests" / "conftest.py").write_text(CONFTEST)
    (suite / "tests" / "test_blog_matplotlib.py").write_text(MATPLOTLIB_TESTS.format(exercises=MATPLOTLIB_EXERCISES, pec=MATPLOTLIB))
    cases, outcomes = work / "cases.jsonl", work / "outcomes.jsonl"
    environment = {
        "PYTHONWHAT_CASES": str(cases),
        "PYTHONWHAT_OUTCOMES": str(outcomes),
        "PYTHONWHAT_V2_ONLY": "",
        "MPLBACKEND": "Agg",  # no display: the same backend on every machine
    }
    command = [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "tests"]
    print(f"running pythonwhat's tests with {python} (a few minutes)", flush=True)
    done = subprocess.run(command, cwd=suite, env={**os.environ, **environment}, capture_output=True, text=True)
    print((done.stdout.strip().splitlines() or [""])[-1], flush=True)
    if not cases.exists():
        print(done.stdout[-3000:], done.stderr[-3000:], file=sys.stderr)
    recorded = [json.loads(line) for line in cases.read_text().splitlines()] if cases.exists() else []
    verdicts: dict[str, str] = {}
    for line in outcomes.read_text().splitlines() if outcomes.exists() else []:
        report = json.loads(line)
        if verdicts.get(report["test"]) in (None, "passed"):
            verdicts[report["test"]] = report["outcome"]
    return recorded, verdicts


def why_left_out(case: dict, outcome: str | None) -> str | None:
    """Return why a recorded exercise is not kept as a case, or None to keep it."""
    if outcome != "passed":
        return "its test did not pass"
    if not case["run_code"]:
        return "run_code=False (no code is run)"
    if case["force_diagnose"]:
        return "diagnose mode"
    if case["v2_only"]:
        return "v2-only mode"
    if any(word in case[part] for part in ("pec", "solution", "student") for word in ("urlretrieve", "http://", "https://")):
        return "needs the network"
    if case.get("raised") not in (None, "InstructorError"):
        return f"the harness raised {case['raised']}"
    if case.get("expected") and case.get("raised") is None and case["expected"] != ("pass" if case["correct"] else "fail"):
        return "an SCT called directly on setup_state's state, written as text, gets another verdict from the harness"
    return None


def sct_functions(sct: str) -> list[str]:
    """Return the names of the functions an SCT calls, in order, each once."""
    try:
        tree = ast.parse(sct)
    except SyntaxError:
        return []
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name and name not in names:
                names.append(name)
    return names


def kinds(case: dict) -> list[str]:
    """Return what a case counts towards: its SCT functions, 'v1', 'loops', and the libraries its code uses."""
    functions = case["functions"]
    found = list(functions)
    if any(name.startswith(V1_PREFIX) for name in functions):
        found.append("v1 test_* functions")
    if LOOP_CHECKS & set(functions):
        found.append("loop checks")
    code = "\n".join(case[part] for part in ("pec", "solution", "student", "sct"))
    found += [library for library, marks in LIBRARIES.items() if any(mark in code for mark in marks)]
    return found


def to_cases(recorded: list[dict], outcomes: dict[str, str]) -> tuple[list[dict], dict[str, int]]:
    """Return the cases to keep (deduplicated, each with an id) and the count of exercises left out, by reason."""
    kept: dict[tuple, dict] = {}
    left_out: dict[str, int] = {}
    for case in recorded:
        reason = why_left_out(case, outcomes.get(case["test"]))
        if reason:
            left_out[reason] = left_out.get(reason, 0) + 1
            continue
        key = (case["pec"], case["solution"], case["student"], case["sct"])
        if key in kept:
            continue
        verdict = "error" if case.get("raised") else ("pass" if case["correct"] else "fail")
        kept[key] = {
            "id": "",
            "test": case["test"],
            "pec": case["pec"],
            "solution": case["solution"],
            "student": case["student"],
            "sct": case["sct"],
            "verdict": verdict,
            "message": ADDRESS.sub(" at 0x…", case["message"]),
            "functions": sct_functions(case["sct"]),
            "source": "ours (tools/pythonwhat_cases.py)" if case["test"].startswith("tests/test_blog_") else "pythonwhat",
        }
    cases = list(kept.values())
    seen: dict[str, int] = {}
    for case in cases:
        base = case["test"].removeprefix("tests/")
        seen[base] = seen.get(base, 0) + 1
        case["id"] = f"{base}#{seen[base]}"
    return cases, left_out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1]
    )
    parser.add_argument(
        "--python",
        type=Path,
        help="the interpreter to run pythonwhat's tests with; it needs the runtime's packages and TEST_REQUIREMENTS "
        "(default: a throwaway environment made from the runtime's base interpreter with runtime/requirements.txt and TEST_REQUIREMENTS)",
    )
    parser.add_argument(
        "--tests-from",
        metavar="VERSION",
        help=f"the pythonwhat release whose sdist's tests/ are run (default: the installed one, or {FIRST_SDIST_WITH_TESTS} "
        "for one older than that, whose sdist ships no tests)",
    )
    parser.add_argument("--sdist", type=Path, help="an unpacked pythonwhat sdist, or a checkout of pythonwhat, whose tests/ to run")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the cases (default: tests/data/pythonwhat-cases.json)")
    args = parser.parse_args(argv)

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pythonwhat-cases-") as tmp:
        work = Path(tmp)
        python = args.python or make_environment(runtime_base_python(), work / "environment")
        version, python_version = installed(python)
        print(f"pythonwhat {version} on Python {python_version} ({time.monotonic() - started:.0f} s)", flush=True)
        if args.sdist:
            tests, tests_from = args.sdist / "tests", f"{args.sdist}"
        else:
            tests_from = args.tests_from or max(version, FIRST_SDIST_WITH_TESTS, key=version_key)
            tests = download_tests(tests_from, work / "sdist") / "tests"
            tests_from = f"pip download --no-binary :all: --no-deps pythonwhat=={tests_from}"
        if not tests.is_dir():
            print(f"error: no tests/ in {tests.parent}", file=sys.stderr)
            return 1
        suite_started = time.monotonic()
        recorded, outcomes = run_suite(python, tests, work)
        print(f"the suite took {time.monotonic() - suite_started:.0f} s", flush=True)
        for test, outcome in sorted(outcomes.items()):
            if outcome not in ("passed", "skipped"):
                print(f"  {outcome}: {test}")
        if not recorded:
            print("error: pythonwhat's tests recorded no exercise; pytest said:", file=sys.stderr)
            return 1
    cases, left_out = to_cases(recorded, outcomes)
    counts: dict[str, int] = {}
    for case in cases:
        for kind in kinds(case):
            counts[kind] = counts.get(kind, 0) + 1
    data = {
        "pythonwhat": version,
        "source": f"pythonwhat {version} on Python {python_version}; the tests/ of {tests_from}, run through tools/pythonwhat_cases.py",
        "left_out": dict(sorted(left_out.items())),
        "counts": dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
        "cases": cases,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    verdicts = {verdict: sum(case["verdict"] == verdict for case in cases) for verdict in ("pass", "fail", "error")}
    by_verdict = ", ".join(f"{count} {verdict}" for verdict, count in verdicts.items())
    print(f"{len(cases)} cases ({by_verdict}) from pythonwhat {version} written to {args.output}")
    for reason, count in sorted(left_out.items()):
        print(f"  left out: {count} ({reason})")
    print(f"{time.monotonic() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
