"""Content lint: each check reports what it should, naming file, cell and exercise, and nothing on a clean post."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jupytext
import nbformat
import pytest

from scripts.authoring import lint
from scripts.authoring.new import create_post
from scripts.convert import notebook_to_post
from scripts.render import post_to_files
from scripts.sources import read_source

FRONT = "---\ntitle: T\ndate: 2020-01-02\ndescription: A post.\n---"


def write_post(folder: Path, cells: list[nbformat.NotebookNode], slug: str = "post", front: str = FRONT) -> Path:
    """Write a notebook (.ipynb only) with the front matter cell and `cells`; return its path."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_raw_cell(front), *cells]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.ipynb"
    jupytext.write(notebook, path)
    return path


# The parts that cannot run in Jupyter are raw cells, as `make new` writes them (a code cell is `breaks-run-all`).
RAW_PARTS = {"sample-code", "sct"}


def part(tag: str, source: str, cell_type: str | None = None, **metadata) -> nbformat.NotebookNode:
    cell_type = cell_type or ("markdown" if tag == "hint" else "raw" if tag in RAW_PARTS else "code")
    new_cell = {"markdown": nbformat.v4.new_markdown_cell, "raw": nbformat.v4.new_raw_cell, "code": nbformat.v4.new_code_cell}[cell_type]
    cell = new_cell(source)
    cell.metadata.update(tags=[tag], **metadata)
    return cell


def exercise(
    name: str,
    hint: str | None = "Use `x`.",
    sct: str = 'Ex().check_object("x").has_equal_value()',
    sample: str = "x = ___",
    solution: str = "x = 1",
) -> list[nbformat.NotebookNode]:
    cells = [part("sample-code", sample, exercise=name), part("solution", solution), part("sct", sct)]
    return cells + ([part("hint", hint)] if hint is not None else [])


def findings(path: Path, site: lint.Site | None = None, **kwargs) -> list[tuple[str, int | None, str | None]]:
    """Return (check, cell, exercise) of each finding on the post at `path`."""
    return [(f.kind, f.cell, f.exercise) for f in lint.lint_notebook(path, site or lint.Site(slugs=frozenset({"post", "other"})), **kwargs)]


def test_clean_post_has_no_findings(tmp_path):
    path = write_post(tmp_path, [nbformat.v4.new_markdown_cell("Intro"), *exercise("a", hint="Use `x`."), *exercise("b", hint="Use one.")])
    assert findings(path) == []


def test_exercise_without_hint(tmp_path):
    path = write_post(tmp_path, exercise("a", hint=None))
    assert findings(path) == [("no-hint", 2, "a")]


def test_same_hint_on_two_exercises_names_the_later_one(tmp_path):
    path = write_post(
        tmp_path, [*exercise("a", hint="Same  hint."), nbformat.v4.new_markdown_cell("Next"), *exercise("b", hint="Same hint.")]
    )
    found = lint.lint_notebook(path, lint.Site())
    assert [(f.kind, f.cell, f.exercise, f.message) for f in found] == [
        ("same-hint", 10, "b", "the hint is the same as the hint of exercise 'a'")
    ]
    assert found[0].path == str(path)


@pytest.mark.parametrize("sct", ["Ex()", "Ex()\nsuccess_msg('Well done')", "Ex().success_msg('Well done')"])
def test_an_sct_of_only_ex_checks_nothing(tmp_path, sct):
    path = write_post(tmp_path, exercise("a", sct=sct))
    assert findings(path) == [("sct-checks-nothing", 4, "a")]


def test_sct_with_only_success_msg_or_no_sct(tmp_path):
    path = write_post(
        tmp_path,
        [*exercise("a", sct='success_msg("Great job!")\n'), nbformat.v4.new_markdown_cell("Next"), *exercise("b", sct="", hint="Other.")],
    )
    assert findings(path) == [("sct-checks-nothing", 4, "a"), ("sct-checks-nothing", 9, "b")]


