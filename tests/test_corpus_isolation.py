"""Realistic notebooks that would leak state into each other, or print timings: built through Hugo.

The notebooks are in tests/corpus/isolation/notebooks/, written as an author would.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from builders import build_site, read_page, snapshot
from checks_notebooks import INI

from scripts.convert import convert

pytest_plugins = ["pytester"]

CORPUS = Path(__file__).parent / "corpus" / "isolation"
LEAKY, PROBE = Path("notebooks/set-options.py"), Path("notebooks/uses-defaults.py")


def converted(root: Path, paths: list[Path], workers: int, force: bool = False) -> dict[str, bytes]:
    """Convert `paths` in this order in `root`; return every file of content/ by name."""
    errors = convert(paths, root / "content" / "post", workers=workers, force=force, prune=False, out=io.StringIO())
    assert errors == [], "\n".join(map(str, errors))
    return snapshot(root / "content")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory):
    """The corpus converted twice (leaky notebook first on one worker; then forced, probe first, on two) and built each time."""
    root = tmp_path_factory.mktemp("isolation")
    shutil.copytree(CORPUS / "notebooks", root / "notebooks")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        first = converted(root, [LEAKY, PROBE], workers=1)
        first_site = snapshot(build_site(root / "content", root / "site-1"))
        second = converted(root, [PROBE, LEAKY], workers=2, force=True)
        second_site = snapshot(build_site(root / "content", root / "site-2"))
    return first, second, first_site, second_site, root / "site-1" / "public"


def test_a_notebook_run_after_one_that_changed_its_interpreter_shows_a_fresh_kernels_outputs(builds):
    *_, public = builds
    page = read_page(public / "post" / "uses-defaults" / "index.html")
    assert [str(pre) for pre in page.select("pre.nb-output")] == [
        '<pre class="nb-output"><code>[0.33333333 0.66666667]\nDATA_DIR is not set\n1 notebooks\n</code></pre>',
        '<pre class="nb-output"><code>done\n</code></pre>',
    ]
    leaky = read_page(public / "post" / "set-options" / "index.html")
    assert [pre.get_text() for pre in leaky.select("pre.nb-output")] == ["[0.33 0.67]\n"]


def test_the_posts_and_pages_are_byte_identical_whatever_the_order_and_the_workers(builds):
    first, second, first_site, second_site, _ = builds
    assert first == second
    assert first_site == second_site


def test_a_timing_fails_the_content_check_naming_its_cell_and_a_fix_that_works(pytester: pytest.Pytester):
    pytester.makeini(INI)
    shutil.copytree(CORPUS / "notebooks", pytester.path / "notebooks", ignore=shutil.ignore_patterns("set-options.py", "uses-defaults.py"))
    assert convert([Path("notebooks/timing.py")], Path("content/post"), workers=1, out=io.StringIO()) == []
    result = pytester.runpytest("notebooks", "-k", "content")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ timing::content _*",
            "notebooks/timing.py, cell 3: the output of this cell differs from the committed post's, though the post was made from "
            "this same notebook: it is not reproducible (or the post was edited by hand)",
            "now:    '* ± * per loop (mean ± std. dev. of 3 runs, 100 loops each)\\n'",
            "before: '* ± * per loop (mean ± std. dev. of 3 runs, 100 loops each)\\n'",
            "To fix: make the output reproducible (seed the random generators; print rounded numbers or the bound they meet, "
            "not digits that depend on the machine; no times or memory addresses), or tag the cell `remove-output`; "
            "then run `make convert` and commit the post (if it was edited by hand: `make site FORCE=1`)",
        ]
    )


def test_files_a_notebook_writes_stay_out_of_the_sources_and_it_still_reads_and_imports_beside_it(tmp_path, monkeypatch):
    # A notebook runs in a working copy of its folder: what it writes (a module it then imports, a
    # figure, a CSV, a log beside its data) is gone afterwards, and a second build publishes the same.
    shutil.copytree(Path(__file__).parent / "corpus" / "workdir" / "notebooks", tmp_path / "notebooks")
    monkeypatch.chdir(tmp_path)
    # The author's Python may write bytecode: the import below still leaves no __pycache__ in the listing.
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    sources = snapshot(tmp_path / "notebooks")
    first = converted(tmp_path, [Path("notebooks/writes-files.py")], workers=1)
    assert snapshot(tmp_path / "notebooks") == sources
    text = first["post/writes-files/index.md"].decode()
    assert '"""\n2 points from notebooks (a file)\n"""' in text
    assert '"""\n42 mymodule.py\n"""' in text
    assert "\"\"\"\n['data', 'figure.png', 'mymodule.py', 'results', 'writes-files.py'] ['points.csv', 'run.log']\n\"\"\"" in text
    # The files its HTML output points at are published beside the post, from the working copy.
    assert first["post/writes-files/results/summary.csv"] == b"points\n2\n"
    assert first["post/writes-files/figure.png"].startswith(b"\x89PNG")
    assert converted(tmp_path, [Path("notebooks/writes-files.py")], workers=1, force=True) == first
    assert snapshot(tmp_path / "notebooks") == sources
