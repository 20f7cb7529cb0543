"""What runs inside the exercise runtime: one exercise's check, as pythonwhat's own harness runs it.

This file runs under the runtime's Python (3.6, as DataCamp Light runs exercises) and under the
site's Python (the reader's own): it uses the standard library, and pythonwhat where installed,
and nothing else of this project. Started as `python harness.py`, it is the *template*: it imports
what exercises use once, then serves requests, one JSON object a line on its standard input:

    {"id": "1", "workdir": "/tmp/…", "check": {"pec": …, "solution": …, "sct": …, "submissions": [[part, code], …], …}}

For each, it forks a *session* (a process group of its own, working in `workdir`), and answers on
its standard output `{"id": "1", "pid": 1234}`, then `{"id": "1", "ended": "exit status 0"}` once
the session has ended. The session writes its result to `workdir/result.json`, and the part of
the exercise it is running, as it goes, to `workdir/at` (so that a death or a timeout is blamed on
the right code). The owner kills a session's process group when it is done with it.

In a session, as in `pythonwhat.local.run_exercise` and `pythonwhat.test_exercise.test_exercise`:
the solution runs in a process of its own, which serves every submission's check, as on DataCamp's
backend; every submission runs in a fresh process of its own; the SCT runs in the session, asking
those processes for values. Each process is forked from the session, itself a fresh copy of the
warm template, so nothing one exercise or submission does (variables, print options, random
state, matplotlib's figures, working directory, environment) reaches another.
"""

import html
import importlib
import io
import json
import math
import os
import pickle
import random
import re
import select
import shutil
import signal
import sys
import time
import traceback
import warnings
from contextlib import redirect_stderr, redirect_stdout
from multiprocessing.connection import Pipe

PEC, SAMPLE, SOLUTION, SCT = "pre-exercise-code", "sample-code", "solution", "sct"
RESULT, AT, LOG = "result.json", "at", "log"
# Imported once in the template, if installed: what every exercise may use without paying its import time.
WARM_MODULES = ("numpy", "numpy.random", "numpy.linalg", "matplotlib.pyplot", "pandas", "pythonwhat.test_exercise")
# Within this tolerance, two numbers are the same result (far below any SCT's).
RTOL, ATOL = 1e-9, 1e-12
FIGURES = "<figures>"  # the key of the figures' contents among a submission's values
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf")


# What one part of an exercise did, as plain data (JSON): the owner turns it into its own types.


def raised(part, error):
    """Return an exception raised by one part's code, pointing at the part's last line in its traceback."""
    evalue = error.msg if isinstance(error, SyntaxError) else str(error)
    name = getattr(error, "name", None) if isinstance(error, (NameError, ImportError)) else None
    if isinstance(error, NameError) and name is None:  # before Python 3.10, NameError has no `name`
        match = re.match(r"name '(\w+)' is not defined", evalue)
        name = match.group(1) if match else None
    return {"kind": "raised", "part": part, "ename": type(error).__name__, "evalue": evalue, "line": line_in(part, error), "name": name}


def died(part, how):
    return {"kind": "died", "part": part, "how": how}


def timed_out(part, seconds):
    return {"kind": "timed_out", "part": part, "seconds": seconds}


def label(part):
    """The file name a part's code is compiled under, so that tracebacks name it."""
    return f"<{part}>"


def line_in(part, error):
    """Return the line of `part` where `error` was raised (the last of its frames in the traceback), if any."""
    if isinstance(error, SyntaxError) and error.filename == label(part):
        return error.lineno
    lines = [number for frame, number in traceback.walk_tb(error.__traceback__) if frame.f_code.co_filename == label(part)]
    return lines[-1] if lines else None


def status_text(status):
    """Return a wait status as words: "exit status 1", "signal 11 (SIGSEGV)"."""
    if os.WIFEXITED(status):
        return f"exit status {os.WEXITSTATUS(status)}"
    number = os.WTERMSIG(status)
    try:
        return f"signal {number} ({signal.Signals(number).name})"
    except ValueError:
        return f"signal {number}"


def note(part, at=AT):
    """Tell the owner which part of the exercise this session is running now."""
    with open(at, "w") as file:
        file.write(part)


def fresh_random_states():
    """Draw the random generators afresh, as a new interpreter does (a fork keeps its parent's)."""
    random.seed()
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()


# Running code, in a process of an exercise