def test_sample_identical_to_solution_unless_it_may_pass(tmp_path):
    cells = exercise("a", sample="  x = 1\n") + [nbformat.v4.new_markdown_cell("Next")] + exercise("b", sample="x = 1", hint="Other.")
    cells[-4].metadata["sample-may-pass"] = True
    path = write_post(tmp_path, cells)
    assert findings(path) == [("sample-is-solution", 2, "a")]


def test_long_solution_counts_non_blank_lines_against_the_setting(tmp_path):
    solution = "\n\n".join(f"x{n} = {n}" for n in range(4))
    path = write_post(tmp_path, exercise("a", solution=solution))
    assert findings(path, max_solution_lines=3) == [("long-solution", 3, "a")]
    assert findings(path, max_solution_lines=4) == []
    assert lint.DEFAULT_MAX_SOLUTION_LINES == 15


def test_an_alternative_that_is_the_solution_or_an_earlier_alternative_again(tmp_path):
    cells = exercise("a") + [
        part("solution-alternative", "x = 2 - 1"),
        part("solution-alternative", "  x = 1\n"),
        part("solution-alternative", "x = 2 - 1"),
    ]
    path = write_post(tmp_path, cells)
    assert findings(path) == [("same-alternative", 7, "a"), ("same-alternative", 8, "a")]
    [first, second] = lint.lint_notebook(path, lint.Site(slugs=frozenset({"post"})))
    assert first.message == "this solution-alternative is the solution again: it tests nothing new"
    assert second.message == "this solution-alternative is the solution-alternative in cell 6 again: it tests nothing new"


def test_packages_setting_is_reported_as_doing_nothing(tmp_path):
    cells = exercise("a")
    cells[1].metadata["packages"] = ["numpy", "pandas"]
    path = write_post(tmp_path, [nbformat.v4.new_markdown_cell("Intro"), *cells])
    [found] = lint.lint_notebook(path, lint.Site(slugs=frozenset({"post"})))
    assert (found.kind, found.cell, found.exercise) == ("unsupported-setting", 4, "a")  # the solution cell
    assert found.message == (
        "setting `packages` does nothing: the site writes data-packages itself: "
        "the pins of runtime/packages.txt for the packages the exercise's code imports"
    )
    assert found.fix == (
        "remove it; to use another package or version, pin it in runtime/packages.txt, which `make test` checks every exercise against"
    )


def test_lang_version_setting_is_reported_as_doing_nothing(tmp_path):
    cells = exercise("a")
    cells[0].metadata["lang-version"] = "3.5"
    path = write_post(tmp_path, cells)
    [found] = lint.lint_notebook(path, lint.Site(slugs=frozenset({"post"})))
    assert (found.kind, found.exercise) == ("unsupported-setting", "a")
    assert found.message == (
        "setting `lang-version` does nothing: the site writes data-lang-version itself: every exercise runs on Python 3.6 (scripts/runtime.py)"
    )
    assert found.fix == "remove it: the Python version is the site's, the same for every exercise"


def test_packages_setting_on_a_solution_alternative_is_reported_too(tmp_path):
    path = write_post(tmp_path, exercise("a") + [part("solution-alternative", "x = 2 - 1", packages=["numpy"])])
    assert findings(path) == [("unsupported-setting", 6, "a")]


def test_a_sample_or_sct_in_a_code_cell_breaks_run_all_and_the_finding_says_to_make_it_raw(tmp_path):
    cells = [
        part("pre-exercise-code", "import numpy as np", exercise="a"),
        part("sample-code", "x = ___", cell_type="code"),
        part("solution", "x = 1"),
        part("solution-alternative", "x = 2 - 1"),
        part("sct", 'Ex().check_object("x").has_equal_value()', cell_type="code"),
        part("hint", "Use `x`."),
        *exercise("b", hint="Use one."),
    ]
    path = write_post(tmp_path, cells)
    found = lint.lint_notebook(path, lint.Site())
    assert [(f.kind, f.cell, f.exercise) for f in found] == [("breaks-run-all", 3, "a"), ("breaks-run-all", 6, "a")]
    assert found[0].message == (
        "the sample-code part is a code cell: Jupyter's Run All runs it and fails (its blanks `___` are IPython's history there)"
    )
    assert found[1].message == (
        "the sct part is a code cell: Jupyter's Run All runs it and fails (`Ex()` and the other SCT functions exist only in DataCamp Light)"
    )
    assert found[1].fix == (
        'make it a raw cell: `# %% [raw] tags=["sct"]` in the .py file (its lines commented), or Cell Type "Raw" in Jupyter; the page is the same'
    )


