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
# $a = \varphi(\mathbf{w}^\top \mathbf{x} + b)$, and showed that one neuron cannot compute XOR.
# Here we connect neurons into a network and compute its output, the *forward pass*;
# [Part III]({{< relref "nn-fundamentals-3" >}}) makes the network learn.
#
# ### Implementation of the NN from scratch
# Let's try to reimplement such a structure using Python.
# The crucial elements are:
#
# * layers
# * nodes
# * weights between them
# * activation function

# %% [markdown]
# The activation function decides how strongly a node "fires". A common choice
# is the sigmoid $\sigma(x) = \frac{1}{1 + e^{-x}}$, which squashes any input
# into the interval $(0, 1)$:

# %% alt="The sigmoid function rises from 0 to 1, passing 0.5 at x = 0."
import numpy as np
import matplotlib.pyplot as plt


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


x = np.linspace(-10, 10, 100)
plt.plot(x, sigmoid(x))
plt.title("sigmoid")
plt.show()

# %% [markdown]
# Now it is your turn: define the sigmoid yourself and draw it.

# %% tags=["pre-exercise-code"] exercise="draw-sigmoid"
import numpy as np
import matplotlib.pyplot as plt

# %% tags=["sample-code"]
# Define the sigmoid: 1 / (1 + e^(-x))
def sigmoid(x):
    return ___

# Draw this function on 100 points between -10 and 10
x = np.linspace(-10, 10, 100)
plt.plot(x, sigmoid(x))
plt.show()

# %% tags=["solution"]
# Define the sigmoid: 1 / (1 + e^(-x))
def sigmoid(x):
    return 1 / (1 + np.exp(-x))

# Draw this function on 100 points between -10 and 10
x = np.linspace(-10, 10, 100)
plt.plot(x, sigmoid(x))
plt.show()

# %% [raw] tags=["sct"]
# Ex().check_function_def("sigmoid").check_call("f(0.0)").has_equal_value(incorrect_msg="`sigmoid(0)` should be 0.5.")
# Ex().check_function_def("sigmoid").check_call("f(2.0)").has_equal_value(incorrect_msg="`sigmoid(x)` should be `1 / (1 + np.exp(-x))`; check `sigmoid(2)`.")
# Ex().check_function_def("sigmoid").check_call("f(np.array([-3.0, 0.5, 10.0]))").has_equal_value(incorrect_msg="`sigmoid` should work element by element on numpy arrays.")
# Ex().check_object("x").has_equal_value()
# Ex().check_function("matplotlib.pyplot.plot")
# success_msg("Great job!")

# %% [markdown] tags=["hint"]
# `np.exp(-x)` computes $e^{-x}$ for every element of `x`; the sigmoid is `1 / (1 + np.exp(-x))`.

# %% [markdown]
# A warm-up with plain Python variables:

# %% tags=["pre-exercise-code"] exercise="create-variable"
# no pec

# %% tags=["sample-code"]
# Create a variable a, equal to 5
a = ___

# Print out a
print(a)

# %% tags=["solution"]
# Create a variable a, equal to 5
a = 5

# Print out a
print(a)

# %% [raw] tags=["sct"]
# test_object("a")
# test_function("print")
# success_msg("Great job!")

# %% [markdown] tags=["hint"]
# Use the assignment operator (`=`) to create the variable `a`.

# %% [markdown]
# ### Layers, nodes and weights
#
# We arrange the nodes in three **layers**: `i_n` input nodes that hold the input values,
# `h_n` hidden nodes and `o_n` output nodes. Every node of one layer is connected to every
# node of the next one, and each connection has its own weight. The hidden layer is
# "hidden" because we never see its values directly: we only set the inputs and read the outputs.
# Here is the network we build in this post, with $i_n = 3$, $h_n = 5$ and $o_n = 2$:

# %% alt="A network diagram: three input nodes on the left, five hidden nodes in the middle and two output nodes on the right; every input node is joined to every hidden node (15 weights, the matrix W1 of shape 5 by 3), and every hidden node to every output node (10 weights, the matrix W2 of shape 2 by 5)."
import numpy as np
import matplotlib.pyplot as plt


