# ---
# title: Neural Network Fundamentals II
# date: 2018-02-01
# tags: [Deep Learning, Neural Networks, Class17/18, Blog Instruction]
# categories: [seminar]
# description: Introduction to the Neural Network Fundamentals
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
# Ex().check_function_def("sigmoid").call([0.0]).has_equal_value()
# Ex().check_function_def("sigmoid").call([2.0]).has_equal_value()
# Ex().check_function_def("sigmoid").call([-3.0]).has_equal_value()
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
# The network has `i_n` input nodes, `h_n` hidden nodes and `o_n` output nodes.
# The weights between two layers form a matrix with one row per node of the
# next layer and one column per node of the previous layer, drawn at random.

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
