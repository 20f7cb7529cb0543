"""`make import POST=…`: a hand-written Hugo post with DataCamp Light HTML becomes a paired notebook.

The import, top to bottom (`post_to_notebook`):
  1. front matter, TOML (`+++`) or YAML (`---`) → the raw YAML front-matter cell  (front_matter_to_cell)
  2. the body is cut into markdown and `data-datacamp-exercise` divs               (split_body)
  3. markdown → markdown cells; DataCamp Light's own <script> tag is left out     (markdown_to_cells)
  4. each exercise div → part-tagged cells, named, with its attributes as settings (exercise_to_cells)
Each code part is what DataCamp Light read from the page: stripIndent(textContent).trim().
Everything the import had to decide about ambiguous or broken HTML is returned as a note.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import jupytext
import nbformat
import yaml
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from markdown_it import MarkdownIt
from markdownify import markdownify

from ..convert import NOTEBOOKS
from ..datacamp import datacamp_reads
from ..exercises import NAME_PATTERN
from ..parts import ALTERNATIVES, NAME_KEY, NOT_RUNNABLE, PUBLISHED_PARTS, SETTINGS, UNSUPPORTED_BY_ATTRIBUTE
from ..sources import NOTEBOOK_SUFFIX, TEXT_FORMAT, TEXT_SUFFIX
from .new import PAIRING

EXERCISE_ATTRIBUTE = "data-datacamp-exercise"
# Attributes of the exercise div that the import understands without a setting.
KNOWN_ATTRIBUTES = {EXERCISE_ATTRIBUTE, "data-lang", "id"}
SETTING_BY_ATTRIBUTE = {setting.attribute: setting for setting in SETTINGS if setting.attribute}
# The site loads DataCamp Light itself, on pages that have exercises.
DATACAMP_SCRIPT = re.compile(r"[ \t]*<script\b[^>]*datacamp[^>]*>\s*</script>[ \t]*\n?", re.I)
FRONT_MATTER = {"+++": tomllib.loads, "---": yaml.safe_load}


class ImportFailed(Exception):
    """The post cannot be imported at all (no front matter, or the notebook already exists)."""


@dataclass
class Exercise:
    """One exercise div as found in the body: its HTML and where it starts."""

    html: str
    line: int  # 1-based line of the post where the div starts
    closed: bool = True


@dataclass
class Notes:
    """What the import decided on the author's behalf, one line each."""

    lines: list[str] = field(default_factory=list)

    def add(self, where: str, what: str) -> None:
        self.lines.append(f"{where}: {what}")


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """Return the post's front matter as data, the body after it, and the number of lines before the body."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = text.split("\n", 1)[0].strip()
    if first not in FRONT_MATTER:
        raise ImportFailed("the post does not start with front matter between `+++` (TOML) or `---` (YAML) lines")
    lines = text.split("\n")
    end = next((n for n in range(1, len(lines)) if lines[n].strip() == first), None)
    if end is None:
        raise ImportFailed(f"the front matter's closing `{first}` line is missing")
    try:
        data = FRONT_MATTER[first]("\n".join(lines[1:end])) or {}
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as error:
        raise ImportFailed(f"the front matter does not parse: {error}") from None
    return data, "\n".join(lines[end + 1 :]), end + 1


def front_matter_to_cell(data: dict) -> nbformat.NotebookNode:
    """Return the raw first cell holding the front matter as YAML between `---` lines."""
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    return nbformat.v4.new_raw_cell(f"---\n{text}---")


class ExerciseFinder(HTMLParser):
    """Finds where each `data-datacamp-exercise` div of a body starts and ends, counting nested divs."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.spans: list[tuple[int, int | None]] = []  # (start, end) offsets; end None if never closed
        self.depth = 0
        self.interrupted: list[int] = []  # indexes of exercises closed by the start of the next one

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag != "div":
            return
        if any(name == EXERCISE_ATTRIBUTE for name, _ in attrs):
            if self.depth:  # an exercise div that was never closed: the next one ends it
                self.spans[-1] = (self.spans[-1][0], self.position())
                self.interrupted.append(len(self.spans) - 1)
            self.spans.append((self.position(), None))
            self.depth = 1
        elif self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag != "div" or not self.depth:
            return
        self.depth -= 1
        if self.depth == 0:
            end = self.text.index(">", self.position()) + 1
            self.spans[-1] = (self.spans[-1][0], end)


