"""The names code binds at its top level, read from its syntax tree: the one walker the checks and the mutants share."""

from __future__ import annotations

import ast

# Scopes of their own: what they bind inside is theirs, not the code's (a comprehension's variable does not leak).
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def names_bound(code: str, values_only: bool = False) -> list[str]:
    """Return the names top-level code binds, in order of first binding: assignment and loop targets,
    `with … as`, `except … as`, and, unless `values_only`, the functions, classes and modules it defines
    or imports. Names bound inside functions, classes, lambdas and comprehensions are left out; code that does not parse binds none."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names: dict[str, None] = {}

    def visit(node: ast.AST) -> None:
        if isinstance(node, DEFINITIONS) and not values_only:
            names.setdefault(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)) and not values_only:
            for alias in node.names:
                names.setdefault((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.setdefault(node.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.setdefault(node.name)
        if isinstance(node, SCOPES):
            return
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return list(names)
