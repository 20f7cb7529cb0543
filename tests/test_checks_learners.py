"""Learners' answers (notebooks/SLUG.answers.toml): each runs through its exercise's SCT, and the author reads what went wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from checks_notebooks import Blog, Posts, exercise, post

from scripts.checks.answers import Answer, answers_path, read_answers
from scripts.errors import ContentError

pytest_plugins = ["pytester"]

SCT = """
def close(student, solution):
    return abs(student - solution) < 1e-9

Ex().check_function_def("mean").check_call("f([1.0, 2.0, 6.0])").has_equal_value(
    func=close, incorrect_msg="The mean of 1, 2 and 6 is 3, but `mean` returned `{{stu_eval}}`: divide the sum by the count.")
"""
SOLUTION = """
def mean(xs):
    return sum(xs) / len(xs)
"""
ANSWERS = """
[[mean.wrong]]
mistake = "divides by a fixed 2"
code = '''
def mean(xs):
    return sum(xs) / 2
'''
feedback = "divide the sum by the count"

[[mean.valid]]
idiom = "a loop"
code = '''
def mean(xs):
    total = 0
    for x in xs:
        total += x
    return total / len(xs)
'''
"""


@pytest.fixture
def blog(pytester: pytest.Pytester) -> Blog:
    blog = Blog(pytester)
    blog.write("demo", post(exercise("mean", solution=SOLUTION, sct=SCT)))
    return blog


def write_answers(folder: Path, text: str) -> None:
    (folder / "notebooks" / "demo.answers.toml").write_text(text, encoding="utf-8")


def test_a_post_without_answers_has_no_learners_check_and_one_with_answers_has_it_under_the_learners_mark(blog):
    result = blog.run("--collect-only", "-q")
    assert result.stdout.lines[:1] == ["notebooks/demo.py::flow"]
    assert "notebooks/demo.py::mean::learners" not in result.stdout.str()
    write_answers(blog.pytester.path, ANSWERS)
    result = blog.run("-m", "learners", "--collect-only", "-q")
    assert result.stdout.lines[:2] == ["notebooks/demo.py::mean::learners", ""]
    result.stdout.fnmatch_lines(["1/6 tests collected (5 deselected)*"])


def test_each_answer_runs_through_the_sct(posts: Posts):
    posts.write("demo", post(exercise("mean", solution=SOLUTION, sct=SCT)))
    write_answers(posts.root, ANSWERS)
    result = posts.check("demo", "mean", "learners")
    assert (result.passed, result.skipped) == (True, None)


def test_a_wrong_answer_accepted_a_valid_one_rejected_and_feedback_that_misses_the_mistake_are_each_named(posts: Posts):
    posts.write("demo", post(exercise("mean", solution=SOLUTION, sct=SCT)))
    write_answers(
        posts.root,
        ANSWERS.replace("sum(xs) / 2", "sum(xs) / len(xs)").replace(  # the "wrong" answer is right: the SCT accepts it
            "return total / len(xs)", "return total / (len(xs) + 1)"
        )  # the "valid" one is wrong
        + "\n[[mean.wrong]]\nmistake = 'returns the sum'\ncode = '''\ndef mean(xs):\n    return sum(xs)\n'''\nfeedback = 'a mean is a sum over a count'\n",
    )
    assert str(posts.check("demo", "mean", "learners").error) == (
        "notebooks/demo.py, cell 3, exercise 'mean': the SCT gets 3 of the 3 learners' answers in demo.answers.toml wrong\n"
        "The wrong answer 1 (divides by a fixed 2): accepted, but it is wrong (its code is the solution's)\n"
        "\n"
        "The wrong answer 2 (returns the sum): rejected, but the feedback does not say 'a mean is a sum over a count': "
        "it says 'The mean of 1, 2 and 6 is 3, but `mean` returned `9.0`: divide the sum by the count.'\n"
        "--- solution\n"
        "+++ wrong answer\n"
        "@@ -1,2 +1,2 @@\n"
        " def mean(xs):\n"
        "-    return sum(xs) / len(xs)\n"
        "+    return sum(xs)\n"
        "\n"
        "The valid answer 1 (a loop): rejected, but it is correct: pythonwhat's feedback: The mean of 1, 2 and 6 is 3, "
        "but `mean` returned `2.25`: divide the sum by the count.\n"
        "--- solution\n"
        "+++ valid answer\n"
        "@@ -1,2 +1,5 @@\n"
        " def mean(xs):\n"
        "-    return sum(xs) / len(xs)\n"
        "+    total = 0\n"
        "+    for x in xs:\n"
        "+        total += x\n"
        "+    return total / (len(xs) + 1)\n"
        "To fix: make the SCT reject each wrong answer with feedback that names its mistake, and accept each valid one "
        "(docs/checks.md: 'Learners' answers'); if an answer's expected feedback or kind is itself wrong, fix it in the answers file"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[mean.wrong]\n", "the learners' answers are not valid TOML: *"),
        ("[[median.wrong]]\nmistake = 'x'\ncode = 'x'\nfeedback = 'x'\n", "'median' is not an exercise of the post (its exercises: mean)"),
        ("[[mean.wrong]]\nmistake = 'x'\ncode = 'x'\n", "mean.wrong, answer 1 lacks feedback"),
        ("[[mean.valid]]\nidiom = 'x'\ncode = 'x'\nfeedback = 'y'\n", "mean.valid, answer 1 has unknown field(s) feedback"),
        ("[[mean.right]]\nidiom = 'x'\ncode = 'x'\n", "'mean' must hold only lists of [[mean.wrong]] and [[mean.valid]] tables"),
    ],
)
def test_an_answers_file_that_does_not_read_fails_naming_the_file_and_the_key(tmp_path, text, message):
    path = tmp_path / "demo.answers.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        read_answers(path, ["mean"])
    assert raised.value.path == str(path)
    assert raised.match(message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(").replace(")", r"\)").replace("*", ".*"))


def test_the_answers_file_sits_beside_the_notebook_and_is_read_in_order(tmp_path):
    assert answers_path(tmp_path / "my.post.ipynb") == tmp_path / "my.post.answers.toml"
    path = answers_path(tmp_path / "demo.py")
    assert read_answers(path, ["mean"]) == {}
    path.write_text(ANSWERS, encoding="utf-8")
    wrong, valid = read_answers(path, ["mean"])["mean"]
    assert wrong == Answer(
        "mean", "wrong", 1, "divides by a fixed 2", "def mean(xs):\n    return sum(xs) / 2\n", "divide the sum by the count"
    )
    assert (valid.kind, valid.number, valid.about, valid.feedback, valid.name) == ("valid", 1, "a loop", None, "valid answer 1 (a loop)")


def test_a_wrong_answer_that_gets_only_generic_feedback_is_named_even_when_its_text_matches(posts: Posts):
    solution = SOLUTION + "\nm = mean([1.0, 2.0, 6.0])\n"
    posts.write("demo", post(exercise("mean", solution=solution, sct='Ex().check_object("m").has_equal_value()')))
    wrong = solution.replace("mean([1.0, 2.0, 6.0])", "mean([])")  # raises ZeroDivisionError before `m` is bound
    write_answers(posts.root, f"[[mean.wrong]]\nmistake = 'the mean of no numbers'\ncode = '''{wrong}'''\nfeedback = 'Did you define'\n")
    message = str(posts.check("demo", "mean", "learners").error).splitlines()[1]
    assert message == (
        "The wrong answer 1 (the mean of no numbers): rejected with only pythonwhat's generic feedback, which does not say "
        "what is wrong: 'Did you define the variable `m` without errors?'"
    )
