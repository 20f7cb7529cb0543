"""Modules beside the notebooks: a plain `.py` (no `# %%` cell markers, no jupytext header) without a notebook of its
name is imported by the posts, not published (`thinkstats2.py` beside ThinkStats2's notebooks); one with a notebook's
name is refused, as jupytext would pair the two (scripts/sources.py, is_module, check_plain_pair)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from builders import code, notebook, write_ipynb, write_text

from scripts.authoring import lint, sync
from scripts.authoring.serve import changed_posts, is_post_file
from scripts.bundles import generated_data
from scripts.convert import convert
from scripts.errors import ContentError
from scripts.inputs import file_hash
from scripts.kernels import KernelTemplate
from scripts.sources import find_sources, is_module, read_source

THINKSTATS = "def mean(xs):\n    return sum(xs) / len(xs)\n\n\nSCALE = 1\n"
THINKPLOT = '"""Plotting helpers."""\nimport thinkstats2\n\n\ndef summary(xs):\n    return thinkstats2.mean(xs) * thinkstats2.SCALE\n'
LIGHT = """# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: light
# ---

# Some prose.

x = 1
"""


def convert_folder(notebooks: Path, posts: Path, template: KernelTemplate, depfile: Path | None = None) -> tuple[list[ContentError], str]:
    out = io.StringIO()
    errors = convert(find_sources(notebooks), posts, 1, out=out, depfile=(depfile, "stamp") if depfile else None, template=template)
    return errors, out.getvalue()


def test_a_module_beside_a_notebook_is_imported_not_published_and_a_change_to_it_runs_the_post_again(
    kernel_template: KernelTemplate, tmp_path: Path
):
    notebooks, posts, depfile = tmp_path / "notebooks", tmp_path / "posts", tmp_path / "converted.d"
    write_text(notebooks / "thinkstats2.py", THINKSTATS)
    write_text(notebooks / "thinkplot.py", THINKPLOT)  # imported by the notebook, and imports thinkstats2
    write_ipynb(notebooks, "chap01", notebook(code("import thinkplot\nprint(thinkplot.summary([1, 2, 3]))")))
    assert is_module(notebooks / "thinkstats2.py") and is_module(notebooks / "thinkplot.py")
    assert find_sources(notebooks) == [notebooks / "chap01.ipynb"]

    errors, log = convert_folder(notebooks, posts, kernel_template, depfile)
    assert errors == []
    assert "chap01: executed in " in log
    assert sorted(path.name for path in posts.iterdir()) == ["chap01"]
    data = generated_data(posts / "chap01")
    assert data["outputs"][0]["text"] == "2.0\n"
    assert data["inputs"] == {"thinkplot.py": file_hash(THINKPLOT.encode()), "thinkstats2.py": file_hash(THINKSTATS.encode())}
    rule = depfile.read_text()
    assert f"  {notebooks / 'thinkplot.py'} \\\n" in rule and f"  {notebooks / 'thinkstats2.py'} \\\n" in rule
    assert sorted(path.name for path in notebooks.iterdir()) == ["chap01.ipynb", "thinkplot.py", "thinkstats2.py"]

    assert convert_folder(notebooks, posts, kernel_template)[1] == "[1/1] chap01: unchanged\n"
    write_text(notebooks / "thinkstats2.py", THINKSTATS.replace("SCALE = 1", "SCALE = 10"))
    errors, log = convert_folder(notebooks, posts, kernel_template)
    assert errors == []
    assert " s (thinkstats2.py changed)\n" in log
    assert generated_data(posts / "chap01")["outputs"][0]["text"] == "20.0\n"


def test_a_module_no_notebook_imports_is_no_error_and_no_post(kernel_template: KernelTemplate, tmp_path: Path, capsys):
    notebooks, posts = tmp_path / "notebooks", tmp_path / "posts"
    write_text(notebooks / "thinkdsp.py", "import numpy as np\n\n\ndef sine(freq):\n    return np.sin(freq)\n")
    write_ipynb(notebooks, "chap01", notebook(code("print(1)")))
    errors, _ = convert_folder(notebooks, posts, kernel_template)
    assert errors == []
    assert sorted(path.name for path in posts.iterdir()) == ["chap01"]
    assert "thinkdsp.py" not in generated_data(posts / "chap01").get("inputs", {})
    # make lint: every post, or the module named on the command line (nothing to review)
    assert lint.main(["--notebooks-dir", str(notebooks)]) == 0
    assert lint.main([str(notebooks / "thinkdsp.py"), "--notebooks-dir", str(notebooks)]) == 0
    assert "thinkdsp" not in capsys.readouterr().out
    # make serve's watcher: a saved module is no post; it reconverts the posts that record it among their inputs
    assert not is_post_file(notebooks / "thinkdsp.py", notebooks)
    assert changed_posts([notebooks / "thinkdsp.py"], notebooks, posts) == []


def test_the_watcher_reconverts_the_posts_importing_a_module_that_changed_or_was_deleted(kernel_template: KernelTemplate, tmp_path: Path):
    notebooks, posts = tmp_path / "notebooks", tmp_path / "posts"
    write_text(notebooks / "thinkstats2.py", THINKSTATS)
    write_ipynb(notebooks, "chap01", notebook(code("import thinkstats2")))
    assert convert_folder(notebooks, posts, kernel_template)[0] == []
    assert changed_posts([notebooks / "thinkstats2.py"], notebooks, posts) == [notebooks / "chap01.ipynb"]
    (notebooks / "thinkstats2.py").unlink()
    assert changed_posts([notebooks / "thinkstats2.py"], notebooks, posts) == [notebooks / "chap01.ipynb"]


def test_a_plain_script_with_a_notebooks_name_is_refused_naming_both_files(kernel_template: KernelTemplate, tmp_path: Path):
    notebooks, posts = tmp_path / "notebooks", tmp_path / "posts"
    ipynb = write_ipynb(notebooks, "chap01ex", notebook(code("print(1)")))
    script = write_text(notebooks / "chap01ex.py", "import sys\n\nprint(sys.argv)\n")
    assert not is_module(script) and find_sources(notebooks) == [ipynb]
    expected = (
        f"{ipynb} (paired: {script}): chap01ex.py is a plain Python script (no `# %%` cell markers, no jupytext header) with "
        "the name of the notebook chap01ex.ipynb: jupytext would pair the two, and `make sync` would overwrite the script with "
        "the notebook's cells\n"
        "To fix: rename the script (e.g. `chap01ex_script.py`, and change the imports of it), or make it the notebook's percent "
        f"pair (this replaces the script): .venv/bin/jupytext --set-formats ipynb,py:percent '{ipynb}'"
    )
    for path in (ipynb, script):
        with pytest.raises(ContentError) as caught:
            read_source(path)
        assert str(caught.value) == expected
    errors, _ = convert_folder(notebooks, posts, kernel_template)
    assert [str(error) for error in errors] == [expected]
    assert not posts.exists() or not any(posts.iterdir())
    # make sync refuses it too, and leaves the script as it was, whichever file is named or newer
    for argv in ([], [str(ipynb)], [str(script)]):
        assert sync.main([*argv, "--notebooks-dir", str(notebooks)]) == 1
        assert script.read_text() == "import sys\n\nprint(sys.argv)\n"
    assert sorted(path.name for path in notebooks.iterdir()) == ["chap01ex.ipynb", "chap01ex.py"]
    # make lint: the build's error
    assert lint.main(["--notebooks-dir", str(notebooks)]) == 1
    # renamed as the error says, it is a module the notebook can import
    script.rename(notebooks / "chap01ex_script.py")
    assert is_module(notebooks / "chap01ex_script.py") and find_sources(notebooks) == [ipynb]


def test_a_light_format_file_with_a_jupytext_header_is_still_refused_with_the_command_that_converts_it(tmp_path: Path):
    path = write_text(tmp_path / "post.py", LIGHT)
    assert not is_module(path) and find_sources(tmp_path) == [path]
    with pytest.raises(ContentError) as caught:
        read_source(path)
    assert str(caught.value) == (
        f"{path}: no `# %%` cell markers: this file is in jupytext's light format, not the percent format, so its cells (and their tags) "
        "cannot be read\n"
        f"To fix: convert it (check the cells it makes): .venv/bin/jupytext --from py:light --to py:percent '{path}' -o '{path}'"
    )


def test_a_module_named_to_the_converter_is_said_to_be_no_post(tmp_path: Path):
    path = write_text(tmp_path / "thinkstats2.py", THINKSTATS)
    with pytest.raises(ContentError) as caught:
        read_source(path)
    assert str(caught.value) == (
        f"{path}: a Python module (no `# %%` cell markers, no jupytext header), not a post: the notebooks beside it can import it, "
        "and it is not published\n"
        "To fix: import it from a post; to make it a post instead, convert it (check the cells it makes): "
        f".venv/bin/jupytext --from py:light --to py:percent '{path}' -o '{path}'"
    )


def test_sync_leaves_modules_alone(tmp_path: Path):
    notebooks = tmp_path / "notebooks"
    module = write_text(notebooks / "thinkstats2.py", THINKSTATS)
    write_ipynb(notebooks, "chap01", notebook(code("import thinkstats2")))
    assert sync.main(["--notebooks-dir", str(notebooks)]) == 0
    assert sync.main([str(module), "--notebooks-dir", str(notebooks)]) == 0  # as the pre-commit hook names it
    assert sorted(path.name for path in notebooks.iterdir()) == ["chap01.ipynb", "chap01.py", "thinkstats2.py"]
    assert module.read_text() == THINKSTATS
    assert sync.sync([module.with_suffix("")], out=io.StringIO()) == [
        f"{module}: a Python module (no `# %%` cell markers, no jupytext header), not a post: the notebooks beside it can import it, "
        "and it is not published\n"
        "To fix: import it from a post; to make it a post instead, convert it (check the cells it makes): "
        f".venv/bin/jupytext --from py:light --to py:percent '{module}' -o '{module}'"
    ]
    assert not module.with_suffix(".ipynb").exists()
