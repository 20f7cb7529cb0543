"""The checks of one exercise, without pytest, and the errors they give its author: what its code needs of
Python, its solution in the runtime and on the site's Python, its SCT on the solution, the sample, the
alternatives, the learners' answers and the mutants.

Each exercise runs in sessions of the exercise runtime (`harness.py`, scheduled by `sessions.py`).
"""

from __future__ import annotations

import functools
import json
import re
import traceback

from ..errors import ContentError
from ..front_matter import DEFAULT_TIMEOUT
from ..model import Code, Exercise, Post
from ..parts import SETTINGS_BY_KEY
from ..runtime import PACKAGES_FILE, ROOT, distribution_of, newer_than_runtime, pinned, version_text
from ..sources import Source
from . import mutants
from .answers import Answer, answers_path
from .names import names_bound
from .results import Result, guarded
from .sessions import Job, Outcome, Sessions
from .verdicts import ALTERNATIVE, PEC, SAMPLE, SCT, SOLUTION, Died, Raised, SctOutcome, SctRun, TimedOut, Verdict, outcome_of

PART_NAMES = {
    PEC: "the pre-exercise code",
    SAMPLE: "the sample code",
    SOLUTION: "the solution",
    SCT: "the SCT",
    ALTERNATIVE: f"a {ALTERNATIVE}",
}
ACCEPT = SETTINGS_BY_KEY["accept-mutants"].key  # the exercise setting that lists the mutants its SCT may pass
# An exercise's mutants are checked in sessions of at most this many, so that they spread over the cores.
MUTANTS_PER_SESSION = 10


def exercise_timeout(post: Post, exercise: Exercise, default: float = DEFAULT_TIMEOUT) -> float:
    """Seconds one check of the exercise may run: its `timeout` setting, else the front matter's, else `default`."""
    return float(exercise.settings.get("timeout") or post.front_matter.get("timeout") or default)


# The exercise checks. Each exercise runs in one session of the exercise runtime (harness.py):
# the solution, then (if it has an SCT) the solution, the sample and the alternatives as
# submissions, each in a fresh process of its own, with the SCT in the session.


def submissions_of(exercise: Exercise) -> list[tuple[str, str]]:
    """The code an exercise's session checks with its SCT: the solution, the sample (unless it may pass), each solution-alternative."""
    submissions = [(SOLUTION, exercise.part(SOLUTION))]
    if not exercise.settings.get("sample-may-pass"):
        submissions.append((SAMPLE, exercise.part(SAMPLE)))
    return submissions + [(ALTERNATIVE, code) for _, code in exercise.copies(ALTERNATIVE)]


def exercise_job(source: Source, post: Post, exercise: Exercise, default_timeout: float = DEFAULT_TIMEOUT) -> Job:
    """The session of an exercise in the runtime: pre-exercise code and solution; the SCT on the solution, the sample and the alternatives."""
    sct = exercise.part(SCT) if SCT in exercise.cells else None
    check = {"pec": exercise.part(PEC), "solution": exercise.part(SOLUTION), "sct": sct, "submissions": submissions_of(exercise)}
    return Job((str(source.path), exercise.name), check, exercise_timeout(post, exercise, default_timeout))


def site_python_job(source: Source, post: Post, exercise: Exercise, default_timeout: float = DEFAULT_TIMEOUT) -> Job:
    """The session that runs the exercise's pre-exercise code and solution on the site's Python, as a reader's copy runs."""
    check = {"pec": exercise.part(PEC), "solution": exercise.part(SOLUTION), "sct": None, "submissions": []}
    return Job((str(source.path), exercise.name, "site"), check, exercise_timeout(post, exercise, default_timeout), where="site")


@functools.lru_cache(maxsize=256)
def mutants_of(solution: str, sample: str, pec: str) -> tuple[mutants.Mutant, ...]:
    """The mutants of a solution (cached: each mutants check and the session plan ask for them)."""
    return tuple(mutants.mutants_of(solution, sample, pec))


def exercise_mutants(exercise: Exercise) -> tuple[mutants.Mutant, ...]:
    """The mutants of the exercise's solution."""
    return mutants_of(exercise.part(SOLUTION), exercise.part(SAMPLE), exercise.part(PEC))