def split_body(body: str, first_line: int = 1) -> list[str | Exercise]:
    """Return the body as markdown strings and exercise divs, in order; `first_line` is the body's line in the post."""
    finder = ExerciseFinder(body)
    finder.feed(body)
    finder.close()
    pieces: list[str | Exercise] = []
    position = 0
    for index, (start, end) in enumerate(finder.spans):
        pieces.append(body[position:start])
        closed = end is not None and index not in finder.interrupted
        end = len(body) if end is None else end
        pieces.append(Exercise(body[start:end], line=body.count("\n", 0, start) + first_line, closed=closed))
        position = end
    pieces.append(body[position:])
    return pieces


def markdown_to_cells(text: str, notes: Notes, where: str) -> list[nbformat.NotebookNode]:
    """Return the markdown cell for a stretch of the body (none if it is blank)."""
    if DATACAMP_SCRIPT.search(text):
        text = DATACAMP_SCRIPT.sub("", text)
        notes.add(where, "left out DataCamp Light's <script> tag (the site loads DataCamp Light on pages with exercises)")
    text = re.sub(r"\A(?:[ \t]*\n)+", "", text).rstrip()
    return [nbformat.v4.new_markdown_cell(text)] if text else []


def hint_to_markdown(inner_html: str, notes: Notes, where: str) -> str:
    """Return the hint's HTML as markdown; note it when the markdown would render different HTML."""
    markdown = markdownify(inner_html, heading_style="ATX", bullets="*").strip()
    rendered = MarkdownIt("commonmark").render(markdown).strip()
    paragraph = re.fullmatch(r"<p>(.*)</p>", rendered, re.S)
    if paragraph and "<p>" not in paragraph.group(1):
        rendered = paragraph.group(1)  # Hugo's RenderString drops the <p> around a single paragraph
    if normalize_html(rendered) != normalize_html(inner_html):
        notes.add(
            where,
            f"the hint's HTML has no exact markdown equivalent; check the converted hint.\n    HTML:     {inner_html.strip()}\n    markdown: {markdown}",
        )
    return markdown


def normalize_html(html: str) -> str:
    """Return HTML re-serialised with runs of whitespace collapsed, to compare two fragments."""
    return re.sub(r"\s+", " ", str(BeautifulSoup(html, "html.parser"))).strip()


def part_elements(div: Tag, data_type: str, is_code: bool) -> list[Tag]:
    """Return the elements DataCamp Light could take a part from, the one it took first."""
    return div.select(f'code[data-type="{data_type}"]' if is_code else f'[data-type="{data_type}"]')


def exercise_settings(div: Tag, notes: Notes, where: str) -> dict:
    """Return the exercise's settings from the div's attributes; note the attributes that have none."""
    settings = {}
    for attribute, value in div.attrs.items():
        if attribute in SETTING_BY_ATTRIBUTE:
            setting = SETTING_BY_ATTRIBUTE[attribute]
            text = value if isinstance(value, str) else " ".join(value)
            try:
                settings[setting.key] = setting.parse(int(text) if text.strip().isdigit() else text)
            except ValueError as problem:
                notes.add(where, f'{attribute}="{text}" is not a valid `{setting.key}` ({problem}); left it out')
        elif attribute in UNSUPPORTED_BY_ATTRIBUTE:
            unsupported = UNSUPPORTED_BY_ATTRIBUTE[attribute]
            notes.add(where, f'{attribute}="{value}": {unsupported.why}; left it out ({unsupported.fix})')
        elif attribute == "data-lang" and value != "python":
            notes.add(where, f'data-lang="{value}": the blog\'s exercises are Python; kept the code as it is')
        elif attribute not in KNOWN_ATTRIBUTES:
            notes.add(where, f'the div\'s attribute {attribute}="{value}" has no notebook equivalent; left it out')
    return settings


def default_name(slug: str, number: int) -> str:
    """Return `SLUG-N`, or `exercise-N` when the slug cannot start an HTML id."""
    name = f"{slug}-{number}"
    return name if NAME_PATTERN.match(name) else f"exercise-{number}"


def exercise_name(div: Tag, slug: str, number: int, taken: set[str], notes: Notes, where: str) -> str:
    """Return the exercise's name: the div's id if it can be one, else `SLUG-N`."""
    name = div.get("id")
    if name is not None and not (isinstance(name, str) and NAME_PATTERN.match(name)):
        notes.add(where, f"the div's id {name!r} cannot be an exercise name; named it {default_name(slug, number)}")
        name = None
    if name in taken:
        notes.add(where, f"the id '{name}' is used by an earlier exercise too; named this one {default_name(slug, number)}")
        name = None
    name = name or default_name(slug, number)
    taken.add(name)
    return name


