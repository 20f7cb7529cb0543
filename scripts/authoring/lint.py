"""`make lint`: content diagnostics on the posts' notebooks, in the spirit of DataCamp's checks on its courses.

Each check is a small function from a post to its findings, listed in CHECKS; a finding
is a ContentError naming file, cell and exercise, with `kind` set to the check's name.
`make lint` and `make test` report findings as warnings; with STRICT=1 they are errors.
A dangling link, a pair whose files disagree and a post that does not convert are always errors.
"""

from __future__ import annotations

import argparse
import ast
import glob
import io
import json
import os
import posixpath
import re
import sys
import tokenize
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..bundles import generated_data
from ..convert import NOTEBOOKS, notebook_to_post
from ..datacamp import datacamp_reads
from ..errors import ContentError
from ..front_matter import future_date_warning, keeps_outputs
from ..markdown import (
    HUGO_CONTENT_SUFFIXES,
    Site,
    anchors_of,
    destinations,
    is_page_ref,
    markdown_of,
    notebook_post,
    ref_targets,
    resolves_on_site,
    site_of,
    where_links_lead,
)
from ..model import Code, Exercise, Markdown, Post
from ..parts import ALTERNATIVES, NOT_RUNNABLE, PARTS_BY_TAG, UNSUPPORTED_BY_KEY
from ..sources import NOTEBOOK_SUFFIX, SYNC_COMMAND, Source, edited_half, find_sources, is_module, nested_notebooks, read_source, slug_of
from .new import DESCRIPTION_PLACEHOLDER

# A solution longer than this many non-blank lines is reported: an exercise should ask for one idea.
DEFAULT_MAX_SOLUTION_LINES = 15
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
ANSWER_ON_PAGE = "answer-on-page"
# The parts the checks read, looked up in the parts table so that renaming a part fails loudly here.
HINT, SAMPLE, SOLUTION, SCT = (PARTS_BY_TAG[tag].tag for tag in ("hint", "sample-code", "solution", "sct"))
ALTERNATIVE = ALTERNATIVES[SOLUTION].tag


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
    """Does the SCT check nothing: no statement but `success_msg(...)`, a bare `Ex()`, or `Ex().success_msg(...)`?"""
    try:
        statements = ast.parse(sct).body
    except SyntaxError:
        return False  # `make test` reports an SCT that does not parse
    return all(isinstance(s, ast.Expr) and checks_nothing(s.value) for s in statements)


def checks_nothing(node: ast.expr) -> bool:
    """Is this expression `success_msg(...)`, `Ex()`, or such a chain ending in `.success_msg(...)`?"""
    if not isinstance(node, ast.Call):
        return False
    if isinstance(node.func, ast.Name):
        return node.func.id == SCT_NO_OP or (node.func.id == "Ex" and not node.args and not node.keywords)
    return isinstance(node.func, ast.Attribute) and node.func.attr == SCT_NO_OP and checks_nothing(node.func.value)


def sct_checks_nothing(target: Target) -> Iterator[ContentError]:
    """Yield a finding per exercise whose SCT is missing or only calls success_msg."""
    for exercise in target.post.exercises:
        if is_success_msg_only(exercise.part(SCT)):
            cell = exercise.cells.get(SCT, exercise.first_cell)
            what = "the SCT only calls success_msg or Ex()" if exercise.part(SCT).strip() else "the exercise has no SCT"
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


def same_alternative(target: Target) -> Iterator[ContentError]:
    """Yield a finding per solution-alternative that is, as DataCamp Light would read it, the solution or an earlier alternative."""
    for exercise in target.post.exercises:
        seen = {datacamp_reads(exercise.part(SOLUTION)): "the solution"}
        for number, code in exercise.copies(ALTERNATIVE):
            text = datacamp_reads(code)
            if text in seen:
                yield target.finding(
                    "same-alternative",
                    f"this {ALTERNATIVE} is {seen[text]} again: it tests nothing new",
                    number,
                    exercise.name,
                    "write another correct answer in it (another function, another order, a loop), or delete the cell",
                )
            seen.setdefault(text, f"the {ALTERNATIVE} in cell {number}")


