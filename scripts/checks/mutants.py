"""Mutants: plausible wrong answers made from an exercise's solution, to test its SCT with.

Each operator of OPERATORS changes the solution's syntax tree in one place and
yields the changed code, named by an id (`OPERATOR@LINE:COL`, the line and
column in the solution cell where the change is). Only what the reader writes
is changed: what stands where the sample code has a blank (`___`), or differs
from the sample code; what the sample gives the reader is left alone.
Generation is deterministic and bounded (`MAX_MUTANTS`): when an exercise has
more candidates, the operators take turns, each in the order of the code, so
that every kind of mistake is tried.

The checks run each mutant as a submission (`harness.check_exercise`, in the runtime) and sort
the verdicts into a Tally: equivalent (its results are the solution's:
skipped), killed specifically (feedback that says what is wrong), killed
generically (`is_generic`: pythonwhat's fallback messages, a raw exception, a
timeout), or survived (the SCT passes a wrong answer). Nothing here runs code
or imports pytest.
"""

from __future__ import annotations

import ast
import difflib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .harness import feedback_text
from .names import names_bound

# At most this many mutants per exercise.
MAX_MUTANTS = 30
# More than this share of generic kills among an exercise's killed mutants fails under STRICT=1.
GENERIC_SHARE = 0.10


@dataclass(frozen=True)
class Mutant:
    """One wrong answer: the solution with one change."""

    id: str  # OPERATOR@LINE:COL, LINE and COL (both from 1) where the change starts in the solution cell
    operator: str
    change: str  # what changed, e.g. "`+` -> `-`"
    code: str  # the whole mutated solution

    def diff(self, solution: str) -> str:
        """Return the mutant as a unified diff of the solution."""
        return diff_of(solution, self.code, f"mutant {self.id}")


def diff_of(solution: str, code: str, name: str) -> str:
    """Return `code` as a unified diff of the solution, `name` naming it."""
    return "\n".join(difflib.unified_diff(solution.splitlines(), code.splitlines(), "solution", name, n=1, lineterm=""))


