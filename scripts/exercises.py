"""From notebook cells to blocks: markdown, code, and exercises made of part-tagged cells."""

from __future__ import annotations

import difflib
import re
from typing import Any

import nbformat

from .model import Block, Code, Exercise, Markdown
from .parts import NAME_KEY, PARTS, PARTS_BY_TAG, SETTINGS_BY_KEY
from .sources import Source

# Jupyter Book's display tags, honoured on plain code cells.
DISPLAY_TAGS = ("remove-cell", "remove-input", "remove-output", "remove-stderr", "hide-input")
# nbclient's tag for a cell that is expected to raise.
RAISES_TAG = "raises-exception"
KNOWN_TAGS = (*PARTS_BY_TAG, *DISPLAY_TAGS, RAISES_TAG)

NAME_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


def part_of(cell: nbformat.NotebookNode) -> str | None:
    """Return the exercise part tag of a cell, or None."""
    tags = [tag for tag in cell.metadata.get("tags", []) if tag in PARTS_BY_TAG]
    return tags[0] if tags else None


def is_part(cell: nbformat.NotebookNode) -> bool:
    """Is this cell part of an exercise?"""
    return part_of(cell) is not None


def check_tags(source: Source) -> None:
    """Stop on a tag that is a near miss of a known one, or a cell with two part tags."""
    for number, cell in enumerate(source.notebook.cells, start=1):
        tags = cell.metadata.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
            raise source.error("cell tags must be a list of strings", cell=number, fix="fix the cell's `tags` metadata")
        for tag in tags:
            if tag in KNOWN_TAGS:
                continue
            close = difflib.get_close_matches(tag.lower(), KNOWN_TAGS, n=1, cutoff=0.75)
            if close:
                raise source.error(
                    f"unknown tag '{tag}'",
                    cell=number,
                    source=cell.source,
                    fix=f"did you mean '{close[0]}'? Rename the tag. Exercise parts are: {', '.join(PARTS_BY_TAG)}",
                )
        parts = [tag for tag in tags if tag in PARTS_BY_TAG]
        if len(parts) > 1:
            raise source.error(
                f"a cell can be only one exercise part, this one is tagged {', '.join(parts)}",
                cell=number,
                fix="split the cell, one part per cell",
            )


def cells_to_blocks(source: Source, first: int = 2) -> list[Block]:
    """Return the blocks of the notebook's body, starting at cell `first` (1-based; cell 1 is front matter)."""
    blocks: list[Block] = []
    run: list[tuple[int, nbformat.NotebookNode]] = []
    cells = source.notebook.cells

    def close_run() -> None:
        if run:
            blocks.append(run_to_exercise(source, run, len([b for b in blocks if isinstance(b, Exercise)]) + 1))
            run.clear()

    for number in range(first, len(cells) + 1):
        cell = cells[number - 1]
        tag = part_of(cell)
        if tag is not None:
            if not PARTS_BY_TAG[tag].repeats and any(part_of(other) == tag for _, other in run):
                close_run()  # a part given again starts the next exercise (unless it is one that repeats)
            run.append((number, cell))
            continue
        close_run()
        block = cell_to_block(number, cell)
        if block is not None:
            blocks.append(block)
    close_run()
    check_unique_names(source, blocks)
    return blocks


def cell_to_block(number: int, cell: nbformat.NotebookNode) -> Block | None:
    """Return the block for a cell that is not part of an exercise, or None if it is not shown."""
    tags = frozenset(cell.metadata.get("tags", []))
    if not cell.source.strip():
        return None
    if cell.cell_type == "markdown":
        return None if "remove-cell" in tags else Markdown(number, cell.source)
    if cell.cell_type == "code":  # a remove-cell code cell still runs; render leaves it out
        alt = cell.metadata.get("alt")
        return Code(number, cell.source, tags, alt if isinstance(alt, str) else None)
    return None  # raw cells other than exercise parts are not published


