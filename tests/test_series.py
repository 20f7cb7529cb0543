"""The "Neural Network Fundamentals" series: what the posts promise beyond what the exercise checks run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scripts.convert import notebook_to_post
from scripts.model import Code, Markdown
from scripts.sources import read_source

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
SLUGS = ["nn-fundamentals-1", "nn-fundamentals-2", "nn-fundamentals-3", "nn-fundamentals-4"]
SERIES = "Neural Network Fundamentals"


def post_of(slug: str):
    return notebook_to_post(read_source(NOTEBOOKS / f"{slug}.py"))


@pytest.fixture(scope="module")
def posts():
    return {slug: post_of(slug) for slug in SLUGS}


def test_the_posts_form_one_series_in_date_order(posts):
    fronts = [posts[slug].front_matter for slug in SLUGS]
    assert [front["series"] for front in fronts] == [SERIES] * 4
    assert [front["title"] for front in fronts] == [f"Neural Network Fundamentals {n}" for n in ("I", "II", "III", "IV")]
    assert [front["date"] for front in fronts] == [dt.date(2018, 1, 25), dt.date(2018, 2, 1), dt.date(2018, 2, 8), dt.date(2018, 2, 15)]
    for front in fronts:
        assert front["categories"] == ["seminar"]
        assert front["author"] == "Group NN"
        assert front["banner"] == "img/banners/seminar_nn.png"
        assert front["disqusShortname"] == "https-wisample-github-io-blog"


@pytest.mark.parametrize("slug", SLUGS)
def test_each_post_links_to_the_other_three_with_relref(posts, slug):
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
        assert set(exercise.parts) == {"pre-exercise-code", "sample-code", "solution", "sct", "hint"}, exercise.name
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