@dataclass(frozen=True)
class Edit:
    """Replace the solution's text between two character offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Candidate:
    """A change an operator proposes at a place in the solution."""

    line: int
    col: int  # from 1, in characters
    change: str
    edits: tuple[Edit, ...]


class Solution:
    """The solution's text and tree, what the sample gives the reader, and the variables bound where."""

    def __init__(self, code: str, sample: str = "", pec: str = ""):
        self.code = code
        self.tree = ast.parse(code)
        self.starts = [0]  # character offset of each line's start
        for line in code.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.lines = code.splitlines()
        self.written = written_nodes(self.tree, sample)
        self.parents = {child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)}
        self.pec_variables = names_bound(pec, values_only=True)

    def offset(self, line: int, col: int) -> int:
        """Return the character offset of `col` (UTF-8 bytes, as ast counts them) on `line` (from 1)."""
        text = self.lines[line - 1] if line <= len(self.lines) else ""
        return self.starts[line - 1] + len(text.encode()[:col].decode(errors="ignore"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        """Return the character offsets where `node` starts and ends."""
        return self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset)

    def text(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.code[start:end]

    def where(self, offset: int) -> tuple[int, int]:
        """Return (line, column), both from 1, of a character offset."""
        line = max(number for number, start in enumerate(self.starts[:-1], start=1) if start <= offset) if offset else 1
        return line, offset - self.starts[line - 1] + 1

    def candidate(self, offset: int, change: str, *edits: Edit) -> Candidate:
        line, col = self.where(offset)
        return Candidate(line, col, change, edits)

    def replace(self, node: ast.AST, text: str, change: str = "") -> Candidate:
        """The candidate that replaces `node`'s text with `text`."""
        start, end = self.span(node)
        return self.candidate(start, change or f"`{short(self.code[start:end])}` -> `{short(text)}`", Edit(start, end, text))

    def nodes(self, *types: type) -> Iterator[ast.AST]:
        """Yield the nodes of these types, in the order of the code."""
        found = [node for node in ast.walk(self.tree) if isinstance(node, types) and hasattr(node, "lineno")]
        yield from sorted(found, key=lambda node: (node.lineno, node.col_offset, -node.end_lineno, -node.end_col_offset))

    def is_written(self, *nodes: ast.AST) -> bool:
        """Does the reader write all these nodes (rather than find them in the sample code)?"""
        return all(id(node) in self.written for node in nodes)

    def apply(self, candidate: Candidate) -> str:
        code = self.code
        for edit in sorted(candidate.edits, key=lambda edit: edit.start, reverse=True):
            code = code[: edit.start] + edit.text + code[edit.end :]
        return code


def short(text: str, width: int = 40) -> str:
    """Return code on one line, cut to `width` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# A blank for the reader in the sample code: `___` (any name of underscores only).
BLANK = re.compile(r"__+\Z")


def written_nodes(tree: ast.Module, sample: str) -> set[int]:
    """Return the ids of the solution's nodes that the reader writes.

    The solution is aligned with the sample code, statement by statement and
    then node by node: what stands where the sample has a blank, and what
    differs from the sample, the reader writes; the rest the sample gives.
    Without sample code (or one that does not parse), the reader writes it all.
    """
    written: set[int] = set()
    try:
        sample_tree = ast.parse(sample)
    except SyntaxError:
        sample_tree = ast.Module(body=[], type_ignores=[])
    align_blocks(tree.body, sample_tree.body, written)
    return written


def mark(tree: ast.AST, written: set[int]) -> None:
    """Mark every node of `tree` as written (the nodes with a place in the code: `Load`, `Add`, ... are shared by all)."""
    written.update(id(node) for node in ast.walk(tree) if hasattr(node, "lineno"))


def statement_key(statement: ast.stmt) -> str:
    """What pairs a solution statement with the sample's: its kind, and what it assigns or defines."""
    targets = getattr(statement, "targets", None) or [getattr(statement, "target", None)]
    named = getattr(statement, "name", None) or " ".join(ast.dump(target) for target in targets if target is not None)
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        named = ast.dump(statement.value.func)
    return f"{type(statement).__name__} {named}"


def align_blocks(solution: list[ast.stmt], sample: list[ast.stmt], written: set[int]) -> None:
    matcher = difflib.SequenceMatcher(None, [statement_key(s) for s in solution], [statement_key(s) for s in sample], autojunk=False)
    for tag, first, last, sample_first, sample_last in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and last - first == sample_last - sample_first):
            for mine, theirs in zip(solution[first:last], sample[sample_first:sample_last]):
                align(mine, theirs, written)
        else:
            for mine in solution[first:last]:
                mark(mine, written)


def align(mine: ast.AST, theirs: object, written: set[int]) -> None:
    """Mark what the reader writes in `mine`, given the sample's node at the same place."""
    if isinstance(theirs, ast.Name) and BLANK.match(theirs.id) or type(mine) is not type(theirs):
        mark(mine, written)
        return
    fields = [(value, getattr(theirs, name, None)) for name, value in ast.iter_fields(mine)]
    if any(not isinstance(value, (ast.AST, list)) and value != other for value, other in fields):
        mark(mine, written)  # another name, number or operator
        return
    for value, other in fields:
        if isinstance(value, list) and value and all(isinstance(item, ast.stmt) for item in value):
            align_blocks(value, other if isinstance(other, list) else [], written)
        elif isinstance(value, list) and isinstance(other, list) and len(value) == len(other):
            for item, other_item in zip(value, other):
                if isinstance(item, ast.AST):
                    align(item, other_item, written)
        elif isinstance(value, list):
            written.add(id(mine))  # another number of arguments, elements, ...
            for item in value:
                if isinstance(item, ast.AST):
                    mark(item, written)
        elif isinstance(value, ast.AST):
            align(value, other, written)


# The operators. Each yields candidates in the order of the code.


# Statements that hold others: the reader writes their bodies more often than their headers.
COMPOUND = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.For, ast.AsyncFor, ast.While, ast.If, ast.With, ast.AsyncWith, ast.Try)


def delete_statement(solution: Solution) -> Iterator[Candidate]:
    """Leave out one simple statement (a block left empty gets `pass`)."""
    for node in solution.nodes(ast.stmt):
        if isinstance(node, (ast.Pass, *COMPOUND)) or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            continue
        if not any(solution.is_written(inner) for inner in ast.walk(node)):
            continue  # the sample gives the whole statement
        start, end = solution.span(node)
        line_start = solution.starts[node.lineno - 1]
        line_end = solution.starts[node.end_lineno] if node.end_lineno < len(solution.starts) else len(solution.code)
        alone = not solution.code[line_start:start].strip() and solution.code[end:line_end].strip() in ("", "\\")
        siblings = block_of(solution, node)
        change = f"`{short(solution.text(node))}` left out"
        if alone and len(siblings) > 1:
            yield solution.candidate(start, change, Edit(line_start, line_end, ""))
        else:
            yield solution.candidate(start, change, Edit(start, end, "pass"))


