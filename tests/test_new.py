"""`make new`: a paired notebook with front matter and a complete example exercise, never over an existing post."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from scripts.authoring.new import DESCRIPTION_PLACEHOLDER, EXAMPLE_EXERCISE, create_post, main
from scripts.convert import convert
from scripts.exercises import cells_to_blocks
from scripts.model import Exercise
from scripts.parts import PARTS
from scripts.sources import read_source, to_slug

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("title", "slug"),
    [("My Post", "my-post"), ("Backprop: the Chain Rule, Again!", "backprop-the-chain-rule-again"), ("Ünïcode  Çafé 2", "unicode-cafe-2")],
)
def test_slug_is_made_from_the_title(title, slug):
    assert to_slug(title) == slug


def test_new_post_is_a_pair_with_front_matter_and_a_complete_exercise(tmp_path):
    paths = create_post("My Post", tmp_path / "notebooks", tmp_path / "posts", date=dt.date(2026, 1, 31), author="Ada")
    assert [path.name for path in paths] == ["my-post.ipynb", "my-post.py"]
    source = read_source(paths[0])  # the two files agree
    assert source.notebook.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    assert (
        source.notebook.cells[0].source
        == f"---\ntitle: My Post\ndate: 2026-01-31\nauthor: Ada\ndraft: true\ndescription: '{DESCRIPTION_PLACEHOLDER}'\ntags: []\n---"
    )
    # The sample and the SCT are raw cells, so that Jupyter's "Run All" runs the notebook (tests/test_run_all.py).
    assert [(cell.cell_type, cell.metadata.get("tags")) for cell in source.notebook.cells] == [
        ("raw", None),
        ("markdown", None),
        ("code", ["pre-exercise-code"]),
        ("raw", ["sample-code"]),
        ("code", ["solution"]),
        ("code", ["solution-alternative"]),
        ("raw", ["sct"]),
        ("markdown", ["hint"]),
    ]
    (exercise,) = [block for block in cells_to_blocks(source) if isinstance(block, Exercise)]
    assert exercise.name == "my-post-example"
    assert exercise.parts == {part.tag: EXAMPLE_EXERCISE[part.tag] for part in PARTS}
    assert exercise.copies("solution-alternative") == ((6, EXAMPLE_EXERCISE["solution-alternative"]),)
    assert "___" in exercise.part("sample-code") and "___" not in exercise.part("solution")
    text = paths[1].read_text()
    assert text.startswith("# ---\n# title: My Post\n")
    assert (
        '# %% [raw] tags=["sample-code"]\n# # The weights of a neuron' in text and '# %% [raw] tags=["sct"]\n# Ex().check_object(' in text
    )


def test_new_post_converts(tmp_path, kernel_template):
    paths = create_post("Converts", tmp_path / "notebooks", tmp_path / "posts", author="Ada")
    assert convert([paths[0]], tmp_path / "posts", workers=1, prune=False, template=kernel_template) == []
    index = (tmp_path / "posts" / "converts" / "index.md").read_text()
    assert 'id = "converts-example"' in index and "draft = true" in index and "{{< exercise 0 >}}" in index


def test_example_solution_passes_its_sct_and_the_sample_fails(runtime):
    # Run in the exercise runtime, as `make test` checks it and DataCamp Light runs it.
    from scripts.checks.verdicts import ALTERNATIVE, SAMPLE, SOLUTION, outcome_of

    submissions = [
        (SOLUTION, EXAMPLE_EXERCISE["solution"]),
        (ALTERNATIVE, EXAMPLE_EXERCISE["solution-alternative"]),
        (SAMPLE, EXAMPLE_EXERCISE["sample-code"]),
        (SAMPLE, EXAMPLE_EXERCISE["sample-code"].replace("___", "0")),
    ]
    check = {
        "pec": EXAMPLE_EXERCISE["pre-exercise-code"],
        "solution": EXAMPLE_EXERCISE["solution"],
        "sct": EXAMPLE_EXERCISE["sct"],
        "submissions": submissions,
    }
    outcome = runtime.start(check, 60).outcome()
    assert outcome.ok, outcome.crash
    verdicts = outcome_of(outcome.value).verdicts
    assert [(verdict.correct, verdict.message) for verdict in verdicts[:2]] == [(True, "Well done!"), (True, "Well done!")]
    assert verdicts[2].correct is False
    assert verdicts[3].html == "<code>net_input</code> should be <code>np.dot(weights, inputs)</code>."


@pytest.mark.parametrize("existing", ["notebooks/my-post.py", "notebooks/my-post.ipynb", "posts/my-post.md", "posts/my-post/index.md"])
def test_new_refuses_to_overwrite_an_existing_post(tmp_path, existing, capsys):
    clash = tmp_path / existing
    clash.parent.mkdir(parents=True)
    clash.write_text("keep\n")
    assert main(["My Post", "--notebooks-dir", str(tmp_path / "notebooks"), "--posts-dir", str(tmp_path / "posts")]) == 1
    assert (
        f"error: a post named 'my-post' already exists: {clash.parent if existing.endswith('index.md') else clash}. Nothing was written"
        in capsys.readouterr().err
    )
    assert clash.read_text() == "keep\n"
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file()) == [existing]


def test_make_new_without_title_says_how(tmp_path):
    result = subprocess.run(["make", "-s", "-C", str(ROOT), "-o", ".venv/.installed", "new"], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert 'usage: make new TITLE="My post title"' in result.stderr


def test_author_falls_back_when_git_has_none(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "none"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)
    from scripts.authoring.new import AUTHOR_FALLBACK, git_author

    assert git_author() == AUTHOR_FALLBACK == "Group NN"


def test_the_new_post_is_dated_with_the_local_date_where_the_author_is(tmp_path):
    # UTC+14 and UTC-12 are 26 hours apart: at any moment their dates differ, and one differs from UTC's.
    dates = {}
    for zone in ("Etc/GMT-14", "Etc/GMT+12"):
        before = dt.datetime.now(ZoneInfo(zone)).date()
        command = [sys.executable, "-m", "scripts.authoring.new", "Local date", "--author", "A", "--notebooks-dir", str(tmp_path / zone)]
        subprocess.run(command, cwd=ROOT, env={**os.environ, "TZ": zone}, check=True, capture_output=True, timeout=60)
        after = dt.datetime.now(ZoneInfo(zone)).date()
        written = read_source(tmp_path / zone / "local-date.py").notebook.cells[0].source.split("\n")[2]
        assert written in (f"date: {before.isoformat()}", f"date: {after.isoformat()}")
        dates[zone] = written
    assert dates["Etc/GMT-14"] != dates["Etc/GMT+12"]
