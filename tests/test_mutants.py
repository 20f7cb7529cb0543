"""The mutation operators: which wrong answers each makes of a solution, their ids, and the bound on their number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.checks import mutants
from scripts.checks.mutants import MAX_MUTANTS, OPERATORS, is_generic, mutants_of, table


def changes(solution: str, operator: str, sample: str = "", pec: str = "") -> dict[str, str]:
    """Return the mutants one operator makes, id -> mutated code."""
    return {mutant.id: mutant.code for mutant in mutants_of(solution, sample, pec, limit=1000) if mutant.operator == operator}


def test_delete_statement_leaves_out_one_simple_statement_and_an_emptied_block_gets_pass():
    solution = "a = 1\nb = a + 1\ndef f(x):\n    return x\n"
    assert changes(solution, "delete-statement") == {
        "delete-statement@1:1": "b = a + 1\ndef f(x):\n    return x\n",
        "delete-statement@2:1": "a = 1\ndef f(x):\n    return x\n",
        "delete-statement@4:5": "a = 1\nb = a + 1\ndef f(x):\n    pass\n",
    }


def test_delete_term_leaves_out_each_term_of_a_sum_in_turn():
    assert changes("z = a * x + b - c", "delete-term") == {
        "delete-term@1:5": "z = b - c",
        "delete-term@1:13": "z = a * x - c",
        "delete-term@1:17": "z = a * x + b",
    }
    assert changes("z = a - b", "delete-term") == {"delete-term@1:5": "z = -b", "delete-term@1:9": "z = a"}


def test_swap_operator_swaps_the_pairs_readers_confuse_and_only_the_operator_changes():
    solution = "z = w @ x + b  # the net input\nfires = z >= 0\nsmall = z < 1\nz -= 1"
    assert changes(solution, "swap-operator") == {
        "swap-operator@1:7": "z = w * x + b  # the net input\nfires = z >= 0\nsmall = z < 1\nz -= 1",
        "swap-operator@1:11": "z = w @ x - b  # the net input\nfires = z >= 0\nsmall = z < 1\nz -= 1",
        "swap-operator@2:11": "z = w @ x + b  # the net input\nfires = z > 0\nsmall = z < 1\nz -= 1",
        "swap-operator@3:11": "z = w @ x + b  # the net input\nfires = z >= 0\nsmall = z <= 1\nz -= 1",
        "swap-operator@4:3": "z = w @ x + b  # the net input\nfires = z >= 0\nsmall = z < 1\nz += 1",
    }


def test_swap_arguments_swaps_a_call_s_first_two_arguments_and_the_sides_of_matmul():
    assert changes("y = np.random.rand(h_n, i_n)\nz = w_i_h @ x", "swap-arguments") == {
        "swap-arguments@1:5": "y = np.random.rand(i_n, h_n)\nz = w_i_h @ x",
        "swap-arguments@2:11": "y = np.random.rand(h_n, i_n)\nz = x @ w_i_h",
    }
    assert changes("y = f(a, a)", "swap-arguments") == {}  # swapping equal arguments changes nothing


def test_change_constant_counts_whole_numbers_down_and_negates_decimals():
    assert changes("n = 50\nk = 0\nx = 0.5\ny = -1.0\nz = 0.0\nflag = True", "change-constant") == {
        "change-constant@1:5": "n = 49\nk = 0\nx = 0.5\ny = -1.0\nz = 0.0\nflag = True",
        "change-constant@2:5": "n = 50\nk = 1\nx = 0.5\ny = -1.0\nz = 0.0\nflag = True",
        "change-constant@3:5": "n = 50\nk = 0\nx = -0.5\ny = -1.0\nz = 0.0\nflag = True",
        "change-constant@4:5": "n = 50\nk = 0\nx = 0.5\ny = 1.0\nz = 0.0\nflag = True",
        "change-constant@5:5": "n = 50\nk = 0\nx = 0.5\ny = -1.0\nz = 1.0\nflag = True",
    }


def test_transpose_adds_t_to_a_side_of_matmul_or_removes_one():
    assert changes("dW = delta @ H.T", "transpose") == {
        "transpose@1:6": "dW = delta.T @ H.T",
        "transpose@1:14": "dW = delta @ H",
    }


def test_replace_function_calls_a_sibling_keeping_the_module_s_name():
    assert changes("a = numpy.mean(x)\nb = np.maximum(0, z)\nc = sigmoid(z)\nd = x.sum(axis=0)", "replace-function") == {
        "replace-function@1:5": "a = numpy.sum(x)\nb = np.maximum(0, z)\nc = sigmoid(z)\nd = x.sum(axis=0)",
        "replace-function@2:5": "a = numpy.mean(x)\nb = np.max(0, z)\nc = sigmoid(z)\nd = x.sum(axis=0)",
        "replace-function@3:5": "a = numpy.mean(x)\nb = np.maximum(0, z)\nc = np.tanh(z)\nd = x.sum(axis=0)",
        "replace-function@4:6": "a = numpy.mean(x)\nb = np.maximum(0, z)\nc = sigmoid(z)\nd = x.mean(axis=0)",
    }


def test_use_earlier_variable_reads_the_most_similar_variable_bound_before_it():
    pec = "import numpy as np\nw_i_h = np.ones((2, 3))\nw_h_o = np.ones((1, 2))\nx = np.ones(3)\ndef sigmoid(z):\n    return z"
    found = changes("h = sigmoid(w_i_h @ x)\ny = w_h_o @ h", "use-earlier-variable", pec=pec)
    assert found == {
        "use-earlier-variable@1:13": "h = sigmoid(w_h_o @ x)\ny = w_h_o @ h",  # w_h_o is the name most like w_i_h
        "use-earlier-variable@1:21": "h = sigmoid(w_i_h @ w_h_o)\ny = w_h_o @ h",  # none is like x: the most recent before it
        "use-earlier-variable@2:5": "h = sigmoid(w_i_h @ x)\ny = w_i_h @ h",
        "use-earlier-variable@2:13": "h = sigmoid(w_i_h @ x)\ny = w_h_o @ w_h_o",  # as like h as w_i_h, and more recent
    }


def test_use_earlier_variable_sees_a_function_s_parameters_and_locals_not_its_functions_or_modules():
    found = changes("def f(a, b):\n    c = a + b\n    return np.sum(c)", "use-earlier-variable")
    assert found == {
        "use-earlier-variable@2:9": "def f(a, b):\n    c = b + b\n    return np.sum(c)",
        "use-earlier-variable@2:13": "def f(a, b):\n    c = a + a\n    return np.sum(c)",
        "use-earlier-variable@3:19": "def f(a, b):\n    c = a + b\n    return np.sum(b)",
    }


def test_statements_the_sample_gives_unchanged_are_not_mutated():
    solution = "i_n = 3\nh_n = 5\nw = np.random.rand(h_n, i_n)\nprint(w)"
    sample = "i_n = 3\nh_n = 5\nw = np.random.rand(___, ___)\nprint(w)"
    assert {mutant.id.split(":")[0] for mutant in mutants_of(solution, sample)} == {
        "delete-statement@3",
        "swap-arguments@3",
        "use-earlier-variable@3",
    }


def test_only_what_stands_in_the_sample_s_blanks_or_departs_from_it_is_mutated():
    solution = "for k in [1, 3]:\n    z_numpy = w @ x + b * k\nprint(z_numpy)"
    sample = "for k in [1, 3]:\n    z_numpy = ___ + b * k\nprint(z_numpy)"
    # The loop, `+ b * k` and the print are given; the reader writes `w @ x`.
    assert [mutant.id for mutant in mutants_of(solution, sample)] == [
        "delete-statement@2:5",
        "transpose@2:15",
        "swap-operator@2:17",
        "swap-arguments@2:17",
        "transpose@2:19",
    ]
    # What differs from the sample is the reader's too, blank or not: here the number only.
    assert [mutant.id for mutant in mutants_of("z = a + 2", "z = a + 1")] == ["delete-statement@1:1", "change-constant@1:9"]
    # A statement the sample lacks is the reader's in full.
    assert [mutant.id for mutant in mutants_of("a = 1\nz = a + 2\ny = z", "a = 1\nz = a + 2")] == [
        "delete-statement@3:1",
        "use-earlier-variable@3:5",
    ]


def test_a_solution_that_does_not_parse_has_no_mutants():
    assert mutants_of("z = (1 +") == []


LONG_SOLUTION = "\n".join(f"z{n} = np.sum(w{n} @ x{n} + b{n} * {n + 1}) - c{n}.T" for n in range(12))


def test_generation_is_bounded_deterministic_and_gives_every_operator_its_turn():
    first = mutants_of(LONG_SOLUTION, pec="\n".join(f"w{n} = x{n} = b{n} = c{n} = 1" for n in range(12)))
    assert len(first) == MAX_MUTANTS
    assert [(mutant.id, mutant.code) for mutant in first] == [
        (mutant.id, mutant.code) for mutant in mutants_of(LONG_SOLUTION, pec="\n".join(f"w{n} = x{n} = b{n} = c{n} = 1" for n in range(12)))
    ]
    assert {mutant.operator for mutant in first} == {operator.name for operator in OPERATORS}
    assert len({mutant.id for mutant in first}) == len(first) == len({mutant.code for mutant in first})
    assert all(mutants.ID_PATTERN.match(mutant.id) for mutant in first)
    lines = [int(mutant.id.split("@")[1].split(":")[0]) for mutant in first]
    assert lines == sorted(lines)  # in the order of the code


def test_a_mutant_shows_as_a_diff_of_the_solution():
    [mutant] = [mutant for mutant in mutants_of("a = 1\nz = a + 2\nprint(z)") if mutant.id == "swap-operator@2:7"]
    assert mutant.change == "line 2: `+` -> `-`"
    assert mutant.diff("a = 1\nz = a + 2\nprint(z)") == "\n".join(
        ["--- solution", "+++ mutant swap-operator@2:7", "@@ -1,3 +1,3 @@", " a = 1", "-z = a + 2", "+z = a - 2", " print(z)"]
    )


@pytest.mark.parametrize(
    "feedback",
    [
        "Did you define the variable <code>z_h</code> without errors?",
        "Check the definition of <code>relu()</code>. To verify it, we reran <code>relu(np.array([-1.0]))</code>. Running it generated an error: <code>truth value ambiguous</code>.",
        "Running the highlighted expression generated an error: `matmul: Input operand 1 has a mismatch (n?,k),(k,m?)-&gt;(n?,m?)`.",
        "Did you correctly define the variable <code>h</code>? Expected something different.",
        "Have a look at the console: your code contains an error. Fix it and try again!",
        "Your code generated an error. Fix it and try again!",
    ],
)
def test_pythonwhat_s_fallback_messages_are_generic(feedback):
    assert is_generic(feedback)


@pytest.mark.parametrize(
    "feedback",
    [
        "`z_numpy` should be a single number (shape `()`), but yours has shape `(3,)`.",
        "Did you correctly define the variable <code>a</code>? Expected <code>4</code>, but got <code>5</code>.",
        "Define `z_numpy`. If its line raised an error, check the shapes: `w` and `x` are both vectors of shape (3,).",
        "Did you call <code>np.dot()</code>?",
    ],
)
def test_feedback_that_says_what_is_wrong_is_specific(feedback):
    assert not is_generic(feedback)


def test_the_generic_messages_are_still_pythonwhat_s_own():
    # When the runtime's pythonwhat changes its wording, the templates must follow.
    from scripts.runtime import VENV

    packages = next((VENV / "lib").glob("python3*/site-packages"))
    sources = " ".join(path.read_text(encoding="utf-8") for name in ("pythonwhat", "protowhat") for path in (packages / name).rglob("*.py"))
    for _, template in mutants.GENERIC_FEEDBACK:
        for piece in re.split(r"\{\{.*?\}\}", template):
            assert piece in sources, template


def test_the_table_has_a_row_per_exercise_then_the_totals():
    rows = [
        {
            "exercise": "post::b",
            "mutants": 4,
            "equivalent": 1,
            "specific": 2,
            "generic": 0,
            "survived": 1,
            "accepted": 1,
            "seconds": 1.25,
            "verdicts": [],
        },
        {
            "exercise": "post::a",
            "mutants": 10,
            "equivalent": 0,
            "specific": 8,
            "generic": 2,
            "survived": 0,
            "accepted": 0,
            "seconds": 3.0,
            "verdicts": [],
        },
    ]
    header = "exercise             mutants  equivalent  specific  generic        survived  seconds"
    assert table(rows) == [
        header,
        "post::a                   10           0         8        2               0      3.0",
        "post::b                    4           1         2        0  1 (1 accepted)      1.2",
        "-" * len(header),
        "total (2 exercises)       14           1        10        2  1 (1 accepted)      4.2",
    ]


def test_the_checks_doc_lists_every_operator_as_the_table_has_it():
    doc = (Path(__file__).resolve().parents[1] / "docs" / "checks.md").read_text(encoding="utf-8")
    rows = [line for line in doc.splitlines() if line.startswith("| `") and "@LINE:COL` |" in line]
    assert rows == [f"| `{operator.name}` | {operator.doc} | `{operator.ids}` |" for operator in OPERATORS]
