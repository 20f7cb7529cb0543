# ---
# title: Neural Network Fundamentals II
# date: 2018-02-01
# tags: [Deep Learning, Neural Networks, Class17/18, Blog Instruction]
# categories: [seminar]
# series: Neural Network Fundamentals
# description: "Part II of the Neural Network Fundamentals: layers, nodes and weights, and the forward pass"
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
# ## A Gentle Introduction to Neural Network Fundamentals
#
# This is the second part of our series *Neural Network Fundamentals*.
# [Part I]({{< relref "nn-fundamentals-1" >}}) built a single artificial neuron,
# $a = \varphi(\mathbf{w}^\top \mathbf{x} + b)$, and showed that one neuron with a monotone
# activation cannot compute XOR. Here we connect neurons into a network and compute its
# output, the *forward pass*; [Part III]({{< relref "nn-fundamentals-3" >}}) makes the
# network learn, [Part IV]({{< relref "nn-fundamentals-4" >}}) trains it on real data, and
# [Part V]({{< relref "nn-fundamentals-5" >}}) lets the computer find the gradients itself.
#
# ### A network from scratch
# We build the network in Python from its parts:
#
# * layers
# * nodes
# * weights between them
# * a bias for every node that has inputs
# * an activation function

# %% [markdown]
# The activation function decides how strongly a node "fires". We use the sigmoid
# $\sigma(z) = \frac{1}{1 + e^{-z}}$ of [Part I]({{< relref "nn-fundamentals-1" >}}), which
# squashes any weighted sum $z$ into the interval $(0, 1)$. What a weight does to it is worth
# a look: a node with the single input $z$ and weight $k$ computes $\sigma(k z)$, and the
# larger $k$, the steeper the sigmoid. Draw it for a few weights:

# %% tags=["pre-exercise-code"] exercise="draw-sigmoid"
import numpy as np
import matplotlib.pyplot as plt

# %% [raw] tags=["sample-code"]
# # The sigmoid, element by element
# def sigmoid(z):
#     return ___
#
# # The node's output y for the weights k = 1, 3 and 10, on 200 points between -6 and 6
# z = np.linspace(-6, 6, 200)
# for k in [1, 3, 10]:
#     y = ___
#     plt.plot(z, y, label=f"k = {k}")
# plt.legend()
# plt.show()

# %% tags=["solution"]
# The sigmoid, element by element
def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# The node's output y for the weights k = 1, 3 and 10, on 200 points between -6 and 6
z = np.linspace(-6, 6, 200)
for k in [1, 3, 10]:
    y = sigmoid(k * z)
    plt.plot(z, y, label=f"k = {k}")
plt.legend()
plt.show()

# %% tags=["solution-alternative"]
# The sigmoid, element by element
def sigmoid(z):
    return np.exp(z) / (1 + np.exp(z))

# The node's output y for the weights k = 1, 3 and 10, on 200 points between -6 and 6
z = np.linspace(-6, 6, 200)
for k in [1, 3, 10]:
    y = sigmoid(z * k)
    plt.plot(z, y, label=f"k = {k}")
plt.legend()
plt.show()

# %% tags=["solution-alternative"]
# The sigmoid, element by element
sigmoid = lambda z: 1 / (1 + np.exp(-z))

# The node's output y for the weights k = 1, 3 and 10, on 200 points between -6 and 6
z = np.linspace(-6, 6, 200)
fig, ax = plt.subplots()
for k in [1, 3, 10]:
    y = sigmoid(k * z)
    ax.plot(z, y, label=f"k = {k}")
ax.legend()
plt.show()

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# # A blank left in the sample is named first: it would raise a NameError, or run with the wrong value.
# lines = [line.strip() for line in Ex()._state.student_code.splitlines()]
# if any(line.startswith("return") and "___" in line for line in lines):
#     Ex().fail("Fill in the blank of `return ___`: what `sigmoid` returns for the weighted sum `z`.")
# if any(line.startswith("y") and "___" in line for line in lines):
#     Ex().fail("Fill in the blank of `y = ___` in the loop: the node's output for the weight `k`, on all the points `z`.")
# if any("___" in line for line in lines):
#     Ex().fail("Fill in the blank `___` that is still in your code.")
#
# Ex().check_object("sigmoid", missing_msg="Define the function `sigmoid(z)`, as the sample does.")
# call_error = "Calling `sigmoid` raised `{{stu_str}}`. It must work on numpy arrays, element by element: `math.exp` takes one number only, numpy's `exp` takes arrays."
# Ex().has_equal_value(expr_code="sigmoid(0.0)", func=same, error_msg=call_error, incorrect_msg="`sigmoid(0)` should be 0.5, but yours gives `{{stu_eval}}`.")
# Ex().has_equal_value(expr_code="sigmoid(2.0)", func=same, error_msg=call_error, incorrect_msg="`sigmoid(2)` should be 1 / (1 + e<sup>−2</sup>) ≈ 0.8808, but yours gives `{{stu_eval}}`. Check the sign of the exponent, and the parentheses around the denominator.")
# Ex().has_equal_value(expr_code="sigmoid(np.array([-3.0, 0.5, 10.0]))", func=same, error_msg=call_error, incorrect_msg="`sigmoid` should work element by element on numpy arrays; for [-3, 0.5, 10] it gave `{{stu_eval}}`.")
# Ex().check_object("z", missing_msg="Keep the points `z` of the sample.").has_equal_value(func=same, incorrect_msg="`z` should be 200 points from -6 to 6, as in the sample.")
#
# loop = Ex().check_for_loop(missing_msg="Keep the loop over the weights `k` of the sample.")
# loop.check_iter().has_equal_value(func=same, incorrect_msg="Loop over the weights 1, 3 and 10, as the sample does; yours are `{{stu_eval}}`.")
# body = loop.check_body()
# keep_y = "Keep the line `y = ...` in the loop, as the sample has it: `y` is the curve for the weight `k`, which the loop then draws."
# y_error = "For the weight k = {k} the line `y = ...` raises `{{{{stu_str}}}}`: `k` is a number and `z` an array of 200 points, so weight each point with `*` (`@` is a matrix product, for two arrays)."
# points = np.linspace(-6, 6, 200)
# unweighted = 1 / (1 + np.exp(-points))
#
# def unlike(wrong):
#     """Pass unless the student's value is this wrong one."""
#     return lambda student, solution: not same(student, wrong)
#
# for k in (3, 10):
#     y_k = body.set_context(k)
#     y_k.has_equal_value(name="y", func=unlike(unweighted), undefined_msg=keep_y, error_msg=y_error.format(k=k), incorrect_msg="Your `y` is the same curve for every weight: the node's weighted input is the weight `k` times `z`, inside the sigmoid.")
#     y_k.has_equal_value(name="y", func=unlike(k * unweighted), incorrect_msg="The weight multiplies the node's input, inside the sigmoid, not its output: your curve for k = {k} rises to {k}, not to 1.".format(k=k))
#     y_k.has_equal_value(name="y", func=same, incorrect_msg="For the weight k = {k}, `y` should be the sigmoid of the weighted input, k times z, on all the points `z`.".format(k=k))
# # Any plot call draws the curve: plt.plot, or the plot method of axes (fig, ax = plt.subplots()).
# calls = body._state.ast_dispatcher.find("function_calls", body._state.student_ast)
# if not any(name == "matplotlib.pyplot.plot" or name.endswith(".plot") for name in calls):
#     body.fail("Draw each curve inside the loop, with `plt.plot(z, y, ...)` as in the sample (or `ax.plot` on the axes of `plt.subplots()`).")
# Ex().has_no_error(incorrect_msg="Your curves are right, but a line after them raised `{{error}}`: keep the sample's `plt.legend()` and `plt.show()`.")
# success_msg("Great: the larger the weight, the closer the sigmoid comes to Part I's step function.")

# %% [markdown] tags=["hint"]
# The sigmoid divides 1 by one plus e to the power of minus z; numpy's `exp` works on whole arrays. Inside the loop, the node's weighted input is the weight `k` times `z`, and `y` is the sigmoid of it.

# %% [markdown]
# Your figure should look like this one:

# %% tags=["hide-input"] alt="The sigmoid of k times z for z from -6 to 6 and the weights k = 1, 3 and 10: all three curves pass through 0.5 at z = 0; with k = 1 the curve rises gently, with k = 10 it jumps from almost 0 to almost 1 within a short distance of zero, like a step."
import numpy as np
import matplotlib.pyplot as plt


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


z = np.linspace(-6, 6, 200)
plt.figure(figsize=(6, 3.4))
for k in [1, 3, 10]:
    plt.plot(z, sigmoid(k * z), label=f"k = {k}")
plt.xlabel("$z$")
plt.ylabel("$\\sigma(kz)$")
plt.legend()
plt.show()

# %% [markdown]
# With a large weight the sigmoid is almost the step function: a sigmoid node can do what a
# perceptron does, and unlike the step it has a derivative everywhere, which
# [Part III]({{< relref "nn-fundamentals-3" >}}) needs for learning.
#
# ### Layers, nodes and weights
#
# We arrange the nodes in three **layers**: `i_n` input nodes that hold the input values,
# `h_n` hidden nodes and `o_n` output nodes. Every node of one layer is connected to every
# node of the next one, and each connection has its own weight. The hidden layer is
# "hidden" because we never see its values directly: we only set the inputs and read the outputs.
# Here is the network we build in this post, with $i_n = 3$, $h_n = 5$ and $o_n = 2$:

