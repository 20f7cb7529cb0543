# ---
# title: How fast is sum?
# date: 2026-02-03
# ---

# %% [markdown]
# Timings differ on every run.

# %%
# %timeit -r 3 -n 100 sum(range(1000))
