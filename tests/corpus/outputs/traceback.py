# ---
# title: What a shape mismatch looks like
# date: 2024-03-11
# ---

# %%
import numpy as np
import pandas as pd


def forward(weights, x):
    return weights @ x


# %% [markdown]
# A 2×3 weight matrix cannot take an input of length 2:

# %% tags=["raises-exception"]
forward(np.ones((2, 3)), np.ones(2))

# %% [markdown]
# Asking a table for a column it does not have:

# %% tags=["raises-exception"]
history = pd.DataFrame({"loss": [0.7, 0.4]})
history["accuracy"]
