"""Step 3: the front matter, YAML in the first cell in, TOML between `+++` lines out (scripts/front_matter.py)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from builders import code, markdown, notebook, write_ipynb

from scripts.convert import front_matter_of
from scripts.errors import ContentError
from scripts.front_matter import front_matter_to_toml, hugo_front_matter
from scripts.sources import read_source


def front_of(tmp_path: Path, front_matter: str | None, *cells):
    """Return the checked front matter of a notebook whose first cell is `front_matter`."""
    return front_matter_of(read_source(write_ipynb(tmp_path, "post", notebook(*cells, front_matter=front_matter))))


def error_of(tmp_path: Path, front_matter: str | None, *cells) -> ContentError:
    with pytest.raises(ContentError) as caught:
        front_of(tmp_path, front_matter, *cells)
    assert caught.value.path == str(tmp_path / "post.ipynb")
    assert caught.value.cell == 1
    return caught.value


def test_keys_pass_through_and_date_becomes_a_date(tmp_path: Path):
    front = front_of(tmp_path, "---\ntitle: A post\ndate: 2024-01-31\ntags: [a, b]\nauthor: Group NN\ndraft: true\n---")
    assert front == {"title": "A post", "date": dt.date(2024, 1, 31), "tags": ["a", "b"], "author": "Group NN", "draft": True}


@pytest.mark.parametrize(
    ("written", "parsed"),
    [
        ("'2024-01-31'", dt.date(2024, 1, 31)),
        ("2024-01-31T10:30:00", dt.datetime(2024, 1, 31, 10, 30)),
        ("'2024-01-31 10:30'", dt.datetime(2024, 1, 31, 10, 30)),
    ],
)
def test_date_may_be_quoted_or_carry_a_time(tmp_path: Path, written: str, parsed):
    assert front_of(tmp_path, f"---\ntitle: T\ndate: {written}\n---")["date"] == parsed


def test_when_first_cell_is_not_raw_then_error_shows_the_header_to_write(tmp_path: Path):
    error = error_of(tmp_path, None, markdown("# Title"), code("x = 1"))
    assert error.message == "the first cell must be a raw cell with the front matter"
    assert error.fix.startswith("start the notebook with a raw cell like\n---\ntitle: My post\ndate: 2026-01-31\n---")


def test_when_raw_cell_has_no_dashes_then_error_says_so(tmp_path: Path):
    error = error_of(tmp_path, "title: T\ndate: 2024-01-31")
    assert error.message == "the first cell must be a raw cell holding YAML front matter between `---` lines"


def test_when_title_is_missing_then_error_says_to_add_it(tmp_path: Path):
    error = error_of(tmp_path, "---\ndate: 2024-01-31\n---")
    assert (error.message, error.fix) == ("the front matter has no `title`", "add a `title:` line to the front matter")


@pytest.mark.parametrize("date", ["yesterday", "2024-13-45", "31.01.2024", "2024"])
def test_when_date_is_not_a_date_then_error_quotes_it_and_shows_the_format(tmp_path: Path, date: str):
    error = error_of(tmp_path, f"---\ntitle: T\ndate: {date}\n---")
    assert error.message.startswith("`date` is not a date: ")
    assert date in error.message
    assert error.fix == "write the date as YYYY-MM-DD (optionally with a time, ISO 8601)"


def test_when_yaml_is_invalid_then_error_points_at_the_line(tmp_path: Path):
    error = error_of(tmp_path, "---\ntitle: T\ndate: 2024-01-31\ntags: [a, b\n---")
    assert error.message.startswith("the front matter is not valid YAML")
    assert error.line is not None and "tags: [a, b" in str(error)


@pytest.mark.parametrize(("line", "key"), [("execute: 'no'", "execute"), ("timeout: fast", "timeout"), ("timeout: true", "timeout")])
def test_when_pipeline_key_has_the_wrong_type_then_error_names_it(tmp_path: Path, line: str, key: str):
    error = error_of(tmp_path, f"---\ntitle: T\ndate: 2024-01-31\n{line}\n---")
    assert error.message.startswith(f"`{key}` has the wrong type")


def test_when_author_uses_the_reserved_notebook_key_then_error_says_so(tmp_path: Path):
    error = error_of(tmp_path, "---\ntitle: T\ndate: 2024-01-31\nnotebook: mine\n---")
    assert error.message == "`notebook` is reserved for the pipeline's own data"


def test_pipeline_keys_are_not_passed_to_hugo():
    front = hugo_front_matter({"title": "T", "execute": False, "timeout": 5, "draft": None}, {"generator": "g"})
    assert front == {"title": "T", "notebook": {"generator": "g"}}


def test_toml_front_matter_is_between_plus_lines_with_a_comment_and_parses_back():
    data = {"title": 'A "quoted" post', "date": dt.date(2024, 1, 31), "notebook": {"code": [{"text": "a\n\nb = '''x'''\n"}]}}
    text = front_matter_to_toml(data, "Generated: do not edit")
    lines = text.split("\n")
    assert lines[:2] == ["+++", "# Generated: do not edit"] and lines[-2:] == ["+++", ""]
    assert tomllib.loads("\n".join(lines[1:-2])) == data
    assert 'text = """\na\n\nb' in text  # readable multi-line strings


@pytest.mark.parametrize("line", ["+++", "+++x", "++++", "+++ # comment"])
def test_when_a_string_has_a_line_starting_with_plus_signs_then_no_line_of_the_front_matter_does(line: str):
    # Hugo ends TOML front matter at the first line that starts with `+++`.
    data = {"title": "T", "notebook": {"code": [{"text": f"a = 1\n{line}\nb = 2"}]}}
    text = front_matter_to_toml(data, "c")
    inner = text.split("\n")[1:-2]
    assert not any(row.startswith("+++") for row in inner)
    assert tomllib.loads("\n".join(inner)) == data


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("tags:\n  - a\n  -\n  - b", "`tags` cannot be written as TOML, which Hugo reads: item 2 is empty (YAML's null)"),
        ("params:\n  2024: yes", "`params` cannot be written as TOML, which Hugo reads: the key 2024 is not text (quote it)"),
        ("summary:", "`summary` cannot be written as TOML, which Hugo reads: it is empty (YAML's null)"),
    ],
)
def test_when_a_value_cannot_be_written_as_toml_then_the_error_names_its_key(tmp_path: Path, line: str, message: str):
    error = error_of(tmp_path, f"---\ntitle: A post\ndate: 2024-01-31\n{line}\n---")
    assert error.message == message


def test_when_the_py_file_starts_with_a_byte_order_mark_then_the_error_names_it(tmp_path: Path):
    path = tmp_path / "post.py"
    path.write_text("\ufeff# ---\n# title: A post\n# date: 2024-01-31\n# ---\n\n# %%\nx = 1\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_source(path)
    assert caught.value.message.startswith("the file starts with a byte-order mark (U+FEFF)")