class Shell:
    """The namespace an exercise's code runs in, as pythonwhat's StubShell holds it (its tasks read `user_ns`)."""

    def __init__(self, namespace=None):
        self.user_ns = namespace if namespace is not None else {"__name__": "__main__", "__builtins__": __builtins__}


def run_part(namespace, part, code):
    """Run one part's code in `namespace`; return (its output, the error as data or None, the exception or None)."""
    out = io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(io.StringIO()), warnings.catch_warnings():
            # plt.show() on a headless backend warns; the reader never sees that.
            warnings.filterwarnings("ignore", message=".*non-interactive.*")
            exec(compile(code, label(part), "exec"), namespace)
    except BaseException as error:  # SystemExit and KeyboardInterrupt from the author's code are failures too
        return out.getvalue(), raised(part, error), error
    return out.getvalue(), None, None


OPEN = []  # this session's connections to its processes: a forked process closes its copies


class ForkedProcess:
    """A process forked from this one that runs an exercise's code, as pythonwhat's processes do.

    pythonwhat asks it for values with `executeTask(task)` (its tasks run on the process's shell)
    and tells processes apart by `_identity`; the class name must hold "Process". A call still
    running at `deadline` kills it and raises OutOfTime.
    """

    def __init__(self, folder, namespace=None, random_states=None):
        ours, theirs = Pipe()
        self.pid = os.fork()
        if self.pid == 0:
            ours.close()
            for connection in OPEN:
                connection.close()
            os.chdir(folder)
            if random_states is None:
                fresh_random_states()
            else:  # a copy of the state the pre-exercise code left
                random.setstate(random_states[0])
                if random_states[1] is not None:
                    sys.modules["numpy"].random.set_state(random_states[1])
            serve(theirs, Shell(namespace))
        theirs.close()
        OPEN.append(ours)
        self.connection = ours
        self._identity = (self.pid,)
        self.ended = None
        self.deadline = None

    def call(self, message, timeout=None):
        """Send a message to the process; return its answer. Raises Died, or OutOfTime after `timeout` seconds."""
        try:
            self.connection.send(message)
            if not self.connection.poll(timeout):
                self.kill()
                raise OutOfTime
            return self.connection.recv()
        except (OSError, EOFError):
            raise Died(self.reap()) from None

    def executeTask(self, task):  # noqa: N802 (pythonwhat's name)
        try:
            return self.call(("task", task), remaining(self.deadline))
        except Died as ended:
            return [{"type": "backend-error", "payload": f"the process ended with {ended}"}]

    def kill(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass

    def reap(self):
        """Wait for the process to end; return how it ended."""
        if self.ended is None:
            self.kill()
            self.ended = status_text(os.waitpid(self.pid, 0)[1])
        return self.ended

    def close(self):
        self.kill()
        self.reap()
        self.connection.close()
        OPEN.remove(self.connection)


class Died(Exception):
    """The process ended before it answered; the message says how."""


class OutOfTime(BaseException):
    """A check ran past its time limit (a BaseException, so that pythonwhat's `except Exception` lets it through)."""


def remaining(deadline):
    """Return the seconds left until `deadline` (None: no limit); raise OutOfTime when none are left."""
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise OutOfTime
    return left


def serve(connection, shell):
    """A process's life: answer its session's messages until it is told to exit. Never returns."""
    try:
        while True:
            try:
                message = connection.recv()
            except (EOFError, OSError):
                break
            kind = message[0]
            if kind == "exit":
                break
            if kind == "run":  # ("run", part, code): the error as data, or None
                answer = run_part(shell.user_ns, message[1], message[2])[1]
            elif kind == "submit":  # ("submit", part, code): as pythonwhat.local.run_code passes it on
                output, error, exception = run_part(shell.user_ns, message[1], message[2])
                answer = (output, None, None) if exception is None else ("", str(exception), error)
            elif kind == "task":
                try:
                    answer = message[1](shell)
                except BaseException as error:  # as pythonwhat.local.CaptureErrors
                    answer = [{"type": "backend-error", "payload": str(error)}]
            else:  # ("values", names)
                answer = results_of(shell.user_ns, message[1])
            try:
                connection.send(answer)
            except Exception as error:  # the answer does not pickle
                connection.send([{"type": "backend-error", "payload": str(error)}])
    finally:
        os._exit(0)


# The SCT, with pythonwhat, in the session


def feedback_text(message):
    """Return pythonwhat's HTML feedback as text for a terminal (`<code>x &lt; 1</code>` -> `x < 1`): the one
    conversion of feedback to text, for the checks' messages, the mutants' table and the generic-feedback patterns."""
    return html.unescape(message.replace("<code>", "`").replace("</code>", "`"))


def run_sct(sct, pec, solution_code, code, student, solution, output, error, compared=None):
    """Run the SCT with pythonwhat's `test_exercise` against the two processes; return its verdict as data.

    Raises OutOfTime at the processes' deadline. Every pair of values the SCT compares (the
    submission's, the solution's) is appended to `compared`, if given.
    """
    from protowhat.failure import InstructorError
    from protowhat.Reporter import Reporter
    from pythonwhat.Test import EqualTest
    from pythonwhat.test_exercise import test_exercise

    failed_at = []
    build_failed_payload = Reporter.build_failed_payload
    equal_test_init = EqualTest.__init__

    def remember_line(reporter, feedback):
        # test_exercise catches the Failure and keeps only its message; while it is
        # being handled, its traceback still shows which SCT line failed.
        failure = sys.exc_info()[1]
        failed_at.append(line_in(SCT, failure) if failure else None)
        return build_failed_payload(reporter, feedback)

    def remember_values(test, obj1, obj2, *args, **kwargs):
        # has_expr (has_equal_value, has_equal_output, check_call's checks, ...) compares results of
        # running code; the other EqualTests compare code, which results do not depend on.
        if compared is not None and sys._getframe(1).f_code.co_name == "has_expr":
            compared.append((obj1, obj2))
        equal_test_init(test, obj1, obj2, *args, **kwargs)

    Reporter.build_failed_payload = remember_line
    EqualTest.__init__ = remember_values
    note(SCT)
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            result = test_exercise(
                sct=compile(sct, label(SCT), "exec"),
                student_code=code,
                solution_code=solution_code,
                pre_exercise_code=pec,
                student_process=student,
                solution_process=solution,
                raw_student_output=output,
                ex_type="NormalExercise",
                error=error,
            )
    except InstructorError as problem:
        return {
            "kind": "raised",
            "part": SCT,
            "ename": "InstructorError",
            "evalue": feedback_text(str(problem)),
            "line": None,
            "name": None,
        }
    except OutOfTime:
        raise
    except BaseException as problem:
        return raised(SCT, problem)
    finally:
        Reporter.build_failed_payload = build_failed_payload
        EqualTest.__init__ = equal_test_init
    message = str(result.get("message", ""))
    line = failed_at[-1] if failed_at else None
    return {"kind": "sct", "correct": bool(result.get("correct")), "message": feedback_text(message), "html": message, "line": line}


# One exercise's check: the session's work


def check_exercise(check):
    """Run the solution once, then check each submission with the SCT; return the outcome as data.

    `check` holds `pec`, `solution`, `sct` (None: only run the solution) and `submissions`
    ([part, code] pairs), and optionally:
    - `time_limit`: seconds the solution's run, and each submission's run and check, may take;
    - `compare`: tell for each submission whether its results are the first submission's
      (its output, the values of `names[i]`, its figures, and the values the SCT compared);
    - `pec_once`: run the pre-exercise code once, here, and fork the solution's and every
      submission's process from the state it left (files, random generators included), rather
      than run it in each (for the mutants of an exercise whose pre-exercise code is slow);
    - `check_after_solution_error`: as pythonwhat's harness, check the submissions even if the
      solution raised (its error is recorded).
    """
    began = time.monotonic()
    pec, solution_code, sct = check["pec"], check["solution"], check.get("sct")
    submissions, limit = check["submissions"], check.get("time_limit")
    namespace, states = None, None
    if check.get("pec_once"):
        note(PEC)
        namespace = Shell().user_ns
        os.makedirs(PEC)
        os.chdir(PEC)
        failure = run_part(namespace, PEC, pec)[1]
        os.chdir("..")
        if failure:
            return {"solution_error": failure, "verdicts": [], "seconds": [], "elapsed": 0.0}
        numpy = sys.modules.get("numpy")
        states = (random.getstate(), numpy.random.get_state() if numpy else None)

    def fork(name):
        if namespace is None:
            os.makedirs(name)
        else:
            shutil.copytree(PEC, name)
        return ForkedProcess(name, namespace, states)

    if sct is None and namespace is None:
        # Nothing to check it with: the solution runs here, in this fresh session, as it would in a process
        # of its own (a process it ends, or a timeout, is the session's, blamed on the part it was running).
        os.makedirs(SOLUTION)
        os.chdir(SOLUTION)
        fresh_random_states()
        namespace = Shell().user_ns
        for part, code in ((PEC, pec), (SOLUTION, solution_code)):
            note(part, os.path.join("..", AT))
            error = run_part(namespace, part, code)[1]
            if error:
                return {"solution_error": error, "verdicts": []}
        return {"solution_error": None, "verdicts": []}
    solution = fork(SOLUTION)
    if sct is None:
        try:
            return {"solution_error": run_solution(solution, None, solution_code, limit), "verdicts": []}
        finally:
            solution.close()
    students = [fork(f"submission-{index + 1}") for index in range(len(submissions))]
    try:
        started = []  # each submission starts at once, beside the solution: when, or how it died
        for student, (part, code) in zip(students, submissions):
            try:
                if namespace is None:
                    student.connection.send(("run", PEC, pec))
                student.connection.send(("submit", part, code))
                started.append(time.monotonic())
            except OSError:
                started.append(died(part, student.reap()))
        failure = run_solution(solution, None if namespace else pec, solution_code, limit)
        if failure and not (check.get("check_after_solution_error") and failure["kind"] == "raised"):
            return {"solution_error": failure, "verdicts": [], "seconds": [], "elapsed": time.monotonic() - began}
        outcome = {"solution_error": failure, "verdicts": [], "seconds": []}
        first = None
        for index, (student, (part, code), start) in enumerate(zip(students, submissions, started)):
            if isinstance(start, dict):
                outcome["verdicts"].append(start)
                outcome["seconds"].append(0.0)
                continue
            try:
                note(part)
                # The submission ran beside the others from `start`; its check gets a time limit of its own.
                answers = []  # the pre-exercise code's (its errors are dropped, as the harness drops them), the submission's
                for _ in range(2 if namespace is None else 1):
                    if not student.connection.poll(None if limit is None else max(0.0, start + limit - time.monotonic())):
                        raise OutOfTime
                    answers.append(student.connection.recv())
                output, error, student_error = answers[-1]
                deadline = None if limit is None else time.monotonic() + limit
                student.deadline = solution.deadline = deadline
                values = student.call(("values", check["names"][index]), remaining(deadline)) if check.get("compare") else {}
                compared = []
                verdict = run_sct(sct, pec, solution_code, code, student, solution, output, error, compared)
                if verdict["kind"] == "sct":
                    verdict["student_error"] = student_error
                    if check.get("compare"):
                        results = (output, values, compared)
                        first = first or results
                        verdict["same_results"] = same_results(results, first)
            except (EOFError, OSError, Died):
                verdict = died(part, student.reap())
            except OutOfTime:
                verdict = timed_out(part, limit or 0.0)
            student.close()
            outcome["verdicts"].append(verdict)
            outcome["seconds"].append(time.monotonic() - start)
        outcome["elapsed"] = time.monotonic() - began
        return outcome
    finally:
        for process in [solution] + students:
            if process.connection in OPEN:
                process.close()


def run_solution(process, pec, solution_code, limit):
    """Run the pre-exercise code (unless None: the process has run it), then the solution; return the first error as data."""
    deadline = None if limit is None else time.monotonic() + limit
    steps = ([(PEC, pec)] if pec is not None else []) + [(SOLUTION, solution_code)]
    for part, code in steps:
        note(part)
        try:
            error = process.call(("run", part, code), remaining(deadline))
        except Died as ended:
            return died(part, str(ended))
        except OutOfTime:
            return timed_out(part, limit or 0.0)
        if error:
            return error
    return None


# Telling a submission's results from the solution's (the mutants' equivalence)


def results_of(namespace, names):
    """Return the values of `names` that are data (not functions, classes or modules), and the figures."""
    import types

    values = {}
    for name in names:
        if name in namespace:
            value = namespace[name]
            if not isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.ModuleType, type)):
                values[name] = portable(value)
    if "matplotlib.pyplot" in sys.modules:
        values[FIGURES] = figures()
    return values


