"""pythonwhat's value comparison, made to work without pandas.

pythonwhat 2.30.1's `Test.is_equal` tries `import pandas` for every value that
is not a str, number, container or ndarray; when pandas is missing, its
`except ImportError` branch refers to the unbound name `pd`, and the NameError
is swallowed as "not equal". So `np.arange(3).sum()` never equals itself.
With pandas installed, such values end up compared with `==`; we do the same.
"""

from __future__ import annotations

import importlib.util

# The types pythonwhat compares before it reaches the pandas branch.
HANDLED_FIRST = ((str, int, float, bool, type(None)), (Exception,), (list, tuple), (map, filter), (set,), (dict,))


def reaches_pandas_branch(x, y) -> bool:
    """Would pythonwhat's is_equal get as far as its pandas import for these two values?"""
    import numpy as np
    from pythonwhat import Test

    if Test.is_collection_of_primitives(x):
        return False
    return not any(Test.areinstance(x, y, types) for types in (*HANDLED_FIRST, (np.ndarray,)))


def fix_is_equal() -> None:
    """Replace pythonwhat's is_equal with one that works when pandas is not installed."""
    from pythonwhat import Test

    if importlib.util.find_spec("pandas") is not None or getattr(Test.is_equal, "fixed", False):
        return
    original = Test.is_equal

    def is_equal(x, y) -> bool:
        """Return whether pythonwhat should treat x and y as equal."""
        if not reaches_pandas_branch(x, y):
            return original(x, y)  # its recursion into containers comes back here
        try:
            return bool(x == y)
        except Exception:
            return False

    is_equal.fixed = True  # type: ignore[attr-defined]
    Test.is_equal = is_equal