def mutants_jobs(source: Source, post: Post, exercise: Exercise, default_timeout: float = DEFAULT_TIMEOUT) -> list[Job]:
    """The sessions that check the exercise's mutants, MUTANTS_PER_SESSION each.

    Each runs the solution once, then checks the solution itself (whose results
    the mutants' are compared with) and its mutants, each as a submission, each
    check within the exercise's `timeout`.
    """
    timeout = exercise_timeout(post, exercise, default_timeout)
    found = exercise_mutants(exercise)
    jobs = []
    for start in range(0, len(found), MUTANTS_PER_SESSION):
        chunk = found[start : start + MUTANTS_PER_SESSION]
        submissions = [(SOLUTION, exercise.part(SOLUTION))] + [(SOLUTION, mutant.code) for mutant in chunk]
        solution_names = set(names_bound(exercise.part(SOLUTION)))
        check = {
            "pec": exercise.part(PEC),
            "solution": exercise.part(SOLUTION),
            "sct": exercise.part(SCT),
            "submissions": submissions,
            # The mutants' results are compared with the solution's: their output, the values of the names either binds.
            "compare": True,
            "names": [sorted(solution_names | set(names_bound(code))) for _, code in submissions],
            "time_limit": timeout,
            "pec_once": True,  # an exercise's pre-exercise code may be slow: it runs once for all of them
        }
        key = (str(source.path), exercise.name, f"mutants {start + 1}-{start + len(chunk)}")
        jobs.append(Job(key, check, timeout * (len(submissions) + 1)))
    return jobs


BEFORE_SCT = (None, PEC, SOLUTION)  # an exercise session's notes until its solution has run


@guarded
def check_solution(sessions: Sessions, source: Source, post: Post, exercise: Exercise, default_timeout: float = DEFAULT_TIMEOUT) -> None:
    """Run the pre-exercise code, then the solution, in a fresh session of the runtime; raise ContentError if either fails."""
    job = exercise_job(source, post, exercise, default_timeout)
    outcome = sessions.outcome(job)
    if (outcome.timed_out or outcome.died) and outcome.at not in BEFORE_SCT:
        return  # the solution ran; what went wrong afterwards is the SCT check's to report
    raise_unless_ok(source, post, exercise, outcome, job.timeout, "the pre-exercise code and the solution")
    result = outcome_of(outcome.value)
    if result.solution_error:
        raise part_error(source, post, exercise, result.solution_error)


@guarded
def check_site_python(sessions: Sessions, source: Source, post: Post, exercise: Exercise, default_timeout: float = DEFAULT_TIMEOUT) -> None:
    """Run the pre-exercise code, then the solution, on the site's Python, as a reader runs the copied code; raise ContentError if either fails."""
    job = site_python_job(source, post, exercise, default_timeout)
    outcome = sessions.outcome(job)
    raise_unless_ok(source, post, exercise, outcome, job.timeout, "the pre-exercise code and the solution on the site's Python")
    result = outcome_of(outcome.value)
    if result.solution_error:
        raise part_error(
            source,
            post,
            exercise,
            result.solution_error,
            also="on the site's Python and packages, where a reader runs the copied code (the page's \"Copy code\")",
        )


@guarded
def check_sct(sessions: Sessions, source: Source, post: Post, exercise: Exercise, default_timeout: float = DEFAULT_TIMEOUT) -> None:
    """Run the SCT with pythonwhat in the runtime: it must pass on the solution and fail on the sample."""
    job = exercise_job(source, post, exercise, default_timeout)
    outcome = sessions.outcome(job)
    what = (
        "the pre-exercise code and the solution, so the SCT cannot be checked"
        if outcome.at in BEFORE_SCT
        else "the SCT on the solution and on the sample"
    )
    raise_unless_ok(source, post, exercise, outcome, job.timeout, what)
    result = outcome_of(outcome.value)
    if result.solution_error:
        raise part_error(source, post, exercise, result.solution_error, also="so the SCT cannot be checked")
    on_solution = result.verdicts[0]
    if isinstance(on_solution, TimedOut):
        raise timed_out(source, exercise, on_solution, "the SCT on the solution")
    if isinstance(on_solution, (Raised, Died)):
        raise part_error(source, post, exercise, on_solution)
    if not on_solution.correct:
        raise source.error(
            "the SCT fails on the solution",
            cell=exercise.cells[SCT],
            exercise=exercise.name,
            source=exercise.part(SCT),
            line=on_solution.line,
            detail=f"pythonwhat's feedback: {on_solution.message}",
            fix="fix the SCT (or the solution): submitting the solution must pass",
            kind="sct",
        )
    parts = [part for part, _ in submissions_of(exercise)]
    on_sample = result.verdicts[parts.index(SAMPLE)] if SAMPLE in parts else None
    if isinstance(on_sample, TimedOut):
        raise timed_out(source, exercise, on_sample, "the SCT on the sample")
    if isinstance(on_sample, (Raised, Died)):
        raise part_error(source, post, exercise, on_sample, also="when checking the sample code")
    if on_sample is not None and on_sample.correct:
        raise source.error(
            "the sample code already passes the SCT",
            cell=exercise.cells.get(SAMPLE, exercise.cells[SCT]),
            exercise=exercise.name,
            source=exercise.part(SAMPLE) or None,
            detail=f"pythonwhat's feedback on the untouched sample: {on_sample.message or '(none)'}",
            fix="make the SCT check what the reader has to change, or set `sample-may-pass: true` "
            "on the exercise if it is a pure 'run this' exercise",
            kind="sct",
        )


