"""The math of exercise hints as text (scripts/hint_math.py): TeX to HTML DataCamp Light's filter keeps, and
formulas found in markdown exactly where Hugo's passthrough extension finds them."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from builders import REPO

from scripts import hugo
from scripts.hint_math import formulas, math_to_text, tex_to_text
from scripts.model import Exercise, Post
from scripts.render import post_to_files


def text(html: str) -> str:
    return f'<span class="math-text">{html}</span>'


def code(tex: str) -> str:
    return f'<code class="math-tex">{tex}</code>'


@pytest.mark.parametrize(
    ("tex", "html"),
    [
        ("e^{-x}", text("e<sup>−x</sup>")),
        (r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))", text("σ′(z) = σ(z)\u2009(1 − σ(z))")),
        ("(w - 3)^2", text("(w − 3)<sup>2</sup>")),
        (
            r"\frac{\partial L}{\partial w} = \sum_{i=1}^{n} x_i^2",
            text("(∂ L)/(∂ w) = ∑<sub>i=1</sub><sup>n</sup> x<sub>i</sub><sup>2</sup>"),
        ),
        (r"\hat{y} = \mathbf{W}^\top \mathbf{x} + b", text("y\u0302 = <b>W</b><sup>⊤</sup> <b>x</b> + b")),
        (r"\frac{1}{1 + e^{-z}}", text("1/(1 + e<sup>−z</sup>)")),
        (r"\frac{a + b}{2}", text("(a + b)/2")),
        (r"\dfrac{x}{y}", text("x/y")),
        (r"\sqrt{2}", text("√2")),
        (r"\sqrt{x + 1}", text("√(x + 1)")),
        (r"x_{i,j}^{(k)}", text("x<sub>i,j</sub><sup>(k)</sup>")),
        (r"e^{-x^{2}}", text("e<sup>−x<sup>2</sup></sup>")),
        (r"\|w\|_2 \le 1", text("‖w‖<sub>2</sub> ≤ 1")),
        ("a < b", text("a &lt; b")),
        (
            r"\text{softmax}(z)_i = \exp(z_i) / \sum_j \exp(z_j)",
            text("softmax(z)<sub>i</sub> = exp(z<sub>i</sub>) / ∑<sub>j</sub> exp(z<sub>j</sub>)"),
        ),
        (r"\alpha\beta", text("αβ")),
        (r"\alpha_2", text("α<sub>2</sub>")),
        (r"\mathbf x \cdot \vec{w}", text("<b>x</b> · w\u20d7")),
        (r"\{a, b\} \cup \{c\}", text("{a, b} ∪ {c}")),
        (r"\$5 \text{ and } 10\%", text("$5  and  10%")),
        (r"x\_1", text("x_1")),
        (r"  \left( x \right)  ", text("( x )")),
        # Beyond what the rules know: the TeX itself, as code.
        (r"\begin{pmatrix} a \\ b \end{pmatrix}", code(r"\begin{pmatrix} a \\ b \end{pmatrix}")),
        (r"\overbrace{x}", code(r"\overbrace{x}")),
        (r"\alphabet", code(r"\alphabet")),
        (r"\hat{xy}", code(r"\hat{xy}")),
        ("x^{", code("x^{")),
        (r'\text{"b"} < c^{', code(r"\text{&#34;b&#34;} &lt; c^{")),
    ],
)
def test_tex_becomes_text_the_hint_filter_keeps(tex: str, html: str):
    assert tex_to_text(tex) == html


@pytest.mark.parametrize(
    ("markdown", "found"),
    [
        ("`np.exp(-x)` computes $e^{-x}$.", [("e^{-x}", False)]),
        (r"It costs \$5; `print('$x$')` prints dollars; $x$ is math.", [("x", False)]),
        (r"Predict \(\hat{y}\) and \[y\] and $$z$$.", [(r"\hat{y}", False), ("y", True), ("z", True)]),
        ("From $5 to $6.", [("5 to ", False)]),
        ("Empty $$ and $x$.", [("x", False)]),
        ("Never closed: $x", []),
        ("Four $$$$ dollars", []),
        ("``code with ` and $x$`` then $y$", [("y", False)]),
        ("A [link]($x$) and $y$", [("y", False)]),
        ('<abbr title="$x$">$y$</abbr>', [("y", False)]),
        ("An escaped backslash \\\\$x$ and $y$", [(" and ", False)]),
        ("Across lines $a\nb$ of one paragraph", [("a\nb", False)]),
        ("Not across paragraphs $a\n\nb$", []),
        ("```\n$x$\n```\n\n$y$", [("y", False)]),
        ("Text\n\n    $x$ is code\n\n$y$", [("y", False)]),
        ("<div>\n$x$\n</div>\n\n$y$", [("y", False)]),
        ("- item $x$\n- item $$y$$", [("x", False), ("y", True)]),
        ("> quoted $x$", [("x", False)]),
    ],
)
def test_formulas_are_found_where_hugos_passthrough_finds_them(markdown: str, found: list):
    assert [(formula.tex, formula.display) for formula in formulas(markdown)] == found


# Hints whose formulas Hugo itself is asked to find (the cases above and harder ones).
HUGO_CASES = [
    "`np.exp(-x)` computes $e^{-x}$.",
    r"It costs \$5; `print('$x$')` prints dollars; $x$ is math.",
    r"Predict \(\hat{y}\) and \[y\] and $$z$$.",
    "From $5 to $6.",
    "Empty $$ and $x$.",
    "Never closed: $x",
    "Four $$$$ dollars",
    "``code with ` and $x$`` then $y$",
    "A [link]($x$) and $y$",
    '<abbr title="$x$">$y$</abbr>',
    "An escaped backslash \\\\$x$ and $y$",
    "Across lines $a\nb$ of one paragraph",
    "Not across paragraphs $a\n\nb$",
    "```\n$x$\n```\n\n$y$",
    "Text\n\n    $x$ is code\n\n$y$",
    "<div>\n$x$\n</div>\n\n$y$",
    "- item $x$\n- item $$y$$",
    "> quoted $x$",
    "# A heading with $h$\n\nand $$\n\\frac{1}{2}\n$$ in text",
    r"\\(not math\\) but \(x\)",
    "Unclosed `code $x$ and $y$",
    '1. $a$\n2. [b $c$](https://example.org/ "$t$")',
]


@pytest.fixture(scope="module")
def found_by_hugo(tmp_path_factory) -> list[list[tuple[str, bool]]]:
    """Build each of HUGO_CASES as a page with the site's markdown settings; return the formulas Hugo passed through."""
    site = tmp_path_factory.mktemp("passthrough")
    shutil.copyfile(REPO / "config.toml", site / "config.toml")
    layouts = site / "layouts"
    (layouts / "_markup").mkdir(parents=True)
    (layouts / "page.html").write_text("{{ .Content }}")
    (layouts / "all.html").write_text("")
    (layouts / "_markup" / "render-passthrough.html").write_text('<x-formula type="{{ .Type }}" tex="{{ .Inner }}"></x-formula>')
    for number, case in enumerate(HUGO_CASES):
        page = site / "content" / "post" / f"case-{number}" / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(f"+++\ntitle = 'Case {number}'\n+++\n{case}\n", encoding="utf-8")
    built = hugo.build(site, site / "public", "--quiet")
    assert built.returncode == 0, built.stdout + built.stderr
    pages = [
        BeautifulSoup((site / "public" / "post" / f"case-{number}" / "index.html").read_text(), "html.parser")
        for number in range(len(HUGO_CASES))
    ]
    return [[(tag["tex"], tag["type"] == "block") for tag in page.find_all("x-formula")] for page in pages]


