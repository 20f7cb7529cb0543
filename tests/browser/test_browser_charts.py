"""Plotly and Vega-Lite outputs in chromium: each chart is drawn from its JSON by the library the site serves
(static/vendor/), with no request leaving 127.0.0.1; when the library does not load, the static form stays."""

from __future__ import annotations

import base64
import io
from urllib.parse import urlsplit

import pytest
from builders import code, notebook, write_ipynb
from nbformat.v4 import new_output

from scripts.convert import convert
from scripts.sources import find_sources

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGM8ISfHwMAAAAXMAQZFiFnUAAAAAElFTkSuQmCC")
FRONT_MATTER = "---\ntitle: Charts\ndate: 2024-01-31\nexecute: false\n---"
# As plotly's `plotly_mimetype` renderer (the default in a Jupyter kernel) and altair's `mimetype` renderer emit them.
PLOTLY = {
    "data": [{"type": "bar", "x": ["one", "two", "three"], "y": [3, 1, 2], "name": "loss"}],
    "layout": {"title": {"text": "Loss per epoch"}, "template": {"layout": {"font": {"family": "sans-serif"}}}},
    "config": {"plotlyServerURL": "https://plot.ly"},
}
VEGALITE = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.17.0.json",
    "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}},
    "data": {"name": "data-1", "values": [{"epoch": 1, "loss": 0.9}, {"epoch": 2, "loss": 0.4}]},
    "datasets": {},
    "mark": {"type": "line"},
    "encoding": {"x": {"field": "epoch", "type": "quantitative"}, "y": {"field": "loss", "type": "quantitative"}},
}

ALTAIR_TEXT = (
    "<VegaLite 5 object>\n\nIf you see this message, it means the renderer has not been properly enabled\n"
    "for the frontend that you are using. For more information, see\n"
    "https://altair-viz.github.io/user_guide/display_frontends.html#troubleshooting\n"
)


def chart_cell(source: str, data: dict, count: int):
    cell = code(source, alt=f"The {source} chart")
    cell.execution_count = count
    cell.outputs = [new_output("display_data", data=data, metadata={})]
    return cell


@pytest.fixture(scope="module")
def chart_site(tmp_path_factory, serve_site):
    """Convert a post with a Plotly and a Vega-Lite output (stored, not run) and serve the site under /blog/ on 127.0.0.1."""
    root = tmp_path_factory.mktemp("charts")
    png = base64.b64encode(PNG).decode()
    nb = notebook(
        chart_cell("plotly", {"text/plain": "Figure({...})", "application/vnd.plotly.v1+json": PLOTLY, "image/png": png}, 1),
        chart_cell("vegalite", {"text/plain": "alt.Chart(...)", "application/vnd.vegalite.v5+json": VEGALITE, "image/png": png}, 2),
        # As altair's `mimetype` renderer sends it: no image, and a text/plain that only stands in for the chart.
        chart_cell("altair", {"text/plain": ALTAIR_TEXT, "application/vnd.vegalite.v5+json": VEGALITE}, 3),
        front_matter=FRONT_MATTER,
    )
    write_ipynb(root / "notebooks", "charts", nb)
    assert convert(find_sources(root / "notebooks"), root / "content" / "post", workers=1, out=io.StringIO()) == []
    return serve_site(root / "content") + "post/charts/"


def open_page(browser, url: str, blocked: str | None = None):
    """Open `url` where only 127.0.0.1 answers (and not `blocked`, a path part); return the page, its requests and errors."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    requests: list[str] = []
    errors: list[str] = []

    def route(route):
        request = urlsplit(route.request.url)
        if request.hostname == "127.0.0.1" and not (blocked and blocked in request.path):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return context, page, requests, errors


def test_plotly_and_vega_lite_charts_are_drawn_by_the_served_libraries_without_leaving_localhost(browser, chart_site):
    context, page, requests, errors = open_page(browser, chart_site)
    try:
        charts = {name: page.locator(f'.nb-chart[data-alt="The {name} chart"]') for name in ("plotly", "vegalite", "altair")}
        plotly, vegalite = charts["plotly"], charts["vegalite"]
        for name, chart in charts.items():
            chart.locator(".nb-chart-live svg, .nb-chart-live canvas").first.wait_for(state="visible", timeout=20000)
            assert "nb-chart-drawn" in chart.get_attribute("class")
            assert chart.locator(".nb-chart-fallback").count() == 0
            # Named by the cell's alt text, with an image as fallback or without.
            assert chart.locator(".nb-chart-live").get_attribute("role") == "img"
            assert chart.locator(".nb-chart-live").get_attribute("aria-label") == f"The {name} chart"
        # Drawn from the JSON: plotly's bars and title, vega's canvas of the spec's size.
        assert plotly.locator(".nb-chart-live .bars path").count() == 3
        assert plotly.locator(".nb-chart-live .gtitle").text_content() == "Loss per epoch"
        assert vegalite.locator(".nb-chart-live canvas").count() == 1
        assert errors == []
        assert [url for url in requests if urlsplit(url).hostname != "127.0.0.1"] == []
        paths = {urlsplit(url).path for url in requests}
        assert {
            "/blog/vendor/plotly.js-dist-min/plotly.min.js",
            "/blog/vendor/vega/build/vega.min.js",
            "/blog/vendor/vega-lite/build/vega-lite.min.js",
            "/blog/vendor/vega-embed/build/vega-embed.min.js",
            "/blog/js/charts.js",
        } <= paths
    finally:
        context.close()


def test_when_the_chart_libraries_do_not_load_the_static_figures_stay(browser, chart_site):
    context, page, _, _ = open_page(browser, chart_site, blocked="/vendor/")
    try:
        page.wait_for_load_state("load")
        for kind in ("plotly", "vegalite", "altair"):
            chart = page.locator(f'.nb-chart[data-alt="The {kind} chart"]')
            if kind == "altair":  # no image: its alt text, not Altair's "If you see this message, …"
                assert chart.locator(".nb-chart-fallback").evaluate("element => element.outerHTML") == (
                    '<p class="nb-chart-fallback">The altair chart</p>'
                )
            else:
                assert chart.locator("img.nb-chart-fallback, .nb-chart-fallback img").get_attribute("alt") == f"The {kind} chart"
            assert chart.locator(".nb-chart-live").count() == 0
            assert "nb-chart-drawn" not in chart.get_attribute("class")
        assert "If you see this message" not in page.locator("body").inner_text()
        loaded = page.evaluate("""() => Promise.all([...document.querySelectorAll('.nb-chart img')].map(img =>
            img.complete ? img.naturalWidth : new Promise(done => { img.onload = img.onerror = () => done(img.naturalWidth); })))""")
        assert loaded == [2, 2]
    finally:
        context.close()
