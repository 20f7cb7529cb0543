"""The whole conversion, `python -m scripts.convert`: errors, safety, determinism and incremental builds (scripts/convert.py)."""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import jupytext
import pytest
from builders import REPO, code, exercise, markdown, notebook, snapshot, write_ipynb, write_text

from scripts import execute as execute_module
from scripts.bundles import read_front_matter
from scripts.convert import convert
from scripts.execute import failure_fix
from scripts.inputs import depfile_text
from scripts.sources import read_source

HAND_WRITTEN = b'+++\ntitle = "Mine"\ndate = 2020-01-01\n+++\n\nWritten by hand.\n'
# For tests of pairing, pruning and errors: the post is rendered without running its code.
NOT_RUN = "---\ntitle: T\ndate: 2024-01-31\nexecute: false\n---"
FIGURE = "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.title('a figure')\nplt.show()"


def convert_one(project, slug: str, **options) -> list:
    """Convert notebooks/SLUG.ipynb alone with these options of convert(); return the errors."""
    return convert([Path(f"notebooks/{slug}.ipynb")], Path("content/post"), workers=1, template=project.template, **options)


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
        "(first at cell 3: 3 cells in the notebook, 3 in the text file); post.py is newer; "
        "there is no post in content/post/post/ yet to tell which file was edited\n"
        "To fix: run `make sync` (or `jupytext --sync notebooks/post.py`) to update post.ipynb from the newer post.py\n"
    ) in err


@pytest.mark.parametrize("edited", ["post.py", "post.ipynb"])
def test_when_only_one_file_of_a_pair_changed_since_the_build_then_the_other_is_updated_from_it(project, edited):
    nb = notebook(markdown("Intro"), code("print(1)"), front_matter=NOT_RUN)
    project.add("post", nb)
    jupytext.write(nb, project.notebooks / "post.py", fmt="py:percent")
    assert project.convert() == []
    nb.cells[2].source = "print(2)"
    jupytext.write(nb, project.notebooks / edited, fmt="py:percent" if edited.endswith(".py") else None)
    other = "post.ipynb" if edited == "post.py" else "post.py"
    # Whatever the clocks say: the file whose cells differ from the built post's is the one edited.
    os.utime(project.notebooks / edited, (1_000_000, 1_000_000))
    assert project.convert() == []
    assert (
        f"notebooks/{edited}: only this file changed since the post was built; updated {other} from it (as `jupytext --sync` does)\n"
    ) in project.log[-1]
    assert '{ cell = 3, text = "print(2)", collapsed = false }' in project.post("post")
    assert read_source(Path("notebooks/post.ipynb")).notebook.cells[2].source == "print(2)"
    assert os.stat(project.notebooks / "post.py").st_mtime >= os.stat(project.notebooks / "post.ipynb").st_mtime


def test_when_both_files_of_a_pair_changed_since_the_build_then_the_build_stops_and_keeps_both(project):
    nb = notebook(markdown("Intro"), code("print(1)"), front_matter=NOT_RUN)
    project.add("post", nb)
    jupytext.write(nb, project.notebooks / "post.py", fmt="py:percent")
    assert project.convert() == []
    before = snapshot(project.root)
    nb.cells[2].source = "print(2)"
    project.add("post", nb)
    nb.cells[2].source = "print(3)"
    jupytext.write(nb, project.notebooks / "post.py", fmt="py:percent")
    changed = snapshot(project.notebooks)
    [error] = project.convert()
    assert error.message.endswith("post.py is newer; both files changed since the post was built")
    assert error.fix == (
        "copy what you want to keep into one file, then run `jupytext --sync` on it "
        "(`make sync` would keep post.py, the newer, and lose the changes in the other)"
    )
    assert snapshot(project.notebooks) == changed
    assert snapshot(project.posts) == {
        name.removeprefix("content/post/"): data for name, data in before.items() if name.startswith("content/")
    }


