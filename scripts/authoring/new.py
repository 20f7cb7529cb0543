"""`make new TITLE="…"`: start a post as a paired notebook with front matter and one example exercise."""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import yaml

from ..convert import NOTEBOOKS, POSTS
from ..parts import NAME_KEY, NOT_RUNNABLE, PARTS_BY_TAG
from ..sources import NOTEBOOK_SUFFIX, TEXT_FORMAT, TEXT_SUFFIX, to_slug

PAIRING = f"ipynb,{TEXT_FORMAT}"
# The linter reports a post whose description is still this text.
DESCRIPTION_PLACEHOLDER = "TODO: one sentence saying what the reader learns (shown in the post list and to search engines)"
AUTHOR_FALLBACK = "Group NN"

INTRODUCTION = """\
Write the post here, in markdown cells and code cells. Math works: $\\sigma(x) = \\frac{1}{1 + e^{-x}}$.

Below is an example exercise: each of its cells is tagged with the part it is. Change it, or delete it."""

# The example exercise, part tag -> source; every part, so that the whole contract is visible.
EXAMPLE_EXERCISE = {
    "pre-exercise-code": "import numpy as np",
    "sample-code": """\
# The weights of a neuron's three inputs, and the inputs
weights = np.array([0.5, -1.0, 2.0])
inputs = np.array([1.0, 2.0, 3.0])

# The neuron's net input is the dot product of the weights and the inputs
net_input = ___
print(net_input)""",
    "solution": """\
# The weights of a neuron's three inputs, and the inputs
weights = np.array([0.5, -1.0, 2.0])
inputs = np.array([1.0, 2.0, 3.0])

# The neuron's net input is the dot product of the weights and the inputs
net_input = np.dot(weights, inputs)
print(net_input)""",
    # Another correct answer: never published, `make test` checks that the SCT passes it too.
    "solution-alternative": """\
# The weights of a neuron's three inputs, and the inputs
weights = np.array([0.5, -1.0, 2.0])
inputs = np.array([1.0, 2.0, 3.0])

# The neuron's net input is the dot product of the weights and the inputs
net_input = weights @ inputs
print(net_input)""",
    "sct": """\
Ex().check_object("net_input", missing_msg="Define `net_input`, the dot product of `weights` and `inputs`.").has_equal_value(
    incorrect_msg="`net_input` should be `np.dot(weights, inputs)`."
)
Ex().has_printout(0)
success_msg("Well done!")""",
    "hint": "`np.dot(a, b)` is the dot product of two arrays: the sum of their element-wise products.",
}


def git_author() -> str:
    """Return `git config user.name`, or the blog's group author if it is not set."""
    try:
        name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    return name or AUTHOR_FALLBACK


def front_matter_cell(title: str, date: dt.date, author: str) -> nbformat.NotebookNode:
    """Return the raw first cell holding the new post's YAML front matter."""
    data = {"title": title, "date": date, "author": author, "draft": True, "description": DESCRIPTION_PLACEHOLDER, "tags": []}
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    return nbformat.v4.new_raw_cell(f"---\n{text}---")


def example_exercise_cells(slug: str) -> list[nbformat.NotebookNode]:
    """Return the cells of the example exercise, one per part, the first naming the exercise."""
    cells = []
    for tag, source in EXAMPLE_EXERCISE.items():
        cell_type = "raw" if tag in NOT_RUNNABLE else PARTS_BY_TAG[tag].cell_types[0]
        assert cell_type in PARTS_BY_TAG[tag].cell_types, (tag, cell_type)
        cell = {"markdown": nbformat.v4.new_markdown_cell, "raw": nbformat.v4.new_raw_cell, "code": nbformat.v4.new_code_cell}[cell_type](
            source
        )
        cell.metadata["tags"] = [tag]
        cells.append(cell)
    cells[0].metadata[NAME_KEY] = f"{slug}-example"
    return cells


def new_notebook(title: str, slug: str, date: dt.date, author: str) -> nbformat.NotebookNode:
    """Return the new post's notebook: front matter, an introduction and the example exercise."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [front_matter_cell(title, date, author), nbformat.v4.new_markdown_cell(INTRODUCTION), *example_exercise_cells(slug)]
    notebook.metadata["jupytext"] = {"formats": PAIRING}
    notebook.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    return notebook


def existing_files(slug: str, notebooks: Path, posts: Path) -> list[Path]:
    """Return the files that a new post `slug` would clash with."""
    candidates = [
        notebooks / f"{slug}{NOTEBOOK_SUFFIX}",
        notebooks / f"{slug}{TEXT_SUFFIX}",
        posts / slug,
        posts / f"{slug}.md",
        posts / f"{slug}.html",
    ]
    return [path for path in candidates if path.exists()]


def create_post(
    title: str, notebooks: Path = NOTEBOOKS, posts: Path = POSTS, date: dt.date | None = None, author: str | None = None
) -> list[Path]:
    """Write the new post's .ipynb and .py; return their paths. Raise FileExistsError if the slug is taken."""
    slug = to_slug(title)
    if not slug:
        raise ValueError(f"the title {title!r} has no letters or digits to make a slug from")
    clashes = existing_files(slug, notebooks, posts)
    if clashes:
        raise FileExistsError(f"a post named '{slug}' already exists: {', '.join(map(str, clashes))}")
    # The local date: the day it is where the author is (Hugo reads a date without a time as midnight UTC).
    notebook = new_notebook(title, slug, date or dt.date.today(), author or git_author())
    notebooks.mkdir(parents=True, exist_ok=True)
    paths = [notebooks / f"{slug}{NOTEBOOK_SUFFIX}", notebooks / f"{slug}{TEXT_SUFFIX}"]
    jupytext.write(notebook, paths[0])
    jupytext.write(notebook, paths[1], fmt=TEXT_FORMAT)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.authoring.new", description=__doc__.split("\n")[0])
    parser.add_argument("title", help="the post's title; the slug (file names, URL) is made from it")
    parser.add_argument("--notebooks-dir", type=Path, default=NOTEBOOKS, help="where the notebooks are (default: %(default)s)")
    parser.add_argument("--posts-dir", type=Path, default=POSTS, help="where the posts are (default: %(default)s)")
    parser.add_argument("--author", help=f"the post's author (default: `git config user.name`, else {AUTHOR_FALLBACK!r})")
    args = parser.parse_args(argv)
    try:
        paths = create_post(args.title, args.notebooks_dir, args.posts_dir, author=args.author)
    except (FileExistsError, ValueError) as error:
        print(f"error: {error}. Nothing was written; choose another title.", file=sys.stderr)
        return 1
    print(f"created {paths[0]} and {paths[1]} (paired). Edit either; `make serve` previews it, `make lint` reviews it.")
    print("It is a draft (`draft: true`): remove that line to publish it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
