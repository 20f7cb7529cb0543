"""Step 6: rendering the post model as a page bundle, `index.md` and figures (scripts/render.py)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from scripts.bundles import read_front_matter
from scripts.model import Code, Exercise, Markdown, Output, Post
from scripts.render import post_to_files, tex_to_pieces

DATA = Path(__file__).parent / "data" / "render"
PNG = b"\x89PNG\r\n\x1a\nfake"


def sample_post() -> Post:
    """A post with every kind of block: markdown, code with text and figure outputs, an exercise."""
    return Post(
        slug="sample",
        front_matter={"title": "Sample", "date": dt.date(2024, 1, 31), "tags": ["a"], "execute": True, "timeout": 30},
        blocks=[
            Markdown(2, "## Heading\n\nMath $e^{-x}$ and $$x$$ stay.\n"),
            Code(3, 'print("hi")', outputs=(Output("text", "hi\n", name="stdout"),)),
            Code(4, "plt.plot(x)", alt="A line", outputs=(Output("image", "A line", PNG, "cell-4-1.png"),)),
            Exercise("ex", 1, {"solution": 5, "hint": 6}, {"solution": "x = 1", "hint": "Use `=`."}, {"height": 300}),
        ],
    )


def test_post_renders_to_the_expected_index_md_and_figures():
    files = post_to_files(sample_post(), "notebooks/sample", "sha256:abc")
    assert sorted(files) == ["cell-4-1.png", "index.md"]
    assert files["cell-4-1.png"] == PNG
    assert files["index.md"].decode("utf-8") == (DATA / "sample-index.md").read_text(encoding="utf-8")


def test_generated_post_is_marked_as_generated_with_its_source_hash_and_files(tmp_path: Path):
    (tmp_path / "index.md").write_bytes(post_to_files(sample_post(), "notebooks/sample", "sha256:abc")["index.md"])
    data = read_front_matter(tmp_path / "index.md")["notebook"]
    assert {key: data[key] for key in ("generator", "source", "hash", "files")} == {
        "generator": "scripts.convert",
        "source": "notebooks/sample",
        "hash": "sha256:abc",
        "files": ["cell-4-1.png"],
    }
    assert (tmp_path / "index.md").read_text().split("\n")[
        1
    ] == "# Generated from notebooks/sample by `make site`: edit the notebook, not this file."


def test_pipeline_keys_stay_out_of_the_post():
    front = tomllib.loads(post_to_files(sample_post(), "n", "h")["index.md"].decode().split("+++")[1])
    assert "execute" not in front and "timeout" not in front
    assert front["date"] == dt.date(2024, 1, 31)


def test_solution_alternatives_and_accepted_mutants_are_never_published(tmp_path: Path):
    from builders import build_site, read_page

    exercise = Exercise(
        "ex",
        1,
        {"solution": 2, "sct": 3, "solution-alternative": 4},
        {"solution": "x = 1", "sct": "Ex().check_object('x')", "solution-alternative": "x = int('1')  # ALTERNATIVE"},
        {"accept-mutants": {"change-constant@1:5": "REASON"}},
        {"solution-alternative": ((4, "x = int('1')  # ALTERNATIVE"), (5, "x = 2 - 1  # ALTERNATIVE"))},
    )
    post = Post("alternatives", {"title": "Alternatives", "date": dt.date(2024, 1, 31)}, [exercise])
    index = post_to_files(post, "notebooks/alternatives", "sha256:abc")["index.md"].decode()
    assert "x = 1" in index
    assert "ALTERNATIVE" not in index and "solution_alternative" not in index
    assert "REASON" not in index and "accept_mutants" not in index
    (tmp_path / "content" / "post" / "alternatives").mkdir(parents=True)
    (tmp_path / "content" / "post" / "alternatives" / "index.md").write_text(index, encoding="utf-8")
    page = read_page(build_site(tmp_path / "content", tmp_path / "site") / "post" / "alternatives" / "index.html")
    assert page.select_one('div[data-datacamp-exercise] code[data-type="solution"]').get_text() == "x = 1"
    assert "ALTERNATIVE" not in str(page)  # neither for DataCamp Light nor in the static copy


def rendered(tags: str) -> tuple[list[str], dict]:
    """Render one code cell with a text output and a figure, tagged `tags`; return the body's shortcodes and the data."""
    outputs = (Output("text", "out\n", name="stdout"), Output("image", "alt", PNG, "cell-2-1.png"))
    post = Post("p", {"title": "T", "date": dt.date(2024, 1, 1)}, [Code(2, "x = 1", frozenset(tags.split()), outputs=outputs)])
    files = post_to_files(post, "notebooks/p", "h")
    text = files["index.md"].decode()
    _, front, body = text.split("+++\n", 2)
    data = tomllib.loads(front)["notebook"]
    return [line for line in body.split("\n") if line], {
        "code": data.get("code", []),
        "outputs": data.get("outputs", []),
        "files": sorted(files),
    }