def draw_network(layer_sizes, names, weight_names):
    """Draw a fully connected network: one column of nodes per layer."""
    fig, ax = plt.subplots(figsize=(8, 4.5))
    spacing = 3.0
    columns = [[(spacing * col, y - (n - 1) / 2) for y in range(n)] for col, n in enumerate(layer_sizes)]
    top = max(layer_sizes) / 2
    for col, (left, right) in enumerate(zip(columns, columns[1:])):
        for x0, y0 in left:
            for x1, y1 in right:
                ax.plot([x0, x1], [y0, y1], color="grey", linewidth=0.8, zorder=1)
        ax.text(spacing * (col + 0.5), -top - 0.3, weight_names[col], ha="center", va="top")
    for col, (nodes, name) in enumerate(zip(columns, names)):
        for x, y in nodes:
            ax.add_patch(plt.Circle((x, y), 0.22, facecolor="#9ecae1", edgecolor="black", zorder=2))
        ax.text(spacing * col, top + 0.2, name, ha="center", va="bottom")
    ax.set_xlim(-1, spacing * (len(layer_sizes) - 1) + 1)
    ax.set_ylim(-top - 1.2, top + 1.2)
    ax.set_aspect("equal")
    ax.axis("off")
    plt.show()


draw_network(
    [3, 5, 2],
    ["input layer\n$i_n = 3$", "hidden layer\n$h_n = 5$", "output layer\n$o_n = 2$"],
    ["$W^{(1)}$: $(h_n, i_n) = (5, 3)$", "$W^{(2)}$: $(o_n, h_n) = (2, 5)$"],
)

# %% [markdown]
# Each hidden node $k$ is a neuron as in [Part I]({{< relref "nn-fundamentals-1" >}}), with its
# own weight vector over the $i_n$ inputs. Stack these weight vectors as rows and you get the
# weight matrix $W^{(1)}$ between input and hidden layer: **one row per node of the next layer,
# one column per node of the previous layer**, so its shape is $(h_n, i_n)$. Its entry
# $W^{(1)}_{kj}$ is the weight from input $j$ to hidden node $k$. In the same way $W^{(2)}$,
# between hidden and output layer, has shape $(o_n, h_n)$. In the code we call them `w_i_h`
# and `w_h_o`.
#
# Before training we know nothing about good weights, so we draw them at random. We seed the
# random number generator, so that every run (and the check of your answer) draws the
# same numbers.

# %% tags=["pre-exercise-code"] exercise="random-weights"
# Load the package to work with numbers
import numpy as np

# Random draws are seeded, so that your weights can be checked
np.random.seed(2018)

# %% tags=["sample-code"]
# Determine the structure of the NN:
# i_n, h_n and o_n are the numbers of nodes in the input, hidden and output layers
i_n = 3
h_n = 5
o_n = 2

# Randomly define the weights between nodes: a (h_n x i_n) and a (o_n x h_n) matrix
w_i_h = np.random.rand(___, ___)
w_h_o = np.random.rand(___, ___)

# Show the matrices of randomly assigned weights
print(w_i_h)
print(w_h_o)

# %% tags=["solution"]
# Determine the structure of the NN:
# i_n, h_n and o_n are the numbers of nodes in the input, hidden and output layers
i_n = 3
h_n = 5
o_n = 2

# Randomly define the weights between nodes: a (h_n x i_n) and a (o_n x h_n) matrix
w_i_h = np.random.rand(h_n, i_n)
w_h_o = np.random.rand(o_n, h_n)

# Show the matrices of randomly assigned weights
print(w_i_h)
print(w_h_o)

