# ---
# title: Neural Network Fundamentals I
# date: 2018-01-25
# tags: [Deep Learning, Neural Networks, Class17/18, Blog Instruction]
# categories: [seminar]
# series: Neural Network Fundamentals
# description: "Part I of the Neural Network Fundamentals: the artificial neuron, activation functions and the perceptron"
# banner: img/banners/seminar_nn.png
# author: Group NN
# disqusShortname: https-wisample-github-io-blog
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# ## The artificial neuron
#
# This is the first part of our series *Neural Network Fundamentals*. Here we build the
# smallest piece of every network, a single neuron, and teach it a simple task.
# [Part II]({{< relref "nn-fundamentals-2" >}}) connects many neurons into layers,
# [Part III]({{< relref "nn-fundamentals-3" >}}) shows how a whole network learns,
# [Part IV]({{< relref "nn-fundamentals-4" >}}) trains one on real data, and
# [Part V]({{< relref "nn-fundamentals-5" >}}) computes its gradients automatically, as the
# deep-learning libraries do.
#
# ### From the biological neuron to a formula
#
# A nerve cell receives signals from other cells through its *dendrites*. The connections,
# the *synapses*, are not all equally strong: some amplify a signal, some damp it, some
# inhibit the cell. The cell body adds up what arrives, and only if the total passes a
# threshold does the neuron *fire*, sending a pulse along its *axon* to the next cells.
#
# The artificial neuron keeps exactly these three ideas:
#
# * the inputs $x_1, \dots, x_n$ arrive over connections with **weights** $w_1, \dots, w_n$
#   (a large weight is a strong synapse, a negative weight an inhibiting one);
# * the neuron adds the weighted inputs and a **bias** $b$, which shifts the threshold:
#
# $$z = \sum_{j=1}^{n} w_j x_j + b = \mathbf{w}^\top \mathbf{x} + b$$
#
# * an **activation function** $\varphi$ decides how strongly the neuron fires: its output is
#   $a = \varphi(z)$.

# %% [markdown]
# ### Activation functions
#
# The most literal model of "fire or don't" is the **step function**. Smoother functions
# turn out to be far more useful, because (as [Part III]({{< relref "nn-fundamentals-3" >}})
# shows) learning needs derivatives:
#
# | name | formula | range |
# | --- | --- | --- |
# | step | $H(z) = 1$ if $z \ge 0$, else $0$ | $\{0, 1\}$ |
# | sigmoid | $\sigma(z) = \dfrac{1}{1 + e^{-z}}$ | $(0, 1)$ |
# | tanh | $\tanh(z) = \dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$ | $(-1, 1)$ |
# | ReLU | $\mathrm{ReLU}(z) = \max(0, z)$ | $[0, \infty)$ |
#
# All four work element by element on numpy arrays. numpy has tanh built in, and the sigmoid
# is one line:

# %%
import math
from fractions import Fraction

import numpy as np
import matplotlib.pyplot as plt


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


print(sigmoid(np.array([-2.0, 0.0, 2.0])).round(4))
print(np.tanh(np.array([-2.0, 0.0, 2.0])).round(4))

# %% [markdown]
# The other two are yours. `np.where(condition, a, b)` picks `a` where the condition
# holds and `b` elsewhere; `np.maximum` takes the larger of two values element by element.

# %% tags=["pre-exercise-code"] exercise="define-activations"
import numpy as np

# %% [raw] tags=["sample-code"]
# # The step function: 1.0 where the neuron fires, else 0.0
# def step(z):
#     return np.where(___, 1.0, 0.0)
#
# # ReLU: z where z is positive, else 0, element by element
# def relu(z):
#     return ___
#
# print(step(np.array([-1.0, 0.0, 2.5])))
# print(relu(np.array([-1.0, 0.0, 2.5])))

# %% tags=["solution"]
# The step function: 1.0 where the neuron fires, else 0.0
def step(z):
    return np.where(z >= 0, 1.0, 0.0)

# ReLU: z where z is positive, else 0, element by element
def relu(z):
    return np.maximum(0, z)

print(step(np.array([-1.0, 0.0, 2.5])))
print(relu(np.array([-1.0, 0.0, 2.5])))

# %% tags=["solution-alternative"]
# The step function: 1.0 where the neuron fires, else 0.0
def step(z):
    return (z >= 0).astype(float)

# ReLU: z where z is positive, else 0, element by element
def relu(z):
    return np.where(z > 0, z, 0.0)

print(step(np.array([-1.0, 0.0, 2.5])))
print(relu(np.array([-1.0, 0.0, 2.5])))

# %% tags=["solution-alternative"]
# The step function: 1.0 where the neuron fires, else 0.0
def step(z):
    return np.array([1.0 if z_j >= 0 else 0.0 for z_j in z])

# ReLU: z where z is positive, else 0, element by element
def relu(z):
    return z * (z > 0)

print(step(np.array([-1.0, 0.0, 2.5])))
print(relu(np.array([-1.0, 0.0, 2.5])))

# %% [raw] tags=["sct"]
# import ast
# import numpy as np
#
# state = Ex()._state
# code = state.student_code
# error = str(state.reporter.errors[0]) if state.reporter.errors else ""
#
#
# def fail(message, **values):
#     """Stop with this feedback; `values` fill its {{...}} fields."""
#     state.report(message, values)
#
#
# def blank_left(advice):
#     """Report the first line that still holds a blank `___`, with the advice (owner function, start, message) for it."""
#     owner = None
#     for line in code.splitlines():
#         if line.strip() and not line[0].isspace():
#             owner = line[4:].split("(")[0].strip() if line.startswith("def ") else None
#         text = line.split("#")[0].strip()
#         if "___" in text:
#             for where, start, message in advice:
#                 if where == owner and text.startswith(start):
#                     fail(message)
#             fail("Replace the blank `___` in the line `{{line}}`.", line=text)
#
#
# def defined():
#     """The names the student's code defines at the top level, and the names of its functions."""
#     try:
#         tree = ast.parse(code)
#     except SyntaxError:
#         return set(), []
#     names, functions = set(), []
#     for node in tree.body:
#         if isinstance(node, ast.FunctionDef):
#             names.add(node.name)
#             functions.append(node.name)
#         elif isinstance(node, (ast.Assign, ast.AugAssign)):
#             for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
#                 names.update(sub.id for sub in ast.walk(target) if isinstance(sub, ast.Name))
#     return names, functions
#
#
# ATTEMPT = """
# def _attempt(call):
#     try:
#         return ("value", call())
#     except Exception as problem:
#         return ("raised", type(problem).__name__ + ": " + str(problem))
# """
# seen = []
#
#
# def keep(student, solution):
#     seen.append(student)
#     return True
#
#
# def run(expr):
#     """Evaluate `expr` in the student's process: (its value, None), or (None, the exception it raised)."""
#     Ex().has_equal_value(expr_code="_attempt(lambda: " + expr + ")", pre_code=ATTEMPT, func=keep,
#                          error_msg="Running `" + expr + "` raised `{{stu_str}}`.")
#     answer = seen[-1]
#     if not (isinstance(answer, tuple) and len(answer) == 2):
#         fail("`{{expr}}` should give numbers, but it gave something that cannot be compared: `{{answer}}`.", expr=expr, answer=str(answer))
#     return (answer[1], None) if answer[0] == "value" else (None, answer[1])
#
#
# def reached(name, advice=""):
#     """Report the error of the student's code if it stopped before defining `name`."""
#     if error:
#         value, raised = run("'" + name + "' in globals()")
#         if value is False:
#             fail("Your code stopped with `{{error}}` before it defined `{{name}}`: fix the line it names first." + advice, error=error, name=name)
#
#
# def close(value, target):
#     """Is `value` `target` up to rounding? A tuple target is a structure (its parts compared one by one), a list target numbers."""
#     try:
#         if isinstance(target, tuple):
#             return isinstance(value, (tuple, list)) and len(value) == len(target) and all(close(v, t) for v, t in zip(value, target))
#         return np.shape(value) == np.shape(target) and bool(np.allclose(np.asarray(value, dtype=float), target))
#     except (TypeError, ValueError):
#         return False
#
# blank_left([
#     ("step", "return np.where(___", "Fill in the blank in `step`: the condition, a comparison of `z` with 0, under which `np.where` picks 1.0."),
#     ("relu", "return ___", "Fill in the blank in `relu`: what it returns, from `z`, element by element."),
# ])
# names, functions = defined()
# for name in ("step", "relu"):
#     if name not in names:
#         if [f for f in functions if f not in ("step", "relu")]:
#             fail("Your code defines `{{others}}` but no `{{name}}`: keep the sample's name `{{name}}`, which the checks call.", name=name, others="`, `".join(f for f in functions if f not in ("step", "relu")))
#         fail("Define a function `{{name}}(z)`, as the sample does.", name=name)
#
# reached("step")
# reached("relu")
# value, raised = run("step(np.array([-3.0, -0.5, 0.5, 3.0]))")
# if raised and "truth value" in raised:
#     fail("`step` must work element by element, but calling it on an array raised `{{raised}}`: Python's `if` looks at a whole array at once, while a comparison such as `z < 1` gives one answer per element, and `np.where` picks per element.", raised=raised)
# if raised:
#     fail("Calling `step` on the array [-3, -0.5, 0.5, 3] raised `{{raised}}`: `np.where` takes the condition (a comparison of `z` with 0), then the value where it holds, then the value elsewhere.", raised=raised)
# if value is None:
#     fail("`step` returns nothing (`None`): it should `return` the array that `np.where` makes.")
# if np.shape(value) != (4,):
#     fail("`step` should return one value per element of `z`: for the 4 values [-3, -0.5, 0.5, 3] it returned `{{value}}`.", value=str(value))
# if np.asarray(value).dtype == bool:
#     fail("`step` returns booleans, `{{value}}`; it should give the numbers 1.0 and 0.0, as `np.where` does with the sample's 1.0 and 0.0.", value=str(value))
# if close(value, [1.0, 1.0, 0.0, 0.0]):
#     fail("`step` gives 1.0 for negative and 0.0 for positive values: the other way round. The neuron fires, 1.0, where z is at least 0.")
# if not close(value, [0.0, 0.0, 1.0, 1.0]):
#     fail("`step` should give 0.0 for negative and 1.0 for positive values, element by element: for [-3, -0.5, 0.5, 3] it gave `{{value}}`.", value=str(value))
# value, raised = run("step(np.array([0.0]))")
# if raised or not close(value, [1.0]):
#     fail("`step(0)` should be 1.0: the neuron fires when z ≥ 0, the boundary included. Yours gave `{{value}}`.", value=raised or str(value))
#
# value, raised = run("relu(np.array([-3.0, -0.5, 0.0, 0.5, 3.0]))")
# if raised and ("truth value" in raised or "max" in raised and "iterable" in raised):
#     fail("`relu` must work element by element, but calling it on an array raised `{{raised}}`: Python's `if` and built-in `max` look at a whole array at once; `np.maximum` compares two values element by element.", raised=raised)
# if raised and ("integer" in raised or "axis" in raised):
#     fail("Calling `relu` on an array raised `{{raised}}`: `np.max` finds the largest element of one array (its second argument is an axis); `np.maximum` compares two values element by element.", raised=raised)
# if raised:
#     fail("Calling `relu` on the array [-3, -0.5, 0, 0.5, 3] raised `{{raised}}`: `np.maximum` takes the two things to compare, element by element: 0 and `z`.", raised=raised)
# if value is None:
#     fail("`relu` returns nothing (`None`): it should `return` an array of the same shape as `z`.")
# if np.shape(value) != (5,):
#     fail("`relu` should return one value per element of `z`: for the 5 values [-3, -0.5, 0, 0.5, 3] it returned `{{value}}`.", value=str(value))
# if close(value, [0.0, 0.0, 0.0, 1.0, 1.0]) or close(value, [0.0, 0.0, 1.0, 1.0, 1.0]):
#     fail("`relu` gives 1 for positive values, like the step; ReLU keeps a positive z as it is: for [-3, -0.5, 0, 0.5, 3] it should give [0, 0, 0, 0.5, 3], yours gave `{{value}}`.", value=str(value))
# if close(value, [-3.0, -0.5, 0.0, 0.0, 0.0]):
#     fail("`relu` keeps the negative values and puts 0 in place of the positive ones: the smaller of 0 and z. ReLU takes the larger.")
# if close(value, [3.0, 0.5, 0.0, 0.5, 3.0]):
#     fail("`relu` turns negative values positive; ReLU puts 0 in place of them.")
# if not close(value, [0.0, 0.0, 0.0, 0.5, 3.0]):
#     fail("`relu` should keep positive values and put 0 in place of negative ones, element by element: for [-3, -0.5, 0, 0.5, 3] it gave `{{value}}`.", value=str(value))
# if error:
#     fail("Both functions are right, but your code raised `{{error}}` afterwards.", error=error)
# success_msg("Well done: two of the four activation functions, vectorised.")