class Opaque:
    """A value that cannot leave its process (it does not pickle): compared by type only."""

    def __init__(self, kind):
        self.kind = kind

    def __eq__(self, other):
        return isinstance(other, Opaque) and other.kind == self.kind


def portable(value):
    """Return the value if it pickles, else an Opaque standing for it."""
    try:
        pickle.dumps(value)
    except Exception:
        return Opaque(type(value).__name__)
    return value


def figures():
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


def same_results(a, b):
    """Are two submissions' results (output, values, compared) the same?"""
    (output_a, values_a, compared_a), (output_b, values_b, compared_b) = a, b
    if not same_output(output_a, output_b):
        return False
    if not all(same_value(values_a.get(name), values_b.get(name)) for name in set(values_a) | set(values_b)):
        return False
    return all(same_value(mine, solutions) for compared in (compared_a, compared_b) for mine, solutions in compared)


def same_output(a, b):
    """Are two printed outputs the same, numbers within the tolerance?"""
    if a == b:
        return True
    if NUMBER.sub("#", a) != NUMBER.sub("#", b):
        return False
    return all(close(float(x), float(y)) for x, y in zip(NUMBER.findall(a), NUMBER.findall(b)))


def close(x, y):
    return x == y or (math.isnan(x) and math.isnan(y)) or abs(x - y) <= ATOL + RTOL * abs(y)