def test_when_code_fails_then_message_shows_the_numbered_lines_of_the_cell_and_the_exception(project):
    project.add("post", notebook(markdown("Intro"), code("a = 1\nb = 2\nc = a / 0\nd = 4\ne = 5\nf = 6")))
    [error] = project.convert()
    assert str(error) == (
        "notebooks/post.ipynb, cell 3: the cell raised ZeroDivisionError\n"
        "  1 | a = 1\n"
        "  2 | b = 2\n"
        "> 3 | c = a / 0\n"
        "  4 | d = 4\n"
        "  5 | e = 5\n"
        "ZeroDivisionError: division by zero\n"
        "To fix: fix the code, or tag the cell 'raises-exception' if the error is the point"
    )
    assert not (project.posts / "post").exists()


def test_a_missing_package_is_named_with_where_the_sites_packages_are_pinned(project):
    project.add("post", notebook(code("import numpy as np\nfrom skimage import filters")))
    [error] = project.convert()
    assert str(error) == (
        "notebooks/post.ipynb, cell 2: the cell raised ModuleNotFoundError\n"
        "  1 | import numpy as np\n"
        "> 2 | from skimage import filters\n"
        "ModuleNotFoundError: No module named 'skimage'\n"
        "To fix: the build has no package 'scikit-image' (which provides the module 'skimage'): the site's packages are "
        "pinned in requirements.txt; add 'scikit-image' to requirements.in, run `make lock` and commit both files; if "
        "'skimage' is a module of your own, commit it beside the notebook"
    )


def test_a_download_at_build_time_is_told_that_the_build_has_no_network(project):
    # As urllib fails where the build runs: the host's name does not resolve.
    failing = "import urllib.error\nraise urllib.error.URLError('[Errno -3] Temporary failure in name resolution')"
    project.add("post", notebook(code(failing)))
    [error] = project.convert()
    assert str(error) == (
        "notebooks/post.ipynb, cell 2: the cell raised URLError\n"
        "  1 | import urllib.error\n"
        "> 2 | raise urllib.error.URLError('[Errno -3] Temporary failure in name resolution')\n"
        "URLError: <urlopen error [Errno -3] Temporary failure in name resolution>\n"
        "To fix: the build has no network: download the data file once, commit it beside the notebook, read it by its "
        "relative path, and list it in `inputs` in the front matter"
    )


@pytest.mark.parametrize(
    ("ename", "evalue", "fix"),
    [
        ("ModuleNotFoundError", "No module named 'torch'", "the build has no package 'torch': the site's packages are pinned"),
        ("ModuleNotFoundError", "No module named 'cv2'", "the build has no package 'opencv-python' (which provides the module 'cv2')"),
        ("ModuleNotFoundError", "No module named 'numpy.nothing'", "fix the code, or tag the cell 'raises-exception'"),
        ("ConnectionError", "HTTPSConnectionPool(host='example.org', port=443): Max retries exceeded", "the build has no network"),
        ("ZeroDivisionError", "division by zero", "fix the code, or tag the cell 'raises-exception'"),
    ],
)
def test_the_fix_for_a_failing_cell_fits_its_error(ename: str, evalue: str, fix: str):
    assert failure_fix(ename, evalue).startswith(fix)


def test_when_several_notebooks_are_broken_then_each_gets_one_message(project, capsys):
    project.add("one", notebook(front_matter="---\ndate: 2024-01-31\n---"))
    project.add("two", notebook(code("x = 1", "soluton")))
    assert project.main() == 1
    err = capsys.readouterr().err
    assert err.count("\nerror: ") == 2
    assert "notebooks/one.ipynb, cell 1:" in err and "notebooks/two.ipynb, cell 2:" in err
    assert "2 notebook(s) failed; no post was changed." in err