# %% [markdown] tags=["hint"]
# The step needs a comparison of `z` with 0: which comparison operator lets the point z = 0 itself fire? For ReLU, the text above names the numpy function that compares two values element by element.

# %% [markdown]
# Here are ours, which the rest of the post uses, and all four functions side by side:

# %%
def step(z):
    return np.where(z >= 0, 1.0, 0.0)


def relu(z):
    return np.maximum(0, z)


print(step(np.array([-2.0, 0.0, 2.0])))
print(relu(np.array([-2.0, 0.0, 2.0])))

# %% tags=["hide-input"] alt="Four panels plotting the activation functions from z = -5 to 5: the step function jumps from 0 to 1 at zero, the sigmoid rises smoothly from 0 to 1 through 0.5, tanh rises from -1 to 1 through 0, and ReLU is 0 for negative z and the identity for positive z."
z = np.linspace(-5, 5, 201)
activations = {"step": step, "sigmoid": sigmoid, "tanh": np.tanh, "ReLU": relu}

fig, axes = plt.subplots(2, 2, figsize=(7, 4.8), sharex=True)
for ax, (name, phi) in zip(axes.ravel(), activations.items()):
    ax.plot(z, phi(z))
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.axvline(0, color="grey", linewidth=0.5)
    ax.set_title(name)
for ax in axes[1]:
    ax.set_xlabel("$z$")
fig.tight_layout()
plt.show()

# %% [markdown]
# The sigmoid is a smoothed step: $\sigma(0) = 0.5$, and for large $|z|$ it is almost 0 or 1.
# tanh has the same shape but is centred on zero, $\tanh(z) = 2\sigma(2z) - 1$. ReLU does not
# saturate for positive inputs, which makes it the default in deep networks today;
# [Part IV]({{< relref "nn-fundamentals-4" >}}) trains a network with a hidden layer of ReLUs.
#
# ### One neuron, by hand and with numpy
#
# Take a neuron with three inputs, $\mathbf{x} = (1.0,\ 0.5,\ -1.0)$, weights
# $\mathbf{w} = (0.4,\ -0.2,\ 0.1)$ and bias $b = 0.05$. By hand:
#
# $$z = 0.4 \cdot 1.0 + (-0.2) \cdot 0.5 + 0.1 \cdot (-1.0) + 0.05 = 0.4 - 0.1 - 0.1 + 0.05 = 0.25$$
#
# $$a = \sigma(0.25) = \frac{1}{1 + e^{-0.25}} \approx 0.5622$$
#
# With numpy the weighted sum is a dot product, `w @ x` (or `np.dot(w, x)`), however many
# inputs there are. Your turn: compute the weighted sum of another neuron by writing out the
# sum, then with the dot product.

# %% tags=["pre-exercise-code"] exercise="weighted-sum"
import numpy as np

# Three inputs, their weights and the bias of one neuron
x1, x2, x3 = 2.0, -1.0, 0.5
w1, w2, w3 = 0.3, 0.8, -0.5
b = 0.1

# %% [raw] tags=["sample-code"]
# # The weighted sum of the inputs plus the bias, written out term by term
# z = ___
#
# # The same with numpy, from the weight vector and the input vector
# w = np.array([w1, w2, w3])
# x = np.array([x1, x2, x3])
# z_numpy = ___ + b
#
# print(z, z_numpy)

# %% tags=["solution"]
# The weighted sum of the inputs plus the bias, written out term by term
z = w1 * x1 + w2 * x2 + w3 * x3 + b

# The same with numpy, from the weight vector and the input vector
w = np.array([w1, w2, w3])
x = np.array([x1, x2, x3])
z_numpy = w @ x + b

print(z, z_numpy)

# %% tags=["solution-alternative"]
# The weighted sum of the inputs plus the bias, written out term by term
z = b + x3 * w3 + x2 * w2 + x1 * w1

# The same with numpy, from the weight vector and the input vector
w = np.array([w1, w2, w3])
x = np.array([x1, x2, x3])
z_numpy = np.dot(w, x) + b

print(z, z_numpy)

# %% tags=["solution-alternative"]
# The weighted sum of the inputs plus the bias, written out term by term
z = x1 * w1 + x2 * w2 + x3 * w3
z = z + b

# The same with numpy, from the weight vector and the input vector
w = np.array([w1, w2, w3])
x = np.array([x1, x2, x3])
products = w * x
z_numpy = products.sum() + b

print(z, z_numpy)

