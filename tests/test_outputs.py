"""What an executed cell's outputs become on the page (scripts/outputs.py), from nbformat outputs built here."""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat
import pytest
from nbconvert.exporters.html import HTMLExporter
from nbformat.v4 import new_code_cell, new_notebook, new_output

from scripts.errors import ContentError
from scripts.model import Code, Output
from scripts.outputs import FORMS, PRIORITY, cells_to_outputs
from scripts.sources import Source

FOLDER = Path("/home/author/blog/notebooks")
SOURCE = Source("post", new_notebook(), FOLDER / "post.ipynb", None)
PNG = b"\x89PNG\r\n\x1a\nfake"
JPEG = b"\xff\xd8\xff\xe0fake"


def executed(*outputs: nbformat.NotebookNode, count: int = 2) -> nbformat.NotebookNode:
    """Return a code cell as nbclient leaves it after running, with these outputs."""
    cell = new_code_cell("x", execution_count=count)
    cell.outputs = list(outputs)
    return cell


def stream(text: str, name: str = "stdout") -> nbformat.NotebookNode:
    return new_output("stream", name=name, text=text)


def display(data: dict, metadata: dict | None = None) -> nbformat.NotebookNode:
    return new_output("display_data", data=data, metadata=metadata or {})


def shown(*outputs: nbformat.NotebookNode, code: Code | None = None) -> list[tuple[str, str]]:
    """Return (kind, text) of what the page shows for one cell with these outputs."""
    code = code or Code(3, "x")
    [result] = cells_to_outputs(SOURCE, [code], [executed(*outputs)])
    return [(output.kind, output.text) for output in result]


def test_the_display_priority_is_nbconverts_for_html_with_charts_first_and_json_before_plain_text():
    nbconvert = HTMLExporter().default_config.NbConvertBase.display_data_priority
    charts = [
        "application/vnd.plotly.v1+json",
        "application/vnd.vegalite.v6.json",  # as Altair 6's mimetype renderer writes it
        "application/vnd.vegalite.v6+json",
        "application/vnd.vegalite.v5+json",
        "application/vnd.vegalite.v4+json",
    ]
    assert list(PRIORITY) == [*charts, *nbconvert[:-1], "application/json", "text/plain"]
    # Every form nbconvert may pick is decided here: shown as something, or refused with a reason.
    assert set(PRIORITY) == set(FORMS)
    assert all(form.to_output or form.unpublishable for form in FORMS.values())


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # pandas: HTML beats text.
        ({"text/plain": "   a\n0  1", "text/html": "<table><tr><td>1</td></tr></table>"}, ("html", "<table><tr><td>1</td></tr></table>")),
        ({"text/plain": "<IPython.core.display.Markdown object>", "text/markdown": "**bold**"}, ("markdown", "**bold**")),
        ({"text/plain": "<IPython.core.display.Math object>", "text/latex": "$\\displaystyle x^2$"}, ("latex", "$\\displaystyle x^2$")),
        # sympy: its TeX beats its PNG.
        (
            {"text/plain": "x**2", "text/latex": "$\\displaystyle x^{2}$", "image/png": base64.b64encode(PNG).decode()},
            ("latex", "$\\displaystyle x^{2}$"),
        ),
        (
            {"text/plain": "<IPython.core.display.JSON object>", "application/json": {"b": [1, None], "a": "é"}},
            ("text", '{\n  "b": [\n    1,\n    null\n  ],\n  "a": "é"\n}'),
        ),
        (
            {"text/plain": "IntSlider(value=5)", "application/vnd.jupyter.widget-view+json": {"model_id": "f00"}},
            ("widget", "IntSlider(value=5)"),
        ),
        # Bokeh and friends: their JavaScript runs on the page, as nbconvert's HTML export runs it.
        ({"text/plain": "Loading", "application/javascript": "load()", "text/html": "<div>Loading</div>"}, ("javascript", "load()")),
        ({"text/plain": "42"}, ("text", "42")),
    ],
)
def test_a_display_is_shown_in_the_first_form_of_the_priority_the_page_can_show(data, expected):
    assert shown(display(data)) == [expected]