def block_of(solution: Solution, node: ast.stmt) -> list[ast.stmt]:
    """Return the list of statements `node` is in."""
    parent = solution.parents.get(node, solution.tree)
    for name in ("body", "orelse", "finalbody", "handlers"):
        block = getattr(parent, name, None)
        if isinstance(block, list) and node in block:
            return block
    return [node]


SUM_OPERATORS = (ast.Add, ast.Sub)


def delete_term(solution: Solution) -> Iterator[Candidate]:
    """Leave out one term of a sum or difference (`a + b + c` -> `a + c`)."""
    for node in solution.nodes(ast.BinOp):
        parent = solution.parents.get(node)
        if not isinstance(node.op, SUM_OPERATORS) or (
            isinstance(parent, ast.BinOp) and isinstance(parent.op, SUM_OPERATORS) and parent.left is node
        ):
            continue  # not a sum, or not the whole of one
        terms = sum_terms(node)
        joins = sum_joins(node)
        for index, (_, term) in enumerate(terms):
            if not solution.is_written(term, joins[max(index - 1, 0)]):
                continue  # the reader writes neither the term nor its `+` or `-`
            rest = terms[:index] + terms[index + 1 :]
            yield solution.candidate(
                solution.span(term)[0],
                f"`{short(solution.text(term))}` left out of the sum",
                Edit(*solution.span(node), sum_text(solution, rest)),
            )


def sum_terms(node: ast.expr) -> list[tuple[bool, ast.expr]]:
    """Return the terms of a left-nested sum as (negative, term)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, SUM_OPERATORS):
        return sum_terms(node.left) + [(isinstance(node.op, ast.Sub), node.right)]
    return [(False, node)]


def sum_joins(node: ast.expr) -> list[ast.BinOp]:
    """Return the `+` and `-` of a left-nested sum, in order."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, SUM_OPERATORS):
        return sum_joins(node.left) + [node]
    return []


def sum_text(solution: Solution, terms: list[tuple[bool, ast.expr]]) -> str:
    """Return the code of a sum of these terms, each written as in the solution (a term of a sum needs no brackets)."""
    text = ""
    for negative, term in terms:
        code = solution.text(term)
        if is_parenthesized(solution, term):
            code = f"({code})"
        text = (f"-{code}" if negative else code) if not text else f"{text} {'-' if negative else '+'} {code}"
    return text


def is_parenthesized(solution: Solution, node: ast.expr) -> bool:
    """Is the node's text in brackets of its own (`(b + c)` in `a - (b + c)`)?"""
    start, end = solution.span(node)
    before, after = solution.code[:start].rstrip(), solution.code[end:].lstrip()
    return before.endswith("(") and after.startswith(")") and not isinstance(solution.parents.get(node), ast.Call)


# Operators that are easily confused, both ways: the operator's type -> (its symbol, the other's).
SWAPS: dict[type, tuple[str, str]] = {
    ast.Add: ("+", "-"),
    ast.Sub: ("-", "+"),
    ast.Mult: ("*", "@"),
    ast.MatMult: ("@", "*"),
    ast.GtE: (">=", ">"),
    ast.Gt: (">", ">="),
    ast.Lt: ("<", "<="),
    ast.LtE: ("<=", "<"),
}


def swap_operator(solution: Solution) -> Iterator[Candidate]:
    """Swap an operator for the one it is confused with: `+`/`-`, `*`/`@`, `>=`/`>`, `<`/`<=`."""
    for node in solution.nodes(ast.BinOp, ast.AugAssign, ast.Compare):
        if not solution.is_written(node):
            continue  # the sample gives the operator
        if isinstance(node, ast.Compare):
            pairs = list(zip([node.left, *node.comparators], node.comparators, node.ops))
        elif isinstance(node, ast.AugAssign):
            pairs = [(node.target, node.value, node.op)]
        else:
            pairs = [(node.left, node.right, node.op)]
        for left, right, op in pairs:
            if type(op) not in SWAPS:
                continue
            old, new = SWAPS[type(op)]
            assign = "=" if isinstance(node, ast.AugAssign) else ""  # `+=` becomes `-=`
            found = operator_token(solution, left, right, old + assign)
            if found is not None:
                yield solution.candidate(found, f"`{old}{assign}` -> `{new}{assign}`", Edit(found, found + len(old), new))