# %% [raw] tags=["sct"]
# import ast
# import numpy as np
#
# state = Ex()._state
# code = state.student_code
# error = str(state.reporter.errors[0]) if state.reporter.errors else ""
#
#
# def fail(message, **values):
#     """Stop with this feedback; `values` fill its {{...}} fields."""
#     state.report(message, values)
#
#
# def blank_left(advice):
#     """Report the first line that still holds a blank `___`, with the advice (owner function, start, message) for it."""
#     owner = None
#     for line in code.splitlines():
#         if line.strip() and not line[0].isspace():
#             owner = line[4:].split("(")[0].strip() if line.startswith("def ") else None
#         text = line.split("#")[0].strip()
#         if "___" in text:
#             for where, start, message in advice:
#                 if where == owner and text.startswith(start):
#                     fail(message)
#             fail("Replace the blank `___` in the line `{{line}}`.", line=text)
#
#
# def defined():
#     """The names the student's code defines at the top level, and the names of its functions."""
#     try:
#         tree = ast.parse(code)
#     except SyntaxError:
#         return set(), []
#     names, functions = set(), []
#     for node in tree.body:
#         if isinstance(node, ast.FunctionDef):
#             names.add(node.name)
#             functions.append(node.name)
#         elif isinstance(node, (ast.Assign, ast.AugAssign)):
#             for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
#                 names.update(sub.id for sub in ast.walk(target) if isinstance(sub, ast.Name))
#     return names, functions
#
#
# ATTEMPT = """
# def _attempt(call):
#     try:
#         return ("value", call())
#     except Exception as problem:
#         return ("raised", type(problem).__name__ + ": " + str(problem))
# """
# seen = []
#
#
# def keep(student, solution):
#     seen.append(student)
#     return True
#
#
# def run(expr):
#     """Evaluate `expr` in the student's process: (its value, None), or (None, the exception it raised)."""
#     Ex().has_equal_value(expr_code="_attempt(lambda: " + expr + ")", pre_code=ATTEMPT, func=keep,
#                          error_msg="Running `" + expr + "` raised `{{stu_str}}`.")
#     answer = seen[-1]
#     if not (isinstance(answer, tuple) and len(answer) == 2):
#         fail("`{{expr}}` should give numbers, but it gave something that cannot be compared: `{{answer}}`.", expr=expr, answer=str(answer))
#     return (answer[1], None) if answer[0] == "value" else (None, answer[1])
#
#
# def reached(name, advice=""):
#     """Report the error of the student's code if it stopped before defining `name`."""
#     if error:
#         value, raised = run("'" + name + "' in globals()")
#         if value is False:
#             fail("Your code stopped with `{{error}}` before it defined `{{name}}`: fix the line it names first." + advice, error=error, name=name)
#
#
# def close(value, target):
#     """Is `value` `target` up to rounding? A tuple target is a structure (its parts compared one by one), a list target numbers."""
#     try:
#         if isinstance(target, tuple):
#             return isinstance(value, (tuple, list)) and len(value) == len(target) and all(close(v, t) for v, t in zip(value, target))
#         return np.shape(value) == np.shape(target) and bool(np.allclose(np.asarray(value, dtype=float), target))
#     except (TypeError, ValueError):
#         return False
#
# INPUTS = ("x1", "x2", "x3", "w1", "w2", "w3", "b")
# OTHER = {"x1": -1.5, "x2": 4.0, "x3": 2.0, "w1": 0.7, "w2": -0.2, "w3": 1.5, "b": -0.6}  # z = 0.7 * -1.5 - 0.8 + 3.0 - 0.6 = 0.55
#
#
# def uses_numpy(name, tree):
#     """Does an assignment to `name` call numpy or use `@`?"""
#     for node in ast.walk(tree):
#         if isinstance(node, ast.Assign) and any(isinstance(sub, ast.Name) and sub.id == name for target in node.targets for sub in ast.walk(target)):
#             for sub in ast.walk(node.value):
#                 if isinstance(sub, ast.BinOp) and type(sub.op).__name__ == "MatMult" or isinstance(sub, ast.Attribute) or isinstance(sub, ast.Name) and sub.id == "np":
#                     return True
#     return False
#
#
# def sources(name, tree):
#     """The names the value of `name` is computed from, followed back through the student's assignments."""
#     assigned = {}
#     for node in ast.walk(tree):
#         if isinstance(node, (ast.Assign, ast.AugAssign)):
#             targets = node.targets if isinstance(node, ast.Assign) else [node.target]
#             used = {sub.id for sub in ast.walk(node.value) if isinstance(sub, ast.Name)}
#             if isinstance(node, ast.AugAssign):
#                 used |= {sub.id for sub in ast.walk(node.target) if isinstance(sub, ast.Name)}
#             for target in targets:
#                 for sub in ast.walk(target):
#                     if isinstance(sub, ast.Name):
#                         assigned.setdefault(sub.id, set()).update(used)
#     direct = assigned.get(name, set())
#     found, todo = set(), list(direct)
#     while todo:
#         current = todo.pop()
#         if current not in found:
#             found.add(current)
#             todo.extend(assigned.get(current, set()) - {current})
#     return direct, found
#
#
# blank_left([
#     (None, "z = ___", "Fill in the blank in `z = ___`: the weighted sum, written out: each input times its own weight, all added up, plus the bias."),
#     (None, "z_numpy = ___", "Fill in the blank in `z_numpy = ___ + b`: the dot product of the weight vector `w` and the input vector `x`."),
# ])
# if "could not be parsed" in error or "invalid syntax" in error:
#     fail("Your code could not be run: `{{error}}`. Check the line it names for a missing operator or bracket.", error=error)
# if error.startswith("name '"):
#     missing = error.split("'")[1]
#     if missing in ("z", "z_numpy"):
#         fail("Your code uses `{{name}}` before it has a value: keep its line, `{{name}} = ...`, above the `print`.", name=missing)
#     fail("Your code uses `{{name}}`, which is not defined: the inputs are `x1`, `x2`, `x3`, the weights `w1`, `w2`, `w3`, the bias `b`, and the vectors `w` and `x`, defined by the sample's lines (keep them above `z_numpy`).", name=missing)
# if "unsupported operand" in error and "@" in error:
#     fail("Your code raised `{{error}}`: `@` is the dot product of two vectors (arrays), such as `w` and `x`; numbers like `w1` and `x1` are multiplied with `*`.", error=error)
# if "dimensions" in error:
#     fail("Your code raised `{{error}}`: `@` is the dot product of two vectors, `w` and `x` of shape (3,); one side of yours is a single number.", error=error)
# if "not aligned" in error or "mismatch" in error or "broadcast" in error:
#     fail("Your code raised `{{error}}`: check the shapes. `w` and `x` are both vectors of shape (3,), and their dot product is one number.", error=error)
# if error:
#     fail("Your code raised `{{error}}`. The weighted sum needs only `*`, `+` and, for `z_numpy`, the dot product of `w` and `x`.", error=error)
#
# tree = ast.parse(code)
# Ex().check_object("z", missing_msg="Define `z`, the weighted sum written out term by term.")
# value, raised = run("z")
# if close(value, -0.45):
#     fail("`z` is `{{value}}`: you left out the bias. The weighted sum adds `b` once, after the three products.", value=str(value))
# if close(value, -0.25):
#     fail("`z` is `{{value}}`: you added the bias twice. The weighted sum adds `b` once.", value=str(value))
# if close(value, 2.1) or close(value, 2.2):
#     fail("`z` is `{{value}}`: that adds the inputs and the weights. Each input should be multiplied by its own weight, and the products added up.", value=str(value))
# if not close(value, -0.35):
#     fail("`z` should add up each input times its own weight, and the bias once: that makes -0.35, but yours is `{{value}}`.", value=str(value))
# direct, found = sources("z", tree)
# if not found & set(INPUTS):
#     fail("`z` is right, but you typed in its value: compute it from the variables `x1`, `x2`, `x3`, `w1`, `w2`, `w3` and `b`, so that it holds for any inputs.")
# Ex().has_equal_value(name="z", extra_env=OTHER, func=close,
#                      incorrect_msg="`z` is right for these inputs, but a number in it stands in for a variable: with other inputs and weights it gives `{{stu_eval}}` instead of 0.55. Use the names `x1` ... `w3` and `b`, not their values.",
#                      error_msg="`z` is right for these inputs, but computing it with other inputs raised `{{stu_str}}`.",
#                      undefined_msg="`z` is right for these inputs, but with other inputs your code does not define it.")
#
# Ex().check_object("z_numpy", missing_msg="Define `z_numpy`, the weighted sum computed with numpy.")
# value, raised = run("z_numpy")
# direct, found = sources("z_numpy", tree)
# if "z" in direct:
#     fail("`z_numpy` reuses `z`: compute it again, with numpy, as the dot product of the vectors `w` and `x` plus the bias.")
# if np.shape(value) != ():
#     fail("`z_numpy` should be a single number (shape `()`), but yours has shape `{{shape}}`: `*` multiplies element by element and keeps the three products apart; a dot product also adds them up.", shape=str(np.shape(value)))
# if close(value, -0.45):
#     fail("`z_numpy` is `{{value}}`: the bias is missing. Keep the sample's `+ b` after the dot product.", value=str(value))
# if close(value, -0.25):
#     fail("`z_numpy` is `{{value}}`: the bias is added twice. The sample's line adds `+ b` already; the blank is only the dot product.", value=str(value))
# if not close(value, -0.35):
#     fail("`z_numpy` should equal `z`, -0.35, but yours is `{{value}}`. Is the blank the dot product of `w` and `x`?", value=str(value))
# if not found & {"w", "x"} and not uses_numpy("z_numpy", tree):
#     if found & set(INPUTS[:6]):
#         fail("`z_numpy` is right, but it is the sum written out again: compute it with numpy, as the dot product of the vectors `w` and `x` that the sample defines, plus the bias.")
#     fail("`z_numpy` is right, but you typed in its value: compute it with numpy, as the dot product of the vectors `w` and `x`, plus the bias.")
# Ex().has_equal_value(name="z_numpy", extra_env=OTHER, func=close,
#                      incorrect_msg="`z_numpy` is right for these inputs, but a number in it stands in for a variable: with other inputs and weights it gives `{{stu_eval}}` instead of 0.55. Compute it from `w`, `x` and `b`.",
#                      error_msg="`z_numpy` is right for these inputs, but computing it with other inputs raised `{{stu_str}}`.",
#                      undefined_msg="`z_numpy` is right for these inputs, but with other inputs your code does not define it.")
# success_msg("Right: the dot product is the weighted sum, for any number of inputs.")

# %% [markdown] tags=["hint"]
# Pair each input with the weight of the same number, and count the bias once. For the second line, the text above shows the operator for a dot product; use the vectors `w` and `x`, not `z`.

# %% [markdown]
# Now put the two steps together in a function, so that the neuron works for any inputs. The
# sample code tries it on the neuron computed by hand above.

# %% tags=["pre-exercise-code"] exercise="neuron-output"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# %% [raw] tags=["sample-code"]
# # A neuron with a sigmoid activation
# def neuron(x, w, b):
#     z = ___
#     return ___
#
# print(neuron(np.array([1.0, 0.5, -1.0]), np.array([0.4, -0.2, 0.1]), 0.05))

# %% tags=["solution"]
# A neuron with a sigmoid activation
def neuron(x, w, b):
    z = w @ x + b
    return sigmoid(z)

print(neuron(np.array([1.0, 0.5, -1.0]), np.array([0.4, -0.2, 0.1]), 0.05))

# %% tags=["solution-alternative"]
# A neuron with a sigmoid activation
def neuron(x, w, b):
    return 1 / (1 + np.exp(-(np.dot(w, x) + b)))

print(neuron(np.array([1.0, 0.5, -1.0]), np.array([0.4, -0.2, 0.1]), 0.05))

# %% tags=["solution-alternative"]
# A neuron with a sigmoid activation
neuron = lambda x, w, b: sigmoid(np.sum(w * x) + b)

print(neuron(np.array([1.0, 0.5, -1.0]), np.array([0.4, -0.2, 0.1]), 0.05))