def unsupported_setting(target: Target) -> Iterator[ContentError]:
    """Yield a finding per exercise cell with a setting that the site writes itself (`packages`, `lang-version`: scripts/runtime.py)."""
    for exercise in target.post.exercises:
        for number in exercise.all_cells:
            for key in target.source.notebook.cells[number - 1].metadata:
                if key in UNSUPPORTED_BY_KEY:
                    unsupported = UNSUPPORTED_BY_KEY[key]
                    yield target.finding(
                        "unsupported-setting", f"setting `{key}` does nothing: {unsupported.why}", number, exercise.name, unsupported.fix
                    )


def breaks_run_all(target: Target) -> Iterator[ContentError]:
    """Yield a finding per sample-code or sct part in a code cell: Jupyter's "Run All" would run it, and fail."""
    cells = target.source.notebook.cells
    for exercise in target.post.exercises:
        for tag in NOT_RUNNABLE:  # the sample and the SCT: scripts/parts.py says why
            number = exercise.cells.get(tag)
            if number is not None and cells[number - 1].cell_type == "code":
                why = (
                    "its blanks `___` are IPython's history there"
                    if tag == SAMPLE
                    else "`Ex()` and the other SCT functions exist only in DataCamp Light"
                )
                yield target.finding(
                    "breaks-run-all",
                    f"the {tag} part is a code cell: Jupyter's Run All runs it and fails ({why})",
                    number,
                    exercise.name,
                    f'make it a raw cell: `# %% [raw] tags=["{tag}"]` in the .py file (its lines commented), or Cell Type "Raw" in Jupyter; the page is the same',
                )


def draws_figure(source: str) -> bool:
    """Does this code call a function that draws a figure (plt.show, ax.plot, imshow, ...)?"""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: fall back to the text
        return bool(re.search(rf"\b(?:{'|'.join(FIGURE_CALLS)})\(", source))
    called = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called.add(node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None))
    if "close" in called and not called & {"show", "display"}:
        return False  # drawn, saved and closed: the page shows no figure of this cell
    return bool(called & FIGURE_CALLS)


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


# IPython magics whose output is a timing, different on every run.
TIMING_MAGIC = re.compile(r"^\s*%{1,2}(?:timeit|time)\b", re.MULTILINE)