def test_images_are_files_named_after_the_cell_with_its_alt_text_and_their_given_size():
    svg = "<svg>\n <metadata>\n  <dc:format>image/svg+xml</dc:format>\n  <dc:date>2024-05-01T10:00:00</dc:date>\n </metadata>\n</svg>\n"
    outputs = [
        display({"text/plain": "<Figure>", "image/svg+xml": svg}),
        display({"text/plain": "<Figure>", "image/png": base64.b64encode(PNG).decode()}, {"image/png": {"width": 320, "height": 240}}),
        display(
            {"text/plain": "<IPython.core.display.Image object>", "image/jpeg": base64.b64encode(JPEG).decode()},
            {"image/jpeg": {"width": 200}},
        ),
    ]
    [result] = cells_to_outputs(SOURCE, [Code(5, "x", alt="A curve")], [executed(*outputs)])
    assert result == (
        # matplotlib's date of drawing is left out: the file is the same on every run.
        Output("image", "A curve", b"<svg>\n <metadata>\n  <dc:format>image/svg+xml</dc:format>\n </metadata>\n</svg>\n", "cell-5-1.svg"),
        Output("image", "A curve", PNG, "cell-5-2.png", width=320, height=240),
        Output("image", "A curve", JPEG, "cell-5-3.jpg", width=200),
    )


def test_without_alt_metadata_each_image_is_named_by_its_number_in_the_cell():
    outputs = [display({"image/png": base64.b64encode(PNG).decode()}), display({"text/plain": "1"}), display({"image/png": "eA=="})]
    assert [text for kind, text in shown(*outputs) if kind == "image"] == [
        "Figure 1 produced by the code above",
        "Figure 2 produced by the code above",
    ]


def test_streams_are_merged_and_show_what_a_terminal_shows():
    outputs = [
        stream("\repoch 1/3"),
        stream("\repoch 2/3"),
        stream("\repoch 3/3\n"),
        stream("spin |\x08/\x08-\x08ok\n"),
        stream("\x1b[1;32mpassed\x1b[0m\r\n"),
    ]
    assert shown(*outputs) == [("text", "epoch 3/3\nspin ok\npassed\n")]


def test_stderr_is_shown_apart_with_the_kernels_temporary_folder_masked():
    outputs = [
        stream("a\n"),
        stream("/tmp/ipykernel_4242/2858204443.py:2: RuntimeWarning: overflow encountered in exp\n", "stderr"),
        stream("b\n"),
    ]
    assert shown(*outputs) == [
        ("text", "a\n"),
        ("stderr", "…/ipykernel_…/2858204443.py:2: RuntimeWarning: overflow encountered in exp\n"),
        ("text", "b\n"),
    ]


def test_a_cell_tagged_remove_stderr_shows_its_stdout_only():
    outputs = [stream("a\n"), stream("warning\n", "stderr"), stream("b\n")]
    assert shown(*outputs, code=Code(3, "x", frozenset({"remove-stderr"}))) == [("text", "a\nb\n")]


def test_memory_addresses_and_install_paths_are_masked_in_text():
    reprs = "[<matplotlib.lines.Line2D at 0x7f3a2c1b9e10>, <bound method A.f of <__main__.A object at 0x10ab>>]"
    printed = f"{FOLDER}/data.csv\n/usr/lib/python3.11/json/decoder.py\n~/blog/.venv/lib/python3.11/site-packages/numpy/__init__.py\n"
    assert shown(display({"text/plain": reprs}), stream(printed)) == [
        ("text", "[<matplotlib.lines.Line2D at 0x…>, <bound method A.f of <__main__.A object at 0x…>>]"),
        ("text", "data.csv\n…/lib/python3.11/json/decoder.py\n…/site-packages/numpy/__init__.py\n"),
    ]


TRACEBACK = [
    "\x1b[31m---------------------------------------------------------------------------\x1b[39m",
    "\x1b[31mKeyError\x1b[39m                                  Traceback (most recent call last)",
    "\x1b[36mCell\x1b[39m\x1b[36m \x1b[39m\x1b[32mIn[4]\x1b[39m\x1b[32m, line 2\x1b[39m\n\x1b[32m----> \x1b[39m\x1b[32m2\x1b[39m f(table)",
    "\x1b[36mCell\x1b[39m\x1b[36m \x1b[39m\x1b[32mIn[2]\x1b[39m\x1b[32m, line 1\x1b[39m, in \x1b[36mf\x1b[39m\x1b[34m(t)\x1b[39m\n----> 1 t['zz']",
    "\x1b[36mFile \x1b[39m\x1b[32m/home/ci/work/blog/.venv/lib/python3.11/site-packages/pandas/core/frame.py:4330\x1b[39m, in DataFrame.__getitem__",
    f"File {FOLDER}/_helpers.py:3, in load()",
    "\x1b[31mKeyError\x1b[39m: 'zz'",
]


