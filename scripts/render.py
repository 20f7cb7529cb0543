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


def post_to_files(post: Post, source_path: str, source_hash: str) -> dict[str, bytes]:
    """Return the bundle's files by name: `index.md` and one PNG per figure."""
    code: list[dict[str, Any]] = []
    outputs: list[dict[str, Any]] = []
    figures: dict[str, bytes] = {}
    body: list[str] = []
    for block in post.blocks:
        if isinstance(block, Markdown):
            body.append(block.text.strip("\n"))
        elif isinstance(block, Code):
            if block.shows_input:
                body.append(f"{{{{< nb-code {len(code)} >}}}}")
                code.append({"cell": block.cell, "text": block.source, "collapsed": "hide-input" in block.tags})
            if block.shows_output:
                for output in block.outputs:
                    body.append(f"{{{{< nb-output {len(outputs)} >}}}}")
                    if output.kind == "image":
                        figures[output.name] = output.data
                        outputs.append({"cell": block.cell, "kind": "image", "src": output.name, "alt": output.text})
                    else:
                        outputs.append({"cell": block.cell, "kind": "text", "text": output.text})
        elif isinstance(block, Exercise):
            body.append(f"{{{{< exercise {block.number - 1} >}}}}")
    generated = {
        "generator": GENERATOR,
        "source": source_path,
        "hash": source_hash,
        "files": sorted(figures),
        "code": code,
        "outputs": outputs,
        "exercises": [exercise.fields() for exercise in post.exercises],
    }
    front = hugo_front_matter(post.front_matter, generated)
    comment = f"Generated from {source_path} by `make site`: edit the notebook, not this file."
    text = front_matter_to_toml(front, comment) + "\n" + "\n\n".join(body) + "\n"
    return {INDEX: text.encode("utf-8"), **figures}
