# ---
# title: Warnings and plots as Jupyter shows them
# date: 2024-03-12
# ---

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# %%
print(sigmoid(np.array([-1000.0, 0.0, 1000.0])))

# %%
warnings.warn("the learning rate is very high")
print("training anyway")

# %% tags=["remove-stderr"]
sigmoid(-1000.0)

# %% alt="A straight line"
plt.plot([0, 1], [0, 1])

# %%
sigmoid
