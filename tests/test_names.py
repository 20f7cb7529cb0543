"""The one "names bound" walker of the checks (scripts/checks/names.py)."""

from __future__ import annotations

from scripts.checks.names import names_bound

CODE = """
import numpy as np
from math import exp as e
import os.path
w, (b, c) = 1, (2, 3)
for i in range(3):
    total = i
with open(__file__) as f:
    pass
try:
    pass
except ValueError as problem:
    pass
def step(z):
    inner = z
    return inner
class Net:
    size = 2
square = lambda x: x * x
squares = [k * k for k in range(3)]
w = 5
"""


def test_top_level_names_in_order_without_the_locals_of_functions_classes_lambdas_and_comprehensions():
    assert names_bound(CODE) == ["np", "e", "os", "w", "b", "c", "i", "total", "f", "problem", "step", "Net", "square", "squares"]


def test_values_only_leaves_out_definitions_and_imports_and_code_that_does_not_parse_binds_nothing():
    assert names_bound(CODE, values_only=True) == ["w", "b", "c", "i", "total", "f", "problem", "square", "squares"]
    assert names_bound("x = (") == []