def test_code_cells_for_the_parts_that_run_and_raw_cells_for_the_others_are_fine(tmp_path):
    cells = [
        part("pre-exercise-code", "import numpy as np", exercise="a"),
        part("sample-code", "x = ___", cell_type="raw"),
        part("solution", "x = 1", cell_type="code"),
        part("solution-alternative", "x = 2 - 1", cell_type="code"),
        part("sct", 'Ex().check_object("x").has_equal_value()', cell_type="raw"),
        part("hint", "Use `x`."),
    ]
    assert findings(write_post(tmp_path, cells)) == []


def test_figure_without_alt_is_found_statically(tmp_path):
    cells = [
        nbformat.v4.new_code_cell(source)
        for source in (
            "import matplotlib.pyplot as plt\nplt.plot([1, 2])",
            "ax.imshow(img)",
            "x = 1\nprint(x)",
            "%matplotlib inline\nplt.show()",
            "fig.savefig('a.png')",
            "fig, ax = plt.subplots()\nax.plot([1, 2])\nfig.savefig('b.png')\nplt.close(fig)",  # saved and closed: nothing shown
        )
    ]
    cells[4].metadata["alt"] = "A line."
    hidden = nbformat.v4.new_code_cell("plt.show()")
    hidden.metadata["tags"] = ["remove-output"]
    path = write_post(tmp_path, [*cells, hidden])
    assert findings(path) == [("figure-without-alt", 2, None), ("figure-without-alt", 3, None), ("figure-without-alt", 5, None)]


def test_a_shown_timing_is_found_and_one_whose_output_is_removed_is_not(tmp_path):
    cells = [
        nbformat.v4.new_code_cell(source)
        for source in ("%timeit sum(range(10))", "%%time\nx = sum(range(10))", "x = 1  # %timeit in a comment", "y = 2")
    ]
    hidden = nbformat.v4.new_code_cell("%timeit sum(range(10))")
    hidden.metadata["tags"] = ["remove-output"]
    path = write_post(tmp_path, [*cells, hidden])
    assert findings(path) == [("timing-output", 2, None), ("timing-output", 3, None)]
    [first, _] = lint.lint_notebook(path, lint.Site(slugs=frozenset({"post"})))
    assert first.fix == "tag the cell `remove-output` (the code is still shown), or say the time in the prose"


def test_post_without_description_or_with_the_placeholder(tmp_path):
    path = write_post(tmp_path, [], front="---\ntitle: T\ndate: 2020-01-02\n---")
    assert findings(path) == [("no-description", 1, None)]
    created = create_post("Fresh", tmp_path / "new", tmp_path / "posts", author="A")
    assert findings(created[0]) == [("no-description", 1, None)]


