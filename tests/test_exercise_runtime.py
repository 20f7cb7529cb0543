"""The Python and the package pins each exercise runs with on DataCamp Light v3 (docs/runtime.md): the
post's fields (scripts/model.py, from scripts/runtime.py) and the attributes the exercise shortcode writes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest
from builders import REPO, read_page

from scripts import hugo, runtime
from scripts.model import Exercise, Post
from scripts.render import post_to_files

NUMPY, MATPLOTLIB, SKLEARN = (f"{name}=={runtime.pinned()[name]}" for name in ("numpy", "matplotlib", "scikit-learn"))


def exercise(**parts: str) -> Exercise:
    """An exercise with these parts (keyword: the tag with `_` for `-`)."""
    parts = {tag.replace("_", "-"): text for tag, text in parts.items()}
    return Exercise("ex", 1, {tag: n for n, tag in enumerate(parts, 2)}, parts)


def test_an_exercise_has_the_sites_python_and_the_pins_of_every_package_its_published_code_imports():
    ex = exercise(
        pre_exercise_code="    import numpy as np\n    from sklearn.datasets import make_moons\n",  # indented, as DataCamp Light strips it
        sample_code="import matplotlib.pyplot as plt\nx = ___",
        solution="import matplotlib.pyplot as plt\nx = np.ones(3)",
        sct="Ex().check_object('x')",
        hint="`import pandas` is in the hint: not code",
        solution_alternative="import pandas as pd  # never published, never pinned",
    )
    assert ex.fields() == {
        "id": "ex",
        "pre_exercise_code": "    import numpy as np\n    from sklearn.datasets import make_moons\n",
        "sample_code": "import matplotlib.pyplot as plt\nx = ___",
        "solution": "import matplotlib.pyplot as plt\nx = np.ones(3)",
        "sct": "Ex().check_object('x')",
        "hint": "`import pandas` is in the hint: not code",
        "lang_version": "3.6",
        "packages": [MATPLOTLIB, NUMPY, SKLEARN],
    }


def test_an_import_in_the_sct_is_pinned_and_one_of_an_undeclared_package_is_not():
    ex = exercise(solution="import os, json\nimport scipy\nx = 1", sct="import numpy as np\nEx().check_object('x')")
    assert (ex.fields()["lang_version"], ex.fields()["packages"]) == ("3.6", [NUMPY])


def test_an_exercise_that_imports_nothing_has_no_pins():
    assert exercise(solution="x = 1").fields()["packages"] == []


def post_text(ex: Exercise) -> str:
    """Return the index.md of a post with this one exercise."""
    post = Post("runtime", {"title": "Runtime", "date": dt.date(2024, 1, 31)}, [ex])
    return post_to_files(post, "notebooks/runtime", "sha256:abc")["index.md"].decode()


def build(tmp_path: Path, index: str) -> subprocess.CompletedProcess:
    """Build the site's config and layouts with this one post into tmp_path/public; return Hugo's run."""
    (tmp_path / "content" / "post" / "runtime").mkdir(parents=True)
    (tmp_path / "content" / "post" / "runtime" / "index.md").write_text(index, encoding="utf-8")
    return hugo.build(
        REPO, tmp_path / "public", content=tmp_path / "content", env={"PATH": os.defpath, "HUGO_CACHEDIR": str(tmp_path / "cache")}
    )


def exercise_div(tmp_path: Path):
    """Return the div DataCamp Light boots, as built."""
    return read_page(tmp_path / "public" / "post" / "runtime" / "index.html").select_one("div[data-datacamp-exercise]")


def test_the_shortcode_writes_the_python_and_the_pins_in_v3s_format(tmp_path: Path):
    run = build(tmp_path, post_text(exercise(pre_exercise_code="import numpy as np", solution="import matplotlib.pyplot as plt")))
    assert run.returncode == 0, run.stderr
    assert "WARN" not in run.stdout + run.stderr
    div = exercise_div(tmp_path)
    # Joined by "," alone: v3 splits at "," and does not trim, so a space would be part of the next pin.
    assert (div["data-lang"], div["data-lang-version"], div["data-packages"]) == ("python", "3.6", f"{MATPLOTLIB},{NUMPY}")


def test_an_exercise_without_pins_gets_an_empty_data_packages(tmp_path: Path):
    run = build(tmp_path, post_text(exercise(solution="x = 1")))
    assert run.returncode == 0, run.stderr
    div = exercise_div(tmp_path)
    assert (div["data-lang-version"], div["data-packages"]) == ("3.6", "")


def test_a_python_that_v3_does_not_offer_stops_the_build(tmp_path: Path):
    index = post_text(exercise(solution="x = 1")).replace('lang_version = "3.6"', 'lang_version = "3.7"')
    run = build(tmp_path, index)
    assert run.returncode != 0
    assert 'exercise ex: lang_version "3.7" is not a Python that DataCamp Light v3 offers (3.5, 3.6)' in run.stderr


@pytest.mark.parametrize("pin", ["numpy==1.16.6, ", "numpy", "numpy==1.16.6,scipy==1.0", "numpy=='1'"])
def test_a_pin_that_v3_would_split_or_quote_wrongly_stops_the_build(tmp_path: Path, pin: str):
    run = build(tmp_path, post_text(exercise(solution="x = 1")).replace("packages = []", f"packages = [{json.dumps(pin)}]"))
    assert run.returncode != 0
    assert f"exercise ex: package pin {json.dumps(pin)} is not `name==version`" in run.stderr


def test_a_post_generated_before_the_runtime_fields_builds_with_a_warning_and_no_attributes(tmp_path: Path):
    index = post_text(exercise(solution="x = 1")).replace('lang_version = "3.6"\npackages = []\n', "")
    run = build(tmp_path, index)
    assert run.returncode == 0, run.stderr
    assert "exercise ex has no lang_version nor packages: its post was generated before them" in run.stdout + run.stderr
    div = exercise_div(tmp_path)
    assert not div.has_attr("data-lang-version") and not div.has_attr("data-packages")