def timing_output(target: Target) -> Iterator[ContentError]:
    """Yield a finding per shown code cell that publishes a timing (`%timeit`, `%%time`, ...)."""
    for block in target.post.blocks:
        if isinstance(block, Code) and not block.tags & HIDDEN_OUTPUT_TAGS and TIMING_MAGIC.search(block.source):
            yield target.finding(
                "timing-output",
                "the cell publishes a timing, which differs on every run: `make test` reports the post as not reproducible",
                block.cell,
                None,
                "tag the cell `remove-output` (the code is still shown), or say the time in the prose",
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


def dangling_link(target: Target) -> Iterator[ContentError]:
    """Yield a finding per link, image, `relref` (and the banner) that leads nowhere on the site."""
    post, site = target.post, target.site
    banner = post.front_matter.get("banner")
    if isinstance(banner, str) and banner and not resolves_on_site("image", banner, post.slug, site):
        yield target.finding(
            "dangling-link",
            f"the banner '{banner}' points to no file in {site.static}/",
            1,
            None,
            f"add the image to {site.static}/{banner.lstrip('/')} or correct the path",
        )
    # Relative destinations: a file beside the notebook, another notebook, else the site (as the build resolves them).
    yield from where_links_lead(target.source, post, site).problems
    for block in markdown_of(post):
        for destination in destinations(block):
            if (
                destination.is_local
                and destination.path.startswith("/")
                and not resolves_on_site(destination.kind, destination.url, post.slug, site)
            ):
                yield target.finding(
                    "dangling-link",
                    f"the {destination.kind} '{destination.url}' points nowhere on the site",
                    block.cell,
                    None,
                    f"link to a post (/post/SLUG/), a file in {site.static}/, or a full https:// address",
                )
        for page, _ in ref_targets(block):
            if not is_page_ref(page, site):
                yield target.finding(
                    "dangling-link",
                    f'`relref "{page}"` names no post or page of the site',
                    block.cell,
                    None,
                    "use the slug of an existing post (its notebook's file name, as in /post/SLUG/), or link the notebook: [text](other.ipynb)",
                )


def missing_anchor(target: Target) -> Iterator[ContentError]:
    """Yield a finding per link to `#anchor` on this post or on another notebook's post that names no heading or id there."""
    own = anchors_of(target.post.blocks)
    folder = target.source.path.parent
    for block in markdown_of(target.post):
        for destination in destinations(block):
            parts = urlsplit(destination.url)
            fragment = unquote(parts.fragment)
            if not fragment or parts.scheme or parts.netloc:
                continue
            if not parts.path:
                ids, page = own, "this post"
            elif destination.path.endswith(NOTEBOOK_SUFFIX) and notebook_post(folder, destination.path):
                ids, page = other_anchors(folder / destination.path), f"the post of {destination.path}"
            else:
                continue
            if ids is not None and fragment not in ids:
                yield target.finding(
                    "missing-anchor",
                    f"the link '{destination.url}' names no heading or id of {page}",
                    block.cell,
                    None,
                    "name a heading as Jupyter does, its text with spaces as '-' (## Some Heading is #Some-Heading)",
                )


def other_anchors(path: Path) -> set[str] | None:
    """Return the ids of the post made from another notebook, or None if it cannot be read (it reports that itself)."""
    try:
        source = read_source(path)
    except ContentError:
        return None
    blocks = [Markdown(number, cell.source) for number, cell in enumerate(source.notebook.cells, start=1) if cell.cell_type == "markdown"]
    return anchors_of(blocks)


def image_without_alt(target: Target) -> Iterator[ContentError]:
    """Yield a finding per image in a markdown cell without alt text (`![](x.png)`, or `<img>` with no `alt`)."""
    for block in markdown_of(target.post):
        for destination in destinations(block):
            if destination.kind == "image" and (destination.alt is None or (not destination.alt.strip() and not destination.html)):
                yield target.finding(
                    "image-without-alt",
                    f"the image '{destination.url}' has no alt text (the page gives it alt=\"\")",
                    block.cell,
                    None,
                    'say what it shows: ![what it shows](file.png), or <img alt="…">; alt="" on an <img> marks it as decoration',
                )


def future_date(target: Target) -> Iterator[ContentError]:
    """Yield a finding if the post's date is still to come: Hugo does not publish it before then."""
    warning = future_date_warning(target.post.front_matter)
    if warning:
        yield target.finding("future-date", warning, 1, None, "set `date` to the day the post is published (today, if it is ready)")


def saved_outputs(target: Target) -> Iterator[ContentError]:
    """Yield a finding if the .ipynb holds outputs (naming the first cell that does), unless it publishes them (`execute: false`)."""
    ipynb = target.source.ipynb
    if ipynb is None:
        return
    cells = json.loads(ipynb.read_text(encoding="utf-8")).get("cells", [])
    if keeps_outputs(cells):
        return  # `execute: false`: the stored outputs are what the page shows
    with_outputs = [number for number, cell in enumerate(cells, start=1) if cell.get("outputs")]
    if with_outputs:
        yield target.finding(
            "saved-outputs",
            f"{ipynb.name} is saved with outputs in {len(with_outputs)} cell(s): {', '.join(map(str, with_outputs))}",
            with_outputs[0],
            None,
            "clear them (Jupyter: Edit > Clear Outputs of All Cells, or `make sync`): the build makes its own",
        )


def code_lines(code: str) -> dict[str, str]:
    """The lines of `code` as compared for copying (comments, blank lines and all whitespace dropped), each with its text."""
    lines = {}
    for line in code.splitlines():
        text = line.split("#", 1)[0].strip()
        if text:
            lines.setdefault("".join(text.split()), text)
    return lines


def answer_on_page(target: Target) -> Iterator[ContentError]:
    """Yield a finding per exercise that the code shown above it answers: half or more of the lines the reader
    writes (solution lines the sample does not give) are in code cells shown earlier in the post."""
    shown: set[str] = set()
    for block in target.post.blocks:
        if isinstance(block, Code) and block.shows_input:
            shown.update(code_lines(block.source))
        if not isinstance(block, Exercise):
            continue
        given = code_lines(block.part(SAMPLE))
        written = {key: text for key, text in code_lines(block.part(SOLUTION)).items() if key not in given}
        copied = [text for key, text in written.items() if key in shown]
        if written and 2 * len(copied) >= len(written):
            yield target.finding(
                ANSWER_ON_PAGE,
                f"{len(copied)} of the {len(written)} lines the reader writes are in code shown above the exercise "
                f"(first: `{copied[0]}`), so copying answers it",
                block.cells[SOLUTION],
                block.name,
                "ask for something the page has not shown (a variant, the next step, a generalisation), or show less above",
            )


# Calls that write the file (or make the folder) their first argument names, or that they are called on
# (`Path('../out').mkdir()`): a path the notebook writes is not missing before it runs.
WRITE_CALLS = frozenset(
    {
        "to_csv", "to_json", "to_parquet", "to_excel", "to_pickle", "to_hdf", "to_feather", "to_html", "to_latex",
        "to_markdown", "savefig", "save", "savez", "savez_compressed", "savetxt", "imsave", "imwrite", "write_text",
        "write_bytes", "write_html", "write_image", "mkdir", "makedirs", "touch", "dump",
    }
)  # fmt: skip
# Calls whose second argument is the file they write: urlretrieve(url, path), copy(src, dst), ….
WRITE_SECOND = frozenset({"urlretrieve", "copy", "copyfile", "copy2", "copytree", "move", "rename", "replace", "symlink"})
# IPython.display calls whose first argument is a file the output links to.
FILE_LINK_CALLS = frozenset({"FileLink", "FileLinks"})


def cell_python(source: str) -> ast.Module | None:
    """Return a code cell as Python's syntax tree, its IPython magics as IPython runs them; None if it does not parse."""
    try:
        return ast.parse(source)
    except SyntaxError:
        pass
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return ast.parse(TransformerManager().transform_cell(source))
    except Exception:  # `make test` reports a cell that does not run
        return None


def call_name(call: ast.Call) -> str | None:
    """Return the name a call is made by: `f` of f(…), `m` of x.m(…)."""
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)


