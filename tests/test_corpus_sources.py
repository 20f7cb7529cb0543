"""Notebooks as authors write them (tests/corpus/sources/), converted and built by Hugo: exact pages, no byte changed on rebuild.

The cases, in tests/corpus/sources/notebooks/:
  - `Reading data.py`: a name with a space; reads `data/measurements.csv` (listed in `inputs`)
    through a helper module `_units.py`; shows `figures/perceptron.png` and links the data file;
  - `part-one.ipynb` and `part-two.py`: two notebooks linking each other and themselves with
    Jupyter-style anchors (`part-two.ipynb#Weights-and-Biases`, `#What's-next?`); part one starts
    with a heading repeating its title, and shows the image with an HTML `<img>`;
and in tests/corpus/sources/refused/: an R notebook and a light-format `.py`, each refused with a message.

The expected pages are tests/corpus/sources/expected/SLUG.html (the post's body). After a deliberate
change to what pages look like, `CORPUS_UPDATE=1` rewrites them: review the diff before committing it.
"""

from __future__ import annotations

import contextlib
import io
import os
import posixpath
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from builders import REPO, build_site, read_page, snapshot

from scripts.convert import convert
from scripts.errors import ContentError
from scripts.sources import find_sources

CORPUS = Path(__file__).parent / "corpus" / "sources"
EXPECTED = CORPUS / "expected"
SLUGS = ["reading-data", "part-one", "part-two"]
BASE = "/blog/"  # the path of config.toml's baseURL
UPDATE = os.environ.get("CORPUS_UPDATE") == "1"