def same_value(a, b):
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
    # An object without an equality of its own (a random generator, a plain class) is equal only to itself:
    # two such objects are the same when their state is, which their pickles hold.
    try:
        equal = a == b if type(a).__eq__ is not object.__eq__ else None
        if isinstance(equal, bool):
            return equal
    except Exception:
        pass
    try:
        return pickle.dumps(a) == pickle.dumps(b)
    except Exception:
        return repr(a) == repr(b)


# The template


def warm_up():
    """Import what exercises use (what is installed), then run a tiny exercise's SCT so that pythonwhat's caches are warm."""
    for module in WARM_MODULES:
        try:
            importlib.import_module(module)
        except ImportError:
            pass
    if "pythonwhat.test_exercise" not in sys.modules:
        return
    from pythonwhat.local import StubProcess
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
                student_process=StubProcess(pec + "\n" + student),
                solution_process=StubProcess(pec + "\n" + code),
                raw_student_output="3\n",
                ex_type="NormalExercise",
                error=None,
            )


def versions():
    """Return the Python and the versions of the warm modules' packages, for the owner to show."""
    found = {"python": ".".join(str(part) for part in sys.version_info[:3])}
    for module in WARM_MODULES:
        package = sys.modules.get(module.split(".")[0])
        if package is not None:
            found[package.__name__] = getattr(package, "__version__", "?")
    return found