# %% [raw] tags=["sct"]
# import ast
# import numpy as np
#
# state = Ex()._state
# code = state.student_code
# error = str(state.reporter.errors[0]) if state.reporter.errors else ""
#
#
# def fail(message, **values):
#     """Stop with this feedback; `values` fill its {{...}} fields."""
#     state.report(message, values)
#
#
# def blank_left(advice):
#     """Report the first line that still holds a blank `___`, with the advice (owner function, start, message) for it."""
#     owner = None
#     for line in code.splitlines():
#         if line.strip() and not line[0].isspace():
#             owner = line[4:].split("(")[0].strip() if line.startswith("def ") else None
#         text = line.split("#")[0].strip()
#         if "___" in text:
#             for where, start, message in advice:
#                 if where == owner and text.startswith(start):
#                     fail(message)
#             fail("Replace the blank `___` in the line `{{line}}`.", line=text)
#
#
# def defined():
#     """The names the student's code defines at the top level, and the names of its functions."""
#     try:
#         tree = ast.parse(code)
#     except SyntaxError:
#         return set(), []
#     names, functions = set(), []
#     for node in tree.body:
#         if isinstance(node, ast.FunctionDef):
#             names.add(node.name)
#             functions.append(node.name)
#         elif isinstance(node, (ast.Assign, ast.AugAssign)):
#             for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
#                 names.update(sub.id for sub in ast.walk(target) if isinstance(sub, ast.Name))
#     return names, functions
#
#
# ATTEMPT = """
# def _attempt(call):
#     try:
#         return ("value", call())
#     except Exception as problem:
#         return ("raised", type(problem).__name__ + ": " + str(problem))
# """
# seen = []
#
#
# def keep(student, solution):
#     seen.append(student)
#     return True
#
#
# def run(expr):
#     """Evaluate `expr` in the student's process: (its value, None), or (None, the exception it raised)."""
#     Ex().has_equal_value(expr_code="_attempt(lambda: " + expr + ")", pre_code=ATTEMPT, func=keep,
#                          error_msg="Running `" + expr + "` raised `{{stu_str}}`.")
#     answer = seen[-1]
#     if not (isinstance(answer, tuple) and len(answer) == 2):
#         fail("`{{expr}}` should give numbers, but it gave something that cannot be compared: `{{answer}}`.", expr=expr, answer=str(answer))
#     return (answer[1], None) if answer[0] == "value" else (None, answer[1])
#
#
# def reached(name, advice=""):
#     """Report the error of the student's code if it stopped before defining `name`."""
#     if error:
#         value, raised = run("'" + name + "' in globals()")
#         if value is False:
#             fail("Your code stopped with `{{error}}` before it defined `{{name}}`: fix the line it names first." + advice, error=error, name=name)
#
#
# def close(value, target):
#     """Is `value` `target` up to rounding? A tuple target is a structure (its parts compared one by one), a list target numbers."""
#     try:
#         if isinstance(target, tuple):
#             return isinstance(value, (tuple, list)) and len(value) == len(target) and all(close(v, t) for v, t in zip(value, target))
#         return np.shape(value) == np.shape(target) and bool(np.allclose(np.asarray(value, dtype=float), target))
#     except (TypeError, ValueError):
#         return False
#
# def sigma(z):
#     return 1 / (1 + np.exp(-z))
#
#
# blank_left([
#     ("neuron", "z = ___", "Fill in the blank in `z = ___`: the neuron's weighted sum of its inputs `x` with its weights `w`, plus its bias `b`."),
#     ("neuron", "return ___", "Fill in the blank after `return`: the neuron's output, its activation applied to `z`."),
# ])
# names, functions = defined()
# if "neuron" not in names:
#     if functions:
#         fail("Your code defines `{{others}}` but no `neuron`: keep the sample's name `neuron`, which the checks call.", others="`, `".join(functions))
#     fail("Define a function `neuron(x, w, b)`, as the sample does.")
#
#
# def explain(raised, call):
#     if raised.startswith("NameError: name 'z'") or raised.startswith("UnboundLocalError"):
#         fail("Calling `{{call}}` raised `{{raised}}`: `z` is used before it has a value; the first line of `neuron` computes it.", call=call, raised=raised)
#     if raised.startswith("NameError"):
#         fail("Calling `{{call}}` raised `{{raised}}`: inside `neuron`, use its arguments `x`, `w` and `b` (and `sigmoid`, which is loaded).", call=call, raised=raised)
#     if "dimensions" in raised:
#         fail("Calling `{{call}}` raised `{{raised}}`: `@` is the dot product of two vectors, `w` and `x`; one side of yours is a single number.", call=call, raised=raised)
#     if "aligned" in raised or "mismatch" in raised or "broadcast" in raised:
#         fail("Calling `{{call}}` raised `{{raised}}`: check the shapes. `w` and `x` have one entry per input, and their dot product is one number.", call=call, raised=raised)
#     if "positional argument" in raised:
#         fail("Calling `{{call}}` raised `{{raised}}`: `neuron` takes three arguments, `x`, `w` and `b`, in this order.", call=call, raised=raised)
#     fail("Calling `{{call}}` raised `{{raised}}`. Both lines use the arguments `x`, `w` and `b`; `w` and `x` are combined into one number.", call=call, raised=raised)
#
#
# reached("neuron")
# call = "neuron(np.array([1.0, 0.5, -1.0]), np.array([0.4, -0.2, 0.1]), 0.05)"
# value, raised = run(call)
# if raised:
#     explain(raised, call)
# if value is None:
#     fail("`neuron` returns nothing (`None`): its last line should `return` the neuron's output, the activation of `z`.")
# if np.shape(value) != ():
#     fail("`neuron` should return a single number, but it returned `{{value}}`: `*` multiplies element by element and keeps the products apart; the weighted sum adds them up.", value=str(value))
# if close(value, 0.25):
#     fail("For the neuron in the text, `neuron` returned the weighted sum z = 0.25 itself; its output is the activation of z: pass `z` through `sigmoid`.")
# if close(value, np.tanh(0.25)):
#     fail("`neuron` returned tanh(0.25) = `{{value}}`: this neuron's activation is the sigmoid, `sigmoid`, which is loaded.", value=str(value))
# if close(value, sigma(-0.25)):
#     fail("`neuron` returned σ(-0.25) = `{{value}}`: check the sign in the exponent. The sigmoid is 1 / (1 + e^(-z)), and `sigmoid` is loaded.", value=str(value))
# if close(value, sigma(0.2)):
#     fail("`neuron` returned σ(0.2) = `{{value}}`: the bias is missing. The weighted sum adds `b`, and the activation is applied to the whole of it.", value=str(value))
# if close(value, sigma(0.3)):
#     fail("`neuron` returned σ(0.3) = `{{value}}`: the bias is added twice. Add `b` once, to the weighted sum.", value=str(value))
# if close(value, sigma(0.2) + 0.05):
#     fail("`neuron` returned `{{value}}`: the bias is added after the activation. Add `b` to the weighted sum, then apply `sigmoid` to the whole of it.", value=str(value))
# if not close(value, sigma(0.25)):
#     fail("For the neuron in the text, `neuron` should return σ(0.25) ≈ 0.5622, but it returned `{{value}}`. Is the weighted sum, bias included, passed through the activation?", value=str(value))
# call = "neuron(np.array([2.0, -1.0]), np.array([-1.5, 0.5]), 1.0)"
# value, raised = run(call)
# if raised:
#     explain(raised, call)
# if close(value, sigma(0.25)):
#     fail("With two inputs (2, -1), weights (-1.5, 0.5) and bias 1, `neuron` returned σ(0.25) again: it uses the example's numbers, not its arguments `x`, `w` and `b`.")
# if not close(value, sigma(-2.5)):
#     fail("With two inputs (2, -1), weights (-1.5, 0.5) and bias 1, `neuron` should return σ(-2.5) ≈ 0.0759, but it returned `{{value}}`. Does your function use its arguments, and not the example's numbers?", value=str(value))
# if error:
#     fail("`neuron` is right, but your code raised `{{error}}` afterwards: check the `print` line.", error=error)
# success_msg("Great: this function is a complete artificial neuron.")

# %% [markdown] tags=["hint"]
# First the weighted sum of the arguments with the bias, then the activation. Use the arguments `x`, `w` and `b`, not the example's numbers: the checks call your function on other neurons too.

# %% [markdown]
# Ours, with the neuron from the text:

# %%
def neuron(x, w, b):
    z = w @ x + b
    return sigmoid(z)


x = np.array([1.0, 0.5, -1.0])
w = np.array([0.4, -0.2, 0.1])
b = 0.05
print(f"z = {w @ x + b:.4f}, a = {neuron(x, w, b):.4f}")
assert abs(w @ x + b - 0.25) < 1e-12 and abs(neuron(x, w, b) - 0.5622) < 5e-5

# %% [markdown]
# ### The perceptron
#
# Frank Rosenblatt's *perceptron* (1958) is a single neuron with the step activation,
# $\hat{y} = H(\mathbf{w}^\top \mathbf{x} + b)$, together with a rule to learn its weights from
# examples. For each example $(\mathbf{x}, y)$ with target $y \in \{0, 1\}$:
#
# $$\mathbf{w} \leftarrow \mathbf{w} + \eta\,(y - \hat{y})\,\mathbf{x}, \qquad b \leftarrow b + \eta\,(y - \hat{y})$$
#
# where $\eta$ is the *learning rate*. If the prediction is right, $y - \hat{y} = 0$ and nothing
# changes. If the neuron stayed silent but should have fired ($y - \hat y = 1$), the weights of
# the active inputs grow, so that next time $z$ is larger; in the opposite case they shrink.
#
# The update is the heart of the perceptron, so write it yourself, from the formula:

# %% tags=["pre-exercise-code"] exercise="perceptron-update"
import numpy as np

def step(z):
    return np.where(z >= 0, 1.0, 0.0)

# %% [raw] tags=["sample-code"]
# # One step of the perceptron rule for one example (x, y); returns the new w and b
# def update(w, b, x, y, lr):
#     y_hat = ___
#     error = ___
#     w_new = ___
#     b_new = ___
#     return w_new, b_new
#
# print(update(np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0.0, 0.1))

# %% tags=["solution"]
# One step of the perceptron rule for one example (x, y); returns the new w and b
def update(w, b, x, y, lr):
    y_hat = step(w @ x + b)
    error = y - y_hat
    w_new = w + lr * error * x
    b_new = b + lr * error
    return w_new, b_new

print(update(np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0.0, 0.1))

# %% tags=["solution-alternative"]
# One step of the perceptron rule for one example (x, y); returns the new w and b
def update(w, b, x, y, lr):
    y_hat = step(np.dot(w, x) + b)
    error = -(y_hat - y)
    w_new = w + x * error * lr
    b_new = b + lr * error
    return w_new, b_new

print(update(np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0.0, 0.1))

# %% tags=["solution-alternative"]
# One step of the perceptron rule for one example (x, y); returns the new w and b
def update(w, b, x, y, lr):
    y_hat = 1.0 if w @ x + b >= 0 else 0.0
    if y_hat == y:
        return w, b
    change = lr * (y - y_hat)
    return w + change * x, b + change

print(update(np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0.0, 0.1))

