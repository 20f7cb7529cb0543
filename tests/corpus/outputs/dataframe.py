# ---
# title: Training history as a table
# date: 2024-03-02
# ---

# %%
import numpy as np
import pandas as pd

# %% [markdown]
# The loss and accuracy of each epoch, as pandas shows them.

# %%
history = pd.DataFrame(
    {
        "epoch": range(1, 6),
        "loss": [0.6931, 0.4120, 0.2874, 0.2210, 0.1893],
        "accuracy": [0.50, 0.81, 0.89, 0.93, 0.95],
        "note": ["start", None, "lr & decay", "<stable>", "best"],
    }
).set_index("epoch")
history

# %% [markdown]
# A wide table: the weights of a layer with twelve inputs.

# %%
rng = np.random.default_rng(0)
weights = pd.DataFrame(rng.normal(size=(3, 12)).round(3), columns=[f"input {i}" for i in range(1, 13)], index=["h1", "h2", "h3"])
weights
