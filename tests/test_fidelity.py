"""Readers get exactly what the author wrote: notebooks converted, built with Hugo, and read back from the HTML.

DataCamp Light reads each code part of an exercise as `stripIndent(textContent).trim()`
(`scripts.datacamp.datacamp_reads`) and the hint as innerHTML. One Hugo build serves
all the cases of this module; the property test builds its own small sites.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from builders import (
    REPO,
    build_site,
    code,
    exercise,
    exercise_reads,
    markdown,
    notebook,
    read_page,
    write_ipynb,
    write_text,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.convert import convert, notebook_to_post
from scripts.datacamp import datacamp_reads
from scripts.parts import PARTS, PUBLISHED_PARTS
from scripts.render import post_to_files
from scripts.sources import find_sources, read_source

NO_EXECUTION = "---\ntitle: Fidelity\ndate: 2024-01-31\nexecute: false\n---"
CODE_KEYS = [part.key for part in PUBLISHED_PARTS if part.is_code]

# Code that a naive conversion (markdown, typography, shortcodes, TOML) would change.
CASES: dict[str, str] = {
    "blank-lines": "a = 1\n\n\nb = 2\n\n",
    "comment-lines": "# Create a variable a\na = 5\n## not a heading either",
    "quotes-dashes-ellipsis": "success_msg(\"Great job!\")\nx = 'it''s' -- 1\ny = [...]\nz = x--y\n# ...",
    "angle-brackets-ampersand": "print(1 < 2 > 0 & 3)\nif a<b and b>c: pass\nx = a && b",
    "literal-entity": "s = '&lt;b&gt; &amp; &#34; &nbsp; &copy'",
    "closing-code-tag": "html = '</code></div><code data-type=\"solution\">wrong</code>'",
    "script-tag": "s = \"<script>alert('x')</script>\"\n<!-- comment -->",
    "emphasis-characters": "x = a*b*c\n__init__ = _private_ * __dunder__\n**kwargs",
    "backslashes": "path = 'C:\\\\temp\\\\new'\nre = r'\\d+\\s*\\n'\nline = 1 + \\\n    2\n\\",
    "dollars": "price = '$5 and $$x$$ and $y$'",
    "triple-backticks": "doc = '''\n```python\nx = 1\n```\n'''",
    "tabs": "def f():\n\treturn 1\n\tif x:\n\t\tpass",
    "trailing-spaces": "a = 1   \nb = 2\t\n  ",
    "non-ascii": "café = 'naïve — “smart” ‘quotes’ ✓ 日本語 😀'\nπ = 3.14159",
    "markdown-lookalikes": "---\n> quoted\n- item\n* star\n1. first\n| a | b |\n|---|---|\n===\n    indented code",
    "shortcode-lookalikes": "s = '{{< exercise 0 >}}'\nt = \"{{% nb-code 0 %}}\"\nu = '{{</* comment */>}}' + '{{ .Title }}'",
    "front-matter-delimiter": "doc = '''\n+++\ntitle = \"x\"\n+++\n'''",
    "front-matter-delimiter-prefix": "x = 1\n+++x\n++++\n+++ y",
    "yaml-delimiter": "---\ntitle: not front matter\n---",
    "indented": "    for i in range(3):\n        print(i)\n\n    done = True\n",
    "leading-and-trailing-blank-lines": "\n\n  x = 1\n\n\n",
    "unicode-whitespace": "a = '\u00a0'  # nbsp\nb = '\u2028'\n\u3000c = 1\ufeff",
    "control-characters": "a = '\x0b\x0c\x1c\x1d\x1e\x1f\x85\x7f\x01'",
    "toml-lookalikes": '[notebook]\n[[notebook.exercises]]\nsolution = """\nx\n"""\n\'\'\'',
}
# Written with CRLF line endings (.ipynb) and as a CRLF .py file: the pipeline normalises to LF.
CRLF_CASE = "a = 1\r\n\r\n# comment\r\nb = 'x'\r\n"
HINT = 'Use `np.exp(-x)`, *emphasis* and **strong** text; `a < b & "c"`.'
HINT_HTML = 'Use <code>np.exp(-x)</code>, <em>emphasis</em> and <strong>strong</strong> text; <code>a &lt; b &amp; "c"</code>.'


def expected(text: str) -> str:
    """Return what readers must get for a cell written as `text`: line endings normalised, then DataCamp Light's reading."""
    return datacamp_reads(text.replace("\r\n", "\n").replace("\r", "\n"))


