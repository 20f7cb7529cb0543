"""Notebooks with rich outputs, written as authors write them (tests/corpus/outputs/), published for real.

Each is converted on real kernels, as `make site` converts (`python -m scripts.convert`), and
built by Hugo, and its outputs must reach the page exactly as `tests/corpus/outputs/expected/SLUG.html`
shows them (each output element of the post's body, as parsed from the page). The corpus is
published twice, each time from scratch on fresh kernels: every file of the bundles and of the
site must be the same, and no process a notebook started outlives its build.

Besides the outputs of every kind Jupyter shows (text, HTML, Markdown, LaTeX, JSON, images,
tracebacks, progress lines, widgets), the cases include:
  - `javascript.py`: a script drawing on a canvas in its output area (`element`);
  - `interact.py`: an `@interact` whose first call draws a figure and prints, and an `Output`
    area that a later cell prints into;
  - `training-log.py`: 400 prints interleaved with 400 HTML displays, every one of them kept;
  - `stored-charts.ipynb`: `execute: false`, its outputs as Jupyter saved them where Plotly and
    Altair are installed (text, a DataFrame, a PNG, a Plotly figure, a Vega-Lite chart, an
    `@interact` with its widget state);
  - `local-server.py`: starts a web server in a session of its own and leaves it running.

After a deliberate change of what a page shows (or of Hugo), rewrite the expected files
with `CORPUS_UPDATE=1 .venv/bin/pytest tests/test_corpus_outputs.py`, which then
fails on purpose, and review their diff.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import MARK, REPO, build_site, processes_of, read_page, snapshot

from scripts.sources import find_sources

CORPUS = Path(__file__).parent / "corpus" / "outputs"
EXPECTED = CORPUS / "expected"
SLUGS = [path.stem for path in find_sources(CORPUS)]


def publish(root: Path, reverse: bool = False, workers: int = 2) -> Path:
    """Copy the corpus into `root/notebooks`, convert it as `make site` does (naming the notebooks in reverse order if
    asked) and build the site; return the project root, once no process the build started is left."""
    shutil.copytree(CORPUS, root / "notebooks", ignore=shutil.ignore_patterns("expected"))
    paths = [str(path.relative_to(root)) for path in find_sources(root / "notebooks")]
    done = subprocess.run(
        [sys.executable, "-m", "scripts.convert", "-j", str(workers), *(paths[::-1] if reverse else [])],
        cwd=root,  # as `make site` runs: posts name their notebooks `notebooks/SLUG`
        env={**os.environ, "PYTHONPATH": str(REPO), MARK: str(root)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert processes_of(root) == [], "a process the build started outlived it"
    build_site(root / "content", root / "site")
    return root


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    """The corpus published twice, each time from scratch: on 2 kernels, then in reverse order on 1."""
    return publish(tmp_path_factory.mktemp("first")), publish(tmp_path_factory.mktemp("second"), reverse=True, workers=1)


def page(root: Path, slug: str):
    return read_page(root / "site" / "public" / "post" / slug / "index.html")


def outputs_html(root: Path, slug: str) -> str:
    """Return each output element of the post's body, one after another."""
    elements = page(root, slug).select(".post-body > .nb-output, .post-body > .nb-figure")
    return "".join(f"{element}\n\n" for element in elements)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_output_reaches_the_page_as_expected(builds, slug: str):
    first, _ = builds
    expected = EXPECTED / f"{slug}.html"
    if os.environ.get("CORPUS_UPDATE") == "1":
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(outputs_html(first, slug), encoding="utf-8")
        pytest.fail(f"wrote {expected}: review its diff, then run the tests without CORPUS_UPDATE")
    assert outputs_html(first, slug) == expected.read_text(encoding="utf-8")


def test_every_corpus_notebook_has_an_expected_page():
    assert sorted(path.stem for path in EXPECTED.glob("*.html")) == sorted(SLUGS)


def test_a_rebuild_in_another_order_on_other_workers_changes_no_byte(builds):
    first, second = builds
    for folder in ("content", "site/public"):
        before, after = snapshot(first / folder), snapshot(second / folder)
        assert sorted(before) == sorted(after)
        assert [name for name in before if before[name] != after[name]] == []


def test_an_svg_figure_is_a_file_beside_the_post_with_the_cells_alt_text_and_no_date(builds):
    first, _ = builds
    [figure] = page(first, "svg-figure").select(".post-body > figure.nb-figure img")
    assert (figure["src"], figure["alt"]) == ("/blog/post/svg-figure/cell-4-1.svg", "The sigmoid rises from 0 to 1, crossing 0.5 at z = 0")
    svg = (first / "content" / "post" / "svg-figure" / "cell-4-1.svg").read_text(encoding="utf-8")
    assert svg.startswith('<?xml version="1.0" encoding="utf-8" standalone="no"?>\n<!DOCTYPE svg')
    assert "<dc:date>" not in svg