# %% [raw] tags=["sct"]
# import ast
# import numpy as np
#
# state = Ex()._state
# code = state.student_code
# error = str(state.reporter.errors[0]) if state.reporter.errors else ""
#
#
# def fail(message, **values):
#     """Stop with this feedback; `values` fill its {{...}} fields."""
#     state.report(message, values)
#
#
# def blank_left(advice):
#     """Report the first line that still holds a blank `___`, with the advice (owner function, start, message) for it."""
#     owner = None
#     for line in code.splitlines():
#         if line.strip() and not line[0].isspace():
#             owner = line[4:].split("(")[0].strip() if line.startswith("def ") else None
#         text = line.split("#")[0].strip()
#         if "___" in text:
#             for where, start, message in advice:
#                 if where == owner and text.startswith(start):
#                     fail(message)
#             fail("Replace the blank `___` in the line `{{line}}`.", line=text)
#
#
# def defined():
#     """The names the student's code defines at the top level, and the names of its functions."""
#     try:
#         tree = ast.parse(code)
#     except SyntaxError:
#         return set(), []
#     names, functions = set(), []
#     for node in tree.body:
#         if isinstance(node, ast.FunctionDef):
#             names.add(node.name)
#             functions.append(node.name)
#         elif isinstance(node, (ast.Assign, ast.AugAssign)):
#             for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
#                 names.update(sub.id for sub in ast.walk(target) if isinstance(sub, ast.Name))
#     return names, functions
#
#
# ATTEMPT = """
# def _attempt(call):
#     try:
#         return ("value", call())
#     except Exception as problem:
#         return ("raised", type(problem).__name__ + ": " + str(problem))
# """
# seen = []
#
#
# def keep(student, solution):
#     seen.append(student)
#     return True
#
#
# def run(expr):
#     """Evaluate `expr` in the student's process: (its value, None), or (None, the exception it raised)."""
#     Ex().has_equal_value(expr_code="_attempt(lambda: " + expr + ")", pre_code=ATTEMPT, func=keep,
#                          error_msg="Running `" + expr + "` raised `{{stu_str}}`.")
#     answer = seen[-1]
#     if not (isinstance(answer, tuple) and len(answer) == 2):
#         fail("`{{expr}}` should give numbers, but it gave something that cannot be compared: `{{answer}}`.", expr=expr, answer=str(answer))
#     return (answer[1], None) if answer[0] == "value" else (None, answer[1])
#
#
# def reached(name, advice=""):
#     """Report the error of the student's code if it stopped before defining `name`."""
#     if error:
#         value, raised = run("'" + name + "' in globals()")
#         if value is False:
#             fail("Your code stopped with `{{error}}` before it defined `{{name}}`: fix the line it names first." + advice, error=error, name=name)
#
#
# def close(value, target):
#     """Is `value` `target` up to rounding? A tuple target is a structure (its parts compared one by one), a list target numbers."""
#     try:
#         if isinstance(target, tuple):
#             return isinstance(value, (tuple, list)) and len(value) == len(target) and all(close(v, t) for v, t in zip(value, target))
#         return np.shape(value) == np.shape(target) and bool(np.allclose(np.asarray(value, dtype=float), target))
#     except (TypeError, ValueError):
#         return False
#
# def H(z):
#     return np.where(np.asarray(z) >= 0, 1.0, 0.0)
#
#
# # The rule, and the mistakes learners make in it: each gives (new w, new b) for one example.
# def rule(w, b, x, y, lr, mistake=None):
#     z = w * x + b if mistake == "elementwise" else w @ x + b
#     y_hat = z if mistake == "no-step" else np.where(z > 0, 1.0, 0.0) if mistake == "boundary" else H(z)
#     error = y_hat - y if mistake == "reversed" else y - y_hat
#     w_new = w + error * x if mistake in ("no-lr", "no-lr-w") else w + lr * error if mistake == "no-x" else w + lr * error * x
#     b_new = b + error if mistake in ("no-lr", "no-lr-b") else b + lr * error * x if mistake == "x-in-b" else b + lr * error
#     return w_new, b_new
#
#
# MISTAKES = [
#     ("reversed", "The error is the wrong way round: it is the target minus the prediction, `y - y_hat`, so that a neuron that should have fired (y = 1) but stayed silent gets larger weights."),
#     ("no-step", "`y_hat` is the weighted sum itself; the prediction is what the neuron outputs, the step of the weighted sum (1.0 or 0.0), so that the error is 0 when the prediction is right."),
#     ("elementwise", "The prediction uses `w * x`, which keeps the products apart; the neuron's weighted sum is the dot product `w @ x`, one number, so that there is one prediction and one error."),
#     ("boundary", "At z = 0 your prediction is 0, but the step fires at z ≥ 0, the boundary included: use `step`, which is loaded."),
#     ("no-lr", "The changes are not scaled by the learning rate: both the weights' and the bias's change are multiplied by `lr`."),
#     ("no-lr-w", "The weights' change is not scaled by the learning rate: it is `lr` times the error times the input."),
#     ("no-lr-b", "The bias's change is not scaled by the learning rate: it is `lr` times the error."),
#     ("no-x", "The weights all change by the same amount: each weight's change is also multiplied by its own input, `x`, so that only the weights of active inputs change."),
#     ("x-in-b", "The bias's change is multiplied by `x`: the bias has no input, so its change is just `lr` times the error, one number."),
# ]
# CASES = [
#     ((np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0.0, 0.1), "update(np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0.0, 0.1)",
#      "When the neuron fires but should not (y = 0), the error is -1: with x = (1, 1) and lr = 0.1, the weights and the bias should each go down by 0.1. `update` returned `{{value}}`. Is the error the target minus the prediction, and is each change scaled by the learning rate?"),
#     ((np.array([-0.5, 0.2]), -0.1, np.array([1.0, 0.5]), 1.0, 0.5), "update(np.array([-0.5, 0.2]), -0.1, np.array([1.0, 0.5]), 1.0, 0.5)",
#      "When the neuron is silent but should fire (y = 1), each weight should grow by the learning rate times its own input, and the bias by the learning rate: (-0.5, 0.2) and -0.1 become (0, 0.45) and 0.4 here; `update` returned `{{value}}`."),
#     ((np.array([0.3, 0.2]), 0.0, np.array([1.0, 0.0]), 1.0, 0.5), "update(np.array([0.3, 0.2]), 0.0, np.array([1.0, 0.0]), 1.0, 0.5)",
#      "When the prediction is right, the error is 0 and `update` should return `w` and `b` unchanged; it returned `{{value}}`."),
#     ((np.array([0.5, -0.5]), -0.2, np.array([0.0, 1.0]), 0.0, 0.25), "update(np.array([0.5, -0.5]), -0.2, np.array([0.0, 1.0]), 0.0, 0.25)",
#      "When the prediction is right, the error is 0 and `update` should return `w` and `b` unchanged; it returned `{{value}}`."),
# ]
#
# blank_left([
#     ("update", "y_hat = ___", "Fill in the blank in `y_hat = ___`: the neuron's prediction for `x`, the step of its weighted sum with the bias."),
#     ("update", "error = ___", "Fill in the blank in `error = ___`: the error of the prediction, from the target `y` and the prediction `y_hat`."),
#     ("update", "w_new = ___", "Fill in the blank in `w_new = ___`: the new weights, by the first formula of the rule."),
#     ("update", "b_new = ___", "Fill in the blank in `b_new = ___`: the new bias, by the second formula of the rule."),
# ])
# names, functions = defined()
# if "update" not in names:
#     if functions:
#         fail("Your code defines `{{others}}` but no `update`: keep the sample's name `update`, which the checks call.", others="`, `".join(functions))
#     fail("Define a function `update(w, b, x, y, lr)`, as the sample does.")
#
# reached("update")
# results = []
# for args, call, message in CASES:
#     value, raised = run(call)
#     own = [name for name in ("y_hat", "error", "w_new", "b_new") if raised and raised.startswith("NameError: name '" + name + "'")]
#     if own:
#         fail("Calling `update` raised `{{raised}}`: `{{name}}` is used before it has a value; keep its line, `{{name}} = ...`, above the lines that use it.", raised=raised, name=own[0])
#     if raised and raised.startswith("NameError"):
#         fail("Calling `update` raised `{{raised}}`: inside `update`, use its arguments `w`, `b`, `x`, `y` and `lr` (and `step`, which is loaded).", raised=raised)
#     if raised and ("aligned" in raised or "mismatch" in raised or "broadcast" in raised):
#         fail("Calling `update` raised `{{raised}}`: check the shapes. `w` and `x` have one entry per input; `w @ x` is one number, and so are the error and the bias.", raised=raised)
#     if raised and "dimensions" in raised:
#         fail("Calling `update` raised `{{raised}}`: `@` is the dot product of two vectors, such as `w` and `x`; one side of yours is a single number.", raised=raised)
#     if raised and "unsupported operand" in raised and "@" in raised:
#         fail("Calling `update` raised `{{raised}}`: `@` is the dot product of two vectors; to scale a vector or a number by the learning rate or the error, multiply with `*`.", raised=raised)
#     if raised and "truth value" in raised:
#         fail("Calling `update` raised `{{raised}}`: an `if` on an array. The neuron's weighted sum is the dot product `w @ x`, one number.", raised=raised)
#     if raised:
#         fail("Calling `{{call}}` raised `{{raised}}`: check each line against the rule: the prediction from `w`, `x` and `b`, the error from `y` and the prediction, then the new weights and bias from the error, `lr` and `x`.", call=call, raised=raised)
#     if not (isinstance(value, (tuple, list)) and len(value) == 2):
#         fail("`update` should return two things, the new weights and the new bias, as the sample's `return w_new, b_new` does; it returned `{{value}}`.", value=str(value))
#     results.append(value)
# if not all(close(value, rule(*args)) for value, (args, call, message) in zip(results, CASES)):
#     for mistake, message in MISTAKES:
#         if all(close(value, rule(*args, mistake=mistake)) for value, (args, call, text) in zip(results, CASES)):
#             fail(message)
# for value in results:
#     if np.shape(value[1]) != ():
#         fail("The new bias should be one number, but `update` returned a bias of shape `{{shape}}`, `{{value}}`: the bias has no input, so its change is the learning rate times the error, and the error is one number.", shape=str(np.shape(value[1])), value=str(value[1]))
#     if np.shape(value[0]) != (2,):
#         fail("The new weights should have the shape of `w`, (2,) here, but `update` returned weights of shape `{{shape}}`, `{{value}}`.", shape=str(np.shape(value[0])), value=str(value[0]))
# if not all(close(value, rule(*args)) for value, (args, call, message) in zip(results, CASES)):
#     for value, (args, call, message) in zip(results, CASES):
#         if not close(value, rule(*args)):
#             fail(message, value=str(value))
# if error:
#     fail("`update` is right, but your code raised `{{error}}` afterwards: check the `print` line.", error=error)
# success_msg("Exactly: the perceptron only learns from its mistakes.")

# %% [markdown] tags=["hint"]
# The prediction is what the neuron outputs: the step of its weighted sum with the bias. The error is positive when the neuron should have fired but stayed silent. Compare the two lines of the rule in the text: the change of the weights has one factor more than the change of the bias.

# %% [markdown]
# Training applies the update to each example in turn. One pass over all the examples is an
# *epoch*; if an epoch passes without a mistake, nothing will change any more, and training can
# stop. On data that a straight line separates, that happens after finitely many updates: this
# is the *perceptron convergence theorem* (Novikoff, 1962).
#
# Let's teach the perceptron logic functions of two binary inputs. The four possible inputs are
# the rows of a matrix `X`, and the targets say, for each row, whether the function is 1. First
# write the whole training loop: it starts from zero weights, counts the mistakes of each epoch
# (a mistake is an example whose prediction, before its update, is wrong), and stops after the
# first epoch without one, or after `max_epochs`. Then train it on NAND ("not and"), which is 0
# only when both inputs are 1. `step` and your `update` are loaded.

