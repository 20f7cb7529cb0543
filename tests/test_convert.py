"""The whole conversion, `python -m scripts.convert`: errors, safety, determinism and incremental builds (scripts/convert.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import jupytext
import pytest
from builders import REPO, code, exercise, markdown, notebook, snapshot, write_text

from scripts import convert as convert_module
from scripts.bundles import read_front_matter

HAND_WRITTEN = b'+++\ntitle = "Mine"\ndate = 2020-01-01\n+++\n\nWritten by hand.\n'
FIGURE = "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.title('a figure')\nplt.show()"


def data_of(project, slug: str) -> dict:
    """Return the pipeline's data in a generated post's front matter."""
    return read_front_matter(project.posts / slug / "index.md")["notebook"]


# -- errors: one message per broken notebook, naming file, cell and fix; exit status 1 --------------


def test_when_notebook_is_not_valid_json_then_the_command_exits_1_and_names_the_file(project):
    write_text(project.notebooks / "broken.ipynb", '{"cells": [}')
    result = subprocess.run(
        [sys.executable, "-m", "scripts.convert"],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 1
    assert result.stderr == (
        "\nerror: notebooks/broken.ipynb: not valid JSON: Expecting value at line 1, column 12\n"
        "To fix: repair the file (a merge conflict or a truncated save is the usual cause)\n"
        "\n1 notebook(s) failed; no post was changed.\n"
    )
    assert "[1/1] broken: FAILED" in result.stdout


BROKEN = {
    "no-front-matter": (
        notebook(markdown("# Title"), front_matter=None),
        "notebooks/post.ipynb, cell 1: the first cell must be a raw cell with the front matter",
        "To fix: start the notebook with a raw cell like",
    ),
    "no-title": (
        notebook(front_matter="---\ndate: 2024-01-31\n---"),
        "notebooks/post.ipynb, cell 1: the front matter has no `title`",
        "To fix: add a `title:` line to the front matter",
    ),
    "date-not-a-date": (
        notebook(front_matter="---\ntitle: T\ndate: last tuesday\n---"),
        "notebooks/post.ipynb, cell 1: `date` is not a date: 'last tuesday'",
        "To fix: write the date as YYYY-MM-DD (optionally with a time, ISO 8601)",
    ),
    "no-solution": (
        notebook(markdown("Intro"), code("x = ___", "sample-code"), markdown("Use x", "hint")),
        "notebooks/post.ipynb, cell 3, exercise 'post-1': the exercise has no solution (its cells: sample-code in cell 3, hint in cell 4)",
        "To fix: add a cell tagged 'solution' right after cell 4, next to the exercise's other parts",
    ),
    "near-miss-tag": (
        notebook(markdown("Intro"), code("x = 1", "soluton")),
        "notebooks/post.ipynb, cell 3: unknown tag 'soluton'",
        "To fix: did you mean 'solution'? Rename the tag.",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_when_input_is_bad_then_build_stops_with_one_message_naming_file_cell_and_fix(project, capsys, case: str):
    nb, location, fix = BROKEN[case]
    project.add("post", nb)
    assert project.main() == 1
    err = capsys.readouterr().err
    assert err.count("\nerror: ") == 1
    assert f"\nerror: {location}\n" in err
    assert f"\n{fix}" in err
    assert err.endswith("\n1 notebook(s) failed; no post was changed.\n")
    assert not (project.posts / "post").exists()


def test_when_pair_conflicts_then_message_says_which_file_is_newer_and_the_sync_command(project, capsys):
    nb = notebook(markdown("Intro"), code("x = 1", "solution"))
    project.add("post", nb)
    nb.cells[2].source = "x = 2"
    jupytext.write(nb, project.notebooks / "post.py", fmt="py:percent")
    os.utime(project.notebooks / "post.ipynb", (1_000_000, 1_000_000))
    assert project.main() == 1
    err = capsys.readouterr().err
    assert (
        "\nerror: notebooks/post.ipynb (paired: notebooks/post.py), cell 3: post.ipynb and post.py disagree "
        "(first at cell 3: 3 cells in the notebook, 3 in the text file); post.py is newer\n"
        "To fix: run `make sync` (or `jupytext --sync notebooks/post.py`) to update post.ipynb from the newer post.py\n"
    ) in err


def test_when_code_fails_then_message_shows_the_numbered_lines_of_the_cell_and_the_exception(project, capsys):
    project.add("post", notebook(markdown("Intro"), code("a = 1\nb = 2\nc = a / 0\nd = 4\ne = 5\nf = 6")))
    assert project.main() == 1
    err = capsys.readouterr().err
    assert (
        "\nerror: notebooks/post.ipynb, cell 3: the cell raised ZeroDivisionError\n"
        "  1 | a = 1\n"
        "  2 | b = 2\n"
        "> 3 | c = a / 0\n"
        "  4 | d = 4\n"
        "  5 | e = 5\n"
        "ZeroDivisionError: division by zero\n"
        "To fix: fix the code, or tag the cell 'raises-exception' if the error is the point\n"
    ) in err


def test_when_several_notebooks_are_broken_then_each_gets_one_message(project, capsys):
    project.add("one", notebook(front_matter="---\ndate: 2024-01-31\n---"))
    project.add("two", notebook(code("x = 1", "soluton")))
    assert project.main() == 1
    err = capsys.readouterr().err
    assert err.count("\nerror: ") == 2
    assert "notebooks/one.ipynb, cell 1:" in err and "notebooks/two.ipynb, cell 2:" in err
    assert "2 notebook(s) failed; no post was changed." in err


# -- safety: only generated posts are written or removed, and a failed build changes nothing ------


@pytest.mark.parametrize("hand_written", ["post.md", "post/index.md"])
def test_when_a_hand_written_post_has_the_slug_then_build_fails_and_leaves_it_untouched(project, capsys, hand_written: str):
    path = project.posts / hand_written
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(HAND_WRITTEN)
    project.add("post", notebook(markdown("Prose"), front_matter="---\ntitle: T\ndate: 2024-01-31\nexecute: false\n---"))
    assert project.main() == 1
    assert (
        f"notebooks/post.ipynb: {Path('content/post') / hand_written.removesuffix('/index.md').removesuffix('index.md')}"
        in capsys.readouterr().err
    )
    assert snapshot(project.posts) == {hand_written: HAND_WRITTEN}


def test_every_generated_post_is_marked_as_generated(project):
    project.add("post", notebook(markdown("Prose"), code("print(1)")))
    assert project.convert() == []
    text = project.post("post")
    assert text.startswith("+++\n# Generated from notebooks/post by `make site`: edit the notebook, not this file.\n")
    assert data_of(project, "post")["generator"] == "scripts.convert"


def test_a_generated_post_whose_notebook_is_gone_is_removed_and_hand_written_posts_stay(project):
    quick = "---\ntitle: T\ndate: 2024-01-31\nexecute: false\n---"
    project.add("kept", notebook(markdown("a"), front_matter=quick))
    project.add("gone", notebook(markdown("b"), front_matter=quick))
    (project.posts / "hand.md").write_bytes(HAND_WRITTEN)
    assert project.convert() == []
    (project.notebooks / "gone.ipynb").unlink()
    assert project.convert() == []
    assert "removed content/post/gone/ (its notebook is gone)" in project.log[-1]
    assert sorted(path.name for path in project.posts.iterdir()) == ["hand.md", "kept"]


def test_when_one_notebook_fails_then_every_existing_post_stays_byte_for_byte(project):
    project.add("good", notebook(markdown("Prose"), code(FIGURE)))
    project.add("other", notebook(markdown("Other"), code("print('x')")))
    assert project.convert() == []
    before = snapshot(project.posts)
    project.add("good", notebook(markdown("Changed prose"), code(FIGURE.replace("[1, 3, 2]", "[3, 1]"))))
    project.add("other", notebook(markdown("Other"), code("x = 1", "soluton")))
    errors = project.convert()
    assert [error.path for error in errors] == ["notebooks/other.ipynb"]
    assert snapshot(project.posts) == before
    assert [path.name for path in project.posts.iterdir() if path.name.startswith(".")] == []


# -- determinism and incremental builds ------------------------------------------------------------


def test_converting_twice_changes_no_file_figures_included(project):
    project.add("post", notebook(markdown("Prose"), code(FIGURE), code("import numpy as np\nprint(np.arange(3))\nnp.ones(2)")))
    assert project.convert() == []
    first = snapshot(project.posts)
    assert sorted(first) == ["post/cell-3-1.png", "post/index.md"]
    assert project.convert(force=True) == []  # executed again from scratch
    assert snapshot(project.posts) == first


@pytest.fixture
def executions(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record the slugs handed to the kernels by each conversion."""
    calls: list[list[str]] = []
    real = convert_module.execute_posts

    def spy(jobs, workers, done):
        calls.append([source.slug for source, _ in jobs])
        return real(jobs, workers, done)

    monkeypatch.setattr(convert_module, "execute_posts", spy)
    return calls