def test_a_notebook_in_a_subfolder_stops_the_build_with_one_message_naming_it(project, capsys):
    project.add("kept", notebook(code("print(1)")))
    write_ipynb(project.notebooks / "series", "part1", notebook())
    write_text(project.notebooks / "series" / "part2.py", "# ---\n# title: T\n# date: 2024-01-31\n# ---\n")
    write_text(project.notebooks / "helpers" / "tools.py", "def f():\n    return 1\n")  # a module, not a notebook
    write_ipynb(project.notebooks / ".ipynb_checkpoints", "kept-checkpoint", notebook())
    assert project.main() == 1
    err = capsys.readouterr().err
    assert err.count("\nerror: ") == 2
    assert (
        "error: notebooks/series/part1.ipynb: a notebook in a subfolder of notebooks/ is not published: "
        "the posts are the notebooks directly in notebooks/" in err
    )
    assert "error: notebooks/series/part2.py: a notebook in a subfolder" in err
    assert err.rstrip().endswith("2 notebook(s) would not be published; no post was changed.")
    assert not (project.posts / "kept").exists()


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
    project.add("post", notebook(markdown("Prose"), code("print(1)"), front_matter=NOT_RUN))
    assert project.convert() == []
    text = project.post("post")
    assert text.startswith("+++\n# Generated from notebooks/post by `make site`: edit the notebook, not this file.\n")
    assert data_of(project, "post")["generator"] == "scripts.convert"


def test_the_command_leaves_the_sigterm_handler_as_it_found_it(project):
    # Otherwise a process forked later in the same process (pythonwhat's own harness, in the tests) ignores SIGTERM.
    project.add("post", notebook(code("print(1)"), front_matter=NOT_RUN))
    before = signal.getsignal(signal.SIGTERM)
    assert project.main() == 0
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_generated_post_whose_notebook_is_gone_is_removed_and_hand_written_posts_stay(project):
    project.add("kept", notebook(markdown("a"), front_matter=NOT_RUN))
    project.add("gone", notebook(markdown("b"), front_matter=NOT_RUN))
    (project.posts / "hand.md").write_bytes(HAND_WRITTEN)
    assert project.convert() == []
    (project.notebooks / "gone.ipynb").unlink()
    assert project.convert() == []
    assert "removed content/post/gone/ (its notebook is gone)" in project.log[-1]
    assert sorted(path.name for path in project.posts.iterdir()) == ["hand.md", "kept"]


def test_a_renamed_notebook_gets_a_warning_with_the_old_address_and_the_aliases_line_that_keeps_it(project):
    project.add("old-name", notebook(markdown("a"), front_matter=NOT_RUN))
    assert project.convert() == []
    (project.notebooks / "old-name.ipynb").rename(project.notebooks / "new-name.ipynb")
    assert project.convert() == []
    assert project.log[-1].splitlines()[-2:] == [
        "removed content/post/old-name/ (its notebook is gone)",
        "warning: the address /post/old-name/ now leads nowhere (links to it, and readers' bookmarks, break). If its notebook was "
        "renamed (the new post is /post/new-name/), keep it working: add `aliases: [/post/old-name/]` to the front matter of the "
        "renamed notebook.",
    ]
    # With the alias, the old address redirects: no warning.
    project.add("newer", notebook(markdown("a"), front_matter=NOT_RUN.replace("---\ntitle", "---\naliases: [/post/new-name/]\ntitle")))
    (project.notebooks / "new-name.ipynb").unlink()
    assert project.convert() == []
    assert "warning" not in project.log[-1]
    assert 'aliases = [\n    "/post/new-name/",\n]' in project.post("newer")


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
    """Record the slugs handed to the kernels by each conversion that runs notebooks."""
    calls: list[list[str]] = []
    real = execute_module.execute_posts

    def spy(jobs, workers, done, template=None):
        calls.append([source.slug for source, _ in jobs])
        return real(jobs, workers, done, template)

    monkeypatch.setattr(execute_module, "execute_posts", spy)
    return calls


def test_an_unchanged_notebook_is_not_executed_again_and_editing_one_reexecutes_only_it(project, executions):
    project.add("a", notebook(code("print('a')")))
    project.add("b", notebook(code("print('b')")))
    assert project.convert() == []
    assert executions == [["a", "b"]]
    before = snapshot(project.posts)

    assert project.convert() == []
    assert executions == [["a", "b"]]  # nothing ran: no kernel was even started
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