def test_a_traceback_is_shown_whole_without_colour_codes_cells_numbered_as_in_a_fresh_run():
    cells = [
        executed(count=2),
        executed(count=3),
        executed(new_output("error", ename="KeyError", evalue="'zz'", traceback=TRACEBACK), count=4),
    ]
    codes = [Code(2, "def f(t): ..."), Code(4, "table = {}"), Code(6, "f(table)", frozenset({"raises-exception"}))]
    *_, [error] = cells_to_outputs(SOURCE, codes, cells)
    assert error == Output(
        "error",
        "---------------------------------------------------------------------------\n"
        "KeyError                                  Traceback (most recent call last)\n"
        "Cell In[3], line 2\n----> 2 f(table)\n"
        "Cell In[1], line 1, in f(t)\n----> 1 t['zz']\n"
        "File …/site-packages/pandas/core/frame.py:4330, in DataFrame.__getitem__\n"
        "File _helpers.py:3, in load()\n"
        "KeyError: 'zz'",
    )


def test_an_empty_display_shows_nothing():
    assert shown(display({})) == []


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (
            # A Vega (not Vega-Lite) spec: the site serves no renderer for it.
            {"text/plain": "alt.Chart(...)", "application/vnd.vega.v5+json": {}},
            "Its forms: application/vnd.vega.v5+json, text/plain. The page cannot show application/vnd.vega.v5+json, "
            "and text/plain only stands in for it.",
        ),
        ({"image/gif": "R0lG"}, "Its forms: image/gif. The page cannot show image/gif."),
        (
            {"application/vnd.jupyter.widget-view+json": {"model_id": "f00"}},
            "Its forms: application/vnd.jupyter.widget-view+json. A widget is shown by its text form (text/plain), and this one has none.",
        ),
    ],
)
def test_an_output_the_page_cannot_show_stops_the_build_naming_the_cell(data, detail):
    with pytest.raises(ContentError) as raised:
        shown(display(data), code=Code(7, "chart"))
    error = raised.value
    assert (error.path, error.cell, error.source, error.kind) == (str(FOLDER / "post.ipynb"), 7, "chart", "output")
    assert error.message == "an output of this cell cannot be published"
    assert error.detail == detail
    assert "remove-output" in error.fix


def test_files_an_html_output_points_at_are_published_with_it_from_where_the_cell_ran(tmp_path):
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "summary.csv").write_text("points\n2\n")
    (tmp_path / "plot.png").write_bytes(PNG)
    html = (
        '<img src="plot.png" alt="A plot"> <a href="results/summary%2Ecsv#top">the summary</a> '
        '<a href="#later">later</a> <a href="https://example.org/x.png">elsewhere</a> <img src="data:image/png;base64,AAAA">'
    )
    [(output,)] = cells_to_outputs(SOURCE, [Code(3, "x")], [executed(display({"text/html": html}))], ran_in=tmp_path)
    assert output.kind == "html" and output.text == html
    assert output.files == (("plot.png", PNG), ("results/summary.csv", b"points\n2\n"))


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        (
            '<video controls><source src="animation.mp4" type="video/mp4"></video>',
            "'animation.mp4', which is not a file in the notebook's folder after the cell ran",
        ),
        ('<img src="../outside.png">', "'../outside.png', which is outside the notebook's folder"),
    ],
)
def test_an_html_output_pointing_at_a_file_that_is_not_there_stops_the_build_naming_the_cell(tmp_path, html, problem):
    (tmp_path.parent / "outside.png").write_bytes(PNG)
    with pytest.raises(ContentError) as raised:
        cells_to_outputs(SOURCE, [Code(3, "x")], [executed(display({"text/html": html}))], ran_in=tmp_path)
    error = raised.value
    assert error.cell == 3 and error.kind == "output"
    assert error.message == f"an HTML output of this cell points at {problem}: the page would show it broken"
    assert error.fix == (
        "commit the file beside the notebook (or have the notebook write it before this cell), "
        "or tag the cell 'remove-output' to publish the code only"
    )
    # The fix works: an output that is not published points at nothing.
    removed = Code(3, "x", tags=frozenset({"remove-output"}))
    [(output,)] = cells_to_outputs(SOURCE, [removed], [executed(display({"text/html": html}))], ran_in=tmp_path)
    assert output.files == ()


