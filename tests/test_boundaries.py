"""The build's boundaries: what a notebook may read and write around its folder, and what its outputs may point at.

A notebook runs in a copy of its folder inside a mirror of the project (scripts/execute.py, working_copy): `../`
paths read the project's files as in Jupyter, and are inputs of the post; writes through them change copies
(the mirror's, or the kernel's of what git ignores, scripts/kernels.py, watch_files), so the project's files never
change (tests/test_project_writes.py).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import build_site, code, markdown, notebook, read_page, snapshot, write_ipynb, write_text

from scripts.bundles import generated_data
from scripts.convert import convert
from scripts.errors import ContentError
from scripts.inputs import file_hash
from scripts.kernels import KernelTemplate

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"


def project_with_data(tmp_path: Path) -> Path:
    """Return a project laid out as real repositories are: notebooks/ beside data/ and images/."""
    project = tmp_path / "project"
    write_text(project / "data" / "x.csv", "a,b\n1,2\n")
    write_text(project / "data" / "y.csv", "y\n")
    (project / "images").mkdir()
    (project / "images" / "logo.png").write_bytes(PNG)
    return project


@pytest.fixture
def build(kernel_template: KernelTemplate) -> Callable[..., tuple[str, list[ContentError]]]:
    """Return build(project, *cells, force=False), which writes `notebooks/post.ipynb` (if cells are given) and converts it
    into `project/content/post/`, returning the log and the errors."""

    def build(project: Path, *cells, force: bool = False) -> tuple[str, list[ContentError]]:
        if cells:
            write_ipynb(project / "notebooks", "post", notebook(*cells))
        out = io.StringIO()
        errors = convert(
            [project / "notebooks" / "post.ipynb"],
            project / "content" / "post",
            1,
            force=force,
            out=out,
            depfile=(project / "converted.d", "stamp"),
            template=kernel_template,
        )
        return out.getvalue(), errors

    return build


def texts(project: Path) -> list[str]:
    """Return the text of each output of the post (an image's alt text)."""
    return [output.get("text", output.get("alt")) for output in generated_data(project / "content" / "post" / "post")["outputs"]]


def test_a_notebook_reads_and_shows_files_outside_its_folder_by_relative_path_as_in_jupyter_and_they_are_inputs(build, tmp_path: Path):
    project = project_with_data(tmp_path)
    log, errors = build(
        project,
        markdown("Our logo:\n\n![The logo](../images/logo.png)"),
        code("import os, pandas as pd\nprint(pd.read_csv('../data/x.csv').values.tolist(), sorted(os.listdir('../data')))"),
        code("from IPython.display import Image\nImage('../images/logo.png')", alt="The logo again"),
        code("print(os.path.abspath('../data/x.csv'), os.path.exists('../images/logo.png'))"),
    )
    assert errors == [], errors
    data = generated_data(project / "content" / "post" / "post")
    assert texts(project) == [
        "[[1, 2]] ['x.csv', 'y.csv']\n",
        "The logo again",
        "../data/x.csv True\n",  # the path as the notebook names it, not the machine's
    ]
    # The markdown image is published in the bundle, under up/ for the `..`; the files read are inputs.
    assert (project / "content" / "post" / "post" / "up" / "images" / "logo.png").read_bytes() == PNG
    assert data["links"] == [{"path": "../images/logo.png", "target": "up/images/logo.png"}]
    assert data["inputs"] == {"../data/x.csv": file_hash(b"a,b\n1,2\n"), "../images/logo.png": file_hash(PNG)}
    depends = (project / "converted.d").read_text()
    assert f"  {project / 'data' / 'x.csv'} \\\n" in depends and f"  {project / 'images' / 'logo.png'} \\\n" in depends

    public = build_site(project / "content", tmp_path / "site")
    page = read_page(public / "post" / "post" / "index.html")
    assert page.select_one("img[alt='The logo']")["src"] == "/blog/post/post/up/images/logo.png"
    assert (public / "post" / "post" / "up" / "images" / "logo.png").read_bytes() == PNG

    assert build(project)[0] == "[1/1] post: unchanged\n"
    write_text(project / "data" / "x.csv", "a,b\n3,4\n")
    log, errors = build(project)
    assert errors == [] and log.endswith(" s (../data/x.csv changed)\n")
    assert texts(project)[0] == "[[3, 4]] ['x.csv', 'y.csv']\n"


def test_writes_through_relative_paths_outside_the_folder_change_copies_and_never_the_projects_files(build, tmp_path: Path):
    project = project_with_data(tmp_path)
    write_text(project / "notebooks" / "results.csv", "committed\n")
    before = snapshot(project)
    cells = [
        "import os, shutil, sqlite3, pandas as pd, matplotlib.pyplot as plt",
        "pd.DataFrame({'a': [9]}).to_csv('../data/x.csv', index=False)\nprint(open('../data/x.csv').read(), end='')",
        "open('../data/x.csv', 'a').write('10\\n')\nprint(open('../data/x.csv').read(), end='')",
        "os.makedirs('../figures', exist_ok=True)\nplt.plot([1, 2])\nplt.savefig('../figures/f.png')\nplt.close()\n"
        "print(sorted(os.listdir('../figures')))",
        "os.remove('../data/y.csv')\nos.rename('../data/x.csv', '../data/z.csv')\nprint(sorted(os.listdir('../data')))",
        "shutil.rmtree('../images')\nos.utime('../notebooks/results.csv')\nprint(sorted(os.listdir('..')))",
        "sqlite3.connect('../data/db.sqlite').execute('create table t (x)')\nprint(os.path.exists('../data/db.sqlite'))",
        "open('../notebooks/results.csv', 'w').write('run\\n')\nprint(open('results.csv').read(), end='')",
    ]
    log, errors = build(project, *(code(cell) for cell in cells))
    assert errors == [], errors
    assert texts(project) == [
        "a\n9\n",
        "a\n9\n10\n",
        "['f.png']\n",
        "['z.csv']\n",
        "['data', 'figures', 'notebooks']\n",
        "True\n",
        "run\n",
    ]
    kept = {name: data for name, data in snapshot(project).items() if not name.startswith(("content/", "converted.d", "notebooks/post."))}
    assert kept == before


def test_a_change_to_a_file_of_the_project_by_its_own_path_is_refused_naming_the_cell_and_the_fix(build, tmp_path: Path):
    project = project_with_data(tmp_path)
    before = snapshot(project)
    target = project / "data" / "y.csv"
    log, (error,) = build(project, code("print('fine')"), code(f"open({str(target)!r}, 'w').write('changed')"))
    assert (error.cell, error.kind) == (3, "execution")
    assert error.detail == (
        f"PermissionError: [Errno 13] the build keeps the project's files as they are: a notebook may not change one "
        f"by its own path: '{target}'"
    )
    assert error.fix == (
        "write by a path relative to the notebook's folder ('results.csv', '../figures/f.png'): the build runs "
        "the notebook in a copy of its folder, in a mirror of the project, where such writes change copies"
    )
    assert {name: data for name, data in snapshot(project).items() if name != "notebooks/post.ipynb"} == before


@pytest.mark.parametrize(
    ("text", "message", "fix"),
    [
        (
            '<img src="../images/logo.png" alt="Logo">',
            "the image '../images/logo.png' is outside {nb}/ and written in HTML, which the build publishes as it is: "
            "the page would show it broken",
            "write it in markdown, which the build resolves: ![Logo](../images/logo.png)",
        ),
        (
            "[secret](../../secret.txt)",
            "the link '../../secret.txt' is outside {project}/, the project the notebook's folder is in",
            "move the file into {nb}/ (a subfolder is fine), or into a folder of {project}/",
        ),
    ],
)
def test_a_markdown_destination_outside_the_folder_that_the_page_cannot_show_is_an_error_naming_the_cell(
    build, tmp_path: Path, text: str, message: str, fix: str
):
    project = project_with_data(tmp_path)
    write_text(tmp_path / "secret.txt", "secret\n")
    log, (error,) = build(project, markdown("Intro."), markdown(text))
    nb = project / "notebooks"
    assert (error.cell, error.line, error.kind) == (3, 1, "dangling-link")
    assert (error.message, error.fix) == (message.format(nb=nb, project=project), fix.format(nb=nb, project=project))


def test_an_image_a_markdown_output_shows_is_published_from_where_the_cell_ran_and_the_page_shows_it(build, tmp_path: Path):
    project = tmp_path / "project"
    cells = [
        code(
            "import matplotlib.pyplot as plt\nfrom IPython.display import Markdown, display\n"
            "plt.plot([1, 3, 2])\nplt.savefig('fig.png')\nplt.close()\n_ = open('results.csv', 'w').write('x\\n1\\n')"
        ),
        code("display(Markdown('The fit:\\n\\n![The saved fit](fig.png)\\n\\nand [its data](results.csv).'))"),
    ]
    log, errors = build(project, *cells)
    assert errors == [], errors
    bundle = project / "content" / "post" / "post"
    data = generated_data(bundle)
    assert data["outputs"] == [
        {"cell": 3, "kind": "markdown", "text": "The fit:\n\n![The saved fit](fig.png)\n\nand [its data](results.csv)."}
    ]
    assert data["files"] == ["fig.png", "results.csv"]
    assert (bundle / "fig.png").read_bytes().startswith(b"\x89PNG") and (bundle / "results.csv").read_text() == "x\n1\n"
    before = snapshot(bundle)
    assert build(project, force=True)[1] == [] and snapshot(bundle) == before  # the same bytes on every run

    public = build_site(project / "content", tmp_path / "site")
    page = read_page(public / "post" / "post" / "index.html")
    assert page.select_one(".nb-markdown img")["src"] == "/blog/post/post/fig.png"
    assert page.select_one(".nb-markdown a")["href"] == "/blog/post/post/results.csv"
    assert (public / "post" / "post" / "fig.png").read_bytes() == before["fig.png"]


@pytest.mark.parametrize(
    ("shown", "message", "fix"),
    [
        (
            "![The fit](fit.png)",
            "a markdown output of this cell shows the image 'fit.png', which is not a file in the notebook's folder after "
            "the cell ran, nor in static/: Hugo would stop the site's build",
            "save the image before the cell displays it (e.g. plt.savefig('fit.png') in this cell or an earlier one), "
            "correct the path, or tag the cell 'remove-output' to publish the code only",
        ),
        (
            "![Logo](../images/logo.png)",
            "a markdown output of this cell shows the image '../images/logo.png', which is outside the notebook's folder: "
            "the page would show it broken",
            "display it with IPython.display.Image('../images/logo.png'), which puts the image itself in the output, "
            "or copy it into the notebook's folder",
        ),
        (
            "[the report](report.html)",
            "a markdown output of this cell shows the link 'report.html', a .html file, which Hugo takes for a page of the "
            "site's content, not a file to publish beside the post: the site would not build",
            "show what it holds in the notebook itself (display(HTML(filename=…)), or an IFrame of it), or tag the cell 'remove-output'",
        ),
    ],
)
def test_a_markdown_output_pointing_at_a_file_the_page_cannot_show_stops_the_build_naming_the_cell(
    build, tmp_path: Path, shown: str, message: str, fix: str
):
    project = project_with_data(tmp_path)
    cells = [
        code("from IPython.display import Markdown, display\nopen('report.html', 'w').write('<p>report</p>')"),
        code(f"display(Markdown({shown!r}))"),
    ]
    log, (error,) = build(project, *cells)
    assert (error.cell, error.kind, error.message, error.fix) == (3, "output", message, fix)
    # The fix works: an output that is not published points at nothing.
    assert build(project, cells[0], code(f"display(Markdown({shown!r}))", "remove-output"))[1] == []


PAGE = '<!DOCTYPE html>\n<html><body><h1 id="t">A "quoted" map &amp; more</h1><img src="tile.png" alt="A tile"></body></html>\n'


def test_an_iframe_of_a_local_html_page_shows_the_page_inline_with_its_files_and_hugo_builds_the_site(build, tmp_path: Path):
    project = tmp_path / "project"
    write_text(project / "notebooks" / "map.html", PAGE)
    (project / "notebooks" / "tile.png").write_bytes(PNG)
    log, errors = build(project, code("from IPython.display import IFrame\nIFrame('map.html', width=400, height=300)"))
    assert errors == [], errors
    bundle = project / "content" / "post" / "post"
    data = generated_data(bundle)
    assert data["files"] == ["tile.png"]  # no map.html: Hugo would take it for a page of the site
    [output] = data["outputs"]
    assert output["kind"] == "html" and "map.html" not in output["text"]
    assert ' srcdoc="&lt;!DOCTYPE html&gt;\n&lt;html&gt;&lt;body&gt;&lt;h1 id=&quot;t&quot;&gt;A &quot;quoted&quot; map' in output["text"]

    public = build_site(project / "content", tmp_path / "site")
    frame = read_page(public / "post" / "post" / "index.html").select_one(".nb-html iframe")
    assert (frame["srcdoc"], frame["width"], frame["height"], frame.get("src")) == (PAGE, "400", "300", None)
    assert (public / "post" / "post" / "tile.png").read_bytes() == PNG
    assert not (public / "post" / "post" / "map.html").exists()


def test_a_link_to_a_local_html_page_in_an_html_output_stops_the_build_naming_the_cell_and_the_fix(build, tmp_path: Path):
    project = tmp_path / "project"
    write_text(project / "notebooks" / "report.html", PAGE)
    log, (error,) = build(project, code("from IPython.display import FileLink\nFileLink('report.html')"))
    assert (error.cell, error.kind) == (2, "output")
    assert error.message == (
        "an HTML output of this cell points at 'report.html', a .html file, which Hugo takes for a page of the site's "
        "content, not a file to publish beside the post: the site would not build"
    )
    assert error.fix == (
        "show it in an IFrame (IFrame('page.html', width=…, height=…): the page holds it whole), or display its "
        "content in the notebook itself (display(HTML(filename='page.html'))), or tag the cell 'remove-output'"
    )


def test_makes_rule_lists_the_files_a_post_is_made_from_and_not_the_names_of_images_pasted_into_its_cells(build, tmp_path: Path):
    project = project_with_data(tmp_path)
    cell = markdown("![A pasted dot](attachment:image.png) and ![The logo](../images/logo.png)")
    cell.attachments = {
        "image.png": {"image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAHnOcQAAAAABJRU5ErkJggg=="}
    }
    log, errors = build(project, cell)
    assert errors == []
    assert (project / "converted.d").read_text() == (
        f"stamp: \\\n  {project / 'images' / 'logo.png'} \\\n  {project / 'notebooks' / 'post.ipynb'} \\\n\n"
        f"{project / 'images' / 'logo.png'}:\n{project / 'notebooks' / 'post.ipynb'}:\n"
    )
