"""Notebooks as authors write them (tests/corpus/sources/), converted and built by Hugo: exact pages, no byte changed on rebuild.

tests/corpus/sources/ is laid out as a repository: `notebooks/`, and beside it `data/` and `figures/`.
The cases, in tests/corpus/sources/notebooks/:
  - `Reading data.py`: a name with a space; reads `data/measurements.csv` (listed in `inputs`)
    through a helper module `_units.py`; shows `figures/perceptron.png` and links the data file;
  - `part-one.ipynb` and `part-two.py`: two notebooks linking each other and themselves with
    Jupyter-style anchors (`part-two.ipynb#Weights-and-Biases`, `#What's-next?`); part one starts
    with a heading repeating its title, and shows the image with an HTML `<img>`; part two has an
    exercise whose SCT checks nothing, which `make lint` flags;
  - `backprop-notes.ipynb`: an `align` environment without `$$`, a heading with math and a link to
    its Jupyter anchor (`#The-$\\sigma$-function`), an image pasted into a markdown cell
    (`attachment:image.png`), and `<kbd>` and `<code>` whose `--` and quotes stay as typed;
  - `cleaning-data.py`: reads `../data/raw-readings.csv` (outside `notebooks/`, not in `inputs`),
    writes over the committed `data/measurements.csv` and `../figures/readings.png`, shows
    `../figures/readings.png` in markdown, and copies a file into `../data/` with a shell command;
and in tests/corpus/sources/refused/, notebooks the build refuses, each with one message naming the
file, the cell and the fix, which `make lint` reports first where it can without running the code: an R
notebook, a light-format `.py`, `%pip install`, a byte-order mark, front matter TOML cannot hold, a link
to a draft, a link to a local `.html`, an exercise and a heading sharing an id, a notebook in a subfolder
of `notebooks/`, an `execute: false` notebook saved without its widget state and `FileLink` of a `.html`.

The expected pages are tests/corpus/sources/expected/SLUG.html (the post's body). After a deliberate
change to what pages look like, `CORPUS_UPDATE=1` rewrites them: review the diff before committing it.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from builders import REPO, build_site, read_page, snapshot

from scripts.authoring import lint
from scripts.convert import convert, main
from scripts.errors import ContentError
from scripts.sources import find_sources

CORPUS = Path(__file__).parent / "corpus" / "sources"
EXPECTED = CORPUS / "expected"
REFUSED = CORPUS / "refused"
# The repository's folders: the notebooks, and the data and figures beside them that a notebook reaches with `../`.
PROJECT = ("notebooks", "data", "figures")
SLUGS = ["reading-data", "part-one", "part-two", "backprop-notes", "cleaning-data"]
BASE = "/blog/"  # the path of config.toml's baseURL
UPDATE = os.environ.get("CORPUS_UPDATE") == "1"


def convert_corpus(root: Path, notebooks: Path = CORPUS / "notebooks", force: bool = False) -> tuple[list[ContentError], str]:
    """Copy `notebooks` (and, for the corpus's, the folders beside them) into the project `root`, unless there, and
    convert them; return the errors and the progress."""
    if not (root / "notebooks").exists():
        shutil.copytree(notebooks, root / "notebooks")
        if notebooks == CORPUS / "notebooks":
            for folder in PROJECT[1:]:
                shutil.copytree(CORPUS / folder, root / folder)
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
        "#The-$%5csigma$-function",  # a heading with math answers to Jupyter's anchor, its TeX kept
        "#What%27s-next?",  # Hugo escapes the quote; a browser matches the decoded fragment
        "/blog/post/backprop-notes/attachments/3/image.png",  # pasted into markdown cell 3
        "/blog/post/cleaning-data/data/measurements.csv",
        "/blog/post/cleaning-data/up/figures/readings.png",  # ../figures/readings.png
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


def test_the_build_changes_no_file_of_the_project_though_a_notebook_writes_over_committed_ones(built):
    # cleaning-data writes data/measurements.csv and ../figures/readings.png, which are committed, and a command
    # writes ../data/measurements-clean.csv.
    root, public = built
    for folder in PROJECT:
        assert snapshot(root / folder) == snapshot(CORPUS / folder), folder
    # The page shows the committed figure, under up/ for ../ in the bundle.
    published = public / "post" / "cleaning-data" / "up" / "figures" / "readings.png"
    assert published.read_bytes() == (CORPUS / "figures" / "readings.png").read_bytes()


def test_a_file_read_outside_the_notebooks_folder_and_not_listed_in_inputs_is_recorded_as_an_input(built):
    root, _ = built
    index = (root / "content" / "post" / "cleaning-data" / "index.md").read_text()
    inputs = index.split("\n[notebook.inputs]\n")[1].split("+++")[0]
    assert [line.split(" = ")[0] for line in inputs.splitlines() if line] == [
        '"../data/raw-readings.csv"',
        '"../figures/readings.png"',
        '"data/measurements.csv"',
    ]


def test_pasted_image_bare_latex_and_inline_html_code_reach_the_page_as_jupyter_shows_them(built):
    _, public = built
    page = read_page(public / "post" / "backprop-notes" / "index.html").select_one("div.post-body")
    [image] = page.select("img")
    assert (image["src"], image["alt"]) == ("/blog/post/backprop-notes/attachments/3/image.png", "image.png")
    nb = json.loads((CORPUS / "notebooks" / "backprop-notes.ipynb").read_text())
    pasted = base64.b64decode(nb["cells"][2]["attachments"]["image.png"]["image/png"])
    assert (public / "post" / "backprop-notes" / "attachments" / "3" / "image.png").read_bytes() == pasted
    [align] = page.select("math[display=block]")
    assert align.select_one("annotation").get_text().strip().startswith("\\begin{align}\n\\delta^L &= \\nabla_a C")
    assert [element.get_text() for element in page.select("p kbd, p code")] == ["Shift", "Enter", 'pip install --user "numpy>=1.16"']
    # The heading answers to Hugo's id, to Jupyter's anchor (its TeX kept) and to its spelled-out text.
    heading = page.select_one("h2")
    assert [heading["id"], *(span["id"] for span in heading.select("span[id]"))] == [
        "the--function",
        "The-$\\sigma$-function",
        "the-sigma-function",
    ]


def test_converting_and_building_again_from_scratch_changes_no_byte(built, tmp_path: Path):
    root, public = built
    errors, _ = convert_corpus(tmp_path, force=True)
    assert errors == []
    assert snapshot(tmp_path / "content") == snapshot(root / "content")
    again = build_site(tmp_path / "content", tmp_path / "site")
    assert snapshot(again) == snapshot(public)


def test_changing_a_data_file_runs_only_the_notebooks_that_read_it_again_listed_in_inputs_or_not(built, tmp_path: Path):
    root, _ = built
    for folder in (*PROJECT, "content"):
        shutil.copytree(root / folder, tmp_path / folder)
    with open(tmp_path / "notebooks" / "data" / "measurements.csv", "a") as file:
        file.write("5,20.0\n")
    with open(tmp_path / "data" / "raw-readings.csv", "a") as file:
        file.write("7,15.5\n")
    errors, progress = convert_corpus(tmp_path)
    assert errors == []
    assert "part-one: unchanged" in progress and "part-two: unchanged" in progress and "backprop-notes: unchanged" in progress
    assert re.search(r"reading-data: executed in [\d.]+ s \(data/measurements.csv changed\)\n", progress)
    # cleaning-data links data/measurements.csv too, and reads ../data/raw-readings.csv without listing it.
    assert re.search(r"cleaning-data: executed in [\d.]+ s \(\.\./data/raw-readings.csv, data/measurements.csv changed\)\n", progress)
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


def test_a_renamed_notebook_gets_a_warning_with_its_old_address_and_the_aliases_line_that_keeps_it(built, tmp_path: Path):
    root, _ = built
    for folder in (*PROJECT, "content"):
        shutil.copytree(root / folder, tmp_path / folder)
    notebooks = tmp_path / "notebooks"
    (notebooks / "backprop-notes.ipynb").rename(notebooks / "backpropagation.ipynb")
    errors, progress = convert_corpus(tmp_path)
    assert errors == []
    assert progress.splitlines()[-2:] == [
        "removed content/post/backprop-notes/ (its notebook is gone)",
        "warning: the address /post/backprop-notes/ now leads nowhere (links to it, and readers' bookmarks, break). If its "
        "notebook was renamed (the new post is /post/backpropagation/), keep it working: add `aliases: [/post/backprop-notes/]` "
        "to the front matter of the renamed notebook.",
    ]
    # The line the warning gives, added as an author would in Jupyter: the old address redirects to the new post.
    nb = json.loads((notebooks / "backpropagation.ipynb").read_text())
    nb["cells"][0]["source"].insert(1, "aliases: [/post/backprop-notes/]\n")
    (notebooks / "backpropagation.ipynb").write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    errors, progress = convert_corpus(tmp_path)
    assert errors == [] and "warning" not in progress
    public = build_site(tmp_path / "content", tmp_path / "site")
    redirect = read_page(public / "post" / "backprop-notes" / "index.html")
    assert redirect.select_one("link[rel=canonical]")["href"].endswith("/blog/post/backpropagation/")
    assert (public / "post" / "backpropagation" / "attachments" / "3" / "image.png").is_file()


# The notebooks of refused/ that the build refuses: the files of each case (the refused notebook first, then the files
# beside it that it needs, relative to notebooks/), what `make lint` reports first (its check, with the build's message as
# an error; else its own finding; None if it cannot see it without running the code), and the build's message.
REFUSALS = {
    "r-kernel": (
        ["Neurons in R.ipynb"],
        "does-not-build",
        "notebooks/Neurons in R.ipynb: the notebook's kernel is R (R); posts are Python notebooks, run with Python\n"
        "To fix: write the post in Python (Kernel > Change Kernel in Jupyter), or publish it elsewhere",
    ),
    "pip-install": (
        ["installs-seaborn.py"],
        "does-not-build",
        "notebooks/installs-seaborn.py, cell 3: the cell installs packages, which would change the environment every post is built in\n"
        "> 1 | %pip install seaborn\n"
        "  2 | import seaborn as sns\n"
        "To fix: remove the line and add the package to requirements.in (then `make lock`), so that every build has it; "
        "for an exercise, to runtime/packages.txt",
    ),
    "byte-order-mark": (
        ["notepad-notes.py"],
        "does-not-build",
        "notebooks/notepad-notes.py: the file starts with a byte-order mark (U+FEFF), which jupytext reads as text before the "
        "`# ---` header\n"
        'To fix: save the file as UTF-8 without a byte-order mark (in most editors: "UTF-8", not "UTF-8 with BOM")',
    ),
    "toml-cannot-hold": (
        ["empty-tag.py"],
        "does-not-build",
        "notebooks/empty-tag.py, cell 1: `tags` cannot be written as TOML, which Hugo reads: item 2 is empty (YAML's null)\n"
        "To fix: change `tags` in the front matter",
    ),
    "link-to-a-draft": (
        ["intro.py", "soon.py"],
        "dangling-link",
        "notebooks/intro.py, cell 2: the link 'soon.ipynb' points to a draft (its front matter says `draft: true`): Hugo does "
        "not publish it, so the link would lead nowhere\n"
        "  1 | A network learns its weights from data.\n"
        "  2 | \n"
        "> 3 | How it does so is [the next part](soon.ipynb).\n"
        "To fix: remove the link until that post is published, or publish it (remove `draft: true` there)",
    ),
    "link-to-local-html": (
        ["full-report.py", "report.html"],
        "dangling-link",
        "notebooks/full-report.py, cell 2: the link 'report.html' is a .html file, which Hugo takes for a page of the site's "
        "content, not a file to publish beside the post: the site would not build\n"
        "> 1 | The run's numbers are in [the full report](report.html), exported from the training script.\n"
        "To fix: put it in static/ and link to it from the site's root (/report.html), or publish what it shows in the "
        "notebook itself",
    ),
    "shared-id": (
        ["sigmoid-exercise.py"],
        "does-not-build",
        "notebooks/sigmoid-exercise.py, cell 3, exercise 'draw-sigmoid': the exercise's name `draw-sigmoid` is also the id of "
        "the heading in cell 2: two elements of the page would share it, and a link to #draw-sigmoid would lead to the first\n"
        "To fix: rename the exercise (the `exercise` key of its first cell's metadata), or give the heading another id with {#id}",
    ),
    "subfolder": (
        ["series/part1.py"],
        "does-not-build",
        "notebooks/series/part1.py: a notebook in a subfolder of notebooks/ is not published: the posts are the notebooks "
        "directly in notebooks/\n"
        "To fix: move it (with its paired file) into notebooks/; a subfolder may hold the data files and modules posts use",
    ),
    "widget-state-not-saved": (
        ["explore-threshold.ipynb"],  # execute: false, saved by Jupyter without its widget state (the default)
        "stored-output",
        "notebooks/explore-threshold.ipynb, cell 3: the outputs this cell's Output widget captured cannot be published: the "
        "notebook holds no state for it\n"
        "The widget \"interactive(children=(FloatSlider(value=0.5, description='threshold', max=1.0, step=0.05), Output()), "
        "_dom_cla…\" (model 499d2f1cfa7c4835a34c711c11b19704) is not in the notebook's widget state (metadata `widgets`, "
        "application/vnd.jupyter.widget-state+json), where its outputs are kept.\n"
        "To fix: in Jupyter, turn on Settings > Save Widget State Automatically and save the notebook again, or display the "
        "outputs directly rather than in an Output widget, or tag the cell 'remove-output'",
    ),
    "file-link-to-html": (
        ["download-report.py"],
        "error: notebooks/download-report.py, cell 3: FileLink('report.html') links to a .html file, which Hugo takes for a "
        "page of the site's content, not a file to publish beside the post: the build stops [file-link-to-page]\n"
        "    to fix: show it in an IFrame (IFrame('report.html', width=…, height=…): the page holds it whole), or tag the cell "
        "'remove-output'\n",
        "notebooks/download-report.py, cell 3: an HTML output of this cell points at 'report.html', a .html file, which Hugo "
        "takes for a page of the site's content, not a file to publish beside the post: the site would not build\n"
        "To fix: show it in an IFrame (IFrame('page.html', width=…, height=…): the page holds it whole), or display its content "
        "in the notebook itself (display(HTML(filename='page.html'))), or tag the cell 'remove-output'",
    ),
}


def refused_project(root: Path, case: str) -> Path:
    """Make a project in `root` with the files of a refused case in its notebooks/ (`../x` beside it); return it."""
    for name in REFUSALS[case][0]:
        target = root / os.path.normpath(f"notebooks/{name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REFUSED / name.removeprefix("../"), target)
    (root / "content" / "post").mkdir(parents=True)
    return root


@pytest.mark.parametrize("case", REFUSALS)
def test_make_site_refuses_the_notebook_with_one_message_naming_the_file_the_cell_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, case: str
):
    monkeypatch.chdir(refused_project(tmp_path, case))
    before = snapshot(tmp_path)
    assert main(["-j", "1"]) == 1
    summary = "would not be published" if case == "subfolder" else "failed"
    message = REFUSALS[case][2].replace("{root}", str(tmp_path))
    assert capsys.readouterr().err == f"\nerror: {message}\n\n1 notebook(s) {summary}; no post was changed.\n"
    assert snapshot(tmp_path) == before  # no post, and no file of the project changed


@pytest.mark.parametrize("case", REFUSALS)
def test_make_lint_reports_what_the_build_would_refuse_before_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, case: str
):
    _, finding, message = REFUSALS[case]
    monkeypatch.chdir(refused_project(tmp_path, case))
    status = lint.main([])
    out = capsys.readouterr().out
    if finding is None:
        assert (status, "error" not in out) == (0, True), out
    elif finding.endswith("\n"):  # its own finding
        assert finding in out
    else:  # the build's error, before the build
        first_line, fix = message.split("\n")[0], message.split("\nTo fix: ")[1]
        assert status == 1
        assert f"error: {first_line} [{finding}]\n    to fix: {fix}\n" in out


SCT_CHECKS_NOTHING = (
    "warning: notebooks/part-two.py, cell 8, exercise 'net-input': the SCT only calls success_msg or Ex(): any submission "
    "passes [sct-checks-nothing]\n"
    '    to fix: check the reader\'s result, e.g. Ex().check_object("x").has_equal_value()\n'
)


def lint_corpus(root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    """Run `make lint` on a copy of the corpus that builds; return its status and what it printed."""
    for folder in PROJECT:
        shutil.copytree(CORPUS / folder, root / folder)
    monkeypatch.chdir(root)
    return lint.main([]), capsys.readouterr().out


def test_make_lint_flags_an_sct_that_checks_nothing_and_no_figure_a_cell_saves_and_closes(tmp_path, monkeypatch, capsys):
    _, out = lint_corpus(tmp_path, monkeypatch, capsys)
    assert SCT_CHECKS_NOTHING in out
    assert "cleaning-data" not in out  # its figure is saved and closed, its ../ read is a file of the project


def test_make_lint_finds_in_the_corpus_that_builds_only_the_sct_that_checks_nothing(tmp_path, monkeypatch, capsys):
    assert lint_corpus(tmp_path, monkeypatch, capsys) == (0, f"{SCT_CHECKS_NOTHING}1 finding(s) in 5 post(s)\n")