# %% [raw] tags=["sct"]
# Ex().check_object("i_n").has_equal_value()
# Ex().check_object("h_n").has_equal_value()
# Ex().check_object("o_n").has_equal_value()
# Ex().check_object("w_i_h").has_equal_value(incorrect_msg="`w_i_h` should be `np.random.rand(h_n, i_n)`: one row per hidden node, one column per input node.")
# Ex().check_object("w_h_o").has_equal_value(incorrect_msg="`w_h_o` should be `np.random.rand(o_n, h_n)`: one row per output node, one column per hidden node.")
# success_msg("Great job! These matrices carry the signal from one layer to the next.")

# %% [markdown] tags=["hint"]
# `np.random.rand(rows, columns)` draws a matrix of uniform random numbers. The weights *into* the hidden layer need `h_n` rows and `i_n` columns.

# %% [markdown]
# The same draws as in the exercise, shown with their shapes. `np.random.rand` draws
# uniformly from $[0, 1)$, as the original post did; in
# [Part III]({{< relref "nn-fundamentals-3" >}}) we centre the weights around zero, which
# helps training. The biases $\mathbf{b}^{(1)}$ and $\mathbf{b}^{(2)}$, one per node of the
# hidden and output layer, start at zero.

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

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

np.random.seed(42)
i_n, h_n = 3, 4
w_i_h = np.random.rand(h_n, i_n)
b_h = np.random.rand(h_n, 1) - 0.5
x = np.array([[0.9], [0.1], [-0.4]])

# %% tags=["sample-code"]
# The weighted sums of the hidden nodes: the weight matrix times the input, plus the bias
z_h = ___ @ ___ + ___

# The values of the hidden nodes: the activation of the weighted sums
h = ___

print(z_h.shape, h.shape)
print(h)

# %% tags=["solution"]
# The weighted sums of the hidden nodes: the weight matrix times the input, plus the bias
z_h = w_i_h @ x + b_h

# The values of the hidden nodes: the activation of the weighted sums
h = sigmoid(z_h)

print(z_h.shape, h.shape)
print(h)

# %% [raw] tags=["sct"]
# Ex().check_object("z_h").has_equal_value(incorrect_msg="`z_h` should be `w_i_h @ x + b_h`: the (4, 3) weight matrix times the (3, 1) input gives a (4, 1) column, plus the bias.")
# Ex().check_object("h").has_equal_value(incorrect_msg="`h` should be `sigmoid(z_h)`.")
# success_msg("Great: one matrix product computes all hidden nodes at once.")

# %% [markdown] tags=["hint"]
# The matrix comes first: `w_i_h @ x` has shape `(h_n, 1)`. Add `b_h`, then apply `sigmoid` to the result.

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

# %% tags=["sample-code"]
# The forward pass of a network with one hidden layer
def forward(x, w_i_h, b_h, w_h_o, b_o):
    h = sigmoid(___)
    y_hat = sigmoid(___)
    return y_hat

print(forward(x, w_i_h, b_h, w_h_o, b_o))

# %% tags=["solution"]
# The forward pass of a network with one hidden layer
def forward(x, w_i_h, b_h, w_h_o, b_o):
    h = sigmoid(w_i_h @ x + b_h)
    y_hat = sigmoid(w_h_o @ h + b_o)
    return y_hat

print(forward(x, w_i_h, b_h, w_h_o, b_o))

# %% [raw] tags=["sct"]
# Ex().check_function_def("forward").check_call("f(x, w_i_h, b_h, w_h_o, b_o)").has_equal_value(incorrect_msg="`forward` should return `sigmoid(w_h_o @ h + b_o)`, where `h = sigmoid(w_i_h @ x + b_h)`.")
# Ex().check_function_def("forward").check_call("f(np.array([[1.0], [2.0]]), np.array([[0.5, -0.5], [1.0, 0.0], [0.0, 1.0]]), np.array([[0.1], [0.2], [-0.3]]), np.array([[1.0, -1.0, 2.0]]), np.array([[-0.5]]))").has_equal_value(incorrect_msg="`forward` should work for any layer sizes: try it with 2 inputs, 3 hidden nodes and 1 output.")
# success_msg("Well done: that is the complete forward pass.")

