"""`make lint`: content diagnostics on the posts' notebooks, in the spirit of DataCamp's checks on its courses.

Each check is a small function from a post to its findings, listed in CHECKS; a finding
is a ContentError naming file, cell and exercise, with `kind` set to the check's name.
`make lint` and `make test` report findings as warnings; with STRICT=1 they are errors.
"""

from __future__ import annotations

import argparse
import ast
import json
import posixpath
import re
import sys
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from ..convert import NOTEBOOKS, POSTS, notebook_to_post
from ..datacamp import datacamp_reads
from ..errors import ContentError
from ..model import Code, Exercise, Markdown, Post
from ..parts import PARTS_BY_TAG, UNSUPPORTED_BY_KEY
from ..sources import Source, find_sources, read_source
from .new import DESCRIPTION_PLACEHOLDER

# A solution longer than this many non-blank lines is reported: an exercise should ask for one idea.
DEFAULT_MAX_SOLUTION_LINES = 15
STATIC = Path("static")
CONTENT = Path("content")
CONFIG = Path("config.toml")
# Calls that draw a figure. Figures are found statically, by these names as functions or
# methods (plt.plot, ax.imshow, df.plot, ...), so that lint needs no build and no kernel.
FIGURE_CALLS = frozenset(
    {
        "show",
        "plot",
        "imshow",
        "savefig",
        "scatter",
        "hist",
        "bar",
        "barh",
        "matshow",
        "pcolormesh",
        "contour",
        "contourf",
        "figure",
        "subplots",
        "heatmap",
    }
)
HIDDEN_OUTPUT_TAGS = frozenset({"remove-output", "remove-cell"})
SCT_NO_OP = "success_msg"
# The parts the checks read, looked up in the parts table so that renaming a part fails loudly here.
HINT, SAMPLE, SOLUTION, SCT = (PARTS_BY_TAG[tag].tag for tag in ("hint", "sample-code", "solution", "sct"))


@dataclass
class Site:
    """What a link on a post may point to: static files, content files and the posts' slugs."""

    static: Path = STATIC
    content: Path = CONTENT
    slugs: frozenset[str] = frozenset()
    base_path: str = "/"  # the path of the site's baseURL, e.g. /blog/


@dataclass
class Target:
    """One post under review: its source, its model and the settings of the run."""

    source: Source
    post: Post
    site: Site
    max_solution_lines: int = DEFAULT_MAX_SOLUTION_LINES

    def finding(self, check: str, message: str, cell: int | None, exercise: str | None = None, fix: str = "") -> ContentError:
        """Return a finding of `check` naming this post's file, the cell and the exercise."""
        return self.source.error(message, cell=cell, exercise=exercise, fix=fix, kind=check)


def exercise_without_hint(target: Target) -> Iterator[ContentError]:
    """Yield a finding per exercise that has no hint."""
    for exercise in target.post.exercises:
        if not exercise.part(HINT).strip():
            yield target.finding(
                "no-hint",
                "the exercise has no hint",
                exercise.first_cell,
                exercise.name,
                "add a markdown cell tagged 'hint' that nudges without giving the answer away",
            )


def same_hint(target: Target) -> Iterator[ContentError]:
    """Yield a finding per exercise whose hint an earlier exercise of the post already has."""
    first: dict[str, Exercise] = {}
    for exercise in target.post.exercises:
        hint = " ".join(exercise.part(HINT).split())
        if hint and hint in first:
            yield target.finding(
                "same-hint",
                f"the hint is the same as the hint of exercise '{first[hint].name}'",
                exercise.cells[HINT],
                exercise.name,
                "write a hint for this exercise (a copied hint is usually about another exercise)",
            )
        first.setdefault(hint, exercise)


def is_success_msg_only(sct: str) -> bool:
    """Does the SCT check nothing, i.e. hold no statement other than `success_msg(...)` calls?"""
    try:
        statements = ast.parse(sct).body
    except SyntaxError:
        return False  # `make test` reports an SCT that does not parse
    return all(
        isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and isinstance(s.value.func, ast.Name) and s.value.func.id == SCT_NO_OP
        for s in statements
    )