def case_notebook(text: str, hint: str = HINT):
    """Return a notebook with `text` as a plain code cell and as every code part of one exercise."""
    parts = {key: text for key in CODE_KEYS if key != "solution"}
    return notebook(markdown("Some prose."), code(text), *exercise(text, hint=hint, **parts), front_matter=NO_EXECUTION)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Build one site holding every case as its own post; return Hugo's output folder."""
    root = tmp_path_factory.mktemp("fidelity")
    notebooks = root / "notebooks"
    for name, text in CASES.items():
        write_ipynb(notebooks, name, case_notebook(text))
    write_ipynb(notebooks, "crlf-ipynb", case_notebook(CRLF_CASE))
    front = NO_EXECUTION.replace("\n", "\r\n")
    write_text(
        notebooks / "crlf-py.py",
        "\r\n".join(f"# {line}" for line in front.split("\r\n")) + '\r\n\r\n# %% tags=["solution"]\r\n' + CRLF_CASE,
    )
    write_ipynb(notebooks, "no-exercises", notebook(markdown("Prose only."), code("x = 1"), front_matter=NO_EXECUTION))
    write_ipynb(
        notebooks, "two-exercises", notebook(*exercise("a = 1"), markdown("Between."), *exercise("b = 2"), front_matter=NO_EXECUTION)
    )
    errors = convert(find_sources(notebooks), root / "content" / "post", workers=1)
    assert errors == []
    return build_site(root / "content", root / "site")


def page(site: Path, slug: str):
    return read_page(site / "post" / slug / "index.html")


@pytest.mark.parametrize("name", CASES)
def test_every_code_part_reads_back_as_the_cell_source(site: Path, name: str):
    exercises = page(site, name).select("div[data-datacamp-exercise]")
    assert len(exercises) == 1
    reads = exercise_reads(exercises[0])
    assert {key: reads[key] for key in CODE_KEYS} == {key: expected(CASES[name]) for key in CODE_KEYS}


@pytest.mark.parametrize("name", CASES)
def test_plain_code_cell_reaches_the_page_with_its_exact_text(site: Path, name: str):
    # Chroma's highlighting keeps the text exactly: no newline added, none taken.
    blocks = page(site, name).select("div.nb-code pre code")
    assert [block.get_text() for block in blocks] == [CASES[name]]


@pytest.mark.parametrize("slug", ["crlf-ipynb", "crlf-py"])
def test_crlf_line_endings_reach_the_page_as_lf(site: Path, slug: str):
    reads = exercise_reads(page(site, slug).select_one("div[data-datacamp-exercise]"))
    assert reads["solution"] == "a = 1\n\n# comment\nb = 'x'"
    assert b"\r" not in (site.parent / "content" / "post" / slug / "index.md").read_bytes()


def test_crlf_plain_code_cell_is_shown_with_lf(site: Path):
    assert [block.get_text() for block in page(site, "crlf-ipynb").select("div.nb-code pre code")] == ["a = 1\n\n# comment\nb = 'x'\n"]


def test_hint_markdown_is_rendered_to_html(site: Path):
    reads = exercise_reads(page(site, "blank-lines").select_one("div[data-datacamp-exercise]"))
    assert reads["hint"] == HINT_HTML


def test_exercise_element_carries_its_name_as_id(site: Path):
    assert [div["id"] for div in page(site, "two-exercises").select("div[data-datacamp-exercise]")] == [
        "two-exercises-1",
        "two-exercises-2",
    ]


def datacamp_scripts(soup) -> list:
    return [script for script in soup.find_all("script") if "datacamp" in script.get("src", "")]


