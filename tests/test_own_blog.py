"""README "Your own blog": the steps that turn this repository into another blog, done in a copy of it, after which the
site builds and the tests of the posts and the site pass."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# The seminar's files that the steps remove.
SEMINAR = (
    "notebooks/nn-fundamentals-*.py",
    "notebooks/nn-fundamentals-*.ipynb",
    "notebooks/nn-fundamentals-*.answers.toml",
    "content/post/nn-fundamentals-*",
)
# The tests that read the blog's own posts and site (the pipeline's other tests, those of these files named
# here among them, make their own notebooks).
SELECTION = (
    "tests/test_series.py",
    "tests/test_lint_content.py",
    "tests/test_run_all.py::test_each_post_runs_all_in_jupyter",
    "tests/test_fidelity.py::test_repository_notebooks_exercises_read_back_exactly",
    "tests/test_site_links.py",
    "tests/test_subpath.py",
    "notebooks",
)


def copy_repository(to: Path) -> Path:
    """Copy the working tree's files (tracked, and new ones not ignored) to `to`; share the environments."""
    # The working tree as git sees it: tracked files, and new ones not ignored (a new layout a tracked one includes).
    listed = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    files = subprocess.run(listed, cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, to / name)
    for environment in (".venv", ".venv-runtime"):
        (to / environment).symlink_to(ROOT / environment)
    return to


def run(command: list[str], cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def set_config(config: Path, **values: str) -> None:
    """Set top-level or [params] keys of config.toml, each on its own line, as a reader edits it."""
    text = config.read_text(encoding="utf-8")
    for key, value in values.items():
        line = re.compile(rf"^#?\s*{key} = .*$", re.MULTILINE)
        if line.search(text):
            text = line.sub(f'{key} = "{value}"', text, count=1)
        else:  # a params key the file only mentions in a comment
            text = text.replace("[params]\n", f'[params]\n{key} = "{value}"\n', 1)
    config.write_text(text, encoding="utf-8")


def do_the_steps(repo: Path) -> None:
    """The steps of README "Your own blog", in order."""
    # 1. Remove the seminar's posts: their notebooks and their generated pages.
    for pattern in SEMINAR:
        for path in repo.glob(pattern):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    # 2. The site's title, address, description and comments.
    set_config(
        repo / "config.toml",
        baseURL="https://ada.example.org/notes/",
        title="Ada's Notes",
        description="Notes on learning machines.",
        disqusShortname="ada-notes",
    )
    # 3. The first post, by its author, published: `make new`, then the front matter edited in the .py and `make sync`.
    run([PYTHON, "-m", "scripts.authoring.new", "First steps", "--author", "Ada Lovelace"], repo)
    text = repo / "notebooks" / "first-steps.py"
    front = text.read_text(encoding="utf-8").replace("# draft: true\n", "")
    front = re.sub(r"^# description: .*$", "# description: How a neuron adds its inputs.", front, count=1, flags=re.MULTILINE)
    text.write_text(front, encoding="utf-8")
    run([PYTHON, "-m", "scripts.authoring.sync"], repo)


def results(report: Path) -> tuple[set[str], set[str]]:
    """Return the failed or erroring tests of a JUnit report, and those that passed, each as `classname::name`."""
    failed, passed = set(), set()
    for case in ET.parse(report).getroot().iter("testcase"):
        name = f"{case.get('classname')}::{case.get('name')}"
        if case.find("failure") is not None or case.find("error") is not None:
            failed.add(name)
        elif case.find("skipped") is None:
            passed.add(name)
    return failed, passed


@pytest.mark.slow
def test_the_steps_of_your_own_blog_give_a_site_and_passing_tests(tmp_path):
    repo = copy_repository(tmp_path / "blog")
    do_the_steps(repo)
    # `make site`, as the Makefile runs it.
    run([PYTHON, "-m", "scripts.convert"], repo)
    run([PYTHON, "-m", "scripts.publish", "--hugo", str(ROOT / ".venv" / "bin" / "hugo-bin"), "--gc", "--cleanDestinationDir"], repo)
    assert sorted(path.name for path in (repo / "content" / "post").iterdir()) == ["first-steps"]
    home = (repo / "public" / "index.html").read_text(encoding="utf-8")
    assert "<title>Ada&#39;s Notes</title>" in home and "Notes on learning machines." in home and "Neural Network" not in home
    page = (repo / "public" / "post" / "first-steps" / "index.html").read_text(encoding="utf-8")
    assert "Ada Lovelace" in page and 'data-disqus-shortname="ada-notes"' in page
    assert 'data-disqus-url="https://ada.example.org/notes/post/first-steps/"' in page
    # The tests about the blog's posts and its site, as `make test` runs them.
    report = tmp_path / "report.xml"
    command = [PYTHON, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rs", "-n", "2", f"--junit-xml={report}", *SELECTION]
    result = subprocess.run(command, cwd=repo, capture_output=True, text=True, timeout=300)
    failed, passed = results(report)
    assert failed == set(), result.stdout[-5000:]
    # Every selection but the series' passed something: the new post's checks, lint, Run All, its exercises read back,
    # the site's links under its address and under a sub-path.
    modules = {name.split("::")[0] for name in passed}
    assert modules >= {
        "tests.test_lint_content",
        "tests.test_run_all",
        "tests.test_fidelity",
        "tests.test_site_links",
        "tests.test_subpath",
    }
    assert "tests.test_run_all::test_each_post_runs_all_in_jupyter[first-steps]" in passed
    # The checks ran on pytest-xdist's workers, each running the sessions of the items it got, and their results
    # came back to the controller's report.
    exercise = "notebooks.first-steps.ipynb.first-steps-example"
    assert {f"{exercise}::{check}" for check in ("solution", "sample", "sct", "mutants")} | {"notebooks.first-steps.ipynb::flow"} <= passed
    # The series' tests are skipped as a whole, saying why.
    assert re.search(
        r"SKIPPED \[1\] tests/test_series.py:\d+: the seminar's series \(notebooks/nn-fundamentals-\*.py and .ipynb\) is not", result.stdout
    )