def sct_checks_nothing(target: Target) -> Iterator[ContentError]:
    """Yield a finding per exercise whose SCT is missing or only calls success_msg."""
    for exercise in target.post.exercises:
        if is_success_msg_only(exercise.part(SCT)):
            cell = exercise.cells.get(SCT, exercise.first_cell)
            what = "the SCT only calls success_msg" if exercise.part(SCT).strip() else "the exercise has no SCT"
            yield target.finding(
                "sct-checks-nothing",
                f"{what}: any submission passes",
                cell,
                exercise.name,
                'check the reader\'s result, e.g. Ex().check_object("x").has_equal_value()',
            )


def sample_is_solution(target: Target) -> Iterator[ContentError]:
    """Yield a finding per exercise whose sample code, as DataCamp Light reads it, is its solution."""
    for exercise in target.post.exercises:
        sample = datacamp_reads(exercise.part(SAMPLE))
        if sample and sample == datacamp_reads(exercise.part(SOLUTION)) and not exercise.settings.get("sample-may-pass"):
            yield target.finding(
                "sample-is-solution",
                "the sample code is the solution: there is nothing to do",
                exercise.cells[SAMPLE],
                exercise.name,
                "leave blanks (___) in the sample, or set `sample-may-pass: true` for a 'run this' exercise",
            )


def long_solution(target: Target) -> Iterator[ContentError]:
    """Yield a finding per exercise whose solution has more non-blank lines than allowed."""
    for exercise in target.post.exercises:
        lines = [line for line in datacamp_reads(exercise.part(SOLUTION)).split("\n") if line.strip()]
        if len(lines) > target.max_solution_lines:
            yield target.finding(
                "long-solution",
                f"the solution has {len(lines)} non-blank lines (more than {target.max_solution_lines})",
                exercise.cells[SOLUTION],
                exercise.name,
                "split the exercise, or move setup code into the pre-exercise-code",
            )


def unsupported_setting(target: Target) -> Iterator[ContentError]:
    """Yield a finding per exercise cell with a setting that the site's DataCamp Light ignores (`packages`)."""
    for exercise in target.post.exercises:
        for number in sorted(exercise.cells.values()):
            for key in target.source.notebook.cells[number - 1].metadata:
                if key in UNSUPPORTED_BY_KEY:
                    unsupported = UNSUPPORTED_BY_KEY[key]
                    yield target.finding(
                        "unsupported-setting", f"setting `{key}` does nothing: {unsupported.why}", number, exercise.name, unsupported.fix
                    )


def draws_figure(source: str) -> bool:
    """Does this code call a function that draws a figure (plt.show, ax.plot, imshow, ...)?"""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: fall back to the text
        return bool(re.search(rf"\b(?:{'|'.join(FIGURE_CALLS)})\(", source))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name in FIGURE_CALLS:
                return True
    return False


def figure_without_alt(target: Target) -> Iterator[ContentError]:
    """Yield a finding per shown code cell that draws a figure and has no `alt` metadata."""
    for block in target.post.blocks:
        if isinstance(block, Code) and not block.alt and not block.tags & HIDDEN_OUTPUT_TAGS and draws_figure(block.source):
            yield target.finding(
                "figure-without-alt",
                "the cell draws a figure but has no alt text",
                block.cell,
                None,
                'describe the figure in the cell metadata `alt` (`# %% alt="…"` in the .py file)',
            )


def no_description(target: Target) -> Iterator[ContentError]:
    """Yield a finding if the front matter has no real description."""
    description = target.post.front_matter.get("description")
    if not isinstance(description, str) or not description.strip() or description == DESCRIPTION_PLACEHOLDER:
        yield target.finding(
            "no-description",
            "the post has no description",
            1,
            None,
            "add `description:` to the front matter: one sentence for the post list and search engines",
        )