# %% tags=["pre-exercise-code"] exercise="train-perceptron"
import numpy as np

def step(z):
    return np.where(z >= 0, 1.0, 0.0)

def update(w, b, x, y, lr):
    error = y - step(w @ x + b)
    return w + lr * error * x, b + lr * error

# The four inputs of a logic function of two inputs, one per row
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)

# %% [raw] tags=["sample-code"]
# # Train from zero weights until an epoch passes without a mistake; return w, b and each epoch's mistakes
# def train_perceptron(X, y, lr=1.0, max_epochs=100):
#     ___
#     return w, b, mistakes
#
# y_nand = ___
# w_nand, b_nand, mistakes_nand = train_perceptron(X, y_nand)
# print(w_nand, b_nand, mistakes_nand)

# %% tags=["solution"]
# Train from zero weights until an epoch passes without a mistake; return w, b and each epoch's mistakes
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    mistakes = []
    for epoch in range(max_epochs):
        mistakes.append(0)
        for x_k, y_k in zip(X, y):
            mistakes[-1] += int(step(w @ x_k + b) != y_k)
            w, b = update(w, b, x_k, y_k, lr)
        if mistakes[-1] == 0:
            break
    return w, b, mistakes

y_nand = np.array([1, 1, 1, 0], dtype=float)
w_nand, b_nand, mistakes_nand = train_perceptron(X, y_nand)
print(w_nand, b_nand, mistakes_nand)

# %% tags=["solution-alternative"]
# Train from zero weights until an epoch passes without a mistake; return w, b and each epoch's mistakes
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    w = np.zeros(X.shape[1])
    b = 0.0
    mistakes = []
    for epoch in range(max_epochs):
        count = 0
        for k in range(len(y)):
            if step(w @ X[k] + b) != y[k]:
                count += 1
            w, b = update(w, b, X[k], y[k], lr)
        mistakes.append(count)
        if count == 0:
            break
    return w, b, mistakes

y_nand = 1 - np.array([0, 0, 0, 1], dtype=float)
w_nand, b_nand, mistakes_nand = train_perceptron(X, y_nand)
print(w_nand, b_nand, mistakes_nand)

# %% tags=["solution-alternative"]
# Train from zero weights until an epoch passes without a mistake; return w, b and each epoch's mistakes
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    w, b, mistakes = np.zeros(X.shape[1]), 0.0, []
    while len(mistakes) < max_epochs and (not mistakes or mistakes[-1] > 0):
        count = 0
        for x_k, y_k in zip(X, y):
            error = y_k - step(np.dot(w, x_k) + b)
            w = w + lr * error * x_k
            b = b + lr * error
            count += abs(error)
        mistakes.append(count)
    return w, b, mistakes

y_nand = np.array([1.0, 1.0, 1.0, 0.0])
w_nand, b_nand, mistakes_nand = train_perceptron(X, y_nand)
print(w_nand, b_nand, mistakes_nand)