def run_to_exercise(source: Source, run: list[tuple[int, nbformat.NotebookNode]], position: int) -> Exercise:
    """Return the exercise made of a run of part-tagged cells; stop if it is incomplete or inconsistent."""
    cells: dict[str, int] = {}
    parts: dict[str, str] = {}
    repeated: dict[str, list[tuple[int, str]]] = {}
    for number, cell in run:
        tag = part_of(cell)
        assert tag is not None
        part = PARTS_BY_TAG[tag]
        if cell.cell_type not in part.cell_types:
            raise source.error(
                f"a '{tag}' cell must be a {' or '.join(part.cell_types)} cell, this one is {cell.cell_type}",
                cell=number,
                source=cell.source,
                fix=f"change the cell's type to {part.cell_types[0]}",
            )
        if part.repeats:
            repeated.setdefault(tag, []).append((number, cell.source))
        cells.setdefault(tag, number)
        parts.setdefault(tag, cell.source)
    name = exercise_name(source, run, position)
    settings = exercise_settings(source, run, name)
    for part in PARTS:
        if part.required and part.tag not in cells:
            first = run[0][0]
            raise source.error(
                f"the exercise has no {part.tag} (its cells: {', '.join(f'{t} in cell {n}' for t, n in cells.items())})",
                cell=first,
                exercise=name,
                fix=f"add a cell tagged '{part.tag}' right after cell {run[-1][0]}, next to the exercise's other parts",
            )
    copies = {tag: tuple(found) for tag, found in repeated.items()}
    return Exercise(name=name, number=position, cells=cells, parts=parts, settings=settings, repeated=copies)


def exercise_name(source: Source, run: list[tuple[int, nbformat.NotebookNode]], position: int) -> str:
    """Return the name from the `exercise` metadata of the run's cells, or `SLUG-POSITION`."""
    named = {(number, cell.metadata[NAME_KEY]) for number, cell in run if NAME_KEY in cell.metadata}
    names = {name for _, name in named}
    if len(names) > 1:
        raise source.error(
            f"the cells of one exercise have different `{NAME_KEY}` names: {', '.join(sorted(map(str, names)))}",
            cell=min(number for number, _ in named),
            fix=f"give the `{NAME_KEY}` key on only one cell, or the same value on all",
        )
    if not names:
        return f"{source.slug}-{position}"
    name = names.pop()
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise source.error(
            f"exercise name {name!r} cannot be an HTML id",
            cell=min(number for number, _ in named),
            fix="use letters, digits, '-' and '_', starting with a letter",
        )
    return name


def exercise_settings(source: Source, run: list[tuple[int, nbformat.NotebookNode]], name: str) -> dict[str, Any]:
    """Return the optional settings found in the metadata of the run's cells, parsed and checked."""
    settings: dict[str, Any] = {}
    for number, cell in run:
        for key in SETTINGS_BY_KEY:
            if key not in cell.metadata:
                continue
            try:
                value = SETTINGS_BY_KEY[key].parse(cell.metadata[key])
            except ValueError as problem:
                raise source.error(
                    f"setting `{key}` = {cell.metadata[key]!r}: {problem}",
                    cell=number,
                    exercise=name,
                    fix=f"`{key}`: {SETTINGS_BY_KEY[key].doc}",
                ) from None
            if key in settings and settings[key] != value:
                raise source.error(
                    f"setting `{key}` is given twice with different values", cell=number, exercise=name, fix=f"set `{key}` on one cell only"
                )
            settings[key] = value
    return settings


def check_unique_names(source: Source, blocks: list[Block]) -> None:
    """Stop if two exercises of the post share a name (it is their element id)."""
    seen: dict[str, int] = {}
    for block in blocks:
        if isinstance(block, Exercise):
            if block.name in seen:
                raise source.error(
                    f"two exercises are named '{block.name}' (the other starts at cell {seen[block.name]})",
                    cell=block.first_cell,
                    exercise=block.name,
                    fix=f"give each exercise its own `{NAME_KEY}` name",
                )
            seen[block.name] = block.first_cell
