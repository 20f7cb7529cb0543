"""Stored outputs (`execute: false`), JavaScript, Plotly and Vega-Lite charts and widgets' Output areas, converted
and built by Hugo: the exact HTML each becomes on the page."""

from __future__ import annotations

import base64

import nbformat
import pytest
from builders import build_site, code, notebook, read_page
from nbformat.v4 import new_output

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGM8ISfHwMAAAAXMAQZFiFnUAAAAAElFTkSuQmCC")
STORED = "---\ntitle: Stored outputs\ndate: 2024-01-31\nexecute: false\n---"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
INTERACT = "interactive(children=(IntSlider(value=2, description='n', max=6, min=-2), Output()), _dom_classes=('widget-interact',))"


def ran(source: str, *outputs: nbformat.NotebookNode, count: int, **metadata) -> nbformat.NotebookNode:
    """Return a code cell as Jupyter saved it after running, with these outputs."""
    cell = code(source, **metadata)
    cell.execution_count = count
    cell.outputs = list(outputs)
    return cell


def shown(data: dict, metadata: dict | None = None) -> nbformat.NotebookNode:
    return new_output("display_data", data=data, metadata=metadata or {})


def stored_notebook() -> nbformat.NotebookNode:
    png = base64.b64encode(PNG).decode()
    nb = notebook(
        ran("print('trained')", new_output("stream", name="stdout", text="trained\n"), count=1),
        ran(
            "df",
            new_output("execute_result", data={"text/plain": "df", "text/html": "<table><tr><td>1</td></tr></table>"}, execution_count=2),
            count=2,
        ),
        ran("plt.plot(x)", shown({"text/plain": "<Figure>", "image/png": png}), count=3, alt="A line"),
        ran(
            "Javascript(...)",
            shown({"text/plain": "<IPython.core.display.Javascript object>", "application/javascript": "element.textContent = 'ran';"}),
            count=4,
        ),
        ran(
            "px.bar(...)",
            shown(
                {
                    "text/plain": "Figure({...})",
                    "application/vnd.plotly.v1+json": {"data": [{"type": "bar", "x": ["a", "b"], "y": [1, None]}], "layout": {}},
                    "image/png": png,
                }
            ),
            count=5,
            alt="Two bars",
        ),
        ran(
            "alt.Chart(...)",
            shown(
                {"text/plain": "alt.Chart(...)", "application/vnd.vegalite.v5+json": {"mark": "bar", "data": {"values": [{"a": "<b>"}]}}}
            ),
            count=6,
            alt="Bars of <b>",
        ),
        ran(
            "@interact\ndef f(n=2): ...",
            shown({"text/plain": INTERACT, WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": "box"}}),
            count=7,
        ),
        front_matter=STORED,
    )
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {
            "version_major": 2,
            "version_minor": 0,
            "state": {
                "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_slider", "IPY_MODEL_out"]}},
                "slider": {"model_name": "IntSliderModel", "state": {"value": 2}},
                "out": {
                    "model_name": "OutputModel",
                    "state": {
                        "outputs": [
                            {"output_type": "stream", "name": "stdout", "text": "n squared is 4\n"},
                            {"output_type": "display_data", "data": {"text/plain": "<Figure>", "image/png": png}, "metadata": {}},
                        ]
                    },
                },
            },
        }
    }
    return nb