def test_links_and_images_that_point_nowhere(tmp_path):
    static, content = tmp_path / "static", tmp_path / "content"
    (static / "img").mkdir(parents=True)
    (static / "img" / "a.png").write_bytes(b"png")
    (content / "about").mkdir(parents=True)
    (content / "about" / "index.md").write_text("+++\n+++\n")
    (content / "post" / "post").mkdir(parents=True)
    (content / "post" / "post" / "cell-2-1.png").write_bytes(b"png")
    good = '[p](/post/other/) [rel](../other/) [s](other) ![i](/img/a.png) ![j](img/a.png) ![f](cell-2-1.png) [b](/blog/img/a.png) [a](/about/) [w](https://x.org/y) [f](#top) <img src="/img/a.png">'
    bad = '[p](/post/missing/) ![i](img/b.png) <img src="pics/step.png" alt="x"> [t](/about/team.md)'
    path = write_post(tmp_path / "notebooks", [nbformat.v4.new_markdown_cell(good), nbformat.v4.new_markdown_cell(bad)])
    site = lint.Site(static, content, frozenset({"post", "other"}), "/blog/")
    found = [f for f in lint.lint_notebook(path, site) if f.kind != "missing-anchor"]  # `#top`: see the anchor test
    notebooks = tmp_path / "notebooks"
    assert [(f.kind, f.cell, f.message) for f in found] == [
        ("image-without-alt", 2, "the image '/img/a.png' has no alt text (the page gives it alt=\"\")"),
        (
            "dangling-link",
            3,
            f"the image 'img/b.png' leads nowhere: there is no {notebooks}/img/b.png, and no post, page or file in {static}/ at that path",
        ),
        (
            "dangling-link",
            3,
            f"the image 'pics/step.png' leads nowhere: there is no {notebooks}/pics/step.png, and no post, page or file in {static}/ at that path",
        ),
        ("dangling-link", 3, "the link '/post/missing/' points nowhere on the site"),
        ("dangling-link", 3, "the link '/about/team.md' points nowhere on the site"),
    ]


def test_banner_that_points_nowhere(tmp_path):
    (tmp_path / "static" / "img").mkdir(parents=True)
    (tmp_path / "static" / "img" / "ok.png").write_bytes(b"png")
    site = lint.Site(tmp_path / "static", tmp_path / "content")
    ok = write_post(tmp_path / "a", [], front=FRONT.replace("title: T", "title: T\nbanner: img/ok.png"))
    missing = write_post(tmp_path / "b", [], front=FRONT.replace("title: T", "title: T\nbanner: img/none.png"))
    assert findings(ok, site) == []
    assert findings(missing, site) == [("dangling-link", 1, None)]