def text_of_node(node: ast.expr | None) -> str | None:
    """Return a constant string, else None."""
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def code_cells_python(post: Post) -> list[tuple[Code, ast.Module]]:
    """Return each code cell the build runs with its syntax tree (those that parse)."""
    return [(block, tree) for block in post.code_cells for tree in [cell_python(block.source)] if tree is not None]


def written_paths(trees: Iterable[ast.Module]) -> set[str]:
    """Return the paths (normalized, `/` form) the code writes by a constant string: saved, dumped, copied to, made."""
    written = set()
    for tree in trees:
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            name, args = call_name(call), [text_of_node(arg) for arg in call.args]
            receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
            if name in WRITE_CALLS:
                candidates = args[:1] + ([text_of_node(receiver.args[0])] if isinstance(receiver, ast.Call) and receiver.args else [])
            elif name in WRITE_SECOND:
                candidates = args[1:2]
            elif name == "open":
                mode = args[1] if len(args) > 1 else next((text_of_node(k.value) for k in call.keywords if k.arg == "mode"), "r")
                candidates = args[:1] if mode and any(letter in mode for letter in "wax+") else []
            elif name == "run_cell_magic" and args[:1] == ["writefile"]:  # %%writefile path
                candidates = [(args[1] or "").split()[-1:][0] if len(args) > 1 and args[1] else None]
            elif name in ("system", "getoutput"):  # !wget -O path …: any path the command names
                candidates = (args[0] or "").split() if args else []
            else:
                candidates = []
            written |= {posixpath.normpath(path) for path in candidates if path}
    return written


def is_written(path: str, written: set[str]) -> bool:
    """Is `path`, a folder it is in, or a folder of a file, among the paths the code writes?"""
    name = posixpath.normpath(path)
    return any(name == other or name.startswith(other + "/") or other.startswith(name + "/") for other in written)


def missing_input(target: Target) -> Iterator[ContentError]:
    """Yield a finding per `../` path a code cell names by a constant string that is not in the project and that the
    notebook does not write: the cell would fail when the post is built (`pd.read_csv('../data/x.csv')`)."""
    folder = target.source.path.parent
    cells = code_cells_python(target.post)
    written = written_paths(tree for _, tree in cells)
    for block, tree in cells:
        reported = set()
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            for node in [*call.args, *(keyword.value for keyword in call.keywords)]:
                path = text_of_node(node)
                if (
                    not path
                    or not path.startswith("../")
                    or glob.has_magic(path)
                    or path in reported
                    or os.path.lexists(folder / path)
                    or is_written(path, written)
                ):
                    continue
                reported.add(path)
                yield target.finding(
                    "missing-input",
                    f"the cell names '{path}', and there is no {Path(os.path.normpath(folder / path))}: reading it fails when the post is built",
                    block.cell,
                    None,
                    "add the file to the project (paths outside the notebook's folder work as in Jupyter), correct the path, "
                    "or have the notebook write it first",
                )