# %% [raw] tags=["sct"]
# import ast
# import numpy as np
#
# state = Ex()._state
# code = state.student_code
# error = str(state.reporter.errors[0]) if state.reporter.errors else ""
#
#
# def fail(message, **values):
#     """Stop with this feedback; `values` fill its {{...}} fields."""
#     state.report(message, values)
#
#
# def blank_left(advice):
#     """Report the first line that still holds a blank `___`, with the advice (owner function, start, message) for it."""
#     owner = None
#     for line in code.splitlines():
#         if line.strip() and not line[0].isspace():
#             owner = line[4:].split("(")[0].strip() if line.startswith("def ") else None
#         text = line.split("#")[0].strip()
#         if "___" in text:
#             for where, start, message in advice:
#                 if where == owner and text.startswith(start):
#                     fail(message)
#             fail("Replace the blank `___` in the line `{{line}}`.", line=text)
#
#
# def defined():
#     """The names the student's code defines at the top level, and the names of its functions."""
#     try:
#         tree = ast.parse(code)
#     except SyntaxError:
#         return set(), []
#     names, functions = set(), []
#     for node in tree.body:
#         if isinstance(node, ast.FunctionDef):
#             names.add(node.name)
#             functions.append(node.name)
#         elif isinstance(node, (ast.Assign, ast.AugAssign)):
#             for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
#                 names.update(sub.id for sub in ast.walk(target) if isinstance(sub, ast.Name))
#     return names, functions
#
#
# ATTEMPT = """
# def _attempt(call):
#     try:
#         return ("value", call())
#     except Exception as problem:
#         return ("raised", type(problem).__name__ + ": " + str(problem))
# """
# seen = []
#
#
# def keep(student, solution):
#     seen.append(student)
#     return True
#
#
# def run(expr):
#     """Evaluate `expr` in the student's process: (its value, None), or (None, the exception it raised)."""
#     Ex().has_equal_value(expr_code="_attempt(lambda: " + expr + ")", pre_code=ATTEMPT, func=keep,
#                          error_msg="Running `" + expr + "` raised `{{stu_str}}`.")
#     answer = seen[-1]
#     if not (isinstance(answer, tuple) and len(answer) == 2):
#         fail("`{{expr}}` should give numbers, but it gave something that cannot be compared: `{{answer}}`.", expr=expr, answer=str(answer))
#     return (answer[1], None) if answer[0] == "value" else (None, answer[1])
#
#
# def reached(name, advice=""):
#     """Report the error of the student's code if it stopped before defining `name`."""
#     if error:
#         value, raised = run("'" + name + "' in globals()")
#         if value is False:
#             fail("Your code stopped with `{{error}}` before it defined `{{name}}`: fix the line it names first." + advice, error=error, name=name)
#
#
# def close(value, target):
#     """Is `value` `target` up to rounding? A tuple target is a structure (its parts compared one by one), a list target numbers."""
#     try:
#         if isinstance(target, tuple):
#             return isinstance(value, (tuple, list)) and len(value) == len(target) and all(close(v, t) for v, t in zip(value, target))
#         return np.shape(value) == np.shape(target) and bool(np.allclose(np.asarray(value, dtype=float), target))
#     except (TypeError, ValueError):
#         return False
#
# def H(z):
#     return np.where(np.asarray(z) >= 0, 1.0, 0.0)
#
#
# # The training loop, and the mistakes learners make in it: each returns (w, b, mistakes per epoch).
# def train(X, y, lr=1.0, max_epochs=100, mistake=None):
#     w, b, mistakes, total = np.zeros(X.shape[1]) + (mistake == "ones"), 0.0 + (mistake == "bias-one"), [], 0
#     epochs = {"fixed-epochs": 100, "one-more": max_epochs + 1, "one-less": max_epochs - 1, "one-epoch": 1}.get(mistake, max_epochs)
#     for epoch in range(epochs):
#         count = 0
#         for x_k, y_k in zip(X, NAND if mistake == "global-targets" else y):
#             wrong = int(H(w @ x_k + b) != y_k)
#             error = y_k - H(w @ x_k + b)
#             step_size = 1.0 if mistake == "no-lr" else lr
#             if mistake != "no-update":
#                 w, b = w + step_size * error * x_k, b + step_size * error
#             if mistake == "after-update":
#                 wrong = int(H(w @ x_k + b) != y_k)
#             count += wrong
#         total += count
#         if mistake == "last-missing" and count == 0:
#             break
#         mistakes.append(total if mistake == "cumulative" else count)
#         if mistake != "no-stop" and mistakes[-1] == 0:
#             break
#     return w, b, mistakes
#
#
# MISTAKES = [
#     ("no-update", "`w` and `b` never change: keep what `update` returns, `w, b = update(...)`, for every example."),
#     ("ones", "Training should start from zero weights, `np.zeros(X.shape[1])`, not from ones."),
#     ("bias-one", "Training should start from a zero bias, `b = 0.0`."),
#     ("cumulative", "Your `mistakes` adds up the mistakes of all epochs so far, so it never falls back to 0 and training never stops early: count each epoch's mistakes from 0."),
#     ("no-stop", "Training goes on after an epoch without a mistake: leave the loop over the epochs as soon as an epoch's count is 0 (with `break`)."),
#     ("last-missing", "The epoch without a mistake is missing from `mistakes`: record each epoch's count, the last one, 0, included, then stop."),
#     ("after-update", "You count a mistake after the update, with the new weights; a mistake is an example whose prediction is wrong before its update, with the weights the neuron had when it saw it."),
#     ("global-targets", "`train_perceptron` trains on NAND's targets whatever `y` it is given: inside the function, use its argument `y`, not `y_nand`."),
#     ("one-epoch", "`train_perceptron` stops after one pass over the examples: training repeats the passes, epoch after epoch, until one has no mistake."),
#     ("no-lr", "`train_perceptron` does not use its argument `lr`: pass it on to `update`, so that a call with `lr=0.5` takes steps of 0.5."),
#     ("fixed-epochs", "`train_perceptron` does not use its argument `max_epochs`: the loop over the epochs should run at most `max_epochs` times, so that a call with `max_epochs=7` stops after 7 epochs."),
#     ("one-more", "The loop over the epochs runs once too often: with `max_epochs=7` it should stop after 7 epochs, `range(max_epochs)`."),
#     ("one-less", "The loop over the epochs runs once too few: with `max_epochs=7` it should stop after 7 epochs, `range(max_epochs)`."),
# ]
# X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
# NAND = np.array([1.0, 1.0, 1.0, 0.0])
# X3 = np.array([[a, c, d] for a in (0.0, 1.0) for c in (0.0, 1.0) for d in (0.0, 1.0)])
# MAJORITY = np.array([1.0 if row.sum() >= 2 else 0.0 for row in X3])
# CASES = [
#     ((X, np.array([0.0, 0.0, 0.0, 1.0])), {}, "train_perceptron(X, np.array([0.0, 0.0, 0.0, 1.0]))", "AND"),
#     ((X, np.array([1.0, 1.0, 1.0, 0.0])), {"lr": 0.5}, "train_perceptron(X, np.array([1.0, 1.0, 1.0, 0.0]), lr=0.5)", "NAND with `lr=0.5`"),
#     ((X, np.array([0.0, 1.0, 1.0, 0.0])), {"max_epochs": 7}, "train_perceptron(X, np.array([0.0, 1.0, 1.0, 0.0]), max_epochs=7)", "XOR with `max_epochs=7`"),
# ]
#
# blank_left([
#     ("train_perceptron", "___", "Write the body of `train_perceptron` in place of the blank `___`: start `w` and `b` at zero, then loop over the epochs and, inside, over the examples."),
#     (None, "y_nand = ___", "Fill in the blank in `y_nand = ___`: the four NAND targets, one per row of `X`, as an array."),
# ])
# names, functions = defined()
# if "train_perceptron" not in names:
#     if functions:
#         fail("Your code defines `{{others}}` but no `train_perceptron`: keep the sample's name `train_perceptron`, which the checks call.", others="`, `".join(functions))
#     fail("Define a function `train_perceptron(X, y, lr=1.0, max_epochs=100)`, as the sample does.")
#
#
# def explain(raised, call):
#     if raised.startswith("UnboundLocalError"):
#         fail("Calling `{{call}}` raised `{{raised}}`: a variable is used before it has a value. Start `w` at zeros, `b` at 0.0 and `mistakes` at `[]` before the loops.", call=call, raised=raised)
#     if "aligned" in raised or "mismatch" in raised or "broadcast" in raised or "dimensions" in raised:
#         fail("Calling `{{call}}` raised `{{raised}}`: check the shapes. `w` needs one weight per input, that is per column of `X`: `X.shape[1]` of them, and `w @ x_k` is one number.", call=call, raised=raised)
#     if "unexpected keyword" in raised:
#         fail("Calling `{{call}}` raised `{{raised}}`: keep the sample's parameters, `X`, `y`, `lr=1.0` and `max_epochs=100`.", call=call, raised=raised)
#     if "positional argument" in raised and "update" in raised:
#         fail("Calling `{{call}}` raised `{{raised}}`: `update` takes five arguments, `update(w, b, x, y, lr)`, for one example `x` with its target `y`.", call=call, raised=raised)
#     if raised.startswith("NameError"):
#         fail("Calling `{{call}}` raised `{{raised}}`: inside `train_perceptron`, use its arguments `X`, `y`, `lr` and `max_epochs`, the names your loops define, and `step` and `update`, which are loaded.", call=call, raised=raised)
#     if "unpack" in raised:
#         fail("Calling `{{call}}` raised `{{raised}}`: `update` returns two things, the new `w` and `b` (`w, b = update(...)`), and `train_perceptron` returns three.", call=call, raised=raised)
#     if "append" in raised or "subscriptable" in raised or "index out of range" in raised:
#         fail("Calling `{{call}}` raised `{{raised}}`: `mistakes` should start as an empty list, `[]`, and get one count per epoch.", call=call, raised=raised)
#     if "truth value" in raised or "size-1" in raised:
#         fail("Calling `{{call}}` raised `{{raised}}`: an array where one number belongs. The prediction for one example, `step(w @ x_k + b)`, is one number; loop over the rows of `X` one at a time.", call=call, raised=raised)
#     fail("Calling `{{call}}` raised `{{raised}}`: check which variable each line uses: `X.shape[1]` zeros for `w`, `range(max_epochs)` for the epochs, `zip(X, y)` for the examples, and `update(w, b, x_k, y_k, lr)` for each of them.", call=call, raised=raised)
#
#
# def shown(value):
#     return "w = {}, b = {}, mistakes {}".format(*value) if isinstance(value, (tuple, list)) and len(value) == 3 else str(value)
#
#
# reached("train_perceptron", " `break` and `return` belong inside the function, `break` inside the loop over the epochs: check the indentation." if "outside" in error else "")
# results = []
# for args, options, call, label in CASES:
#     value, raised = run(call)
#     if raised:
#         explain(raised, call)
#     if not (isinstance(value, (tuple, list)) and len(value) == 3):
#         fail("`train_perceptron` should return three things, `w, b, mistakes`, as the sample's `return` line does; it returned `{{value}}`.", value=str(value))
#     if isinstance(value[0], list) or np.ndim(value[2]) == 1 and np.shape(value[2]) == (2,) and np.ndim(value[0]) == 1 and np.shape(value[0]) != (2,):
#         fail("`train_perceptron` returns its results in another order: keep the sample's `return w, b, mistakes`.")
#     if np.ndim(value[2]) != 1:
#         fail("`mistakes` should be a list with one count per epoch, but yours is `{{value}}`: start it as `[]` and append each epoch's count.", value=str(value[2]))
#     if np.shape(value[0]) != (2,) or np.shape(value[1]) != ():
#         fail("For `{{call}}`, `w` should be two weights, one per column of `X`, and `b` one number; yours are `{{w}}` and `{{b}}`.", call=call, w=str(value[0]), b=str(value[1]))
#     results.append(value)
# if not all(close(value, train(*args, **options)) for value, (args, options, call, label) in zip(results, CASES)):
#     for mistake, message in MISTAKES:
#         if all(close(value, train(*args, mistake=mistake, **options)) for value, (args, options, call, label) in zip(results, CASES)):
#             fail(message)
#     for value, (args, options, call, label) in zip(results, CASES):
#         right = train(*args, **options)
#         if close(value[2], right[2]) and not close(value[:2], right[:2]):
#             fail("For {{label}}, `{{call}}` counts the mistakes of each epoch right, {{mistakes}}, but ends at w = {{w}}, b = {{b}} instead of w = {{w_right}}, b = {{b_right}}. Do `w` and `b` start at zero, and does each example's `update` keep its result?",
#                  label=label, call=call, mistakes=str(right[2]), w=str(value[0]), b=str(value[1]), w_right=str(right[0]), b_right=str(right[1]))
#         if not close(value, right):
#             fail("For {{label}}, `{{call}}` should return w = {{w}}, b = {{b}} and mistakes {{mistakes}}, but yours returned {{value}}.",
#                  label=label, call=call, w=str(right[0]), b=str(right[1]), mistakes=str(right[2]), value=shown(value))
# call = "train_perceptron(X3, MAJORITY)"
# value, raised = run(call.replace("X3", "np.array(" + str(X3.tolist()) + ")").replace("MAJORITY", "np.array(" + str(MAJORITY.tolist()) + ")"))
# if raised:
#     explain(raised, "train_perceptron(X, y)` with three inputs per example (8 rows of `X`)")
# if not close(value, train(X3, MAJORITY)):
#     fail("With three inputs per example, 8 rows of `X` and their majority as targets, `train_perceptron` returned {{value}} instead of {{right}}: does it use its own arguments `X` and `y`, and give `w` one weight per column of `X`?", value=shown(value), right=shown(train(X3, MAJORITY)))
#
# Ex().check_object("y_nand", missing_msg="Define `y_nand`, the four NAND targets.")
# value, raised = run("y_nand")
# if close(value, [0.0, 0.0, 0.0, 1.0]):
#     fail("Your `y_nand` holds AND's targets; NAND is the opposite, 0 only when both inputs are 1.")
# if not close(value, [1.0, 1.0, 1.0, 0.0]):
#     fail("NAND is 0 only when both inputs are 1, and 1 for the other three rows of `X`: (0, 0), (0, 1), (1, 0), (1, 1). Your `y_nand` is `{{value}}`.", value=str(value))
# for name in ("w_nand", "b_nand", "mistakes_nand"):
#     Ex().check_object(name, missing_msg="Keep the sample's line that trains the perceptron on NAND and defines `w_nand`, `b_nand` and `mistakes_nand`.")
# value, raised = run("(w_nand, b_nand, mistakes_nand)")
# if not close(value, train(X, np.array([1.0, 1.0, 1.0, 0.0]))):
#     fail("`w_nand`, `b_nand` and `mistakes_nand` should be what `train_perceptron(X, y_nand)` returns, with its default learning rate; yours are {{value}}.", value=shown(value))
# if error:
#     fail("`train_perceptron` is right, but your code raised `{{error}}` afterwards: check the `print` line.", error=error)
# success_msg("NAND is linearly separable, so the perceptron learns it, in 6 epochs. (And from NAND gates alone you can build any logic circuit, XOR included.)")

# %% [markdown] tags=["hint"]
# Two loops: an outer one over the epochs, at most `max_epochs` of them, and an inner one over the rows of `X` with their targets. Before each example's update, compare the prediction of the current `w` and `b` with its target to count a mistake; after the inner loop, record the epoch's count and leave the outer loop when it is 0. NAND's targets are AND's, flipped.

# %% [markdown]
# Here is ours, trained on AND and OR. We use the learning rate $\eta = 1$: the inputs are 0
# or 1, so every weight and every sum $z$ stays a whole number, and the arithmetic is exact.
# That matters, because the step fires at exactly $z = 0$ (more on this below).

# %%
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y_and = np.array([0, 0, 0, 1], dtype=float)
y_or = np.array([0, 1, 1, 1], dtype=float)
y_xor = np.array([0, 1, 1, 0], dtype=float)


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    """Return the weights, the bias and each epoch's mistakes; stop after an epoch without one."""
    w, b = np.zeros(X.shape[1]), 0.0
    mistakes = []
    for epoch in range(max_epochs):
        mistakes.append(0)
        for x_k, y_k in zip(X, y):
            error = y_k - step(w @ x_k + b)
            w = w + lr * error * x_k
            b = b + lr * error
            mistakes[-1] += int(error != 0)
        if mistakes[-1] == 0:
            break
    return w, b, mistakes


def accuracy(X, y, w, b):
    """Return the share of examples the perceptron classifies correctly."""
    return np.mean(step(X @ w + b) == y)


for name, y in [("AND", y_and), ("OR", y_or)]:
    w, b, mistakes = train_perceptron(X, y)
    print(f"{name}: w = {w.astype(int)}, b = {b:.0f}, z = {(X @ w + b).astype(int)}, "
          f"mistakes per epoch {mistakes}, accuracy {accuracy(X, y, w, b):.0%}")
    assert np.array_equal(w, w.round()) and b == round(b)  # whole numbers: every sum is exact
    assert accuracy(X, y, w, b) == 1.0

w_and, b_and, mistakes_and = train_perceptron(X, y_and)
assert w_and.tolist() == [2.0, 1.0] and b_and == -3.0 and mistakes_and == [2, 3, 3, 2, 1, 0]
assert train_perceptron(X, y_or)[2] == [2, 2, 1, 0]

# %% [markdown]
# Both are learned perfectly: OR in 4 epochs, the last without a mistake, and AND in 6.
# For AND the perceptron finds $\mathbf{w} = (2, 1)$ and $b = -3$: the sums for the four
# inputs are $-3, -2, -1$ and $0$, so only $(1, 1)$ reaches the threshold.
#
# #### A learning rate of 0.1
#
# With $\eta = 0.1$, from zero weights, every update is a tenth of the update with $\eta = 1$,
# and a tenth of a sum has the same sign. On paper, the perceptron therefore makes the same
# mistakes epoch by epoch and ends at a tenth of the weights: $\mathbf{w} = (0.2, 0.1)$ and
# $b = -0.3$. Python's `Fraction` computes on paper, exactly; here is the same loop with
# fractions in place of floats:

