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
# network learn, and [Part IV]({{< relref "nn-fundamentals-4" >}}) trains it on real data.
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
# $\mathbf{b}^{(1)}$ and $\mathbf{b}^{(2)}$, one per node of the hidden and output layer,
# start at zero.

# %%
np.random.seed(2018)

i_n = 3
h_n = 5
o_n = 2

w_i_h = np.random.rand(h_n, i_n)
w_h_o = np.random.rand(o_n, h_n)
b_h = np.zeros((h_n, 1))
b_o = np.zeros((o_n, 1))

print("w_i_h", w_i_h.shape)
print(w_i_h.round(3))
print("w_h_o", w_h_o.shape)
print(w_h_o.round(3))

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
# the outputs. In numpy, `@` is the matrix product:

# %%
x = np.array([[1.0], [0.5], [-1.5]])

h = sigmoid(w_i_h @ x + b_h)
y_hat = sigmoid(w_h_o @ h + b_o)

print("h", h.shape)
print(h.round(4))
print("y_hat", y_hat.shape)
print(y_hat.round(4))

# %% [markdown]
# Compute the hidden layer of a network yourself; this time the biases are not zero.

# %% tags=["pre-exercise-code"] exercise="hidden-layer"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

np.random.seed(42)
i_n, h_n = 3, 4
w_i_h = np.random.rand(h_n, i_n)
b_h = np.random.rand(h_n, 1) - 0.5
x = np.array([[0.9], [0.1], [-0.4]])

# %% [raw] tags=["sample-code"]
# # The weighted sums of the hidden nodes, biases included
# z_h = ___ @ ___ + ___
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
h = sigmoid(z_h)

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
# shapes = "`w_i_h` has shape (4, 3), `x` has shape (3, 1) and `b_h` has shape (4, 1); a matrix product (r, k) @ (k, c) needs the inner sizes to agree, and gives (r, c)."
# Ex().check_object("z_h", missing_msg="`z_h` is not defined: if its line raised an error, check the shapes. " + shapes).multi(
#     has_equal_value(expr_code="np.shape(z_h)", incorrect_msg="`z_h` has shape `{{stu_eval}}`, but it should be a column with one entry per hidden node, `{{sol_eval}}`. " + shapes + " `*` multiplies element by element, it is no matrix product."),
#     has_equal_value(func=same, incorrect_msg="`z_h` has the right shape but the wrong values. Each hidden node adds up its weights times the inputs, plus its own bias."),
# )
# Ex().check_object("h", missing_msg="Define `h`, the values of the hidden nodes.").has_equal_value(func=same, incorrect_msg="`h` should be the activation of the weighted sums, the sigmoid, applied element by element: values between 0 and 1.")
# success_msg("Great: one matrix product computes all hidden nodes at once.")

# %% [markdown] tags=["hint"]
# Which comes first in the product, the weight matrix or the input? Compare the shapes: the result needs one row per hidden node. Then apply the activation that is loaded for you.

# %% [markdown]
# Both layers together make the network's forward pass. Write it as a function of the input
# and the parameters:

# %% tags=["pre-exercise-code"] exercise="forward-function"
import numpy as np

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

# Parameters and an input to try your function on
np.random.seed(7)
w_i_h = np.random.rand(4, 3) - 0.5
b_h = np.random.rand(4, 1) - 0.5
w_h_o = np.random.rand(2, 4) - 0.5
b_o = np.random.rand(2, 1) - 0.5
x = np.array([[0.2], [-1.0], [0.7]])

# %% [raw] tags=["sample-code"]
# # The forward pass of a network with one hidden layer
# def forward(x, w_i_h, b_h, w_h_o, b_o):
#     h = sigmoid(___)
#     y_hat = sigmoid(___)
#     return y_hat
#
# print(forward(x, w_i_h, b_h, w_h_o, b_o))

# %% tags=["solution"]
# The forward pass of a network with one hidden layer
def forward(x, w_i_h, b_h, w_h_o, b_o):
    h = sigmoid(w_i_h @ x + b_h)
    y_hat = sigmoid(w_h_o @ h + b_o)
    return y_hat

print(forward(x, w_i_h, b_h, w_h_o, b_o))

# %% tags=["solution-alternative"]
# The forward pass of a network with one hidden layer
def forward(x, w_i_h, b_h, w_h_o, b_o):
    h = sigmoid(np.dot(w_i_h, x) + b_h)
    y_hat = sigmoid(np.dot(w_h_o, h) + b_o)
    return y_hat