def operator_token(solution: Solution, left: ast.AST, right: ast.AST, token: str) -> int | None:
    """Return the offset of `token` between two operands (skipping brackets, spaces and comments), or None."""
    start, end = solution.span(left)[1], solution.span(right)[0]
    gap = solution.code[start:end]
    match = re.match(r"(?:[\s()\\]|#[^\n]*)*", gap)
    position = match.end() if match else 0
    if gap[position : position + len(token)] == token:
        return start + position
    return None


def swap_arguments(solution: Solution) -> Iterator[Candidate]:
    """Swap the first two arguments of a call, or the two sides of `@`."""
    for node in solution.nodes(ast.Call, ast.BinOp):
        if isinstance(node, ast.Call):
            if len(node.args) < 2 or any(isinstance(arg, ast.Starred) for arg in node.args[:2]):
                continue
            first, second = node.args[:2]
            at = solution.span(node)[0]
        elif isinstance(node.op, ast.MatMult):
            first, second = node.left, node.right
            at = operator_token(solution, first, second, "@")
            if at is None:
                continue
        else:
            continue
        if not solution.is_written(first, second):
            continue
        (a_start, a_end), (b_start, b_end) = solution.span(first), solution.span(second)
        a, b = solution.code[a_start:a_end], solution.code[b_start:b_end]
        if a == b:
            continue
        yield solution.candidate(at, f"`{short(a)}` and `{short(b)}` swapped", Edit(a_start, a_end, b), Edit(b_start, b_end, a))


def change_constant(solution: Solution) -> Iterator[Candidate]:
    """Change a number: a whole number n > 0 to n - 1 (else n + 1), a decimal x to -x (0.0 to 1.0)."""
    for node in solution.nodes(ast.Constant, ast.UnaryOp):
        if not solution.is_written(node):
            continue
        if isinstance(node, ast.UnaryOp):
            if not (isinstance(node.op, ast.USub) and is_number(node.operand)):
                continue
            value = -node.operand.value
        else:
            parent = solution.parents.get(node)
            if not is_number(node) or (isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.USub)):
                continue
            value = node.value
        if isinstance(value, int):
            changed: int | float = value - 1 if value > 0 else value + 1
        elif isinstance(value, float):
            changed = -value if value else 1.0
        else:
            continue
        yield solution.replace(node, repr(changed))


def is_number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool)


def transpose(solution: Solution) -> Iterator[Candidate]:
    """Add `.T` to a side of `@`, or remove a `.T`."""
    for node in solution.nodes(ast.Attribute, ast.BinOp):
        if isinstance(node, ast.Attribute):
            if node.attr == "T" and isinstance(node.ctx, ast.Load) and solution.is_written(node):
                yield solution.replace(node, solution.text(node.value))
        elif isinstance(node.op, ast.MatMult):
            for side in (node.left, node.right):
                if not solution.is_written(side):
                    continue
                if isinstance(side, (ast.Name, ast.Subscript, ast.Call)) or (isinstance(side, ast.Attribute) and side.attr != "T"):
                    yield solution.replace(side, solution.text(side) + ".T")


# Functions that are easily confused, one way each (`np.` stands for the module's name as the code writes it).
SIBLINGS: dict[str, str] = {
    "np.mean": "np.sum",
    "np.sum": "np.mean",
    "np.maximum": "np.max",
    "np.max": "np.maximum",
    "np.minimum": "np.min",
    "np.min": "np.minimum",
    "np.exp": "np.log",
    "np.log": "np.exp",
    "np.dot": "np.multiply",
    "np.matmul": "np.multiply",
    "np.multiply": "np.dot",
    "np.argmax": "np.max",
    "np.zeros": "np.ones",
    "np.ones": "np.zeros",
    "np.tanh": "sigmoid",
    "sigmoid": "np.tanh",
    "softmax": "sigmoid",
    ".sum": ".mean",
    ".mean": ".sum",
    ".max": ".argmax",
    ".argmax": ".max",
}
NUMPY_NAMES = ("numpy.", "np.")


