# ---
# title: Notes typed on Windows
# date: 2024-04-03
# ---

# %% [markdown]
# Written in Notepad, which saves a byte-order mark first.

# %%
print("hello from Notepad")