# -- inputs: data files, helper modules and shown files re-run or rewrite the post when they change ------------------


def test_a_notebook_runs_again_when_a_data_file_it_lists_changes_and_the_run_says_why(project, executions):
    front = "---\ntitle: Data\ndate: 2024-01-31\ninputs: [data/points.csv]\n---"
    write_text(project.notebooks / "data" / "points.csv", "x,y\n1,2\n")
    project.add("reads", notebook(code("print(open('data/points.csv').read().splitlines()[-1])"), front_matter=front))
    project.add("other", notebook(code("print('other')")))
    assert project.convert() == []
    assert data_of(project, "reads")["outputs"][0]["text"] == "1,2\n"
    assert project.convert() == [] and executions == [["other", "reads"]]

    write_text(project.notebooks / "data" / "points.csv", "x,y\n3,4\n")
    assert project.convert() == []
    assert executions[-1] == ["reads"]
    assert "reads: executed in " in project.log[-1] and " s (data/points.csv changed)\n" in project.log[-1]
    assert data_of(project, "reads")["outputs"][0]["text"] == "3,4\n"
    assert data_of(project, "reads")["inputs"] == {"data/points.csv": "sha256:" + hashlib.sha256(b"x,y\n3,4\n").hexdigest()}


def test_a_notebook_runs_again_when_a_helper_module_it_imports_changes(project, executions):
    write_text(project.notebooks / "_helper.py", "def answer():\n    return 42\n")
    project.add("uses", notebook(code("from _helper import answer\nprint(answer())")))
    assert project.convert() == []
    assert data_of(project, "uses")["outputs"][0]["text"] == "42\n"
    write_text(project.notebooks / "_helper.py", "def answer():\n    return 43\n")
    assert project.convert() == []
    assert executions[-1] == ["uses"]
    assert data_of(project, "uses")["outputs"][0]["text"] == "43\n"
    assert not (project.posts / "_helper").exists()


def test_force_runs_every_notebook_again(project, executions):
    project.add("a", notebook(code("print('a')")))
    assert project.convert() == []
    assert project.convert(force=True) == []
    assert executions == [["a"], ["a"]]


def test_the_converter_writes_a_make_rule_listing_every_file_the_posts_are_made_from(project):
    write_text(project.notebooks / "images" / "x.png", "png")
    project.add("My post", notebook(markdown("![X](images/x.png)")))
    write_text(project.notebooks / "b.py", "# ---\n# title: B\n# date: 2024-01-31\n# ---\n")
    assert project.main("--depfile", "build/converted.d", "--deptarget", "build/converted.stamp") == 0
    assert (project.root / "build" / "converted.d").read_text() == depfile_text(
        "build/converted.stamp", ["notebooks/My post.ipynb", "notebooks/b.py", "notebooks/images/x.png"]
    )
    assert (project.posts / "my-post" / "images" / "x.png").read_bytes() == b"png"


def test_two_notebooks_with_the_same_address_are_refused(project, capsys):
    project.add("My Post", notebook())
    project.add("my-post", notebook())
    assert project.main() == 1
    err = capsys.readouterr().err
    assert (
        "error: notebooks/My Post.ipynb: notebooks/my-post.ipynb would be published at the same address, /post/my-post/\nTo fix: rename one of them\n"
        in err
    )
    assert "error: notebooks/my-post.ipynb: notebooks/My Post.ipynb would be published at the same address, /post/my-post/\n" in err


def test_a_post_dated_in_the_future_is_published_with_a_warning(project):
    project.add("later", notebook(front_matter="---\ntitle: Later\ndate: 2999-01-31\n---"))
    assert project.convert() == []
    assert (
        "warning: notebooks/later.ipynb, cell 1: the date 2999-01-31 is in the future: "
        "Hugo will not publish the post before 2999-01-31 00:00 UTC (`make serve` shows it)\n"
    ) in project.log[-1]