def test_a_notebook_published_without_running_shows_every_stored_output_as_jupyter_does(project):
    project.add("stored", stored_notebook())
    assert project.convert() == []
    public = build_site(project.root / "content", project.root / "site")
    page = read_page(public / "post" / "stored" / "index.html")
    outputs = page.select(".post-body > .nb-output, .post-body > .nb-figure")
    assert [str(element) for element in outputs] == [
        '<pre class="nb-output"><code>trained\n</code></pre>',
        '<div class="nb-output nb-html"><table><tr><td>1</td></tr></table></div>',
        '<figure class="nb-figure"><img alt="A line" height="1" loading="lazy" src="/blog/post/stored/cell-4-1.png" width="2"/></figure>',
        '<div class="nb-output nb-javascript" id="nb-output-3"><script>var element = document.getElementById("nb-output-3");\n'
        "element.textContent = 'ran';</script></div>",
        '<div class="nb-output nb-chart" data-alt="Two bars" data-chart="plotly"><script type="application/json">'
        '{"data":[{"type":"bar","x":["a","b"],"y":[1,null]}],"layout":{}}</script>'
        '<figure class="nb-figure nb-chart-fallback"><img alt="Two bars" height="1" loading="lazy" src="/blog/post/stored/cell-6-1.png" width="2"/></figure></div>',
        # Without an image, the chart's alt text, never its text/plain (`alt.Chart(...)`), names it and shows without JavaScript.
        '<div class="nb-output nb-chart" data-alt="Bars of &lt;b&gt;" data-chart="vegalite"><script type="application/json">'
        '{"data":{"values":[{"a":"\\u003cb\\u003e"}]},"mark":"bar"}</script>'
        '<p class="nb-chart-fallback">Bars of &lt;b&gt;</p></div>',
        f'<div class="nb-output nb-widget"><pre><code>{INTERACT}</code></pre>'
        '<p class="nb-note">An interactive Jupyter widget: it works in Jupyter only, so the page shows its text form.</p></div>',
        '<pre class="nb-output"><code>n squared is 4\n</code></pre>',
        '<figure class="nb-figure"><img alt="Figure 1 produced by the code above" height="1" loading="lazy" src="/blog/post/stored/cell-8-1.png" width="2"/></figure>',
    ]
    assert (public / "post" / "stored" / "cell-6-1.png").read_bytes() == PNG
    # The page loads the chart libraries the site serves, and only these scripts.
    scripts = [script["src"] for script in page.select("head script[src]")]
    assert scripts == [
        "/blog/vendor/plotly.js-dist-min/plotly.min.js",
        "/blog/vendor/vega/build/vega.min.js",
        "/blog/vendor/vega-lite/build/vega-lite.min.js",
        "/blog/vendor/vega-embed/build/vega-embed.min.js",
        "/blog/js/charts.js",
    ]
    for script in scripts:
        assert (public / script.removeprefix("/blog/")).is_file(), script


def test_a_page_without_charts_loads_no_chart_library(project):
    project.add(
        "plain", notebook(ran("1", new_output("execute_result", data={"text/plain": "1"}, execution_count=1), count=1), front_matter=STORED)
    )
    assert project.convert() == []
    page = read_page(build_site(project.root / "content", project.root / "site") / "post" / "plain" / "index.html")
    assert [str(element) for element in page.select(".post-body > .nb-output")] == ['<pre class="nb-output"><code>1</code></pre>']
    assert page.select("script[src*='vendor'], script[src*='charts']") == []


def test_a_stored_output_the_page_cannot_show_stops_the_build_naming_the_notebook_and_cell(project):
    nb = notebook(ran("Image(...)", shown({"image/gif": "R0lG"}), count=1), front_matter=STORED)
    project.add("gif", nb)
    [error] = project.convert()
    assert str(error) == (
        "notebooks/gif.ipynb, cell 2: an output of this cell cannot be published\n"
        "Its forms: image/gif. The page cannot show image/gif.\n"
        "To fix: display it as an image, HTML or text instead, or tag the cell 'remove-output' to publish the code only"
    )
    assert not (project.posts / "gif").exists()


def executed_outputs(project, slug: str, *cells: nbformat.NotebookNode) -> list[dict]:
    """Run a notebook with these cells through the build on a real kernel; return its outputs as the post holds them."""
    import tomllib

    project.add(slug, notebook(*cells))
    assert [str(error) for error in project.convert()] == []
    return tomllib.loads(project.post(slug).split("+++\n")[1])["notebook"]["outputs"]


@pytest.mark.slow
def test_javascript_and_charts_a_kernel_displays_are_published(project):
    outputs = executed_outputs(
        project,
        "ran",
        code("from IPython.display import Javascript, display\n\ndisplay(Javascript(\"element.textContent = 'ran'\"))"),
        code("display({'application/vnd.plotly.v1+json': {'data': [{'y': [1, None]}]}, 'text/plain': 'Figure({...})'}, raw=True)"),
    )
    assert outputs == [
        {"cell": 2, "kind": "javascript", "text": "element.textContent = 'ran'"},
        {
            "cell": 3,
            "kind": "plotly",
            "spec": '{"data":[{"y":[1,null]}]}',
            "fallback": {"kind": "text", "text": "Figure 1 produced by the code above"},
        },
    ]


@pytest.mark.slow
def test_an_interact_run_by_the_build_publishes_its_first_call(project):
    outputs = executed_outputs(
        project,
        "interact",
        code("from ipywidgets import interact\n\n\n@interact(n=2)\ndef square(n):\n    print(n * n)"),
    )
    assert [output["kind"] for output in outputs] == ["widget", "text"]
    assert outputs[1]["text"] == "4\n"