PLOTLY = "application/vnd.plotly.v1+json"
VEGALITE_V5 = "application/vnd.vegalite.v5+json"


def test_a_javascript_display_is_a_script_in_the_output_area_as_nbconvert_runs_it():
    [(output,)] = cells_to_outputs(
        SOURCE,
        [Code(3, "x")],
        [executed(display({"text/plain": "<IPython.core.display.Javascript object>", "application/javascript": "alert(1)"}))],
    )
    assert output == Output("javascript", "alert(1)")


def test_a_plotly_figure_is_its_json_for_the_browser_with_its_image_as_fallback_numbered_among_the_cells_figures():
    figure = {"data": [{"type": "bar", "x": ["a"], "y": [None], "name": "</script><b>"}], "layout": {"title": {"text": "A & B"}}}
    outputs = [
        display(
            {"text/plain": "Figure({...})", PLOTLY: figure, "image/png": base64.b64encode(PNG).decode()}, {"image/png": {"width": 300}}
        ),
        display({"text/plain": "<Figure>", "image/png": base64.b64encode(PNG).decode()}),
    ]
    [(chart, figure_after)] = cells_to_outputs(SOURCE, [Code(3, "x", alt="Bars")], [executed(*outputs)])
    assert chart.kind == "plotly"
    # JSON that a <script type="application/json"> holds as it is: no `<`, `>` or `&` that HTML could read.
    assert chart.text == (
        '{"data":[{"type":"bar","x":["a"],"y":[null],"name":"\\u003c/script\\u003e\\u003cb\\u003e"}],'
        '"layout":{"title":{"text":"A \\u0026 B"}}}'
    )
    assert chart.fallback == Output("image", "Bars", PNG, "cell-3-1.png", width=300)
    assert (figure_after.kind, figure_after.name) == ("image", "cell-3-2.png")


# What Altair's `mimetype` renderer gives a chart as text/plain: a stand-in, no fallback for a reader.
ALTAIR_TEXT = (
    "<VegaLite 5 object>\n\nIf you see this message, it means the renderer has not been properly enabled\n"
    "for the frontend that you are using. For more information, see\n"
    "https://altair-viz.github.io/user_guide/display_frontends.html#troubleshooting\n"
)


@pytest.mark.parametrize("mime", [VEGALITE_V5, "application/vnd.vegalite.v4+json"])
def test_a_vega_lite_chart_is_its_json_for_the_browser_with_its_alt_text_as_fallback_not_altairs_text(mime):
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "mark": "point", "data": {"values": [{"a": 1}]}}
    [(chart,)] = cells_to_outputs(SOURCE, [Code(3, "x", alt="Points")], [executed(display({"text/plain": ALTAIR_TEXT, mime: spec}))])
    assert chart == Output(
        "vegalite",
        '{"$schema":"https://vega.github.io/schema/vega-lite/v5.json","mark":"point","data":{"values":[{"a":1}]}}',
        fallback=Output("text", "Points"),
    )


def test_a_chart_without_an_image_falls_back_to_its_alt_text_and_counts_among_the_cells_figures():
    # plotly's `plotly_mimetype` renderer sends the figure's JSON only.
    outputs = [
        display({PLOTLY: {"data": [{"y": [1]}]}}),
        display({"text/plain": "Figure({...})", PLOTLY: {"data": [{"y": [2]}]}}),
        display({"text/plain": "<Figure>", "image/png": base64.b64encode(PNG).decode()}),
    ]
    [(first, second, figure_after)] = cells_to_outputs(SOURCE, [Code(3, "x")], [executed(*outputs)])
    assert first == Output("plotly", '{"data":[{"y":[1]}]}', fallback=Output("text", "Figure 1 produced by the code above"))
    assert second == Output("plotly", '{"data":[{"y":[2]}]}', fallback=Output("text", "Figure 2 produced by the code above"))
    assert (figure_after.kind, figure_after.text, figure_after.name) == ("image", "Figure 3 produced by the code above", "cell-3-3.png")


def widget_view(model_id: str, text: str) -> nbformat.NotebookNode:
    return display(
        {"text/plain": text, "application/vnd.jupyter.widget-view+json": {"version_major": 2, "version_minor": 0, "model_id": model_id}}
    )


