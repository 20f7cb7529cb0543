# ---
# title: Backpropagation, step by step
# date: 2024-04-20
# draft: true
# ---

# %% [markdown]
# Not written yet.