def timed_out(source: Source, exercise: Exercise, verdict: TimedOut, what: str) -> ContentError:
    """Return the ContentError for a check that ran longer than the exercise's `timeout`."""
    return source.error(
        f"timed out after {verdict.seconds:g} s running {what}",
        cell=exercise.cells.get(verdict.part, exercise.cells[SOLUTION]),
        exercise=exercise.name,
        fix="look for an endless loop; if the code is just slow, raise the exercise's `timeout` setting "
        "(seconds; or `timeout` in the front matter for the whole notebook)",
        kind="timeout",
    )


def checked_solution(source: Source, post: Post, exercise: Exercise, outcome: Outcome, timeout: float, what: str) -> SctOutcome:
    """Return a session's outcome once its solution ran and passed its SCT; raise ContentError if they did not.

    `what` names the checks that then cannot be made ("the alternatives").
    """
    raise_unless_ok(source, post, exercise, outcome, timeout, f"the SCT on {what}")
    result = outcome_of(outcome.value)
    also = f"so {what} cannot be checked"
    if isinstance(result.solution_error, TimedOut):
        raise timed_out(source, exercise, result.solution_error, f"{PART_NAMES[result.solution_error.part]}, {also}")
    if result.solution_error:
        raise part_error(source, post, exercise, result.solution_error, also=also)
    on_solution = result.verdicts[0]
    if not (isinstance(on_solution, SctRun) and on_solution.correct):
        raise source.error(
            f"the SCT does not pass the solution, {also}",
            cell=exercise.cells[SCT],
            exercise=exercise.name,
            detail=verdict_text(on_solution),
            fix=f"make the SCT pass the solution first (see {source.slug}::{exercise.name}::sct)",
            kind="sct",
        )
    return result


def verdict_text(verdict: Verdict) -> str:
    """Return what a verdict says, in a line for the author."""
    if isinstance(verdict, SctRun):
        said = f"pythonwhat's feedback: {verdict.message}"
        error = verdict.student_error
        return said + (f"\n(it raised {error.detail}" + (f" on its line {error.line})" if error.line else ")") if error else "")
    if isinstance(verdict, Raised):
        return f"{PART_NAMES[verdict.part]} raised {verdict.detail}" + (f" on its line {verdict.line}" if verdict.line else "")
    if isinstance(verdict, Died):
        return f"{PART_NAMES.get(verdict.part, verdict.part)} ended the Python process it ran in ({verdict.how})"
    return f"{PART_NAMES.get(verdict.part, verdict.part)} ran longer than {verdict.seconds:g} s"


