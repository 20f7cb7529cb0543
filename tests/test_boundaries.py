"""The build's boundaries: what a notebook may read and write around its folder, and what its outputs may point at.

A notebook runs in a copy of its folder inside a mirror of the project (scripts/execute.py, working_copy): `../`
paths read the project's files as in Jupyter, and are inputs of the post; writes through them change copies
(scripts/kernels.py, watch_files), so the project's files never change.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from builders import build_site, code, markdown, notebook, read_page, snapshot, write_ipynb, write_text

from scripts.bundles import generated_data
from scripts.convert import convert
from scripts.errors import ContentError
from scripts.inputs import file_hash

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"


def project_with_data(tmp_path: Path) -> Path:
    """Return a project laid out as real repositories are: notebooks/ beside data/ and images/."""
    project = tmp_path / "project"
    write_text(project / "data" / "x.csv", "a,b\n1,2\n")
    write_text(project / "data" / "y.csv", "y\n")
    (project / "images").mkdir()
    (project / "images" / "logo.png").write_bytes(PNG)
    return project


def build(project: Path, *cells, force: bool = False) -> tuple[str, list[ContentError]]:
    """Write `notebooks/post.ipynb` (if cells are given) and convert it into `project/content/post/`; return the log and the errors."""
    if cells:
        write_ipynb(project / "notebooks", "post", notebook(*cells))
    out = io.StringIO()
    errors = convert(
        [project / "notebooks" / "post.ipynb"], project / "content" / "post", 1, force=force, out=out, depfile=(project / "converted.d", "stamp")
    )
    return out.getvalue(), errors


def texts(project: Path) -> list[str]:
    """Return the text of each output of the post (an image's alt text)."""
    return [output.get("text", output.get("alt")) for output in generated_data(project / "content" / "post" / "post")["outputs"]]


def test_a_notebook_reads_and_shows_files_outside_its_folder_by_relative_path_as_in_jupyter_and_they_are_inputs(tmp_path: Path):
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


def test_writes_through_relative_paths_outside_the_folder_change_copies_and_never_the_projects_files(tmp_path: Path):
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


def test_a_change_to_a_file_of_the_project_by_its_own_path_is_refused_naming_the_cell_and_the_fix(tmp_path: Path):
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
    tmp_path: Path, text: str, message: str, fix: str
):
    project = project_with_data(tmp_path)
    write_text(tmp_path / "secret.txt", "secret\n")
    log, (error,) = build(project, markdown("Intro."), markdown(text))
    nb = project / "notebooks"
    assert (error.cell, error.line, error.kind) == (3, 1, "dangling-link")
    assert (error.message, error.fix) == (message.format(nb=nb, project=project), fix.format(nb=nb, project=project))