def links_of(markdown: str) -> list[tuple[str, str]]:
    """Return the (kind, url) of every link and image in a markdown cell, markdown or HTML syntax."""
    soup = BeautifulSoup(MarkdownIt("commonmark").render(markdown), "html.parser")
    return [("link", a["href"]) for a in soup.find_all("a", href=True)] + [("image", img["src"]) for img in soup.find_all("img", src=True)]


def resolves(kind: str, url: str, slug: str, site: Site) -> bool:
    """Does a link or image on the post `slug` point to something, as the site's render hooks resolve it?"""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return True  # another site, or only a #fragment or ?query on this page
    path = parts.path
    base = site.base_path.rstrip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :] or "/"
    bundle = site.content / "post" / slug
    # Images (layouts/_markup/render-image.html): a file beside the post, else under static/.
    files = [bundle / path.lstrip("/"), site.static / path.lstrip("/")]
    if kind == "image":
        return any(file.is_file() for file in files)
    # Links (render-link.html): a page, then a file beside the post, then a path from the site's root.
    page = posixpath.normpath(posixpath.join(f"/post/{slug}/", path)).strip("/")
    section, _, rest = page.partition("/")
    if page in ("", "post") or section in ("tags", "categories"):
        return True  # the home page, the post list, and taxonomy pages Hugo makes for every term
    if (section == "post" and rest in site.slugs) or path.strip("/") in site.slugs:
        return True
    pages = [site.content / f"{page}.md", site.content / page / "index.md", site.content / page / "_index.md"]
    return any(file.is_file() for file in [*pages, *files])


def dangling_link(target: Target) -> Iterator[ContentError]:
    """Yield a finding per link or image (and the banner) that resolves to nothing on the site."""
    banner = target.post.front_matter.get("banner")
    if isinstance(banner, str) and banner and not resolves("image", banner, target.post.slug, target.site):
        yield target.finding(
            "dangling-link",
            f"the banner '{banner}' points to no file in {target.site.static}/",
            1,
            None,
            f"add the image to {target.site.static}/{banner.lstrip('/')} or correct the path",
        )
    for block in target.post.blocks:
        if isinstance(block, Markdown):
            for kind, url in links_of(block.text):
                if not resolves(kind, url, target.post.slug, target.site):
                    yield target.finding(
                        "dangling-link",
                        f"the {kind} '{url}' points nowhere on the site",
                        block.cell,
                        None,
                        f"link to a post (/post/SLUG/), a file in {target.site.static}/, or a full https:// address",
                    )


def saved_outputs(target: Target) -> Iterator[ContentError]:
    """Yield a finding if the .ipynb holds outputs (naming the first cell that does)."""
    ipynb = target.source.ipynb
    if ipynb is None:
        return
    cells = json.loads(ipynb.read_text(encoding="utf-8")).get("cells", [])
    with_outputs = [number for number, cell in enumerate(cells, start=1) if cell.get("outputs")]
    if with_outputs:
        yield target.finding(
            "saved-outputs",
            f"{ipynb.name} is saved with outputs in {len(with_outputs)} cell(s): {', '.join(map(str, with_outputs))}",
            with_outputs[0],
            None,
            "clear them (Jupyter: Edit > Clear Outputs of All Cells, or `make sync`): the build makes its own",
        )


@dataclass(frozen=True)
class Check:
    """One content check: its name (the findings' kind), what it reports, and the function."""

    name: str
    doc: str
    run: Callable[[Target], Iterable[ContentError]]