def leftover_content(div: Tag, used: list[Tag]) -> list[str]:
    """Return the div's content that is in no part: stray text, comments and other elements."""
    leftovers = []
    for child in div.children:
        if isinstance(child, Comment):
            leftovers.append(f"<!--{child}-->")
        elif isinstance(child, NavigableString):
            if child.strip():
                leftovers.append(child.strip())
        elif any(child is element or any(parent is child for parent in element.parents) for element in used):
            continue  # a part, or a wrapper around parts (they are read from inside it)
        else:
            leftovers.append(str(child))
    return leftovers


def survives_text_format(cell: nbformat.NotebookNode) -> bool:
    """Does the cell read back from the paired .py file exactly as it is?"""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [cell]
    cells = jupytext.reads(jupytext.writes(notebook, TEXT_FORMAT), TEXT_FORMAT).cells
    return len(cells) == 1 and cells[0].cell_type == cell.cell_type and cells[0].source == cell.source


def code_part_cell(source: str, tag: str, notes: Notes, where: str) -> nbformat.NotebookNode:
    """Return a code cell holding a code part; a raw cell for a part Jupyter's Run All cannot run, or one the .py file could not hold as code."""
    if tag in NOT_RUNNABLE:
        return nbformat.v4.new_raw_cell(source)
    cell = nbformat.v4.new_code_cell(source)
    if survives_text_format(cell):
        return cell
    # jupytext reads lines such as `# In[50]:` in a code cell as cell markers; in a raw cell they are commented.
    notes.add(where, f"the {tag} has lines that the .py file would read as cell markers (such as `# In[1]:`); made it a raw cell")
    return nbformat.v4.new_raw_cell(source)


def exercise_to_cells(exercise: Exercise, slug: str, number: int, taken: set[str], notes: Notes) -> list[nbformat.NotebookNode]:
    """Return the part-tagged cells of one exercise div, then a raw cell with anything it could not place."""
    div = BeautifulSoup(exercise.html, "html.parser").find("div")
    name = exercise_name(div, slug, number, taken, notes, f"exercise {number} (line {exercise.line})")
    where = f"exercise '{name}' (line {exercise.line})"
    if not exercise.closed:
        notes.add(where, "its <div> is not closed; it ends where the next exercise starts, or at the end of the post")
    cells, extra, used = [], [], []
    alternatives: list[nbformat.NotebookNode] = []
    for part in PUBLISHED_PARTS:  # a part the page never shows cannot be on it
        elements = part_elements(div, part.data_type, part.is_code)
        used.extend(elements)
        if not elements and part.is_code:
            notes.add(where, f"there is no {part.tag}; added an empty {part.tag} cell (DataCamp Light read none)")
        if not elements:
            continue
        first = elements[0]
        nested = [other.get("data-type") for other in first.find_all(attrs={"data-type": True})]
        if nested:
            notes.add(
                where,
                f"the {part.tag} element contains other parts ({', '.join(nested)}), probably an unclosed tag; kept the text DataCamp Light read, theirs included",
            )
        tags = sorted({element.name for element in first.find_all(True)})
        if part.is_code and tags and not nested:
            notes.add(
                where,
                f"the {part.tag} contains HTML tags (<{'>, <'.join(tags)}>) that DataCamp Light did not read as code; kept only their text, as it did",
            )
        if len(elements) > 1 and part.tag in ALTERNATIVES:
            alternative = ALTERNATIVES[part.tag].tag
            notes.add(
                where,
                f"{part.tag} appears {len(elements)} times, kept all: the first as the {part.tag} (DataCamp Light used it), the others as "
                f"{alternative} cells (not published; `make test` requires each to pass the SCT: fix or delete the ones that are not correct answers)",
            )
            for other in elements[1:]:
                cell = code_part_cell(datacamp_reads(other.get_text()), alternative, notes, where)
                cell.metadata["tags"] = [alternative]
                alternatives.append(cell)
        elif len(elements) > 1:
            notes.add(
                where,
                f"{part.tag} appears {len(elements)} times, kept all: the first as the {part.tag} (DataCamp Light used it), the others in a raw cell after the exercise (not published)",
            )
            for other in elements[1:]:
                text = datacamp_reads(other.get_text()) if part.is_code else hint_to_markdown(other.decode_contents(), notes, where)
                extra.append(f"Another {part.tag} of exercise '{name}' in the imported post:\n\n{text}")
    for part in PUBLISHED_PARTS:
        elements = part_elements(div, part.data_type, part.is_code)
        if part.is_code:
            cell = code_part_cell(datacamp_reads(elements[0].get_text()) if elements else "", part.tag, notes, where)
        elif elements:
            cell = nbformat.v4.new_markdown_cell(hint_to_markdown(elements[0].decode_contents(), notes, where))
        else:
            notes.add(where, f"there is no {part.tag}")
            continue
        cell.metadata["tags"] = [part.tag]
        cells.append(cell)
    cells.extend(alternatives)
    cells[0].metadata[NAME_KEY] = name
    cells[0].metadata.update(exercise_settings(div, notes, where))
    leftovers = leftover_content(div, used)
    if leftovers:
        notes.add(where, f"content outside any part ({len(leftovers)} piece(s)) kept in a raw cell after the exercise (not published)")
        extra.append(f"Content of exercise '{name}' outside its parts in the imported post:\n\n" + "\n".join(leftovers))
    return cells + [nbformat.v4.new_raw_cell(text) for text in extra]