def test_notebook_saved_with_outputs(tmp_path):
    path = write_post(tmp_path, [nbformat.v4.new_code_cell("print(1)"), nbformat.v4.new_code_cell("x = 2")])
    data = json.loads(path.read_text())
    data["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "1\n"}]
    path.write_text(json.dumps(data))
    found = lint.lint_notebook(path, lint.Site())
    assert [(f.kind, f.cell, f.message) for f in found] == [("saved-outputs", 2, "post.ipynb is saved with outputs in 1 cell(s): 2")]


def test_post_that_does_not_build_is_one_finding(tmp_path):
    path = write_post(tmp_path, [part("solutoin", "x = 1")])
    assert findings(path) == [("does-not-build", 2, None)]


def test_cli_warns_and_fails_only_when_strict(tmp_path, capsys):
    path = write_post(tmp_path, exercise("a", hint=None))
    assert lint.main([str(path), "--notebooks-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"warning: {path}, cell 2, exercise 'a': the exercise has no hint [no-hint]\n" in out
    assert out.endswith("1 finding(s) in 1 post(s)\n")
    assert lint.main([str(path), "--notebooks-dir", str(tmp_path), "--strict"]) == 1
    assert f"error: {path}, cell 2, exercise 'a': the exercise has no hint [no-hint]\n" in capsys.readouterr().out


def test_every_check_is_in_the_table_with_a_distinct_name():
    names = [check.name for check in lint.CHECKS]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", name) and check.doc for name, check in zip(names, lint.CHECKS))
    assert lint.ERRORS == {"pairing", "does-not-build", *(check.name for check in lint.CHECKS if check.error)}


def test_an_exercise_that_code_shown_above_answers_is_found_and_a_hidden_cell_or_a_new_answer_is_not(tmp_path):
    shown = nbformat.v4.new_code_cell("def relu(z):\n    return np.maximum(z, 0.0)  # the ramp")
    hidden = nbformat.v4.new_code_cell(shown.source, metadata={"tags": ["remove-input"]})
    solution = "def relu(z):\n    return np.maximum(0.0,z)\n\nprint(relu(-1.0))"
    copied = "def relu(z):\n    return np.maximum( z, 0.0 )\n\nprint(relu(-1.0))"
    sample = "def relu(z):\n    return ___\n\nprint(relu(-1.0))"
    path = write_post(
        tmp_path, [shown, *exercise("a", sample=sample, solution=solution), *exercise("b", sample=sample, solution=copied, hint="Ramp.")]
    )
    found = lint.lint_notebook(path, lint.Site(slugs=frozenset({"post"})))
    assert [(f.kind, f.cell, f.exercise) for f in found] == [("answer-on-page", 8, "b")]
    assert (
        found[0].message
        == "1 of the 1 lines the reader writes are in code shown above the exercise (first: `return np.maximum( z, 0.0 )`), so copying answers it"
    )
    path = write_post(tmp_path, [hidden, *exercise("b", sample=sample, solution=copied)])
    assert findings(path) == []


def test_relref_to_a_missing_post_is_an_error_without_strict(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_post(tmp_path / "notebooks", [], slug="other")
    (tmp_path / "content" / "pages" / "about").mkdir(parents=True)
    (tmp_path / "content" / "pages" / "about" / "index.md").write_text("+++\n+++\n")
    text = 'See [a]({{< relref "other" >}}), [b]({{< relref "/post/other.md#Top" >}}), [c]({{< relref "pages/about" >}}).\n\n[d]({{< relref "gone" >}})'
    path = write_post(tmp_path / "notebooks", [nbformat.v4.new_markdown_cell(text)])
    site = lint.Site(tmp_path / "static", tmp_path / "content", frozenset({"post", "other"}))
    found = lint.lint_notebook(path, site)
    assert [(f.kind, f.cell, f.message) for f in found] == [("dangling-link", 2, '`relref "gone"` names no post or page of the site')]
    assert lint.main([str(path), "--notebooks-dir", "notebooks"]) == 1
    out = capsys.readouterr().out
    assert f'error: {path}, cell 2: `relref "gone"` names no post or page of the site [dangling-link]\n' in out
    assert out.endswith("1 finding(s) in 1 post(s), 1 of them error(s)\n")


def test_links_to_notebooks_and_files_beside_the_notebook(tmp_path):
    notebooks = tmp_path / "notebooks"
    write_post(notebooks, [], slug="Other Post")
    (notebooks / "images").mkdir()
    (notebooks / "images" / "x.png").write_bytes(b"png")
    good = "[o](Other%20Post.ipynb#A-Heading) ![x](images/x.png) [same](#Here) ![y](./images/x.png)"
    bad = '[n](nope.ipynb) [h](<Other Post.ipynb>) ![z](images/z.png) <a href="Other Post.ipynb">o</a> <img src="../up.png" alt="u">'
    (tmp_path / "up.png").write_bytes(b"png")
    path = write_post(notebooks, [nbformat.v4.new_markdown_cell(good), nbformat.v4.new_markdown_cell(bad)])
    found = lint.lint_notebook(path, lint.Site(tmp_path / "static", tmp_path / "content"))
    assert [(f.kind, f.cell, f.message) for f in found] == [
        ("missing-anchor", 2, "the link 'Other%20Post.ipynb#A-Heading' names no heading or id of the post of Other Post.ipynb"),
        ("missing-anchor", 2, "the link '#Here' names no heading or id of this post"),
        ("dangling-link", 3, f"the link 'nope.ipynb' points to a notebook that is not in {notebooks}/, so there is no post to link to"),
        (
            "dangling-link",
            3,
            f"the image 'images/z.png' leads nowhere: there is no {notebooks}/images/z.png, and no post, page or file in {tmp_path}/static/ at that path",
        ),
        ("dangling-link", 3, "the link 'Other Post.ipynb' is an HTML link to a notebook: only markdown links become links to its post"),
        (
            "dangling-link",
            3,
            f"the image '../up.png' is outside {notebooks}/ and written in HTML, which the build publishes as it is: the page would show it broken",
        ),
    ]


def test_image_without_alt_text_is_a_warning_and_decorative_html_is_not(tmp_path):
    cells = [nbformat.v4.new_markdown_cell('![](a.png) ![ ](a.png) ![A](a.png) <img src="a.png" alt=""> <img src="a.png">')]
    (tmp_path / "a.png").write_bytes(b"png")
    path = write_post(tmp_path, cells)
    found = lint.lint_notebook(path, lint.Site())
    assert [(f.kind, f.cell, f.message) for f in found] == [
        ("image-without-alt", 2, "the image 'a.png' has no alt text (the page gives it alt=\"\")"),
        ("image-without-alt", 2, "the image 'a.png' has no alt text (the page gives it alt=\"\")"),
        ("image-without-alt", 2, "the image 'a.png' has no alt text (the page gives it alt=\"\")"),
    ]
    assert lint.main([str(path), "--notebooks-dir", str(tmp_path)]) == 0
    assert lint.main([str(path), "--notebooks-dir", str(tmp_path), "--strict"]) == 1


def test_post_dated_in_the_future_is_a_warning(tmp_path):
    path = write_post(tmp_path, [], front=FRONT.replace("2020-01-02", "2999-01-02"))
    found = lint.lint_notebook(path, lint.Site())
    assert [(f.kind, f.cell, f.message) for f in found] == [
        (
            "future-date",
            1,
            "the date 2999-01-02 is in the future: Hugo will not publish the post before 2999-01-02 00:00 UTC (`make serve` shows it)",
        )
    ]


def test_pairing_conflict_is_an_error_that_says_which_file_changed_since_the_build(tmp_path, capsys):
    notebooks, posts = tmp_path / "notebooks", tmp_path / "content" / "post"
    path = write_post(notebooks, [nbformat.v4.new_markdown_cell("Prose.")])
    notebook = jupytext.read(path)
    jupytext.write(notebook, path.with_suffix(".py"), fmt="py:percent")
    source = read_source(path)
    files = post_to_files(notebook_to_post(source), "notebooks/post", source.hash)
    (posts / "post").mkdir(parents=True)
    (posts / "post" / "index.md").write_bytes(files["index.md"])
    py = path.with_suffix(".py")
    py.write_text(py.read_text().replace("Prose.", "Edited prose."))
    found = lint.lint_notebook(path, lint.Site(tmp_path / "static", tmp_path / "content"))
    assert [(f.kind, f.cell, f.message, f.fix) for f in found] == [
        (
            "pairing",
            2,
            "post.ipynb and post.py disagree (first at cell 2: 2 cells in the notebook, 2 in the text file); post.py is newer; "
            "only post.py changed since the post was built",
            "`make site` updates post.ipynb from post.py; or run `make sync`",
        )
    ]
    assert lint.main([str(path), "--notebooks-dir", str(notebooks)]) == 1
    assert "[pairing]" in capsys.readouterr().out


def test_a_link_to_an_anchor_that_names_no_heading_of_its_post(tmp_path):
    notebooks = tmp_path / "notebooks"
    other = '## Pandas: Labeled Data\n\n<a id="custom"></a>\n\n### Styled {#styled}'
    write_post(notebooks, [nbformat.v4.new_markdown_cell(other)], slug="other")
    good = (
        "## What's next?\n\n[a](#What's-next?) [b](#whats-next) [c](other.ipynb#Pandas:-Labeled-Data) "
        "[d](other.ipynb#pandas-labeled-data) [e](other.ipynb#custom) [f](other.ipynb#styled) [g](#main) [h](#ex)"
    )
    bad = "[x](#Whats-Next) [y](other.ipynb#Labeled-Data)"
    path = write_post(notebooks, [nbformat.v4.new_markdown_cell(good), nbformat.v4.new_markdown_cell(bad), *exercise("ex")])
    found = [(f.kind, f.cell, f.message) for f in lint.lint_notebook(path, lint.Site()) if f.kind == "missing-anchor"]
    assert found == [
        ("missing-anchor", 3, "the link '#Whats-Next' names no heading or id of this post"),
        ("missing-anchor", 3, "the link 'other.ipynb#Labeled-Data' names no heading or id of the post of other.ipynb"),
    ]


def issue_20_notebooks(notebooks: Path) -> None:
    """Write a notebook for each thing of the third round of real notebooks that breaks the build or the page."""
    cells = nbformat.v4.new_code_cell, nbformat.v4.new_markdown_cell
    code, md = cells
    write_post(notebooks, [code("%pip install seaborn")], slug="pip")
    write_post(notebooks, [code("!pip install seaborn")], slug="bang-pip")
    write_post(notebooks, [md("The [full report](report.html).")], slug="html-link")
    (notebooks / "report.html").write_text("<p>report</p>")
    write_post(notebooks, [code("1")], slug="soon", front="---\ntitle: Soon\ndate: 2020-01-02\ndescription: D.\ndraft: true\n---")
    write_post(notebooks, [md("Next: [soon](soon.ipynb).")], slug="to-draft")
    write_post(notebooks, [code("1")], slug="toml", front="---\ntitle: T\ndate: 2020-01-02\ndescription: D.\ntags:\n  - a\n  -\n---")
    (notebooks / "bom.py").write_text("\ufeff# ---\n# title: B\n# date: 2020-01-02\n# ---\n\n# %%\n1\n", encoding="utf-8")
    write_post(notebooks / "series", [code("1")], slug="part1")
    write_post(notebooks, [code("import pandas as pd\npd.read_csv('../data/missing.csv')")], slug="up-missing")
    write_post(
        notebooks, [code("from IPython.display import Markdown, display\ndisplay(Markdown('![The fit](fit.png)'))")], slug="md-image"
    )
    write_post(notebooks, [code("from IPython.display import FileLink\nFileLink('report.html')")], slug="file-link")


def test_lint_reports_what_would_break_the_build_or_the_page_before_the_build_does(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    issue_20_notebooks(tmp_path / "notebooks")
    assert lint.main(["--notebooks-dir", "notebooks"]) == 1
    reported = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("    ") and "[no-description]" not in line]
    assert reported == [
        "error: notebooks/series/part1.ipynb: a notebook in a subfolder of notebooks/ is not published: the posts are the "
        "notebooks directly in notebooks/ [does-not-build]",
        "error: notebooks/bang-pip.ipynb, cell 2: the cell installs packages, which would change the environment every post "
        "is built in [does-not-build]",
        "error: notebooks/bom.py: the file starts with a byte-order mark (U+FEFF), which jupytext reads as text before the "
        "`# ---` header [does-not-build]",
        "error: notebooks/file-link.ipynb, cell 2: FileLink('report.html') links to a .html file, which Hugo takes for a "
        "page of the site's content, not a file to publish beside the post: the build stops [file-link-to-page]",
        "error: notebooks/html-link.ipynb, cell 2: the link 'report.html' is a .html file, which Hugo takes for a page of the "
        "site's content, not a file to publish beside the post: the site would not build [dangling-link]",
        "warning: notebooks/md-image.ipynb, cell 2: a markdown output of this cell shows the image 'fit.png', which is not in "
        "notebooks/ nor in static/, and the notebook does not write it: the build stops [output-file]",
        "error: notebooks/pip.ipynb, cell 2: the cell installs packages, which would change the environment every post is "
        "built in [does-not-build]",
        "error: notebooks/to-draft.ipynb, cell 2: the link 'soon.ipynb' points to a draft (its front matter says "
        "`draft: true`): Hugo does not publish it, so the link would lead nowhere [dangling-link]",
        "error: notebooks/toml.ipynb, cell 1: `tags` cannot be written as TOML, which Hugo reads: item 2 is empty (YAML's null) "
        "[does-not-build]",
        "warning: notebooks/up-missing.ipynb, cell 2: the cell names '../data/missing.csv', and there is no data/missing.csv: "
        "reading it fails when the post is built [missing-input]",
        "10 finding(s) in 10 post(s), 8 of them error(s)",
    ]


def test_a_file_link_to_a_page_the_cell_surely_shows_is_an_error_and_one_it_may_show_a_warning(tmp_path):
    code = nbformat.v4.new_code_cell
    cells = [
        code("from IPython.display import FileLink, display"),
        code("FileLink('report.html')  # the cell's result"),
        code("display(FileLink('report.md'))\nprint('linked')"),
        code("FileLink('report.html');"),  # no result shown
        code("link = FileLink('report.html')"),  # shown later, or not
        code("if True:\n    display(FileLink('report.html'))"),
        code("FileLink('results.csv')"),  # a file published beside the post
        code("FileLink('report.html')", metadata={"tags": ["remove-output"]}),
    ]
    path = write_post(tmp_path, cells)
    found = [(f.kind, f.cell, f.message) for f in lint.lint_notebook(path, lint.Site(tmp_path / "static", tmp_path / "content"))]
    page = "which Hugo takes for a page of the site's content, not a file to publish beside the post: the build stops"
    assert [finding for finding in found if finding[0] in ("file-link-to-page", "output-file")] == [
        ("file-link-to-page", 3, f"FileLink('report.html') links to a .html file, {page}"),
        ("file-link-to-page", 4, f"FileLink('report.md') links to a .md file, {page}"),
        ("output-file", 5, f"FileLink('report.html') links to a .html file, {page}"),
        ("output-file", 6, f"FileLink('report.html') links to a .html file, {page}"),
        ("output-file", 7, f"FileLink('report.html') links to a .html file, {page}"),
    ]
    assert {"file-link-to-page", "dangling-link", "stored-output"} <= lint.ERRORS and "output-file" not in lint.ERRORS


def test_missing_input_and_output_file_leave_files_that_are_there_or_that_the_notebook_writes(tmp_path):
    notebooks = tmp_path / "notebooks"
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.csv").write_text("x\n1\n")
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "logo.png").write_bytes(b"png")
    code = nbformat.v4.new_code_cell
    cells = [
        code("import pandas as pd, matplotlib.pyplot as plt, pathlib\nfrom IPython.display import Markdown, IFrame, display"),
        code("df = pd.read_csv('../data/x.csv')\ndf.to_csv('../results/summary.csv')\npathlib.Path('../figures').mkdir()"),
        code("pd.read_csv('../results/summary.csv')\nplt.savefig('../figures/f.png')\nopen('../notes.txt', 'w').write('n')"),
        code("print(open('../notes.txt').read(), pd.read_csv(f'../data/{1}.csv'), sorted(pathlib.Path('..').glob('../data/*.csv')))"),
        code("plt.savefig('fit.png')\ndisplay(Markdown('![The fit](fit.png) ![Logo](logo.png) [data](../data/x.csv)'))"),
        code("display(Markdown('![Gone](gone.png)'))", metadata={"tags": ["remove-output"]}),
        code("IFrame('report.html', width=400, height=300)"),
        code("%%writefile ../scripts/helper.py\nX = 1"),
        code("import sys\nsys.path.append('../scripts')\nopen('../scripts/helper.py').read()"),
    ]
    path = write_post(notebooks, cells)
    found = [(f.kind, f.cell) for f in lint.lint_notebook(path, lint.Site(tmp_path / "static", tmp_path / "content"))]
    assert [kind for kind in found if kind[0] in ("missing-input", "output-file")] == []


def test_a_stored_output_the_page_cannot_show_is_an_error_before_the_build(tmp_path):
    front = "---\ntitle: T\ndate: 2020-01-02\ndescription: A post.\nexecute: false\n---"
    cell = nbformat.v4.new_code_cell("Javascript-free widget")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/plain": "x", "text/vnd.mermaid": "graph TD; A-->B"})]
    path = write_post(tmp_path, [cell], front=front)
    [finding] = [f for f in lint.lint_notebook(path, lint.Site()) if f.kind == "stored-output"]
    assert (finding.cell, finding.message) == (2, "an output of this cell cannot be published")
    assert lint.format_finding(finding, "error").startswith(
        f"error: {path}, cell 2: an output of this cell cannot be published [stored-output]"
    )
