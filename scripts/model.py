"""The post model: what a notebook becomes before it is rendered as a Hugo post."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .datacamp import datacamp_reads
from .parts import PARTS, PARTS_BY_TAG, PUBLISHED_PARTS, RUNTIME_FIELDS, SETTINGS


@dataclass(frozen=True)
class Markdown:
    """A markdown cell, kept as written."""

    cell: int  # 1-based cell number in the notebook
    text: str


# The outputs drawn in the reader's browser from their JSON by a library the site serves (static/vendor/).
CHART_KINDS = ("plotly", "vegalite")


@dataclass(frozen=True)
class Output:
    """One output of a code cell, in the form the page shows it (scripts/outputs.py chooses it)."""

    # How the page shows it (layouts/_shortcodes/nb-output.html): "text", "stderr" and "error"
    # as text blocks, "html", "markdown", "latex" (its math as MathML), "widget" (its text
    # form, with a note), "image" (a file beside the post), "javascript" (a script run in the
    # output area, as nbconvert's HTML export runs it), "plotly" and "vegalite" (drawn in the
    # browser from their JSON `text` by the library the site serves, `fallback` shown until then).
    kind: str
    text: str = ""  # the text, HTML, markdown or TeX; an image's alt text
    data: bytes = b""  # an image's bytes
    name: str = ""  # an image's file name in the post's folder
    width: int | None = None  # an image's display size in CSS pixels, when the output gives one
    height: int | None = None
    # The files an HTML output points at by a relative URL (`<img src="plot.png">`, a `FileLink`),
    # as (path in the post's folder, bytes): published beside the post, as in the notebook's folder.
    files: tuple[tuple[str, bytes], ...] = ()
    # A chart's static form (an image or text of the same display), shown when its library does not load.
    fallback: Output | None = None


@dataclass(frozen=True)
class Code:
    """A code cell shown on the page, with the outputs of running it."""

    cell: int
    source: str
    tags: frozenset[str] = frozenset()
    alt: str | None = None  # alt text for the cell's figures, from the `alt` cell metadata
    outputs: tuple[Output, ...] = ()

    @property
    def shows_input(self) -> bool:
        """Is the code itself shown (it is not tagged remove-input)?"""
        return not self.tags & {"remove-input", "remove-cell"}

    @property
    def shows_output(self) -> bool:
        """Are the outputs shown (it is not tagged remove-output)?"""
        return not self.tags & {"remove-output", "remove-cell"}


@dataclass(frozen=True)
class Exercise:
    """A DataCamp Light exercise: a run of consecutive part-tagged cells."""

    name: str
    number: int  # 1-based position among the post's exercises
    cells: dict[str, int]  # part tag -> 1-based cell number (parts that repeat: their first cell)
    parts: dict[str, str]  # part tag -> source (parts that repeat: the first one's)
    settings: dict[str, Any] = field(default_factory=dict)
    # Parts that repeat (solution-alternative): tag -> (cell number, source) of each, in order.
    repeated: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)

    @property
    def first_cell(self) -> int:
        """The number of the exercise's first cell."""
        return min(self.cells.values())

    @property
    def all_cells(self) -> list[int]:
        """The numbers of all the exercise's cells, in order."""
        return sorted(set(self.cells.values()) | {cell for copies in self.repeated.values() for cell, _ in copies})

    def part(self, tag: str) -> str:
        """Return the source of a part, or "" if the exercise does not have it."""
        assert tag in PARTS_BY_TAG, tag
        return self.parts.get(tag, "")

    def copies(self, tag: str) -> tuple[tuple[int, str], ...]:
        """Return (cell, source) of every cell of a part that repeats, in order."""
        assert PARTS_BY_TAG[tag].repeats, tag
        return self.repeated.get(tag, ())

    def fields(self) -> dict[str, Any]:
        """Return the exercise as the front matter table the exercise shortcode reads: its published parts, the
        Python and package pins DataCamp Light runs it with, and its settings."""
        data: dict[str, Any] = {"id": self.name}
        data.update({part.key: self.parts.get(part.tag, "") for part in PARTS if part.published})
        # The pins come from the code as DataCamp Light reads it from the page (indentation stripped), the code
        # the reader's session runs.
        codes = tuple(datacamp_reads(self.parts.get(part.tag, "")) for part in PUBLISHED_PARTS if part.is_code)
        data.update({field.key: field.value(codes) for field in RUNTIME_FIELDS})
        published = {setting.key for setting in SETTINGS if setting.published}
        data.update({key.replace("-", "_"): value for key, value in sorted(self.settings.items()) if key in published})
        return data


Block = Markdown | Code | Exercise


@dataclass
class Post:
    """A post ready to render: front matter and the blocks of its body."""

    slug: str
    front_matter: dict[str, Any]
    blocks: list[Block]
    # Where markdown destinations lead (scripts/markdown.py): destination path -> bundle file or post page.
    links: dict[str, str] = field(default_factory=dict)
    # Files copied into the bundle because markdown points at them, by name in the bundle.
    attachments: dict[str, bytes] = field(default_factory=dict)
    # The files besides the notebook the post is made from (scripts/inputs.py): path -> hash.
    inputs: dict[str, str] = field(default_factory=dict)

    @property
    def exercises(self) -> list[Exercise]:
        """The post's exercises, in order."""
        return [block for block in self.blocks if isinstance(block, Exercise)]

    @property
    def code_cells(self) -> list[Code]:
        """The post's plain (non-exercise) code cells, in order."""
        return [block for block in self.blocks if isinstance(block, Code)]
