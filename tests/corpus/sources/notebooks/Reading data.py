# ---
# title: Reading the measurements
# date: 2024-03-01
# description: Loading a small data set of membrane potentials and summarising it.
# tags: [data]
# inputs: [data/measurements.csv]
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
# The measurements are in [a CSV file](data/measurements.csv) beside this notebook,
# taken on the neuron below.
#
# ![A perceptron: two inputs x1 and x2, weighted by w1 and w2, summed](figures/perceptron.png)
#
# The helper module `_units.py`, beside the notebook, converts millivolts to volts.

# %%
import csv

from _units import to_volts

with open("data/measurements.csv", newline="") as file:
    rows = list(csv.DictReader(file))
volts = [to_volts(float(row["mV"])) for row in rows]
print(len(rows), "measurements, mean", round(sum(volts) / len(volts), 5), "V")

# %% [markdown]
# ## Where the model comes from
#
# [The first part](part-one.ipynb#The-Perceptron) describes the perceptron.