def widget_state(**models: dict) -> dict:
    """Return a notebook's `widgets` metadata holding these models by id."""
    return {"application/vnd.jupyter.widget-state+json": {"version_major": 2, "version_minor": 0, "state": models}}


def output_model(*outputs: dict) -> dict:
    return {"model_name": "OutputModel", "model_module": "@jupyter-widgets/output", "state": {"outputs": list(outputs)}}


INTERACT_TEXT = "interactive(children=(IntSlider(value=5, description='n', max=15, min=-5), Output()), _dom_classes=('widget-interact',))"
INTERACT_STATE = widget_state(
    box={"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_slider", "IPY_MODEL_out"]}},
    slider={"model_name": "IntSliderModel", "state": {"value": 5}},
    out=output_model(
        {"output_type": "stream", "name": "stdout", "text": "n = 5\n"},
        {"output_type": "display_data", "data": {"text/plain": "<Figure>", "image/png": base64.b64encode(PNG).decode()}, "metadata": {}},
    ),
)


def test_an_interact_shows_its_controls_then_what_its_first_call_displayed_in_its_output_area():
    [outputs] = cells_to_outputs(SOURCE, [Code(3, "@interact")], [executed(widget_view("box", INTERACT_TEXT))], widgets=INTERACT_STATE)
    assert outputs == (
        Output("widget", INTERACT_TEXT),
        Output("text", "n = 5\n"),
        Output("image", "Figure 1 produced by the code above", PNG, "cell-3-1.png"),
    )


def test_what_an_output_widget_captured_is_shown_in_its_place():
    state = widget_state(out=output_model({"output_type": "stream", "name": "stdout", "text": "epoch 1\nepoch 2\n"}))
    cell = executed(stream("before\n"), widget_view("out", "Output()"))
    [outputs] = cells_to_outputs(SOURCE, [Code(3, "with out: ...")], [cell], widgets=state)
    assert outputs == (Output("text", "before\n"), Output("text", "epoch 1\nepoch 2\n"))


def test_an_output_widget_missing_from_the_widget_state_stops_the_build_naming_the_cell():
    with pytest.raises(ContentError) as raised:
        cells_to_outputs(SOURCE, [Code(4, "@interact")], [executed(widget_view("box", INTERACT_TEXT))], widgets=None)
    error = raised.value
    assert (error.cell, error.source, error.kind) == (4, "@interact", "output")
    assert error.message == "the outputs this cell's Output widget captured cannot be published: the notebook holds no state for it"
    assert error.detail == (
        f"The widget {INTERACT_TEXT!r} (model box) is not in the notebook's widget state "
        "(metadata `widgets`, application/vnd.jupyter.widget-state+json), where its outputs are kept."
    )
    assert "Save Widget State" in error.fix and "remove-output" in error.fix
    # The fix works: a cell whose outputs are not published needs no widget state; a plain control needs none either.
    removed = Code(4, "@interact", tags=frozenset({"remove-output"}))
    assert cells_to_outputs(SOURCE, [removed], [executed(widget_view("box", INTERACT_TEXT))]) == [(Output("widget", INTERACT_TEXT),)]
    assert shown(widget_view("f00", "IntSlider(value=5)")) == [("widget", "IntSlider(value=5)")]


def test_execute_false_publishes_the_stored_outputs_as_a_run_would():
    from scripts.model import Markdown, Post
    from scripts.outputs import with_stored_outputs

    stored = new_notebook(
        cells=[
            nbformat.v4.new_raw_cell("---\ntitle: T\ndate: 2024-01-31\nexecute: false\n---"),
            nbformat.v4.new_markdown_cell("Prose"),
            executed(stream("a\r"), stream("b\n"), count=7),
            executed(widget_view("box", INTERACT_TEXT), count=9),
        ],
        metadata={"widgets": INTERACT_STATE},
    )
    source = Source("post", stored, FOLDER / "post.ipynb", None)
    post = Post("post", {}, [Markdown(2, "Prose"), Code(3, "x"), Code(4, "@interact")])
    published = with_stored_outputs(source, post)
    assert published.blocks[0] == Markdown(2, "Prose")
    assert published.code_cells == [
        Code(3, "x", outputs=(Output("text", "b\n"),)),
        Code(
            4,
            "@interact",
            outputs=(
                Output("widget", INTERACT_TEXT),
                Output("text", "n = 5\n"),
                Output("image", "Figure 1 produced by the code above", PNG, "cell-4-1.png"),
            ),
        ),
    ]