@guarded
def check_alternatives(
    sessions: Sessions, source: Source, post: Post, exercise: Exercise, default_timeout: float = DEFAULT_TIMEOUT
) -> None:
    """Run the SCT on each solution-alternative: each is a correct answer, so each must pass."""
    job = exercise_job(source, post, exercise, default_timeout)
    result = checked_solution(source, post, exercise, sessions.outcome(job), job.timeout, f"the {ALTERNATIVE} cells")
    parts = [part for part, _ in submissions_of(exercise)]
    verdicts = result.verdicts[parts.index(ALTERNATIVE) :]
    rejected: list[tuple[int, str]] = []
    for (cell, code), verdict in zip(exercise.copies(ALTERNATIVE), verdicts):
        if isinstance(verdict, Raised) and verdict.part == SCT:
            raise part_error(source, post, exercise, verdict, also=f"when checking the {ALTERNATIVE} in cell {cell}")
        if isinstance(verdict, SctRun) and verdict.correct:
            continue
        diff = mutants.diff_of(exercise.part(SOLUTION), code, f"{ALTERNATIVE} (cell {cell})")
        rejected.append((cell, f"The {ALTERNATIVE} in cell {cell}: {verdict_text(verdict)}\n{diff}"))
    if rejected:
        total = len(exercise.copies(ALTERNATIVE))
        raise source.error(
            f"the SCT rejects {len(rejected)} of the {total} {ALTERNATIVE} cell(s): correct answers written another way",
            cell=rejected[0][0],
            exercise=exercise.name,
            detail="\n\n".join(text for _, text in rejected),
            fix="make the SCT accept every correct answer: compare results rather than code, and numbers with a tolerance "
            "(has_equal_value(func=...) with np.allclose; docs/checks.md: 'Writing SCTs that pass the bar'); "
            f"if the {ALTERNATIVE} is in fact wrong, fix or delete it",
            kind="alternative",
        )


# An exercise's learners' answers are checked in sessions of at most this many, as its mutants are.
ANSWERS_PER_SESSION = 10


def learners_jobs(
    source: Source, post: Post, exercise: Exercise, answers: list[Answer], default_timeout: float = DEFAULT_TIMEOUT
) -> list[Job]:
    """The sessions that run the SCT on the exercise's learners' answers: the solution, then ANSWERS_PER_SESSION answers each."""
    timeout = exercise_timeout(post, exercise, default_timeout)
    jobs = []
    for start in range(0, len(answers), ANSWERS_PER_SESSION):
        chunk = answers[start : start + ANSWERS_PER_SESSION]
        submissions = [(SOLUTION, exercise.part(SOLUTION))] + [(SOLUTION, answer.code) for answer in chunk]
        check = {
            "pec": exercise.part(PEC),
            "solution": exercise.part(SOLUTION),
            "sct": exercise.part(SCT),
            "submissions": submissions,
            "time_limit": timeout,
            "pec_once": True,
        }
        key = (str(source.path), exercise.name, f"learners {start + 1}-{start + len(chunk)}")
        jobs.append(Job(key, check, timeout * (len(submissions) + 1)))
    return jobs


def answer_problem(answer: Answer, verdict: Verdict) -> str | None:
    """What is wrong with the SCT's verdict on a learner's answer, if anything."""
    if isinstance(verdict, Raised) and verdict.part == SCT:
        return f"the SCT itself raised {verdict.detail} on it, so the reader gets no feedback"
    accepted = isinstance(verdict, SctRun) and verdict.correct
    if answer.valid:
        return None if accepted else f"rejected, but it is correct: {verdict_text(verdict)}"
    if accepted:
        return "accepted, but it is wrong"
    if not isinstance(verdict, SctRun):
        return f"the reader gets no feedback: {verdict_text(verdict)}"
    if mutants.is_generic(verdict.message):
        return f"rejected with only pythonwhat's generic feedback, which does not say what is wrong: {verdict.message!r}"
    if answer.feedback not in verdict.message:
        return f"rejected, but the feedback does not say {answer.feedback!r}: it says {verdict.message!r}"
    return None


@guarded
def check_learners(
    sessions: Sessions, source: Source, post: Post, exercise: Exercise, answers: list[Answer], default_timeout: float = DEFAULT_TIMEOUT
) -> str | None:
    """Run the SCT on the exercise's learners' answers: every wrong one rejected with its feedback, every valid one accepted."""
    if not answers:
        return f"{answers_path(source.path)} lists no answers to this exercise"
    jobs = learners_jobs(source, post, exercise, answers, default_timeout)
    outcomes = [checked_solution(source, post, exercise, sessions.outcome(job), job.timeout, "the learners' answers") for job in jobs]
    verdicts = [verdict for outcome in outcomes for verdict in outcome.verdicts[1:]]
    problems = []
    for answer, verdict in zip(answers, verdicts, strict=True):
        problem = answer_problem(answer, verdict)
        if problem:
            diff = mutants.diff_of(exercise.part(SOLUTION), answer.code, f"{answer.kind} answer")
            problems.append(f"The {answer.name}: {problem}" + (f"\n{diff}" if diff else " (its code is the solution's)"))
    if problems:
        raise source.error(
            f"the SCT gets {len(problems)} of the {len(answers)} learners' answers in {answers_path(source.path).name} wrong",
            cell=exercise.cells[SCT],
            exercise=exercise.name,
            detail="\n\n".join(problems),
            fix="make the SCT reject each wrong answer with feedback that names its mistake, and accept each valid one "
            "(docs/checks.md: 'Learners' answers'); if an answer's expected feedback or kind is itself wrong, fix it in the answers file",
            kind="learners",
        )
    return None