CHECKS: tuple[Check, ...] = (
    Check("no-hint", "an exercise without a hint", exercise_without_hint),
    Check("same-hint", "the same hint on several exercises of a post", same_hint),
    Check("sct-checks-nothing", "an SCT that checks nothing but success_msg (or no SCT)", sct_checks_nothing),
    Check("sample-is-solution", "sample code identical to the solution (unless `sample-may-pass`)", sample_is_solution),
    Check(
        "long-solution",
        f"a solution longer than --max-solution-lines non-blank lines (default {DEFAULT_MAX_SOLUTION_LINES})",
        long_solution,
    ),
    Check("unsupported-setting", "an exercise setting that the site's DataCamp Light ignores (`packages`)", unsupported_setting),
    Check(
        "figure-without-alt",
        "a code cell that draws a figure (plt.show, plot, imshow, savefig, ...) without `alt` metadata",
        figure_without_alt,
    ),
    Check("no-description", "a post without a `description` (or with the placeholder of `make new`)", no_description),
    Check(
        "dangling-link",
        "a link or image on this site (or the banner) that points to no post, page, file beside the post or static file",
        dangling_link,
    ),
    Check("saved-outputs", "a .ipynb saved with outputs", saved_outputs),
)


def site_of(notebooks: Path, posts: Path = POSTS, root: Path = Path(".")) -> Site:
    """Return what links may point to: `static/`, `content/`, and the slugs of notebooks and posts."""
    slugs = {path.stem for path in find_sources(notebooks)} if notebooks.is_dir() else set()
    if posts.is_dir():
        slugs |= {path.stem if path.is_file() else path.name for path in posts.iterdir() if not path.name.startswith((".", "_"))}
    base_path = "/"
    if (root / CONFIG).is_file():
        base_path = urlsplit(tomllib.loads((root / CONFIG).read_text(encoding="utf-8")).get("baseURL", "/")).path or "/"
    return Site(root / STATIC, root / CONTENT, frozenset(slugs), base_path)


def lint_notebook(
    path: Path, site: Site, max_solution_lines: int = DEFAULT_MAX_SOLUTION_LINES, checks: Iterable[Check] = CHECKS
) -> list[ContentError]:
    """Return the findings of every check on one post; a post that does not build is one finding."""
    try:
        source = read_source(path)
        post = notebook_to_post(source)
    except ContentError as error:
        error.kind = "does-not-build"
        return [error]
    target = Target(source, post, site, max_solution_lines)
    return sorted((finding for check in checks for finding in check.run(target)), key=lambda finding: finding.cell or 0)


def lint(paths: list[Path], site: Site, max_solution_lines: int = DEFAULT_MAX_SOLUTION_LINES) -> list[ContentError]:
    """Return the findings on every post."""
    return [finding for path in paths for finding in lint_notebook(path, site, max_solution_lines)]


def format_finding(finding: ContentError, severity: str) -> str:
    """Return a finding as the lines `make lint` prints."""
    text = f"{severity}: {finding.location()}: {finding.message} [{finding.kind}]"
    return text + (f"\n    to fix: {finding.fix}" if finding.fix else "")


def main(argv: list[str] | None = None) -> int:
    checks = "\n".join(f"  {check.name:<20} {check.doc}" for check in CHECKS)
    parser = argparse.ArgumentParser(
        prog="python -m scripts.authoring.lint",
        description=__doc__.split("\n")[0],
        epilog=f"checks:\n{checks}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to review (default: every post in --notebooks-dir)")
    parser.add_argument("--notebooks-dir", type=Path, default=NOTEBOOKS, help="where the notebooks are (default: %(default)s)")
    parser.add_argument(
        "--max-solution-lines",
        type=int,
        default=DEFAULT_MAX_SOLUTION_LINES,
        help="longest solution, in non-blank lines, that is not reported (default: %(default)s)",
    )
    parser.add_argument("--strict", action="store_true", help="findings are errors: exit with status 1 if there are any")
    args = parser.parse_args(argv)
    paths = args.notebooks or find_sources(args.notebooks_dir)
    findings = lint(paths, site_of(args.notebooks_dir), args.max_solution_lines)
    severity = "error" if args.strict else "warning"
    for finding in findings:
        print(format_finding(finding, severity))
    print(f"{len(findings)} finding(s) in {len(paths)} post(s)" + (" (STRICT=1: errors)" if args.strict and findings else ""))
    return 1 if args.strict and findings else 0


if __name__ == "__main__":
    sys.exit(main())