# %% [markdown] tags=["hint"]
# The hidden layer is `sigmoid(w_i_h @ x + b_h)`; the output layer does the same with `w_h_o`, `h` and `b_o`.

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

# %% tags=["sample-code"]
# Fill in the shapes as (rows, columns), using i_n, h_n, o_n and m
shape_X = (i_n, m)
shape_w_i_h = (___, ___)
shape_w_h_o = (___, ___)
shape_H = (___, ___)
shape_Y_hat = (___, ___)

print(shape_w_i_h, shape_w_h_o, shape_H, shape_Y_hat)

# %% tags=["solution"]
# Fill in the shapes as (rows, columns), using i_n, h_n, o_n and m
shape_X = (i_n, m)
shape_w_i_h = (h_n, i_n)
shape_w_h_o = (o_n, h_n)
shape_H = (h_n, m)
shape_Y_hat = (o_n, m)

print(shape_w_i_h, shape_w_h_o, shape_H, shape_Y_hat)

# %% [raw] tags=["sct"]
# Ex().check_object("shape_w_i_h").has_equal_value(incorrect_msg="`w_i_h` has one row per hidden node and one column per input: `(h_n, i_n)`.")
# Ex().check_object("shape_w_h_o").has_equal_value(incorrect_msg="`w_h_o` has one row per output node and one column per hidden node: `(o_n, h_n)`.")
# Ex().check_object("shape_H").has_equal_value(incorrect_msg="`H = sigmoid(w_i_h @ X + b_h)` is an `(h_n, i_n)` matrix times an `(i_n, m)` matrix.")
# Ex().check_object("shape_Y_hat").has_equal_value(incorrect_msg="`Y_hat` has one row per output node and one column per input of the batch.")
# success_msg("Right: the batch size only ever appears as the number of columns.")

# %% [markdown] tags=["hint"]
# A weight matrix has one row per node of the *next* layer and one column per node of the *previous* layer. In a batch, every matrix of node values has one column per input, so `m` columns.

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

# %% tags=["sample-code"]
# The hidden values of the whole batch, shape (h_n, 6)
H = sigmoid(___)

# The outputs of the whole batch, shape (o_n, 6)
Y_hat = sigmoid(___)

print(H.shape, Y_hat.shape)

# %% tags=["solution"]
# The hidden values of the whole batch, shape (h_n, 6)
H = sigmoid(w_i_h @ X + b_h)

# The outputs of the whole batch, shape (o_n, 6)
Y_hat = sigmoid(w_h_o @ H + b_o)

print(H.shape, Y_hat.shape)

# %% [raw] tags=["sct"]
# Ex().check_object("H").has_equal_value(incorrect_msg="`H` should be `sigmoid(w_i_h @ X + b_h)`: the same formula as for one input, with the batch `X` in place of `x`.")
# Ex().check_object("Y_hat").has_equal_value(incorrect_msg="`Y_hat` should be `sigmoid(w_h_o @ H + b_o)`.")
# success_msg("Great: six forward passes in two lines, without a loop.")

# %% [markdown] tags=["hint"]
# Exactly the formulas for one input: `w_i_h @ X + b_h` for the hidden layer, then `w_h_o @ H + b_o` for the outputs. Broadcasting adds the bias column to every column.

# %% [markdown]
# ### Summary
#
# * A layer of $h_n$ neurons over $i_n$ inputs is a weight matrix $W^{(1)}$ of shape
#   $(h_n, i_n)$ and a bias vector of shape $(h_n, 1)$.
# * The forward pass is a matrix product, a bias and an activation per layer:
#   $\hat{\mathbf{y}} = \sigma(W^{(2)} \sigma(W^{(1)} \mathbf{x} + \mathbf{b}^{(1)}) + \mathbf{b}^{(2)})$.
# * With the inputs as columns of $X$, the same two lines process a whole batch.
#
# With random weights the outputs are, of course, meaningless. How to find weights that make
# the network compute what we want, XOR included, is the topic of
# [Part III]({{< relref "nn-fundamentals-3" >}}).
