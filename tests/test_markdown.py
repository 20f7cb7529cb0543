"""Steps 6-7: what markdown cells point at, and a first heading that repeats the title (scripts/markdown.py)."""

from __future__ import annotations

import base64
import datetime as dt
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from builders import build_site, markdown, notebook, read_page, write_ipynb, write_text

from scripts.convert import convert
from scripts.errors import ContentError
from scripts.markdown import Site, attachments_to_files, destinations, drop_repeated_title, heading_ids, resolve_links
from scripts.model import Code, Exercise, Markdown, Post
from scripts.sources import read_source

PNG = b"\x89PNG\r\n\x1a\nfake"


def post_of(*texts: str, title: str = "A post") -> Post:
    """Return a post whose markdown cells (cells 2, 3, ...) hold `texts`."""
    blocks = [Markdown(number, text) for number, text in enumerate(texts, start=2)]
    return Post("post", {"title": title, "date": dt.date(2024, 1, 31)}, blocks)


def test_destinations_are_found_in_markdown_and_html_with_their_line_in_the_cell():
    block = Markdown(
        4,
        'Intro.\n\n![A fig](figures/a%20b.png) and\n[data](<data/my file.csv>)\n\n<img src="fig/x.png">\n\n'
        "`[not](a-link)`\n\n    [code](block)\n\n[ref][]\n\n[ref]: refd.png",
    )
    found = [(d.kind, d.url, d.path, d.line, d.html, d.alt) for d in destinations(block)]
    assert found == [
        ("image", "figures/a%20b.png", "figures/a b.png", 3, False, "A fig"),
        ("link", "data/my%20file.csv", "data/my file.csv", 4, False, None),
        ("image", "fig/x.png", "fig/x.png", 6, True, None),
        ("link", "refd.png", "refd.png", 12, False, None),  # where the reference is used
    ]


def resolved(tmp_path: Path, *texts: str) -> Post:
    """Resolve the links of a post whose notebook is `tmp_path/notebooks/post.ipynb` with these markdown cells."""
    path = write_ipynb(tmp_path / "notebooks", "post", notebook(*(markdown(text) for text in texts)))
    return resolve_links(read_source(path), post_of(*texts), Site(tmp_path / "static", tmp_path / "content"))


def test_files_beside_the_notebook_are_attached_under_their_relative_path(tmp_path: Path):
    write_text(tmp_path / "notebooks" / "images" / "x.png", "png")
    write_text(tmp_path / "notebooks" / "data" / "my file.csv", "1,2\n")
    post = resolved(tmp_path, '![X](images/x.png) ![again](./images/x.png) [d](<data/my file.csv>) <img src="images/x.png" alt="">')
    assert post.attachments == {"data/my file.csv": b"1,2\n", "images/x.png": b"png"}
    assert post.links == {"./images/x.png": "images/x.png", "data/my file.csv": "data/my file.csv", "images/x.png": "images/x.png"}


def test_a_link_to_another_notebook_leads_to_its_post_and_the_fragment_is_kept_by_the_hook(tmp_path: Path):
    write_ipynb(tmp_path / "notebooks", "Other Post", notebook())
    write_text(tmp_path / "notebooks" / "third.py", "# ---\n# title: T\n# date: 2024-01-31\n# ---\n")
    post = resolved(tmp_path, "[o](Other%20Post.ipynb#Some-Heading) [t](third.ipynb) [self](post.ipynb#Top)")
    assert post.links == {"Other Post.ipynb": "/post/other-post", "post.ipynb": "/post/post", "third.ipynb": "/post/third"}
    assert post.attachments == {}