# %%
def train_on_paper(X, y, lr, max_epochs=100):
    """The perceptron rule in exact arithmetic: Python's fractions never round."""
    w, b = [Fraction(0)] * X.shape[1], Fraction(0)
    mistakes = []
    for epoch in range(max_epochs):
        mistakes.append(0)
        for x_k, y_k in zip(X.tolist(), y.tolist()):
            z = sum(w_j * Fraction(x_j) for w_j, x_j in zip(w, x_k)) + b
            error = Fraction(y_k) - (1 if z >= 0 else 0)
            w = [w_j + lr * error * Fraction(x_j) for w_j, x_j in zip(w, x_k)]
            b = b + lr * error
            mistakes[-1] += int(error != 0)
        if mistakes[-1] == 0:
            break
    return w, b, mistakes


w_paper, b_paper, mistakes_paper = train_on_paper(X, y_and, Fraction(1, 10))
print(f"on paper: w = ({w_paper[0]}, {w_paper[1]}), b = {b_paper}, mistakes per epoch {mistakes_paper}")
assert w_paper == [Fraction(1, 5), Fraction(1, 10)] and b_paper == Fraction(-3, 10)
assert mistakes_paper == mistakes_and  # the same mistakes as with a learning rate of 1

# After three epochs, the sum at the input (1, 0) is exactly 0.
w_3, b_3, _ = train_on_paper(X, y_and, Fraction(1, 10), max_epochs=3)
assert w_3 == [Fraction(1, 5), Fraction(1, 10)] and b_3 == Fraction(-1, 5)
assert w_3[0] * 1 + w_3[1] * 0 + b_3 == 0

# %% [markdown]
# In floating point the run goes differently. 0.1 has no exact binary representation, so
# the sums carry rounding errors. After three epochs the weights are $\mathbf{w} = (0.2, 0.1)$
# and $b = -0.2$, and the sum at the input $(1, 0)$ is exactly 0 on paper: in the 4th epoch
# the neuron fires there, wrongly (AND is 0), the rule corrects it, and two epochs later
# training stops at $b = -0.3$. In floats the same sum comes out as $-2.8 \cdot 10^{-17}$,
# just below zero: the neuron stays silent, the update is skipped, and training stops after
# that 4th epoch, at $\mathbf{w} = (0.2, 0.1)$ and $b = -0.20000000000000004$. That
# perceptron is right about $(1, 0)$ only by a rounding error:

# %%
w_small, b_small, mistakes_small = train_perceptron(X, y_and, lr=0.1)
z_10 = X[2] @ w_small + b_small
print(f"lr = 0.1 in floats: w = {w_small}, b = {float(b_small)!r}, mistakes per epoch {mistakes_small}, "
      f"z at (1, 0) = {z_10:.1e}")
assert np.allclose(w_small, [0.2, 0.1]) and b_small == -0.20000000000000004
assert mistakes_small == [2, 3, 3, 0] and f"{z_10:.1e}" == "-2.8e-17"
assert len(mistakes_paper) - len(mistakes_small) == 2  # the float run stops two epochs early

# %% [markdown]
# Learning rates like 0.1 and a threshold at exactly 0 do not mix well; this is why this post
# uses $\eta = 1$, where every number is a whole number and exact.
#
# ### Why XOR fails
#
# XOR ("exclusive or") is 1 when exactly one input is 1. Train the same perceptron on it,
# for up to 1000 epochs:

# %%
w, b, mistakes = train_perceptron(X, y_xor, max_epochs=1000)
print(f"XOR: w = {w.astype(int)}, b = {b:.0f}, predictions {step(X @ w + b).astype(int)}, "
      f"accuracy {accuracy(X, y_xor, w, b):.0%}, mistakes in the last epochs {mistakes[-5:]}")
assert len(mistakes) == 1000 and mistakes[:2] == [3, 3] and mistakes[2:] == [4] * 998
assert accuracy(X, y_xor, w, b) == 0.5

# %% [markdown]
# No epoch passes without a mistake: from the 3rd epoch on it makes 4 mistakes in every
# epoch, and after 1000 epochs it gets two of the four right, which is no better
# than chance (a constant answer, or a coin, is right half the time on XOR). The reason is
# geometric: the perceptron fires where $w_1 x_1 + w_2 x_2 + b \ge 0$, a half-plane bounded
# by a straight line. AND and OR can be separated by such a line, XOR cannot. Suppose some
# $w_1, w_2, b$ did compute XOR. Then
#
# * $(0, 0) \mapsto 0$ needs $b < 0$,
# * $(1, 0) \mapsto 1$ and $(0, 1) \mapsto 1$ need $w_1 + b \ge 0$ and $w_2 + b \ge 0$,
# * $(1, 1) \mapsto 0$ needs $w_1 + w_2 + b < 0$.
#
# Adding the two middle inequalities gives $w_1 + w_2 + 2b \ge 0$, so
# $w_1 + w_2 + b \ge -b > 0$, which contradicts the last one. No choice of weights works:
# XOR is not *linearly separable*. The best a line can do is three of the four points, 75%;
# the perceptron rule does not even find such a line, because on data that no line separates
# it never settles and keeps correcting one mistake with another. A search over many lines
# confirms both numbers:

# %%
values = np.arange(-3, 3.25, 0.25)
lines = np.array(np.meshgrid(values, values, values)).reshape(3, -1).T  # rows (w1, w2, b)
best = max(accuracy(X, y_xor, line[:2], line[2]) for line in lines)
print(f"{len(lines)} lines tried, the best classifies {best:.0%} of the XOR examples")
assert best == 0.75

# %% [markdown]
# The figure shows, shaded, the region where each trained perceptron fires; red points have
# the target 1, blue points the target 0. With whole-number weights some points lie exactly on
# a boundary, where $z = 0$ and the perceptron fires:

# %% tags=["hide-input"] alt="Three panels over the unit square. For AND the shaded firing region covers only the corner (1, 1); for OR it covers all points except (0, 0); for XOR the trained perceptron's straight boundary puts (0, 0) and (0, 1) on the firing side, so it gets only two of the four points right."
grid = np.linspace(-0.5, 1.5, 201)
g1, g2 = np.meshgrid(grid, grid)
points = np.column_stack([g1.ravel(), g2.ravel()])

fig, axes = plt.subplots(1, 3, figsize=(9, 3.4))
for ax, (name, y, epochs) in zip(axes, [("AND", y_and, 100), ("OR", y_or, 100), ("XOR", y_xor, 1000)]):
    w, b, _ = train_perceptron(X, y, max_epochs=epochs)
    fires = step(points @ w + b).reshape(g1.shape)
    ax.contourf(g1, g2, fires, levels=[-0.5, 0.5, 1.5], colors=["#f0f0f0", "#9ecae1"])
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", s=120, edgecolors="black")
    ax.set_title(f"{name}: accuracy {accuracy(X, y, w, b):.0%}")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal")
fig.tight_layout()
plt.show()

# %% [markdown]
# The proof used only one property of the step: a larger $z$ never gives a smaller output.
# So it holds for every neuron whose activation is *monotone*, the sigmoid, tanh and ReLU
# included: whatever threshold we read its output at, the inputs on one side form a
# half-plane. A neuron with a non-monotone activation escapes the argument. With
# $\mathbf{w} = (1, 1)$ and $b = 0$ the sums are 0, 1, 1 and 2, and an activation that fires
# only near $z = 1$, a "bump", computes XOR on its own:

# %%
def bump(z):
    return np.where(np.abs(z - 1) < 0.5, 1.0, 0.0)


print("bump neuron:", bump(X @ np.array([1.0, 1.0]) + 0.0).astype(int), "targets:", y_xor.astype(int))
assert np.array_equal(bump(X @ np.array([1.0, 1.0])), y_xor)

# %% [markdown]
# A bump like this is not used in practice. The perceptron rule assumes that a larger $z$
# makes the neuron fire, which a bump breaks, and like the step it is flat almost everywhere,
# which leaves the gradients that [Part III]({{< relref "nn-fundamentals-3" >}}) learns with
# nothing to work on. Non-monotone activations as such are common, though. GELU,
# $z\,\Phi(z)$ with $\Phi$ the standard normal distribution function, is the activation of the
# BERT and GPT language models, and SiLU (or swish), $z\,\sigma(z)$, is another smooth variant
# of ReLU. Both dip below zero before they rise:

# %%
zs = np.linspace(-4, 4, 8001)
silu = zs * sigmoid(zs)
gelu = zs * np.array([0.5 * (1 + math.erf(v / math.sqrt(2))) for v in zs])
print(f"GELU: minimum {gelu.min():.3f} at z = {zs[gelu.argmin()]:.2f}; "
      f"SiLU: minimum {silu.min():.3f} at z = {zs[silu.argmin()]:.2f}")
assert round(gelu.min(), 2) == -0.17 and round(zs[gelu.argmin()], 2) == -0.75
assert round(silu.min(), 2) == -0.28 and round(zs[silu.argmin()], 2) == -1.28

# %% [markdown]
# So the proof above does not cover them. But their dip is shallow, about $-0.17$ and
# $-0.28$, and they are chosen because deep networks train well with them, not so that one
# neuron can compute XOR. The usual way past XOR, in
# [Part II]({{< relref "nn-fundamentals-2" >}}), is to combine neurons.
#
# ### Summary
#
# * A neuron computes $a = \varphi(\mathbf{w}^\top \mathbf{x} + b)$: a weighted sum, a bias and an activation.
# * The perceptron learns its weights from mistakes, epoch after epoch, and reaches an epoch
#   without a mistake whenever the classes can be separated by a straight line (a hyperplane,
#   in more dimensions).
# * XOR cannot be separated by one line, so no single neuron with a step or any other monotone
#   activation can compute it: the best line gets 3 of the 4 examples right, and the
#   perceptron rule, which never settles on XOR, ends at chance level.
# * The step fires at exactly $z = 0$, so rounding errors can change what a perceptron learns:
#   with $\eta = 0.1$ in floats it stops two epochs early, at weights that are right only by a
#   rounding error.
#
# The way out is to combine neurons: the outputs of a few neurons can be fed into another
# one. How to organise those connections as layers and weight matrices is the subject of
# [Part II]({{< relref "nn-fundamentals-2" >}}), which also builds XOR from three perceptrons;
# [Part III]({{< relref "nn-fundamentals-3" >}}) then trains such a network on XOR.
