"""What a check concluded, without pytest: the one result type of the checks.

A Result holds either nothing (passed), a ContentError (the author's notebook
is wrong; it reads like a compiler error) or an internal traceback (the checks
crashed: a bug here, not in the notebook).
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import ContentError

INTERNAL = "INTERNAL ERROR in the exercise checks (a bug in scripts/checks, not in the notebook):"


@dataclass
class Result:
    """The outcome of one check."""

    error: ContentError | None = None  # the author's content failed the check
    internal: str | None = None  # the checks themselves crashed: their traceback
    skipped: str | None = None  # why the check does not apply to this post
    warning: str | None = None  # what the author should know although the check passed
    measured: object = None  # what the check measured, for reports (the mutants check: a mutants.Tally)

    @property
    def passed(self) -> bool:
        """Did the check pass (or not apply)?"""
        return self.error is None and self.internal is None


def guarded(check: Callable[..., None]) -> Callable[..., Result]:
    """Turn a check that raises ContentError on failure into one that returns a Result."""

    @functools.wraps(check)
    def run(*args, **kwargs) -> Result:
        try:
            skipped = check(*args, **kwargs)
        except ContentError as error:
            return Result(error=error)
        except Exception:
            return Result(internal=traceback.format_exc())
        return Result(skipped=skipped)

    return run