@pytest.mark.parametrize(
    ("tags", "shortcodes", "collapsed", "outputs"),
    [
        ("", ["{{< nb-code 0 >}}", "{{< nb-output 0 >}}", "{{< nb-output 1 >}}"], [False], 2),
        ("remove-cell", [], [], 0),
        ("remove-input", ["{{< nb-output 0 >}}", "{{< nb-output 1 >}}"], [], 2),
        ("remove-output", ["{{< nb-code 0 >}}"], [False], 0),
        ("hide-input", ["{{< nb-code 0 >}}", "{{< nb-output 0 >}}", "{{< nb-output 1 >}}"], [True], 2),
    ],
)
def test_display_tags_decide_what_of_a_code_cell_is_shown(tags: str, shortcodes: list[str], collapsed: list[bool], outputs: int):
    body, data = rendered(tags)
    assert body == shortcodes
    assert [code["collapsed"] for code in data["code"]] == collapsed
    assert len(data["outputs"]) == outputs
    # A figure that is not shown is not written either.
    assert data["files"] == (["cell-2-1.png", "index.md"] if outputs else ["index.md"])


def test_markdown_is_kept_verbatim_in_the_body():
    text = post_to_files(sample_post(), "n", "h")["index.md"].decode()
    assert "\n## Heading\n\nMath $e^{-x}$ and $$x$$ stay.\n" in text.split("+++\n", 2)[2]


def test_each_kind_of_output_becomes_the_front_matter_table_the_shortcode_prints():
    outputs = (
        Output("text", "42"),
        Output("stderr", "warning\n"),
        Output("error", "Traceback\nKeyError: 'a'"),
        Output("html", "<b>hi</b>"),
        Output("markdown", "**hi**"),
        Output("widget", "IntSlider(value=5)"),
        Output("latex", "$x$"),
        Output("image", "A photo", b"\xff\xd8", "cell-2-8.jpg", width=200),
        Output("image", "A curve", b"<svg/>", "cell-2-9.svg"),
    )
    post = Post("p", {"title": "T", "date": dt.date(2024, 1, 1)}, [Code(2, "x", outputs=outputs)])
    files = post_to_files(post, "notebooks/p", "h")
    data = tomllib.loads(files["index.md"].decode().split("+++\n")[1])["notebook"]
    assert data["outputs"] == [
        {"cell": 2, "kind": "text", "text": "42"},
        {"cell": 2, "kind": "stderr", "text": "warning\n"},
        {"cell": 2, "kind": "error", "text": "Traceback\nKeyError: 'a'"},
        {"cell": 2, "kind": "html", "text": "<b>hi</b>"},
        {"cell": 2, "kind": "markdown", "text": "**hi**"},
        {"cell": 2, "kind": "widget", "text": "IntSlider(value=5)"},
        {"cell": 2, "kind": "latex", "math": [{"tex": "x", "display": False}]},
        {"cell": 2, "kind": "image", "src": "cell-2-8.jpg", "alt": "A photo", "width": 200},
        {"cell": 2, "kind": "image", "src": "cell-2-9.svg", "alt": "A curve"},
    ]
    assert (files["cell-2-8.jpg"], files["cell-2-9.svg"]) == (b"\xff\xd8", b"<svg/>")
    assert data["files"] == ["cell-2-8.jpg", "cell-2-9.svg"]


@pytest.mark.parametrize(
    ("tex", "pieces"),
    [
        # IPython.display.Math and sympy
        ("$\\displaystyle \\frac{1}{x}$", [{"tex": "\\displaystyle \\frac{1}{x}", "display": False}]),
        (
            "Costs \\$5: $a$, \\(b\\), $$c$$ and \\[d\\].",
            [
                {"text": "Costs $5: "},
                {"tex": "a", "display": False},
                {"text": ", "},
                {"tex": "b", "display": False},
                {"text": ", "},
                {"tex": "c", "display": True},
                {"text": " and "},
                {"tex": "d", "display": True},
                {"text": "."},
            ],
        ),
        # MathJax typesets environments without delimiters, as Jupyter shows them.
        (
            "Two lines:\n\\begin{align}a &= b \\\\\nc &= d\\end{align}",
            [{"text": "Two lines:\n"}, {"tex": "\\begin{align}a &= b \\\\\nc &= d\\end{align}", "display": True}],
        ),
        ("no math at all", [{"text": "no math at all"}]),
    ],
)
def test_tex_is_cut_into_text_and_math_as_jupyters_mathjax_finds_it(tex: str, pieces: list):
    assert tex_to_pieces(tex) == pieces


def test_scripts_and_charts_become_front_matter_tables_with_the_charts_fallback_published_beside_the_post():
    outputs = (
        Output("javascript", "element.textContent = 'ran';"),
        Output("plotly", '{"data":[{"y":[1,null]}]}', fallback=Output("image", "Bars", b"\x89PNG", "cell-2-1.png", width=300)),
        Output("vegalite", '{"mark":"bar"}', fallback=Output("text", "alt.Chart(...)")),
    )
    post = Post("p", {"title": "T", "date": dt.date(2024, 1, 1)}, [Code(2, "x", outputs=outputs)])
    files = post_to_files(post, "notebooks/p", "h")
    data = tomllib.loads(files["index.md"].decode().split("+++\n")[1])["notebook"]
    assert data["outputs"] == [
        {"cell": 2, "kind": "javascript", "text": "element.textContent = 'ran';"},
        {
            "cell": 2,
            "kind": "plotly",
            "spec": '{"data":[{"y":[1,null]}]}',
            "fallback": {"kind": "image", "src": "cell-2-1.png", "alt": "Bars", "width": 300},
        },
        {"cell": 2, "kind": "vegalite", "spec": '{"mark":"bar"}', "fallback": {"kind": "text", "text": "alt.Chart(...)"}},
    ]
    assert files["cell-2-1.png"] == b"\x89PNG" and data["files"] == ["cell-2-1.png"]