def convert_corpus(root: Path, notebooks: Path = CORPUS / "notebooks", force: bool = False) -> tuple[list[ContentError], str]:
    """Copy `notebooks` into the project `root` (unless there) and convert them; return the errors and the progress."""
    if not (root / "notebooks").exists():
        shutil.copytree(notebooks, root / "notebooks")
    (root / "content" / "post").mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    with contextlib.chdir(root):
        errors = convert(find_sources(Path("notebooks")), Path("content/post"), workers=2, force=force, out=out)
    return errors, out.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The corpus converted and built: (the project folder, Hugo's output folder)."""
    root = tmp_path_factory.mktemp("corpus")
    errors, _ = convert_corpus(root)
    assert errors == [], "\n\n".join(map(str, errors))
    return root, build_site(root / "content", root / "site")


def post_body(public: Path, slug: str) -> str:
    """Return the HTML of a built post's body."""
    return read_page(public / "post" / slug / "index.html").select_one("div.post-body").decode_contents()


@pytest.mark.parametrize("slug", SLUGS)
def test_each_post_is_the_expected_html(built, slug: str):
    _, public = built
    expected = EXPECTED / f"{slug}.html"
    if UPDATE:
        expected.write_text(post_body(public, slug), encoding="utf-8")
    assert post_body(public, slug) == expected.read_text(encoding="utf-8")


def test_every_link_and_image_resolves_to_a_built_file_and_every_fragment_to_an_id(built):
    _, public = built
    checked = []
    for slug in SLUGS:
        page = read_page(public / "post" / slug / "index.html").select_one("div.post-body")
        targets = [a["href"] for a in page.find_all("a", href=True)] + [img["src"] for img in page.find_all("img", src=True)]
        for target in targets:
            parts = urlsplit(target)
            if parts.scheme:
                continue
            path = posixpath.normpath(posixpath.join(f"{BASE}post/{slug}/", unquote(parts.path))) + (
                "/" if parts.path.endswith("/") or not parts.path else ""
            )
            assert path.startswith(BASE), (slug, target)
            file = public / path.removeprefix(BASE)
            file = file / "index.html" if path.endswith("/") else file
            assert file.is_file(), (slug, target)
            if parts.fragment:
                assert read_page(file).find(id=unquote(parts.fragment)) is not None, (slug, target)
            checked.append(target)
    assert sorted(set(checked)) == [
        "#Summary:-weights,-then-learning",  # a colon: not taken for a URL scheme
        "#What%27s-next?",  # Hugo escapes the quote; a browser matches the decoded fragment
        "/blog/post/part-one/",
        "/blog/post/part-one/#The-Perceptron",
        "/blog/post/part-two/",
        "/blog/post/part-two/#Weights-and-Biases",
        "/blog/post/reading-data/",
        "/blog/post/reading-data/data/measurements.csv",
        "/blog/post/reading-data/figures/perceptron.png",
        "figures/perceptron.png",
    ]


def test_files_shown_and_read_are_recorded_and_copied_byte_for_byte(built):
    root, public = built
    for name in ("data/measurements.csv", "figures/perceptron.png"):
        assert (public / "post" / "reading-data" / name).read_bytes() == (CORPUS / "notebooks" / name).read_bytes()
    assert (public / "post" / "part-one" / "figures" / "perceptron.png").is_file()  # for the HTML <img>
    index = (root / "content" / "post" / "reading-data" / "index.md").read_text()
    assert '\n[notebook.inputs]\n"_units.py" = "sha256:' in index
    assert '\n"data/measurements.csv" = "sha256:' in index
    assert '\n"figures/perceptron.png" = "sha256:' in index


def test_converting_and_building_again_from_scratch_changes_no_byte(built, tmp_path: Path):
    root, public = built
    errors, _ = convert_corpus(tmp_path, force=True)
    assert errors == []
    assert snapshot(tmp_path / "content") == snapshot(root / "content")
    again = build_site(tmp_path / "content", tmp_path / "site")
    assert snapshot(again) == snapshot(public)


def test_changing_the_data_file_runs_only_the_notebook_that_reads_it_again(built, tmp_path: Path):
    root, _ = built
    shutil.copytree(root / "notebooks", tmp_path / "notebooks")
    shutil.copytree(root / "content", tmp_path / "content")
    with open(tmp_path / "notebooks" / "data" / "measurements.csv", "a") as file:
        file.write("5,20.0\n")
    errors, progress = convert_corpus(tmp_path)
    assert errors == []
    assert "part-one: unchanged" in progress and "part-two: unchanged" in progress
    assert "reading-data: executed in " in progress and " s (data/measurements.csv changed)\n" in progress
    public = build_site(tmp_path / "content", tmp_path / "site")
    assert '<pre class="nb-output"><code>5 measurements, mean 0.0142 V\n</code></pre>' in post_body(public, "reading-data")


def test_a_notebook_with_an_r_kernel_is_refused_naming_its_kernel(tmp_path: Path):
    (tmp_path / "notebooks").mkdir()
    shutil.copy(CORPUS / "refused" / "Neurons in R.ipynb", tmp_path / "notebooks")
    errors, progress = convert_corpus(tmp_path)
    assert [str(error) for error in errors] == [
        "notebooks/Neurons in R.ipynb: the notebook's kernel is R (R); posts are Python notebooks, run with Python\n"
        "To fix: write the post in Python (Kernel > Change Kernel in Jupyter), or publish it elsewhere"
    ]
    assert progress == "[1/1] neurons-in-r: FAILED\n"
    assert not any((tmp_path / "content" / "post").iterdir())


def test_a_light_format_py_is_refused_and_the_suggested_command_makes_it_a_post_with_its_exercise(tmp_path: Path):
    (tmp_path / "notebooks").mkdir()
    shutil.copy(CORPUS / "refused" / "light-format.py", tmp_path / "notebooks")
    [error], _ = convert_corpus(tmp_path)
    command = ".venv/bin/jupytext --from py:light --to py:percent 'notebooks/light-format.py' -o 'notebooks/light-format.py'"
    assert str(error) == (
        "notebooks/light-format.py: no `# %%` cell markers: this file is in jupytext's light format, not the percent format, "
        "so its cells (and their tags) cannot be read\n"
        f"To fix: convert it (check the cells it makes): {command}"
    )
    os.symlink(REPO / ".venv", tmp_path / ".venv")
    subprocess.run(command, shell=True, cwd=tmp_path, check=True, capture_output=True)
    errors, _ = convert_corpus(tmp_path)
    assert errors == []
    body = read_page(build_site(tmp_path / "content", tmp_path / "site") / "post" / "light-format" / "index.html")
    exercise = body.select_one("div[data-datacamp-exercise]")
    assert exercise["id"] == "light-format-1"
    assert exercise.select_one("code[data-type=solution]").get_text() == "net_input = np.dot([0.5, -1.0], [1.0, 2.0])"
    assert exercise.select_one("div[data-type=hint]").decode_contents() == "<code>np.dot(a, b)</code> multiplies element-wise and sums."