def replace_function(solution: Solution) -> Iterator[Candidate]:
    """Call a sibling function instead: `np.mean`/`np.sum`, `np.maximum`/`np.max`, `sigmoid`/`np.tanh`, ... (SIBLINGS)."""
    for node in solution.nodes(ast.Call):
        if not solution.is_written(node.func):
            continue
        function = solution.text(node.func)
        module = next((prefix for prefix in NUMPY_NAMES if function.startswith(prefix)), None)
        key = "np." + function[len(module) :] if module else function
        if isinstance(node.func, ast.Attribute) and key not in SIBLINGS:
            key = "." + node.func.attr
        sibling = SIBLINGS.get(key)
        if sibling is None:
            continue
        if sibling.startswith("."):
            start = solution.span(node.func)[1] - len(node.func.attr) - 1
            yield solution.candidate(start, f"`{key}` -> `{sibling}`", Edit(start, solution.span(node.func)[1], sibling))
        else:
            yield solution.replace(node.func, (module or "np.") + sibling[3:] if sibling.startswith("np.") else sibling)


def use_earlier_variable(solution: Solution) -> Iterator[Candidate]:
    """Read another variable bound before it instead of the right one: the most similar name, else the most recent."""
    for node in solution.nodes(ast.Name):
        if not isinstance(node.ctx, ast.Load) or not solution.is_written(node):
            continue
        parent = solution.parents.get(node)
        if isinstance(parent, ast.Call) and parent.func is node:
            continue  # a function, not a variable
        earlier = bound_before(solution, node)
        if node.id not in earlier:
            continue  # a function, a module, a builtin: not a variable of the exercise
        others = [name for name in earlier if name != node.id]
        if others:
            # The most similar name is the likeliest slip (`w_h_o` for `w_i_h`); the most recent breaks ties.
            similar = max(reversed(others), key=lambda name: difflib.SequenceMatcher(None, name, node.id).ratio())
            yield solution.replace(node, similar)


def bound_before(solution: Solution, use: ast.Name) -> list[str]:
    """Return the variables bound before `use` and visible there, the most recent last."""
    statement = solution.parents.get(use)
    while not isinstance(statement, ast.stmt):
        statement = solution.parents.get(statement)
    function = enclosing_function(solution, use)
    outer = function if function is not None else statement
    names = list(solution.pec_variables)
    names += [name for name, _ in stores(solution, None) if name and _ < (outer.lineno, outer.col_offset)]
    if function is not None:
        names += [argument.arg for argument in function.args.posonlyargs + function.args.args + function.args.kwonlyargs]
        names += [name for name, _ in stores(solution, function) if _ < (statement.lineno, statement.col_offset)]
    ordered: list[str] = []
    for name in names:
        if name in ordered:
            ordered.remove(name)
        ordered.append(name)
    return ordered


