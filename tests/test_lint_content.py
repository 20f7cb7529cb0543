"""The content lint over the blog's own notebooks: findings are pytest warnings, and failures with STRICT=1."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from scripts.authoring import lint
from scripts.sources import find_sources

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
STRICT = os.environ.get("STRICT") == "1"
# `make test MAX_SOLUTION_LINES=20` sets the limit as for `make lint`.
MAX_SOLUTION_LINES = int(os.environ.get("MAX_SOLUTION_LINES") or lint.DEFAULT_MAX_SOLUTION_LINES)


class ContentWarning(UserWarning):
    """A content lint finding on a post: `make lint` explains it, STRICT=1 makes it an error."""


@pytest.mark.parametrize("path", find_sources(NOTEBOOKS), ids=lambda path: path.stem)
def test_post_passes_content_lint(path):
    cwd = os.getcwd()
    os.chdir(ROOT)  # findings name files as `make lint` does, relative to the project
    try:
        findings = lint.lint_notebook(path.relative_to(ROOT), lint.site_of(Path("notebooks")), MAX_SOLUTION_LINES)
    finally:
        os.chdir(cwd)
    messages = [lint.format_finding(finding, "error" if STRICT else "warning") for finding in findings]
    if STRICT and messages:
        pytest.fail("\n".join(messages) + "\n(STRICT=1: content findings are errors; `make lint` lists them)", pytrace=False)
    for message in messages:
        warnings.warn(ContentWarning(message), stacklevel=1)