@pytest.mark.parametrize("number", range(len(HUGO_CASES)))
def test_formulas_found_are_those_hugo_renders(found_by_hugo, number: int):
    assert [(formula.tex, formula.display) for formula in formulas(HUGO_CASES[number])] == found_by_hugo[number]


def test_a_hints_formulas_become_text_and_the_rest_stays_as_written():
    hint = "Compute $e^{-x}$ with `np.exp(-x)`; a \\$ sign stays."
    assert math_to_text(hint) == 'Compute <span class="math-text">e<sup>−x</sup></span> with `np.exp(-x)`; a \\$ sign stays.'
    assert math_to_text("No math, *emphasis* and `$code$`.") == "No math, *emphasis* and `$code$`."


def test_the_rendered_post_has_its_hints_math_as_text():
    exercise = Exercise("ex", 1, {"solution": 2, "hint": 3}, {"solution": "x = 1", "hint": "Use $\\alpha$."})
    index = post_to_files(Post("p", {"title": "P", "date": dt.date(2024, 1, 31)}, [exercise]), "notebooks/p", "sha256:0")["index.md"]
    front_matter = tomllib.loads(index.decode().split("+++\n")[1])
    assert front_matter["notebook"]["exercises"][0]["hint"] == 'Use <span class="math-text">α</span>.'


