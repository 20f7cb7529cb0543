# ---
# title: Fresh defaults
# date: 2026-02-02
# ---

# %% [markdown]
# Whatever ran before, this notebook starts as a fresh kernel does.

# %%
import os

import _settings
import numpy as np

print(np.array([1, 2]) / 3)
print(os.environ.get("DATA_DIR", "DATA_DIR is not set"))
print(_settings.SCALE, os.path.basename(os.getcwd()))

# %%
import time

time.sleep(1.5)  # long enough for a leaked thread to print here
print("done")
