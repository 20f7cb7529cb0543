# ---
# title: What a network learns
# date: 2024-04-05
# ---

# %% [markdown]
# A network learns its weights from data.
#
# How it does so is [the next part](soon.ipynb).