def ends_quietly(source: str) -> bool:
    """Does the cell end with `;`, which keeps IPython from showing its result? True when that cannot be told."""
    skipped = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    try:
        tokens = [token for token in tokenize.generate_tokens(io.StringIO(source).readline) if token.type not in skipped]
    except (tokenize.TokenError, SyntaxError):
        return True
    return not tokens or tokens[-1].string == ";"


def shown_calls(block: Code, tree: ast.Module) -> list[ast.Call]:
    """Return the calls whose result the cell surely shows: its last statement's, unless the cell ends with `;`, and
    the arguments of a `display(…)` among its statements (not inside a loop, branch or function)."""
    shown = [
        argument
        for statement in tree.body
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call) and call_name(statement.value) == "display"
        for argument in statement.value.args
        if isinstance(argument, ast.Call)
    ]
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) and not ends_quietly(block.source):
        shown.append(last.value)
    return shown


def file_links_to_pages(target: Target) -> Iterator[tuple[Code, ast.Call, str, bool]]:
    """Yield each `FileLink('report.html')` (FILE_LINK_CALLS) of a shown cell to a file Hugo takes for a page of its
    content, named by a constant string, with whether the cell surely shows it (and the build then surely stops)."""
    for block, tree in code_cells_python(target.post):
        if not block.shows_output:
            continue
        shown = shown_calls(block, tree)
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            name, first = call_name(call), text_of_node(call.args[0]) if call.args else None
            if name in FILE_LINK_CALLS and first and Path(first).suffix.lower() in HUGO_CONTENT_SUFFIXES:
                yield block, call, first, name == "FileLink" and call in shown


def file_link_finding(target: Target, block: Code, call: ast.Call, path: str, check: str) -> ContentError:
    """Return the finding for a `FileLink` to a file Hugo takes for a page of its content."""
    return target.finding(
        check,
        f"{call_name(call)}('{path}') links to a {Path(path).suffix} file, which Hugo takes for a page of the site's content, "
        "not a file to publish beside the post: the build stops",
        block.cell,
        None,
        f"show it in an IFrame (IFrame('{path}', width=…, height=…): the page holds it whole), or tag the cell 'remove-output'",
    )


def file_link_to_page(target: Target) -> Iterator[ContentError]:
    """Yield a finding per `FileLink('report.html')` a cell surely shows (its result, or `display(…)`'d): the build stops on it."""
    for block, call, path, shown in file_links_to_pages(target):
        if shown:
            yield file_link_finding(target, block, call, path, "file-link-to-page")


def output_file(target: Target) -> Iterator[ContentError]:
    """Yield a finding per file a shown output points at, written as a constant string, that the build would stop on:
    an image `display(Markdown(…))` shows that is not there (and that the notebook does not write), a `../` image,
    or a file Hugo takes for a page of its content (`[report](report.html)`; a `FileLink('report.html')` the cell may
    show: one it surely shows is `file-link-to-page`'s)."""
    folder, static = target.source.path.parent, target.site.static
    cells = code_cells_python(target.post)
    written = written_paths(tree for _, tree in cells)
    for block, call, path, shown in file_links_to_pages(target):
        if not shown:
            yield file_link_finding(target, block, call, path, "output-file")
    for block, tree in cells:
        if not block.shows_output:
            continue
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            name, first = call_name(call), text_of_node(call.args[0]) if call.args else None
            if name != "Markdown" or not first:
                continue
            for destination in destinations(Markdown(block.cell, first)):
                path = destination.path
                if not destination.is_local or path.startswith("/") or path.endswith(NOTEBOOK_SUFFIX):
                    continue
                problem = None
                if posixpath.normpath(path).startswith("../") and destination.kind == "image":
                    problem = "which is outside the notebook's folder: the build stops"
                elif Path(path).suffix.lower() in HUGO_CONTENT_SUFFIXES and (folder / path).is_file():
                    problem = f"a {Path(path).suffix} file, which Hugo takes for a page of the site's content: the build stops"
                elif (
                    destination.kind == "image"
                    and not (folder / path).is_file()
                    and not (static / path).is_file()
                    and not is_written(path, written)
                ):
                    problem = f"which is not in {folder}/ nor in {static}/, and the notebook does not write it: the build stops"
                if problem:
                    yield target.finding(
                        "output-file",
                        f"a markdown output of this cell shows the {destination.kind} '{destination.url}', {problem}",
                        block.cell,
                        None,
                        "save the file beside the notebook before the cell displays it, correct the path, or tag the cell 'remove-output'",
                    )