def tally_mutants(found: tuple[mutants.Mutant, ...], outcomes: list[SctOutcome]) -> mutants.Tally:
    """Sort the mutants by the verdicts their sessions gave (each session: the solution, then its mutants)."""
    tally = mutants.Tally(seconds=sum(outcome.elapsed for outcome in outcomes))
    verdicts = [verdict for outcome in outcomes for verdict in outcome.verdicts[1:]]
    for mutant, verdict in zip(found, verdicts):
        if isinstance(verdict, SctRun) and verdict.same_results:
            tally.add(mutant, mutants.EQUIVALENT, verdict.message)
        elif isinstance(verdict, SctRun) and verdict.correct:
            tally.add(mutant, mutants.SURVIVED, verdict.message)
        elif isinstance(verdict, SctRun):
            tally.add(mutant, mutants.GENERIC if mutants.is_generic(verdict.message) else mutants.SPECIFIC, verdict.message)
        elif isinstance(verdict, Raised):  # the SCT itself raised on the mutant: the reader gets no feedback
            tally.add(mutant, mutants.GENERIC, f"(the SCT raised {verdict.detail})")
        elif isinstance(verdict, Died):
            tally.add(mutant, mutants.GENERIC, f"(the mutant ended the Python process it ran in: {verdict.how})")
        else:
            tally.add(mutant, mutants.GENERIC, f"(the mutant and its check ran longer than {verdict.seconds:g} s)")
    return tally


def check_mutants(
    sessions: Sessions, source: Source, post: Post, exercise: Exercise, default_timeout: float = DEFAULT_TIMEOUT, strict: bool = False
) -> Result:
    """Check the SCT on the solution's mutants: it must fail every wrong one (or the exercise accepts it), saying what is wrong.

    Fails on a surviving mutant the exercise does not accept, and on an accepted
    one that no longer survives; warns when mutants get only generic feedback,
    and with `strict` fails when they are more than GENERIC_SHARE of the killed ones.
    """
    tally = None
    try:
        if not exercise_mutants(exercise) and not exercise.settings.get(ACCEPT):
            return Result(
                skipped="the solution has no mutants: the sample code gives all of it, or nothing in it is one of the mistakes the operators make"
            )
        jobs = mutants_jobs(source, post, exercise, default_timeout)
        outcomes = [checked_solution(source, post, exercise, sessions.outcome(job), job.timeout, "its mutants") for job in jobs]
        tally = tally_mutants(exercise_mutants(exercise), outcomes)
        return Result(warning=judge_mutants(source, exercise, tally, strict), measured=tally)
    except ContentError as error:
        return Result(error=error, measured=tally)
    except Exception:
        return Result(internal=traceback.format_exc(), measured=tally)


