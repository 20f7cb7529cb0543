"""An Altair 6 chart (Vega-Lite 6) in chromium: drawn from its JSON by the Vega libraries the site serves
(static/vendor/, the versions Altair 6 draws with), with no request leaving 127.0.0.1, as Altair 5's are."""

from __future__ import annotations

import io
import json
from urllib.parse import urlsplit

import nbformat
import pytest
from builders import code, notebook

from scripts.convert import convert
from scripts.sources import find_sources

FRONT_MATTER = "---\ntitle: Altair 6\ndate: 2024-01-31\nexecute: false\n---"
# As Altair 6.3.0's mimetype renderer displays alt.Chart(df).mark_bar().encode(x='epoch:O', y='loss:Q').
SPEC = {
    "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}},
    "data": {"name": "data-1"},
    "mark": {"type": "bar"},
    "encoding": {"x": {"field": "epoch", "type": "ordinal"}, "y": {"field": "loss", "type": "quantitative"}},
    "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
    "datasets": {"data-1": [{"epoch": 1, "loss": 0.9}, {"epoch": 2, "loss": 0.5}, {"epoch": 3, "loss": 0.3}]},
}


@pytest.fixture(scope="module")
def altair6_site(tmp_path_factory, serve_site):
    """A post with an Altair 6 chart saved in the notebook (`execute: false`), built and served under /blog/ on 127.0.0.1."""
    root = tmp_path_factory.mktemp("altair6")
    cell = code("alt.Chart(df).mark_bar()", alt="Loss per epoch, as bars")
    cell.execution_count = 1
    nb = notebook(cell, front_matter=FRONT_MATTER)
    cell.outputs = [
        nbformat.from_dict(
            {
                "output_type": "display_data",
                "data": {"application/vnd.vegalite.v6.json": SPEC, "text/plain": "<VegaLite 6 object>"},
                "metadata": {},
            }
        )
    ]
    path = root / "notebooks" / "altair6.ipynb"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")  # as Jupyter saves it: nbformat's writer rejects the MIME type
    assert convert(find_sources(root / "notebooks"), root / "content" / "post", workers=1, out=io.StringIO()) == []
    return serve_site(root / "content") + "post/altair6/"


def test_an_altair_6_chart_is_drawn_by_the_served_vega_libraries_without_leaving_localhost(browser, altair6_site):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1" else route.abort())
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(altair6_site)
        chart = page.locator('.nb-chart[data-chart="vegalite"]')
        chart.locator(".nb-chart-live canvas").wait_for(state="visible", timeout=20000)
        assert "nb-chart-drawn" in chart.get_attribute("class")
        assert chart.locator(".nb-chart-fallback").count() == 0
        # Drawn by the served vega-embed 7 with Vega-Lite 6, on a canvas as before vega-embed 7.
        assert page.evaluate("() => window.vegaEmbed.version") == "7.3.0"
        assert page.locator(".nb-chart-live .vega-embed canvas").count() == 1
        assert page.evaluate("() => window.vegaLite.version") == "6.4.1"
        assert errors == []
        assert [url for url in requests if urlsplit(url).hostname != "127.0.0.1"] == []
        assert {
            "/blog/vendor/vega/build/vega.min.js",
            "/blog/vendor/vega-lite/build/vega-lite.min.js",
            "/blog/vendor/vega-embed/build/vega-embed.min.js",
        } <= {urlsplit(url).path for url in requests}
    finally:
        context.close()
