"""Posts made for the exercise tests, beside the blog's own: hints with TeX math and other markdown, an
exercise in view at page load and one far below, and code that is indented or long. They go through
the real pipeline (scripts.convert, not executed) and the site's own layouts."""

from __future__ import annotations

import io
from pathlib import Path

from builders import code, exercise, markdown, notebook, write_ipynb

from scripts.convert import convert
from scripts.sources import find_sources

FRONT_MATTER = "---\ntitle: {title}\ndate: 2024-01-{day:02d}\nexecute: false\n---"

# Hint markdown -> the HTML each formula becomes (scripts/hint_math.py). Every hint is
# also checked through DataCamp Light's filter.
MATH_HINTS: dict[str, tuple[str, list[str]]] = {
    "exp": ("`np.exp(-x)` computes $e^{-x}$ for every element.", ['<span class="math-text">e<sup>−x</sup></span>']),
    "sigmoid-derivative": (
        r"$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$: with `s = sigmoid(z)` that is `s * (1 - s)`.",
        ['<span class="math-text">σ′(z) = σ(z)\u2009(1 − σ(z))</span>'],
    ),
    "square": ("The derivative of $(w - 3)^2$ is `2 * (w - 3)`.", ['<span class="math-text">(w − 3)<sup>2</sup></span>']),
    "display": (
        "The gradient:\n\n$$\\frac{\\partial L}{\\partial w} = \\sum_{i=1}^{n} x_i^2$$\n\nthen step.",
        ['<span class="math-text">(∂ L)/(∂ w) = ∑<sub>i=1</sub><sup>n</sup> x<sub>i</sub><sup>2</sup></span>'],
    ),
    "parenthesis-delimiters": (
        r"Predict \(\hat{y} = \mathbf{W}^\top \mathbf{x} + b\) and compare \(\frac{1}{1 + e^{-z}}\).",
        [
            '<span class="math-text">y\u0302 = <b>W</b><sup>⊤</sup> <b>x</b> + b</span>',
            '<span class="math-text">1/(1 + e<sup>−z</sup>)</span>',
        ],
    ),
    "nested-scripts": (
        r"Index $x_{i,j}^{(k)}$ and $e^{-x^{2}}$ and $\|w\|_2 \le 1$ and $a < b$.",
        [
            '<span class="math-text">x<sub>i,j</sub><sup>(k)</sup></span>',
            '<span class="math-text">e<sup>−x<sup>2</sup></sup></span>',
            '<span class="math-text">‖w‖<sub>2</sub> ≤ 1</span>',
            '<span class="math-text">a &lt; b</span>',
        ],
    ),
    "greek-and-text": (
        r"$\text{softmax}(z)_i = \exp(z_i) / \sum_j \exp(z_j)$, with $\alpha\beta$ and $\alpha_2$.",
        [
            '<span class="math-text">softmax(z)<sub>i</sub> = exp(z<sub>i</sub>) / ∑<sub>j</sub> exp(z<sub>j</sub>)</span>',
            '<span class="math-text">αβ</span>',
            '<span class="math-text">α<sub>2</sub></span>',
        ],
    ),
    "not-translated": (
        r"A matrix $\begin{pmatrix} a \\ b \end{pmatrix}$ and $\overbrace{x}$ stay TeX.",
        [
            '<code class="math-tex">\\begin{pmatrix} a \\\\ b \\end{pmatrix}</code>',
            '<code class="math-tex">\\overbrace{x}</code>',
        ],
    ),
    "dollars-in-code": (r"It costs \$5; `print('$x$')` prints dollars; $x$ is math.", ['<span class="math-text">x</span>']),
}
# Hints without math: markdown whose HTML the filter must keep visible too.
OTHER_HINTS = {
    "list-and-link": "Two steps:\n\n1. *Multiply* by `w`;\n2. add **b** ([the formula](https://example.org/)).\n\n> Broadcasting helps.",
    "fenced-code": "Like this:\n\n```python\nz = w @ x + b\n```\n\nand ~~not~~ like that.",
}
# The sample and pre-exercise code of the "indented" exercise: DataCamp Light strips the common indent.
INDENTED_PRE = "    import numpy as np\n    x = np.arange(3)\n"
INDENTED_SAMPLE = "\n    for value in x:\n        print(value * ___)\n"
# A line of 60 characters: at a 1280 px window, each pane of DataCamp Light shows it on one line.
LONG_LINE = "weights = np.array([0.25, -0.5, 0.125, 0.75, -0.375, 0.065])"


def hint_posts() -> dict[str, object]:
    """Return the fixture posts by slug, as notebooks."""
    hints = {**{name: text for name, (text, _) in MATH_HINTS.items()}, **OTHER_HINTS}
    cells = []
    for name, hint in hints.items():
        cells += [markdown(f"Exercise {name}.")] + exercise("x = 1", hint=hint, sct="Ex().check_object('x')")
        cells[-1].metadata["exercise"] = name
    posts = {"hint-fixtures": notebook(*cells, front_matter=FRONT_MATTER.format(title="Hint fixtures", day=1))}
    in_view = exercise("y = 2", sample_code="y = ___", hint="Two.", sct="Ex().check_object('y')")
    below = exercise("z = 3", sample_code="z = ___", hint="Three.", sct="Ex().check_object('z')")
    in_view[0].metadata["exercise"], below[0].metadata["exercise"] = "in-view", "below"
    filler = [markdown(f"Paragraph {n} of the text between the exercises. " * 8) for n in range(40)]
    posts["exercise-layout"] = notebook(
        *in_view,
        *filler,
        *below,
        front_matter=FRONT_MATTER.format(title="Exercise layout", day=2),
    )
    indented = exercise(
        "for value in x:\n    print(value * 2)",
        pre_exercise_code=INDENTED_PRE,
        sample_code=INDENTED_SAMPLE,
        sct="Ex().has_output('0')",
    )
    long = exercise(
        LONG_LINE, pre_exercise_code="import numpy as np", sample_code="\n".join([LONG_LINE] * 12), sct="Ex().check_object('weights')"
    )
    indented[0].metadata["exercise"], long[0].metadata["exercise"] = "indented", "long-lines"
    posts["exercise-code"] = notebook(
        *indented, code("print('between')"), *long, front_matter=FRONT_MATTER.format(title="Exercise code", day=3)
    )
    return posts


def write_fixture_content(root: Path) -> Path:
    """Convert the fixture posts into `root/content/post/`; return `root/content`."""
    notebooks = root / "notebooks"
    for slug, nb in hint_posts().items():
        write_ipynb(notebooks, slug, nb)
    errors = convert(find_sources(notebooks), root / "content" / "post", workers=1, out=io.StringIO())
    assert errors == [], errors
    return root / "content"
