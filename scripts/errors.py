"""The one error type for problems in a post's source, used by the build, the tests and the linter."""

from __future__ import annotations

from dataclasses import dataclass, field

CONTEXT_LINES = 2


@dataclass
class ContentError(Exception):
    """A problem in a notebook that its author has to fix.

    It names the file (and its paired text file), the cell, the exercise and what
    to do, and can show the offending lines of the cell numbered as in the cell.
    It is a plain dataclass so that it pickles (pytest-xdist, process pools).
    """

    path: str
    message: str
    fix: str = ""
    cell: int | None = None  # 1-based, as authors count cells in Jupyter
    exercise: str | None = None
    paired: str | None = None
    source: str | None = None  # the cell's source, to show an excerpt from
    line: int | None = None  # 1-based line within `source` to point at
    detail: str = ""  # e.g. the exception or the feedback message
    kind: str = "error"
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __reduce__(self):
        return (_rebuild, (self.__dict__.copy(),))

    def location(self) -> str:
        """Return "path (paired: x.py), cell N, exercise NAME"."""
        where = self.path
        if self.paired:
            where += f" (paired: {self.paired})"
        if self.cell is not None:
            where += f", cell {self.cell}"
        if self.exercise:
            where += f", exercise '{self.exercise}'"
        return where

    def __str__(self) -> str:
        parts = [f"{self.location()}: {self.message}"]
        excerpt = source_excerpt(self.source, self.line)
        if excerpt:
            parts.append(excerpt)
        if self.detail:
            parts.append(self.detail.rstrip())
        parts.extend(self.notes)
        if self.fix:
            parts.append(f"To fix: {self.fix}")
        return "\n".join(parts)


def _rebuild(state: dict) -> ContentError:
    error = ContentError.__new__(ContentError)
    error.__dict__.update(state)
    Exception.__init__(error, state["message"])
    return error


def source_excerpt(source: str | None, line: int | None, context: int = CONTEXT_LINES) -> str:
    """Return the lines of `source` around `line`, numbered as in the cell, the line marked with '>'."""
    if not source or not line:
        return ""
    lines = source.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    first, last = max(1, line - context), min(len(lines), line + context)
    width = len(str(last))
    return "\n".join(f"{'>' if n == line else ' '} {n:>{width}} | {lines[n - 1]}" for n in range(first, last + 1))