# %% tags=["hide-input"] alt="A network diagram: three input nodes on the left, five hidden nodes in the middle and two output nodes on the right; every input node is joined to every hidden node (15 weights, the matrix W1 of shape 5 by 3), and every hidden node to every output node (10 weights, the matrix W2 of shape 2 by 5)."
def draw_network(layer_sizes, names, weight_names):
    """Draw a fully connected network: one column of nodes per layer."""
    fig, ax = plt.subplots(figsize=(7, 4.4))
    spacing = 4.5
    columns = [[(spacing * col, y - (n - 1) / 2) for y in range(n)] for col, n in enumerate(layer_sizes)]
    top = max(layer_sizes) / 2
    for col, (left, right) in enumerate(zip(columns, columns[1:])):
        for x0, y0 in left:
            for x1, y1 in right:
                ax.plot([x0, x1], [y0, y1], color="grey", linewidth=0.8, zorder=1)
        ax.text(spacing * (col + 0.5), -top - 0.3, weight_names[col], ha="center", va="top", fontsize=11)
    for col, (nodes, name) in enumerate(zip(columns, names)):
        for x, y in nodes:
            ax.add_patch(plt.Circle((x, y), 0.22, facecolor="#9ecae1", edgecolor="black", zorder=2))
        ax.text(spacing * col, top + 0.2, name, ha="center", va="bottom", fontsize=11)
    ax.set_xlim(-1.2, spacing * (len(layer_sizes) - 1) + 1.2)
    ax.set_ylim(-top - 2.2, top + 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    plt.show()


draw_network(
    [3, 5, 2],
    ["input layer\n$i_n = 3$", "hidden layer\n$h_n = 5$", "output layer\n$o_n = 2$"],
    ["$W^{(1)}$\nshape $(h_n, i_n)$\n$= (5, 3)$", "$W^{(2)}$\nshape $(o_n, h_n)$\n$= (2, 5)$"],
)

# %% [markdown]
# Each hidden node $k$ is a neuron as in [Part I]({{< relref "nn-fundamentals-1" >}}), with its
# own weight vector over the $i_n$ inputs. Stack these weight vectors as rows and you get the
# weight matrix $W^{(1)}$ between input and hidden layer: **one row per node of the next layer,
# one column per node of the previous layer**, so its shape is $(h_n, i_n)$. Its entry
# $W^{(1)}_{kj}$ is the weight from input $j$ to hidden node $k$. In the same way $W^{(2)}$,
# between hidden and output layer, has shape $(o_n, h_n)$. In the code we call them `w_i_h`
# and `w_h_o`. Every hidden and output node also has its bias; the input nodes only hold the
# inputs and have none.
#
# How many numbers does the network learn? Count them:

# %% tags=["pre-exercise-code"] exercise="count-parameters"
# The network of the figure
i_n, h_n, o_n = 3, 5, 2

# %% [raw] tags=["sample-code"]
# # The number of weights: one per connection, in both weight matrices
# n_weights = ___
#
# # The number of biases
# n_biases = ___
#
# # All the numbers the network learns
# n_params = n_weights + n_biases
# print(n_params)

# %% tags=["solution"]
# The number of weights: one per connection, in both weight matrices
n_weights = h_n * i_n + o_n * h_n

# The number of biases
n_biases = h_n + o_n

# All the numbers the network learns
n_params = n_weights + n_biases
print(n_params)

# %% tags=["solution-alternative"]
# The number of weights: one per connection, in both weight matrices
n_weights = i_n * h_n + h_n * o_n

# The number of biases
n_biases = o_n + h_n

# All the numbers the network learns
n_params = n_weights + n_biases
print(n_params)

# %% [raw] tags=["sct"]
# # v1 has no check that text is absent: each pattern matches (at the start) only if that line has no blank left.
# test_student_typed(r"\A(?![\s\S]*n_weights\s*=[^\n]*___)", not_typed_msg="Fill in the blank of `n_weights = ___`: the number of weights, counted from `i_n`, `h_n` and `o_n`.")
# test_student_typed(r"\A(?![\s\S]*n_biases\s*=[^\n]*___)", not_typed_msg="Fill in the blank of `n_biases = ___`: the number of biases, counted from `i_n`, `h_n` and `o_n`.")
# test_object("n_weights", undefined_msg="`n_weights` is not defined: if its line raised an error, count from `i_n`, `h_n` and `o_n` only, the numbers of nodes; the weight matrices themselves are not defined in this exercise.", incorrect_msg="`n_weights` should count every connection: each of the `i_n` inputs is connected to each of the `h_n` hidden nodes, and each hidden node to each of the `o_n` outputs. That is the number of entries of both weight matrices together.")
# test_object("n_biases", undefined_msg="`n_biases` is not defined: if its line raised an error, count from `i_n`, `h_n` and `o_n` only, the numbers of nodes.", incorrect_msg="`n_biases` should count one bias per hidden and per output node; the input nodes only hold the inputs and have no bias.")
# test_object("n_params", undefined_msg="Keep the line of the sample that defines `n_params`.", incorrect_msg="`n_params` should add the weights and the biases, as the sample's line does.")
# test_function("print", not_called_msg="Print the number of parameters with `print`.", incorrect_msg="Print `n_params`, the number of all parameters.")
# success_msg("Right: 32 numbers, and training will have to find all of them.")

# %% [markdown] tags=["hint"]
# A weight matrix has as many entries as rows times columns, and the text above gives both matrices' shapes. Which layers' nodes have a bias?

# %% [markdown]
# Before training we know nothing about good weights, so we draw them at random. We seed the
# random number generator, so that every run (and the check of your answer) draws the
# same numbers.

# %% tags=["pre-exercise-code"] exercise="random-weights"
# Load the package to work with numbers
import numpy as np

# Random draws are seeded, so that your weights can be checked
np.random.seed(2018)

# %% [raw] tags=["sample-code"]
# # Determine the structure of the NN:
# # i_n, h_n and o_n are the numbers of nodes in the input, hidden and output layers
# i_n = 3
# h_n = 5
# o_n = 2
#
# # Randomly define the weights between nodes, first into the hidden layer, then into the output layer
# w_i_h = np.random.rand(___, ___)
# w_h_o = np.random.rand(___, ___)
#
# # Show the matrices of randomly assigned weights
# print(w_i_h)
# print(w_h_o)

# %% tags=["solution"]
# Determine the structure of the NN:
# i_n, h_n and o_n are the numbers of nodes in the input, hidden and output layers
i_n = 3
h_n = 5
o_n = 2

# Randomly define the weights between nodes, first into the hidden layer, then into the output layer
w_i_h = np.random.rand(h_n, i_n)
w_h_o = np.random.rand(o_n, h_n)

# Show the matrices of randomly assigned weights
print(w_i_h)
print(w_h_o)

# %% tags=["solution-alternative"]
# Determine the structure of the NN:
# i_n, h_n and o_n are the numbers of nodes in the input, hidden and output layers
i_n = 3
h_n = 5
o_n = 2

# Randomly define the weights between nodes, first into the hidden layer, then into the output layer
w_i_h = np.random.random_sample((h_n, i_n))
w_h_o = np.random.random_sample((o_n, h_n))

# Show the matrices of randomly assigned weights
print(w_i_h)
print(w_h_o)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# # A blank left in the sample is named first.
# lines = [line.strip() for line in Ex()._state.student_code.splitlines()]
# for name, what in (("w_i_h", "the weights into the hidden layer"), ("w_h_o", "the weights into the output layer")):
#     if any(line.startswith(name) and "___" in line for line in lines):
#         Ex().fail("Fill in the blanks of `{} = np.random.rand(___, ___)`, {}: its number of rows, then of columns.".format(name, what))
# if any("___" in line for line in lines):
#     Ex().fail("Fill in the blank `___` that is still in your code.")
#
# Ex().check_object("i_n").has_equal_value(incorrect_msg="Keep `i_n = 3`: the network has three inputs.")
# Ex().check_object("h_n").has_equal_value(incorrect_msg="Keep `h_n = 5`: the network has five hidden nodes.")
# Ex().check_object("o_n").has_equal_value(incorrect_msg="Keep `o_n = 2`: the network has two outputs.")
# raised = "`{}` is not defined: if its line raised an error, note that `np.random.rand` takes the sizes as separate numbers, `np.random.rand(rows, columns)`, not as one tuple."
# Ex().check_object("w_i_h", missing_msg=raised.format("w_i_h")).multi(
#     has_equal_value(expr_code="np.shape(w_i_h)", incorrect_msg="`w_i_h` has shape `{{stu_eval}}`, but it needs `{{sol_eval}}`: one row per node of the next layer (hidden), one column per node of the previous layer (input)."),
#     has_equal_value(func=same, incorrect_msg="`w_i_h` has the right shape but not the expected numbers. Draw it first, right after the seed, with `np.random.rand`: the seeded generator hands out its numbers in order."),
# )
# Ex().check_object("w_h_o", missing_msg=raised.format("w_h_o")).multi(
#     has_equal_value(expr_code="np.shape(w_h_o)", incorrect_msg="`w_h_o` has shape `{{stu_eval}}`, but it needs `{{sol_eval}}`: one row per output node, one column per hidden node."),
#     has_equal_value(func=same, incorrect_msg="`w_h_o` has the right shape but not the expected numbers. Draw it with `np.random.rand` after `w_i_h`, not before, and without seeding again."),
# )
# Ex().has_no_error(incorrect_msg="Your weights are right, but a line after them raised `{{error}}`: keep the sample's two `print` lines.")
# success_msg("Great job! These matrices carry the signal from one layer to the next.")

# %% [markdown] tags=["hint"]
# `np.random.rand(rows, columns)` draws a matrix of uniform random numbers. Which layer gives a weight matrix its rows: the layer the connections come from, or the one they go to?

# %% [markdown]
# The same draws as in the exercise, shown with their shapes. `np.random.rand` draws
# uniformly from $[0, 1)$, which is fine for computing a forward pass; in
# [Part III]({{< relref "nn-fundamentals-3" >}}) we will see why training starts better from
# weights centred on zero and scaled to the size of the layer. The biases
# $\mathbf{b}^{(1)}$ and $\mathbf{b}^{(2)}$, one per node of the hidden and output layer, are
# columns; training starts them at zero, but so that they show in the forward pass we draw
# them too, from $[-0.5, 0.5)$.

# %%
np.random.seed(2018)

i_n = 3
h_n = 5
o_n = 2

w_i_h = np.random.rand(h_n, i_n)
w_h_o = np.random.rand(o_n, h_n)
b_h = np.random.rand(h_n, 1) - 0.5
b_o = np.random.rand(o_n, 1) - 0.5

print("w_i_h", w_i_h.shape)
print(w_i_h.round(3))
print("w_h_o", w_h_o.shape)
print(w_h_o.round(3))
print("b_h", b_h.shape, "b_o", b_o.shape)

# %% [markdown]
# ### The forward pass
#
# Write the input as a column vector $\mathbf{x}$ of shape $(i_n, 1)$. Hidden node $k$
# computes $z_k = \sum_j W^{(1)}_{kj} x_j + b^{(1)}_k$, the $k$-th row of $W^{(1)}$ times
# $\mathbf{x}$. All $h_n$ of them at once are one matrix-vector product, followed by the
# activation applied element by element:
#
# $$\mathbf{z}^{(1)} = W^{(1)} \mathbf{x} + \mathbf{b}^{(1)}, \qquad \mathbf{h} = \sigma\left(\mathbf{z}^{(1)}\right)$$
#
# The hidden values are the inputs of the output layer:
#
# $$\mathbf{z}^{(2)} = W^{(2)} \mathbf{h} + \mathbf{b}^{(2)}, \qquad \hat{\mathbf{y}} = \sigma\left(\mathbf{z}^{(2)}\right)$$
#
# This is the **forward pass**: the signal flows from the inputs through the hidden layer to
# the outputs. In numpy, `@` is the matrix product (`*` multiplies element by element), and
# `np.exp` works element by element. Compute the hidden layer of our network for the input
# $\mathbf{x} = (1, 0.5, -1.5)$:

# %% tags=["pre-exercise-code"] exercise="hidden-layer"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# The network of the text: 3 inputs, 5 hidden nodes, 2 outputs
np.random.seed(2018)
i_n, h_n, o_n = 3, 5, 2
w_i_h = np.random.rand(h_n, i_n)
w_h_o = np.random.rand(o_n, h_n)
b_h = np.random.rand(h_n, 1) - 0.5
b_o = np.random.rand(o_n, 1) - 0.5

# One input, as a column
x = np.array([[1.0], [0.5], [-1.5]])

# %% [raw] tags=["sample-code"]
# # The weighted sums of the hidden nodes, biases included
# z_h = ___
#
# # The values of the hidden nodes
# h = ___
#
# print(z_h.shape, h.shape)
# print(h)

# %% tags=["solution"]
# The weighted sums of the hidden nodes, biases included
z_h = w_i_h @ x + b_h

# The values of the hidden nodes
h = sigmoid(z_h)

print(z_h.shape, h.shape)
print(h)

# %% tags=["solution-alternative"]
# The weighted sums of the hidden nodes, biases included
z_h = b_h + np.dot(w_i_h, x)

# The values of the hidden nodes
h = 1 / (1 + np.exp(-z_h))

print(z_h.shape, h.shape)
print(h)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def unlike(wrong):
#     """Pass unless the student's value is this wrong one."""
#     return lambda student, solution: not same(student, wrong)
#
# # A blank left in the sample is named first.
# lines = [line.strip() for line in Ex()._state.student_code.splitlines()]
# if any(line.startswith("z_h") and "___" in line for line in lines):
#     Ex().fail("Fill in the blank of `z_h = ___`: the weighted sums of the hidden nodes, one per row, biases included.")
# if any(line.startswith("h") and "___" in line for line in lines):
#     Ex().fail("Fill in the blank of `h = ___`: the values of the hidden nodes, computed from `z_h`.")
# if any("___" in line for line in lines):
#     Ex().fail("Fill in the blank `___` that is still in your code.")
#
# # The pre-exercise code's network, drawn again
# rng = np.random.RandomState(2018)
# W1 = rng.rand(5, 3)
# W2 = rng.rand(2, 5)
# b1 = rng.rand(5, 1) - 0.5
# x = np.array([[1.0], [0.5], [-1.5]])
# z1 = W1 @ x + b1
#
# shapes = "`w_i_h` has shape (5, 3), `x` has shape (3, 1) and `b_h` has shape (5, 1); a matrix product (r, k) @ (k, c) needs the inner sizes to agree, and gives (r, c)."
# Ex().check_object("z_h", missing_msg="`z_h` is not defined: if its line raised an error, check the shapes. " + shapes + " `*` multiplies element by element; it is no matrix product.").multi(
#     has_equal_value(expr_code="np.shape(z_h)", incorrect_msg="`z_h` has shape `{{stu_eval}}`, but it should be a column with one entry per hidden node, `{{sol_eval}}`. " + shapes + " `*` multiplies element by element; it is no matrix product."),
#     has_equal_value(func=unlike(W1 @ x), incorrect_msg="Your `z_h` leaves out the biases: add `b_h`, one bias per hidden node."),
#     has_equal_value(func=unlike(1 / (1 + np.exp(-z1))), incorrect_msg="Your `z_h` already went through the sigmoid: `z_h` is the weighted sums, and `h` their sigmoid."),
#     has_equal_value(func=same, incorrect_msg="`z_h` has the right shape but the wrong values. Each hidden node adds up its weights times the inputs, plus its own bias."),
# )
# Ex().check_object("h", missing_msg="`h` is not defined: if its line raised an error, apply the sigmoid, loaded for you as `sigmoid`, to `z_h`.").multi(
#     has_equal_value(func=unlike(z1), incorrect_msg="Your `h` is the weighted sums themselves: the hidden nodes' values are the sigmoid of `z_h`."),
#     has_equal_value(func=same, incorrect_msg="`h` should be the activation of the weighted sums `z_h`, the sigmoid, applied element by element: values between 0 and 1."),
# )
# Ex().has_no_error(incorrect_msg="Your `z_h` and `h` are right, but a line after them raised `{{error}}`: keep the sample's `print` lines.")
# success_msg("Great: one matrix product computes all hidden nodes at once.")

# %% [markdown] tags=["hint"]
# Which comes first in the product, the weight matrix or the input? Compare the shapes: the result needs one row per hidden node. Then apply the activation that is loaded for you.

# %% [markdown]
# The output layer does to $\mathbf{h}$ what the hidden layer did to $\mathbf{x}$, with its own
# weights and biases. Put both layers into one function, the network's forward pass:

# %% tags=["pre-exercise-code"] exercise="forward-function"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# The network of the text: 3 inputs, 5 hidden nodes, 2 outputs
np.random.seed(2018)
i_n, h_n, o_n = 3, 5, 2
w_i_h = np.random.rand(h_n, i_n)
w_h_o = np.random.rand(o_n, h_n)
b_h = np.random.rand(h_n, 1) - 0.5
b_o = np.random.rand(o_n, 1) - 0.5

# One input, as a column
x = np.array([[1.0], [0.5], [-1.5]])

# %% [raw] tags=["sample-code"]
# # The forward pass of a network with one hidden layer: its outputs for the input x
# def forward(x, w_i_h, b_h, w_h_o, b_o):
#     ___
#
# y_hat = forward(x, w_i_h, b_h, w_h_o, b_o)
# print(y_hat.shape)
# print(y_hat)

# %% tags=["solution"]
# The forward pass of a network with one hidden layer: its outputs for the input x
def forward(x, w_i_h, b_h, w_h_o, b_o):
    h = sigmoid(w_i_h @ x + b_h)
    y_hat = sigmoid(w_h_o @ h + b_o)
    return y_hat

y_hat = forward(x, w_i_h, b_h, w_h_o, b_o)
print(y_hat.shape)
print(y_hat)

# %% tags=["solution-alternative"]
# The forward pass of a network with one hidden layer: its outputs for the input x
def forward(x, w_i_h, b_h, w_h_o, b_o):
    a = x
    for W, b in [(w_i_h, b_h), (w_h_o, b_o)]:
        a = sigmoid(np.dot(W, a) + b)
    return a

y_hat = forward(x, w_i_h, b_h, w_h_o, b_o)
print(y_hat.shape)
print(y_hat)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def sigmoid(z):
#     return 1 / (1 + np.exp(-z))
#
# # A blank left in the sample is named first.
# lines = [line.strip() for line in Ex()._state.student_code.splitlines()]
# if any("___" in line for line in lines):
#     Ex().fail("Write the body of `forward` in place of the blank `___`: the hidden layer's values from `x`, then the outputs from them, returned with `return`.")
#
# Ex().check_object("forward", missing_msg="Define the function `forward(x, w_i_h, b_h, w_h_o, b_o)` of the sample.")
#
# # A network with 2 inputs, 3 hidden nodes and 1 output, unlike the example's sizes
# x2 = np.array([[1.0], [2.0]])
# W1 = np.array([[0.5, -0.5], [1.0, 0.0], [0.0, 1.0]])
# b1 = np.array([[0.1], [0.2], [-0.3]])
# W2 = np.array([[1.0, -1.0, 2.0]])
# b2 = np.array([[-0.5]])
# call = "forward({}, {}, {}, {}, {})".format(*("np.array({})".format(a.tolist()) for a in (x2, W1, b1, W2, b2)))
# got = {}
#
# def keep(student, solution):
#     got["y"] = student
#     return True
#
# Ex().has_equal_value(expr_code=call, func=keep, error_msg="Calling `forward` for a network with 2 inputs, 3 hidden nodes and 1 output raised `{{stu_str}}`. Check the shapes: in each layer the weight matrix (nodes of the layer, nodes of the layer before) comes first, times that layer's values as a column: `x` (2, 1) for the hidden layer, the hidden values (3, 1) for the output layer.")
# y = got["y"]
# h = sigmoid(W1 @ x2 + b1)
# wrong = [
#     (None, "`forward` returns `None`: end it with `return` and the outputs (`print` shows a value, `return` hands it back)."),
#     (h, "`forward` returns the hidden values: the output layer still has to read them, with `w_h_o` and `b_o`, and return its own values."),
#     (W2 @ h + b2, "`forward` returns the output layer's weighted sums: apply the sigmoid to them too."),
#     (sigmoid(W2 @ (W1 @ x2 + b1) + b2), "The output layer reads the hidden layer's weighted sums: apply the sigmoid to the hidden layer first, then let the output layer read its values."),
#     (sigmoid(W2 @ sigmoid(W1 @ x2) + b2), "Your hidden layer leaves out its biases `b_h`."),
#     (sigmoid(W2 @ h), "Your output layer leaves out its biases `b_o`."),
# ]
# for value, message in wrong:
#     if (y is None) if value is None else same(y, value):
#         Ex().fail(message)
# if not same(y, sigmoid(W2 @ h + b2)):
#     returned = "an array of shape {}".format(np.shape(y)) if np.shape(y) != (1, 1) else "`{}`".format(y)
#     Ex().fail("For a network with 2 inputs, 3 hidden nodes and 1 output, `forward` should return the sigmoid of the output layer's weighted sums, shape (1, 1); yours returns {}. Each layer: its weight matrix times the values of the layer before, plus its biases, through the sigmoid.".format(returned))
# Ex().has_equal_value(expr_code="forward(x, w_i_h, b_h, w_h_o, b_o)", func=same, error_msg="`forward` should also work for the network of the text, but it raised `{{stu_str}}`.", incorrect_msg="`forward` works for a network with 2 inputs, but not for the one of the text: use the function's parameters, not numbers or names from outside.")
# Ex().check_object("y_hat", missing_msg="Keep the sample's line `y_hat = forward(x, w_i_h, b_h, w_h_o, b_o)`.").has_equal_value(func=same, incorrect_msg="Keep the sample's line `y_hat = forward(x, w_i_h, b_h, w_h_o, b_o)`.")
# Ex().has_no_error(incorrect_msg="`forward` is right, but a line after it raised `{{error}}`: keep the sample's `print` lines.")
# success_msg("Well done: that is the complete forward pass.")

# %% [markdown] tags=["hint"]
# The output layer repeats what the hidden layer does, one layer further on: its input is the hidden values, and it has its own weights and biases. End the function with `return`.

# %% [markdown]
# ### Shapes, and a whole batch at once
#
# The rule for a matrix product is that the inner dimensions must agree: $(r, k) \cdot (k, c)$
# gives $(r, c)$. For one input:
#
# | quantity | shape |
# | --- | --- |
# | input $\mathbf{x}$ | $(i_n, 1)$ |
# | $W^{(1)}$ | $(h_n, i_n)$ |
# | $W^{(1)}\mathbf{x}$, $\mathbf{b}^{(1)}$, $\mathbf{h}$ | $(h_n, 1)$ |
# | $W^{(2)}$ | $(o_n, h_n)$ |
# | $W^{(2)}\mathbf{h}$, $\mathbf{b}^{(2)}$, $\hat{\mathbf{y}}$ | $(o_n, 1)$ |
#
# Nothing in the products requires the input to have a single column. Put $m$ inputs side
# by side as the columns of a matrix $X$ of shape $(i_n, m)$, and the same formulas compute
# the hidden values and outputs of all of them at once:
#
# $$H = \sigma\left(W^{(1)} X + \mathbf{b}^{(1)}\right) \in \mathbb{R}^{h_n \times m}, \qquad \hat{Y} = \sigma\left(W^{(2)} H + \mathbf{b}^{(2)}\right) \in \mathbb{R}^{o_n \times m}$$
#
# Column $c$ of $\hat{Y}$ is the network's output for column $c$ of $X$. Adding the bias
# column $\mathbf{b}^{(1)}$ of shape $(h_n, 1)$ to an $(h_n, m)$ matrix uses numpy's
# *broadcasting*: the column is added to every column. This **vectorised** forward pass is
# much faster than a Python loop over the inputs, and it gives the same numbers:

# %%
X = np.array([[1.0, 0.0, -1.0, 2.0],
              [0.5, 1.0, 0.0, -0.5],
              [-1.5, 0.5, 1.0, 0.0]])

H = sigmoid(w_i_h @ X + b_h)
Y_hat = sigmoid(w_h_o @ H + b_o)
print("X", X.shape, "-> H", H.shape, "-> Y_hat", Y_hat.shape)
print(Y_hat.round(4))

# One input at a time, as columns of shape (i_n, 1):
for c in range(X.shape[1]):
    x_c = X[:, [c]]
    y_c = sigmoid(w_h_o @ sigmoid(w_i_h @ x_c + b_h) + b_o)
    assert np.allclose(y_c, Y_hat[:, [c]])
print("the batch gives the same outputs as the loop")

# %% [markdown]
# The first column of `X` is the input $\mathbf{x}$ of the exercises, so the first column of
# `Y_hat` is what your `forward` returned for it. Work out the shapes of a bigger network
# before you compute anything:

# %% tags=["pre-exercise-code"] exercise="layer-shapes"
# A network with 4 inputs, 6 hidden nodes and 3 outputs, fed a batch of 10 inputs
i_n, h_n, o_n = 4, 6, 3
m = 10

# %% [raw] tags=["sample-code"]
# # Fill in the shapes as (rows, columns), using i_n, h_n, o_n and m
# shape_X = (i_n, m)
# shape_w_i_h = (___, ___)
# shape_w_h_o = (___, ___)
# shape_H = (___, ___)
# shape_Y_hat = (___, ___)
#
# print(shape_w_i_h, shape_w_h_o, shape_H, shape_Y_hat)

# %% tags=["solution"]
# Fill in the shapes as (rows, columns), using i_n, h_n, o_n and m
shape_X = (i_n, m)
shape_w_i_h = (h_n, i_n)
shape_w_h_o = (o_n, h_n)
shape_H = (h_n, m)
shape_Y_hat = (o_n, m)

print(shape_w_i_h, shape_w_h_o, shape_H, shape_Y_hat)

# %% tags=["solution-alternative"]
# Fill in the shapes as (rows, columns), using i_n, h_n, o_n and m
shape_X = (i_n, m)
shape_w_i_h = (6, 4)
shape_w_h_o = (o_n, h_n)
shape_H = (6, 10)
shape_Y_hat = (o_n, m)

print(shape_w_i_h, shape_w_h_o, shape_H, shape_Y_hat)

# %% [raw] tags=["sct"]
# def same_shape(student, solution):
#     """A shape as a tuple or a list of the same numbers."""
#     return isinstance(student, (tuple, list)) and tuple(student) == tuple(solution)
#
# # A blank left in the sample is named first, the first such line of the sample first.
# lines = [line.strip() for line in Ex()._state.student_code.splitlines()]
# for name in ("shape_w_i_h", "shape_w_h_o", "shape_H", "shape_Y_hat"):
#     if any(line.startswith(name + " ") and "___" in line for line in lines):
#         Ex().fail("Fill in the blanks of `{} = (___, ___)`: its number of rows, then of columns, from `i_n`, `h_n`, `o_n` and `m`.".format(name))
# if any("___" in line for line in lines):
#     Ex().fail("Fill in the blank `___` that is still in your code.")
#
# names = "if its line raised an error, use the names this exercise defines: `i_n`, `h_n`, `o_n` and the batch size `m`."
# Ex().check_object("shape_w_i_h", missing_msg="`shape_w_i_h` is not defined: " + names).has_equal_value(func=same_shape, incorrect_msg="`shape_w_i_h` is `{{stu_eval}}`, but a weight matrix has one row per node of the layer it feeds and one column per node of the layer it reads: here the hidden and the input layer.")
# Ex().check_object("shape_w_h_o", missing_msg="`shape_w_h_o` is not defined: " + names).has_equal_value(func=same_shape, incorrect_msg="`shape_w_h_o` is `{{stu_eval}}`, but `w_h_o` feeds the output layer and reads the hidden layer: rows for the one, columns for the other.")
# Ex().check_object("shape_H", missing_msg="`shape_H` is not defined: " + names).has_equal_value(func=same_shape, incorrect_msg="`shape_H` is `{{stu_eval}}`. `H` comes from a product `(h_n, i_n) @ (i_n, m)`: the outer sizes remain.")
# Ex().check_object("shape_Y_hat", missing_msg="`shape_Y_hat` is not defined: " + names).has_equal_value(func=same_shape, incorrect_msg="`shape_Y_hat` is `{{stu_eval}}`, but `Y_hat` has one row per output node and one column per input of the batch.")
# Ex().has_no_error(incorrect_msg="Your shapes are right, but a line after them raised `{{error}}`: keep the sample's `print` line.")
# success_msg("Right: the batch size only ever appears as the number of columns.")

# %% [markdown] tags=["hint"]
# Use the rule from the text: rows from the layer a matrix feeds, columns from the layer it reads. For the node values of a batch, how many columns does a batch of `m` inputs give?

# %% [markdown]
# Data rarely arrives with the examples as columns. A table of data, such as a CSV file or
# the digits of [Part IV]({{< relref "nn-fundamentals-4" >}}), has **one example per row**:
# an array of shape $(m, i_n)$. Transposing the formulas keeps the weights as they are:
# since $(AB)^\top = B^\top A^\top$, the hidden values of the examples as rows are
# $H^\top = \sigma\left(X^\top W^{(1)\top} + \mathbf{b}^{(1)\top}\right)$, with the biases as a
# row that broadcasting adds to every row. Compute the outputs of our network for a table of
# six examples, again as a table with one row per example:

# %% tags=["pre-exercise-code"] exercise="batch-forward"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# The network of the text: 3 inputs, 5 hidden nodes, 2 outputs
np.random.seed(2018)
i_n, h_n, o_n = 3, 5, 2
w_i_h = np.random.rand(h_n, i_n)
w_h_o = np.random.rand(o_n, h_n)
b_h = np.random.rand(h_n, 1) - 0.5
b_o = np.random.rand(o_n, 1) - 0.5

# A table of 6 examples: one example per row, its 3 input values as the columns
X_rows = np.random.RandomState(6).normal(size=(6, i_n))

# %% [raw] tags=["sample-code"]
# # The hidden values of the 6 examples, one row per example
# H_rows = ___
#
# # The outputs of the 6 examples, one row per example
# Y_rows = ___
#
# print(H_rows.shape, Y_rows.shape)
# print(Y_rows)

# %% tags=["solution"]
# The hidden values of the 6 examples, one row per example
H_rows = sigmoid(X_rows @ w_i_h.T + b_h.T)

# The outputs of the 6 examples, one row per example
Y_rows = sigmoid(H_rows @ w_h_o.T + b_o.T)

print(H_rows.shape, Y_rows.shape)
print(Y_rows)

# %% tags=["solution-alternative"]
# The hidden values of the 6 examples, one row per example
H_rows = sigmoid(w_i_h @ X_rows.T + b_h).T

# The outputs of the 6 examples, one row per example
Y_rows = sigmoid(w_h_o @ H_rows.T + b_o).T

print(H_rows.shape, Y_rows.shape)
print(Y_rows)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def unlike(wrong):
#     """Pass unless the student's value is this wrong one."""
#     return lambda student, solution: not same(student, wrong)
#
# def sigmoid(z):
#     return 1 / (1 + np.exp(-z))
#
# # A blank left in the sample is named first.
# lines = [line.strip() for line in Ex()._state.student_code.splitlines()]
# if any(line.startswith("H_rows") and "___" in line for line in lines):
#     Ex().fail("Fill in the blank of `H_rows = ___`: the hidden values of the examples, one row per example.")
# if any(line.startswith("Y_rows") and "___" in line for line in lines):
#     Ex().fail("Fill in the blank of `Y_rows = ___`: the outputs of the examples, one row per example, computed from `H_rows`.")
# if any("___" in line for line in lines):
#     Ex().fail("Fill in the blank `___` that is still in your code.")
#
# # The pre-exercise code's network and table, drawn again
# rng = np.random.RandomState(2018)
# W1, W2 = rng.rand(5, 3), rng.rand(2, 5)
# b1, b2 = rng.rand(5, 1) - 0.5, rng.rand(2, 1) - 0.5
# X_rows = np.random.RandomState(6).normal(size=(6, 3))
# H_rows = sigmoid(X_rows @ W1.T + b1.T)
#
# shapes = "`X_rows` is (6, 3), one example per row; `w_i_h` is (5, 3) and `b_h` is (5, 1); `w_h_o` is (2, 5) and `b_o` is (2, 1). With the examples as rows, multiply by the transposed weights, `.T`, and add the biases as a row."
# Ex().check_object("H_rows", missing_msg="`H_rows` is not defined: if its line raised an error, check the shapes. " + shapes).multi(
#     has_equal_value(func=unlike(H_rows.T), incorrect_msg="Your `H_rows` has one column per example, shape (5, 6): transpose it, so that each example is a row, shape (6, 5)."),
#     has_equal_value(expr_code="np.shape(H_rows)", incorrect_msg="`H_rows` has shape `{{stu_eval}}`, but it needs one row per example and one column per hidden node, `{{sol_eval}}`. " + shapes),
#     has_equal_value(func=unlike(sigmoid(X_rows @ W1.T)), incorrect_msg="Your `H_rows` leaves out the biases `b_h`: add them as a row, `b_h.T`, to every example's row."),
#     has_equal_value(func=unlike(X_rows @ W1.T + b1.T), incorrect_msg="Your `H_rows` is the hidden layer's weighted sums: apply the sigmoid to them."),
#     has_equal_value(func=same, incorrect_msg="`H_rows` has the right shape but the wrong values. Row r should be the hidden values of example r: the transposed weights `w_i_h.T` times the example, plus the biases, through the sigmoid."),
# )
# Ex().check_object("Y_rows", missing_msg="`Y_rows` is not defined: if its line raised an error, check the shapes. `H_rows` is (6, 5), one example per row; " + shapes[shapes.index("`w_h_o`"):]).multi(
#     has_equal_value(func=unlike(sigmoid(H_rows @ W2.T + b2.T).T), incorrect_msg="Your `Y_rows` has one column per example, shape (2, 6): transpose it, so that each example is a row, shape (6, 2)."),
#     has_equal_value(expr_code="np.shape(Y_rows)", incorrect_msg="`Y_rows` has shape `{{stu_eval}}`, but it needs one row per example and one column per output node, `{{sol_eval}}`. " + shapes),
#     has_equal_value(func=unlike(sigmoid(H_rows @ W2.T)), incorrect_msg="Your `Y_rows` leaves out the biases `b_o`: add them as a row, `b_o.T`."),
#     has_equal_value(func=unlike(H_rows @ W2.T + b2.T), incorrect_msg="Your `Y_rows` is the output layer's weighted sums: apply the sigmoid to them."),
#     has_equal_value(func=same, incorrect_msg="`Y_rows` has the right shape but the wrong values: the output layer reads the hidden values `H_rows`, with its own weights and biases, transposed as for the hidden layer."),
# )
# Ex().has_no_error(incorrect_msg="`H_rows` and `Y_rows` are right, but a line after them raised `{{error}}`: keep the sample's `print` lines.")
# success_msg("Right: with the examples as rows, the weights are transposed and the biases are rows; the numbers are the same.")

# %% [markdown] tags=["hint"]
# Write down the shapes: `X_rows` is (6, 3) and `w_i_h` is (5, 3). Which product of the two, with one of them transposed, gives one row per example and one column per hidden node? The bias column `b_h` must become a row to be added to every row.

# %% [markdown]
# ### Why the activation function matters
#
# What if we left out the sigmoid and let every node output its weighted sum? Then the two
# layers compute
#
# $$\hat{\mathbf{y}} = W^{(2)}\left(W^{(1)} \mathbf{x} + \mathbf{b}^{(1)}\right) + \mathbf{b}^{(2)} = \underbrace{W^{(2)} W^{(1)}}_{W}\,\mathbf{x} + \underbrace{W^{(2)} \mathbf{b}^{(1)} + \mathbf{b}^{(2)}}_{\mathbf{b}}$$
#
# which is a single linear layer with the weight matrix $W = W^{(2)} W^{(1)}$ of shape
# $(o_n, i_n)$ and the bias $\mathbf{b} = W^{(2)} \mathbf{b}^{(1)} + \mathbf{b}^{(2)}$. The
# same holds for any number of layers: **stacked linear layers collapse to one**, and one
# layer cannot compute XOR, as [Part I]({{< relref "nn-fundamentals-1" >}}) proved. The
# nonlinear activation between the layers is what makes depth worth having. Check the
# collapse numerically:

# %% tags=["pre-exercise-code"] exercise="linear-collapse"
import numpy as np

rng = np.random.RandomState(11)
W1, b1 = rng.normal(size=(4, 3)), rng.normal(size=(4, 1))
W2, b2 = rng.normal(size=(2, 4)), rng.normal(size=(2, 1))
X = rng.normal(size=(3, 5))

# %% [raw] tags=["sample-code"]
# # Two linear layers, without an activation, on the batch X
# two_layers = ___
#
# # The weights and bias of the single layer they collapse to
# W = ___
# b = ___
#
# # One layer with W and b on the same batch
# one_layer = ___
#
# print(W.shape, b.shape)
# print(np.allclose(two_layers, one_layer))

# %% tags=["solution"]
# Two linear layers, without an activation, on the batch X
two_layers = W2 @ (W1 @ X + b1) + b2

# The weights and bias of the single layer they collapse to
W = W2 @ W1
b = W2 @ b1 + b2

# One layer with W and b on the same batch
one_layer = W @ X + b

print(W.shape, b.shape)
print(np.allclose(two_layers, one_layer))

# %% tags=["solution-alternative"]
# Two linear layers, without an activation, on the batch X
hidden = np.dot(W1, X) + b1
two_layers = np.dot(W2, hidden) + b2

# The weights and bias of the single layer they collapse to
W = np.dot(W2, W1)
b = np.dot(W2, b1) + b2

# One layer with W and b on the same batch
one_layer = np.dot(W, X) + b

print(W.shape, b.shape)
print(np.allclose(two_layers, one_layer))

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def unlike(wrong):
#     """Pass unless the student's value is this wrong one."""
#     return lambda student, solution: not same(student, wrong)
#
# # A blank left in the sample is named first.
# lines = [line.strip() for line in Ex()._state.student_code.splitlines()]
# blanks = (
#     ("two_layers", "the first layer's weighted sums of `X`, then the second layer's of those"),
#     ("W ", "the single layer's weight matrix, from `W1` and `W2`"),
#     ("b ", "the single layer's bias column, from the two layers' weights and biases"),
#     ("one_layer", "the single layer, `W` and `b`, on the batch `X`"),
# )
# for start, what in blanks:
#     if any(line.startswith(start) and "___" in line for line in lines):
#         Ex().fail("Fill in the blank of `{} = ___`: {}.".format(start.strip(), what))
# if any("___" in line for line in lines):
#     Ex().fail("Fill in the blank `___` that is still in your code.")
#
# # The pre-exercise code's layers, drawn again
# rng = np.random.RandomState(11)
# W1, b1 = rng.normal(size=(4, 3)), rng.normal(size=(4, 1))
# W2, b2 = rng.normal(size=(2, 4)), rng.normal(size=(2, 1))
# X = rng.normal(size=(3, 5))
#
# shapes = "`W1` is (4, 3) and `b1` is (4, 1); `W2` is (2, 4) and `b2` is (2, 1); `X` is (3, 5). In a product (r, k) @ (k, c) the inner sizes must agree."
# Ex().check_object("two_layers", missing_msg="`two_layers` is not defined: if its line raised an error, check the shapes. " + shapes).multi(
#     has_equal_value(expr_code="np.shape(two_layers)", incorrect_msg="`two_layers` has shape `{{stu_eval}}`, but the second layer gives one row per output node and one column per input of the batch, `{{sol_eval}}`. " + shapes),
#     has_equal_value(func=unlike(W2 @ (W1 @ X) + b2), incorrect_msg="Your `two_layers` leaves out the first layer's bias `b1`."),
#     has_equal_value(func=unlike(W2 @ (W1 @ X + b1)), incorrect_msg="Your `two_layers` leaves out the second layer's bias `b2`."),
#     has_equal_value(func=same, incorrect_msg="`two_layers` has the right shape but the wrong values: the first layer computes `W1 @ X + b1`, and the second layer does the same to that, with `W2` and `b2`, without any activation."),
# )
# Ex().check_object("W", missing_msg="`W` is not defined: if its line raised an error, check the shapes. " + shapes + " The layer applied first stands on the right of a product.").multi(
#     has_equal_value(expr_code="np.shape(W)", incorrect_msg="`W` has shape `{{stu_eval}}`, but the single layer reads the 3 inputs and feeds the 2 outputs: it needs shape `{{sol_eval}}`. The layer applied first stands on the right of a product."),
#     has_equal_value(func=same, incorrect_msg="`W` has the right shape but the wrong values: multiply out W2 (W1 x + b1) + b2 and collect everything that multiplies x."),
# )
# Ex().check_object("b", missing_msg="`b` is not defined: if its line raised an error, check the shapes. " + shapes + " The first layer's bias also passes through the second layer's weights.").multi(
#     has_equal_value(expr_code="np.shape(b)", incorrect_msg="`b` has shape `{{stu_eval}}`, but it is one bias per output node, `{{sol_eval}}`. " + shapes),
#     has_equal_value(func=unlike(b2), incorrect_msg="Your `b` is the second layer's bias only: the first layer's bias `b1` also reaches the output, through the second layer's weights `W2`."),
#     has_equal_value(func=unlike(W2 @ b1), incorrect_msg="Your `b` leaves out the second layer's bias `b2`."),
#     has_equal_value(func=same, incorrect_msg="`b` has the right shape but the wrong values: in W2 (W1 x + b1) + b2, collect every term that does not multiply x. The first layer's bias also passes through the second layer's weights."),
# )
# Ex().check_object("one_layer", missing_msg="`one_layer` is not defined: if its line raised an error, check the shapes: `W` (2, 3) times `X` (3, 5), plus the bias column `b` (2, 1).").multi(
#     has_equal_value(func=unlike((W2 @ W1) @ X), incorrect_msg="Your `one_layer` leaves out the bias `b`."),
#     has_equal_value(func=same, incorrect_msg="`one_layer` should be the single layer with your `W` and `b` on the batch `X`, without an activation: the weight matrix times `X`, plus the bias."),
# )
# Ex().has_no_error(incorrect_msg="Your layers are right, but a line after them raised `{{error}}`: keep the sample's `print` lines.")
# success_msg("Right: without an activation, two layers are just one layer with W = W2 W1.")

# %% [markdown] tags=["hint"]
# Start from the formula in the text: the first layer's weighted sums of `X`, then the second layer's of those. Multiply it out: everything that multiplies the input goes into `W`, everything else into `b`. In a product of two matrices, the later layer stands on the left.

# %% [markdown]
# ### XOR from three perceptrons
#
# With a nonlinearity between them, two layers can do what one cannot. XOR is 1 when at least
# one input is 1 (OR) *and* not both are (NAND):
#
# $$\mathrm{XOR}(x_1, x_2) = \mathrm{AND}\big(\mathrm{OR}(x_1, x_2),\ \mathrm{NAND}(x_1, x_2)\big)$$
#
# So a hidden layer of two perceptrons, one computing OR and one NAND, feeding an output
# perceptron that computes AND, computes XOR. Part I's perceptron learned weights for all
# three; with the four inputs as the columns of `X`, the hidden layer's weight matrix has
# the OR weights as its first row and the NAND weights as its second:

# %%
def step(z):
    return np.where(z >= 0, 1.0, 0.0)


X = np.array([[0.0, 0.0, 1.0, 1.0],
              [0.0, 1.0, 0.0, 1.0]])

W1 = np.array([[1.0, 1.0],      # OR:   w = (1, 1),   b = -1
               [-2.0, -1.0]])   # NAND: w = (-2, -1), b = 2
b1 = np.array([[-1.0],
               [2.0]])
W2 = np.array([[2.0, 1.0]])     # AND:  w = (2, 1),   b = -3
b2 = np.array([[-3.0]])

H = step(W1 @ X + b1)
Y_hat = step(W2 @ H + b2)
print("OR:  ", H[0].astype(int))
print("NAND:", H[1].astype(int))
print("XOR: ", Y_hat[0].astype(int))
assert Y_hat[0].tolist() == [0.0, 1.0, 1.0, 0.0]

# %% [markdown]
# The hidden layer maps the four inputs to new coordinates $(h_1, h_2)$: $(0, 0)$ becomes
# $(0, 1)$, $(1, 1)$ becomes $(1, 0)$, and both $(0, 1)$ and $(1, 0)$ become $(1, 1)$. In these
# coordinates a single line separates the targets, and the output perceptron draws it.
#
# Any weights that make the hidden nodes compute OR and NAND will do, and there are many.
# Choose your own:

# %% tags=["pre-exercise-code"] exercise="xor-by-hand"
import numpy as np

def step(z):
    return np.where(z >= 0, 1.0, 0.0)

# The four inputs as columns, and an output perceptron that computes AND of the hidden nodes
X = np.array([[0.0, 0.0, 1.0, 1.0],
              [0.0, 1.0, 0.0, 1.0]])
W2 = np.array([[1.0, 1.0]])
b2 = np.array([[-1.5]])

# %% [raw] tags=["sample-code"]
# # Hidden node 1 computes OR, hidden node 2 computes NAND: one row of weights per node
# W1 = np.array([[___, ___],
#                [___, ___]])
# b1 = np.array([[___],
#                [___]])
#
# H = step(W1 @ X + b1)
# Y_hat = step(W2 @ H + b2)
# print(H)
# print(Y_hat)

# %% tags=["solution"]
# Hidden node 1 computes OR, hidden node 2 computes NAND: one row of weights per node
W1 = np.array([[1.0, 1.0],
               [-1.0, -1.0]])
b1 = np.array([[-0.5],
               [1.5]])

H = step(W1 @ X + b1)
Y_hat = step(W2 @ H + b2)
print(H)
print(Y_hat)

# %% tags=["solution-alternative"]
# Hidden node 1 computes OR, hidden node 2 computes NAND: one row of weights per node
W1 = np.array([[1.0, 1.0],
               [-2.0, -1.0]])
b1 = np.array([[-1.0],
               [2.0]])

H = step(W1 @ X + b1)
Y_hat = step(W2 @ H + b2)
print(H)
print(Y_hat)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# # A blank left in the sample is named first: the sample's four lines of blanks, each by what it holds.
# lines = [line.strip() for line in Ex()._state.student_code.splitlines()]
#
# def blank_of(line):
#     """What the sample's line of blanks holds, by how it starts."""
#     if line.startswith("W1"):
#         return "the first row of `W1`: the weights of hidden node 1, which computes OR"
#     if line.startswith("b1"):
#         return "the first entry of `b1`: the bias of hidden node 1 (OR)"
#     if line.startswith("["):
#         return "the second row of `W1`: the weights of hidden node 2, which computes NAND" if "," in line else "the second entry of `b1`: the bias of hidden node 2 (NAND)"
#     return None
#
# for line in lines:
#     if "___" in line:
#         what = blank_of(line)
#         Ex().fail("Fill in the blanks of {}.".format(what) if what else "Fill in the blank `___` that is still in your code.")
#
# Ex().check_object("W1", missing_msg="`W1` is not defined: if its line raised an error, write it as in the sample, `np.array` of two rows of two numbers.").has_equal_value(expr_code="np.shape(W1)", incorrect_msg="`W1` has shape `{{stu_eval}}`, but it needs `{{sol_eval}}`: one row per hidden node, one column per input.")
# Ex().check_object("b1", missing_msg="`b1` is not defined: if its line raised an error, write it as in the sample, `np.array` of two rows of one number.").has_equal_value(expr_code="np.shape(b1)", incorrect_msg="`b1` has shape `{{stu_eval}}`, but it needs to be a column, `{{sol_eval}}`, one bias per hidden node, so that it is added to every column of `W1 @ X`.")
# got = {}
#
# def keep(key):
#     def func(student, solution):
#         got[key] = student
#         return True
#     return func
#
# Ex().check_object("H", missing_msg="`H` is not defined: if its line raised an error, check the shapes of `W1` (2, 2) and `b1` (2, 1), and keep the sample's line `H = step(W1 @ X + b1)`.").has_equal_value(func=keep("H"))
# Ex().has_equal_value(expr_code="W1 @ X + b1", func=keep("Z"))
# H, Z = np.asarray(got["H"]), np.asarray(got["Z"])
# OR, NAND = np.array([0.0, 1.0, 1.0, 1.0]), np.array([1.0, 1.0, 1.0, 0.0])
# inputs = ["(0, 0)", "(0, 1)", "(1, 0)", "(1, 1)"]
# if H.shape == (2, 4) and same(H[0], NAND) and same(H[1], OR):
#     Ex().fail("Your hidden nodes compute NAND and OR, in the wrong order: the first row of `W1` and of `b1` is hidden node 1, which computes OR; the second is hidden node 2, NAND.")
# nodes = (
#     (0, OR, "Hidden node 1 should compute OR, (0, 1, 1, 1)", "It should fire unless both inputs are 0: a negative bias, and weights each of which alone lifts the sum to 0 or more."),
#     (1, NAND, "Hidden node 2 should compute NAND, (1, 1, 1, 0)", "It should fire unless both inputs are 1: a bias of 0 or more, and negative weights that keep the sum at 0 or more for one input but make it negative for both."),
# )
# for row, target, should, rule in nodes:
#     if not same(H[row], target):
#         zero = [inputs[c] for c in range(4) if Z[row, c] == 0 and target[c] == 0]
#         if zero:
#             Ex().fail("{}, but for the input {} your weighted sum is exactly 0, and `step` fires at 0 (z ≥ 0): move the bias so that the sum is negative there.".format(should, zero[0]))
#         Ex().fail("{}, but your row {} of `W1` and `b1` gives {}. {}".format(should, row + 1, tuple(H[row].tolist()), rule))
# Ex().check_object("Y_hat", missing_msg="Keep the sample's line `Y_hat = step(W2 @ H + b2)`.").has_equal_value(func=same, incorrect_msg="Your hidden nodes are right, but `Y_hat` is `{{stu_eval}}`, not XOR: keep the sample's last lines, `Y_hat = step(W2 @ H + b2)` with the `W2` and `b2` given.")
# Ex().has_no_error(incorrect_msg="Your network is right, but a line after it raised `{{error}}`: keep the sample's `print` lines.")
# success_msg("Well done: a hidden layer turned XOR into a problem that one line can separate.")

# %% [markdown] tags=["hint"]
# Think of each hidden node as a perceptron from Part I: it fires when its weighted sum plus its bias is 0 or more. Write that sum down for the four inputs (0, 0), (0, 1), (1, 0) and (1, 1), then choose two weights and a bias that make it negative exactly where the node should give 0: for OR only at (0, 0), for NAND only at (1, 1).

# %% [markdown]
# With a large weight, the sigmoid is almost a step, as the first figure of this post showed.
# So the same network with sigmoid activations and all weights and biases multiplied by 10
# computes XOR too, up to a small error. These weights have a margin: no sum is exactly 0,
# every hidden $|z| \ge 0.5$ before scaling, so every hidden sigmoid is within
# $\sigma(-5) \approx 0.0067$ of 0 or 1. The output's sums move a little, because the hidden
# values it adds up are not exactly 0 and 1: its $|z|$ is 4.87 at least instead of 5, so the
# outputs are up to 0.0076 away from their targets, a little more than the hidden values:

# %%
W1 = np.array([[1.0, 1.0], [-1.0, -1.0]])
b1 = np.array([[-0.5], [1.5]])
W2 = np.array([[1.0, 1.0]])
b2 = np.array([[-1.5]])

H = sigmoid(10 * (W1 @ X + b1))
Y_hat = sigmoid(10 * (W2 @ H + b2))
print("outputs:", Y_hat.round(4))

hidden_error = np.max(np.abs(H - step(W1 @ X + b1)))
output_error = np.max(np.abs(Y_hat - np.array([[0.0, 1.0, 1.0, 0.0]])))
print(f"largest distance from 0 or 1: hidden {hidden_error:.4f}, outputs {output_error:.4f}")
assert np.isclose(hidden_error, sigmoid(-5.0)) and round(hidden_error, 4) == 0.0067
assert np.min(np.abs(10 * (W2 @ H + b2))) > 4.86 and round(output_error, 4) == 0.0076

# %% [markdown]
# Here we chose the weights by hand, because we knew the answer. For a task whose answer we
# do not know, the network has to find its weights from examples: that is what
# [Part III]({{< relref "nn-fundamentals-3" >}}) is about.
#
# ### Deeper networks
#
# Nothing in the forward pass is particular to one hidden layer. Each layer reads the values
# of the layer before it, multiplies them by its weight matrix, adds its bias column and
# applies the activation; what it computes is the next layer's input. So a network is
# described by the list of its layer sizes: `[3, 5, 4, 2]` has 3 inputs, two hidden layers
# of 5 and 4 nodes, and 2 outputs. The layer with $n_\text{out}$ nodes that reads
# $n_\text{in}$ values has, by the rule of this post, a weight matrix of shape
# $(n_\text{out}, n_\text{in})$ and a bias column of shape $(n_\text{out}, 1)$. A network with
# several hidden layers is called *deep*.
#
# Build a network from its layer sizes, and write its forward pass for any number of layers:
#
# * `init_network(sizes, rng)` returns two lists, the weight matrices and the bias columns,
#   one of each per layer after the input layer, from the input side on. Each weight matrix
#   is drawn with `rng.rand` and shifted by $-0.5$, so that the weights lie in $[-0.5, 0.5)$,
#   layer after layer; the biases start at zero. `rng` is a seeded generator,
#   `np.random.RandomState`, so that the same seed gives the same network.
# * `forward(X, weights, biases)` feeds the batch `X`, one input per column, through all the
#   layers in order, with the sigmoid in each, and returns the last layer's values.

# %% tags=["pre-exercise-code"] exercise="network-from-sizes"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# A batch of 6 inputs with 3 values each, one input per column
X = np.random.RandomState(0).normal(size=(3, 6))

# %% [raw] tags=["sample-code"]
# # A network given by its layer sizes: a weight matrix and a bias column per layer after the input layer
# def init_network(sizes, rng):
#     ___
#
# # The forward pass of the batch X through all the layers, in order
# def forward(X, weights, biases):
#     ___
#
# weights, biases = init_network([3, 5, 4, 2], np.random.RandomState(2018))
# print([W.shape for W in weights], forward(X, weights, biases).shape)

# %% tags=["solution"]
# A network given by its layer sizes: a weight matrix and a bias column per layer after the input layer
def init_network(sizes, rng):
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        weights.append(rng.rand(n_out, n_in) - 0.5)
        biases.append(np.zeros((n_out, 1)))
    return weights, biases

# The forward pass of the batch X through all the layers, in order
def forward(X, weights, biases):
    A = X
    for W, b in zip(weights, biases):
        A = sigmoid(W @ A + b)
    return A

weights, biases = init_network([3, 5, 4, 2], np.random.RandomState(2018))
print([W.shape for W in weights], forward(X, weights, biases).shape)

# %% tags=["solution-alternative"]
# A network given by its layer sizes: a weight matrix and a bias column per layer after the input layer
def init_network(sizes, rng):
    weights = [rng.uniform(-0.5, 0.5, size=(n, m)) for m, n in zip(sizes, sizes[1:])]
    biases = [np.zeros((n, 1)) for n in sizes[1:]]
    return weights, biases

# The forward pass of the batch X through all the layers, in order
def forward(X, weights, biases):
    for i in range(len(weights)):
        X = sigmoid(np.dot(weights[i], X) + biases[i])
    return X

weights, biases = init_network([3, 5, 4, 2], np.random.RandomState(2018))
print([W.shape for W in weights], forward(X, weights, biases).shape)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def sigmoid(z):
#     return 1 / (1 + np.exp(-z))
#
# # A blank left in the sample is named first, by the function whose body it stands for.
# bodies = {
#     "init_network": "a weight matrix and a bias column for each pair of neighbouring layer sizes, returned as two lists",
#     "forward": "the batch through every layer in turn, each reading the values of the layer before; return the last layer's values",
# }
# function = None
# for line in Ex()._state.student_code.splitlines():
#     if line.strip().startswith("def "):
#         function = line.strip()[4:].split("(")[0].strip()
#     if "___" in line:
#         Ex().fail("Write the body of `{}` in place of its blank `___`: {}.".format(function, bodies.get(function, "see the text above the exercise")))
#
# got = {}
#
# def keep(key):
#     def func(student, solution):
#         got[key] = student
#         return True
#     return func
#
# # init_network: what it returns for the sizes of the sample, checked piece by piece
# sizes = [3, 5, 4, 2]
# Ex().check_object("init_network", missing_msg="Define the function `init_network(sizes, rng)` of the sample.")
# Ex().has_equal_value(expr_code="init_network([3, 5, 4, 2], np.random.RandomState(2018))", func=keep("net"), error_msg="Calling `init_network([3, 5, 4, 2], np.random.RandomState(2018))` raised `{{stu_str}}`. The sizes [3, 5, 4, 2] give three layers after the input layer, one for each pair of neighbouring sizes: (3, 5), (5, 4) and (4, 2); a loop that goes one size too far raises an IndexError.")
# net = got["net"]
# if not (isinstance(net, (tuple, list)) and len(net) == 2 and all(isinstance(part, (tuple, list)) for part in net)):
#     Ex().fail("`init_network` should return two lists, the weight matrices and the bias columns, in this order; yours returns `{}`.".format(type(net).__name__))
# Ws, bs = net
# if len(Ws) != 3 or len(bs) != 3:
#     why = " Is your `return` inside the loop? It belongs after it." if min(len(Ws), len(bs)) == 1 else " The input layer has no weights: each layer is paired with the one before it." if max(len(Ws), len(bs)) == 4 else ""
#     Ex().fail("For the sizes [3, 5, 4, 2], `init_network` should give 3 weight matrices and 3 bias columns, one per layer after the input layer; yours gives {} and {}.{}".format(len(Ws), len(bs), why))
# for layer, (W, b, n_in, n_out) in enumerate(zip(Ws, bs, sizes, sizes[1:]), 1):
#     if np.shape(W) != (n_out, n_in):
#         Ex().fail("Weight matrix {} has shape {}, but layer {} has {} nodes and reads {} values, so it needs shape ({}, {}): one row per node of the layer, one column per value it reads.".format(layer, np.shape(W), layer, n_out, n_in, n_out, n_in))
#     if np.shape(b) != (n_out, 1):
#         Ex().fail("Bias {} has shape {}, but it needs to be a column, one bias per node of layer {}: shape ({}, 1).".format(layer, np.shape(b), layer, n_out))
# if not all(same(b, np.zeros_like(b)) for b in bs):
#     Ex().fail("Your biases have the right shapes, but they should start at zero.")
# if all(np.min(W) >= 0 for W in Ws):
#     Ex().fail("Your weights are all in [0, 1), as `rng.rand` draws them: shift them by -0.5, so that they lie in [-0.5, 0.5).")
# if not all(np.min(W) >= -0.5 and np.max(W) < 0.5 for W in Ws):
#     Ex().fail("Your weights should lie in [-0.5, 0.5): draw them with `rng.rand`, uniform in [0, 1), and subtract 0.5.")
# rng = np.random.RandomState(2018)
# if not all(same(W, rng.rand(n_out, n_in) - 0.5) for W, n_in, n_out in zip(Ws, sizes, sizes[1:])):
#     Ex().fail("Your weights have the right shapes and range, but not the numbers of the seeded generator: draw each matrix with `rng.rand(rows, columns)`, from the `rng` passed in (not from `np.random`), one after the other from the input side.")
#
# # forward: networks of one, two and three layers, with biases that are not zero
# R = np.random.RandomState(5)
# X4 = R.normal(size=(2, 4))
# layers = [(R.normal(size=(n_out, n_in)), R.normal(size=(n_out, 1))) for n_in, n_out in ((2, 3), (3, 2), (2, 2))]
# nets = [[(R.normal(size=(1, 2)), R.normal(size=(1, 1)))], layers[:1] + [(R.normal(size=(1, 3)), R.normal(size=(1, 1)))], layers]
# names = ["one layer (2 inputs, 1 output)", "two layers (2 inputs, 3 hidden nodes, 1 output)", "three layers (sizes [2, 3, 2, 2])"]
# Ex().check_object("forward", missing_msg="Define the function `forward(X, weights, biases)` of the sample.")
#
# def run(net, activation=sigmoid, with_biases=True, last=sigmoid):
#     A = X4
#     for number, (W, b) in enumerate(net, 1):
#         Z = W @ A + (b if with_biases else 0)
#         A = (last if number == len(net) else activation)(Z)
#     return A
#
# def array(a):
#     return "np.array({})".format(a.tolist())
#
# for depth, (net, name) in enumerate(zip(nets, names), 1):
#     call = "forward({}, [{}], [{}])".format(array(X4), ", ".join(array(W) for W, _ in net), ", ".join(array(b) for _, b in net))
#     error = "Calling `forward` for a network of {} raised `{{{{stu_str}}}}`.".format(name)
#     error += " Each layer's weight matrix (nodes of the layer, values it reads) comes first, times the values of the layer before, plus its bias column." if depth == 1 else " With one layer it works: each layer must read the values of the layer before it, not the batch `X`."
#     Ex().has_equal_value(expr_code=call, func=keep(depth), error_msg=error)
#     y = got[depth]
#     identity = lambda Z: Z
#     wrong = [
#         (y is None, "`forward` returns `None`: end it with `return` and the last layer's values, after the loop."),
#         (isinstance(y, (list, tuple)), "`forward` should return the last layer's values, one array, not a list of them."),
#         (same(y, X4), "`forward` returns the batch `X` unchanged: each layer's values must become the next layer's input, so keep them in the variable the loop passes on."),
#         (depth > 1 and same(y, run(net[:1])), "`forward` returns the values of the first layer only: is your `return` inside the loop? It belongs after it."),
#         (same(y, run(net, last=identity)), "`forward` returns the last layer's weighted sums: the last layer applies the sigmoid too."),
#         (same(y, run(net, activation=identity, last=identity)), "`forward` applies no activation: each layer's weighted sums go through the sigmoid."),
#         (same(y, run(net, with_biases=False)), "`forward` leaves out the biases: each layer adds its bias column to its weighted sums."),
#     ]
#     for is_it, message in wrong:
#         if is_it:
#             Ex().fail(message)
#     if not same(y, run(net)):
#         Ex().fail("For a network of {}, `forward` should return the last layer's values, shape {}; yours returns {}. Each layer: the sigmoid of its weight matrix times the values of the layer before, plus its bias column.".format(name, run(net).shape, "an array of shape {}".format(np.shape(y)) if np.shape(y) != run(net).shape else "other values"))
#
# Ex().check_object("weights", missing_msg="Keep the sample's line `weights, biases = init_network([3, 5, 4, 2], np.random.RandomState(2018))`.")
# Ex().has_no_error(incorrect_msg="Your functions are right, but a line after them raised `{{error}}`: keep the sample's last two lines.")
# success_msg("Well done: a network of any depth is a list of layers, and its forward pass is one loop over them.")

# %% [markdown] tags=["hint"]
# For the sizes [3, 5, 4, 2] there are three layers after the input layer, one for each pair of neighbouring sizes, (3, 5), (5, 4) and (4, 2): slicing the list of sizes twice, once without its last entry and once without its first, gives them side by side. In `forward`, keep the current layer's values in one variable, start it at `X`, and let every layer replace it.

# %% [markdown]
# ### Summary
#
# * A layer of $h_n$ neurons over $i_n$ inputs is a weight matrix $W^{(1)}$ of shape
#   $(h_n, i_n)$ and a bias vector of shape $(h_n, 1)$.
# * The forward pass is a matrix product, a bias and an activation per layer:
#   $\hat{\mathbf{y}} = \sigma(W^{(2)} \sigma(W^{(1)} \mathbf{x} + \mathbf{b}^{(1)}) + \mathbf{b}^{(2)})$.
# * With the inputs as columns of $X$, the same two lines process a whole batch; with the
#   examples as rows, the weights are transposed.
# * Without the activation, stacked layers collapse to a single linear layer; with it, a
#   hidden layer of two perceptrons computes XOR.
# * A network of any depth is a list of layer sizes, and its forward pass a loop over the
#   layers.
#
# With random weights the outputs are, of course, meaningless. How to find weights that make
# the network compute what we want, XOR included, is the topic of
# [Part III]({{< relref "nn-fundamentals-3" >}}).
