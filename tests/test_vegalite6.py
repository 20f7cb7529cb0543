"""Altair 6's charts (Vega-Lite 6) are drawn in the browser like Altair 5's: their JSON on the page, drawn by the
libraries the site serves from static/vendor/ (npm packages pinned in package-lock.json), only on pages that have one."""

from __future__ import annotations

import io
import json
from pathlib import Path

import nbformat
import pytest
from builders import REPO, build_site, code, notebook, read_page, write_ipynb

from scripts.bundles import generated_data
from scripts.convert import convert
from scripts.model import Code, Output
from scripts.outputs import cells_to_outputs
from scripts.sources import read_source

# What Altair 6.3.0's `mimetype` renderer displays for alt.Chart(df).mark_line(point=True).encode(x='epoch:Q', y='loss:Q')
# .properties(title='Loss per epoch'), its MIME type written with a dot; JupyterLab and Altair's spec_to_mimebundle write `+json`.
ALTAIR6 = "application/vnd.vegalite.v6.json"
SPEC = {
    "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}},
    "data": {"name": "data-14786d2768c9ddb7d59699b8366555b3"},
    "mark": {"type": "line", "point": True},
    "encoding": {"x": {"field": "epoch", "type": "quantitative"}, "y": {"field": "loss", "type": "quantitative"}},
    "title": "Loss per epoch",
    "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
    "datasets": {
        "data-14786d2768c9ddb7d59699b8366555b3": [{"epoch": 1, "loss": 0.9}, {"epoch": 2, "loss": 0.5}, {"epoch": 3, "loss": 0.3}]
    },
}
TEXT = "<VegaLite 6 object>\n\nIf you see this message, it means the renderer has not been properly enabled\n"
STORED = "---\ntitle: Altair 6\ndate: 2024-01-31\nexecute: false\n---"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def altair6_notebook(mime: str = ALTAIR6) -> nbformat.NotebookNode:
    """Return a notebook saved with an Altair 6 chart's output (`execute: false` publishes it)."""
    cell = code("alt.Chart(df).mark_line(point=True)", alt="Loss per epoch, falling")
    cell.execution_count = 1
    nb = notebook(cell, front_matter=STORED)  # the output after: nbformat's own constructors would reject it
    cell.outputs = [nbformat.from_dict({"output_type": "display_data", "data": {mime: SPEC, "text/plain": TEXT}, "metadata": {}})]
    return nb


