"""Steps 2 and 4: checking tags, and grouping cells into markdown, code and exercise blocks (scripts/exercises.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import code, markdown, notebook, raw, write_ipynb

from scripts.errors import ContentError
from scripts.exercises import cells_to_blocks, check_tags
from scripts.model import Code, Exercise, Markdown
from scripts.sources import read_source


def source_of(tmp_path: Path, *cells):
    return read_source(write_ipynb(tmp_path, "post", notebook(*cells)))


def blocks_of(tmp_path: Path, *cells):
    source = source_of(tmp_path, *cells)
    check_tags(source)
    return cells_to_blocks(source)


def error_of(tmp_path: Path, *cells) -> ContentError:
    with pytest.raises(ContentError) as caught:
        blocks_of(tmp_path, *cells)
    assert caught.value.path == str(tmp_path / "post.ipynb")
    return caught.value


def test_consecutive_part_cells_in_any_order_are_one_exercise(tmp_path: Path):
    blocks = blocks_of(
        tmp_path,
        markdown("Intro"),
        code("check()", "sct"),
        markdown("Try `x`.", "hint"),
        code("x = ___", "sample-code"),
        raw("import numpy", "pre-exercise-code"),
        code("x = 1", "solution"),
        code("print(2)"),
    )
    assert blocks == [
        Markdown(2, "Intro"),
        Exercise(
            name="post-1",
            number=1,
            cells={"sct": 3, "hint": 4, "sample-code": 5, "pre-exercise-code": 6, "solution": 7},
            parts={
                "sct": "check()",
                "hint": "Try `x`.",
                "sample-code": "x = ___",
                "pre-exercise-code": "import numpy",
                "solution": "x = 1",
            },
        ),
        Code(8, "print(2)"),
    ]


def test_a_part_that_repeats_starts_the_next_exercise(tmp_path: Path):
    blocks = blocks_of(tmp_path, code("a = 1", "solution"), code("b = ___", "sample-code"), code("b = 2", "solution"))
    assert [(block.name, block.cells) for block in blocks] == [("post-1", {"solution": 2, "sample-code": 3}), ("post-2", {"solution": 4})]


def test_solution_alternatives_repeat_inside_one_exercise_and_are_not_front_matter_fields(tmp_path: Path):
    blocks = blocks_of(
        tmp_path,
        code("x = ___", "sample-code"),
        code("x = 1 + 1", "solution-alternative"),
        code("x = 2", "solution"),
        code("x = int('2')", "solution-alternative", accept_mutants={"change-constant@1:5": "any number will do"}),
        code('Ex().check_object("x").has_equal_value()', "sct"),
        code("y = 1", "solution"),
    )
    first, second = blocks
    assert (first.name, first.cells["solution"], second.name, second.cells) == ("post-1", 4, "post-2", {"solution": 7})
    assert first.copies("solution-alternative") == ((3, "x = 1 + 1"), (5, "x = int('2')"))
    assert first.all_cells == [2, 3, 4, 5, 6]
    assert first.settings == {"accept-mutants": {"change-constant@1:5": "any number will do"}}
    # Never published: neither the alternatives nor the accepted mutants reach the page's front matter.
    assert first.fields() == {
        "id": "post-1",
        "pre_exercise_code": "",
        "sample_code": "x = ___",
        "solution": "x = 2",
        "sct": first.part("sct"),
        "hint": "",
        "lang_version": "3.6",
        "packages": [],
    }


@pytest.mark.parametrize("value", [["change-constant@1:5"], {"change-constant@1:5": ""}, {"change-constant@1:5": 3}, "all"])
def test_when_accept_mutants_is_not_a_mapping_of_ids_to_reasons_then_error_says_what_it_expects(tmp_path: Path, value):
    error = error_of(tmp_path, code("x = 1", "solution", accept_mutants=value))
    assert (error.cell, error.exercise) == (2, "post-1")
    assert error.message.startswith("setting `accept-mutants` = ")
    assert error.message.endswith('expected a mapping of mutant ids to the reason each is accepted, e.g. {"swap-operator@3:12": "why"}')


def test_exercise_name_comes_from_the_metadata_of_any_of_its_cells(tmp_path: Path):
    blocks = blocks_of(
        tmp_path,
        code("x = ___", "sample-code"),
        code("x = 1", "solution", exercise="make-x"),
        markdown("Between"),
        code("y = 1", "solution"),
    )
    assert [block.name for block in blocks if isinstance(block, Exercise)] == ["make-x", "post-2"]


def test_settings_are_read_from_cell_metadata_and_become_front_matter_fields(tmp_path: Path):
    [block] = blocks_of(
        tmp_path,
        code("x = ___", "sample-code", height=400, packages=["numpy", "pandas"]),  # not a setting: the site writes the pins
        code("x = 1", "solution", show_run_button=True, timeout=5),
    )
    assert block.fields() == {
        "id": "post-1",
        "pre_exercise_code": "",
        "sample_code": "x = ___",
        "solution": "x = 1",
        "sct": "",
        "hint": "",
        "lang_version": "3.6",
        "packages": [],
        "height": 400,
        "show_run_button": True,
        "timeout": 5.0,
    }


def test_when_an_exercise_has_no_solution_then_error_names_its_first_cell_and_where_to_add_it(tmp_path: Path):
    error = error_of(tmp_path, markdown("Intro"), code("x = ___", "sample-code"), code("check()", "sct"), markdown("Outro"))
    assert (error.cell, error.exercise) == (3, "post-1")
    assert error.message == "the exercise has no solution (its cells: sample-code in cell 3, sct in cell 4)"
    assert error.fix == "add a cell tagged 'solution' right after cell 4, next to the exercise's other parts"


@pytest.mark.parametrize(
    ("tag", "meant"),
    [("soluton", "solution"), ("Solution", "solution"), ("sample_code", "sample-code"), ("hnt", "hint"), ("remove_input", "remove-input")],
)
def test_when_tag_is_misspelled_then_build_names_the_cell_and_the_tag_meant(tmp_path: Path, tag: str, meant: str):
    error = error_of(tmp_path, markdown("Intro"), code("x = 1", tag))
    assert (error.cell, error.message) == (3, f"unknown tag '{tag}'")
    assert error.fix.startswith(f"did you mean '{meant}'?")
    assert str(error).startswith(f"{tmp_path / 'post.ipynb'}, cell 3: unknown tag '{tag}'")


def test_unrelated_tags_are_allowed(tmp_path: Path):
    assert blocks_of(tmp_path, code("x = 1", "thebe-init", "parameters")) == [Code(2, "x = 1", frozenset({"thebe-init", "parameters"}))]


def test_when_a_cell_has_two_part_tags_then_error_says_to_split_it(tmp_path: Path):
    error = error_of(tmp_path, code("x = 1", "solution", "sct"))
    assert (error.cell, error.message) == (2, "a cell can be only one exercise part, this one is tagged solution, sct")


def test_when_hint_is_a_code_cell_then_error_says_to_make_it_markdown(tmp_path: Path):
    error = error_of(tmp_path, code("x = 1", "solution"), code("use x", "hint"))
    assert (error.cell, error.message, error.fix) == (
        3,
        "a 'hint' cell must be a markdown cell, this one is code",
        "change the cell's type to markdown",
    )


def test_when_two_exercises_share_a_name_then_error_names_both_cells(tmp_path: Path):
    error = error_of(tmp_path, code("a = 1", "solution", exercise="same"), markdown("x"), code("b = 1", "solution", exercise="same"))
    assert (error.cell, error.message) == (4, "two exercises are named 'same' (the other starts at cell 2)")


@pytest.mark.parametrize("name", ["has space", "1starts-with-digit", 'quote"', ""])
def test_when_exercise_name_cannot_be_an_html_id_then_error_says_which_characters_are_allowed(tmp_path: Path, name: str):
    error = error_of(tmp_path, code("a = 1", "solution", exercise=name))
    assert error.message == f"exercise name {name!r} cannot be an HTML id"


def test_when_a_setting_has_a_bad_value_then_error_names_setting_cell_and_exercise(tmp_path: Path):
    error = error_of(tmp_path, code("a = 1", "solution", height="tall"))
    assert (error.cell, error.exercise) == (2, "post-1")
    assert error.message == "setting `height` = 'tall': expected a positive whole number"


def test_display_tags_stay_on_code_blocks_and_blank_or_raw_cells_are_dropped(tmp_path: Path):
    blocks = blocks_of(
        tmp_path,
        code("a = 1", "remove-input"),
        code("   \n"),
        raw("not published"),
        markdown("hidden", "remove-cell"),
        code("b = 2", "hide-input", alt="A plot"),
    )
    assert blocks == [Code(2, "a = 1", frozenset({"remove-input"})), Code(6, "b = 2", frozenset({"hide-input"}), "A plot")]
