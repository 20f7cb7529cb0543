"""The "Neural Network Fundamentals" series: what the posts promise beyond what the exercise checks run."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PIL import Image

from scripts.checks.answers import answers_path, read_answers
from scripts.convert import notebook_to_post
from scripts.model import Code, Markdown
from scripts.sources import read_source

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
CONTENT = Path(__file__).resolve().parents[1] / "content" / "post"
SLUGS = [f"nn-fundamentals-{n}" for n in range(1, 6)]
SERIES = "Neural Network Fundamentals"

# A blog made from this repository without the seminar (README: "Your own blog") has none of these posts. If any of
# them is here, every test runs: a post of the series that is missing fails its tests.
if not any((NOTEBOOKS / f"{slug}{suffix}").exists() for slug in SLUGS for suffix in (".py", ".ipynb")):
    pytest.skip(
        "the seminar's series (notebooks/nn-fundamentals-*.py and .ipynb) is not in this blog (README: 'Your own blog')",
        allow_module_level=True,
    )


def post_of(slug: str):
    return notebook_to_post(read_source(NOTEBOOKS / f"{slug}.py"))


@pytest.fixture(scope="module")
def posts():
    return {slug: post_of(slug) for slug in SLUGS}


def test_the_posts_form_one_series_in_date_order(posts):
    fronts = [posts[slug].front_matter for slug in SLUGS]
    assert [front["series"] for front in fronts] == [SERIES] * 5
    assert [front["title"] for front in fronts] == [f"Neural Network Fundamentals {n}" for n in ("I", "II", "III", "IV", "V")]
    assert [front["date"] for front in fronts] == [dt.date(2018, 1, 25) + dt.timedelta(weeks=n) for n in range(5)]
    for front in fronts:
        assert front["categories"] == ["seminar"]
        assert front["author"] == "Group NN"
        assert front["banner"] == "img/banners/seminar_nn.png"
        assert front["disqusShortname"] == "https-wisample-github-io-blog"


@pytest.mark.parametrize("slug", SLUGS)
def test_each_post_links_to_every_other_part_with_relref(posts, slug):
    text = "\n".join(block.text for block in posts[slug].blocks if isinstance(block, Markdown))
    for other in SLUGS:
        if other != slug:
            assert f'{{{{< relref "{other}" >}}}}' in text


@pytest.mark.parametrize("slug", SLUGS)
def test_each_post_has_math_and_a_described_figure(posts, slug):
    post = posts[slug]
    text = "\n".join(block.text for block in post.blocks if isinstance(block, Markdown))
    assert "$$" in text
    figures = [block for block in post.blocks if isinstance(block, Code) and "plt.show()" in block.source]
    assert figures
    assert all(block.alt and len(block.alt) > 40 for block in figures)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_exercise_is_complete_and_its_sct_checks_values(posts, slug):
    exercises = posts[slug].exercises
    assert len(exercises) >= 5
    for exercise in exercises:
        # Every exercise has another correct answer, which its SCT must pass (SLUG::NAME::alternatives).
        assert set(exercise.parts) == {"pre-exercise-code", "sample-code", "solution", "solution-alternative", "sct", "hint"}, exercise.name
        assert "___" in exercise.part("sample-code"), exercise.name
        assert "___" not in exercise.part("solution"), exercise.name
        sct = exercise.part("sct")
        # count-parameters keeps pythonwhat's v1 style on purpose, so that v1 stays demonstrated.
        checks_values = "has_equal_value" in sct or (exercise.name == "count-parameters" and 'test_object("n_params"' in sct)
        assert checks_values, exercise.name


def test_part_two_keeps_the_legacy_exercises_and_a_v1_sct(posts):
    names = [exercise.name for exercise in posts["nn-fundamentals-2"].exercises]
    assert names[:3] == ["draw-sigmoid", "count-parameters", "random-weights"]
    sct = posts["nn-fundamentals-2"].exercises[1].part("sct")
    assert 'test_object("n_weights"' in sct and 'test_function("print"' in sct
    assert "Ex()" not in sct


def exercises_of(posts):
    return [(slug, exercise) for slug in SLUGS for exercise in posts[slug].exercises]


def filled_in(solution: str, sample: str) -> list[str]:
    """Return what the reader writes: the right-hand sides (or return values) of solution lines the sample lacks."""
    given = {line.strip() for line in sample.splitlines()}
    answers = []
    for line in solution.splitlines():
        code = line.split("#")[0].strip()
        if not code or code in given:
            continue
        assignment = re.match(r"^[\w\[\], .]+ ([-+*/]?)= (.*)$", code)
        if code.startswith("return "):
            code = code.removeprefix("return ")
        elif assignment and not assignment.group(1):  # an augmented assignment is kept whole
            code = assignment.group(2)
        if len(code) >= 5:
            answers.append(code)
    return answers


def test_no_hint_contains_tex_math(posts):
    # DataCamp Light's XSS filter removes MathML from hints: math in hints is Unicode, HTML or code.
    for slug, exercise in exercises_of(posts):
        hint = exercise.part("hint")
        assert "$" not in hint and "\\(" not in hint and "\\[" not in hint, (slug, exercise.name)


def test_neither_hint_nor_sample_comment_gives_the_answer(posts):
    for slug, exercise in exercises_of(posts):
        sample = exercise.part("sample-code")
        comments = "\n".join(line.split("#", 1)[1] for line in sample.splitlines() if "#" in line)
        answers = filled_in(exercise.part("solution"), sample)
        assert answers, (slug, exercise.name)
        for answer in answers:
            assert answer not in exercise.part("hint"), (slug, exercise.name, answer)
            assert answer not in comments, (slug, exercise.name, answer)


# Exercises whose checked values are whole numbers, tuples or index arrays, compared exactly.
EXACT = {"count-parameters", "layer-shapes"}


def test_every_sct_compares_with_a_tolerance_and_explains_shapes(posts):
    for slug, exercise in exercises_of(posts):
        sct = exercise.part("sct")
        if exercise.name not in EXACT:
            assert "func=" in sct, (slug, exercise.name)
        if "@" in exercise.part("solution"):
            assert "shape" in sct, (slug, exercise.name)
        assert "success_msg(" in sct, (slug, exercise.name)


def test_every_figure_is_drawn_by_a_cell_whose_code_is_collapsed(posts):
    for slug in SLUGS:
        figures = [block for block in posts[slug].blocks if isinstance(block, Code) and "plt.show()" in block.source]
        for block in figures:
            assert "hide-input" in block.tags, (slug, block.cell)


# The text column is 44rem = 704 CSS px wide (assets/css/main.css --measure).
COLUMN_PX = 704


@pytest.mark.parametrize("slug", SLUGS)
def test_figure_text_is_at_least_10_px_at_column_width(posts, slug):
    # No figure shrinks matplotlib's default text (10 pt for tick labels) ...
    for block in posts[slug].blocks:
        if isinstance(block, Code):
            for size in re.findall(r"(?:fontsize|labelsize|size)=(\d+(?:\.\d+)?)", block.source):
                assert float(size) >= 10, (slug, block.cell)
    # ... and no PNG is so wide that the column scales 10 pt below 10 px.
    pngs = sorted((CONTENT / slug).glob("*.png"))
    assert pngs
    for png in pngs:
        with Image.open(png) as image:
            width = image.size[0]
            dpi = image.info["dpi"][0]
        ten_points_on_screen = 10 / 72 * dpi * min(1.0, COLUMN_PX / width)
        assert ten_points_on_screen >= 10, (png.name, width, dpi)


def test_part_four_trains_on_the_bundled_digits_against_a_baseline_and_its_exercises_check_gradients_and_early_stopping(posts):
    code = "\n".join(block.source for block in posts["nn-fundamentals-4"].blocks if isinstance(block, Code))
    assert "from sklearn.datasets import load_digits" in code
    for slug in SLUGS:
        source = (NOTEBOOKS / f"{slug}.py").read_text(encoding="utf-8")
        assert "fetch_" not in source and "urlopen" not in source, slug  # nothing is downloaded
    # The same code trains softmax regression (no hidden layer), a sigmoid and a ReLU network; the epoch is chosen on validation.
    assert '"no hidden layer": ([], SIGMOID)' in code and '"32 ReLU nodes": ([32], RELU)' in code
    assert "val_loss = loss(params, X_v, Y_v, activation)" in code
    exercises = {exercise.name: exercise for exercise in posts["nn-fundamentals-4"].exercises}
    relu = exercises["relu-backward"]
    assert "def gradient_check(backward" in relu.part("pre-exercise-code")
    assert 'for name in ["W2", "b2", "W1", "b1"]:' in relu.part("sct") and "uses the sigmoid's derivative" in relu.part("sct")
    capstone = exercises["capstone"]
    assert "load_digits" in capstone.part("pre-exercise-code")
    sct = capstone.part("sct")
    assert 'Ex().check_object("best_params"' in sct and 'expr_code="(test_accuracy, accuracy(params, X_test, y_test))"' in sct
    assert "Your loop never stopped" in sct


# Claims in the prose, and the assertion in the post's code that backs each.
CLAIMS = {
    "nn-fundamentals-1": [
        (
            "a = \\sigma(0.25) = \\frac{1}{1 + e^{-0.25}} \\approx 0.5622",
            "assert abs(w @ x + b - 0.25) < 1e-12 and abs(neuron(x, w, b) - 0.5622) < 5e-5",
        ),
        ("OR in 4 epochs, the last without a mistake, and AND in 6", "assert train_perceptron(X, y_or)[2] == [2, 2, 1, 0]"),
        (
            "For AND the perceptron finds $\\mathbf{w} = (2, 1)$ and $b = -3$",
            "assert w_and.tolist() == [2.0, 1.0] and b_and == -3.0 and mistakes_and == [2, 3, 3, 2, 1, 0]",
        ),
        ("makes the same\n# mistakes epoch by epoch", "assert mistakes_paper == mistakes_and"),
        (
            "ends at a tenth of the weights: $\\mathbf{w} = (0.2, 0.1)$ and\n# $b = -0.3$",
            "assert w_paper == [Fraction(1, 5), Fraction(1, 10)] and b_paper == Fraction(-3, 10)",
        ),
        (
            "After three epochs the weights are $\\mathbf{w} = (0.2, 0.1)$\n# and $b = -0.2$",
            "assert w_3 == [Fraction(1, 5), Fraction(1, 10)] and b_3 == Fraction(-1, 5)",
        ),
        ("the sum at the input $(1, 0)$ is exactly 0 on paper", "assert w_3[0] * 1 + w_3[1] * 0 + b_3 == 0"),
        ("comes out as $-2.8 \\cdot 10^{-17}$", 'assert mistakes_small == [2, 3, 3, 0] and f"{z_10:.1e}" == "-2.8e-17"'),
        ("$b = -0.20000000000000004$", "assert np.allclose(w_small, [0.2, 0.1]) and b_small == -0.20000000000000004"),
        ("it stops two epochs early", "assert len(mistakes_paper) - len(mistakes_small) == 2"),
        (
            "from the 3rd epoch on it makes 4 mistakes in every\n# epoch",
            "assert len(mistakes) == 1000 and mistakes[:2] == [3, 3] and mistakes[2:] == [4] * 998",
        ),
        ("no better\n# than chance", "assert accuracy(X, y_xor, w, b) == 0.5"),
        ("The best a line can do is three of the four points, 75%", "assert best == 0.75"),
        ("computes XOR on its own", "assert np.array_equal(bump(X @ np.array([1.0, 1.0])), y_xor)"),
        ("about $-0.17$ and\n# $-0.28$", "assert round(gelu.min(), 2) == -0.17 and round(zs[gelu.argmin()], 2) == -0.75"),
    ],
    "nn-fundamentals-2": [
        ("**stacked linear layers collapse to one**", None),
        ("XOR from three perceptrons", "assert Y_hat[0].tolist() == [0.0, 1.0, 1.0, 0.0]"),
        (
            "every hidden sigmoid is within\n# $\\sigma(-5) \\approx 0.0067$",
            "assert np.isclose(hidden_error, sigmoid(-5.0)) and round(hidden_error, 4) == 0.0067",
        ),
        (
            "its $|z|$ is 4.87 at least instead of 5, so the\n# outputs are up to 0.0076 away from their targets",
            "assert np.min(np.abs(10 * (W2 @ H + b2))) > 4.86 and round(output_error, 4) == 0.0076",
        ),
    ],
    "nn-fundamentals-3": [
        (
            "For about 200 steps the loss sat near\n# $\\ln 2 \\approx 0.693$",
            "assert np.max(np.abs(plateau - ln2)) < 0.01 and losses_xor[250] < ln2 - 0.04",
        ),
        ("The hidden nodes were not alike", "assert np.min(np.ptp(H_start[:, 1:], axis=0)) > 0.05"),
        (
            "its weights grow from 0 to about 4.3, but its three rows stay identical",
            'assert rows_identical(params_or["W1"]) and np.allclose(params_or["W1"], 4.3, atol=0.05)',
        ),
        (
            "network is stuck at a loss of 0.48 after 3000 steps, with three of the four examples right",
            'assert rows_identical(params_half["W1"]) and round(losses_half[-1], 2) == 0.48 and accuracy(params_half, X_xor, Y_xor) == 0.75',
        ),
        (
            "the first layer never changes at all",
            'assert np.all(params_zero["W1"] == 0) and np.all(params_zero["W2"] == 0) and abs(losses_zero[-1] - ln2) < 1e-12',
        ),
        ("about 8 for $n = 64$ inputs", 'assert round(stds["N(0, 1)", "64 inputs of std 1"]) == 8'),
        ("about 3.6 with the weights drawn here", 'round(stds["N(0, 1)", "the digits\' pixels"], 1) == 3.6'),
        ("(2.9 to 4.2 with\n# 20 other draws)", "assert round(min(other_draws), 1) == 2.9 and round(max(other_draws), 1) == 4.2"),
        ("averages\n# 0.05 and 0.10 over these sums", 'assert [round(slopes["N(0, 1)", name], 2) for name in inputs] == [0.05, 0.10]'),
        ("with 50 it ends worse than it started", "assert sweep[50.0][-1] > sweep[50.0][0]"),
    ],
    "nn-fundamentals-5": [
        ("the gradient of $x$ is 2, one share from each path", "x.grad == 2.0"),
        ("$\\partial L / \\partial z = a - y \\approx -0.3775$", "assert round(z.grad, 4) == -0.3775 and round(w.grad, 4) == -0.7551"),
        ("$-1/a \\approx -1.61$", "assert round(a.grad, 2) == -1.61"),
        (
            "The gradients agree with Part III's to twelve decimals or better",
            "assert np.allclose(automatic[name], by_hand[name], rtol=0, atol=1e-12), name",
        ),
        ("a graph of 216 Values", "assert len(loss_value.topological_order()) == 216"),
        ("The two curves are one", "assert np.max(np.abs(losses_values - losses_by_hand)) < 1e-12"),
        ("below 0.01 after 3000 steps", "assert losses_values[-1] < 0.01 and correct == 4"),
    ],
    "nn-fundamentals-4": [
        (
            "About 96% of the test images are read correctly, by a network of 2410 parameters",
            "assert round(correct_test / y_test.size, 2) == 0.96 and n_params == 2410",
        ),
        ("33 cheap steps per pass", "assert len(range(0, y_train.size, 32)) == 33"),
        ("Softmax regression, with 650 parameters", "== 650"),
        (
            "their mean accuracy over the five seeds is within one point of softmax",
            'assert abs(sigmoid_net["accuracy"].mean() - linear["accuracy"].mean()) < 0.01',
        ),
        ("does not learn (its validation loss never gets below 1.5)", 'assert relu_net["val_loss"][2.0] > 1.5'),
        ("all 32 hidden nodes are 0", "assert dead == 32"),
        ("about 99%.", "assert nearest_accuracy > 0.985"),
        ("falls to about 64%", "assert 0.62 < linear_moved.mean() < 0.66"),
        (
            "keep 85% (sigmoid) and 87% (ReLU) on average over the seeds,\n# some 20 points more",
            '0.84 < shifted["32 sigmoid nodes"]["accuracy"].mean() < 0.86 and 0.86 < shifted["32 ReLU nodes"]["accuracy"].mean() < 0.88',
        ),
        (
            "19 mistakes, on 15 different pairs of (true, predicted) digit, none more than twice",
            "assert off_diagonal.sum() == 19 and pairs == 15 and off_diagonal.max() == 2",
        ),
        (
            "The training loss falls to almost 0. The validation loss is lowest around epoch 30",
            "assert train_loss[-1] < 0.01 and 20 <= best + 1 <= 40",
        ),
        ("from 0.43 to 0.57 by epoch 300", "round(val_loss[best], 2) == 0.43 and round(val_loss[-1], 2) == 0.57"),
        ("it still falls in about a\n# quarter of the later epochs", "assert 0.2 < np.mean(later < 0) < 0.3"),
        ("it never falls more than a\n# point below its value", "test_accuracy[best:].min() > test_accuracy[best] - 0.01"),
        ("a few mistakes fewer", "assert wrong_last < wrong_best"),
        ("rises from about 0.6 to 0.74", "round(sure_best, 1) == 0.6 and round(sure_last, 2) == 0.74"),
        ("against about 89% here", "assert 0.88 < test_accuracy[best] <= test_accuracy[-1] < 0.91"),
        ("less than either network's own spread from seed to seed", '< np.ptp(net["accuracy"]) for net in (sigmoid_net, relu_net))'),
    ],
}


@pytest.mark.parametrize("slug", SLUGS)
def test_each_claim_in_the_prose_is_asserted_in_the_code(slug):
    source = (NOTEBOOKS / f"{slug}.py").read_text(encoding="utf-8")
    for claim, assertion in CLAIMS[slug]:
        assert claim in source, claim
        if assertion is not None:
            assert assertion in source, assertion


def test_every_exercise_has_learners_answers_at_least_8_wrong_and_3_valid(posts):
    for slug, exercise in exercises_of(posts):
        answers = read_answers(answers_path(NOTEBOOKS / f"{slug}.py"), [e.name for e in posts[slug].exercises]).get(exercise.name, [])
        wrong = [answer for answer in answers if not answer.valid]
        valid = [answer for answer in answers if answer.valid] + list(exercise.copies("solution-alternative"))
        assert len(wrong) >= 8 and len(valid) >= 3, (slug, exercise.name, len(wrong), len(valid))