def judge_mutants(source: Source, exercise: Exercise, tally: mutants.Tally, strict: bool) -> str | None:
    """Raise ContentError for surviving mutants the exercise does not accept, or accepted ones that do not survive; return the warning on generic feedback, if any."""
    accepted: dict[str, str] = exercise.settings.get(ACCEPT, {})
    solution = exercise.part(SOLUTION)
    wrong = [(mutant, message) for mutant, message in tally.of(mutants.SURVIVED) if mutant.id not in accepted]
    if wrong:
        shown = "\n\n".join(
            f"Mutant {mutant.id} ({mutant.change}) passes; pythonwhat's feedback: {message}\n{mutant.diff(solution)}"
            for mutant, message in wrong
        )
        example = json.dumps({wrong[0][0].id: "why this is a correct answer, or a mistake the exercise need not catch"}, ensure_ascii=False)
        raise source.error(
            f"the SCT passes {len(wrong)} wrong answer(s): mutants of the solution",
            cell=exercise.cells[SCT],
            exercise=exercise.name,
            detail=shown,
            fix="make the SCT check what each mutant gets wrong (docs/checks.md: 'Writing SCTs that pass the bar'); if a mutant is in fact "
            f"a correct answer, or a mistake the exercise need not catch, accept it in the exercise's metadata: {ACCEPT}={example}",
            kind="mutants",
        )
    survived = {mutant.id for mutant, _ in tally.of(mutants.SURVIVED)}
    stale = [name for name in accepted if name not in survived]
    if stale:
        generated = {mutant.id for mutant in exercise_mutants(exercise)}
        equivalent = {mutant.id for mutant, _ in tally.of(mutants.EQUIVALENT)}

        def now(name: str) -> str:
            if name in equivalent:
                return "it is equivalent now: its results are the solution's, so it needs no acceptance"
            return "the SCT fails it now" if name in generated else "the solution has no such mutant (any more)"

        why = [f"{name}: {now(name)}" for name in stale]
        raise source.error(
            f"`{ACCEPT}` lists {len(stale)} mutant(s) that do not pass the SCT",
            cell=exercise.cells[SCT],
            exercise=exercise.name,
            detail="\n".join(why),
            fix=f"remove them from `{ACCEPT}` (`make mutants` lists the mutants of every exercise)",
            kind="mutants",
        )
    generic = tally.of(mutants.GENERIC)
    if not generic:
        return None
    strict_fails = strict and tally.generic_share > mutants.GENERIC_SHARE
    finding = source.error(
        f"{len(generic)} of the {tally.killed} mutants the SCT fails ({tally.generic_share:.0%}) get only generic feedback"
        + (f", more than {mutants.GENERIC_SHARE:.0%} (STRICT=1)" if strict_fails else ""),
        cell=exercise.cells[SCT],
        exercise=exercise.name,
        detail="\n".join(f"{mutant.id} ({mutant.change}): {message}" for mutant, message in generic),
        fix="give the checks of these lines a `missing_msg`, `incorrect_msg` or `error_msg` that says what is wrong "
        "(docs/checks.md: 'Writing SCTs that pass the bar')",
        kind="mutants",
    )
    if strict_fails:
        raise finding
    return str(finding)


@guarded
def check_sample(source: Source, exercise: Exercise) -> None:
    """Compile the sample code; blanks such as `___` are names and compile."""
    try:
        compile(exercise.part(SAMPLE), f"<{SAMPLE}>", "exec")
    except SyntaxError as error:
        raise part_error(source, None, exercise, Raised(SAMPLE, "SyntaxError", error.msg, error.lineno), verb="does not compile") from None


@guarded
def check_python_version(source: Source, exercise: Exercise) -> None:
    """Raise ContentError if a code part DataCamp Light runs uses what the runtime's Python lacks (syntax, standard library)."""
    findings = []
    for part in (PEC, SAMPLE, SOLUTION, SCT):
        if part in exercise.cells:
            for line, construct, needs in newer_than_runtime(exercise.part(part)):
                findings.append((part, line, construct, needs))
    if not findings:
        return
    part, line, construct, needs = findings[0]
    listed = "\n".join(
        f"{PART_NAMES[part]} (cell {exercise.cells[part]}), line {line}: {construct} (Python {needs} and later)"
        for part, line, construct, needs in findings
    )
    raise source.error(
        f"{PART_NAMES[part]} uses {construct} (Python {needs} and later); DataCamp Light runs exercises on Python {version_text()}",
        cell=exercise.cells[part],
        exercise=exercise.name,
        source=exercise.part(part),
        line=line,
        detail=listed,
        fix=f"write it for Python {version_text()} (docs/runtime.md): e.g. str.format for a self-documenting f-string, "
        "a loop for math.prod, {**a, **b} for a | b, an assignment before the test for `:=`",
        kind="runtime",
    )


def raise_unless_ok(source: Source, post: Post, exercise: Exercise, outcome: Outcome, timeout: float, what: str) -> None:
    """Raise ContentError for a session that timed out or that the author's code ended; RuntimeError for one that crashed."""
    if outcome.timed_out:
        raise source.error(
            f"timed out after {timeout:g} s running {what}",
            cell=exercise.cells[SOLUTION],
            exercise=exercise.name,
            fix="look for an endless loop; if the code is just slow, raise the exercise's `timeout` setting "
            "(seconds; or `timeout` in the front matter for the whole notebook)",
            kind="timeout",
        )
    if outcome.died and outcome.at in PART_NAMES:
        # The session died while it ran the author's code: the author's code ended it.
        raise part_error(source, post, exercise, Died(outcome.at, outcome.died))
    if outcome.crash:
        raise RuntimeError(f"the isolated session for exercise '{exercise.name}' crashed:\n{outcome.crash}")