def stored_output(target: Target) -> Iterator[ContentError]:
    """Yield the build's error on a post published with its stored outputs (`execute: false`) that the page cannot show."""
    if target.post.front_matter.get("execute", True) is not False:
        return
    from ..outputs import with_stored_outputs  # nbconvert: only for such posts

    try:
        with_stored_outputs(target.source, target.post)
    except ContentError as error:
        yield replace(error, kind="stored-output")


def nested_findings(directory: Path) -> list[ContentError]:
    """Return a finding per notebook in a subfolder of `directory`, which `make site` stops on (it would not be published)."""
    return [replace(error, kind=DOES_NOT_BUILD) for error in nested_notebooks(directory)] if directory.is_dir() else []


@dataclass(frozen=True)
class Check:
    """One content check: its name (the findings' kind), what it reports, the function, and whether it is always an error."""

    name: str
    doc: str
    run: Callable[[Target], Iterable[ContentError]]
    error: bool = False  # an error even without --strict: the site would be broken


CHECKS: tuple[Check, ...] = (
    Check("no-hint", "an exercise without a hint", exercise_without_hint),
    Check("same-hint", "the same hint on several exercises of a post", same_hint),
    Check("sct-checks-nothing", "an SCT that checks nothing: only success_msg or Ex() (or no SCT)", sct_checks_nothing),
    Check("sample-is-solution", "sample code identical to the solution (unless `sample-may-pass`)", sample_is_solution),
    Check(
        "long-solution",
        f"a solution longer than --max-solution-lines non-blank lines (default {DEFAULT_MAX_SOLUTION_LINES})",
        long_solution,
    ),
    Check(
        ANSWER_ON_PAGE, "an exercise that copying code shown above it answers (half or more of the lines the reader writes)", answer_on_page
    ),
    Check("same-alternative", f"a {ALTERNATIVE} that is the solution, or an earlier alternative, again", same_alternative),
    Check("unsupported-setting", "an exercise setting that the site writes itself (`packages`, `lang-version`)", unsupported_setting),
    Check("breaks-run-all", "a sample-code or sct part in a code cell: Jupyter's Run All runs it and fails", breaks_run_all),
    Check(
        "figure-without-alt",
        "a code cell that draws a figure (plt.show, plot, imshow, savefig, ...) without `alt` metadata",
        figure_without_alt,
    ),
    Check("timing-output", "a shown code cell whose output is a timing (`%timeit`, `%time`, `%%timeit`, `%%time`)", timing_output),
    Check("no-description", "a post without a `description` (or with the placeholder of `make new`)", no_description),
    Check(
        "dangling-link",
        "a link, image or `relref` (or the banner) that leads to no post, page, notebook, file beside the notebook or static file",
        dangling_link,
        error=True,
    ),
    Check("missing-anchor", "a link to #anchor on this post or another notebook's that names no heading or id there", missing_anchor),
    Check("image-without-alt", "a markdown image without alt text (`![](x.png)`, or `<img>` without `alt`)", image_without_alt),
    Check("future-date", "a post dated in the future, which Hugo does not publish yet", future_date),
    Check("saved-outputs", "a .ipynb saved with outputs", saved_outputs),
    Check(
        "missing-input",
        "a `../` path a code cell names (`pd.read_csv('../data/x.csv')`) to no file of the project, which the notebook does not write",
        missing_input,
    ),
    Check(
        "output-file",
        "an output pointing at a file the build stops on: an image display(Markdown(…)) shows that is not there, a `../` one, "
        "or a .html (a FileLink('report.html') the cell may show)",
        output_file,
    ),
    Check(
        "file-link-to-page",
        "a FileLink('report.html') the cell shows (its result, or display(…)'d): the build stops on the .html",
        file_link_to_page,
        error=True,
    ),
    Check(
        "stored-output",
        "with `execute: false`, a stored output the page cannot show (or an Output widget without its state)",
        stored_output,
        error=True,
    ),
)
# Findings made outside the checks: a post whose .ipynb and .py disagree, and one that does not convert.
PAIRING, DOES_NOT_BUILD = "pairing", "does-not-build"
ERRORS = frozenset({PAIRING, DOES_NOT_BUILD, *(check.name for check in CHECKS if check.error)})