def test_a_post_generated_before_hints_math_became_text_builds_with_a_warning_naming_the_fix(tmp_path: Path):
    exercise = Exercise("ex", 1, {"solution": 2, "hint": 3}, {"solution": "x = 1", "hint": "Use alpha."})
    index = post_to_files(Post("p", {"title": "P", "date": dt.date(2024, 1, 31)}, [exercise]), "notebooks/p", "sha256:0")["index.md"]
    post = tmp_path / "content" / "post" / "p" / "index.md"
    post.parent.mkdir(parents=True)
    post.write_text(index.decode().replace('hint = "Use alpha."', 'hint = "Use $\\\\alpha$."'), encoding="utf-8")
    built = hugo.build(REPO, tmp_path / "public", content=tmp_path / "content", env={"HUGO_CACHEDIR": str(tmp_path / "cache")})
    assert built.returncode == 0, built.stdout + built.stderr
    assert "exercise ex: its hint has MathML, which DataCamp Light removes" in built.stdout + built.stderr
    assert "run `make site FORCE=1`" in built.stdout + built.stderr


def test_text_that_markdown_would_read_is_written_as_character_references():
    # `*`, `$`, `[`, `~`, `_`, quotes, dots and `\` would be emphasis, formulas, links, strikethrough, typography or
    # escapes; Goldmark resolves the references back, so the page shows the characters (RENDERED).
    hint = '\\(\\text{a*b} \\$ [c] ~d~ \\_e\\_ "f"...\\)'
    assert (
        math_to_text(hint)
        == '<span class="math-text">a&#42;b &#36; &#91;c&#93; &#126;d&#126; &#95;e&#95; &#34;f&#34;&#46;&#46;&#46;</span>'
    )
    assert math_to_text(r"$\overbrace{x}$") == '<code class="math-tex">&#92;overbrace&#123;x&#125;</code>'
    assert math_to_text("$a +\nb$ c") == '<span class="math-text">a + b</span> c'  # one line: no line of it starts a block


def test_display_math_is_a_div_alone_in_its_paragraph_or_splits_the_paragraph_it_is_in():
    div = '<div class="math-display"><span class="math-text">x<sup>2</sup></span></div>'
    assert math_to_text("The square:\n\n$$x^2$$\n\nthen step.") == f"The square:\n\n{div}\n\nthen step."
    assert math_to_text("The square:\n\n$$\nx^2\n$$\n\nthen step.") == f"The square:\n\n{div}\n\nthen step."
    assert math_to_text("The square $$x^2$$ then step.") == f"The square\n\n{div}\n\nthen step."
    assert math_to_text("$$x^2$$\n# Next") == f"{div}\n\n# Next"  # an empty line ends the div's HTML block
    assert math_to_text("- $$x^2$$\n- b") == f"- {div}\n- b"
    assert math_to_text("A $$x^2$$ B $y$") == f'A\n\n{div}\n\nB <span class="math-text">y</span>'


# Hints as written -> their HTML once Hugo has rendered what math_to_text makes of them.
RENDERED = {
    '\\(\\text{a*b} \\$ [c](d) ~e~ \\_f\\_ "g"... www.x.org a@b.cd\\) and `$x$`': (
        '<p><span class="math-text">a*b $ [c](d) ~e~ _f_ &quot;g&quot;... www.x.org a@b.cd</span> and <code>$x$</code></p>'
    ),
    r"$\begin{cases} a \\ b \end{cases}$": r'<p><code class="math-tex">\begin{cases} a \\ b \end{cases}</code></p>',
    "A $$x$$ B": '<p>A</p>\n<div class="math-display"><span class="math-text">x</span></div>\n<p>B</p>',
    "A $$x$$ $$y$$ B $z$": (
        '<p>A</p>\n<div class="math-display"><span class="math-text">x</span></div>\n'
        '<div class="math-display"><span class="math-text">y</span></div>\n<p>B <span class="math-text">z</span></p>'
    ),
}


@pytest.fixture(scope="module")
def rendered_by_hugo(tmp_path_factory) -> Path:
    """Build each of RENDERED, its math as text, as a page with the site's markdown settings; return the pages' folder."""
    site = tmp_path_factory.mktemp("hints")
    shutil.copyfile(REPO / "config.toml", site / "config.toml")
    (site / "layouts").mkdir()
    (site / "layouts" / "page.html").write_text("{{ .Content }}")
    (site / "layouts" / "all.html").write_text("")
    for number, hint in enumerate(RENDERED):
        page = site / "content" / "post" / f"hint-{number}" / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(f"+++\ntitle = 'Hint {number}'\n+++\n{math_to_text(hint)}\n", encoding="utf-8")
    built = hugo.build(site, site / "public", "--quiet")
    assert built.returncode == 0, built.stdout + built.stderr
    return site / "public" / "post"


@pytest.mark.parametrize("number", range(len(RENDERED)))
def test_hints_render_as_the_html_written(rendered_by_hugo: Path, number: int):
    html = (rendered_by_hugo / f"hint-{number}" / "index.html").read_text(encoding="utf-8").strip()
    assert html == list(RENDERED.values())[number]
