"""From the post model to the files of a Hugo page bundle: `index.md` and its figures.

Code, outputs and exercises do not go through markdown at all: their text goes
into the front matter as TOML strings, and the site's shortcodes print it with
Hugo's HTML escaping. So nothing in a cell (blank lines, `#`, quotes, `<`,
`{{< … >}}`) can be reinterpreted as markdown, typography or a shortcode.
"""

from __future__ import annotations

from typing import Any

from .front_matter import front_matter_to_toml, hugo_front_matter
from .model import Code, Exercise, Markdown, Post

GENERATOR = "scripts.convert"
INDEX = "index.md"
# The body's first part is on this line after the front matter's closing `+++` (a blank line comes first).
BODY_FIRST_LINE = 2


def post_to_files(post: Post, source_path: str, source_hash: str) -> dict[str, bytes]:
    """Return the bundle's files by name: `index.md`, one PNG per figure, and the files markdown points at."""
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
                    if output.kind == "image":
                        figures[output.name] = output.data
                        outputs.append({"cell": block.cell, "kind": "image", "src": output.name, "alt": output.text})
                    else:
                        outputs.append({"cell": block.cell, "kind": "text", "text": output.text})
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
        "exercises": [exercise.fields() for exercise in post.exercises],
    }
    if post.links:  # read by the render hooks (layouts/_markup/): markdown destination -> bundle file or post page
        generated["links"] = [{"path": path, "target": target} for path, target in post.links.items()]
    if post.inputs:  # what the post was made from besides the notebook (scripts/inputs.py)
        generated["inputs"] = post.inputs
    front = hugo_front_matter(post.front_matter, generated)
    comment = f"Generated from {source_path} by `make site`: edit the notebook, not this file."
    text = front_matter_to_toml(front, comment) + "\n" + "\n\n".join(body) + "\n"
    return {INDEX: text.encode("utf-8"), **files}