def test_a_dataframe_is_its_html_table_in_a_block_that_scrolls_sideways(builds):
    first, _ = builds
    blocks = page(first, "dataframe").select(".post-body > div.nb-output.nb-html")
    tables = [[[cell.get_text() for cell in row.select("th, td")] for row in block.select("tr")] for block in blocks]
    assert tables[0][:3] == [["", "loss", "accuracy", "note"], ["epoch", "", "", ""], ["1", "0.6931", "0.50", "start"]]
    assert tables[0][-2:] == [["4", "0.2210", "0.93", "<stable>"], ["5", "0.1893", "0.95", "best"]]
    assert tables[1][0] == ["", *(f"input {n}" for n in range(1, 13))]


def test_math_and_latex_displays_become_mathml_when_the_site_is_built(builds):
    first, _ = builds
    math = page(first, "display-math").select(".post-body > .nb-latex math annotation")
    assert [node.get_text() for node in math] == [
        "\\displaystyle \\sigma(z) = \\frac{1}{1 + e^{-z}}",
        "\\displaystyle \\sigma'(z) = \\sigma(z)\\,\\bigl(1 - \\sigma(z)\\bigr)",
    ]
    [latex] = page(first, "display-latex").select(".post-body > .nb-latex")
    assert latex.get_text().startswith("The error of layer l")
    assert len(latex.select("math")) == 3 and len(latex.select("math[display=block]")) == 1


def test_a_progress_line_shows_only_its_last_state(builds):
    first, _ = builds
    texts = [block.get_text() for block in page(first, "progress").select(".post-body > pre.nb-output")]
    assert texts == ["epoch 20/20  loss 0.0115\ndone\n", "ready\n"]


def test_a_traceback_is_shown_whole_without_colour_codes(builds):
    first, _ = builds
    first_error, second_error = (block.get_text() for block in page(first, "traceback").select(".post-body > pre.nb-error"))
    assert first_error.split("\n")[:4] == [
        "-" * 75,
        "ValueError                                Traceback (most recent call last)",
        "Cell In[2], line 1",
        "----> 1 forward(np.ones((2, 3)), np.ones(2))",
    ]
    assert "Cell In[1], line 6, in forward(weights, x)" in first_error
    assert "File …/site-packages/pandas/core/frame.py" in second_error and second_error.endswith("KeyError: 'accuracy'")
    assert "\x1b" not in first_error + second_error


def test_a_long_training_log_keeps_every_print_and_every_display_in_order(builds):
    first, _ = builds
    blocks = page(first, "training-log").select(".post-body > .nb-output")
    texts = [block.get_text() for block in blocks]
    assert len(blocks) == 801
    assert texts[0::2] == [f"epoch {epoch:3d}/400  loss {0.7 * math.exp(-epoch / 120) + 0.02:.4f}\n" for epoch in range(1, 401)] + [
        "done\n"
    ]
    assert [block.select_one("progress")["value"] for block in blocks[1::2]] == [str(epoch) for epoch in range(1, 401)]


def test_local_files_an_output_shows_are_published_from_where_the_cell_ran(builds):
    first, _ = builds
    # display(Markdown("![…](fit.png)")) of the figure the cell saved.
    [figure] = page(first, "markdown-image").select(".nb-markdown img")
    assert figure["src"] == "/blog/post/markdown-image/fit.png"
    assert (first / "site" / "public" / "post" / "markdown-image" / "fit.png").read_bytes().startswith(b"\x89PNG")
    # IFrame("report.html"): the page inside the frame, and the stylesheet it links beside the post.
    [frame] = page(first, "iframe-report").select(".nb-html iframe")
    assert '<link rel="stylesheet" href="report.css">' in frame["srcdoc"] and not frame.has_attr("src")
    css = first / "site" / "public" / "post" / "iframe-report" / "report.css"
    assert css.read_text() == "body { font-family: sans-serif; } td, th { padding: 0 1em; }\n"


def test_pages_with_charts_load_the_sites_own_chart_libraries_and_no_other_page_does(builds):
    first, _ = builds
    scripts = {slug: [script["src"] for script in page(first, slug).select("head script[src]")] for slug in SLUGS}
    charts = {slug for slug, sources in scripts.items() if sources}
    assert charts == {"stored-charts", "altair6-sweep"}
    for sources in scripts.values():
        assert all(src.startswith("/blog/vendor/") or src == "/blog/js/charts.js" for src in sources), sources
