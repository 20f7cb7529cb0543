"""Reading a .ipynb as the build needs it: quietly, where nbformat logs every notebook its schema refuses, and
stopping only on what the build cannot read (scripts/sources.py, schema_problem)."""

from __future__ import annotations

import copy
import json
import logging
import warnings
from pathlib import Path

import nbformat
import pytest

from scripts.errors import ContentError
from scripts.sources import read_source

CHART = {"$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json", "mark": "point", "data": {"values": [{"x": 1}]}}
# As Jupyter saves a notebook that showed an Altair 6 chart (alt.renderers.enable("mimetype")).
SAVED = {
    "nbformat": 4,
    "nbformat_minor": 5,
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "cells": [
        {"cell_type": "raw", "id": "a1", "metadata": {}, "source": "---\ntitle: A chart\ndate: 2024-03-21\nexecute: false\n---"},
        {
            "cell_type": "code",
            "id": "b2",
            "metadata": {},
            "execution_count": 1,
            "source": "chart",
            "outputs": [
                {
                    "output_type": "execute_result",
                    "execution_count": 1,
                    "metadata": {},
                    "data": {"application/vnd.vegalite.v6.json": CHART, "text/plain": "alt.Chart(...)"},
                }
            ],
        },
    ],
}


def write(tmp_path: Path, notebook: dict) -> Path:
    path = tmp_path / "chart.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def test_a_notebook_with_an_altair_6_chart_is_read_without_a_word_and_keeps_the_chart(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    path = write(tmp_path, SAVED)
    caplog.set_level(logging.DEBUG)
    nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)  # what the build called: it logs the whole chart
    assert [record.getMessage()[:26] for record in caplog.records] == ["Notebook JSON is invalid: "]
    caplog.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        source = read_source(path)
    assert caplog.records == []
    (output,) = source.notebook.cells[1].outputs
    assert output.data["application/vnd.vegalite.v6.json"] == CHART


def test_repeated_or_missing_cell_ids_are_made_unique_quietly_as_nbformat_reads_does(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    notebook = copy.deepcopy(SAVED)
    notebook["cells"][1]["id"] = "a1"
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        source = read_source(write(tmp_path, notebook))
    assert caplog.records == []
    first, second = (cell.id for cell in source.notebook.cells)
    assert first == "a1" and second != "a1"


@pytest.mark.parametrize(
    ("change", "cell", "message"),
    [
        (
            lambda nb: nb["cells"][1]["outputs"][0].update(output_type="display_dat"),
            2,
            "outputs/0: output_type 'display_dat' is none of those nbformat knows",
        ),
        (lambda nb: nb["cells"][1].update(cell_type="cod"), 2, "cell_type 'cod' is none of those nbformat knows"),
        (lambda nb: nb["cells"][1].update(execution_count="1"), 2, "execution_count: '1' is not of type 'integer', 'null'"),
        (lambda nb: nb["cells"][0].pop("source"), 1, "'source' is a required property"),
        (
            lambda nb: nb["cells"][1]["outputs"].append({"output_type": "stream", "name": "stdout"}),
            2,
            "outputs/1: 'text' is a required property",
        ),
    ],
)
def test_a_notebook_the_build_cannot_read_is_named_with_the_cell_and_a_one_line_reason(tmp_path: Path, change, cell: int, message: str):
    notebook = copy.deepcopy(SAVED)
    change(notebook)
    path = write(tmp_path, notebook)
    with pytest.raises(ContentError) as raised:
        read_source(path)
    assert str(raised.value) == (
        f"{path}, cell {cell}: not a valid notebook: {message}\n"
        "To fix: repair the notebook there (a tool other than Jupyter may have written it), or open and re-save it in Jupyter"
    )


def test_fields_the_schema_does_not_know_are_ignored(tmp_path: Path):
    notebook = copy.deepcopy(SAVED)
    notebook["cells"][1]["outputId"] = "f00"  # as some editors add
    assert read_source(write(tmp_path, notebook)).notebook.cells[1].source == "chart"
