"""Importing hand-written DataCamp Light posts: what DataCamp Light reads survives import, conversion and Hugo."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts import hugo
from scripts.authoring.importer import ImportFailed, import_post, post_to_notebook
from scripts.convert import convert
from scripts.datacamp import datacamp_reads
from scripts.kernels import KernelTemplate
from scripts.parts import NOT_RUNNABLE, PUBLISHED_PARTS
from scripts.sources import read_source

ROOT = Path(__file__).resolve().parent.parent
LEGACY_POST = Path("/work/shared/seeds/000_4e01d9d0b3da80bf.txt")


def datacamp_light_reads(html: str) -> list[dict[str, str | None]]:
    """Return, per exercise of a page, each part as DataCamp Light reads it (first match wins; hint = innerHTML)."""
    exercises = []
    for div in BeautifulSoup(html, "html.parser").select("[data-datacamp-exercise]"):
        read: dict[str, str | None] = {}
        for part in PUBLISHED_PARTS:
            element = div.select_one(f'code[data-type="{part.data_type}"]' if part.is_code else f'[data-type="{part.data_type}"]')
            if part.is_code:
                read[part.tag] = datacamp_reads(element.get_text()) if element else ""
            else:
                read[part.tag] = element.decode_contents().strip() if element else None
        exercises.append(read)
    return exercises


def body_of(post_text: str) -> str:
    """Return a post's text after its front matter."""
    fence = post_text.split("\n", 1)[0]
    return post_text.split(f"\n{fence}\n", 1)[1]


