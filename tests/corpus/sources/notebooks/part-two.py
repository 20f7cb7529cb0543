# ---
# title: Neurons, part two
# date: 2024-03-03
# description: Weights and biases, and how a neuron learns them.
# jupyter:
#   jupytext:
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
# [Part one](part-one.ipynb) built a perceptron. Here it gets its parameters
# (in short: [the summary](#Summary:-weights,-then-learning)).
#
# ## Weights and Biases
#
# A weight scales an input; the bias shifts the sum. Back to
# [the perceptron](part-one.ipynb#The-Perceptron), or on to [what is next](#What's-next?).

# %%
weights, bias = [0.5, -1.0], 0.25
print(sum(w * x for w, x in zip(weights, [1.0, 2.0])) + bias)

# %% [markdown]
# Your turn: the net input of a neuron with two inputs.

# %% tags=["pre-exercise-code"] exercise="net-input"
inputs, weights, bias = [2.0, 0.5], [1.5, -2.0], -0.5

# %% [raw] tags=["sample-code"]
# # The weighted sum of the inputs, plus the bias
# net_input = ___

# %% tags=["solution"]
net_input = weights[0] * inputs[0] + weights[1] * inputs[1] + bias

# %% [raw] tags=["sct"]
# Ex().success_msg("Well done: that is the neuron's net input.")

# %% [markdown] tags=["hint"]
# Multiply each input by its weight, add the products, then add the bias.

# %% [markdown]
# ## What's next?
#
# Learning the weights from data: see [the measurements](Reading%20data.ipynb).

# %% [markdown]
# ## Summary: weights, then learning
#
# Weights and a bias make the neuron; data will set them.