print(forward(x, w_i_h, b_h, w_h_o, b_o))

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# # A network with 2 inputs, 3 hidden nodes and 1 output, unlike the example's sizes
# x2 = np.array([[1.0], [2.0]])
# w_i_h2 = np.array([[0.5, -0.5], [1.0, 0.0], [0.0, 1.0]])
# b_h2 = np.array([[0.1], [0.2], [-0.3]])
# w_h_o2 = np.array([[1.0, -1.0, 2.0]])
# b_o2 = np.array([[-0.5]])
# call = "f(np.array([[1.0], [2.0]]), np.array([[0.5, -0.5], [1.0, 0.0], [0.0, 1.0]]), np.array([[0.1], [0.2], [-0.3]]), np.array([[1.0, -1.0, 2.0]]), np.array([[-0.5]]))"
# call_error = "Calling `forward` with 2 inputs, 3 hidden nodes and 1 output raised `{{stu_str}}`. Check the shapes: in each layer the weight matrix (nodes of the layer, nodes of the previous layer) comes first, then the previous layer's values as a column."
# Ex().check_function_def("forward", missing_msg="Define a function `forward(x, w_i_h, b_h, w_h_o, b_o)`.").multi(
#     check_body().set_context(x=x2, w_i_h=w_i_h2, b_h=b_h2, w_h_o=w_h_o2, b_o=b_o2).has_equal_value(name="h", func=same, error_msg=call_error, incorrect_msg="Inside `forward`, the hidden values `h` are wrong: they are the sigmoid of the input weights times `x`, plus the hidden biases, one row per hidden node."),
#     check_call(call).has_equal_value(func=same, error_msg=call_error, incorrect_msg="The hidden values `h` are right, but `forward` returns `{{stu_eval}}`: the output layer does to `h`, with `w_h_o` and `b_o`, what the hidden layer does to `x`."),
#     check_call("f(x, w_i_h, b_h, w_h_o, b_o)").has_equal_value(func=same, error_msg=call_error, incorrect_msg="`forward` should also work for the example's network: it returned `{{stu_eval}}`."),
# )
# success_msg("Well done: that is the complete forward pass.")

# %% [markdown] tags=["hint"]
# The output layer repeats what the hidden layer does, one layer further on: its input is the hidden values, and it has its own weights and biases.

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
# The first column of `X` is the input `x` from before, so the first column of `Y_hat`
# repeats `y_hat`. Work out the shapes of a bigger network before you compute anything:

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
# Ex().check_object("shape_w_i_h", missing_msg="Define `shape_w_i_h`.").has_equal_value(incorrect_msg="`shape_w_i_h` is `{{stu_eval}}`, but a weight matrix has one row per node of the layer it feeds and one column per node of the layer it reads: here the hidden and the input layer.")
# Ex().check_object("shape_w_h_o", missing_msg="Define `shape_w_h_o`.").has_equal_value(incorrect_msg="`shape_w_h_o` is `{{stu_eval}}`, but `w_h_o` feeds the output layer and reads the hidden layer: rows for the one, columns for the other.")
# Ex().check_object("shape_H", missing_msg="Define `shape_H`.").has_equal_value(incorrect_msg="`shape_H` is `{{stu_eval}}`. `H` comes from a product (h_n, i_n) @ (i_n, m): the outer sizes remain.")
# Ex().check_object("shape_Y_hat", missing_msg="Define `shape_Y_hat`.").has_equal_value(incorrect_msg="`shape_Y_hat` is `{{stu_eval}}`, but `Y_hat` has one row per output node and one column per input of the batch.")
# success_msg("Right: the batch size only ever appears as the number of columns.")

# %% [markdown] tags=["hint"]
# Use the rule from the text: rows from the layer a matrix feeds, columns from the layer it reads. For the node values of a batch, how many columns does a batch of `m` inputs give?

# %% [markdown]
# Now the vectorised forward pass for a batch:

# %% tags=["pre-exercise-code"] exercise="batch-forward"
import numpy as np

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

np.random.seed(2018)
i_n, h_n, o_n = 3, 5, 2
w_i_h = np.random.rand(h_n, i_n) - 0.5
w_h_o = np.random.rand(o_n, h_n) - 0.5
b_h = np.random.rand(h_n, 1) - 0.5
b_o = np.random.rand(o_n, 1) - 0.5

# A batch of 6 inputs, one per column
X = np.random.rand(i_n, 6)

# %% [raw] tags=["sample-code"]
# # The hidden values of the whole batch, shape (h_n, 6)
# H = sigmoid(___)
#
# # The outputs of the whole batch, shape (o_n, 6)
# Y_hat = sigmoid(___)
#
# print(H.shape, Y_hat.shape)