def test_an_unchanged_notebook_is_not_executed_again_and_editing_one_reexecutes_only_it(project, executions):
    project.add("a", notebook(code("print('a')")))
    project.add("b", notebook(code("print('b')")))
    assert project.convert() == []
    assert executions == [["a", "b"]]
    before = snapshot(project.posts)

    assert project.convert() == []
    assert executions[-1] == []
    assert project.log[-1] == "[1/2] a: unchanged\n[2/2] b: unchanged\n"
    assert snapshot(project.posts) == before

    project.add("b", notebook(code("print('B')")))
    assert project.convert() == []
    assert executions[-1] == ["b"]
    assert "[1/2] a: unchanged\n" in project.log[-1]
    assert data_of(project, "b")["outputs"] == [{"cell": 2, "kind": "text", "text": "B\n"}]
    assert (project.posts / "a" / "index.md").read_bytes() == before["a/index.md"]


def test_display_tags_and_raises_exception_behave_as_documented(project):
    project.add(
        "post",
        notebook(
            code("hidden = 41\nprint('never shown')", "remove-cell"),
            code("print(hidden + 1)", "remove-input"),
            code("print('code only')", "remove-output"),
            code("print('collapsed')", "hide-input"),
            code("1 / 0", "raises-exception"),
            code("import sys\nprint('warning', file=sys.stderr)\nobject()"),
            code("'a result'"),
            code("x = (", "raises-exception", "remove-input"),
        ),
    )
    assert project.convert() == []
    data = data_of(project, "post")
    assert data["code"] == [
        {"cell": 4, "text": "print('code only')", "collapsed": False},
        {"cell": 5, "text": "print('collapsed')", "collapsed": True},
        {"cell": 6, "text": "1 / 0", "collapsed": False},
        {"cell": 7, "text": "import sys\nprint('warning', file=sys.stderr)\nobject()", "collapsed": False},
        {"cell": 8, "text": "'a result'", "collapsed": False},
    ]
    # stderr is published apart; a memory address is masked; tracebacks are whole, cells counted from the first one run.
    assert data["outputs"] == [
        {"cell": 3, "kind": "text", "text": "42\n"},
        {"cell": 5, "kind": "text", "text": "collapsed\n"},
        {
            "cell": 6,
            "kind": "error",
            "text": f"{'-' * 75}\nZeroDivisionError{' ' * 25}Traceback (most recent call last)\n"
            "Cell In[5], line 1\n----> 1 1 / 0\n\nZeroDivisionError: division by zero",
        },
        {"cell": 7, "kind": "stderr", "text": "warning\n"},
        {"cell": 7, "kind": "text", "text": "<object at 0x…>"},
        {"cell": 8, "kind": "text", "text": "'a result'"},
        {"cell": 9, "kind": "error", "text": "  Cell In[8], line 1\n    x = (\n         ^\nSyntaxError: incomplete input\n"},
    ]
    body = project.post("post").split("+++\n", 2)[2]
    assert body == (
        "\n{{< nb-output 0 >}}\n\n{{< nb-code 0 >}}\n\n{{< nb-code 1 >}}\n\n{{< nb-output 1 >}}\n\n{{< nb-code 2 >}}\n\n"
        "{{< nb-output 2 >}}\n\n{{< nb-code 3 >}}\n\n{{< nb-output 3 >}}\n\n{{< nb-output 4 >}}\n\n{{< nb-code 4 >}}\n\n"
        "{{< nb-output 5 >}}\n\n{{< nb-output 6 >}}\n"
    )


def test_exercise_cells_are_not_executed(project):
    project.add("post", notebook(code("x = 1"), *exercise("raise SystemExit('exercise code ran')", sample_code="x = ___")))
    assert project.convert() == []
    assert (
        tomllib.loads(project.post("post").split("+++\n")[1])["notebook"]["exercises"][0]["solution"]
        == "raise SystemExit('exercise code ran')"
    )