def stores(solution: Solution, function: ast.AST | None) -> list[tuple[str, tuple[int, int]]]:
    """Return the names bound directly in `function` (None: at the top level), outside comprehensions, with where."""
    found = []
    for node in ast.walk(solution.tree if function is None else function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            if enclosing_function(solution, node) is function and not in_comprehension(solution, node):
                found.append((node.id, (node.lineno, node.col_offset)))
    return sorted(found, key=lambda item: item[1])


def enclosing_function(solution: Solution, node: ast.AST) -> ast.AST | None:
    parent = solution.parents.get(node)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        parent = solution.parents.get(parent)
    return parent


def in_comprehension(solution: Solution, node: ast.AST) -> bool:
    parent = solution.parents.get(node)
    while parent is not None and not isinstance(parent, ast.stmt):
        if isinstance(parent, ast.comprehension):
            return True
        parent = solution.parents.get(parent)
    return False


@dataclass(frozen=True)
class Operator:
    """A kind of mistake: its name (the first part of its mutants' ids), what it does, and the function that finds its places."""

    name: str
    doc: str
    find: Callable[[Solution], Iterator[Candidate]]

    @property
    def ids(self) -> str:
        """The id scheme of its mutants."""
        return f"{self.name}@LINE:COL"


OPERATORS: tuple[Operator, ...] = (
    Operator(
        "delete-statement",
        "leave out one simple statement, not a whole `def`, loop or `if` (a block left empty gets `pass`)",
        delete_statement,
    ),
    Operator("delete-term", "leave out one term of a sum or difference: `a + b + c` becomes `a + c`", delete_term),
    Operator("swap-operator", "swap an operator for the one it is confused with: `+`/`-`, `*`/`@`, `>=`/`>`, `<`/`<=`", swap_operator),
    Operator("swap-arguments", "swap the first two arguments of a call, or the two sides of `@`", swap_arguments),
    Operator(
        "change-constant",
        "change a number: a whole number n > 0 becomes n - 1 (else n + 1), a decimal x becomes -x (0.0 becomes 1.0)",
        change_constant,
    ),
    Operator("transpose", "add `.T` to a side of `@`, or remove a `.T`", transpose),
    Operator(
        "replace-function",
        "call a sibling function: `np.mean`/`np.sum`, `np.maximum`/`np.max`, `np.exp`/`np.log`, `np.dot`/`np.multiply`, "
        "`sigmoid`/`np.tanh`, `.sum`/`.mean`, `.max`/`.argmax`, ...",
        replace_function,
    ),
    Operator(
        "use-earlier-variable",
        "read another variable bound before it instead of the right one: the most similar name (`w_h_o` for `w_i_h`), else the most recent",
        use_earlier_variable,
    ),
)
OPERATORS_BY_NAME: dict[str, Operator] = {operator.name: operator for operator in OPERATORS}
ID_PATTERN = re.compile(rf"(?:{'|'.join(map(re.escape, OPERATORS_BY_NAME))})@\d+:\d+(?:/\d+)?\Z")


def mutants_of(solution_code: str, sample: str = "", pec: str = "", limit: int = MAX_MUTANTS) -> list[Mutant]:
    """Return at most `limit` mutants of the solution, in the order of the code; none if it does not parse."""
    try:
        solution = Solution(solution_code, sample, pec)
    except SyntaxError:
        return []
    original = ast.dump(solution.tree)
    found: dict[str, list[Mutant]] = {}
    seen = {solution_code}
    for operator in OPERATORS:
        mutants = found.setdefault(operator.name, [])
        for candidate in operator.find(solution):
            code = solution.apply(candidate)
            if code in seen or not parses_differently(code, original):
                continue
            seen.add(code)
            mutants.append(
                Mutant(
                    f"{operator.name}@{candidate.line}:{candidate.col}", operator.name, f"line {candidate.line}: {candidate.change}", code
                )
            )
    # The operators take turns, so that a long solution still gets every kind of mistake.
    chosen = [mutant for turn in itertools.zip_longest(*found.values()) for mutant in turn if mutant is not None][:limit]
    order = {operator.name: index for index, operator in enumerate(OPERATORS)}
    chosen.sort(key=lambda mutant: (position(mutant.id), order[mutant.operator]))
    return unique_ids(chosen)


def parses_differently(code: str, original: str) -> bool:
    try:
        return ast.dump(ast.parse(code)) != original
    except SyntaxError:
        return False


def position(mutant_id: str) -> tuple[int, int]:
    line, col = mutant_id.split("@")[1].split("/")[0].split(":")
    return int(line), int(col)


def unique_ids(mutants: list[Mutant]) -> list[Mutant]:
    """Number the second and later mutants that share an id (`…@3:5/2`)."""
    counts: dict[str, int] = {}
    result = []
    for mutant in mutants:
        counts[mutant.id] = counts.get(mutant.id, 0) + 1
        if counts[mutant.id] > 1:
            mutant = Mutant(f"{mutant.id}/{counts[mutant.id]}", mutant.operator, mutant.change, mutant.code)
        result.append(mutant)
    return result


# Sorting the verdicts


EQUIVALENT, SPECIFIC, GENERIC, SURVIVED = "equivalent", "specific", "generic", "survived"

# pythonwhat's fallback feedback (pythonwhat 2.30.1 and protowhat 2.x): messages that do not say what
# is wrong, only that something is, or that the code raised. Each: where it comes from, and its template
# as pythonwhat's source spells it (`{{...}}` is filled in).
GENERIC_FEEDBACK: tuple[tuple[str, str], ...] = (
    ("check_object's missing_msg", "Did you define the {{typestr}} `{{index}}` without errors?"),
    ("has_expr's DEFAULT_ERROR_MSG: the exception's text", "Running {{...}} generated an error: `{{stu_str}}`."),
    ("has_expr's DEFAULT_UNDEFINED_NAME_MSG", "Running {{...}} should define a variable `{{name}}` without errors, but it doesn't."),
    ("has_expr, when it cannot show the values", "Expected something different."),
    ("has_no_error's incorrect_msg", "Have a look at the console: your code contains an error. Fix it and try again!"),
    ("Reporter.build_final_payload: the code raised, and no check failed", "Your code generated an error. Fix it and try again!"),
    ("Reporter.build_final_payload: a check failed without a message", "Your submission is not correct. Try again!"),
)


def template_pattern(template: str) -> str:
    """Return a regular expression for a pythonwhat message template: `{{...}}` is anything, backticks may be gone."""
    pieces = re.split(r"\{\{.*?\}\}", template)
    return ".+?".join(re.escape(piece).replace("`", "`?") for piece in pieces)


GENERIC_PATTERN = re.compile("|".join(f"(?:{template_pattern(template)})" for _, template in GENERIC_FEEDBACK))


def is_generic(feedback: str) -> bool:
    """Is this pythonwhat feedback one of its fallback messages, which do not say what is wrong?"""
    return bool(GENERIC_PATTERN.search(one_line(feedback)))


def one_line(feedback: str) -> str:
    """Return pythonwhat's feedback as text on one line, for the mutants' table."""
    return " ".join(feedback_text(feedback).split())


@dataclass
class Tally:
    """An exercise's mutants, each with its verdict and the feedback the reader would get."""

    verdicts: list[tuple[Mutant, str, str]] = field(default_factory=list)  # (mutant, EQUIVALENT/SPECIFIC/GENERIC/SURVIVED, feedback)
    seconds: float = 0.0  # how long the sessions that checked them took

    def add(self, mutant: Mutant, verdict: str, feedback: str) -> None:
        self.verdicts.append((mutant, verdict, one_line(feedback)))

    def of(self, verdict: str) -> list[tuple[Mutant, str]]:
        """Return the mutants with this verdict, each with its feedback."""
        return [(mutant, feedback) for mutant, found, feedback in self.verdicts if found == verdict]

    @property
    def killed(self) -> int:
        return len(self.of(SPECIFIC)) + len(self.of(GENERIC))

    @property
    def generic_share(self) -> float:
        """The share of the killed mutants that got only generic feedback."""
        return len(self.of(GENERIC)) / self.killed if self.killed else 0.0

    def row(self, exercise: str, accepted: Iterable[str] = ()) -> dict[str, object]:
        """Return the tally as a row of the mutants table (plain data: it crosses pytest-xdist)."""
        accepted = set(accepted)
        return {
            "exercise": exercise,
            "mutants": len(self.verdicts),
            **{verdict: len(self.of(verdict)) for verdict in (EQUIVALENT, SPECIFIC, GENERIC, SURVIVED)},
            "accepted": sum(1 for mutant, _ in self.of(SURVIVED) if mutant.id in accepted),
            "seconds": round(self.seconds, 1),
            "verdicts": [
                [mutant.id, verdict + (" (accepted)" if mutant.id in accepted else ""), mutant.change, feedback]
                for mutant, verdict, feedback in self.verdicts
            ],
        }


# The mutants table (`make mutants`): its columns, as keys of a row and headings.
COLUMNS = ("exercise", "mutants", "equivalent", "specific", "generic", "survived", "seconds")


def table(rows: list[dict], verbose: bool = False) -> list[str]:
    """Return the lines of the mutants table: a row per exercise (sorted), then the totals; `verbose`: then every mutant."""
    if not rows:
        return ["no exercise's mutants were checked (select the `mutants` items, e.g. -k mutants)"]
    rows = sorted(rows, key=lambda row: row["exercise"])
    total = {key: sum(row[key] for row in rows) for key in (*COLUMNS[1:], "accepted")}
    total["exercise"] = f"total ({len(rows)} exercises)"

    def cells(row: dict) -> list[str]:
        survived = f"{row['survived']}" + (f" ({row['accepted']} accepted)" if row["accepted"] else "")
        return [str(row["exercise"]), *(str(row[key]) for key in COLUMNS[1:5]), survived, f"{row['seconds']:.1f}"]

    lines = [list(COLUMNS)] + [cells(row) for row in rows] + [cells(total)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(COLUMNS))]
    text = [
        "  ".join(cell.ljust(width) if column == 0 else cell.rjust(width) for column, (cell, width) in enumerate(zip(line, widths)))
        for line in lines
    ]
    text = [*text[:-1], "-" * len(text[0]), text[-1]]
    if verbose:
        for row in rows:
            text += ["", f"{row['exercise']}:"] + [
                f"  {name}  {verdict}  {change}: {feedback}" for name, verdict, change, feedback in row["verdicts"]
            ]
    return text