def start_session(request):
    """In a process forked from the template: run one request's check in its folder, write its result. Never returns."""
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        workdir = request["workdir"]
        os.chdir(workdir)
        # Nothing the exercise's code writes to the file descriptors reaches the template's answers.
        log = os.open(LOG, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        for fd in (1, 2):
            os.dup2(log, fd)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        sys.stdin = io.TextIOWrapper(io.BytesIO())
        try:
            result = {"value": check_exercise(request["check"])}
        except BaseException:
            result = {"crash": traceback.format_exc()}
        result = json.dumps(result)
        with open(os.path.join(workdir, RESULT + ".part"), "w") as file:
            file.write(result)
        os.rename(os.path.join(workdir, RESULT + ".part"), os.path.join(workdir, RESULT))
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(0)


def serve_template():
    """The template's loop: a session for each request, until its owner closes standard input."""
    answers = sys.stdout
    sys.stdout = sys.stderr  # anything printed here must not garble the answers

    def answer(message):
        answers.write(json.dumps(message) + "\n")
        answers.flush()

    answer({"ready": versions()})
    sessions = {}  # pid -> request id
    requests = sys.stdin.buffer
    pending = b""
    while True:
        readable = select.select([requests], [], [], 0.01 if sessions else None)[0]
        if readable:
            chunk = os.read(requests.fileno(), 1 << 16)
            if not chunk:
                break
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                request = json.loads(line.decode("utf-8"))
                pid = os.fork()
                if pid == 0:
                    start_session(request)
                sessions[pid] = request["id"]
                answer({"id": request["id"], "pid": pid})
        while sessions:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if not pid:
                break
            if pid in sessions:
                answer({"id": sessions.pop(pid), "ended": status_text(status)})
    for pid in sessions:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal is the owner's to handle
    sys.path[:] = [path for path in sys.path if os.path.abspath(path or ".") != os.path.dirname(os.path.abspath(__file__))]
    warm_up()
    serve_template()