def lint_notebook(
    path: Path, site: Site, max_solution_lines: int = DEFAULT_MAX_SOLUTION_LINES, checks: Iterable[Check] = CHECKS
) -> list[ContentError]:
    """Return the findings of every check on one post; a pair that disagrees, or a post that does not build, is one finding."""
    try:
        source = read_source(path)
    except ContentError as error:
        return [pairing_finding(path, error, site) if error.kind == PAIRING else replace(error, kind=DOES_NOT_BUILD)]
    try:
        post = notebook_to_post(source, site, check_links=False)  # the dangling-link check reports every link
    except ContentError as error:
        return [replace(error, kind=DOES_NOT_BUILD)]
    target = Target(source, post, site, max_solution_lines)
    return sorted((finding for check in checks for finding in check.run(target)), key=lambda finding: finding.cell or 0)


def pairing_finding(path: Path, error: ContentError, site: Site) -> ContentError:
    """Return the finding for a pair whose files disagree, saying which changed since the post was built, if one did."""
    built = (generated_data(site.content / "post" / slug_of(path)) or {}).get("hash")
    edited = edited_half(path, built)
    if edited is None:
        return replace(error, kind=PAIRING)
    other = path.with_suffix(".py" if edited.suffix == ".ipynb" else ".ipynb")
    return replace(
        error,
        kind=PAIRING,
        message=f"{error.message}; only {edited.name} changed since the post was built",
        fix=f"`make site` updates {other.name} from {edited.name}; or run `{SYNC_COMMAND}`",
    )


def lint(paths: list[Path], site: Site, max_solution_lines: int = DEFAULT_MAX_SOLUTION_LINES) -> list[ContentError]:
    """Return the findings on every post."""
    return [finding for path in paths for finding in lint_notebook(path, site, max_solution_lines)]


def format_finding(finding: ContentError, severity: str) -> str:
    """Return a finding as the lines `make lint` prints."""
    text = f"{severity}: {finding.location()}: {finding.message} [{finding.kind}]"
    return text + (f"\n    to fix: {finding.fix}" if finding.fix else "")


def main(argv: list[str] | None = None) -> int:
    checks = "\n".join(f"  {check.name:<20} {check.doc}{' (always an error)' if check.error else ''}" for check in CHECKS)
    checks += f"\n  {PAIRING:<20} the .ipynb and .py of a post disagree (always an error)"
    checks += f"\n  {DOES_NOT_BUILD:<20} the post does not convert: the build's error (always an error)"
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
    parser.add_argument(
        "--strict",
        action="store_true",
        help=f"every finding is an error (without it, only {', '.join(sorted(ERRORS))} are); exit with status 1 if there are errors",
    )
    args = parser.parse_args(argv)
    # A module named on the command line (a plain script beside the notebooks, `thinkstats2.py`) is no post: nothing to review.
    paths = [path for path in args.notebooks if not is_module(path)] if args.notebooks else find_sources(args.notebooks_dir)
    nested = [] if args.notebooks else nested_findings(args.notebooks_dir)  # make site stops on them
    findings = nested + lint(paths, site_of(args.notebooks_dir), args.max_solution_lines)
    errors = [finding for finding in findings if args.strict or finding.kind in ERRORS]
    for finding in findings:
        print(format_finding(finding, "error" if finding in errors else "warning"))
    summary = f"{len(findings)} finding(s) in {len(paths)} post(s)"
    if errors:
        summary += f", {len(errors)} of them error(s)" + (" (STRICT=1: every finding is an error)" if args.strict else "")
    print(summary)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