# %% tags=["solution"]
# The hidden values of the whole batch, shape (h_n, 6)
H = sigmoid(w_i_h @ X + b_h)

# The outputs of the whole batch, shape (o_n, 6)
Y_hat = sigmoid(w_h_o @ H + b_o)

print(H.shape, Y_hat.shape)

# %% tags=["solution-alternative"]
# The hidden values of the whole batch, shape (h_n, 6)
H = sigmoid(np.dot(w_i_h, X) + b_h)

# The outputs of the whole batch, shape (o_n, 6)
Y_hat = sigmoid(np.dot(w_h_o, H) + b_o)

print(H.shape, Y_hat.shape)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# shapes = "`w_i_h` is (5, 3), `X` is (3, 6), `b_h` is (5, 1); `w_h_o` is (2, 5) and `b_o` is (2, 1). In a product (r, k) @ (k, c) the inner sizes must agree."
# Ex().check_object("H", missing_msg="`H` is not defined: if its line raised an error, check the shapes. " + shapes).multi(
#     has_equal_value(expr_code="np.shape(H)", incorrect_msg="`H` has shape `{{stu_eval}}`, but it needs one row per hidden node and one column per input of the batch, `{{sol_eval}}`. " + shapes),
#     has_equal_value(func=same, incorrect_msg="`H` has the right shape but the wrong values: the same formula as for one input, with the batch in place of the single column, the biases included."),
# )
# Ex().check_object("Y_hat", missing_msg="`Y_hat` is not defined: if its line raised an error, check the shapes. " + shapes).multi(
#     has_equal_value(expr_code="np.shape(Y_hat)", incorrect_msg="`Y_hat` has shape `{{stu_eval}}`, but it needs one row per output node and one column per input, `{{sol_eval}}`. " + shapes),
#     has_equal_value(func=same, incorrect_msg="`Y_hat` has the right shape but the wrong values: the output layer reads the hidden values `H`, with its own weights and biases."),
# )
# success_msg("Great: six forward passes in two lines, without a loop.")

# %% [markdown] tags=["hint"]
# Nothing changes from the single input except its name: the batch `X` takes the place of the column `x`. Broadcasting adds the bias column to every column.

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
# # Two linear layers, without an activation
# two_layers = W2 @ (W1 @ X + b1) + b2
#
# # The weights and bias of the single layer they collapse to
# W = ___
# b = ___
#
# # One layer with W and b on the same batch
# one_layer = W @ X + b
#
# print(W.shape, b.shape)
# print(np.allclose(two_layers, one_layer))

# %% tags=["solution"]
# Two linear layers, without an activation
two_layers = W2 @ (W1 @ X + b1) + b2

# The weights and bias of the single layer they collapse to
W = W2 @ W1
b = W2 @ b1 + b2

# One layer with W and b on the same batch
one_layer = W @ X + b

print(W.shape, b.shape)
print(np.allclose(two_layers, one_layer))

# %% tags=["solution-alternative"]
# Two linear layers, without an activation
two_layers = W2 @ (W1 @ X + b1) + b2

# The weights and bias of the single layer they collapse to
W = np.dot(W2, W1)
b = np.dot(W2, b1) + b2

# One layer with W and b on the same batch
one_layer = W @ X + b

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
# shapes = "`W1` is (4, 3) and `b1` is (4, 1); `W2` is (2, 4) and `b2` is (2, 1). In a product (r, k) @ (k, c) the inner sizes must agree."
# Ex().check_object("W", missing_msg="`W` is not defined: if its line raised an error, check the shapes. " + shapes).multi(
#     has_equal_value(expr_code="np.shape(W)", incorrect_msg="`W` has shape `{{stu_eval}}`, but the single layer reads the 3 inputs and feeds the 2 outputs: it needs shape `{{sol_eval}}`. The layer applied first stands on the right of a product."),
#     has_equal_value(func=same, incorrect_msg="`W` has the right shape but the wrong values: multiply out W2 (W1 x + b1) + b2 and collect everything that multiplies x."),
# )
# Ex().check_object("b", missing_msg="`b` is not defined: if its line raised an error, check the shapes. " + shapes).multi(
#     has_equal_value(expr_code="np.shape(b)", incorrect_msg="`b` has shape `{{stu_eval}}`, but it is one bias per output node, `{{sol_eval}}`. " + shapes),
#     has_equal_value(func=same, incorrect_msg="`b` has the right shape but the wrong values: in W2 (W1 x + b1) + b2, collect every term that does not multiply x. The first layer's bias also passes through the second layer's weights."),
# )
# Ex().check_object("one_layer").has_equal_value(func=same, incorrect_msg="Keep `one_layer = W @ X + b` from the sample.")
# success_msg("Right: without an activation, two layers are just one layer with W = W2 W1.")

