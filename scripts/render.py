"""From the post model to the files of a Hugo page bundle: `index.md` and its figures.

Code, outputs and exercises do not go through markdown at all: their text goes
into the front matter as TOML strings, and the site's shortcodes print it with
Hugo's HTML escaping. So nothing in a cell (blank lines, `#`, quotes, `<`,
`{{< … >}}`) can be reinterpreted as markdown, typography or a shortcode.
"""

from __future__ import annotations

import re
from typing import Any

from .front_matter import front_matter_to_toml, hugo_front_matter
from .hint_math import math_to_text
from .model import CHART_KINDS, Code, Exercise, Markdown, Output, Post

GENERATOR = "scripts.convert"
INDEX = "index.md"
# The body's first part is on this line after the front matter's closing `+++` (a blank line comes first).
BODY_FIRST_LINE = 2

# The math in a TeX output, found as Jupyter's MathJax finds it: `$$…$$`, `\[…\]` and
# environments (`\begin{align}…\end{align}`) are display math, `\(…\)` and `$…$` inline.
TEX_MATH = re.compile(
    r"\$\$(?P<display>.+?)\$\$|\\\[(?P<bracket>.+?)\\\]|(?P<environment>\\begin\{(?P<name>[^}]+)\}.*?\\end\{(?P=name)\})"
    r"|\\\((?P<parenthesis>.+?)\\\)|(?<!\\)\$(?P<inline>.+?)(?<!\\)\$",
    re.DOTALL,
)


# The outputs drawn in the browser by a library the site serves (layouts/_partials/chart-scripts.html loads it).


def post_to_files(post: Post, source_path: str, source_hash: str) -> dict[str, bytes]:
    """Return the bundle's files by name: `index.md`, one file per image output, and the files markdown points at."""
    code: list[dict[str, Any]] = []
    outputs: list[dict[str, Any]] = []
    figures: dict[str, bytes] = {}
    body: list[str] = []
    # Where each part of the body comes from: its first line (counted from the front matter's closing `+++`),
    # its cell, and for markdown the line in the cell that it starts with. scripts/publish.py reads it.
    lines: list[dict[str, int]] = []

    def add(text: str, cell: int, cell_line: int | None = None) -> None:
        line = sum(part.count("\n") + 2 for part in body) + BODY_FIRST_LINE
        lines.append({"line": line, "cell": cell} | ({"cell_line": cell_line} if cell_line else {}))
        body.append(text)

    for block in post.blocks:
        if isinstance(block, Markdown):
            text = block.text.strip("\n")
            add(text, block.cell, len(block.text) - len(block.text.lstrip("\n")) + 1)
        elif isinstance(block, Code):
            if block.shows_input:
                add(f"{{{{< nb-code {len(code)} >}}}}", block.cell)
                code.append({"cell": block.cell, "text": block.source, "collapsed": "hide-input" in block.tags})
            if block.shows_output:
                for output in block.outputs:
                    add(f"{{{{< nb-output {len(outputs)} >}}}}", block.cell)
                    for image in (output, output.fallback):
                        if image is not None and image.kind == "image":
                            figures[image.name] = image.data
                    figures.update(output.files)
                    outputs.append(output_fields(block.cell, output))
        elif isinstance(block, Exercise):
            add(f"{{{{< exercise {block.number - 1} >}}}}", block.first_cell)
    files = {**post.attachments, **figures}
    generated = {
        "generator": GENERATOR,
        "source": source_path,
        "hash": source_hash,
        "files": sorted(files),
        "lines": lines,
        "code": code,
        "outputs": outputs,
        "exercises": [exercise_fields(exercise) for exercise in post.exercises],
    }
    if post.links:  # read by the render hooks (layouts/_markup/): markdown destination -> bundle file or post page
        generated["links"] = [{"path": path, "target": target} for path, target in post.links.items()]
    if post.inputs:  # what the post was made from besides the notebook (scripts/inputs.py)
        generated["inputs"] = post.inputs
    front = hugo_front_matter(post.front_matter, generated)
    comment = f"Generated from {source_path} by `make site`: edit the notebook, not this file."
    text = front_matter_to_toml(front, comment) + "\n" + "\n\n".join(body) + "\n"
    return {INDEX: text.encode("utf-8"), **files}


def exercise_fields(exercise: Exercise) -> dict[str, Any]:
    """Return an exercise as the front matter table the exercise shortcode reads, the math of its hint as text."""
    fields = exercise.fields()
    if fields.get("hint"):
        # DataCamp Light's hint filter removes MathML: each formula becomes HTML text it keeps (scripts/hint_math.py).
        fields["hint"] = math_to_text(fields["hint"])
    return fields


def output_fields(cell: int, output: Output) -> dict[str, Any]:
    """Return an output as the front matter table that the nb-output shortcode prints."""
    fields: dict[str, Any] = {"cell": cell, "kind": output.kind}
    if output.kind == "image":
        fields.update(src=output.name, alt=output.text)
        fields.update({key: value for key, value in (("width", output.width), ("height", output.height)) if value})
    elif output.kind == "latex":
        fields["math"] = tex_to_pieces(output.text)
    elif output.kind in CHART_KINDS:
        # The JSON as a string: TOML has no null. Its static form is shown until the chart's library draws it.
        fields["spec"] = output.text
        if output.fallback is not None:
            fields["fallback"] = {key: value for key, value in output_fields(cell, output.fallback).items() if key != "cell"}
    else:
        fields["text"] = output.text
    return fields


def tex_to_pieces(tex: str) -> list[dict[str, Any]]:
    """Return TeX as pieces of text (`\\$` is a dollar sign) and of math, each `{"tex": …, "display": bool}`."""
    pieces: list[dict[str, Any]] = []
    end = 0
    for match in TEX_MATH.finditer(tex):
        if match.start() > end:
            pieces.append({"text": tex[end : match.start()].replace("\\$", "$")})
        math = next(group for group in match.group("display", "bracket", "environment", "parenthesis", "inline") if group is not None)
        pieces.append({"tex": math, "display": match.group("inline") is None and match.group("parenthesis") is None})
        end = match.end()
    if end < len(tex):
        pieces.append({"text": tex[end:].replace("\\$", "$")})
    return pieces