def write_saved(folder: Path, slug: str, nb) -> Path:
    """Write the notebook as Jupyter saves it, unvalidated: nbformat's schema wants a string for a MIME type not ending in +json."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.ipynb"
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return path


@pytest.mark.parametrize("mime", [ALTAIR6, "application/vnd.vegalite.v6+json"])
def test_an_altair_6_chart_is_its_json_for_the_browser_with_its_alt_text_as_fallback(tmp_path: Path, mime: str):
    source = read_source(write_saved(tmp_path, "post", altair6_notebook(mime)))
    [(output,)] = cells_to_outputs(source, [Code(2, "alt.Chart(df)", alt="Loss per epoch, falling")], [source.notebook.cells[1]])
    # Altair's text/plain ("If you see this message, …") stands in for the chart: the page shows the alt text instead.
    assert output == Output(
        "vegalite", json.dumps(SPEC, ensure_ascii=False, separators=(",", ":")), fallback=Output("text", "Loss per epoch, falling")
    )


def test_a_page_with_an_altair_6_chart_loads_the_served_vega_libraries_and_one_without_loads_none(tmp_path: Path):
    notebooks = tmp_path / "notebooks"
    write_saved(notebooks, "chart", altair6_notebook())
    write_ipynb(notebooks, "plain", notebook(code("1"), front_matter=STORED))
    posts = tmp_path / "content" / "post"
    assert convert([notebooks / "chart.ipynb", notebooks / "plain.ipynb"], posts, 1, out=io.StringIO()) == []
    public = build_site(tmp_path / "content", tmp_path / "site")
    page = read_page(public / "post" / "chart" / "index.html")
    [chart] = page.select(".nb-chart")
    assert chart["data-chart"] == "vegalite" and json.loads(chart.select_one('script[type="application/json"]').string) == SPEC
    scripts = [script["src"] for script in page.select("head script[src]")]
    assert scripts == [
        "/blog/vendor/vega/build/vega.min.js",
        "/blog/vendor/vega-lite/build/vega-lite.min.js",
        "/blog/vendor/vega-embed/build/vega-embed.min.js",
        "/blog/js/charts.js",
    ]
    for script in scripts:  # the files the npm packages hold, as `make charts` copies them
        served = script.removeprefix("/blog/")
        assert (public / served).read_bytes() == (REPO / "static" / served).read_bytes()
    assert read_page(public / "post" / "plain" / "index.html").select("script[src*='vendor'], script[src*='charts']") == []


def test_the_served_vega_libraries_are_the_versions_altair_6_draws_with_pinned_by_package_lock():
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert {name: lock[f"node_modules/{name}"]["version"] for name in ("vega", "vega-lite", "vega-embed")} == {
        "vega": "6.3.0",
        "vega-lite": "6.4.1",
        "vega-embed": "7.3.0",
    }
    vendor = REPO / "static" / "vendor"
    assert b'n="6.4.1"' in (vendor / "vega-lite" / "build" / "vega-lite.min.js").read_bytes()[:400]
    assert b'"7.3.0"' in (vendor / "vega-embed" / "build" / "vega-embed.min.js").read_bytes()


def test_a_notebook_that_displays_an_altair_6_chart_runs_and_publishes_it(tmp_path: Path):
    # As Altair 6's mimetype renderer sends it, whose MIME type nbformat's schema does not take a JSON value under:
    # the build stopped with a traceback (NotebookValidationError).
    shown = f"from IPython.display import display\ndisplay({{{ALTAIR6!r}: {SPEC!r}, 'text/plain': {TEXT!r}}}, raw=True)"
    write_ipynb(tmp_path / "notebooks", "post", notebook(code(shown), code("print('after')")))
    assert convert([tmp_path / "notebooks" / "post.ipynb"], tmp_path / "posts", 1, out=io.StringIO()) == []
    outputs = generated_data(tmp_path / "posts" / "post")["outputs"]
    assert outputs == [
        {
            "cell": 2,
            "kind": "vegalite",
            "spec": json.dumps(SPEC, ensure_ascii=False, separators=(",", ":")),
            "fallback": {"kind": "text", "text": "Figure 1 produced by the code above"},
        },
        {"cell": 3, "kind": "text", "text": "after\n"},
    ]


def test_an_altair_6_chart_an_output_widget_captured_is_published_too(tmp_path: Path):
    # `with out: chart.display()`: the widget's state keeps the chart as Altair 6 sent it.
    view = {"version_major": 2, "version_minor": 0, "model_id": "out"}
    cell = code("with out: chart.display()")
    cell.execution_count = 1
    nb = notebook(cell, front_matter=STORED)
    cell.outputs = [
        nbformat.from_dict({"output_type": "display_data", "data": {"text/plain": "Output()", WIDGET_VIEW: view}, "metadata": {}})
    ]
    captured = {"output_type": "display_data", "data": {ALTAIR6: SPEC, "text/plain": TEXT}, "metadata": {}}
    state = {"model_name": "OutputModel", "model_module": "@jupyter-widgets/output", "state": {"outputs": [captured]}}
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {"version_major": 2, "version_minor": 0, "state": {"out": state}}
    }
    source = read_source(write_saved(tmp_path, "post", nb))
    [(output,)] = cells_to_outputs(
        source, [Code(2, "with out: chart.display()")], [source.notebook.cells[1]], widgets=nb.metadata["widgets"]
    )
    fallback = Output("text", "Figure 1 produced by the code above")
    assert output == Output("vegalite", json.dumps(SPEC, ensure_ascii=False, separators=(",", ":")), fallback=fallback)