# %% [markdown] tags=["hint"]
# Multiply out the formula in the text: everything that multiplies the input goes into `W`, everything else into `b`. The product of two matrices is taken in the order the layers are applied, the later layer on the left.

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
# Ex().check_object("W1", missing_msg="Define `W1`, the hidden layer's weights.").has_equal_value(expr_code="np.shape(W1)", incorrect_msg="`W1` has shape `{{stu_eval}}`, but it needs `{{sol_eval}}`: one row per hidden node, one column per input.")
# Ex().check_object("b1", missing_msg="Define `b1`, the hidden layer's biases.").has_equal_value(expr_code="np.shape(b1)", incorrect_msg="`b1` has shape `{{stu_eval}}`, but it needs to be a column, `{{sol_eval}}`, one bias per hidden node, so that it is added to every column of `W1 @ X`.")
# Ex().check_object("H", missing_msg="`H` is not defined: if its line raised an error, check the shapes of `W1` (2, 2) and `b1` (2, 1).").multi(
#     has_equal_value(expr_code="H[0]", func=same, incorrect_msg="Hidden node 1 should compute OR of the four inputs, (0, 1, 1, 1), but with your first row of `W1` and first bias it gives `{{stu_eval}}`. It should fire unless both inputs are 0."),
#     has_equal_value(expr_code="H[1]", func=same, incorrect_msg="Hidden node 2 should compute NAND, (1, 1, 1, 0), but with your second row of `W1` and second bias it gives `{{stu_eval}}`. It should fire unless both inputs are 1: negative weights, and a bias that one input alone cannot overcome."),
# )
# Ex().check_object("Y_hat").has_equal_value(func=same, incorrect_msg="`Y_hat` should be XOR, (0, 1, 1, 0); yours is `{{stu_eval}}`. Keep the sample's last two lines.")
# success_msg("Well done: a hidden layer turned XOR into a problem that one line can separate.")

# %% [markdown] tags=["hint"]
# Think of each hidden node as a perceptron from Part I. With inputs 0 or 1, a bias between the sum of one input's weight and that of two inputs' weights decides whether one active input is enough to fire.

# %% [markdown]
# With a large weight, the sigmoid is almost a step, as the first figure of this post showed.
# So the same network with sigmoid activations and all weights and biases multiplied by 10
# computes XOR too, up to a small error. These weights have a margin: no sum is exactly 0,
# every $|z| \ge 0.5$ before scaling, so every sigmoid is within $\sigma(-5) \approx 0.007$ of
# 0 or 1:

# %%
W1 = np.array([[1.0, 1.0], [-1.0, -1.0]])
b1 = np.array([[-0.5], [1.5]])
W2 = np.array([[1.0, 1.0]])
b2 = np.array([[-1.5]])

H = sigmoid(10 * (W1 @ X + b1))
Y_hat = sigmoid(10 * (W2 @ H + b2))
print("outputs:", Y_hat.round(2))
assert np.all(np.abs(Y_hat - np.array([[0.0, 1.0, 1.0, 0.0]])) < 0.01)

# %% [markdown]
# Here we chose the weights by hand, because we knew the answer. For a task whose answer we
# do not know, the network has to find its weights from examples: that is what
# [Part III]({{< relref "nn-fundamentals-3" >}}) is about.
#
# ### Summary
#
# * A layer of $h_n$ neurons over $i_n$ inputs is a weight matrix $W^{(1)}$ of shape
#   $(h_n, i_n)$ and a bias vector of shape $(h_n, 1)$.
# * The forward pass is a matrix product, a bias and an activation per layer:
#   $\hat{\mathbf{y}} = \sigma(W^{(2)} \sigma(W^{(1)} \mathbf{x} + \mathbf{b}^{(1)}) + \mathbf{b}^{(2)})$.
# * With the inputs as columns of $X$, the same two lines process a whole batch.
# * Without the activation, stacked layers collapse to a single linear layer; with it, a
#   hidden layer of two perceptrons computes XOR.
#
# With random weights the outputs are, of course, meaningless. How to find weights that make
# the network compute what we want, XOR included, is the topic of
# [Part III]({{< relref "nn-fundamentals-3" >}}).