def test_an_exercise_whose_id_a_heading_also_has_stops_the_build_naming_the_exercise(project, capsys):
    project.add("clash", notebook(markdown("## Draw sigmoid\n\nText."), code("x = 1", "solution", exercise="draw-sigmoid")))
    assert project.main() == 1
    err = capsys.readouterr().err
    assert (
        "notebooks/clash.ipynb, cell 3, exercise 'draw-sigmoid': the exercise's name `draw-sigmoid` is also the id of the heading "
        "in cell 2: two elements of the page would share it, and a link to #draw-sigmoid would lead to the first" in err
    )


@pytest.mark.parametrize("line", ["%pip install seaborn", "!pip install -q seaborn", "%conda install seaborn", "!python -m pip install x"])
def test_a_cell_that_installs_packages_stops_the_build_naming_the_cell_and_line(project, capsys, line: str):
    project.add("installs", notebook(code(f"import os\n{line}\nprint(1)")))
    assert project.main() == 1
    err = capsys.readouterr().err
    assert "notebooks/installs.ipynb, cell 2: the cell installs packages, which would change the environment every post is built in" in err
    assert f"> 2 | {line}" in err


# -- outputs of the last run (make serve): a change that reaches no code cell re-renders without running ----------


def test_when_only_markdown_and_front_matter_change_then_the_outputs_of_the_last_run_are_reused(project, monkeypatch):
    cells = [markdown("First words."), code(FIGURE, alt="a line"), code("print(6 * 7)")]
    project.add("reused", notebook(*cells))
    executed: dict = {}
    assert convert_one(project, "reused", executed=executed) == []
    assert list(executed) == ["reused"]
    # A markdown cell added above the figure renumbers its cell, and so its file; a front matter key changes.
    front_matter = "---\ntitle: A post\ndate: 2024-02-01\n---"
    changed = notebook(markdown("Other words."), markdown("A new cell."), *cells[1:], front_matter=front_matter)
    project.add("reused", changed)

    def must_not_run(*args, **kwargs):
        raise AssertionError("the notebook ran again")

    real = execute_module.execute_posts
    monkeypatch.setattr(execute_module, "execute_posts", must_not_run)
    out = io.StringIO()
    assert convert_one(project, "reused", executed=executed, out=out) == []
    assert out.getvalue() == "[1/1] reused: converted (code unchanged: outputs of its last run)\n"
    reused = snapshot(project.posts / "reused")
    monkeypatch.setattr(execute_module, "execute_posts", real)
    # The same files as a run from scratch writes.
    assert convert_one(project, "reused", force=True) == []
    assert reused == snapshot(project.posts / "reused")
    assert "cell-4-1.png" in reused and "42" in reused["index.md"].decode()


@pytest.mark.parametrize(
    "change",
    [
        lambda cells: [cells[0], code("print(6 * 8)")],  # the code
        lambda cells: [cells[0], code("print(6 * 7)", "remove-output")],  # a tag
    ],
    ids=["code", "tag"],
)
def test_when_a_code_cell_changes_then_the_notebook_runs_again(project, change):
    cells = [markdown("Words."), code("print(6 * 7)")]
    project.add("rerun", notebook(*cells))
    executed: dict = {}
    assert convert_one(project, "rerun", executed=executed) == []
    first_key = executed["rerun"][0]
    project.add("rerun", notebook(*change(cells)))
    out = io.StringIO()
    assert convert_one(project, "rerun", executed=executed, out=out) == []
    assert "rerun: executed in" in out.getvalue()
    assert executed["rerun"][0] != first_key


def test_without_os_fork_the_build_stops_with_one_line(project, monkeypatch, capsys):
    project.add("post", notebook(code("print(1)")))
    monkeypatch.delattr(os, "fork")
    assert project.main() == 1
    captured = capsys.readouterr()
    assert captured.err == (
        "error: the build runs notebooks on kernels forked from a warm process, and this Python has no os.fork (Windows): "
        "run make site in WSL (README: Platforms)\n"
    )
    assert not (project.posts / "post").exists()