def test_a_link_to_a_draft_is_an_error_naming_the_cell_unless_the_post_is_a_draft_too(tmp_path: Path):
    write_text(tmp_path / "notebooks" / "soon.py", "# ---\n# title: Soon\n# date: 2024-01-31\n# draft: true\n# ---\n")
    with pytest.raises(ContentError) as caught:
        resolved(tmp_path, "Intro.", "See [the next part](soon.ipynb).")
    assert (caught.value.cell, caught.value.line) == (3, 1)
    assert caught.value.message == (
        "the link 'soon.ipynb' points to a draft (its front matter says `draft: true`): Hugo does not publish it, "
        "so the link would lead nowhere"
    )
    path = write_ipynb(tmp_path / "notebooks", "post", notebook(markdown("[n](soon.ipynb)")))
    draft = Post("post", {"title": "A post", "date": dt.date(2024, 1, 31), "draft": True}, [Markdown(2, "[n](soon.ipynb)")])
    assert resolve_links(read_source(path), draft, Site(tmp_path / "static", tmp_path / "content")).links == {"soon.ipynb": "/post/soon"}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        (
            "Text\n\nsee [x](missing.ipynb)",
            "the link 'missing.ipynb' points to a notebook that is not in {nb}/, so there is no post to link to",
            3,
        ),
        (
            "![x](images/none.png)",
            "the image 'images/none.png' leads nowhere: there is no {nb}/images/none.png, and no post, page or file in {static}/ at that path",
            1,
        ),
        (
            '<a href="../secret.txt">up</a>',
            "the link '../secret.txt' is outside {nb}/ and written in HTML, which the build publishes as it is: the page would show it broken",
            1,
        ),
        ("[folder](images)", "the link 'images' is a folder, which a web page cannot show", 1),
        ("![x](cell-3-1.png)", "the image 'cell-3-1.png' has a name the build gives its own files", 1),
        (
            '<a href="other.ipynb">o</a>',
            "the link 'other.ipynb' is an HTML link to a notebook: only markdown links become links to its post",
            1,
        ),
    ],
)
def test_a_destination_that_leads_nowhere_is_an_error_naming_the_cell_and_line(tmp_path: Path, text: str, message: str, line: int):
    write_text(tmp_path / "notebooks" / "images" / "x.png", "png")
    write_text(tmp_path / "notebooks" / "cell-3-1.png", "png")
    write_text(tmp_path / "secret.txt", "secret")
    write_ipynb(tmp_path / "notebooks", "other", notebook())
    with pytest.raises(ContentError) as caught:
        resolved(tmp_path, "Fine.", text)
    nb, static = tmp_path / "notebooks", tmp_path / "static"
    assert (caught.value.cell, caught.value.line, caught.value.kind) == (3, line, "dangling-link")
    assert caught.value.message == message.format(nb=nb, static=static)


def test_every_dangling_destination_of_a_post_is_listed_in_its_one_error(tmp_path: Path):
    with pytest.raises(ContentError) as caught:
        resolved(tmp_path, "![a](a.png)", "[b](b.ipynb)")
    assert caught.value.cell == 2
    assert caught.value.notes == [
        f"Also: {tmp_path / 'notebooks' / 'post.ipynb'}, cell 3: the link 'b.ipynb' points to a notebook that is not in "
        f"{tmp_path / 'notebooks'}/, so there is no post to link to"
    ]


def test_relative_paths_that_the_site_resolves_stay_as_written(tmp_path: Path):
    write_text(tmp_path / "static" / "img" / "a.png", "png")
    post = resolved(tmp_path, "![s](img/a.png) [p](/post/other/) [w](https://example.org/x.png) [f](#Heading) [m](mailto:a@b.c)")
    assert (post.links, post.attachments) == ({}, {})


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["# A post\n\nIntro."], ["\n\nIntro."]),
        (["A post\n======\n\nIntro."], ["\n\n\nIntro."]),
        (["# *A*  `post`"], []),
        (["Nav links.", "# A Post\nText"], ["Nav links.", "\nText"]),
        (["# Another title\n\nIntro."], ["# Another title\n\nIntro."]),
        (["## Intro\n\n# A post"], ["## Intro\n\n# A post"]),
        (["```\n# A post\n```"], ["```\n# A post\n```"]),
    ],
)
def test_a_first_heading_that_repeats_the_title_is_dropped_keeping_the_cells_line_numbers(texts, expected):
    post = drop_repeated_title(post_of(*texts))
    assert [block.text for block in post.blocks] == expected


def test_code_cells_before_the_first_heading_do_not_stop_the_search():
    post = Post("p", {"title": "T", "date": dt.date(2024, 1, 31)}, [Code(2, "x = 1"), Markdown(3, "# T\nText")])
    assert [getattr(block, "text", None) for block in drop_repeated_title(post).blocks] == [None, "\nText"]


def test_a_file_an_exercise_hint_shows_is_attached_and_a_missing_one_names_the_hint_cell(tmp_path: Path):
    write_text(tmp_path / "notebooks" / "images" / "dot.png", "png")
    path = write_ipynb(tmp_path / "notebooks", "post", notebook())
    site = Site(tmp_path / "static", tmp_path / "content")

    def post_with_hint(hint: str) -> Post:
        exercise = Exercise("ex", 1, {"solution": 2, "hint": 3}, {"solution": "x = 1", "hint": hint})
        return Post("post", {"title": "T", "date": dt.date(2024, 1, 31)}, [exercise])

    post = resolve_links(read_source(path), post_with_hint("See ![the dot product](images/dot.png)."), site)
    assert post.attachments == {"images/dot.png": b"png"}
    with pytest.raises(ContentError) as caught:
        resolve_links(read_source(path), post_with_hint("See ![the dot product](images/cross.png)."), site)
    assert (caught.value.cell, caught.value.line) == (3, 1)