def post_to_notebook(text: str, slug: str) -> tuple[nbformat.NotebookNode, list[str]]:
    """Return the notebook made from a legacy post's text, and the notes on what the import decided."""
    notes = Notes()
    data, body, before = split_front_matter(text)
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["jupytext"] = {"formats": PAIRING}
    notebook.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    notebook.cells.append(front_matter_to_cell(data))
    taken: set[str] = set()
    number = 0
    for piece in split_body(body, before + 1):
        if isinstance(piece, Exercise):
            number += 1
            notebook.cells.extend(exercise_to_cells(piece, slug, number, taken, notes))
        else:
            notebook.cells.extend(
                markdown_to_cells(
                    piece, notes, f"markdown before exercise {number + 1}" if number == 0 else f"markdown after exercise {number}"
                )
            )
    return notebook, notes.lines


def slug_of(post: Path) -> str:
    """Return the slug of a hand-written post: its file name, or its folder's for a bundle's index.md."""
    return post.parent.name if post.stem in ("index", "_index") else post.stem


def import_post(post: Path, notebooks: Path = NOTEBOOKS, slug: str | None = None) -> tuple[list[Path], list[str]]:
    """Write the notebook pair for a legacy post; return its paths and the notes. Never overwrites."""
    slug = slug or slug_of(post)
    paths = [notebooks / f"{slug}{NOTEBOOK_SUFFIX}", notebooks / f"{slug}{TEXT_SUFFIX}"]
    existing = [path for path in paths if path.exists()]
    if existing:
        raise ImportFailed(f"{', '.join(map(str, existing))} already exists; nothing was written")
    notebook, notes = post_to_notebook(post.read_text(encoding="utf-8"), slug)
    if post.stem == "index":
        others = sorted(path.name for path in post.parent.iterdir() if path != post)
        if others:
            notes.append(f"the bundle {post.parent}/ also holds {', '.join(others)}: move them to static/ and link them from there")
    notebooks.mkdir(parents=True, exist_ok=True)
    jupytext.write(notebook, paths[0])
    jupytext.write(notebook, paths[1], fmt=TEXT_FORMAT)
    return paths, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.authoring.importer", description=__doc__.split("\n")[0])
    parser.add_argument("post", type=Path, help="the hand-written post, e.g. content/post/old.md")
    parser.add_argument("--notebooks-dir", type=Path, default=NOTEBOOKS, help="where the notebook pair is written (default: %(default)s)")
    parser.add_argument("--slug", help="the post's slug, i.e. the notebook's name and the URL (default: the post's file name)")
    args = parser.parse_args(argv)
    try:
        paths, notes = import_post(args.post, args.notebooks_dir, args.slug)
    except (ImportFailed, OSError) as error:
        print(f"error: {args.post}: {error}", file=sys.stderr)
        return 1
    print(f"imported {args.post} into {paths[0]} and {paths[1]} (paired)")
    for note in notes:
        print(f"note: {note}")
    print(f"Check the notebook, then delete {args.post}: the build refuses a hand-written post and a notebook with the same slug.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