@pytest.mark.parametrize("slug", ["two-exercises", "blank-lines"])
def test_datacamp_light_script_appears_once_on_a_page_with_exercises(site: Path, slug: str):
    assert len(datacamp_scripts(page(site, slug))) == 1


def test_datacamp_light_script_is_absent_from_a_page_without_exercises(site: Path):
    soup = page(site, "no-exercises")
    assert soup.select("div.nb-code")  # the page was built, with its code
    assert datacamp_scripts(soup) == []
    assert "datacamp" not in (site / "post" / "no-exercises" / "index.html").read_text(encoding="utf-8").lower()


def test_repository_notebooks_exercises_read_back_exactly(tmp_path: Path):
    """Every exercise of the blog's own notebooks, rendered without running them, reads back as written."""
    posts = tmp_path / "content" / "post"
    expectations = {}
    for path in find_sources(REPO / "notebooks"):
        source = read_source(path)
        post = notebook_to_post(source)
        expectations[source.slug] = [{key: datacamp_reads(ex.parts.get(part_tag(key), "")) for key in CODE_KEYS} for ex in post.exercises]
        (posts / source.slug).mkdir(parents=True)
        for name, data in post_to_files(post, f"notebooks/{source.slug}", source.hash).items():
            (posts / source.slug / name).write_bytes(data)
    assert expectations, "the repository has notebooks"
    public = build_site(tmp_path / "content", tmp_path / "site")
    for slug, wanted in expectations.items():
        divs = read_page(public / "post" / slug / "index.html").select("div[data-datacamp-exercise]")
        assert [{key: exercise_reads(div)[key] for key in CODE_KEYS} for div in divs] == wanted


def part_tag(key: str) -> str:
    return next(part.tag for part in PARTS if part.key == key)


# The property test: any code text. Excluded, because no notebook cell can reach a
# page with them: NUL (HTML parsers drop U+0000) and lone surrogates (not encodable
# in the UTF-8 of .ipynb and .py files). CR is included: it is normalised to LF.
TOKENS = [
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "    ",
    "#",
    "# ",
    "+++",
    "---",
    "***",
    "```",
    "> ",
    "- ",
    "1. ",
    "| a |",
    "<",
    ">",
    "&",
    "&lt;",
    "&amp;",
    "&#34;",
    "</code>",
    '<code data-type="solution">',
    "<script>",
    "</div>",
    "{{<",
    ">}}",
    "{{%",
    "%}}",
    "{{",
    "}}",
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\n",
    "$",
    "$$",
    "*",
    "_",
    "--",
    "...",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\x85",
    "\x0b",
    "\x0c",
    "\x1c",
    "\u3000",
    "é",
    "😀",
]
characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
code_text = st.lists(st.one_of(st.sampled_from(TOKENS), characters), max_size=40).map("".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(code_text, min_size=1, max_size=4))
def test_any_code_text_reads_back_exactly(tmp_path_factory, texts: list[str]):
    root = tmp_path_factory.mktemp("property")
    notebooks = root / "notebooks"
    for n, text in enumerate(texts):
        # The plain cell gets a first line so that it is never blank (blank cells are not shown).
        parts = {key: text for key in CODE_KEYS if key != "solution"}
        write_ipynb(notebooks, f"p{n}", notebook(code("# cell\n" + text), *exercise(text, **parts), front_matter=NO_EXECUTION))
    assert convert(find_sources(notebooks), root / "content" / "post", workers=1, out=io.StringIO()) == []
    public = build_site(root / "content", root / "site")
    for n, text in enumerate(texts):
        soup = read_page(public / "post" / f"p{n}" / "index.html")
        reads = exercise_reads(soup.select_one("div[data-datacamp-exercise]"))
        assert {key: reads[key] for key in CODE_KEYS} == {key: expected(text) for key in CODE_KEYS}
        shown = "# cell\n" + text.replace("\r\n", "\n").replace("\r", "\n")
        assert [block.get_text() for block in soup.select("div.nb-code pre code")] == [shown]
