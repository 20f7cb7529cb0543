# ---
# title: Prettier plots with seaborn
# date: 2024-04-02
# ---

# %% [markdown]
# seaborn draws nicer histograms than plain matplotlib.

# %%
# %pip install seaborn
import seaborn as sns

# %%
sns.histplot([0.1, 0.4, 0.35, 0.8, 0.7, 0.2])