def published(tmp_path: Path, cell) -> tuple[str, BeautifulSoup, Path]:
    """Convert a post of this one markdown cell and build the site; return its index.md, its page and the page's folder."""
    write_ipynb(tmp_path / "notebooks", "post", notebook(cell))
    assert convert([tmp_path / "notebooks" / "post.ipynb"], tmp_path / "content" / "post", workers=1, prune=False, out=io.StringIO()) == []
    index = (tmp_path / "content" / "post" / "post" / "index.md").read_text(encoding="utf-8")
    folder = build_site(tmp_path / "content", tmp_path / "site") / "post" / "post"
    return index, read_page(folder / "index.html"), folder


PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAHnOcQAAAAABJRU5ErkJggg=="


def test_an_image_pasted_into_a_markdown_cell_is_published_as_a_file_of_the_bundle_and_shown(tmp_path: Path):
    cell = markdown("Pasted:\n\n![A red dot](attachment:image.png)")
    cell.attachments = {"image.png": {"image/png": PIXEL}}
    index, page, folder = published(tmp_path, cell)
    bundle = tmp_path / "content" / "post" / "post"
    assert (bundle / "attachments" / "2" / "image.png").read_bytes() == base64.b64decode(PIXEL)
    assert "![A red dot](attachments/2/image.png)" in index
    image = page.select_one("img[alt='A red dot']")
    assert (folder / image["src"].rsplit("/post/post/", 1)[-1]).read_bytes() == base64.b64decode(PIXEL)


def test_an_attachment_the_cell_does_not_hold_is_an_error_naming_the_cell_and_line(tmp_path: Path):
    path = write_ipynb(tmp_path / "notebooks", "post", notebook(markdown("Intro\n\n![x](attachment:gone.png)")))
    with pytest.raises(ContentError) as caught:
        attachments_to_files(read_source(path), post_of("Intro\n\n![x](attachment:gone.png)"))
    assert (caught.value.cell, caught.value.line, caught.value.message) == (
        2,
        3,
        "the image 'attachment:gone.png' is not attached to this cell",
    )


def test_a_latex_environment_without_dollars_is_shown_as_display_math_as_jupyter_shows_it(tmp_path: Path):
    text = "The rule:\n\n\\begin{align}\na &= b + c \\\\\nd &= e\n\\end{align}\n\nAnd `\\begin{align}` in code stays."
    index, page, _ = published(tmp_path, markdown(text))
    assert "$$\n\\begin{align}\na &= b + c \\\\\nd &= e\n\\end{align}\n$$" in index
    math = page.select_one(".math-display math")
    assert math is not None and len(math.select("mtr")) == 2  # two rows: the `\\` between them survived
    assert "\\begin{align}" in page.select_one("p code").get_text()


def test_a_link_to_a_local_html_file_is_an_error_naming_the_cell_as_hugo_would_take_it_for_a_page(tmp_path: Path):
    write_text(tmp_path / "notebooks" / "report.html", "<p>report</p>")
    with pytest.raises(ContentError) as caught:
        resolved(tmp_path, "Intro.", "The [full report](report.html).")
    assert (caught.value.cell, caught.value.line) == (3, 1)
    assert caught.value.message == (
        "the link 'report.html' is a .html file, which Hugo takes for a page of the site's content, not a file to publish "
        "beside the post: the site would not build"
    )


def test_a_heading_with_math_answers_to_jupyters_id_and_to_its_spelled_out_id(tmp_path: Path):
    text = "## The $\\sigma$ function\n\nSee [here](#the-sigma-function) and [there](#The-$\\sigma$-function)."
    _, page, _ = published(tmp_path, markdown(text))
    ids = {element["id"] for element in page.select("h2, h2 [id]")}
    assert {"the-sigma-function", "The-$\\sigma$-function"} <= ids
    assert {"the-sigma-function", "The-$\\sigma$-function"} <= heading_ids(text)  # what `make lint`'s missing-anchor accepts


def test_hugos_typographer_leaves_inline_html_code_as_written_and_the_prose_as_before(tmp_path: Path):
    text = 'Run <code>git log --all "x"</code>, press <kbd>Ctrl-C</kbd>... and `<code>--a</code>` -- "quoted".'
    _, page, _ = published(tmp_path, markdown(text))
    paragraph = page.select_one("main p:-soup-contains('Run')")
    assert [code.get_text() for code in paragraph.select("code, kbd")] == ['git log --all "x"', "Ctrl-C", "<code>--a</code>"]
    assert paragraph.get_text().endswith("… and <code>--a</code> – “quoted”.")