def part_error(source: Source, post: Post | None, exercise: Exercise, error: Raised | Died, also: str = "", verb: str = "") -> ContentError:
    """Return the ContentError for an exception raised by one part of an exercise, or its process ending."""
    what = PART_NAMES[error.part]
    if isinstance(error, Died):
        return source.error(
            f"{what} ended the Python process it ran in ({error.how})" + (f", {also}" if also else ""),
            cell=exercise.cells.get(error.part),
            exercise=exercise.name,
            fix="the SCT must not end the process it runs in (os._exit, os.abort)"
            if error.part == SCT
            else f"{what} must not end its process (os._exit, os.abort, a crash in compiled code): "
            "on DataCamp Light that ends the reader's session",
            kind="execution",
        )
    package = missing_package(error)
    if package:
        return source.error(
            f"{what} imports `{error.name}`, and package {package} is not in the exercise runtime",
            cell=exercise.cells.get(error.part),
            exercise=exercise.name,
            source=exercise.part(error.part),
            line=error.line,
            detail=error.detail,
            fix=f"add `{package}==VERSION` to {PACKAGES_FILE.relative_to(ROOT)} (a version that installs on Python {version_text()}), "
            "then `make lock-runtime`: the page pins it for DataCamp Light and the checks install it",
            kind="environment",
        )
    message = f"{what} {verb or 'raised ' + error.ename}" + (f", {also}" if also else "")
    notes: list[str] = []
    fix = f"fix {what}; each exercise runs in a fresh Python session: the pre-exercise code, then the reader's code"
    if error.part == SCT:
        fix = "fix the SCT; it runs with pythonwhat after the submitted code"
    elif error.part == SAMPLE and verb:
        fix = "fix the syntax; blanks for the reader must be valid names such as `___`"
    elif error.ename == "AttributeError" and (pinned_module := module_lacking(error.evalue)):
        module, version = pinned_module
        notes.append(
            f"The exercise runtime has {module} {version} ({PACKAGES_FILE.relative_to(ROOT)}), as the page asks DataCamp Light for."
        )
        fix = f"use what {module} {version} has (its documentation), or pin a newer {module} in {PACKAGES_FILE.relative_to(ROOT)}"
    elif error.name and post is not None:
        cells = cells_defining(post, error.name, exercise)
        if cells:
            where = ", ".join(str(cell) for cell in cells)
            notes.append(f"`{error.name}` is defined in cell {where} of the notebook, but the exercise does not see other cells.")
            fix = f"define or import `{error.name}` in the exercise's pre-exercise code" + (
                f" (cell {exercise.cells[PEC]})" if PEC in exercise.cells else " (add a cell tagged 'pre-exercise-code')"
            )
    return source.error(
        message,
        cell=exercise.cells.get(error.part),
        exercise=exercise.name,
        source=exercise.part(error.part),
        line=error.line,
        detail=error.detail,
        notes=notes,
        fix=fix,
        kind="execution" if error.part != SAMPLE else "sample",
    )


def missing_package(error: Raised) -> str | None:
    """Return the package to declare when `error` is an import of a module that the runtime does not have, else None."""
    if error.ename != "ModuleNotFoundError" or not error.name:
        return None
    package = distribution_of(error.name.split(".")[0])
    return None if package in pinned() else package  # declared: the import failed further down


def module_lacking(evalue: str) -> tuple[str, str] | None:
    """For "module 'numpy.random' has no attribute …" of a pinned package, return (package, its pinned version)."""
    match = re.match(r"module '([\w.]+)' has no attribute", evalue)
    if not match:
        return None
    package = distribution_of(match.group(1).split(".")[0])
    return (package, pinned()[package]) if package in pinned() else None


def cells_defining(post: Post, name: str, exercise: Exercise) -> list[int]:
    """Return the numbers of the post's other cells that assign, define or import `name`."""
    sources = [(block.cell, block.source) for block in post.blocks if isinstance(block, Code)]
    for other in post.exercises:
        if other.name != exercise.name:
            sources += [(other.cells[tag], other.part(tag)) for tag in (PEC, SOLUTION) if tag in other.cells]
    return sorted(cell for cell, code in sources if name in names_bound(code))
