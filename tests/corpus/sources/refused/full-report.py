# ---
# title: The training report
# date: 2024-04-08
# ---

# %% [markdown]
# The run's numbers are in [the full report](report.html), exported from the training script.