def import_and_build(tmp_path: Path, post_text: str, slug: str, template: KernelTemplate) -> tuple[str, list[str]]:
    """Import a legacy post, convert it and build it with Hugo in `tmp_path`; return the page's HTML and the notes."""
    legacy = tmp_path / "old" / f"{slug}.md"
    legacy.parent.mkdir()
    legacy.write_text(post_text, encoding="utf-8")
    notebooks, content = tmp_path / "notebooks", tmp_path / "content"
    paths, notes = import_post(legacy, notebooks)
    assert [path.name for path in paths] == [f"{slug}.ipynb", f"{slug}.py"]
    read_source(paths[0])  # the pair agrees cell for cell
    assert convert([paths[0]], content / "post", workers=1, prune=False, template=template) == []
    site = tmp_path / "site"
    site.mkdir()
    for name in hugo.SITE_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, site / name)
        elif (ROOT / name).is_file():
            shutil.copy(ROOT / name, site / name)
    result = hugo.build(
        site, tmp_path / "public", "--quiet", "--buildDrafts", "--cacheDir", str(tmp_path / "cache"), content=content, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return (tmp_path / "public" / "post" / slug / "index.html").read_text(encoding="utf-8"), notes


def test_legacy_post_round_trip_gives_datacamp_light_the_same_exercises(tmp_path, kernel_template):
    text = LEGACY_POST.read_text(encoding="utf-8")
    original = datacamp_light_reads(body_of(text))
    page, notes = import_and_build(tmp_path, text, "nn-fundamentals-legacy", kernel_template)
    built = datacamp_light_reads(page)
    assert len(original) == 3
    assert built == original
    # The first exercise's code as published, tabs and all.
    assert original[0]["solution"].startswith("import numpy as np\t\n\t\t\ndef sigmoid(x):")
    assert original[2]["pre-exercise-code"].count("[Source: https://www.researchgate.net") == 1
    assert any("pre-exercise-code contains HTML tags (<img>)" in note for note in notes)
    assert any("left out DataCamp Light's <script> tag" in note for note in notes)


def test_legacy_post_becomes_named_exercises_with_markdown_between():
    notebook, _ = post_to_notebook(LEGACY_POST.read_text(encoding="utf-8"), "nn-legacy")
    names = [cell.metadata["exercise"] for cell in notebook.cells if "exercise" in cell.metadata]
    assert names == ["nn-legacy-1", "nn-legacy-2", "nn-legacy-3"]
    assert notebook.cells[0].cell_type == "raw"
    assert "title: Neural Network Fundamentals II\ndate: '2018-02-01'\n" in notebook.cells[0].source
    assert notebook.cells[1].source.startswith("A Gentle Introduction to Neural Network Fundamentals\n=============")
    assert "datacamp-light-latest" not in notebook.cells[1].source
    hints = [cell.source for cell in notebook.cells if cell.metadata.get("tags") == ["hint"]]
    assert hints == ["Use the assignment operator (`=`) to create the variable `a`."] * 3


CRAFTED = """\
---
title: Crafted
date: 2020-01-02
tags: [a, b]
---
Some *markdown* with $x^2$.

<div data-datacamp-exercise data-lang="python" id="two-hints" data-height="250" data-show-run-button="true" data-packages="numpy,pandas" data-lang-version="3.5">
<code data-type="pre-exercise-code">
    import numpy as np
</code>
<code data-type="sample-code">
    x = ___
        # indented comment
</code>
<code data-type="solution">
    x = 1 &lt; 2
</code>
<code data-type="sct">Ex().check_object("x")</code>
<div data-type="hint">First hint with <code>x</code>.</div>
<div data-type="hint">Second <strong>hint</strong>.</div>
</div>

Between.

<div data-datacamp-exercise data-lang="python">
<code data-type="sample-code">y = ___</code>
<code data-type="sct">Ex().check_object("y")</code>
stray text
</div>

<div data-datacamp-exercise data-lang="python" data-height="tall">
<code data-type="sample-code">z = ___
<code data-type="solution">z = 3</code>
<code data-type="sct">Ex().check_object("z")</code>
"""


def test_crafted_post_round_trip_and_notes(tmp_path, kernel_template):
    original = datacamp_light_reads(body_of(CRAFTED))
    page, notes = import_and_build(tmp_path, CRAFTED, "crafted", kernel_template)
    assert datacamp_light_reads(page) == original
    assert original[0]["sample-code"] == "x = ___\n    # indented comment"
    assert original[0]["solution"] == "x = 1 < 2"
    assert original[0]["hint"] == "First hint with <code>x</code>."
    assert original[2]["sample-code"] == 'z = ___\nz = 3\nEx().check_object("z")'  # unclosed: the sample swallows the rest
    where1, where2, where3 = "exercise 'two-hints' (line 8)", "exercise 'crafted-2' (line 26)", "exercise 'crafted-3' (line 32)"
    assert (
        f"{where1}: hint appears 2 times, kept all: the first as the hint (DataCamp Light used it), the others in a raw cell after the exercise (not published)"
        in notes
    )
    assert f"{where2}: there is no pre-exercise-code; added an empty pre-exercise-code cell (DataCamp Light read none)" in notes
    assert f"{where2}: there is no solution; added an empty solution cell (DataCamp Light read none)" in notes
    assert f"{where2}: there is no hint" in notes
    assert f"{where2}: content outside any part (1 piece(s)) kept in a raw cell after the exercise (not published)" in notes
    assert f"{where3}: its <div> is not closed; it ends where the next exercise starts, or at the end of the post" in notes
    assert f'{where3}: data-height="tall" is not a valid `height` (expected a positive whole number); left it out' in notes
    assert (
        f'{where1}: data-packages="numpy,pandas": the site writes data-packages itself: the pins of runtime/packages.txt for the '
        "packages the exercise's code imports; left it out (remove it; to use another package or version, pin it in "
        "runtime/packages.txt, which `make test` checks every exercise against)"
    ) in notes
    assert (
        f'{where1}: data-lang-version="3.5": the site writes data-lang-version itself: every exercise runs on Python 3.6 '
        "(scripts/runtime.py); left it out (remove it: the Python version is the site's, the same for every exercise)"
    ) in notes
    assert any(note.startswith(f"{where3}: the sample-code element contains other parts (solution, sct)") for note in notes)


def test_crafted_post_keeps_settings_and_every_duplicate():
    notebook, _ = post_to_notebook(CRAFTED, "crafted")
    first = next(cell for cell in notebook.cells if cell.metadata.get("exercise") == "two-hints")
    assert (first.metadata["height"], first.metadata["show-run-button"]) == (250, True)
    assert "packages" not in first.metadata and "lang-version" not in first.metadata
    # Raw cells besides the parts Jupyter's Run All cannot run (the sample and the SCT, raw as `make new` writes them).
    raws = [
        cell.source for cell in notebook.cells[1:] if cell.cell_type == "raw" and not set(cell.metadata.get("tags", [])) & set(NOT_RUNNABLE)
    ]
    assert raws == [
        "Another hint of exercise 'two-hints' in the imported post:\n\nSecond **hint**.",
        "Content of exercise 'crafted-2' outside its parts in the imported post:\n\nstray text",
    ]


TWO_SOLUTIONS = """+++
title = "Two solutions"
date = 2024-01-31
+++

<div data-datacamp-exercise data-lang="python" id="double">
<code data-type="sample-code">y = ___</code>
<code data-type="solution">y = 2 * 3</code>
<code data-type="solution">y = 3 + 3</code>
<code data-type="sct">Ex().check_object("y").has_equal_value()</code>
</div>
"""


def test_a_second_solution_becomes_a_solution_alternative_that_make_test_checks(tmp_path, kernel_template):
    notebook, notes = post_to_notebook(TWO_SOLUTIONS, "two")
    tagged = [(cell.metadata["tags"], cell.source) for cell in notebook.cells[1:]]
    assert tagged == [
        (["pre-exercise-code"], ""),
        (["sample-code"], "y = ___"),
        (["solution"], "y = 2 * 3"),
        (["sct"], 'Ex().check_object("y").has_equal_value()'),
        (["solution-alternative"], "y = 3 + 3"),
    ]
    assert (
        "exercise 'double' (line 6): solution appears 2 times, kept all: the first as the solution (DataCamp Light used it), "
        "the others as solution-alternative cells (not published; `make test` requires each to pass the SCT: fix or delete the ones "
        "that are not correct answers)"
    ) in notes
    page, _ = import_and_build(tmp_path, TWO_SOLUTIONS, "two", kernel_template)
    assert datacamp_light_reads(page) == datacamp_light_reads(body_of(TWO_SOLUTIONS))
    assert "3 + 3" not in page


def test_yaml_and_toml_front_matter_give_the_same_cell():
    toml = '+++\ntitle = "T"\ndate = 2020-01-02\ntags = ["a"]\n+++\nText\n'
    yaml_post = "---\ntitle: T\ndate: 2020-01-02\ntags: [a]\n---\nText\n"
    assert (
        post_to_notebook(toml, "t")[0].cells[0].source
        == post_to_notebook(yaml_post, "t")[0].cells[0].source
        == "---\ntitle: T\ndate: 2020-01-02\ntags: [a]\n---"
    )


def test_import_refuses_to_overwrite_a_notebook(tmp_path):
    legacy = tmp_path / "old.md"
    legacy.write_text("---\ntitle: T\ndate: 2020-01-02\n---\nText\n", encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "old.py").write_text("# keep me\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="old.py already exists; nothing was written"):
        import_post(legacy, tmp_path / "notebooks")
    assert (tmp_path / "notebooks" / "old.py").read_text() == "# keep me\n"
    assert not (tmp_path / "notebooks" / "old.ipynb").exists()


def test_post_without_front_matter_is_refused():
    with pytest.raises(ImportFailed, match="does not start with front matter"):
        post_to_notebook(textwrap.dedent("Just text\n"), "x")


def test_an_imported_exercise_writes_the_sample_and_the_sct_as_raw_cells_that_run_all_skips():
    notebook, _ = post_to_notebook(TWO_SOLUTIONS, "two")
    kinds = {tag: cell.cell_type for cell in notebook.cells for tag in cell.metadata.get("tags", [])}
    assert (kinds["sample-code"], kinds["sct"], kinds["solution"]) == ("raw", "raw", "code")
