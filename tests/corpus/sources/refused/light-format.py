# ---
# title: A neuron in the light format
# date: 2024-03-05
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: light
#       format_version: '1.5'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# A neuron's net input is the dot product of its weights and inputs.

import numpy as np

# + tags=["sample-code"]
net_input = ___

# + tags=["solution"]
net_input = np.dot([0.5, -1.0], [1.0, 2.0])

# + tags=["sct"]
Ex().check_object("net_input").has_equal_value()

# + [markdown] tags=["hint"]
# `np.dot(a, b)` multiplies element-wise and sums.
