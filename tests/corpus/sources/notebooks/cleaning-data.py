# ---
# title: Cleaning the raw readings
# date: 2024-02-28
# description: From the recorder's raw log to the measurements the other posts read.
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
# The recorder's log is in the repository's `data/` folder, one line per trial, with an empty reading
# when the electrode slipped. This notebook drops those gaps and writes [the cleaned file](data/measurements.csv)
# that [the next post](Reading%20data.ipynb) reads, and the figure below into the repository's `figures/`.
#
# ![The readings of six trials, two of them missing](../figures/readings.png)

# %%
import matplotlib.pyplot as plt
import pandas as pd

raw = pd.read_csv("../data/raw-readings.csv")
clean = raw.dropna().assign(trial=lambda frame: range(1, len(frame) + 1))
print(len(raw), "trials,", len(raw) - len(clean), "gaps dropped")

# %%
clean.to_csv("data/measurements.csv", index=False)

fig, ax = plt.subplots(figsize=(4, 2.5))
ax.plot(raw["trial"], raw["mV"], marker="o")
ax.set_xlabel("trial")
ax.set_ylabel("mV")
fig.savefig("../figures/readings.png")
plt.close(fig)

# %% [markdown]
# The lab's archive wants the cleaned file beside the raw log, so a copy goes there too.

# %%
# !cp data/measurements.csv ../data/measurements-clean.csv
# !ls ../data
