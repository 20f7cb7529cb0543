# ---
# title: Series, part 1
# date: 2024-04-06
# ---

# %% [markdown]
# The first post of a series, kept in a folder of its own.
